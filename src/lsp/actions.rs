//! Code actions, as precise text edits made by the spec's editing machinery (the one
//! `route --fix` uses): a did-you-mean replacement for an unknown id or rule, the model
//! `route` would move a shot to, and a lint rule added to a shot's `allow`.

use std::collections::HashMap;

use lsp_types::{
    CodeAction, CodeActionKind, Diagnostic as LspDiagnostic, TextEdit, Uri, WorkspaceEdit,
};

use super::analysis::{Analysis, IdKind, ShotCost};
use super::position::range;
use crate::catalog::Catalog;
use crate::diagnostic::{CheckCode, Diagnostic};
use crate::lint::registry;
use crate::lint::rules::kept_not_approved;
use crate::plan::fix::switch_shot;
use crate::plan::route::cheapest_shot_fit;
use crate::report::plan::money;
use crate::source::Source;
use crate::spec::Spec;
use crate::spec::edit::{self, Edit, Place};
use crate::suggest::did_you_mean;
use crate::wording::credits;

fn action(
    title: String,
    kind: CodeActionKind,
    uri: &Uri,
    source: &Source,
    edits: &[Edit],
    diagnostic: Option<LspDiagnostic>,
    preferred: bool,
) -> CodeAction {
    let edits = edits
        .iter()
        .map(|edit| {
            let span = crate::source::Span::new(
                u32::try_from(edit.range.start).unwrap_or(u32::MAX),
                u32::try_from(edit.range.len()).unwrap_or(0),
            );
            TextEdit::new(range(source, span), edit.text.clone())
        })
        .collect();
    CodeAction {
        title,
        kind: Some(kind),
        diagnostics: diagnostic.map(|d| vec![d]),
        edit: Some(WorkspaceEdit {
            changes: Some(HashMap::from([(uri.clone(), edits)])),
            ..WorkspaceEdit::default()
        }),
        is_preferred: Some(preferred),
        ..CodeAction::default()
    }
}

/// The ids an unknown id of `kind` may have meant.
fn known_ids(spec: &Spec, catalog: Option<&Catalog>, kind: IdKind) -> Vec<String> {
    match kind {
        IdKind::Segment => spec
            .segments
            .iter()
            .map(|s| s.id.value.to_string())
            .collect(),
        IdKind::Asset(kind) => kind
            .assets(spec)
            .iter()
            .map(|a| a.id.value.to_string())
            .collect(),
        IdKind::Model => {
            let mut ids: Vec<String> = spec.models.keys().map(str::to_owned).collect();
            if let Some(catalog) = catalog {
                ids.extend(catalog.models.keys().map(str::to_owned));
            }
            ids
        }
        IdKind::Rule => registry::RULES
            .iter()
            .map(|rule| rule.code.name.to_owned())
            .collect(),
        IdKind::Shot => Vec::new(),
    }
}

/// A did-you-mean replacement for a diagnostic about an unknown id.
fn did_you_mean_fix(analysis: &Analysis, diagnostic: &Diagnostic) -> Option<(String, Edit)> {
    let unknown = [
        CheckCode::UnknownSegment,
        CheckCode::UnknownAsset,
        CheckCode::UnknownModel,
        CheckCode::UnknownRule,
    ];
    if !unknown.iter().any(|code| code.def() == diagnostic.code) {
        return None;
    }
    let span = diagnostic.primary_span()?;
    let occurrence = analysis.occurrence_at(span.offset as usize)?;
    let known = known_ids(
        analysis.spec()?,
        analysis.catalog.as_deref(),
        occurrence.kind,
    );
    let better = did_you_mean(&occurrence.id, known.iter().map(String::as_str))?;
    let edit = edit::set_scalar(&analysis.loaded.source.text, occurrence.span, better)?;
    Some((format!("Replace `{}` with `{better}`", occurrence.id), edit))
}

/// Adds `rule` to shot `index`'s `allow`: after its last entry in a flow list, or as a
/// new `allow: [rule]` entry after the shot's `type`.
fn allow_edit(analysis: &Analysis, index: usize, rule: &str) -> Option<Edit> {
    let text = analysis.loaded.source.text.as_str();
    let shot = analysis.spec()?.shots.get(index)?;
    match shot.allow.last() {
        Some(last) => {
            let before_first = text.get(..shot.allow.first()?.span.offset as usize)?;
            // Only a flow list (`[a, b]`) takes `, rule`; a block list is left to the user.
            before_first.trim_end().ends_with('[').then(|| Edit {
                range: last.span.end() as usize..last.span.end() as usize,
                text: format!(", {rule}"),
            })
        }
        None => {
            let place = Place::After {
                key: "type",
                value: shot.shot_type.span,
            };
            // The entry is placed in the mapping's own style with the rule as its
            // value, then the value is made a one-item flow list.
            let mut entry = edit::add_entries(text, shot.span, place, &[("allow", rule)])?;
            let written = format!("allow: {rule}");
            let at = entry.text.find(&written)?;
            entry.text.replace_range(
                at..at.saturating_add(written.len()),
                &format!("allow: [{rule}]"),
            );
            Some(entry)
        }
    }
}

