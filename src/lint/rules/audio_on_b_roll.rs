use crate::lint::Findings;
use crate::lint::context::{Context, credits};
use crate::lint::declare::declare_rule;
use crate::lint::options::Options;
use crate::plan::addon_credits;
use crate::spec::ShotType;

declare_rule! {
    /// ## What it does
    /// Flags a planned `b-roll`, `establishing` or `insert` shot with `audio: true`. The help
    /// gives the credits the audio addon adds to each take.
    ///
    /// ## Why it matters
    /// These shots sit under dialogue, music or a sound bed laid in the edit; generated sound on
    /// them is almost always muted. Audio adds its addon rate to every take, and models that
    /// make sound are often pricier or slower, so the shot pays for something no one hears.
    ///
    /// ## Example
    /// ```yaml
    /// shots:
    ///   - {id: s1-sea, segment: s1, type: b-roll, duration: 5s, audio: true, prompt: "…"}
    /// ```
    ///
    /// ## Use instead
    /// Generate the shot silent and add ambience in the edit:
    /// ```yaml
    /// shots:
    ///   - {id: s1-sea, segment: s1, type: b-roll, duration: 5s, prompt: "…"}
    /// ```
    L013 "audio-on-b-roll" {
        level: Warn,
        summary: "Generated sound on a b-roll, establishing or insert shot",
    }
}

fn check(ctx: &Context, _: &Options, out: &mut Findings) {
    for (index, facts) in ctx.facts.iter().enumerate() {
        let silent_type = matches!(
            facts.shot_type,
            ShotType::BRoll | ShotType::Establishing | ShotType::Insert
        );
        if !facts.audio || !silent_type || !facts.planned {
            continue;
        }
        let shot = ctx.shot(index);
        let Some(audio) = &shot.audio else {
            continue;
        };
        let addon = addon_credits(ctx.checked, index, "audio");
        let help = match addon {
            Some(cost) if !cost.is_zero() => format!(
                "remove `audio: true` and lay sound in the edit; it saves `{}` credits a take",
                credits(cost)
            ),
            _ => "remove `audio: true` and lay sound in the edit".to_owned(),
        };
        out.push_for_shot(
            index,
            out.diagnostic(format!(
                "{} shot `{}` generates sound",
                shot.shot_type.value.name(),
                shot.id.value
            ))
            .with_path(format!("shots[{index}].audio"))
            .with_label(audio.span, "sound requested")
            .with_secondary(shot.shot_type.span, "usually silent in the cut")
            .with_help(help),
        );
    }
}
