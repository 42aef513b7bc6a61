//! `shotlist models`: a catalog as a table or JSON, with each entry's status and source
//! and the catalog's age, because prices change often.

use comfy_table::{Table, presets};

use super::Style;
use crate::catalog::Catalog;
use crate::catalog::rate::Rate;
use crate::document::models as document;
use crate::document::plan::SCHEMA_VERSION;
use crate::source::Span;
use crate::spec::{ModelDef, Provenance};

fn rates_of(model: &ModelDef, addons: bool) -> Vec<(String, String)> {
    priced_rates(model, addons)
        .into_iter()
        .map(|(name, text, _)| (name, text))
        .collect()
}

/// Each rate (or addon) of `model` by name, as text and as data; a rate that does not
/// check (which a checked catalog never has) is `malformed`, with no data.
fn priced_rates(model: &ModelDef, addons: bool) -> Vec<(String, String, document::Price)> {
    let entries = if addons { &model.addons } else { &model.rates };
    entries
        .iter()
        .map(|(name, def)| {
            let checked = Rate::from_def(&def.value, "", Span::default()).ok();
            let text = checked
                .as_ref()
                .map_or_else(|| "malformed".to_owned(), ToString::to_string);
            (name.value.to_string(), text, price(checked.as_ref()))
        })
        .collect()
}

fn exact(value: rust_decimal::Decimal) -> String {
    value.normalize().to_string()
}

fn price(rate: Option<&Rate>) -> document::Price {
    let mut price = document::Price {
        form: "malformed".to_owned(),
        credits: None,
        per_seconds: None,
        increment_seconds: None,
        minimum_seconds: None,
        buckets: None,
    };
    match rate {
        Some(Rate::Time {
            credits,
            per,
            increment,
            minimum,
        }) => {
            price.form = "time".to_owned();
            price.credits = Some(exact(*credits));
            price.per_seconds = Some(exact(*per));
            price.increment_seconds = increment.map(exact);
            price.minimum_seconds = minimum.map(exact);
        }
        Some(Rate::Buckets(buckets)) => {
            price.form = "buckets".to_owned();
            price.buckets = Some(
                buckets
                    .iter()
                    .map(|(seconds, credits)| document::Bucket {
                        seconds: exact(*seconds),
                        credits: exact(*credits),
                    })
                    .collect(),
            );
        }
        Some(Rate::Image { credits }) => {
            price.form = "image".to_owned();
            price.credits = Some(exact(*credits));
        }
        None => {}
    }
    price
}

fn clip_limits(model: &ModelDef) -> String {
    match (&model.min_clip, &model.max_clip) {
        (Some(min), Some(max)) => format!("{}–{}", min.value, max.value),
        (None, Some(max)) => format!("≤ {}", max.value),
        (Some(min), None) => format!("≥ {}", min.value),
        (None, None) => String::new(),
    }
}

fn status(model: &ModelDef, today: jiff::civil::Date) -> String {
    match &model.retired {
        Some(date) if date.value.0 <= today => format!("retired {}", date.value),
        Some(date) => format!("retiring {}", date.value),
        None => "active".to_owned(),
    }
}

fn provenance(model: &ModelDef) -> &'static str {
    match model.provenance {
        Some(Provenance::Official) => "official",
        Some(Provenance::ThirdParty) => "third-party",
        None => "unsourced",
    }
}

fn age_line(catalog: &Catalog, today: jiff::civil::Date) -> String {
    let days = catalog.age_days(today);
    let age = match days {
        d if d < 0 => "in the future of --today".to_owned(),
        0 => "today".to_owned(),
        1 => "1 day ago".to_owned(),
        d => format!("{d} days ago"),
    };
    let price = catalog.catalog.price_per_credit.map_or_else(
        || "no price per credit (set budget.price_per_credit)".to_owned(),
        |p| {
            format!(
                "1 credit = {} {}",
                p.0.normalize(),
                catalog.catalog.currency.value
            )
        },
    );
    format!(
        "{} — {}\n{price}; prices reviewed {} ({age}). Prices change often: check `source` before you trust one.\n",
        catalog.catalog.id, catalog.catalog.title, catalog.catalog.seen
    )
}

