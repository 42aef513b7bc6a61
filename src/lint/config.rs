//! Validation of the spec's lint configuration: the `lint:` section and every shot's
//! `allow:` list. It runs as part of `shotlist check`, so a misspelt rule or option is
//! a check error with its span, not a silently ignored setting.

use std::collections::HashMap;

use super::registry;
use crate::diagnostic::CheckCode;
use crate::diagnostic::Diagnostic;
use crate::source::Span;
use crate::spec::{RuleSetting, Spec};

/// Checks the `lint:` section and every `allow:` list, pushing E116/E117 problems.
pub fn check_config(spec: &Spec, problems: &mut Vec<Diagnostic>) {
    // Keys may name a rule by name or by code; the same rule twice is ambiguous.
    let mut configured: HashMap<&str, Span> = HashMap::new();
    for (key, setting) in spec.lint.iter() {
        let path = format!("lint.{}", key.value);
        let Some(rule) = registry::find(&key.value) else {
            problems.push(unknown_rule(&key.value, key.span, path));
            continue;
        };
        if let Some(first) = configured.insert(rule.code.id, key.span) {
            problems.push(
                Diagnostic::error(
                    CheckCode::DuplicateKey,
                    format!("rule `{}` is configured twice", rule.name()),
                )
                .with_path(path.clone())
                .with_label(key.span, "configured again here")
                .with_secondary(first, "first configured here")
                .with_help("keep one entry for the rule; a name and its code are the same rule"),
            );
        }
        let RuleSetting::Table { options, .. } = &setting.value else {
            continue;
        };
        for (name, value) in options.iter() {
            let option_path = format!("{path}.{}", name.value);
            let Some(option) = rule.option(&name.value) else {
                let names = rule.options.iter().map(|option| option.name());
                let help = match crate::suggest::did_you_mean(&name.value, names.clone()) {
                    Some(close) => format!("did you mean `{close}`?"),
                    None if rule.options.is_empty() => format!(
                        "`{}` takes no options; only `level` can be set",
                        rule.name()
                    ),
                    None => format!(
                        "`{}` takes `level` and {}",
                        rule.name(),
                        names
                            .map(|n| format!("`{n}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                };
                problems.push(
                    Diagnostic::error(
                        CheckCode::InvalidRuleOption,
                        format!("rule `{}` has no option `{}`", rule.name(), name.value),
                    )
                    .with_path(option_path)
                    .with_label(name.span, "unknown option")
                    .with_help(help),
                );
                continue;
            };
            if let Err(reason) = option.validate(&value.value) {
                problems.push(
                    Diagnostic::error(
                        CheckCode::InvalidRuleOption,
                        format!(
                            "option `{}` of `{}` cannot be `{}`",
                            option.name(),
                            rule.name(),
                            value.value.trim()
                        ),
                    )
                    .with_path(option_path)
                    .with_label(value.span, reason)
                    .with_help(format!(
                        "write a value such as `{}` (the default)",
                        option.default_text()
                    )),
                );
            }
        }
    }
    for (position, shot) in spec.shots.iter().enumerate() {
        for (index, name) in shot.allow.iter().enumerate() {
            if registry::find(&name.value).is_none() {
                problems.push(unknown_rule(
                    &name.value,
                    name.span,
                    format!("shots[{position}].allow[{index}]"),
                ));
            }
        }
    }
}

fn unknown_rule(name: &str, span: Span, path: String) -> Diagnostic {
    let help = match registry::suggest(name) {
        Some(close) => format!("did you mean `{close}`?"),
        None => "run `shotlist rules` to list the rules".to_owned(),
    };
    Diagnostic::error(
        CheckCode::UnknownRule,
        format!("unknown lint rule `{name}`"),
    )
    .with_path(path)
    .with_label(span, "no rule with this name")
    .with_help(help)
}
