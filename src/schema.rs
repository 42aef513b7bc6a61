//! JSON Schemas generated from the Rust types: the spec format, and every JSON output
//! from its [document](crate::document). The committed copies in `schema/` are checked
//! for staleness by a test.

use schemars::JsonSchema;

use crate::catalog::Catalog;
use crate::document::{compare, diagnostics, diff, models, plan, route, rules};
use crate::spec::Spec;

fn schema_json<T: JsonSchema>() -> String {
    let schema = schemars::generate::SchemaSettings::draft2020_12()
        .into_generator()
        .into_root_schema_for::<T>();
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

/// The spec schema as pretty-printed JSON with a trailing newline.
pub fn spec_schema_json() -> String {
    schema_json::<Spec>()
}

/// The catalog file schema (`schema/catalog.schema.json`), as [`spec_schema_json`].
pub fn catalog_schema_json() -> String {
    schema_json::<Catalog>()
}

/// The schema of each JSON output, by its file name in `schema/`, each pretty-printed
/// with a trailing newline.
pub fn output_schemas() -> [(&'static str, String); 7] {
    [
        ("plan.schema.json", schema_json::<plan::PlanDocument>()),
        (
            "diagnostics.schema.json",
            schema_json::<diagnostics::DiagnosticsDocument>(),
        ),
        ("route.schema.json", schema_json::<route::RouteDocument>()),
        ("diff.schema.json", schema_json::<diff::DiffDocument>()),
        (
            "models.schema.json",
            schema_json::<models::ModelsDocument>(),
        ),
        ("rules.schema.json", schema_json::<rules::RulesDocument>()),
        (
            "compare.schema.json",
            schema_json::<compare::CompareDocument>(),
        ),
    ]
}
