use crate::lint::Findings;
use crate::lint::context::{Context, credits, suggestion};
use crate::lint::declare::declare_rule;
use crate::lint::options::Options;

declare_rule! {
    /// ## What it does
    /// Flags a planned shot that names `characters` but is generated with a model whose
    /// `references` is not `true`. The help names the cheapest model that accepts references
    /// and can make the shot.
    ///
    /// ## Why it matters
    /// Reference images are how a character keeps one face, costume and build from shot to
    /// shot. A model that cannot take them draws the character from the prompt alone, so every
    /// shot is a new casting: faces drift, the cut does not hold, and the drifted shots are
    /// generated again.
    ///
    /// ## Example
    /// ```yaml
    /// shots:   # kling-2.6-standard accepts no reference images
    ///   - {id: s3-door, segment: s3, type: action, duration: 5s, characters: [tom],
    ///      model: kling-2.6-standard, prompt: "…"}
    /// ```
    ///
    /// ## Use instead
    /// Route shots with characters to a model that accepts references, and attach the locked
    /// sheets:
    /// ```yaml
    /// shots:
    ///   - {id: s3-door, segment: s3, type: action, duration: 5s, characters: [tom],
    ///      model: wan-2.6, prompt: "…"}
    /// ```
    L014 "no-reference-model" {
        level: Warn,
        summary: "A shot with characters uses a model that takes no reference images",
    }
}

fn check(ctx: &Context, _: &Options, out: &mut Findings) {
    for (index, facts) in ctx.facts.iter().enumerate() {
        let model = ctx.shot_model(index);
        if facts.characters == 0 || model.references || !facts.planned {
            continue;
        }
        let shot = ctx.shot(index);
        let cheapest = ctx.cheapest_fit(index, |candidate| candidate.references);
        let help = match cheapest
            .as_ref()
            .and_then(|c| Some((c, c.job()?.credits.best)))
        {
            Some((candidate, cost)) => format!(
                "route it to a model that accepts references, such as {} (`{}` credits a take)",
                suggestion(candidate),
                credits(cost)
            ),
            None => {
                "route it to a model that accepts reference images (`references: true`)".to_owned()
            }
        };
        let characters: Vec<String> = shot
            .characters
            .iter()
            .map(|c| format!("`{}`", c.value))
            .collect();
        let diagnostic = out
            .diagnostic(format!(
                "shot `{}` shows {} but `{}` takes no reference images",
                shot.id.value,
                characters.join(", "),
                model.id
            ))
            .with_help(help);
        out.push_for_shot(index, ctx.label_model(index, diagnostic, "no references"));
    }
}
