use rust_decimal::Decimal;

use crate::lint::Findings;
use crate::lint::context::{Context, credits, suggestion};
use crate::lint::declare::declare_rule;
use crate::lint::options::Options;
use crate::plan::take_saving;
use crate::spec::Tier;

declare_rule! {
    /// ## What it does
    /// Flags a planned shot generated with a `premium`-tier model when its `type` is not in
    /// `routing.premium_for` (by default `hero`, `dialogue` and `close-up`). The help names the
    /// cheapest model that can make the same shot — a video model that is not retired, has the
    /// shot's resolution (or the nearest one above it, which the help names), its sound and
    /// addons, accepts references when the shot has characters, renders its cuts, and makes
    /// clips long enough, the same fit `shotlist route` uses — and the credits it saves per take.
    ///
    /// ## Why it matters
    /// Premium models cost several times a standard one per second, and every shot is paid for
    /// once per take. A b-roll plate, an establishing wide or an insert rarely shows the
    /// difference, so premium there multiplies the bill without changing the film.
    ///
    /// ## Example
    /// ```yaml
    /// routing:
    ///   premium_for: [hero, dialogue]
    /// shots:
    ///   - {id: sea, segment: s1, type: b-roll, duration: 5s, model: veo-3.1, prompt: "…"}
    /// ```
    ///
    /// ## Use instead
    /// Route the shot to a standard model, or, if this shot type really needs the premium look,
    /// add it to `routing.premium_for`:
    /// ```yaml
    /// shots:
    ///   - {id: sea, segment: s1, type: b-roll, duration: 5s, model: wan-2.6, prompt: "…"}
    /// ```
    L003 "premium-on-b-roll" {
        level: Warn,
        summary: "A premium model on a shot type that does not need one",
    }
}

fn check(ctx: &Context, _: &Options, out: &mut Findings) {
    let premium_types = ctx.checked.premium_types();
    for (index, facts) in ctx.facts.iter().enumerate() {
        let model = ctx.shot_model(index);
        let shot_type = facts.shot_type;
        if model.tier != Tier::Premium || !facts.planned || premium_types.contains(&shot_type) {
            continue;
        }
        let shot = ctx.shot(index);
        let cheaper = ctx.current_job(index).and_then(|current| {
            let candidate = ctx.cheapest_fit(index, |candidate| candidate.tier != Tier::Premium)?;
            let saving = take_saving(&current, candidate.job()?)?;
            (saving > Decimal::ZERO).then(|| (suggestion(&candidate), saving))
        });
        let help = match cheaper {
            Some((candidate, saving)) => format!(
                "route it to {candidate}, which fits this shot and saves `{}` credits a take",
                credits(saving)
            ),
            None => format!(
                "route it to a standard-tier model, or add `{}` to `routing.premium_for`",
                shot_type.name()
            ),
        };
        let diagnostic = out
            .diagnostic(format!(
                "premium model `{}` on {} shot `{}`",
                model.id,
                shot_type.name(),
                shot.id.value
            ))
            .with_help(help);
        out.push_for_shot(index, ctx.label_model(index, diagnostic, "premium model"));
    }
}
