use crate::ledger::Status;
use crate::lint::Findings;
use crate::lint::context::{Context, credits};
use crate::lint::declare::declare_rule;
use crate::lint::options::Options;
use crate::plan::{BudgetVerdict, Subject};
use crate::source::Span;
use crate::spec::{Dec, Spanned};

declare_rule! {
    /// ## What it does
    /// Costs the spec exactly as `shotlist plan` does and compares it with `budget.credits`.
    /// When the expected total passes the cap, it reports an error at the cap, with the first
    /// job at which the running expected total passes it. When only the worst case (every shot
    /// at `takes_worst`) passes the cap, it reports a warning, even at level `deny`: that is a
    /// risk, not a certainty. Specs without `budget.credits` are not checked, nor are specs the
    /// plan cannot price (see `clip-too-long`).
    ///
    /// When the production has a ledger (the spec's `ledger:`, or `lint --ledger FILE`), the
    /// rule judges the figures at completion instead, as `shotlist status` computes them: what
    /// the ledger has spent plus what remains. An error when the expected figure at completion
    /// passes the cap, a warning when only the worst does; the message says it is the figure
    /// at completion.
    ///
    /// ## Why it matters
    /// Credits run out in the middle of a generation pass: the references and the first
    /// segments are paid for, and the segments after the job that crosses the cap cannot be
    /// made. Knowing before the first credit is spent leaves every option open — cheaper
    /// models for plates, fewer takes, shorter shots, or a bigger plan.
    ///
    /// ## Example
    /// ```yaml
    /// budget: {credits: 1000}
    /// shots:   # each hero take is 240 credits on veo-3.1; three takes of five shots is 3,600
    ///   - {id: s1-climb, segment: s1, type: hero, duration: 6s, model: veo-3.1, prompt: "…"}
    ///   # …
    /// ```
    ///
    /// ## Use instead
    /// Bring the plan under the cap — route plates and b-roll to standard models, lock sheets
    /// in fewer rounds, cut takes where a shot is simple — or raise `budget.credits` to what the
    /// film really costs. `shotlist plan` shows where the credits go, job by job.
    L018 "over-budget" {
        level: Deny,
        summary: "The planned spend passes the credit cap",
    }
}

fn check(ctx: &Context, _: &Options, out: &mut Findings) {
    let Some(cap) = ctx.spec.budget.as_ref().and_then(|b| b.credits.as_ref()) else {
        return;
    };
    if let Some(tracked) = ctx.tracked {
        at_completion(tracked.status, cap, out);
        return;
    }
    // A spec the plan cannot price is left to the rules that say why (clip-too-long).
    let Ok(plan) = crate::plan::plan(ctx.checked) else {
        return;
    };
    let totals = plan.totals.credits;
    let Some(overage) = plan.overage() else {
        return;
    };
    match plan.budget_verdict() {
        BudgetVerdict::Uncapped | BudgetVerdict::Within => {}
        BudgetVerdict::WorstOver => out.push_warning(
            out.diagnostic(format!(
                "the worst case, `{}` credits, passes the cap of `{}`",
                credits(totals.worst),
                credits(cap.value.0)
            ))
            .with_path("budget.credits")
            .with_label(cap.span, format!("expected `{}` fits", credits(totals.expected)))
            .with_help(format!(
                "the worst case needs `{}` more credits: raise `budget.credits` to `{}`, or plan fewer takes for simple shots",
                credits(overage.worst),
                credits(totals.worst)
            )),
        ),
        BudgetVerdict::ExpectedOver => {
            let diagnostic = out
                .diagnostic(format!(
                    "the expected spend, `{}` credits, passes the cap of `{}`",
                    credits(totals.expected),
                    credits(cap.value.0)
                ))
                .with_path("budget.credits")
                .with_label(cap.span, "credit cap")
                .with_help(format!(
                    "cut `{}` credits — cheaper models for plates and b-roll, fewer takes, shorter shots — or raise `budget.credits` to `{}`",
                    credits(overage.expected),
                    credits(totals.expected)
                ));
            let diagnostic = match plan.budget.exceeded_at.and_then(|job| subject_span(ctx, job)) {
                Some((span, id)) => diagnostic
                    .with_secondary(span, format!("`{id}`: the running total passes the cap here")),
                None => diagnostic,
            };
            out.push(diagnostic);
        }
    }
}

/// The verdict on the figures at completion: spent + remaining.
fn at_completion(status: &Status, cap: &Spanned<Dec>, out: &mut Findings) {
    let spent = status.shown_spent;
    let remaining = status.shown_remaining;
    let total = status.shown_at_completion;
    let budget = status.budget;
    if budget.over {
        let Some(overage) = total.expected.checked_sub(cap.value.0) else {
            return;
        };
        out.push(
            out.diagnostic(format!(
                "the expected spend at completion, `{}` credits (`{}` spent, `{}` to go), passes the cap of `{}`",
                credits(total.expected),
                credits(spent),
                credits(remaining.expected),
                credits(cap.value.0)
            ))
            .with_path("budget.credits")
            .with_label(cap.span, "credit cap")
            .with_help(format!(
                "cut `{}` credits from what remains — cheaper models, fewer takes, shorter shots — or raise `budget.credits` to `{}`",
                credits(overage),
                credits(total.expected)
            )),
        );
    } else if budget.worst_over {
        let Some(overage) = total.worst.checked_sub(cap.value.0) else {
            return;
        };
        out.push_warning(
            out.diagnostic(format!(
                "the worst case at completion, `{}` credits (`{}` spent, `{}` to go), passes the cap of `{}`",
                credits(total.worst),
                credits(spent),
                credits(remaining.worst),
                credits(cap.value.0)
            ))
            .with_path("budget.credits")
            .with_label(
                cap.span,
                format!("expected `{}` at completion fits", credits(total.expected)),
            )
            .with_help(format!(
                "the worst case needs `{}` more credits: raise `budget.credits` to `{}`, or fix the shots that are eating takes before rolling them again",
                credits(overage),
                credits(total.worst)
            )),
        );
    }
}

fn subject_span<'a>(ctx: &Context<'_, 'a>, job: Subject<'a>) -> Option<(Span, &'a str)> {
    let span = match job {
        Subject::Sheet { kind, index, .. } => kind.assets(ctx.spec).get(index)?.id.span,
        Subject::Shot { index, .. } => ctx.spec.shots.get(index)?.id.span,
    };
    Some((span, job.id()))
}
