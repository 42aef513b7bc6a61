//! The built-in price catalogs. Each is a YAML data file compiled into the binary and
//! read with the same types as a spec's `models:` section, so a catalog entry and a
//! user's own model are one thing; their rates in checked form ([`rate`]) and exact
//! quotients ([`ratio`]).

pub mod litellm;
pub mod rate;
pub mod ratio;

use std::ops::Deref;
use std::sync::{Arc, OnceLock};

use schemars::JsonSchema;
use serde::Deserialize;

use crate::diagnostic::Diagnostic;
use crate::spec::{CatalogId, Date, Dec, ModelDef, OrderedMap, Spanned, parse_catalog};
pub use ratio::Ratio;

const LIST_PRICES: &str = include_str!("list-prices.yaml");
const INVIDEO: &str = include_str!("invideo.yaml");

/// A price catalog, built in or read from a catalog file: its metadata and its models
/// in file order.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "shotlist price catalog")]
pub struct Catalog {
    pub catalog: CatalogMeta,
    pub models: OrderedMap<Spanned<ModelDef>>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CatalogMeta {
    pub id: String,
    pub title: String,
    pub currency: Spanned<String>,
    /// Money per credit, where the sources give one.
    #[serde(default)]
    pub price_per_credit: Option<Dec>,
    /// When the catalog as a whole was last reviewed.
    pub seen: Date,
    /// A shot's model when neither it nor routing names one.
    pub default_video: Spanned<String>,
    /// A sheet's model when neither it nor routing names one.
    pub default_image: Spanned<String>,
}

/// A catalog in use: a built-in one, kept for the whole process, or one read from a
/// file, shared and freed with its last holder, so that a process reading many versions
/// of a file (a language server as the user edits it) keeps only those in use.
#[derive(Debug, Clone)]
pub enum CatalogHandle {
    Builtin(&'static Catalog),
    File(Arc<Catalog>),
}

impl Deref for CatalogHandle {
    type Target = Catalog;

    fn deref(&self) -> &Catalog {
        match self {
            CatalogHandle::Builtin(catalog) => catalog,
            CatalogHandle::File(catalog) => catalog,
        }
    }
}

impl Catalog {
    /// The parsed built-in catalog. Parsing happens once per process; a catalog that
    /// fails to parse is a build defect (a test parses both), reported, not panicked on.
    pub fn builtin(id: CatalogId) -> Result<&'static Catalog, Diagnostic> {
        static LIST_PRICES_CATALOG: OnceLock<Result<Catalog, Diagnostic>> = OnceLock::new();
        static INVIDEO_CATALOG: OnceLock<Result<Catalog, Diagnostic>> = OnceLock::new();
        let (cell, text) = match id {
            CatalogId::ListPrices => (&LIST_PRICES_CATALOG, LIST_PRICES),
            CatalogId::Invideo => (&INVIDEO_CATALOG, INVIDEO),
        };
        cell.get_or_init(|| parse_catalog::<Catalog>(text))
            .as_ref()
            .map_err(|diagnostic| {
                let mut diagnostic = diagnostic.clone();
                diagnostic.message = format!(
                    "built-in catalog `{}` is malformed: {}",
                    id.name(),
                    diagnostic.message
                );
                diagnostic
            })
    }

    /// Parses a catalog file's text with the spec loader's budgets and diagnostics. The
    /// models' rates are checked by `validate::check_catalog`, not here.
    pub fn parse(text: &str) -> Result<Catalog, Diagnostic> {
        parse_catalog::<Catalog>(text)
    }

    /// The catalog's id, as plans and reports name it.
    pub fn name(&self) -> &str {
        &self.catalog.id
    }

    pub fn model(&self, id: &str) -> Option<&ModelDef> {
        self.models.get(id).map(|model| &model.value)
    }

    /// Days between the catalog's review date and `today`: how stale its prices may be.
    pub fn age_days(&self, today: jiff::civil::Date) -> i64 {
        // `until` counts in days for dates; it fails only outside jiff's date range,
        // which a parsed date cannot leave.
        self.catalog
            .seen
            .0
            .until(today)
            .map_or(0, |span| span.get_days().into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_catalogs_parse_and_carry_provenance() {
        for id in CatalogId::ALL {
            let catalog = Catalog::builtin(id).unwrap_or_else(|d| panic!("{}", d.message));
            assert_eq!(catalog.catalog.id, id.name());
            assert!(!catalog.models.is_empty());
            for (name, model) in catalog.models.iter() {
                assert!(
                    model.source.is_some(),
                    "{}: {} has no source",
                    id.name(),
                    name.value
                );
                assert!(
                    model.seen.is_some(),
                    "{}: {} has no seen date",
                    id.name(),
                    name.value
                );
                assert!(
                    model.provenance.is_some(),
                    "{}: {} has no provenance",
                    id.name(),
                    name.value
                );
            }
            assert!(
                catalog
                    .model(&catalog.catalog.default_video.value)
                    .is_some()
            );
            assert!(
                catalog
                    .model(&catalog.catalog.default_image.value)
                    .is_some()
            );
        }
    }

    #[test]
    fn required_ids_are_present() {
        let list = Catalog::builtin(CatalogId::ListPrices).unwrap();
        for id in [
            "kling-2.6-standard",
            "veo-3.1",
            "nano-banana-pro",
            "kling-3.0",
            "veo-3.1-fast",
            "seedance-2.0",
            "runway-gen4-turbo",
            "gpt-image-1",
        ] {
            assert!(list.model(id).is_some(), "list-prices lacks {id}");
        }
        for (id, date) in [
            ("sora-2", "2026-09-24"),
            ("sora-2-pro", "2026-09-24"),
            ("nano-banana", "2026-10-02"),
            ("gpt-image-1", "2026-10-23"),
        ] {
            let retired = list.model(id).and_then(|m| m.retired.as_ref());
            assert_eq!(retired.map(|d| d.value.to_string()).as_deref(), Some(date));
        }
        let successor = list
            .model("nano-banana")
            .and_then(|m| m.successor.as_ref())
            .map(|s| s.value.as_str());
        assert_eq!(successor, Some("gemini-3.1-flash-lite-image"));
        assert!(list.model("gemini-3.1-flash-lite-image").is_some());
    }
}
