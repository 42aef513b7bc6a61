//! The one pipeline, load → check → lint → plan, as every consumer runs it: the CLI,
//! the tests, the fuzz targets and the language server call these functions rather
//! than chaining the stages themselves.

use crate::diagnostic::Diagnostic;
use crate::lint;
use crate::spec::{CatalogId, Spec};
use crate::validate::{self, Checked};

/// Checks a loaded spec: the semantic checks of `validate` and the lint configuration
/// (`lint:` and every `allow:` list), so that a misspelt rule is a check error. With
/// `catalog`, the spec is priced under that catalog whatever its own `catalog:` says.
/// Returns the checked spec, or every problem in source order.
pub fn check(spec: &Spec, catalog: Option<CatalogId>) -> Result<Checked<'_>, Vec<Diagnostic>> {
    let mut config_problems = Vec::new();
    lint::config::check_config(spec, &mut config_problems);
    let checked = match catalog {
        Some(catalog) => validate::check_with(spec, catalog),
        None => validate::check(spec),
    };
    match checked {
        Ok(checked) if config_problems.is_empty() => Ok(checked),
        Ok(_) => Err(config_problems),
        Err(mut problems) => {
            problems.append(&mut config_problems);
            // Stable: problems at one place keep the order the checks found them in.
            problems.sort_by_key(|d| d.primary_span().map(|s| s.offset));
            Err(problems)
        }
    }
}