/// The catalog as a table for a terminal.
pub fn human(catalog: &Catalog, today: jiff::civil::Date, style: Style) -> String {
    let mut table = Table::new();
    table.load_style(presets::UTF8_FULL_CONDENSED);
    style.fit(&mut table);
    table.set_header([
        "model",
        "kind",
        "tier",
        "rates (credits)",
        "addons",
        "clip",
        "refs",
        "status",
        "source",
    ]);
    for (id, model) in catalog.models.iter() {
        let rates: Vec<String> = rates_of(model, false)
            .into_iter()
            .map(|(name, rate)| format!("{name}: {rate}"))
            .collect();
        let addons: Vec<String> = rates_of(model, true)
            .into_iter()
            .map(|(name, rate)| format!("{name}: +{rate}"))
            .collect();
        let seen = model.seen.map(|d| d.to_string()).unwrap_or_default();
        table.add_row([
            id.value.to_string(),
            model.kind.value.name().to_owned(),
            model
                .tier
                .as_ref()
                .map_or("standard", |t| t.value.name())
                .to_owned(),
            rates.join("\n"),
            addons.join("\n"),
            clip_limits(model),
            if model.references.as_ref().is_some_and(|r| r.value) {
                "yes"
            } else {
                "no"
            }
            .to_owned(),
            status(model, today),
            format!("{}, seen {seen}", provenance(model)),
        ]);
    }
    format!("{}\n{table}\n", age_line(catalog, today))
}

/// The catalog as JSON: the [models document](crate::document::models).
pub fn json(catalog: &Catalog, today: jiff::civil::Date) -> String {
    let models = catalog
        .models
        .iter()
        .map(|(id, model)| document::Model {
            id: id.value.to_string(),
            kind: model.kind.value.name().to_owned(),
            tier: model
                .tier
                .as_ref()
                .map_or("standard", |t| t.value.name())
                .to_owned(),
            rates: priced_rates(model, false)
                .into_iter()
                .map(|(resolution, rate, price)| document::Rate {
                    resolution,
                    rate,
                    price,
                })
                .collect(),
            addons: priced_rates(model, true)
                .into_iter()
                .map(|(addon, rate, price)| document::Addon { addon, rate, price })
                .collect(),
            min_clip: model
                .min_clip
                .as_ref()
                .map(|d| d.value.seconds().normalize().to_string()),
            max_clip: model
                .max_clip
                .as_ref()
                .map(|d| d.value.seconds().normalize().to_string()),
            references: model.references.as_ref().is_some_and(|r| r.value),
            status: status(model, today),
            retired: model.retired.as_ref().map(|d| d.value.to_string()),
            provenance: provenance(model).to_owned(),
            seen: model.seen.map(|d| d.to_string()),
            source: model.source.as_ref().map(ToString::to_string),
            notes: model.notes.as_ref().map(ToString::to_string),
        })
        .collect();
    let document = document::ModelsDocument {
        schema_version: SCHEMA_VERSION,
        catalog: catalog.catalog.id.to_string(),
        title: catalog.catalog.title.to_string(),
        currency: catalog.catalog.currency.value.clone(),
        price_per_credit: catalog
            .catalog
            .price_per_credit
            .map(|p| p.0.normalize().to_string()),
        seen: catalog.catalog.seen.to_string(),
        age_days: catalog.age_days(today),
        models,
    };
    let mut text = serde_json::to_string_pretty(&document).unwrap_or_default();
    text.push('\n');
    text
}

/// What `models import litellm` made of the list, as a catalog file and a report.
pub mod litellm {
    use std::fmt::Write as _;

    use rust_decimal::Decimal;

    use crate::catalog::litellm::{Imported, ImportedModel};
    use crate::report::catalog_yaml::{decimal, key, scalar};
    use crate::spec::ModelKind;

