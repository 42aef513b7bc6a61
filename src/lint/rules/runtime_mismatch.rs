use rust_decimal::Decimal;

use crate::lint::Findings;
use crate::lint::context::{Context, seconds};
use crate::lint::declare::declare_rule;
use crate::lint::options::Options;

declare_rule! {
    /// ## What it does
    /// Adds up the `duration` of every segment and flags a total that differs from
    /// `production.runtime`. Specs without a runtime are not checked.
    ///
    /// ## Why it matters
    /// The runtime is the deliverable: a 60-second ad slot, a 3-minute episode. A script cut
    /// into segments that run short or long means the plan — and the budget built on it — is
    /// for a different film, and the difference is paid for, or cut, after generation.
    ///
    /// ## Example
    /// ```yaml
    /// production: {title: Ad, runtime: 30s}
    /// segments:   # 15 s + 10 s = 25 s
    ///   - {id: s1, duration: 15s}
    ///   - {id: s2, duration: 10s}
    /// ```
    ///
    /// ## Use instead
    /// Make the segments add up to the runtime, or correct `production.runtime`.
    L010 "runtime-mismatch" {
        level: Warn,
        summary: "The segments do not add up to the production's runtime",
    }
}

fn check(ctx: &Context, _: &Options, out: &mut Findings) {
    let Some(runtime) = &ctx.spec.production.runtime else {
        return;
    };
    let Some(total) = ctx
        .spec
        .segments
        .iter()
        .try_fold(Decimal::ZERO, |sum, segment| {
            sum.checked_add(segment.duration.value.seconds())
        })
    else {
        return;
    };
    let target = runtime.value.seconds();
    if total == target {
        return;
    }
    let help = if total < target {
        format!(
            "add `{}` of segments, or set `runtime` to `{}`",
            seconds(target.saturating_sub(total)),
            seconds(total)
        )
    } else {
        format!(
            "cut `{}` from the segments, or set `runtime` to `{}`",
            seconds(total.saturating_sub(target)),
            seconds(total)
        )
    };
    out.push(
        out.diagnostic(format!(
            "segments add up to `{}`, not the runtime of `{}`",
            seconds(total),
            seconds(target)
        ))
        .with_path("production.runtime")
        .with_label(
            runtime.span,
            format!("segments add up to `{}`", seconds(total)),
        )
        .with_help(help),
    );
}
