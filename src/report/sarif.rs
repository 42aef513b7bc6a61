//! SARIF 2.1.0 output for code scanning (GitHub and others): one run whose driver lists
//! every lint rule (and each check code that occurs) with its documentation and a link
//! to it, and one result per diagnostic with its file, line and column range, its
//! secondary labels as related locations and a fingerprint that survives edits.
//!
//! File URIs are relative to a source root (`%SRCROOT%`, `lint --sarif-root`, by default
//! the working directory), which `originalUriBaseIds` defines: code scanning resolves
//! them against the checkout, so a workflow run from the repository root needs nothing
//! more.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::json;
use serde_sarif::sarif::{
    ArtifactLocation, Location, Message, MultiformatMessageString, PhysicalLocation, Region,
    ReportingConfiguration, ReportingDescriptor, Result as SarifResult, ResultLevel, Run, Sarif,
    Tool, ToolComponent,
};

use super::printable::printable;
use crate::diagnostic::CheckCode;
use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::lint::registry::RULES;
use crate::report::rules::{check_code_explanation, documentation, what_it_does};
use crate::source::Source;

/// The SARIF 2.1.0 schema's usual URI, which editors and viewers recognise;
/// `tests/lint_formats.rs` validates the output against that schema.
const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The documentation that `helpUri` and `informationUri` link to, in the repository the
/// package names.
const DOCS: &str = concat!(env!("CARGO_PKG_REPOSITORY"), "/blob/main/docs");

/// The `partialFingerprints` key: version 1 of shotlist's own fingerprint, which is the
/// code and the YAML path (never a line), so an alert stays the same alert when lines
/// move above it; code scanning already keeps alerts of different files apart.
const FINGERPRINT: &str = "shotlistYamlPath/v1";

/// The base id of the source root.
const SRCROOT: &str = "%SRCROOT%";

fn level_name(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

fn text(text: impl Into<String>) -> MultiformatMessageString {
    MultiformatMessageString::builder().text(text).build()
}

fn rule_descriptors(check_codes: &[CheckCode]) -> Vec<ReportingDescriptor> {
    let lint_rules = RULES.iter().map(|rule| {
        let docs = documentation(rule);
        ReportingDescriptor::builder()
            .id(rule.code.id)
            .name(rule.code.name)
            .short_description(text(rule.summary))
            .full_description(text(what_it_does(rule)))
            .help(
                MultiformatMessageString::builder()
                    .text(docs.clone())
                    .markdown(docs)
                    .build(),
            )
            .help_uri(format!(
                "{DOCS}/rules.md#{}-{}",
                rule.code.id.to_ascii_lowercase(),
                rule.code.name
            ))
            .default_configuration(
                ReportingConfiguration::builder()
                    .level(json!(match crate::lint::severity(rule.default_level) {
                        Some(severity) => level_name(severity),
                        None => "none",
                    }))
                    .build(),
            )
            .build()
    });
    let check_rules = check_codes.iter().map(|&code| {
        let description = code.description();
        let explanation = check_code_explanation(code);
        let code = code.def();
        ReportingDescriptor::builder()
            .id(code.id)
            .name(code.name)
            .short_description(text(description))
            .full_description(text(format!(
                "Check error: {description}. A spec with check errors is not linted or planned."
            )))
            .help(
                MultiformatMessageString::builder()
                    .text(explanation.clone())
                    .markdown(explanation)
                    .build(),
            )
            .help_uri(format!("{DOCS}/FORMAT.md#check-error-codes"))
            .default_configuration(
                ReportingConfiguration::builder()
                    .level(json!("error"))
                    .build(),
            )
            .build()
    });
    lint_rules.chain(check_rules).collect()
}

/// Where a file is, for code scanning: a URI relative to `root` under `%SRCROOT%` when
/// the file lies under it, else an absolute `file:` URI (which code scanning cannot
/// place in the repository). Both are compared as the file system resolves them, so
/// `./a.yaml`, `sub/../a.yaml` and a symlinked checkout agree.
fn artifact_location(name: &str, root: &Path) -> ArtifactLocation {
    if name == "<stdin>" {
        return ArtifactLocation::builder()
            .uri(artifact_uri(name))
            .uri_base_id(SRCROOT)
            .build();
    }
    let resolved = std::fs::canonicalize(name)
        .or_else(|_| std::path::absolute(name))
        .unwrap_or_else(|_| Path::new(name).to_path_buf());
    match resolved.strip_prefix(root) {
        Ok(relative) => ArtifactLocation::builder()
            .uri(artifact_uri(&relative.to_string_lossy()))
            .uri_base_id(SRCROOT)
            .build(),
        Err(_) => ArtifactLocation::builder()
            .uri(file_uri(&resolved.to_string_lossy()))
            .build(),
    }
}

/// An absolute path as a `file:` URI: `file:///home/…`, or `file:///C%3A/…` on Windows.
fn file_uri(path: &str) -> String {
    let uri = artifact_uri(path);
    let slash = if uri.starts_with('/') { "" } else { "/" };
    format!("file://{slash}{uri}")
}

/// The source root as the file system resolves it, so that files under it are found
/// under it however they were named.
pub fn resolve_root(root: &Path) -> std::io::Result<std::path::PathBuf> {
    std::fs::canonicalize(root)
}

/// A file name as a URI path: forward slashes, no leading `./`, and characters outside
/// the URI's unreserved set percent-encoded.
pub fn artifact_uri(name: &str) -> String {
    if name == "<stdin>" {
        return "stdin".to_owned();
    }
    let slashed = name.replace('\\', "/");
    let relative = slashed.strip_prefix("./").unwrap_or(&slashed);
    let mut uri = String::with_capacity(relative.len());
    for byte in relative.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            uri.push(char::from(byte));
        } else {
            uri.push_str(&format!("%{byte:02X}"));
        }
    }
    uri
}

