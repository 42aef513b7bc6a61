//! `shotlist compare`: the production costed on each catalog, side by side, as a table
//! for a terminal, Markdown for a pull request, or the compare document as JSON.

use std::fmt::Write as _;

use comfy_table::{Table, presets};

use super::{Style, markdown};
use crate::document::compare::{CatalogCosting, CompareDocument};
use crate::document::decimal::Fixed2;

fn money(value: Option<Fixed2>, currency: &str) -> String {
    value.map_or_else(
        || "—".to_owned(),
        |value| super::plan::money(value.value(), currency),
    )
}

fn unfit(catalog: &CatalogCosting) -> String {
    if catalog.unfit.is_empty() {
        "none".to_owned()
    } else {
        catalog.unfit.join(", ")
    }
}

fn verdict(document: &CompareDocument) -> String {
    match (&document.cheapest, &document.not_ranked) {
        (Some(cheapest), _) => format!("Cheapest: `{cheapest}`."),
        (None, Some(reason)) => format!("Not ranked: {reason}."),
        (None, None) => "Not ranked.".to_owned(),
    }
}

const HEADER: [&str; 8] = [
    "catalog",
    "credits (expected)",
    "cost best",
    "cost expected",
    "cost worst",
    "per finished minute",
    "models",
    "jobs no model fits",
];

fn row(catalog: &CatalogCosting) -> [String; 8] {
    let mut models: Vec<&str> = Vec::new();
    for job in catalog.jobs.iter().filter(|job| job.fits) {
        if !models.contains(&job.model.as_str()) {
            models.push(&job.model);
        }
    }
    [
        catalog.catalog.clone(),
        crate::wording::credits(catalog.credits.expected.value()),
        money(catalog.cost.best, &catalog.currency),
        money(catalog.cost.expected, &catalog.currency),
        money(catalog.cost.worst, &catalog.currency),
        money(catalog.cost_per_finished_minute, &catalog.currency),
        models.join(", "),
        unfit(catalog),
    ]
}

pub fn human(document: &CompareDocument, style: Style) -> String {
    let mut table = Table::new();
    table.load_style(presets::UTF8_FULL_CONDENSED);
    table.set_header(HEADER);
    for catalog in &document.catalogs {
        table.add_row(row(catalog));
    }
    style.fit(&mut table);
    format!(
        "{} on {} catalogs, every job on the cheapest model of each that fits it\n\n{table}\n{}\n",
        document.title,
        document.catalogs.len(),
        verdict(document)
    )
}

pub fn markdown(document: &CompareDocument) -> String {
    let mut out = format!(
        "### {} — cost by catalog\n\n",
        markdown::text(&document.title)
    );
    let _ = writeln!(out, "| {} |", HEADER.join(" | "));
    let _ = writeln!(out, "|{}", "---|".repeat(HEADER.len()));
    for catalog in &document.catalogs {
        let cells = row(catalog).map(|cell| markdown::cell(&cell));
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
    let _ = writeln!(out, "\n{}", verdict(document));
    out
}

pub fn json(document: &CompareDocument) -> String {
    let mut text = serde_json::to_string_pretty(document).unwrap_or_default();
    text.push('\n');
    text
}