    /// The catalog file's header fields that are not in the list.
    pub struct Header<'a> {
        /// The list file as the user named it, for the catalog's comment.
        pub file: &'a str,
        pub price_per_credit: Decimal,
        /// When the list was read: the `seen` of the catalog and of every entry.
        pub seen: jiff::civil::Date,
    }

    /// The imported models as a catalog file. A catalog needs a default video and a
    /// default image model, so an import without either fails, naming which.
    pub fn catalog(imported: &Imported, header: &Header) -> Result<String, String> {
        let default_video = default_of(imported, ModelKind::Video, header.seen)?;
        let default_image = default_of(imported, ModelKind::Image, header.seen)?;
        let mut out = String::new();
        let _ = writeln!(
            out,
            "# Imported by `shotlist models import litellm` from {}: LiteLLM's public price\n\
             # list (MIT, © Berri AI), a third-party aggregator. Money rates are converted to\n\
             # credits at {} per credit. The list has no audio rates, tiers, clip lengths or\n\
             # reference-image support: add them per model before routing with this catalog.",
            header.file,
            header.price_per_credit.normalize()
        );
        out.push_str("catalog:\n");
        out.push_str("  id: litellm\n");
        out.push_str("  title: \"LiteLLM model_prices_and_context_window.json, imported\"\n");
        out.push_str("  currency: USD\n");
        let _ = writeln!(
            out,
            "  price_per_credit: {}",
            decimal(&header.price_per_credit)
        );
        let _ = writeln!(out, "  seen: {}", header.seen);
        let _ = writeln!(out, "  default_video: {}", scalar(default_video));
        let _ = writeln!(out, "  default_image: {}", scalar(default_image));
        out.push_str("\nmodels:\n");
        for (index, model) in imported.models.iter().enumerate() {
            if index > 0 {
                out.push('\n');
            }
            model_fields(&mut out, model, header.seen);
        }
        Ok(out)
    }

    /// The first model of `kind` still offered on `seen`, else the first of `kind`.
    fn default_of(
        imported: &Imported,
        kind: ModelKind,
        seen: jiff::civil::Date,
    ) -> Result<&str, String> {
        let of_kind = || imported.models.iter().filter(|model| model.kind == kind);
        of_kind()
            .find(|model| model.retired.is_none_or(|retired| retired > seen))
            .or_else(|| of_kind().next())
            .map(|model| model.id.as_str())
            .ok_or_else(|| {
                format!(
                    "no {} model was imported, and a catalog needs one as its default; widen `--provider`",
                    kind.name()
                )
            })
    }

    fn model_fields(out: &mut String, model: &ImportedModel, seen: jiff::civil::Date) {
        let _ = writeln!(out, "  {}:", key(&model.id));
        let _ = writeln!(out, "    kind: {}", model.kind.name());
        out.push_str("    rates:\n");
        for (label, credits) in &model.rates {
            let per = match model.kind {
                ModelKind::Video => "1s",
                ModelKind::Image => "image",
            };
            let _ = writeln!(
                out,
                "      {}: {{credits: {}, per: {per}}}",
                key(label),
                decimal(credits)
            );
        }
        if let Some(retired) = model.retired {
            let _ = writeln!(out, "    retired: {retired}");
        }
        if let Some(successor) = &model.successor {
            let _ = writeln!(out, "    successor: {}", scalar(successor));
        }
        out.push_str("    provenance: third-party\n");
        let _ = writeln!(out, "    seen: {seen}");
        let source = match &model.source {
            Some(address) => format!("LiteLLM price list, provider {}; {address}", model.provider),
            None => format!("LiteLLM price list, provider {}", model.provider),
        };
        let _ = writeln!(out, "    source: {}", scalar(&source));
        if let Some(comment) = &model.comment {
            let _ = writeln!(out, "    notes: {}", scalar(comment));
        }
    }

    /// What the import could not carry over, for standard error.
    pub fn report(imported: &Imported) -> String {
        let count = |kind| {
            imported
                .models
                .iter()
                .filter(|model| model.kind == kind)
                .count()
        };
        let mut out = format!(
            "imported {} models ({} video, {} image); {} entries of other modes or providers skipped\n",
            imported.models.len(),
            count(ModelKind::Video),
            count(ModelKind::Image),
            imported.skipped
        );
        for (title, entries) in [
            ("not imported", &imported.not_imported),
            ("not mapped", &imported.not_mapped),
        ] {
            if entries.is_empty() {
                continue;
            }
            let _ = writeln!(out, "\n{title} ({}):", entries.len());
            for entry in entries {
                let _ = writeln!(out, "  {}: {}", entry.id, entry.reason);
            }
        }
        out.push_str(
            "\nnot in the list at all, so not in the catalog:\n\
             \x20 audio: no video model has an `audio` addon, so shots with `audio: true` fit none\n\
             \x20 tiers: every model is `standard`, so shot types kept premium fit none\n\
             \x20 clip lengths: no `max_clip` or `min_clip`, so none is checked or billed\n\
             \x20 reference images: no model takes them, so shots with characters fit none\n",
        );
        out
    }
}
