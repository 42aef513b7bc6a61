use crate::lint::Findings;
use crate::lint::context::Context;
use crate::lint::declare::declare_rule;
use crate::lint::options::{Count, Options};
use crate::source::Span;

declare_rule! {
    /// ## What it does
    /// Flags a planned shot that names more than `max_characters` characters.
    ///
    /// ## Why it matters
    /// Current models hold two or three consistent characters in one frame at best. Beyond
    /// that, faces blend, costumes swap between people and limbs go missing; usable takes
    /// become rare, so the shot burns through many more takes than the plan assumes.
    ///
    /// ## Example
    /// ```yaml
    /// shots:
    ///   - {id: s5-table, segment: s5, type: dialogue, duration: 6s,
    ///      characters: [kira, bo, nana, vey], prompt: "…"}
    /// ```
    ///
    /// ## Use instead
    /// Stage the moment as several shots with fewer characters each — a wide with the group
    /// seen from behind, then singles and two-shots:
    /// ```yaml
    /// shots:
    ///   - {id: s5-table-two, segment: s5, type: dialogue, duration: 3s,
    ///      characters: [kira, nana], prompt: "…"}
    ///   - {id: s5-table-vey, segment: s5, type: close-up, duration: 3s,
    ///      characters: [vey], prompt: "…"}
    /// ```
    L015 "crowded-shot" {
        level: Warn,
        summary: "Too many characters in one shot",
        options: {
            /// Most characters one shot may name.
            MAX_CHARACTERS: Count = "max_characters", Count(3);
        },
    }
}

fn check(ctx: &Context, options: &Options, out: &mut Findings) {
    let Count(max) = options.get(&MAX_CHARACTERS);
    for (index, facts) in ctx.facts.iter().enumerate() {
        if facts.characters <= max || !facts.planned {
            continue;
        }
        let shot = ctx.shot(index);
        let count = shot.characters.len();
        let (Some(first), Some(last)) = (shot.characters.first(), shot.characters.last()) else {
            continue;
        };
        let list = Span::new(
            first.span.offset,
            last.span.end().saturating_sub(first.span.offset),
        );
        out.push_for_shot(
            index,
            out.diagnostic(format!(
                "shot `{}` has `{count}` {}, more than `{max}`",
                shot.id.value,
                if count == 1 { "character" } else { "characters" }
            ))
            .with_path(format!("shots[{index}].characters"))
            .with_label(list, format!("`{count}` characters"))
            .with_help(format!(
                "stage it as several shots of at most `{max}` characters, or keep the others out of frame"
            )),
        );
    }
}
