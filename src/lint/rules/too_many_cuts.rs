use crate::lint::Findings;
use crate::lint::context::{Context, suggestion};
use crate::lint::declare::declare_rule;
use crate::lint::options::Options;

declare_rule! {
    /// ## What it does
    /// Flags a planned shot whose `cuts` exceed its model's `max_cuts`. A model that declares no
    /// `max_cuts` is taken to render no cuts at all inside one generation.
    ///
    /// ## Why it matters
    /// A multi-shot prompt on a model that cannot cut inside a generation comes back as one
    /// continuous shot, or as a jumble of the described shots; on a multi-shot model, asking
    /// for more cuts than it renders drops some. Either way the take is unusable and is paid
    /// for again, once per retry.
    ///
    /// ## Example
    /// ```yaml
    /// shots:   # kling-3.0 renders up to 5 cuts; kling-2.6-standard none
    ///   - {id: s4-chase, segment: s4, type: action, duration: 6s, cuts: 2,
    ///      model: kling-2.6-standard, prompt: "Three shots. …"}
    /// ```
    ///
    /// ## Use instead
    /// Route the shot to a model with a large enough `max_cuts`, or split it into one shot per
    /// cut:
    /// ```yaml
    /// shots:
    ///   - {id: s4-chase, segment: s4, type: action, duration: 6s, cuts: 2,
    ///      model: kling-3.0, prompt: "Three shots. …"}
    /// ```
    L016 "too-many-cuts" {
        level: Deny,
        summary: "A shot asks for more cuts in one generation than its model can render",
    }
}

/// A shot asking for `cuts` cuts of a model that renders at most `max` in one generation.
struct TooManyCuts<'a> {
    shot: &'a str,
    cuts: u32,
    model: &'a str,
    max: u32,
}

impl TooManyCuts<'_> {
    fn message(&self) -> String {
        let renders = if self.max == 0 {
            "renders no cuts in one generation".to_owned()
        } else {
            format!("renders at most `{}`", self.max)
        };
        format!(
            "shot `{}` asks for `{}` cuts, but `{}` {renders}",
            self.shot, self.cuts, self.model
        )
    }
}

fn check(ctx: &Context, _: &Options, out: &mut Findings) {
    for (index, facts) in ctx.facts.iter().enumerate() {
        if facts.cuts == 0 || !facts.planned {
            continue;
        }
        let model = ctx.shot_model(index);
        let max = model.def.max_cuts.as_ref().map_or(0, |m| m.value);
        if facts.cuts <= max {
            continue;
        }
        let shot = ctx.shot(index);
        let Some(cuts) = &shot.cuts else {
            continue;
        };
        let finding = TooManyCuts {
            shot: &shot.id.value,
            cuts: cuts.value,
            model: model.id,
            max,
        };
        let help = match ctx.cheapest_fit(index, |_| true) {
            Some(candidate) => format!(
                "route it to {}, which renders this many cuts, or split it into `{}` shots",
                suggestion(&candidate),
                u64::from(cuts.value) + 1
            ),
            None => format!(
                "split it into `{}` separate shots",
                u64::from(cuts.value) + 1
            ),
        };
        let diagnostic = out
            .diagnostic(finding.message())
            .with_path(format!("shots[{index}].cuts"))
            .with_label(cuts.span, "cuts in one generation")
            .with_help(help);
        let diagnostic = match &shot.model {
            Some(own) => diagnostic.with_secondary(own.span, "model chosen here"),
            None => diagnostic,
        };
        out.push_for_shot(index, diagnostic);
    }
}
