use rust_decimal::Decimal;

use crate::lint::Findings;
use crate::lint::context::Context;
use crate::lint::declare::declare_rule;
use crate::lint::options::{Factor, Options};

declare_rule! {
    /// ## What it does
    /// Flags a planned shot whose own `takes` is more than `max_factor` times the production's
    /// assumption for its type (`assumptions.by_type`, else `assumptions.takes`, or
    /// `1 / yield`, or 3).
    ///
    /// ## Why it matters
    /// A shot that is expected to need many more takes than the rest is a shot the team already
    /// doubts: the prompt asks for something the model does poorly, or the model is wrong for
    /// it. Budgeting the retries hides the problem and pays for it at the full rate of every
    /// failed take.
    ///
    /// ## Example
    /// ```yaml
    /// assumptions: {takes: 3}
    /// shots:
    ///   - {id: s4-light, segment: s4, type: hero, duration: 6s, takes: 12, prompt: "…"}
    /// ```
    ///
    /// ## Use instead
    /// Fix the cause before paying for it: simplify the prompt, split the shot, or route it to a
    /// model that does this kind of shot well; then plan it near the assumed takes:
    /// ```yaml
    /// shots:
    ///   - {id: s4-light, segment: s4, type: hero, duration: 6s, takes: 4, prompt: "…"}
    /// ```
    L017 "excess-takes" {
        level: Warn,
        summary: "A shot plans far more takes than the production assumes",
        options: {
            /// How many times the assumed takes a shot may plan.
            MAX_FACTOR: Factor = "max_factor", Factor(Decimal::from_parts(2, 0, 0, false, 0));
        },
    }
}

fn check(ctx: &Context, options: &Options, out: &mut Findings) {
    let Factor(factor) = options.get(&MAX_FACTOR);
    for (index, facts) in ctx.facts.iter().enumerate() {
        if !facts.own_takes || !facts.planned {
            continue;
        }
        let assumed = ctx.assumed_takes(facts.shot_type);
        let Some(limit) = assumed.checked_mul(factor) else {
            continue;
        };
        let shot = ctx.shot(index);
        let Some(takes) = &shot.takes else {
            continue;
        };
        if takes.value.0 <= limit {
            continue;
        }
        let shot_type = facts.shot_type;
        let for_its_type = ctx
            .spec
            .assumptions
            .by_type
            .get(&shot_type)
            .is_some_and(|own| own.value.takes.is_some() || own.value.yield_.is_some());
        let assumption = if for_its_type {
            format!(
                "the `{}` assumed for `{}` shots",
                assumed.round_dp(2).normalize(),
                shot_type.name()
            )
        } else {
            format!("the assumed `{}`", assumed.round_dp(2).normalize())
        };
        out.push_for_shot(
            index,
            out.diagnostic(format!(
                "shot `{}` plans `{}` takes, more than `{}`× {assumption}",
                shot.id.value,
                takes.value.0.normalize(),
                factor.normalize(),
            ))
            .with_path(format!("shots[{index}].takes"))
            .with_label(takes.span, "far more takes than assumed")
            .with_help(
                "simplify the prompt, split the shot or route it to a better-suited model, then plan fewer takes",
            ),
        );
    }
}
