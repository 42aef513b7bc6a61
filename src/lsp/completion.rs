//! Completion of ids where a shot expects one: its `segment`, `characters`, `location`,
//! `props`, `model` and `allow`. Model candidates carry what they would cost for this
//! shot, priced as the plan prices it.

use lsp_types::{CompletionItem, CompletionItemKind, CompletionTextEdit, TextEdit};

use super::analysis::Analysis;
use super::position::range;
use crate::lint::registry;
use crate::plan::route::shot_candidates;
use crate::source::Span;
use crate::spec::ModelKind;
use crate::validate::AssetKind;
use crate::wording::credits;

/// Every key a shot may have: the nearest one before the cursor says what is typed.
const SHOT_KEYS: [&str; 17] = [
    "id",
    "segment",
    "type",
    "duration",
    "cuts",
    "prompt",
    "characters",
    "props",
    "location",
    "model",
    "resolution",
    "audio",
    "addons",
    "takes",
    "status",
    "allow",
    "script",
];

fn is_id_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '/')
}

/// The shot key whose value the cursor at `offset` is in, within `before` (the shot's
/// text up to the cursor).
fn key_before(before: &str) -> Option<&'static str> {
    SHOT_KEYS
        .iter()
        .filter_map(|key| {
            let pattern = format!("{key}:");
            before
                .match_indices(&pattern)
                .filter(|(at, _)| !before[..*at].ends_with(is_id_char))
                .last()
                .map(|(at, _)| (at, *key))
        })
        .max_by_key(|(at, _)| *at)
        .map(|(_, key)| key)
}

fn item(
    label: String,
    detail: Option<String>,
    kind: CompletionItemKind,
    edit_range: lsp_types::Range,
    sort: Option<String>,
) -> CompletionItem {
    CompletionItem {
        text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(
            edit_range,
            label.clone(),
        ))),
        label,
        detail,
        kind: Some(kind),
        sort_text: sort,
        ..CompletionItem::default()
    }
}

/// The completions at byte `offset`.
pub fn complete(analysis: &Analysis, offset: usize) -> Vec<CompletionItem> {
    let (Some(spec), Some(index)) = (analysis.spec(), analysis.shot_at(offset)) else {
        return Vec::new();
    };
    let Some(shot) = spec.shots.get(index) else {
        return Vec::new();
    };
    let text = analysis.loaded.source.text.as_str();
    let Some(before) = text.get(shot.span.offset as usize..offset) else {
        return Vec::new();
    };
    let Some(key) = key_before(before) else {
        return Vec::new();
    };
    let prefix_len = before
        .len()
        .saturating_sub(before.trim_end_matches(is_id_char).len());
    let start = offset.saturating_sub(prefix_len);
    let edit_range = range(
        &analysis.loaded.source,
        Span::new(
            u32::try_from(start).unwrap_or(u32::MAX),
            u32::try_from(prefix_len).unwrap_or(0),
        ),
    );
    let ids = |kind: AssetKind| -> Vec<CompletionItem> {
        kind.assets(spec)
            .iter()
            .map(|asset| {
                let detail = asset
                    .name
                    .as_ref()
                    .map(ToString::to_string)
                    .or_else(|| asset.look.as_ref().map(ToString::to_string));
                item(
                    asset.id.value.to_string(),
                    detail,
                    CompletionItemKind::REFERENCE,
                    edit_range,
                    None,
                )
            })
            .collect()
    };
    match key {
        "segment" => spec
            .segments
            .iter()
            .map(|segment| {
                let detail = Some(format!("segment, {}", segment.duration.value));
                item(
                    segment.id.value.to_string(),
                    detail,
                    CompletionItemKind::MODULE,
                    edit_range,
                    None,
                )
            })
            .collect(),
        "characters" => ids(AssetKind::Character),
        "location" => ids(AssetKind::Location),
        "props" => ids(AssetKind::Prop),
        "allow" => registry::RULES
            .iter()
            .map(|rule| {
                let detail = Some(format!("{} {}", rule.code.id, rule.summary));
                item(
                    rule.code.name.to_owned(),
                    detail,
                    CompletionItemKind::KEYWORD,
                    edit_range,
                    None,
                )
            })
            .collect(),
        "model" => models(analysis, index, edit_range),
        _ => Vec::new(),
    }
}

/// Video models for shot `index`, cheapest first, each with its expected credits for
/// this shot (or why it does not fit) when the spec checks; the catalog's and the spec's
/// video models unpriced otherwise.
fn models(analysis: &Analysis, index: usize, edit_range: lsp_types::Range) -> Vec<CompletionItem> {
    if let Ok(checked) = analysis.loaded.check(None) {
        return shot_candidates(&checked, index, analysis.today)
            .map(|candidate| {
                let id = candidate.model.id.to_owned();
                match candidate.expected().filter(|_| candidate.fit.fits()) {
                    Some(expected) => item(
                        id,
                        Some(format!(
                            "{} cr expected for this shot ({})",
                            credits(expected),
                            candidate.model.tier.name()
                        )),
                        CompletionItemKind::VALUE,
                        edit_range,
                        // Cheapest first: the credits, zero-padded, sort as text.
                        Some(format!("0{:020}", expected.round().mantissa())),
                    ),
                    None => item(
                        id,
                        Some("does not fit this shot".to_owned()),
                        CompletionItemKind::VALUE,
                        edit_range,
                        Some("1".to_owned()),
                    ),
                }
            })
            .collect();
    }
    let Some(spec) = analysis.spec() else {
        return Vec::new();
    };
    let mut out: Vec<CompletionItem> = spec
        .models
        .iter()
        .filter(|(_, model)| model.kind.value == ModelKind::Video)
        .map(|(key, _)| {
            item(
                key.value.to_string(),
                Some("spec model".to_owned()),
                CompletionItemKind::VALUE,
                edit_range,
                None,
            )
        })
        .collect();
    if let Some(catalog) = &analysis.catalog {
        out.extend(
            catalog
                .models
                .iter()
                .filter(|(_, model)| model.kind.value == ModelKind::Video)
                .map(|(key, _)| {
                    item(
                        key.value.to_string(),
                        Some(catalog.catalog.title.clone()),
                        CompletionItemKind::VALUE,
                        edit_range,
                        None,
                    )
                }),
        );
    }
    out
}