fn region(span: crate::source::Span, source: &Source) -> Region {
    let (start_line, start_column) = source.line_column(span.offset);
    let (end_line, end_column) = source.line_column(span.end());
    let as_i64 = |n: usize| i64::try_from(n).unwrap_or(i64::MAX);
    Region::builder()
        .start_line(as_i64(start_line))
        .start_column(as_i64(start_column))
        .end_line(as_i64(end_line))
        .end_column(as_i64(end_column))
        .build()
}

fn physical(artifact: &ArtifactLocation, region: Option<Region>) -> PhysicalLocation {
    match region {
        Some(region) => PhysicalLocation::builder()
            .artifact_location(artifact.clone())
            .region(region)
            .build(),
        None => PhysicalLocation::builder()
            .artifact_location(artifact.clone())
            .build(),
    }
}

/// The secondary labels, such as L018's "running total passes the cap here", as
/// related locations with their text.
fn related_locations(
    diagnostic: &Diagnostic,
    source: &Source,
    artifact: &ArtifactLocation,
) -> Vec<Location> {
    diagnostic
        .labels
        .iter()
        .filter(|label| !label.primary)
        .zip(1_i64..)
        .map(|(label, id)| {
            Location::builder()
                .id(id)
                .physical_location(physical(artifact, Some(region(label.span, source))))
                .message(Message::builder().text(label.text.clone()).build())
                .build()
        })
        .collect()
}

/// The SARIF log for every file's diagnostics, with file URIs relative to `root` (an
/// absolute, resolved path: see [`resolve_root`]).
pub fn document(files: &[(&Source, &[Diagnostic])], root: &Path) -> String {
    let mut check_codes: Vec<CheckCode> = files
        .iter()
        .flat_map(|(_, diagnostics)| diagnostics.iter().filter_map(|d| CheckCode::of(d.code)))
        .collect();
    check_codes.sort_by_key(|code| code.def().id);
    check_codes.dedup();
    let rules = rule_descriptors(&check_codes);
    let rule_index = |code: Code| {
        rules
            .iter()
            .position(|rule| rule.id == code.id)
            .and_then(|index| i64::try_from(index).ok())
    };
    let mut results = Vec::new();
    for (source, diagnostics) in files {
        let artifact = artifact_location(&source.name, root);
        // Two findings of one rule at one path are told apart by their order.
        let mut seen: BTreeMap<(&str, &str), usize> = BTreeMap::new();
        for diagnostic in diagnostics.iter() {
            let message = match &diagnostic.help {
                Some(help) => format!("{}\nhelp: {help}", diagnostic.message),
                None => diagnostic.message.clone(),
            };
            let location = physical(
                &artifact,
                diagnostic.primary_span().map(|span| region(span, source)),
            );
            let level = match diagnostic.severity {
                Severity::Error => ResultLevel::Error,
                Severity::Warning => ResultLevel::Warning,
            };
            let occurrence = seen
                .entry((diagnostic.code.id, diagnostic.path.as_str()))
                .or_default();
            let fingerprint = format!("{}:{}:{occurrence}", diagnostic.code.id, diagnostic.path);
            *occurrence = occurrence.saturating_add(1);
            let related = related_locations(diagnostic, source, &artifact);
            let mut result = SarifResult::builder()
                .rule_id(diagnostic.code.id)
                .level(level)
                // Viewers show the text as it is: a control character quoted from the
                // spec would reach whoever reads it in a terminal.
                .message(Message::builder().text(printable(&message)).build())
                .locations(vec![
                    Location::builder().physical_location(location).build(),
                ])
                .partial_fingerprints(BTreeMap::from([(FINGERPRINT.to_owned(), fingerprint)]))
                .build();
            result.rule_index = rule_index(diagnostic.code);
            result.related_locations = Some(related).filter(|related| !related.is_empty());
            results.push(result);
        }
    }
    let driver = ToolComponent::builder()
        .name("shotlist")
        .version(env!("CARGO_PKG_VERSION"))
        .semantic_version(env!("CARGO_PKG_VERSION"))
        .information_uri(env!("CARGO_PKG_REPOSITORY"))
        .rules(rules)
        .build();
    let mut root_uri = file_uri(&root.to_string_lossy());
    if !root_uri.ends_with('/') {
        root_uri.push('/');
    }
    let run = Run::builder()
        .tool(Tool::builder().driver(driver).build())
        .original_uri_base_ids(BTreeMap::from([(
            SRCROOT.to_owned(),
            ArtifactLocation::builder().uri(root_uri).build(),
        )]))
        .column_kind(json!("unicodeCodePoints"))
        .results(results)
        .build();
    let log = Sarif::builder()
        .schema(SCHEMA_URI)
        .version(json!("2.1.0"))
        .runs(vec![run])
        .build();
    let mut text = serde_json::to_string_pretty(&log).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::artifact_uri;

    #[test]
    fn file_names_become_relative_uris() {
        assert_eq!(
            artifact_uri("examples/episode.yaml"),
            "examples/episode.yaml"
        );
        assert_eq!(artifact_uri("./specs/a b.yaml"), "specs/a%20b.yaml");
        assert_eq!(artifact_uri("specs\\win.yaml"), "specs/win.yaml");
        assert_eq!(artifact_uri("café.yaml"), "caf%C3%A9.yaml");
        assert_eq!(artifact_uri("<stdin>"), "stdin");
    }
}
