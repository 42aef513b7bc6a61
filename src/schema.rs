//! The JSON Schema of the spec format, generated from the Rust types. The committed copy
//! in `schema/shotlist.schema.json` is checked for staleness by a test.

use crate::spec::Spec;

/// The schema as pretty-printed JSON with a trailing newline.
pub fn spec_schema_json() -> String {
    let schema = schemars::generate::SchemaSettings::draft2020_12()
        .into_generator()
        .into_root_schema_for::<Spec>();
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}
