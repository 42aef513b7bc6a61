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
    let entries = if addons { &model.addons } else { &model.rates };
    entries
        .iter()
        .map(|(name, def)| {
            let text = Rate::from_def(&def.value, "", Span::default())
                .map_or_else(|_| "malformed".to_owned(), |rate| rate.to_string());
            (name.value.to_string(), text)
        })
        .collect()
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
                catalog.catalog.currency
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
            rates: rates_of(model, false)
                .into_iter()
                .map(|(resolution, rate)| document::Rate { resolution, rate })
                .collect(),
            addons: rates_of(model, true)
                .into_iter()
                .map(|(addon, rate)| document::Addon { addon, rate })
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
        currency: catalog.catalog.currency.to_string(),
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
