//! The plan as JSON: the [plan document](crate::document::plan), written as it is
//! priced.

use std::io::Write;

use serde_json::Value;

use crate::document::plan::streamed;
use crate::plan::Plan;

/// The whole document as a JSON value: what `plan --check` compares. Built from the
/// same serializer as the streamed output, so the two never disagree. Fails only if a
/// job cannot be priced again (see [`Plan::jobs`]).
pub fn document(plan: &Plan<'_>) -> serde_json::Result<Value> {
    serde_json::to_value(streamed(plan))
}

/// The whole document, pretty-printed, with a final newline. Fails only if a job
/// cannot be priced again (see [`Plan::jobs`]).
pub fn render(plan: &Plan<'_>) -> std::io::Result<String> {
    let mut out = Vec::new();
    render_to(plan, &mut out)?;
    // serde_json writes UTF-8.
    Ok(String::from_utf8(out).unwrap_or_default())
}

/// Writes the whole document, pretty-printed, with a final newline.
pub fn render_to(plan: &Plan<'_>, out: &mut dyn Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &streamed(plan))?;
    out.write_all(b"\n")
}
