//! `plan --check`: whether a committed plan JSON is the plan a spec makes now. A pure
//! comparison; reading the committed file, rewriting it and saying so are the caller's.

use crate::diff::{Diff, PlanDocument, Side};
use crate::plan::Plan;
use crate::report;

/// Why a plan could not be put in its JSON form and read back.
#[derive(Debug)]
pub enum DocumentError {
    /// A job could not be priced again while the plan was written (see [`Plan::jobs`]).
    Write(serde_json::Error),
    Render(std::io::Error),
    /// The written document is not one `shotlist diff` reads: a bug in one of the two.
    ReadBack(String),
}

impl std::fmt::Display for DocumentError {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self {
            DocumentError::Write(error) => write!(f, "cannot write the plan: {error}"),
            DocumentError::Render(error) => write!(f, "cannot write output: {error}"),
            DocumentError::ReadBack(error) => write!(f, "cannot read back the plan: {error}"),
        }
    }
}

impl std::error::Error for DocumentError {}

/// A plan in the form `shotlist diff` compares, as `plan --format json` would write it.
pub fn document(plan: &Plan<'_>) -> Result<PlanDocument, DocumentError> {
    let value = report::plan::json::document(plan).map_err(DocumentError::Write)?;
    PlanDocument::from_value(value).map_err(DocumentError::ReadBack)
}

/// The fresh plan against the committed one.
#[derive(Debug)]
pub struct Comparison {
    /// The fresh plan's JSON text, as `plan --format json` writes it: what `--update`
    /// commits.
    pub current: String,
    pub outcome: Outcome,
}

#[derive(Debug)]
pub enum Outcome {
    /// Their JSON values are equal, so indentation and line ends do not count.
    UpToDate,
    /// No plan is committed.
    Missing,
    /// The committed plan differs; `cost` is the cost diff from it to the fresh one
    /// when it reads as a plan at all (boxed: a diff is large and the other outcomes
    /// are empty).
    Differs { cost: Option<Box<Diff>> },
}

/// Compares the plan of the spec `spec_name` with the text committed as
/// `committed_name` (`None` when nothing is committed there).
pub fn compare(
    plan: &Plan<'_>,
    spec_name: &str,
    committed_name: &str,
    committed: Option<&str>,
) -> Result<Comparison, DocumentError> {
    let current_value = report::plan::json::document(plan).map_err(DocumentError::Write)?;
    let current = report::plan::json::render(plan).map_err(DocumentError::Render)?;
    let Some(committed) = committed else {
        return Ok(Comparison {
            current,
            outcome: Outcome::Missing,
        });
    };
    let committed = serde_json::from_str::<serde_json::Value>(committed).ok();
    if committed.as_ref() == Some(&current_value) {
        return Ok(Comparison {
            current,
            outcome: Outcome::UpToDate,
        });
    }
    let cost = match committed.and_then(|value| PlanDocument::from_value(value).ok()) {
        Some(document) => {
            let old = Side {
                name: committed_name.to_owned(),
                from_spec: false,
                document,
            };
            let new = Side {
                name: spec_name.to_owned(),
                from_spec: true,
                document: PlanDocument::from_value(current_value)
                    .map_err(DocumentError::ReadBack)?,
            };
            Some(Box::new(crate::diff::diff(old, new)))
        }
        None => None,
    };
    Ok(Comparison {
        current,
        outcome: Outcome::Differs { cost },
    })
}
