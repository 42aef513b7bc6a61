use crate::lint::Findings;
use crate::lint::context::{Context, seconds};
use crate::lint::declare::declare_rule;
use crate::lint::options::Options;
use crate::plan::route::longest_clip;

declare_rule! {
    /// ## What it does
    /// Flags a planned shot whose needed seconds — its `duration` plus `assumptions.handles` —
    /// exceed its model's `max_clip` or the largest clip its rate prices (`buckets`).
    ///
    /// ## Why it matters
    /// The model cannot make the clip in one generation. Asked anyway, it stops short or the
    /// request fails, and the shot is either padded with a second generation that does not
    /// match the first (a visible seam, a drifting face) or re-planned after credits are spent.
    ///
    /// ## Example
    /// ```yaml
    /// shots:   # veo-3.1 makes at most 8 s
    ///   - {id: s1-walk, segment: s1, type: hero, duration: 12s, model: veo-3.1, prompt: "…"}
    /// ```
    ///
    /// ## Use instead
    /// Split the shot into shots that each fit one clip, or route it to a model that makes
    /// longer clips:
    /// ```yaml
    /// shots:
    ///   - {id: s1-walk-a, segment: s1, type: hero, duration: 6s, model: veo-3.1, prompt: "…"}
    ///   - {id: s1-walk-b, segment: s1, type: hero, duration: 6s, model: veo-3.1, prompt: "…"}
    /// ```
    L004 "clip-too-long" {
        level: Deny,
        summary: "A shot needs a longer clip than its model can generate",
    }
}

fn check(ctx: &Context, _: &Options, out: &mut Findings) {
    for (index, shot) in ctx.spec.shots.iter().enumerate() {
        if !ctx.is_planned(index) {
            continue;
        }
        let model = ctx.shot_model(index);
        let resolution = ctx.checked.shot_models()[index].resolution;
        let Some(longest) = longest_clip(model, resolution) else {
            continue;
        };
        let needed = ctx.generated_seconds(index);
        if needed <= longest {
            continue;
        }
        // Each part carries its own handles, so parts hold `longest - handles` of cut.
        let room = longest.saturating_sub(ctx.handles);
        let help = match shot.duration.value.seconds().checked_div(room) {
            Some(parts) if room.is_sign_positive() && !room.is_zero() => format!(
                "split the shot into `{}` shots of at most `{}` each, or route it to a model with longer clips",
                parts.ceil(),
                seconds(room)
            ),
            _ => format!(
                "handles of `{}` leave no room in a `{}` clip; lower `assumptions.handles`",
                seconds(ctx.handles),
                seconds(longest)
            ),
        };
        let label = if ctx.handles.is_zero() {
            format!("`{}` needed", seconds(needed))
        } else {
            format!("`{}` needed with handles", seconds(needed))
        };
        let diagnostic = out
            .diagnostic(format!(
                "shot `{}` needs `{}`, but `{}` makes at most `{}`",
                shot.id.value,
                seconds(needed),
                model.id,
                seconds(longest)
            ))
            .with_path(format!("shots[{index}].duration"))
            .with_label(shot.duration.span, label)
            .with_help(help);
        let diagnostic = match &shot.model {
            Some(own) => diagnostic.with_secondary(own.span, "model chosen here"),
            None => diagnostic,
        };
        out.push_for_shot(index, diagnostic);
    }
}
