use crate::lint::Findings;
use crate::lint::context::{Context, asset_references};
use crate::lint::declare::declare_rule;
use crate::lint::options::Options;

declare_rule! {
    /// ## What it does
    /// Flags each asset reference in an `approved` shot whose sheet is still `draft`.
    ///
    /// ## Why it matters
    /// The approved shot fixed a look before the reference did. When the sheet is locked, its
    /// look will differ from the one on screen: either every later shot matches the sheet and
    /// cuts badly against the approved one, or the approved shot is regenerated and its credits
    /// were spent twice.
    ///
    /// ## Example
    /// ```yaml
    /// characters:
    ///   - {id: tom, sheet: {status: draft}}
    /// shots:
    ///   - {id: s3-door, segment: s3, type: action, duration: 4s, characters: [tom],
    ///      status: approved, prompt: "…"}
    /// ```
    ///
    /// ## Use instead
    /// Lock the sheet first, matching it to the approved shot if that look is the one you want,
    /// then approve shots that use it:
    /// ```yaml
    /// characters:
    ///   - {id: tom, sheet: {status: locked, references: [refs/tom.png]}}
    /// ```
    L007 "approved-before-lock" {
        level: Warn,
        summary: "An approved shot uses an asset whose sheet is not locked",
    }
}

fn check(ctx: &Context, _: &Options, out: &mut Findings) {
    for (index, facts) in ctx.facts.iter().enumerate() {
        if facts.planned {
            continue;
        }
        let shot = ctx.shot(index);
        for (kind, id) in asset_references(shot) {
            let Some((_, asset)) = ctx.checked.asset(kind, &id.value) else {
                continue;
            };
            let Some(sheet) = &asset.sheet else { continue };
            if sheet.value.is_locked() {
                continue;
            }
            let diagnostic = out
                .diagnostic(format!(
                    "approved shot `{}` uses {} `{}`, whose sheet is not locked",
                    shot.id.value,
                    kind.name(),
                    id.value
                ))
                .with_path(format!("shots[{index}]"))
                .with_label(id.span, "sheet still a draft")
                .with_secondary(
                    sheet.status.as_ref().map_or(sheet.span, |s| s.span),
                    format!("sheet of `{}`", id.value),
                )
                .with_help(format!(
                    "lock the sheet of `{}` to the look in this shot, or re-approve the shot once it is locked",
                    id.value
                ));
            out.push_for_shot(index, diagnostic);
        }
    }
}
