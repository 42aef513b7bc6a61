//! Structure-aware fuzzing: start from a real spec (an example or a fixture), apply a
//! list of mutations chosen by the fuzzer — replace a value with a hostile one, delete
//! a key, swap two values, duplicate a list entry, insert a key, nest a value deeply —
//! and run the result through the whole pipeline. Byte-level fuzzing rarely gets past
//! the YAML parser into checking and costing; this target lives there.

#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use serde_json::{Map, Value};

#[derive(Debug, Arbitrary)]
struct Input {
    /// Which base spec to start from (modulo the number of bases).
    base: u16,
    /// Block style (nested `key:` lines) or one line of JSON, which is also YAML.
    block: bool,
    mutations: Vec<Mutation>,
}

/// Node numbers are taken modulo the number of nodes in the document, counted in
/// pre-order, so that every number names a node.
#[derive(Debug, Arbitrary)]
enum Mutation {
    Replace {
        node: u16,
        value: Scalar,
    },
    Delete {
        node: u16,
    },
    Swap {
        a: u16,
        b: u16,
    },
    /// Duplicates an entry of a list (a shot, a segment: duplicate ids, doubled costs).
    Duplicate {
        node: u16,
    },
    Insert {
        node: u16,
        key: Key,
        value: Scalar,
    },
    /// Wraps a node in `depth` levels of lists or mappings.
    Nest {
        node: u16,
        depth: u8,
        in_lists: bool,
    },
}

#[derive(Debug, Arbitrary)]
enum Scalar {
    /// A value from the dictionary of values that have broken specs before.
    Token(u8),
    Integer(i64),
    Huge(u128),
    Float(f64),
    Text(String),
    Bool(bool),
    Null,
    EmptyList,
    EmptyMap,
}

#[derive(Debug, Arbitrary)]
enum Key {
    Known(u8),
    Other(String),
}

/// Values at the edges of what the spec accepts: past the decimal range, past the
/// duration cap, at `u32::MAX`, ids and names that resolve, dates that do not exist.
const TOKENS: &[&str] = &[
    "1e40",
    "-1e40",
    "1e28",
    "1e-28",
    "99999999999999999999",
    "79228162514264337593543950335",
    "-79228162514264337593543950335",
    "79228162514264337593543950336",
    "0.0000000000000000000000000001",
    "0.00000000000000000000000000001",
    "123456789012345678901234567890",
    "99999h",
    "24h",
    "24h0m0.0000001s",
    "86400",
    "86400.000000000000000000001",
    "1h59m60s",
    "0s",
    "0",
    "-0",
    "-1",
    "0.5s",
    "4294967295",
    "4294967296",
    "18446744073709551616",
    ".nan",
    ".inf",
    "-.inf",
    "12.5%",
    "0%",
    "100%",
    "1000%",
    "1e3%",
    "2026-02-30",
    "9999-12-31",
    "0000-01-01",
    "2026-11-21",
    "s1",
    "s2",
    "mara",
    "tom",
    "lighthouse",
    "veo-3.1",
    "kling-2.6-standard",
    "kling-3.0",
    "nano-banana-pro",
    "nano-banana",
    "sora-2",
    "seedance-2.0",
    "wan-2.6",
    "1080p",
    "720p",
    "4k",
    "audio",
    "actor",
    "cut-density",
    "L001",
    "over-budget",
    "off",
    "warn",
    "deny",
    "hero",
    "b-roll",
    "approved",
    "planned",
    "locked",
    "draft",
    "image",
    "1s",
    "3s",
    "5s",
    "invideo",
    "list-prices",
    "USD",
    "",
    " ",
    "\u{0}",
    "\u{feff}",
    "\t",
    "é",
    "\u{202e}",
];