/// The id of shot `index`, for an action's title; empty should the spec be gone.
fn shot_id(analysis: &Analysis, index: usize) -> String {
    analysis
        .spec()
        .and_then(|spec| spec.shots.get(index))
        .map(|shot| shot.id.value.to_string())
        .unwrap_or_default()
}

/// Approves shot `index`: its `status` set to `approved`, or a `status: approved` entry
/// added after its `type`.
fn approve_edit(analysis: &Analysis, index: usize) -> Option<Edit> {
    let text = analysis.loaded.source.text.as_str();
    let shot = analysis.spec()?.shots.get(index)?;
    match &shot.status {
        Some(status) => edit::set_scalar(text, status.span, "approved"),
        None => {
            let place = Place::After {
                key: "type",
                value: shot.shot_type.span,
            };
            edit::add_entries(text, shot.span, place, &[("status", "approved")])
        }
    }
}

/// The switch `route` would make for shot `index`: the cheapest model that fits it at
/// the tier its type needs, when that saves credits.
fn route_fix(
    analysis: &Analysis,
    index: usize,
    today: jiff::civil::Date,
) -> Option<(String, Vec<Edit>)> {
    let plan = analysis.plan.as_ref()?;
    let Some(Some(ShotCost::Planned(now))) = plan.shots.get(index) else {
        return None;
    };
    let checked = analysis.loaded.check(None).ok()?;
    let shot = checked.spec().shots.get(index)?;
    let required = if checked.premium_types().contains(&shot.shot_type.value) {
        crate::spec::Tier::Premium
    } else {
        crate::spec::Tier::Standard
    };
    let best = cheapest_shot_fit(&checked, index, today, |model| model.tier >= required)?;
    let (choice, job) = best.priced.as_ref()?;
    let saving = now.credits.expected.checked_sub(job.credits.expected)?;
    if saving <= rust_decimal::Decimal::ZERO {
        return None;
    }
    let model = best.model;
    let edits = switch_shot(
        &analysis.loaded.source.text,
        &checked,
        index,
        model.id,
        choice.resolution,
        model.default_resolution(),
    )
    .ok()?;
    let money_saving = plan
        .price_per_credit
        .and_then(|price| saving.checked_mul(price))
        .map(|cost| format!(", {}", money(cost, &plan.currency)))
        .unwrap_or_default();
    let title = format!(
        "Switch `{}` to `{}` (saves {} credits{money_saving})",
        shot.id.value,
        model.id,
        credits(saving)
    );
    Some((title, edits))
}

/// The actions for the byte range `wanted` of the document: fixes for the diagnostics
/// there, and the route switch of the shot there.
pub fn code_actions(
    analysis: &Analysis,
    uri: &Uri,
    wanted: std::ops::Range<usize>,
    docs_url: &str,
) -> Vec<CodeAction> {
    let source = &analysis.loaded.source;
    let mut out = Vec::new();
    let touches = |start: usize, end: usize| start <= wanted.end && wanted.start <= end;
    for diagnostic in &analysis.diagnostics {
        let Some(span) = diagnostic.primary_span() else {
            continue;
        };
        if !touches(span.offset as usize, span.end() as usize) {
            continue;
        }
        let lsp = super::diagnostics::to_lsp(diagnostic, source, uri, docs_url);
        if let Some((title, edit)) = did_you_mean_fix(analysis, diagnostic) {
            out.push(action(
                title,
                CodeActionKind::QUICKFIX,
                uri,
                source,
                &[edit],
                Some(lsp.clone()),
                true,
            ));
        }
        if diagnostic.code.id == kept_not_approved::RULE.code.id
            && let Some(index) = analysis.shot_at(span.offset as usize)
            && let Some(edit) = approve_edit(analysis, index)
        {
            let title = format!(
                "Approve shot `{}` (`status: approved`)",
                shot_id(analysis, index)
            );
            out.push(action(
                title,
                CodeActionKind::QUICKFIX,
                uri,
                source,
                &[edit],
                Some(lsp.clone()),
                true,
            ));
        }
        let is_rule = registry::find(diagnostic.code.name)
            .is_some_and(|rule| rule.code.id == diagnostic.code.id);
        if is_rule
            && let Some(index) = analysis.shot_at(span.offset as usize)
            && let Some(edit) = allow_edit(analysis, index, diagnostic.code.name)
        {
            let title = format!(
                "Allow `{}` for shot `{}`",
                diagnostic.code.name,
                shot_id(analysis, index)
            );
            out.push(action(
                title,
                CodeActionKind::QUICKFIX,
                uri,
                source,
                &[edit],
                Some(lsp),
                false,
            ));
        }
    }
    if let Some(index) = analysis.shot_at(wanted.start)
        && let Some((title, edits)) = route_fix(analysis, index, analysis.today)
    {
        out.push(action(
            title,
            CodeActionKind::REFACTOR_REWRITE,
            uri,
            source,
            &edits,
            None,
            false,
        ));
    }
    out
}
