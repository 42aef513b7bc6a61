//! The library's modules form a one-way stack: each may use the modules below it and
//! none above, so a stage can be read, tested and changed without the ones that build
//! on it. This test reads every source file and fails on an upward (or sideways into a
//! later layer) `crate::` path. Test modules (`#[cfg(test)] mod … { … }`) are exempt:
//! a test may build its input with a higher stage.

use std::collections::BTreeMap;
use std::path::Path;

/// The library's top-level modules, bottom first. A module may use only the modules
/// listed before it. README.md's "How the code is laid out" draws the same stack.
const LAYERS: &[&str] = &[
    // Generic helpers that know nothing of specs.
    "suggest",
    "wording",
    "atomic",
    // Text, spans and the diagnostics every stage reports.
    "source",
    "diagnostic",
    // The spec: YAML into types.
    "spec",
    // Price catalogs and rates.
    "catalog",
    // Semantic checks, then the planner (the one place money is computed), then lint.
    "validate",
    "plan",
    // The ledger of generations run, read against a checked spec and set against its plan.
    "ledger",
    "lint",
    // The pipeline that chains the stages, and generated specs for benchmarks.
    "pipeline",
    "generate",
    // Typed JSON documents, the diff that compares plan documents, the renderers, and
    // `plan --check`'s comparison of a rendered plan with a committed one.
    "document",
    "diff",
    "report",
    "plan_check",
    "schema",
    // The language server, which runs the pipeline on an editor's buffers.
    "lsp",
    // The command line on top.
    "cli",
];

#[test]
fn no_module_uses_one_above_it() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = BTreeMap::new();
    collect(&root, &root, &mut files);
    let violations = violations(&files);
    assert!(
        violations.is_empty(),
        "modules use modules above them (see LAYERS in tests/layers.rs):\n{}",
        violations.join("\n")
    );
}

#[test]
fn every_module_has_a_layer() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = BTreeMap::new();
    collect(&root, &root, &mut files);
    let unplaced: Vec<_> = files
        .keys()
        .filter_map(|path| top_module(path))
        .filter(|module| !LAYERS.contains(&module.as_str()))
        .collect();
    assert!(
        unplaced.is_empty(),
        "modules missing from LAYERS: {unplaced:?}"
    );
}

/// The checker itself must catch an upward import, or the test above proves nothing.
#[test]
fn an_upward_import_is_caught() {
    let files = BTreeMap::from([
        (
            "spec/load.rs".to_owned(),
            "use crate::diagnostic::Diagnostic;\nuse crate::{plan::Plan, source::Span};\n"
                .to_owned(),
        ),
        (
            "plan/mod.rs".to_owned(),
            "fn f() { crate::lint::lint(); }\n#[cfg(test)]\nmod tests {\n    use crate::cli;\n}\n"
                .to_owned(),
        ),
        (
            "lint/mod.rs".to_owned(),
            "// crate::cli in a comment is no import\nuse crate::plan;\n".to_owned(),
        ),
    ]);
    assert_eq!(
        violations(&files),
        [
            "src/plan/mod.rs uses crate::lint (plan is below lint)",
            "src/spec/load.rs uses crate::plan (spec is below plan)",
        ]
    );
}

fn collect(root: &Path, dir: &Path, files: &mut BTreeMap<String, String>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .expect("src is readable")
        .map(|entry| entry.expect("entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            collect(root, &path, files);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            let relative = path
                .strip_prefix(root)
                .expect("under src")
                .to_string_lossy()
                .replace('\\', "/");
            let text = std::fs::read_to_string(&path).expect("source is UTF-8");
            files.insert(relative, text);
        }
    }
}

/// `spec/load.rs` → `spec`; `lib.rs` and `main.rs` sit above every layer.
fn top_module(path: &str) -> Option<String> {
    let first = path.split('/').next()?;
    let module = first.strip_suffix(".rs").unwrap_or(first);
    (module != "lib" && module != "main").then(|| module.to_owned())
}

fn violations(files: &BTreeMap<String, String>) -> Vec<String> {
    let rank = |module: &str| LAYERS.iter().position(|layer| *layer == module);
    let mut found = Vec::new();
    for (path, text) in files {
        let Some(module) = top_module(path) else {
            continue;
        };
        let Some(own) = rank(&module) else {
            continue;
        };
        let mut used: Vec<String> = crate_paths(&without_tests(text))
            .into_iter()
            .filter(|target| *target != module)
            .filter(|target| rank(target).is_some_and(|other| other > own))
            .collect();
        used.sort();
        used.dedup();
        for target in used {
            found.push(format!(
                "src/{path} uses crate::{target} ({module} is below {target})"
            ));
        }
    }
    found.sort();
    found
}

/// The text with comments and `#[cfg(test)]` modules removed.
fn without_tests(text: &str) -> String {
    let code: String = text
        .lines()
        .map(|line| match line.find("//") {
            Some(index) => &line[..index],
            None => line,
        })
        .collect::<Vec<_>>()
        .join("\n");
    let mut out = String::with_capacity(code.len());
    let mut rest = code.as_str();
    while let Some(start) = rest.find("#[cfg(test)]") {
        out.push_str(&rest[..start]);
        let after = &rest[start..];
        // Skip the attribute's item: up to its opening brace and through the matching
        // closing one (or through the `;` of a braceless item).
        let Some(open) = after.find(['{', ';']) else {
            rest = "";
            break;
        };
        if after.as_bytes()[open] == b';' {
            rest = &after[open + 1..];
            continue;
        }
        let mut depth = 0usize;
        let mut end = after.len();
        for (index, byte) in after.bytes().enumerate().skip(open) {
            match byte {
                b'{' => depth += 1,
                b'}' => {
                    depth -= 1;
                    if depth == 0 {
                        end = index + 1;
                        break;
                    }
                }
                _ => {}
            }
        }
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

/// The top-level modules named by `crate::module` and `crate::{a, b::c}` paths.
fn crate_paths(code: &str) -> Vec<String> {
    let mut modules = Vec::new();
    let mut rest = code;
    while let Some(index) = rest.find("crate::") {
        let preceded_by_ident = rest[..index]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '_');
        rest = &rest[index + "crate::".len()..];
        if preceded_by_ident {
            continue;
        }
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 1usize;
            let mut end = group.len();
            for (i, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' => {
                        depth -= 1;
                        if depth == 0 {
                            end = i;
                            break;
                        }
                    }
                    _ => {}
                }
            }
            let inner = &group[..end];
            let mut depth = 0usize;
            let mut item_start = true;
            for (i, c) in inner.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    ',' if depth == 0 => item_start = true,
                    c if item_start && (c.is_alphanumeric() || c == '_') => {
                        modules.push(ident_at(&inner[i..]));
                        item_start = false;
                    }
                    _ => {}
                }
            }
        } else {
            modules.push(ident_at(rest));
        }
    }
    modules.retain(|module| !module.is_empty() && module != "self");
    modules
}

fn ident_at(text: &str) -> String {
    text.chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect()
}
