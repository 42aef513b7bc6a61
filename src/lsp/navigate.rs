//! What an id under the cursor is: hovers on models, rules and assets, go to
//! definition, find references, and the outline of document symbols.

#![allow(deprecated)] // `DocumentSymbol::deprecated` is a field every literal must set.

use lsp_types::{DocumentSymbol, SymbolKind};

use super::analysis::{Analysis, IdKind, Occurrence};
use super::position::range;
use crate::catalog::Catalog;
use crate::catalog::rate::Rate;
use crate::lint::registry;
use crate::source::Span;
use crate::spec::{ModelDef, Provenance};
use crate::validate::AssetKind;
use crate::wording::credits;

/// The occurrences that define `of`'s id.
pub fn definitions<'a>(analysis: &'a Analysis, of: &Occurrence) -> Vec<&'a Occurrence> {
    analysis
        .occurrences
        .iter()
        .filter(|o| o.definition && o.kind == of.kind && o.id == of.id)
        .collect()
}

/// Every occurrence of `of`'s id, its definitions first when `with_definition`.
pub fn references<'a>(
    analysis: &'a Analysis,
    of: &Occurrence,
    with_definition: bool,
) -> Vec<&'a Occurrence> {
    analysis
        .occurrences
        .iter()
        .filter(|o| o.kind == of.kind && o.id == of.id && (with_definition || !o.definition))
        .collect()
}

fn model_def<'a>(analysis: &'a Analysis, id: &str) -> Option<(&'a ModelDef, Option<&'a Catalog>)> {
    let spec = analysis.spec()?;
    if let Some(model) = spec.models.get(id) {
        return Some((&model.value, None));
    }
    let catalog = analysis.catalog.as_deref()?;
    catalog.model(id).map(|model| (model, Some(catalog)))
}

fn model_hover(analysis: &Analysis, id: &str) -> Option<String> {
    let (model, catalog) = model_def(analysis, id)?;
    let rate_lines =
        |entries: &crate::spec::OrderedMap<crate::spec::Spanned<crate::spec::RateDef>>| {
            entries
                .iter()
                .map(|(name, def)| {
                    let rate = Rate::from_def(&def.value, "", Span::default())
                        .map_or_else(|_| "malformed".to_owned(), |rate| rate.to_string());
                    format!("- `{}`: {rate}", name.value)
                })
                .collect::<Vec<_>>()
                .join("\n")
        };
    let mut text = format!(
        "**model `{id}`** — {} {}{}\n\nrates:\n{}",
        model
            .tier
            .as_ref()
            .map_or("standard", |tier| tier.value.name()),
        model.kind.value.name(),
        if catalog.is_some() {
            ""
        } else {
            ", from the spec's `models:`"
        },
        rate_lines(&model.rates)
    );
    if !model.addons.is_empty() {
        text.push_str(&format!("\n\naddons:\n{}", rate_lines(&model.addons)));
    }
    let clip = match (&model.min_clip, &model.max_clip) {
        (Some(min), Some(max)) => Some(format!("{}–{}", min.value, max.value)),
        (None, Some(max)) => Some(format!("up to {}", max.value)),
        (Some(min), None) => Some(format!("at least {}", min.value)),
        (None, None) => None,
    };
    if let Some(clip) = clip {
        text.push_str(&format!("\n\nclips: {clip}"));
    }
    let references = model.references.as_ref().is_some_and(|r| r.value);
    text.push_str(&format!(
        "; reference images: {}",
        if references { "yes" } else { "no" }
    ));
    let status = match &model.retired {
        Some(date) if date.value.0 <= analysis.today => format!("**retired** {}", date.value),
        Some(date) => format!("retiring {}", date.value),
        None => "active".to_owned(),
    };
    text.push_str(&format!("\n\nstatus: {status}"));
    if let Some(source) = &model.source {
        let provenance = match model.provenance {
            Some(Provenance::Official) => "official",
            Some(Provenance::ThirdParty) => "third-party",
            None => "unsourced",
        };
        text.push_str(&format!("\n\nsource ({provenance}): {source}"));
    }
    if let Some(seen) = &model.seen {
        let days = seen
            .0
            .until(analysis.today)
            .map_or(0, |span| span.get_days());
        text.push_str(&format!("; price seen {seen}, {days} days ago"));
    }
    if let Some(catalog) = catalog {
        text.push_str(&format!("\n\ncatalog: {}", catalog.catalog.title));
    }
    Some(text)
}

