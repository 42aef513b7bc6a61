use crate::ledger::Outcome;
use crate::lint::Findings;
use crate::lint::context::Context;
use crate::lint::declare::declare_rule;
use crate::lint::options::Options;

declare_rule! {
    /// ## What it does
    /// Reads the production's ledger (the spec's `ledger:`, or `lint --ledger FILE`) and flags
    /// a shot that has a `kept` row there while the spec still marks it `planned` (its
    /// `status`, `planned` when absent). Without a ledger the rule is silent.
    ///
    /// ## Why it matters
    /// The spec is what the plan, `route`, `diff` and the team read. A shot that is in the cut
    /// but still `planned` there is costed again by every plan, can be moved to another model
    /// by `route --fix`, and looks pending to whoever reads the spec before regenerating — the
    /// status-summary mistake that pays twice for a finished shot.
    ///
    /// ## Example
    /// ```yaml
    /// ledger: shots.ledger.csv   # has `sea,kling-2.6-standard,5s,kept`
    /// shots:
    ///   - {id: sea, segment: s1, type: b-roll, duration: 5s, prompt: "…"}
    /// ```
    ///
    /// ## Use instead
    /// Approve the shot in the spec once its take is kept:
    /// ```yaml
    /// shots:
    ///   - {id: sea, segment: s1, type: b-roll, duration: 5s, status: approved, prompt: "…"}
    /// ```
    L020 "kept-not-approved" {
        level: Warn,
        summary: "The ledger keeps a take of a shot the spec still plans",
    }
}

fn check(ctx: &Context, _: &Options, out: &mut Findings) {
    let Some(tracked) = ctx.tracked else {
        return;
    };
    for index in 0..ctx.spec.shots.len() {
        if !ctx.is_planned(index) {
            continue;
        }
        let Some(kept) = tracked
            .ledger
            .shot_rows(index)
            .find(|row| row.outcome == Outcome::Kept)
        else {
            continue;
        };
        let shot = ctx.shot(index);
        let diagnostic = out.diagnostic(format!(
            "shot `{}` is kept in the ledger (line {}) but still `planned` in the spec",
            shot.id.value, kept.line
        ));
        let diagnostic = match &shot.status {
            Some(status) => diagnostic
                .with_path(format!("shots[{index}].status"))
                .with_label(status.span, "still planned"),
            None => diagnostic
                .with_path(format!("shots[{index}]"))
                .with_label(shot.id.span, "still planned"),
        };
        out.push_for_shot(
            index,
            diagnostic.with_help(
                "set `status: approved`, so that the plan stops costing a shot that is made",
            ),
        );
    }
}
