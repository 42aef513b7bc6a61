//! A catalog as a catalog file: the YAML `catalog:` and `--catalog` read back, so that a
//! studio starts its own from a built-in one (`shotlist models --format yaml`) and
//! `models import` writes one. Decimals are written as quoted strings, so that every
//! figure reads back exactly as it was.

use std::fmt::Write as _;

use crate::catalog::Catalog;
use crate::spec::{ModelDef, OrderedMap, Per, Provenance, RateDef, Spanned};

/// The catalog as a catalog file, headed by `comment` (one `#` line per line of it).
pub fn render(catalog: &Catalog, comment: &str) -> String {
    let mut out = String::new();
    for line in comment.lines() {
        out.push_str(format!("# {line}").trim_end());
        out.push('\n');
    }
    let meta = &catalog.catalog;
    out.push_str("catalog:\n");
    field(&mut out, 2, "id", &scalar(&meta.id));
    field(&mut out, 2, "title", &scalar(&meta.title));
    field(&mut out, 2, "currency", &scalar(&meta.currency.value));
    if let Some(price) = &meta.price_per_credit {
        field(&mut out, 2, "price_per_credit", &decimal(&price.0));
    }
    field(&mut out, 2, "seen", &meta.seen.to_string());
    field(
        &mut out,
        2,
        "default_video",
        &scalar(&meta.default_video.value),
    );
    field(
        &mut out,
        2,
        "default_image",
        &scalar(&meta.default_image.value),
    );
    out.push_str("\nmodels:\n");
    for (index, (id, model)) in catalog.models.iter().enumerate() {
        if index > 0 {
            out.push('\n');
        }
        let _ = writeln!(out, "  {}:", key(&id.value));
        model_fields(&mut out, &model.value);
    }
    out
}

fn model_fields(out: &mut String, model: &ModelDef) {
    field(out, 4, "kind", model.kind.value.name());
    if let Some(tier) = &model.tier {
        field(out, 4, "tier", tier.value.name());
    }
    rates(out, "rates", &model.rates);
    if !model.addons.is_empty() {
        rates(out, "addons", &model.addons);
    }
    if let Some(max) = &model.max_clip {
        field(out, 4, "max_clip", &max.value.to_string());
    }
    if let Some(min) = &model.min_clip {
        field(out, 4, "min_clip", &min.value.to_string());
    }
    if let Some(references) = &model.references {
        field(out, 4, "references", &references.value.to_string());
    }
    if let Some(max) = &model.max_references {
        field(out, 4, "max_references", &max.value.to_string());
    }
    if let Some(max) = &model.max_cuts {
        field(out, 4, "max_cuts", &max.value.to_string());
    }
    if let Some(retired) = &model.retired {
        field(out, 4, "retired", &retired.value.to_string());
    }
    if let Some(successor) = &model.successor {
        field(out, 4, "successor", &scalar(&successor.value));
    }
    if let Some(provenance) = model.provenance {
        let name = match provenance {
            Provenance::Official => "official",
            Provenance::ThirdParty => "third-party",
        };
        field(out, 4, "provenance", name);
    }
    if let Some(seen) = &model.seen {
        field(out, 4, "seen", &seen.to_string());
    }
    if let Some(source) = &model.source {
        field(out, 4, "source", &scalar(source.as_ref()));
    }
    if let Some(notes) = &model.notes {
        field(out, 4, "notes", &scalar(notes.as_ref()));
    }
}

fn rates(out: &mut String, section: &str, entries: &OrderedMap<Spanned<RateDef>>) {
    let _ = writeln!(out, "    {section}:");
    for (name, rate) in entries.iter() {
        let _ = writeln!(
            out,
            "      {}: {}",
            key(&name.value),
            rate_flow(&rate.value)
        );
    }
}

/// A rate as one flow mapping, the way the built-in catalogs write them.
fn rate_flow(rate: &RateDef) -> String {
    let mut parts = Vec::new();
    if let Some(credits) = &rate.credits {
        parts.push(format!("credits: {}", decimal(&credits.value.0)));
    }
    if let Some(per) = &rate.per {
        let per = match per.value {
            Per::Image => "image".to_owned(),
            Per::Time(duration) => duration.to_string(),
        };
        parts.push(format!("per: {per}"));
    }
    if let Some(minimum) = &rate.minimum {
        parts.push(format!("minimum: {}", minimum.value));
    }
    if let Some(increment) = &rate.increment {
        parts.push(format!("increment: {}", increment.value));
    }
    if let Some(buckets) = &rate.buckets {
        let buckets = buckets
            .value
            .iter()
            .map(|(length, credits)| {
                format!("{}: {}", key(&length.value), decimal(&credits.value.0))
            })
            .collect::<Vec<_>>();
        parts.push(format!("buckets: {{{}}}", buckets.join(", ")));
    }
    format!("{{{}}}", parts.join(", "))
}

fn field(out: &mut String, indent: usize, name: &str, value: &str) {
    let _ = writeln!(out, "{:indent$}{name}: {value}", "");
}

/// A decimal exactly as it is, quoted so that no YAML reader takes it for a float.
pub fn decimal(value: &rust_decimal::Decimal) -> String {
    format!("\"{}\"", value.normalize())
}

/// A string as a YAML scalar: plain when it reads back as the same string, otherwise
/// double-quoted (a JSON string is a valid YAML double-quoted scalar).
pub fn scalar(text: &str) -> String {
    if is_plain(text) {
        text.to_owned()
    } else {
        serde_json::Value::String(text.to_owned()).to_string()
    }
}

/// A mapping key: as [`scalar`].
pub fn key(text: &str) -> String {
    scalar(text)
}

/// Whether `text` reads back from plain YAML as this string: letters, digits and a few
/// separators, starting with a letter or digit, and not a word YAML reads as a boolean
/// or null, nor a number.
fn is_plain(text: &str) -> bool {
    const RESERVED: [&str; 11] = [
        "true", "false", "yes", "no", "on", "off", "null", "y", "n", "nan", "inf",
    ];
    let mut chars = text.chars();
    let starts_well = chars.next().is_some_and(|c| c.is_ascii_alphanumeric());
    starts_well
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '/'))
        && !RESERVED.contains(&text.to_ascii_lowercase().as_str())
        && text.parse::<f64>().is_err()
        && !text.starts_with("0x")
        && !text.starts_with("0o")
}