fn rule_hover(name: &str) -> Option<String> {
    let rule = registry::find(name)?;
    Some(format!(
        "**{} `{}`** (default: {})\n\n{}\n\n{}",
        rule.code.id,
        rule.code.name,
        rule.default_level.name(),
        rule.summary,
        rule.docs.trim()
    ))
}

fn asset_hover(analysis: &Analysis, kind: AssetKind, id: &str) -> Option<String> {
    let spec = analysis.spec()?;
    let (index, asset) = kind
        .assets(spec)
        .iter()
        .enumerate()
        .find(|(_, asset)| asset.id.value == *id)?;
    let mut text = format!("**{} `{id}`**", kind.name());
    if let Some(name) = &asset.name {
        text.push_str(&format!(" — {name}"));
    }
    if let Some(look) = &asset.look {
        text.push_str(&format!("\n\nlook: {look}"));
    }
    let sheet = match &asset.sheet {
        None => "no reference sheet".to_owned(),
        Some(sheet) if sheet.is_locked() => "sheet locked: costs nothing more".to_owned(),
        Some(_) => {
            let cost = analysis.plan.as_ref().and_then(|plan| {
                plan.sheets
                    .iter()
                    .find(|(k, i, _)| *k == kind && *i == index)
                    .map(|(_, _, expected)| format!(", {} credits to lock", credits(*expected)))
            });
            format!("sheet draft{}", cost.unwrap_or_default())
        }
    };
    text.push_str(&format!("\n\n{sheet}"));
    Some(text)
}

/// The hover of an id: a model's catalog entry, a rule's documentation, an asset's
/// look and sheet; for a shot, segment or anything else, `None` (the caller shows the
/// shot's plan line).
pub fn id_hover(analysis: &Analysis, of: &Occurrence) -> Option<String> {
    match of.kind {
        IdKind::Model => model_hover(analysis, &of.id),
        IdKind::Rule => rule_hover(&of.id),
        IdKind::Asset(kind) => asset_hover(analysis, kind, &of.id),
        IdKind::Segment | IdKind::Shot => None,
    }
}

/// The outline: segments with their shots, then assets, then the spec's models.
pub fn symbols(analysis: &Analysis) -> Vec<DocumentSymbol> {
    let Some(spec) = analysis.spec() else {
        return Vec::new();
    };
    let source = &analysis.loaded.source;
    let symbol =
        |name: String, detail: Option<String>, kind, whole: Span, id: Span| DocumentSymbol {
            name,
            detail,
            kind,
            tags: None,
            deprecated: None,
            range: range(
                source,
                Span::new(
                    whole.offset.min(id.offset),
                    whole
                        .end()
                        .max(id.end())
                        .saturating_sub(whole.offset.min(id.offset)),
                ),
            ),
            selection_range: range(source, id),
            children: None,
        };
    let mut out = Vec::new();
    let mut shots_of: Vec<Vec<DocumentSymbol>> = vec![Vec::new(); spec.segments.len()];
    let segment_index: std::collections::HashMap<&str, usize> = spec
        .segments
        .iter()
        .enumerate()
        .map(|(index, segment)| (segment.id.value.as_str(), index))
        .collect();
    for shot in spec.shots.iter() {
        let detail = Some(shot.shot_type.value.name().to_owned());
        let whole = Span::new(
            shot.span.offset,
            super::analysis::shot_end(shot).saturating_sub(shot.span.offset),
        );
        let item = symbol(
            shot.id.value.to_string(),
            detail,
            SymbolKind::EVENT,
            whole,
            shot.id.span,
        );
        if let Some(list) = segment_index
            .get(shot.segment.value.as_str())
            .and_then(|&index| shots_of.get_mut(index))
        {
            list.push(item);
        }
    }
    for (segment, shots) in spec.segments.iter().zip(shots_of) {
        let mut item = symbol(
            segment.id.value.to_string(),
            Some(format!("segment, {}", segment.duration.value)),
            SymbolKind::NAMESPACE,
            segment.span,
            segment.id.span,
        );
        item.children = Some(shots);
        out.push(item);
    }
    for kind in AssetKind::ALL {
        for asset in kind.assets(spec) {
            out.push(symbol(
                asset.id.value.to_string(),
                Some(kind.name().to_owned()),
                SymbolKind::OBJECT,
                asset.span,
                asset.id.span,
            ));
        }
    }
    for (key, model) in spec.models.iter() {
        out.push(symbol(
            key.value.to_string(),
            Some("model".to_owned()),
            SymbolKind::CLASS,
            model.span,
            key.span,
        ));
    }
    out
}
