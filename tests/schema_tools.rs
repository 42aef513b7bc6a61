//! The committed JSON Schemas under strict third-party validators, installed by
//! `.ci/run`: ajv-cli in strict mode (draft 2020-12) compiles every schema and validates
//! the examples and `ok` fixtures with the spec schema; check-jsonschema checks every
//! schema against its metaschema and those specs against the spec schema. And no
//! schema uses a `format` that draft 2020-12 does not define.

mod common;

use std::process::Command;

use common::{installed_tool, root, yaml_files};

fn schema_files() -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir(root().join("schema"))
        .unwrap()
        .map(|entry| format!("schema/{}", entry.unwrap().file_name().to_string_lossy()))
        .collect();
    files.sort();
    files
}

fn run(program: &std::path::Path, args: &[&str]) {
    let output = Command::new(program)
        .args(args)
        .current_dir(root())
        .output()
        .expect("the tool runs");
    assert!(
        output.status.success(),
        "{} {args:?}:\n{}{}",
        program.display(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn ajv_in_strict_mode_takes_every_schema_and_the_examples() {
    let Some(ajv) = installed_tool("node_modules/.bin/ajv", "ajv-cli") else {
        return;
    };
    let strict = ["--spec=draft2020", "--strict=true", "-c", "ajv-formats"];
    for schema in schema_files() {
        let mut args = vec!["compile"];
        args.extend(strict);
        args.extend(["-s", &schema]);
        run(&ajv, &args);
    }
    let specs = yaml_files("examples")
        .into_iter()
        .chain(yaml_files("tests/fixtures/ok"));
    for example in specs {
        let mut args = vec!["validate"];
        args.extend(strict);
        args.extend(["-s", "schema/shotlist.schema.json", "-d", &example]);
        run(&ajv, &args);
    }
}

#[test]
fn check_jsonschema_takes_every_schema_and_the_examples() {
    let Some(tool) = installed_tool("venv/bin/check-jsonschema", "check-jsonschema") else {
        return;
    };
    let schemas = schema_files();
    let mut args = vec!["--check-metaschema"];
    args.extend(schemas.iter().map(String::as_str));
    run(&tool, &args);
    let examples: Vec<String> = yaml_files("examples")
        .into_iter()
        .chain(yaml_files("tests/fixtures/ok"))
        .collect();
    let mut args = vec!["--schemafile", "schema/shotlist.schema.json"];
    args.extend(examples.iter().map(String::as_str));
    run(&tool, &args);
}

/// Draft 2020-12's formats; schemars' `uint32` and the like are not among them.
const STANDARD_FORMATS: &[&str] = &[
    "date-time",
    "date",
    "time",
    "duration",
    "email",
    "idn-email",
    "hostname",
    "idn-hostname",
    "ipv4",
    "ipv6",
    "uri",
    "uri-reference",
    "iri",
    "iri-reference",
    "uuid",
    "uri-template",
    "json-pointer",
    "relative-json-pointer",
    "regex",
];

fn nonstandard(value: &serde_json::Value, at: &str, found: &mut Vec<String>) {
    match value {
        serde_json::Value::Object(map) => {
            if let Some(format) = map.get("format").and_then(|f| f.as_str())
                && !STANDARD_FORMATS.contains(&format)
            {
                found.push(format!("{at}: {format}"));
            }
            if let Some(serde_json::Value::Array(types)) = map.get("type")
                && types.iter().filter(|t| *t != "null").count() > 1
            {
                found.push(format!("{at}: union type {types:?}"));
            }
            for (key, child) in map {
                nonstandard(child, &format!("{at}/{key}"), found);
            }
        }
        serde_json::Value::Array(items) => {
            for (index, child) in items.iter().enumerate() {
                nonstandard(child, &format!("{at}/{index}"), found);
            }
        }
        _ => {}
    }
}

#[test]
fn no_schema_uses_a_nonstandard_format_or_a_union_type() {
    for file in schema_files() {
        let text = std::fs::read_to_string(root().join(&file)).unwrap();
        let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
        let mut found = Vec::new();
        nonstandard(&schema, "", &mut found);
        assert!(found.is_empty(), "{file}: {found:#?}");
    }
}
