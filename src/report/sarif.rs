//! SARIF 2.1.0 output for code scanning (GitHub and others): one run whose driver lists
//! every lint rule (and each check code that occurs) with its documentation, and one
//! result per diagnostic with its file, line and column range.

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
use crate::report::rules::{documentation, what_it_does};
use crate::source::Source;

/// The SARIF 2.1.0 schema's usual URI, which editors and viewers recognise;
/// `tests/lint_formats.rs` validates the output against that schema.
const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";

fn level_name(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

fn text(text: impl Into<String>) -> MultiformatMessageString {
    MultiformatMessageString::builder().text(text).build()
}

fn rule_descriptors(check_codes: &[Code]) -> Vec<ReportingDescriptor> {
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
    let check_rules = check_codes.iter().map(|code| {
        let description = CheckCode::of(code).map_or(code.name, CheckCode::description);
        ReportingDescriptor::builder()
            .id(code.id)
            .name(code.name)
            .short_description(text(description))
            .full_description(text(format!(
                "Check error: {description}. A spec with check errors is not linted or planned."
            )))
            .default_configuration(
                ReportingConfiguration::builder()
                    .level(json!("error"))
                    .build(),
            )
            .build()
    });
    lint_rules.chain(check_rules).collect()
}

/// Where a file is, for code scanning: a URI relative to the checkout (`%SRCROOT%`) when
/// the name is relative or lies under the working directory, else an absolute `file:`
/// URI.
fn artifact_location(name: &str) -> ArtifactLocation {
    let path = std::path::Path::new(name);
    if path.is_absolute() {
        let relative = std::env::current_dir()
            .ok()
            .and_then(|cwd| path.strip_prefix(cwd).ok().map(|p| p.display().to_string()));
        if let Some(relative) = relative {
            return artifact_location(&relative);
        }
        // `file:///C%3A/…` on Windows, `file:///home/…` elsewhere.
        let uri = artifact_uri(name);
        let slash = if uri.starts_with('/') { "" } else { "/" };
        return ArtifactLocation::builder()
            .uri(format!("file://{slash}{uri}"))
            .build();
    }
    ArtifactLocation::builder()
        .uri(artifact_uri(name))
        .uri_base_id("%SRCROOT%")
        .build()
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

fn region(diagnostic: &Diagnostic, source: &Source) -> Option<Region> {
    let span = diagnostic.primary_span()?;
    let (start_line, start_column) = source.line_column(span.offset);
    let (end_line, end_column) = source.line_column(span.end());
    let as_i64 = |n: usize| i64::try_from(n).unwrap_or(i64::MAX);
    Some(
        Region::builder()
            .start_line(as_i64(start_line))
            .start_column(as_i64(start_column))
            .end_line(as_i64(end_line))
            .end_column(as_i64(end_column))
            .build(),
    )
}

/// The SARIF log for every file's diagnostics.
pub fn document(files: &[(&Source, &[Diagnostic])]) -> String {
    let mut check_codes: Vec<Code> = files
        .iter()
        .flat_map(|(_, diagnostics)| diagnostics.iter().map(|d| d.code))
        .filter(|code| CheckCode::of(code).is_some())
        .collect();
    check_codes.sort_by_key(|code| code.id);
    check_codes.dedup_by_key(|code| code.id);
    let rules = rule_descriptors(&check_codes);
    let rule_index = |code: Code| {
        rules
            .iter()
            .position(|rule| rule.id == code.id)
            .and_then(|index| i64::try_from(index).ok())
    };
    let mut results = Vec::new();
    for (source, diagnostics) in files {
        let location = artifact_location(&source.name);
        for diagnostic in diagnostics.iter() {
            let message = match &diagnostic.help {
                Some(help) => format!("{}\nhelp: {help}", diagnostic.message),
                None => diagnostic.message.clone(),
            };
            let artifact = location.clone();
            let physical = match region(diagnostic, source) {
                Some(region) => PhysicalLocation::builder()
                    .artifact_location(artifact)
                    .region(region)
                    .build(),
                None => PhysicalLocation::builder()
                    .artifact_location(artifact)
                    .build(),
            };
            let level = match diagnostic.severity {
                Severity::Error => ResultLevel::Error,
                Severity::Warning => ResultLevel::Warning,
            };
            let result = SarifResult::builder()
                .rule_id(diagnostic.code.id)
                .level(level)
                // Viewers show the text as it is: a control character quoted from the
                // spec would reach whoever reads it in a terminal.
                .message(Message::builder().text(printable(&message)).build())
                .locations(vec![
                    Location::builder().physical_location(physical).build(),
                ]);
            results.push(match rule_index(diagnostic.code) {
                Some(index) => result.rule_index(index).build(),
                None => result.build(),
            });
        }
    }
    let driver = ToolComponent::builder()
        .name("shotlist")
        .version(env!("CARGO_PKG_VERSION"))
        .semantic_version(env!("CARGO_PKG_VERSION"))
        .rules(rules)
        .build();
    let run = Run::builder()
        .tool(Tool::builder().driver(driver).build())
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
