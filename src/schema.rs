//! JSON Schemas generated from the Rust types: the spec format, and every JSON output
//! from its [document](crate::document). The committed copies in `schema/` are checked
//! for staleness by a test.

use schemars::JsonSchema;

use crate::catalog::Catalog;
use crate::document::{compare, diagnostics, diff, models, plan, route, rules, status};
use crate::spec::Spec;

fn schema_json<T: JsonSchema>() -> String {
    let schema = schemars::generate::SchemaSettings::draft2020_12()
        .with_transform(portable)
        .into_generator()
        .into_root_schema_for::<T>();
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

/// Rewrites what strict validators refuse into standard keywords, throughout the
/// schema: schemars' integer formats (`uint32`, `int64`, …, which ajv's strict mode
/// and draft 2020-12's format vocabulary do not know) become the bounds they stand
/// for, and a type union of non-null types (which ajv accepts only with
/// `allowUnionTypes`) becomes an `anyOf`.
fn portable(schema: &mut schemars::Schema) {
    if let Some(object) = schema.as_object_mut() {
        let bounds: Option<(i64, u64)> =
            match object.get("format").and_then(serde_json::Value::as_str) {
                Some("uint8") => Some((0, u64::from(u8::MAX))),
                Some("uint16") => Some((0, u64::from(u16::MAX))),
                Some("uint32") => Some((0, u64::from(u32::MAX))),
                Some("uint" | "uint64") => Some((0, u64::MAX)),
                Some("int32") => Some((i64::from(i32::MIN), u64::from(i32::MAX.unsigned_abs()))),
                Some("int" | "int64") => Some((i64::MIN, i64::MAX.unsigned_abs())),
                _ => None,
            };
        if let Some((minimum, maximum)) = bounds {
            object.remove("format");
            object.entry("minimum").or_insert(minimum.into());
            object.entry("maximum").or_insert(maximum.into());
        }
        if let Some(serde_json::Value::Array(types)) = object.get("type") {
            let concrete = types.iter().filter(|t| *t != "null").count();
            if concrete > 1 {
                let alternatives: Vec<serde_json::Value> = types
                    .iter()
                    .map(|t| serde_json::json!({ "type": t }))
                    .collect();
                object.remove("type");
                object.insert("anyOf".to_owned(), alternatives.into());
            }
        }
    }
    schemars::transform::transform_subschemas(&mut portable, schema);
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
pub fn output_schemas() -> [(&'static str, String); 8] {
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
        (
            "status.schema.json",
            schema_json::<status::StatusDocument>(),
        ),
    ]
}
