use rust_decimal::Decimal;

use crate::lint::Findings;
use crate::lint::context::{Context, seconds};
use crate::lint::declare::declare_rule;
use crate::lint::options::{Options, Seconds};

declare_rule! {
    /// ## What it does
    /// Counts the cuts in each segment — one between each pair of its shots, plus the `cuts`
    /// inside multi-shot generations — and flags a segment with more cuts than its duration ÷
    /// `min_seconds_per_cut`.
    ///
    /// ## Why it matters
    /// Every cut is a separate generation or a seam inside one, and each must match the shots
    /// around it in character, light and eyeline. A 15-second segment with 18 cuts gives each
    /// piece under a second: models cannot resolve action that fast, continuity drifts from cut
    /// to cut, and the segment fails approval as a whole, so every take of every shot in it is
    /// paid for again.
    ///
    /// ## Example
    /// ```yaml
    /// segments:
    ///   - {id: s3, duration: 15s}
    /// shots:       # 12 shots (11 cuts) plus 7 cuts inside generations: 18 cuts in 15 s
    ///   - {id: s3-a, segment: s3, type: action, duration: 1.25s, cuts: 3, prompt: "…"}
    ///   # …
    /// ```
    ///
    /// ## Use instead
    /// Give the cuts the screen time they need: spread them over more segments (18 cuts at
    /// 2.5 s a cut need 45 s, three 15-second segments), or merge shots and drop cuts until the
    /// segment holds at most `duration ÷ min_seconds_per_cut` of them.
    L001 "cut-density" {
        level: Deny,
        summary: "A segment has more cuts than its length can carry",
        options: {
            /// Shortest average time between cuts a segment may have.
            MIN_SECONDS_PER_CUT: Seconds = "min_seconds_per_cut", Seconds(Decimal::from_parts(25, 0, 0, false, 1));
        },
    }
}

fn check(ctx: &Context, options: &Options, out: &mut Findings) {
    let Seconds(min_per_cut) = options.get(&MIN_SECONDS_PER_CUT);
    for (index, segment) in ctx.spec.segments.iter().enumerate() {
        let shots = &ctx.segment_shots[index];
        if shots.is_empty() {
            continue;
        }
        // Saturating: `cuts` is user input, and a sum of them must not overflow.
        let inner = shots
            .iter()
            .map(|&s| u64::from(ctx.facts[s].cuts))
            .fold(0u64, u64::saturating_add);
        let between = u64::try_from(shots.len().saturating_sub(1)).unwrap_or(u64::MAX);
        let cuts = Decimal::from(between.saturating_add(inner));
        let duration = segment.duration.value.seconds();
        // cuts > duration / min, compared without dividing. Checked arithmetic: options
        // and durations are user input, and an overflow must not panic.
        let Some(needed) = cuts.checked_mul(min_per_cut) else {
            continue;
        };
        if needed <= duration {
            continue;
        }
        let (Some(fit), Some(segments)) = (
            duration.checked_div(min_per_cut).map(|d| d.floor()),
            needed.checked_div(duration).map(|d| d.ceil()),
        ) else {
            continue;
        };
        let mut diagnostic = out
            .diagnostic(format!(
                "segment `{}` has `{cuts}` cuts in `{}`",
                segment.id.value,
                seconds(duration)
            ))
            .with_path(format!("segments[{index}].duration"))
            .with_label(
                segment.duration.span,
                format!("`{}` fits at most `{fit}` cuts", seconds(duration)),
            )
            .with_help(format!(
                "spread these cuts over `{segments}` segments of `{}`, or cut to at most `{fit}` (one every `{}` or more)",
                seconds(duration),
                seconds(min_per_cut)
            ));
        for &shot in shots {
            if let Some(inner) = &ctx.shot(shot).cuts
                && inner.value > 0
            {
                diagnostic = diagnostic.with_secondary(
                    inner.span,
                    format!("`{}` more inside this generation", inner.value),
                );
            }
        }
        out.push(diagnostic);
    }
}
