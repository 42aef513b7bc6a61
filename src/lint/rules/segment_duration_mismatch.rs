use rust_decimal::Decimal;

use crate::lint::Findings;
use crate::lint::context::{Context, seconds};
use crate::lint::declare::declare_rule;
use crate::lint::options::Options;

declare_rule! {
    /// ## What it does
    /// Adds up the `duration` of each segment's shots and flags a segment whose total differs
    /// from the segment's own `duration`. Empty segments are left to `empty-segment`.
    ///
    /// ## Why it matters
    /// The segment's duration is what the script needs; the shots are what will be paid for.
    /// Shots that fall short leave a hole that is found in the edit and filled with extra,
    /// unplanned generations; shots that run long buy seconds that will be trimmed away, at
    /// every take.
    ///
    /// ## Example
    /// ```yaml
    /// segments:
    ///   - {id: s2, duration: 15s}
    /// shots:   # 5 s + 5 s = 10 s, not 15 s
    ///   - {id: s2-a, segment: s2, type: close-up, duration: 5s, prompt: "…"}
    ///   - {id: s2-b, segment: s2, type: b-roll, duration: 5s, prompt: "…"}
    /// ```
    ///
    /// ## Use instead
    /// Adjust shot durations, add the missing shot, or correct the segment's `duration` so
    /// that the two agree.
    L009 "segment-duration-mismatch" {
        level: Warn,
        summary: "A segment's shots do not add up to its duration",
    }
}

fn check(ctx: &Context, _: &Options, out: &mut Findings) {
    for (index, segment) in ctx.spec.segments.iter().enumerate() {
        let shots = &ctx.segment_shots[index];
        if shots.is_empty() {
            continue;
        }
        let Some(total) = shots.iter().try_fold(Decimal::ZERO, |sum, &shot| {
            sum.checked_add(ctx.facts[shot].seconds)
        }) else {
            continue;
        };
        let duration = segment.duration.value.seconds();
        if total == duration {
            continue;
        }
        let help = if total < duration {
            format!(
                "add `{}` of shots to `{}`, or shorten the segment to `{}`",
                seconds(duration.saturating_sub(total)),
                segment.id.value,
                seconds(total)
            )
        } else {
            format!(
                "trim `{}` from the shots of `{}`, or lengthen the segment to `{}`",
                seconds(total.saturating_sub(duration)),
                segment.id.value,
                seconds(total)
            )
        };
        out.push(
            out.diagnostic(format!(
                "shots of segment `{}` add up to `{}`, not `{}`",
                segment.id.value,
                seconds(total),
                seconds(duration)
            ))
            .with_path(format!("segments[{index}].duration"))
            .with_label(
                segment.duration.span,
                format!("shots add up to `{}`", seconds(total)),
            )
            .with_help(help),
        );
    }
}
