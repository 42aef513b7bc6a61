//! LiteLLM's public price list (`model_prices_and_context_window.json`) read as catalog
//! models: its video and image generation entries, their money rates turned into
//! credits, and everything the list says that a catalog cannot hold, listed rather than
//! guessed at. The list is an input to check, not an oracle: it has no audio rates, no
//! tiers, no clip lengths and no reference-image support, and the report says so.

use rust_decimal::Decimal;
use serde_json::{Map, Value};

use crate::spec::ModelKind;

/// How to read the list.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// Keep only entries of these providers (the entry's `litellm_provider`, or its id's
    /// part before the first `/`); all when empty.
    pub providers: Vec<String>,
    /// Money per credit: a rate of `price` money becomes `price / price_per_credit`
    /// credits.
    pub price_per_credit: Decimal,
}

/// A model the import could price.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedModel {
    /// The id as the list names it (`provider/model`, or a bare id where the list has one).
    pub id: String,
    pub kind: ModelKind,
    /// Credits per second (video) or per image, by resolution; the list's default rate
    /// first. `default` is the list's base rate where it names no resolution.
    pub rates: Vec<(String, Decimal)>,
    pub retired: Option<jiff::civil::Date>,
    /// Recorded only when it is a model of the same kind in this import, since a
    /// catalog's successor must be one of its own models.
    pub successor: Option<String>,
    pub provider: String,
    /// The entry's `source` address, where it has one.
    pub source: Option<String>,
    /// The entry's `metadata.comment`: the list's own caveats about the price.
    pub comment: Option<String>,
}

/// Something in the list that the import left out or could not carry over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unmapped {
    pub id: String,
    pub reason: String,
}

/// What an import made of the list.
#[derive(Debug, Clone, Default)]
pub struct Imported {
    pub models: Vec<ImportedModel>,
    /// Video and image entries left out whole: no usable price.
    pub not_imported: Vec<Unmapped>,
    /// Parts of imported entries left out: unknown resolution keys, successors outside
    /// the import, unreadable dates.
    pub not_mapped: Vec<Unmapped>,
    /// Entries of other modes (chat, embedding, …) and of other providers, skipped.
    pub skipped: usize,
}

/// Reads the list's text. Fails only when the text is not a JSON object.
pub fn import(text: &str, options: &ImportOptions) -> Result<Imported, String> {
    let list: Map<String, Value> = serde_json::from_str(text)
        .map_err(|error| format!("not a LiteLLM price list (a JSON object): {error}"))?;
    let mut imported = Imported::default();
    for (id, entry) in &list {
        let Some(entry) = entry.as_object() else {
            imported.skipped = imported.skipped.saturating_add(1);
            continue;
        };
        let kind = match entry.get("mode").and_then(Value::as_str) {
            Some("video_generation") => ModelKind::Video,
            Some("image_generation") => ModelKind::Image,
            _ => {
                imported.skipped = imported.skipped.saturating_add(1);
                continue;
            }
        };
        let provider = entry
            .get("litellm_provider")
            .and_then(Value::as_str)
            .unwrap_or_default();
        if !wanted(id, provider, &options.providers) {
            imported.skipped = imported.skipped.saturating_add(1);
            continue;
        }
        read_entry(id, provider, kind, entry, options, &mut imported);
    }
    keep_known_successors(&mut imported);
    Ok(imported)
}

fn wanted(id: &str, provider: &str, providers: &[String]) -> bool {
    let prefix = id.split_once('/').map(|(prefix, _)| prefix);
    providers.is_empty()
        || providers
            .iter()
            .any(|wanted| wanted == provider || Some(wanted.as_str()) == prefix)
}

fn read_entry(
    id: &str,
    provider: &str,
    kind: ModelKind,
    entry: &Map<String, Value>,
    options: &ImportOptions,
    imported: &mut Imported,
) {
    let (base_key, prefix) = match kind {
        ModelKind::Video => ("output_cost_per_second", "output_cost_per_second_"),
        ModelKind::Image => ("output_cost_per_image", "output_cost_per_image_"),
    };
    let not_mapped = |reason: String| Unmapped {
        id: id.to_owned(),
        reason,
    };
    let mut by_resolution = Vec::new();
    for (key, value) in entry {
        let Some(suffix) = key.strip_prefix(prefix) else {
            continue;
        };
        // `output_cost_per_image_token` and the like price another dimension (tokens),
        // not a size; only a suffix that starts with a digit claims to be a resolution.
        if !suffix.starts_with(|c: char| c.is_ascii_digit()) {
            continue;
        }
        match (resolution_label(suffix), money(value)) {
            (Some(label), Some(price)) => by_resolution.push((label, price)),
            (None, _) => imported.not_mapped.push(not_mapped(format!(
                "`{key}` names no resolution shotlist can order (a number of lines with `p`, or `k`); rate not imported"
            ))),
            (Some(_), None) => imported.not_mapped.push(not_mapped(format!(
                "`{key}` is not a positive price; rate not imported"
            ))),
        }
    }
    let legacy = (kind == ModelKind::Video)
        .then(|| entry.get("output_cost_per_video_per_second"))
        .flatten();
    let base = entry.get(base_key).or(legacy).and_then(money);
    let mut rates = Vec::new();
    match base {
        // The base rate is the list's default: the resolution it equals goes first, or
        // it stands alone as `default` when it equals none.
        Some(base) => match by_resolution.iter().position(|(_, price)| *price == base) {
            Some(index) => {
                let first = by_resolution.remove(index);
                rates.push(first);
            }
            None => rates.push(("default".to_owned(), base)),
        },
        None if by_resolution.is_empty() => {
            imported.not_imported.push(not_mapped(match kind {
                ModelKind::Video => "no usable price: no per-second output rate".to_owned(),
                ModelKind::Image => "no usable price: no per-image output rate (priced per token, per pixel or per input image only)".to_owned(),
            }));
            return;
        }
        None => {}
    }
    rates.extend(by_resolution);
    let mut credits = Vec::with_capacity(rates.len());
    for (label, price) in rates {
        match price.checked_div(options.price_per_credit) {
            Some(value) => credits.push((label, value.normalize())),
            None => imported.not_mapped.push(not_mapped(format!(
                "the `{label}` rate does not convert to credits at {} per credit; rate not imported",
                options.price_per_credit
            ))),
        }
    }
    if credits.is_empty() {
        imported.not_imported.push(not_mapped(
            "no rate converts to credits at the given price per credit".to_owned(),
        ));
        return;
    }
    let retired = entry.get("deprecation_date").and_then(|date| {
        match date.as_str().map(str::parse::<jiff::civil::Date>) {
            Some(Ok(date)) => Some(date),
            _ => {
                imported.not_mapped.push(not_mapped(format!(
                    "deprecation date {date} is not a YYYY-MM-DD date; not recorded"
                )));
                None
            }
        }
    });
    let text = |key: &str| entry.get(key).and_then(Value::as_str).map(str::to_owned);
    imported.models.push(ImportedModel {
        id: id.to_owned(),
        kind,
        rates: credits,
        retired,
        successor: text("successor_model"),
        provider: provider.to_owned(),
        source: text("source"),
        comment: entry
            .get("metadata")
            .and_then(|metadata| metadata.get("comment"))
            .and_then(Value::as_str)
            .map(str::to_owned),
    });
}

