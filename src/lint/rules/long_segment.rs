use rust_decimal::Decimal;

use crate::lint::Findings;
use crate::lint::context::{Context, seconds};
use crate::lint::declare::declare_rule;
use crate::lint::options::{Options, Seconds};

declare_rule! {
    /// ## What it does
    /// Flags a segment whose `duration` is longer than `max_seconds`.
    ///
    /// ## Why it matters
    /// A segment is one approval gate: its shots are generated, cut together and judged as a
    /// unit. The longer it is, the more shots a single rejection sends back for new takes, and
    /// the more credits each round of notes costs. Long segments also hide drift, because the
    /// first and last shot are reviewed minutes of work apart.
    ///
    /// ## Example
    /// ```yaml
    /// segments:
    ///   - {id: s2, duration: 40s, script: "The whole chase, start to finish."}
    /// ```
    ///
    /// ## Use instead
    /// Split the script into segments of at most `max_seconds` each, at natural beats:
    /// ```yaml
    /// segments:
    ///   - {id: s2a, duration: 15s, script: "The chase starts."}
    ///   - {id: s2b, duration: 15s, script: "Over the rooftops."}
    ///   - {id: s2c, duration: 10s, script: "The jump."}
    /// ```
    L002 "long-segment" {
        level: Warn,
        summary: "A segment is too long to approve as one chunk",
        options: {
            /// Longest segment, the unit that is generated and approved at once.
            MAX_SECONDS: Seconds = "max_seconds", Seconds(Decimal::from_parts(15, 0, 0, false, 0));
        },
    }
}

fn check(ctx: &Context, options: &Options, out: &mut Findings) {
    let Seconds(max) = options.get(&MAX_SECONDS);
    for (index, segment) in ctx.spec.segments.iter().enumerate() {
        let duration = segment.duration.value.seconds();
        if duration <= max {
            continue;
        }
        let Some(parts) = duration.checked_div(max).map(|d| d.ceil()) else {
            continue;
        };
        out.push(
            out.diagnostic(format!(
                "segment `{}` lasts `{}`, longer than `{}`",
                segment.id.value,
                seconds(duration),
                seconds(max)
            ))
            .with_path(format!("segments[{index}].duration"))
            .with_label(segment.duration.span, "too long for one approval")
            .with_help(format!(
                "split `{}` into `{parts}` segments of at most `{}` at natural beats",
                segment.id.value,
                seconds(max)
            )),
        );
    }
}