const KEYS: &[&str] = &[
    "version",
    "production",
    "title",
    "runtime",
    "catalog",
    "budget",
    "credits",
    "price_per_credit",
    "plan",
    "price",
    "currency",
    "assumptions",
    "takes",
    "takes_worst",
    "yield",
    "grid_options",
    "lock_rounds",
    "handles",
    "routing",
    "video",
    "image",
    "by_type",
    "premium_for",
    "models",
    "kind",
    "tier",
    "rates",
    "addons",
    "max_clip",
    "min_clip",
    "references",
    "max_references",
    "max_cuts",
    "retired",
    "per",
    "increment",
    "minimum",
    "buckets",
    "characters",
    "locations",
    "props",
    "id",
    "name",
    "look",
    "sheet",
    "status",
    "options",
    "rounds",
    "model",
    "segments",
    "duration",
    "script",
    "shots",
    "segment",
    "type",
    "cuts",
    "prompt",
    "location",
    "resolution",
    "audio",
    "allow",
    "lint",
    "level",
    "min_seconds_per_cut",
    "max_seconds",
    "max_characters",
    "min_options",
    "max_factor",
];

/// Most levels one `Nest` adds: deep enough to cross the loader's depth budget, shallow
/// enough that the emitter's recursion stays well inside the fuzzer's stack.
const MAX_NEST: u8 = 100;

fn bases() -> &'static [Value] {
    static BASES: OnceLock<Vec<Value>> = OnceLock::new();
    BASES.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let mut files = Vec::new();
        collect_yaml(&root.join("examples"), &mut files);
        collect_yaml(&root.join("tests/fixtures"), &mut files);
        files.sort();
        files
            .iter()
            .filter_map(|file| std::fs::read_to_string(file).ok())
            .filter_map(|text| serde_saphyr::from_str::<Value>(&text).ok())
            .collect()
    })
}

fn collect_yaml(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect_yaml(&path, out);
        } else if path.extension().is_some_and(|ext| ext == "yaml") {
            out.push(path);
        }
    }
}

/// JSON pointers of every node, in pre-order.
fn pointers(value: &Value, here: String, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                let escaped = key.replace('~', "~0").replace('/', "~1");
                pointers(child, format!("{here}/{escaped}"), out);
            }
        }
        Value::Array(items) => {
            for (index, child) in items.iter().enumerate() {
                pointers(child, format!("{here}/{index}"), out);
            }
        }
        _ => {}
    }
    out.push(here);
}

fn pick(document: &Value, node: u16) -> Option<String> {
    let mut all = Vec::new();
    pointers(document, String::new(), &mut all);
    let count = all.len();
    all.into_iter().nth(usize::from(node) % count.max(1))
}

fn scalar(value: &Scalar) -> Value {
    match value {
        Scalar::Token(index) => {
            Value::String(TOKENS[usize::from(*index) % TOKENS.len()].to_owned())
        }
        Scalar::Integer(number) => Value::from(*number),
        // Past u64 as text: a plain scalar of 39 digits, as a user might write it.
        Scalar::Huge(number) => Value::String(number.to_string()),
        Scalar::Float(number) => {
            serde_json::Number::from_f64(*number).map_or(Value::Null, Value::Number)
        }
        Scalar::Text(text) => Value::String(text.clone()),
        Scalar::Bool(flag) => Value::Bool(*flag),
        Scalar::Null => Value::Null,
        Scalar::EmptyList => Value::Array(Vec::new()),
        Scalar::EmptyMap => Value::Object(Map::new()),
    }
}

/// Splits a pointer into its parent's pointer and its last step.
fn parent_of(pointer: &str) -> Option<(&str, String)> {
    let (parent, last) = pointer.rsplit_once('/')?;
    Some((parent, last.replace("~1", "/").replace("~0", "~")))
}