/// A resolution suffix as a rate key shotlist orders: `720p`, `4k`, `0.5K` → `0.5k`.
/// A bare number (`1024`, a pixel size) is not one.
fn resolution_label(suffix: &str) -> Option<String> {
    let label = suffix.to_ascii_lowercase();
    let number = label
        .strip_suffix('p')
        .or_else(|| label.strip_suffix('k'))?;
    let number = Decimal::from_str_exact(number).ok()?;
    (number > Decimal::ZERO).then_some(label)
}

/// A price from the list: a positive JSON number, exactly as written (the list writes
/// small prices in exponent notation, `1e-05`).
fn money(value: &Value) -> Option<Decimal> {
    let Value::Number(number) = value else {
        return None;
    };
    let text = number.to_string();
    let price = if text.contains(['e', 'E']) {
        Decimal::from_scientific(&text).ok()?
    } else {
        Decimal::from_str_exact(&text).ok()?
    };
    (price > Decimal::ZERO).then_some(price)
}

/// Drops successors that are not models of the same kind in this import, noting each.
fn keep_known_successors(imported: &mut Imported) {
    let kinds: std::collections::HashMap<String, ModelKind> = imported
        .models
        .iter()
        .map(|model| (model.id.clone(), model.kind))
        .collect();
    for model in &mut imported.models {
        let Some(successor) = model.successor.take() else {
            continue;
        };
        if kinds.get(&successor) == Some(&model.kind) && successor != model.id {
            model.successor = Some(successor);
        } else {
            imported.not_mapped.push(Unmapped {
                id: model.id.clone(),
                reason: format!(
                    "successor `{successor}` is not {} model of this import; not recorded",
                    match model.kind {
                        ModelKind::Video => "a video",
                        ModelKind::Image => "an image",
                    }
                ),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options() -> ImportOptions {
        ImportOptions {
            providers: Vec::new(),
            price_per_credit: Decimal::new(1, 2),
        }
    }

    #[test]
    fn the_base_rate_leads_under_the_resolution_it_equals() {
        let text = r#"{"a/v": {"mode": "video_generation", "litellm_provider": "a",
            "output_cost_per_second": 0.2, "output_cost_per_second_720p": 0.1,
            "output_cost_per_second_1080p": 0.2}}"#;
        let imported = import(text, &options()).unwrap();
        assert_eq!(
            imported.models[0].rates,
            vec![
                ("1080p".to_owned(), Decimal::from(20)),
                ("720p".to_owned(), Decimal::from(10))
            ]
        );
    }

    #[test]
    fn a_base_rate_matching_no_resolution_is_the_default() {
        let text = r#"{"a/v": {"mode": "video_generation", "output_cost_per_second": 0.4,
            "output_cost_per_second_4k": 0.6}}"#;
        let imported = import(text, &options()).unwrap();
        assert_eq!(
            imported.models[0].rates[0],
            ("default".to_owned(), 40.into())
        );
        assert_eq!(imported.models[0].rates[1], ("4k".to_owned(), 60.into()));
    }

    #[test]
    fn exponent_prices_and_zero_prices() {
        assert_eq!(money(&serde_json::json!(1e-5)), Some(Decimal::new(1, 5)));
        assert_eq!(money(&serde_json::json!(0.0)), None);
        assert_eq!(money(&serde_json::json!("0.1")), None);
    }

    #[test]
    fn providers_match_the_provider_or_the_id_prefix() {
        let providers = vec!["vertex_ai".to_owned()];
        assert!(wanted(
            "vertex_ai/veo",
            "vertex_ai-video-models",
            &providers
        ));
        assert!(!wanted("gemini/veo", "gemini", &providers));
        assert!(wanted("sora-2", "openai", &["openai".to_owned()]));
    }

    #[test]
    fn not_an_object_is_an_error_not_a_panic() {
        assert!(import("[1, 2]", &options()).is_err());
        assert!(import("{", &options()).is_err());
    }
}
