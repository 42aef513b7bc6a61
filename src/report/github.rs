//! GitHub Actions workflow commands: one `::error` or `::warning` line per diagnostic,
//! which GitHub shows as an annotation on the file and line.

use super::printable::printable;
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::Source;

/// Escapes a command's message: `%`, CR and LF would otherwise end or corrupt it, and
/// other control characters would reach the terminal of whoever reads the log raw.
fn escape_data(text: &str) -> String {
    printable(text)
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value, where `:` and `,` also separate fields.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// The workflow commands for one file's diagnostics.
pub fn render(diagnostics: &[Diagnostic], source: &Source) -> String {
    let mut out = String::new();
    for diagnostic in diagnostics {
        let command = match diagnostic.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut properties = vec![format!("file={}", escape_property(&source.name))];
        if let Some(span) = diagnostic.primary_span() {
            let (line, column) = source.line_column(span.offset);
            let (end_line, end_column) = source.line_column(span.end());
            properties.push(format!("line={line}"));
            properties.push(format!("col={column}"));
            properties.push(format!("endLine={end_line}"));
            properties.push(format!("endColumn={end_column}"));
        }
        properties.push(format!(
            "title={}",
            escape_property(&format!("{} {}", diagnostic.code.id, diagnostic.code.name))
        ));
        let message = match &diagnostic.help {
            Some(help) => format!("{}\nhelp: {help}", diagnostic.message),
            None => diagnostic.message.clone(),
        };
        out.push_str(&format!(
            "::{command} {}::{}\n",
            properties.join(","),
            escape_data(&message)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_per_github_rules() {
        assert_eq!(escape_data("50% a\r\nb"), "50%25 a%0D%0Ab");
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
        assert_eq!(escape_data("\u{1b}]0;x\u{7}"), "\\u{1b}]0;x\\u{7}");
    }
}