fn apply(document: &mut Value, mutation: &Mutation) {
    match mutation {
        Mutation::Replace { node, value } => {
            if let Some(pointer) = pick(document, *node)
                && let Some(slot) = document.pointer_mut(&pointer)
            {
                *slot = scalar(value);
            }
        }
        Mutation::Delete { node } => {
            let Some(pointer) = pick(document, *node) else {
                return;
            };
            let Some((parent, last)) = parent_of(&pointer) else {
                return;
            };
            match document.pointer_mut(parent) {
                Some(Value::Object(map)) => {
                    map.shift_remove(&last);
                }
                Some(Value::Array(items)) => {
                    if let Ok(index) = last.parse::<usize>()
                        && index < items.len()
                    {
                        items.remove(index);
                    }
                }
                _ => {}
            }
        }
        Mutation::Swap { a, b } => {
            let (Some(first), Some(second)) = (pick(document, *a), pick(document, *b)) else {
                return;
            };
            // A node cannot swap with its own ancestor or descendant.
            if first.starts_with(&second) || second.starts_with(&first) {
                return;
            }
            let (Some(x), Some(y)) = (
                document.pointer(&first).cloned(),
                document.pointer(&second).cloned(),
            ) else {
                return;
            };
            if let Some(slot) = document.pointer_mut(&first) {
                *slot = y;
            }
            if let Some(slot) = document.pointer_mut(&second) {
                *slot = x;
            }
        }
        Mutation::Duplicate { node } => {
            let Some(pointer) = pick(document, *node) else {
                return;
            };
            let Some((parent, last)) = parent_of(&pointer) else {
                return;
            };
            if let Some(Value::Array(items)) = document.pointer_mut(parent)
                && let Ok(index) = last.parse::<usize>()
                && let Some(item) = items.get(index).cloned()
            {
                items.insert(index, item);
            }
        }
        Mutation::Insert { node, key, value } => {
            let Some(pointer) = pick(document, *node) else {
                return;
            };
            let name = match key {
                Key::Known(index) => KEYS[usize::from(*index) % KEYS.len()].to_owned(),
                Key::Other(text) => text.clone(),
            };
            if let Some(Value::Object(map)) = document.pointer_mut(&pointer) {
                map.insert(name, scalar(value));
            }
        }
        Mutation::Nest {
            node,
            depth,
            in_lists,
        } => {
            let Some(pointer) = pick(document, *node) else {
                return;
            };
            let Some(slot) = document.pointer_mut(&pointer) else {
                return;
            };
            let mut nested = slot.take();
            for _ in 0..(*depth).min(MAX_NEST) {
                nested = if *in_lists {
                    Value::Array(vec![nested])
                } else {
                    let mut map = Map::new();
                    map.insert("a".to_owned(), nested);
                    Value::Object(map)
                };
            }
            *slot = nested;
        }
    }
}

/// Whether a string can be written as a plain YAML scalar and read back as the same
/// string: a lower-case word, not one YAML reads as a boolean or null.
fn plain(text: &str) -> bool {
    text.starts_with(|c: char| c.is_ascii_lowercase())
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
        && !matches!(
            text,
            "true" | "false" | "null" | "yes" | "no" | "on" | "off" | "y" | "n"
        )
}

fn inline(value: &Value) -> String {
    match value {
        Value::String(text) if plain(text) => text.clone(),
        other => other.to_string(),
    }
}

/// Block-style YAML: mappings and lists one entry a line, scalars inline (JSON quoting
/// is valid YAML double quoting).
fn emit_block(value: &Value, indent: usize, out: &mut String) {
    let pad = " ".repeat(indent);
    match value {
        Value::Object(map) if !map.is_empty() => {
            for (key, child) in map {
                out.push_str(&pad);
                out.push_str(&inline(&Value::String(key.clone())));
                out.push(':');
                emit_child(child, indent, out);
            }
        }
        Value::Array(items) if !items.is_empty() => {
            for child in items {
                out.push_str(&pad);
                out.push('-');
                emit_child(child, indent, out);
            }
        }
        other => {
            out.push_str(&pad);
            out.push_str(&inline(other));
            out.push('\n');
        }
    }
}

fn emit_child(child: &Value, indent: usize, out: &mut String) {
    let nested = match child {
        Value::Object(map) => !map.is_empty(),
        Value::Array(items) => !items.is_empty(),
        _ => false,
    };
    if nested {
        out.push('\n');
        emit_block(child, indent + 2, out);
    } else {
        out.push(' ');
        out.push_str(&inline(child));
        out.push('\n');
    }
}

fuzz_target!(|input: Input| {
    let bases = bases();
    if bases.is_empty() {
        return;
    }
    let mut document = bases[usize::from(input.base) % bases.len()].clone();
    for mutation in input.mutations.iter().take(32) {
        apply(&mut document, mutation);
    }
    let text = if input.block {
        let mut out = String::new();
        emit_block(&document, 0, &mut out);
        out
    } else {
        document.to_string()
    };
    // Replaying a crash with this set prints the spec it made: the regression fixture.
    if std::env::var_os("SHOTLIST_FUZZ_PRINT").is_some() {
        eprintln!("{text}");
    }
    shotlist_fuzz::run_pipeline(text.as_bytes());
});
