use crate::lint::Findings;
use crate::lint::context::Context;
use crate::lint::declare::declare_rule;
use crate::lint::options::Options;

declare_rule! {
    /// ## What it does
    /// Flags a segment that no shot names in its `segment:`.
    ///
    /// ## Why it matters
    /// The segment's seconds count toward the runtime, but nothing will be generated for them:
    /// the plan looks cheaper than the film will be, and the gap is found in the edit, when the
    /// credits for the rest are already spent.
    ///
    /// ## Example
    /// ```yaml
    /// segments:
    ///   - {id: s1, duration: 15s}
    ///   - {id: s2, duration: 15s}   # no shot has `segment: s2`
    /// ```
    ///
    /// ## Use instead
    /// Write the segment's shots, or remove the segment and shorten `production.runtime`.
    L012 "empty-segment" {
        level: Warn,
        summary: "A segment has no shots",
    }
}

fn check(ctx: &Context, _: &Options, out: &mut Findings) {
    for (index, segment) in ctx.spec.segments.iter().enumerate() {
        if ctx.segment_shots[index].is_empty() {
            out.push(
                out.diagnostic(format!("segment `{}` has no shots", segment.id.value))
                    .with_path(format!("segments[{index}]"))
                    .with_label(segment.id.span, "no shot names this segment")
                    .with_help(format!(
                        "add shots with `segment: {}`, or remove the segment",
                        segment.id.value
                    )),
            );
        }
    }
}
