use crate::ledger::{JobState, Outcome};
use crate::lint::Findings;
use crate::lint::context::Context;
use crate::lint::declare::declare_rule;
use crate::lint::options::Options;
use crate::wording::plural;

declare_rule! {
    /// ## What it does
    /// Reads the production's ledger (the spec's `ledger:`, or `lint --ledger FILE`) and flags
    /// a shot that is not done — not `approved`, no `kept` row — and has already used more
    /// generations than the plan gives it: `g > T`, where `g` counts its rows whatever their
    /// outcome and `T` is its planned takes (its own `takes`, else the assumptions). Without a
    /// ledger the rule is silent.
    ///
    /// ## Why it matters
    /// A shot that has failed more often than planned rarely succeeds by rolling again: the
    /// prompt asks for what the model does poorly, or the references do not carry the face or
    /// the place. Each further take costs the full rate and eats the margin of the shots still
    /// to come, and the ledger's rows are the evidence to read before paying again.
    ///
    /// ## Example
    /// ```yaml
    /// ledger: shots.ledger.csv   # four rows for `door`: one failed, three rejected
    /// shots:
    ///   - {id: door, segment: s1, type: action, duration: 5s, characters: [tom], prompt: "…"}
    /// ```
    ///
    /// ## Use instead
    /// Stop rolling and fix the cause: read the rows' notes, rewrite the prompt, attach the
    /// locked references or route the shot to a model that takes them (`shotlist route`), then
    /// log the next take. When the shot is simply harder than planned, say so with its own
    /// `takes`, so that `status` and the plan count it:
    /// ```yaml
    /// shots:
    ///   - {id: door, segment: s1, type: action, duration: 5s, characters: [tom], model: wan-2.6,
    ///      takes: 6, prompt: "…"}
    /// ```
    L019 "over-plan-takes" {
        level: Warn,
        summary: "A shot not yet done has used more generations than planned",
    }
}

fn check(ctx: &Context, _: &Options, out: &mut Findings) {
    let Some(tracked) = ctx.tracked else {
        return;
    };
    for index in 0..ctx.spec.shots.len() {
        let Some(job) = ctx.shot_status(index) else {
            continue;
        };
        if job.state == JobState::Done || !job.over_plan {
            continue;
        }
        let Some(planned) = job.planned_takes.and_then(|takes| takes.value()) else {
            continue;
        };
        let shot = ctx.shot(index);
        let (mut failed, mut rejected) = (0usize, 0usize);
        for row in tracked.ledger.shot_rows(index) {
            match row.outcome {
                Outcome::Failed => failed = failed.saturating_add(1),
                Outcome::Rejected => rejected = rejected.saturating_add(1),
                Outcome::Kept => {}
            }
        }
        let planned = planned.round_dp(2).normalize();
        let outcomes: Vec<String> = [(rejected, "rejected take"), (failed, "failed take")]
            .into_iter()
            .filter(|(count, _)| *count > 0)
            .map(|(count, noun)| plural(count, noun))
            .collect();
        let diagnostic = out
            .diagnostic(format!(
                "shot `{}` has used `{}` generations of its `{planned}` planned takes, none kept",
                shot.id.value, job.generations
            ))
            .with_path(format!("shots[{index}]"))
            .with_label(
                shot.id.span,
                format!("{} in the ledger", outcomes.join(" and ")),
            );
        let diagnostic = match &shot.takes {
            Some(takes) => diagnostic.with_secondary(takes.span, "planned takes"),
            None => diagnostic,
        };
        out.push_for_shot(
            index,
            diagnostic.with_help(
                "stop and fix the prompt or the references before rolling again (the ledger's rows and notes show what went wrong); if the shot is simply harder than planned, raise its `takes`",
            ),
        );
    }
}
