//! Rule metadata as text: the `shotlist rules` list, `shotlist explain`, SARIF help and
//! the generated `docs/rules.md`. Every one of them is built from the registry, so the
//! documentation cannot fall behind the rules.

use crate::diagnostic::CheckCode;
use crate::document::plan::SCHEMA_VERSION;
use crate::document::rules as document;
use crate::lint::RuleDef;
use crate::lint::registry::RULES;

/// The `## Options` section of a rule, generated from its option declarations.
pub fn options_section(rule: &RuleDef) -> String {
    let mut text = String::from("## Options\n");
    if rule.options.is_empty() {
        text.push_str("None. Only the level can be set: `off`, `warn` or `deny`.\n");
    }
    for option in rule.options {
        text.push_str(&format!(
            "- `{}` ({}, default `{}`): {}\n",
            option.name(),
            option.type_name(),
            option.default_text(),
            option.description()
        ));
    }
    text
}

/// The body of a rule's "What it does" section, on one line: SARIF's full description.
pub fn what_it_does(rule: &RuleDef) -> String {
    let body = rule
        .docs
        .split("## What it does\n")
        .nth(1)
        .and_then(|rest| rest.split("\n## ").next())
        .unwrap_or(rule.summary);
    body.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A rule's full documentation: its docs and the generated options section, as
/// Markdown with `##` headings.
pub fn documentation(rule: &RuleDef) -> String {
    format!("{}\n\n{}", rule.docs.trim_end(), options_section(rule))
}

/// `shotlist explain CODE` for a check code, which is also its SARIF help.
pub fn check_code_explanation(code: CheckCode) -> String {
    let (description, def) = (code.description(), code.def());
    let mut chars = description.chars();
    let capitalized: String = match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    };
    format!(
        "{} {} — check error\n\n{capitalized}.\nA spec with check errors is not linted or planned; `shotlist check FILE` shows where.\n",
        def.id, def.name
    )
}

/// `shotlist explain RULE` for a lint rule.
pub fn explain(rule: &RuleDef) -> String {
    format!(
        "{} {} — {}\nDefault level: {}\n\n{}",
        rule.code.id,
        rule.code.name,
        rule.summary,
        rule.default_level.name(),
        documentation(rule)
    )
}

/// `shotlist rules`: one line per rule, in columns.
pub fn list_human() -> String {
    let name_width = RULES.iter().map(|r| r.code.name.len()).max().unwrap_or(0);
    let mut text = String::new();
    for rule in RULES {
        text.push_str(&format!(
            "{}  {:name_width$}  {:4}  {}\n",
            rule.code.id,
            rule.code.name,
            rule.default_level.name(),
            rule.summary
        ));
    }
    text.push_str("\nRun `shotlist explain RULE` for a rule's documentation and options.\n");
    text
}

/// `shotlist rules --format json`: the [rules document](crate::document::rules).
pub fn list_json() -> String {
    let rules = RULES
        .iter()
        .map(|rule| document::Rule {
            code: rule.code.id.to_owned(),
            name: rule.code.name.to_owned(),
            level: rule.default_level.name().to_owned(),
            summary: rule.summary.to_owned(),
            options: rule
                .options
                .iter()
                .map(|option| document::RuleOption {
                    name: option.name().to_owned(),
                    type_name: option.type_name().to_owned(),
                    default: option.default_text(),
                    description: option.description().to_owned(),
                })
                .collect(),
        })
        .collect();
    let document = document::RulesDocument {
        schema_version: SCHEMA_VERSION,
        rules,
    };
    let mut text = serde_json::to_string_pretty(&document).unwrap_or_default();
    text.push('\n');
    text
}

/// `docs/rules.md`: the rule table and every rule's documentation.
pub fn markdown() -> String {
    let mut text = String::from(
        "# Lint rules\n\n\
         <!-- Generated from src/lint/rules/ by `UPDATE_DOCS=1 cargo test --test lint_meta`; do not edit by hand. -->\n\n\
         `shotlist lint` runs these rules on a spec that passes `shotlist check`. Each has a\n\
         stable code and name (either can be used in `lint:`, `allow:` and the `--deny`,\n\
         `--warn` and `--allow` flags) and a default level. `shotlist explain RULE` prints\n\
         the same documentation in a terminal; [lint.md](lint.md) describes configuration.\n\n\
         | code | name | default | summary |\n|---|---|---|---|\n",
    );
    for rule in RULES {
        text.push_str(&format!(
            "| {} | [`{}`](#{}-{}) | {} | {} |\n",
            rule.code.id,
            rule.code.name,
            rule.code.id.to_ascii_lowercase(),
            rule.code.name,
            rule.default_level.name(),
            rule.summary
        ));
    }
    for rule in RULES {
        text.push_str(&format!(
            "\n## {} {}\n\n{}. Default level: `{}`.\n\n",
            rule.code.id,
            rule.code.name,
            rule.summary,
            rule.default_level.name()
        ));
        // Demote the rule's own sections below its heading.
        for line in documentation(rule).lines() {
            match line.strip_prefix("## ") {
                Some(heading) => text.push_str(&format!("### {heading}\n")),
                None => {
                    text.push_str(line);
                    text.push('\n');
                }
            }
        }
    }
    text
}
