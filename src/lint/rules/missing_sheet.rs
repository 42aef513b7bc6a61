use crate::lint::Findings;
use crate::lint::context::Context;
use crate::lint::declare::declare_rule;
use crate::lint::options::Options;
use crate::validate::AssetKind;
use crate::wording::plural;

declare_rule! {
    /// ## What it does
    /// Flags a character, location or prop that planned shots use but that has no `sheet:`.
    /// It is reported once per asset, on its id, with the first shot that uses it.
    ///
    /// ## Why it matters
    /// Without a locked reference sheet every shot reinvents the asset from its prompt: the
    /// heroine's jacket changes colour, the lighthouse grows a second gallery. Drift is found in
    /// the cut, after the shots are paid for, and fixing it means regenerating every shot that
    /// drifted.
    ///
    /// ## Example
    /// ```yaml
    /// characters:
    ///   - {id: tom, look: "boy of ten, soaked wool jumper"}
    /// ```
    ///
    /// ## Use instead
    /// Give the asset a sheet, lock it before the video passes, and attach it as references:
    /// ```yaml
    /// characters:
    ///   - id: tom
    ///     look: "boy of ten, soaked wool jumper"
    ///     sheet: {status: draft, options: 4}
    /// ```
    L006 "missing-sheet" {
        level: Warn,
        summary: "A character, location or prop that shots use has no reference sheet",
    }
}

fn check(ctx: &Context, _: &Options, out: &mut Findings) {
    for kind in AssetKind::ALL {
        for (index, asset) in kind.assets(ctx.spec).iter().enumerate() {
            if asset.sheet.is_some() {
                continue;
            }
            let planned: Vec<_> = ctx
                .uses(kind, index)
                .iter()
                .filter(|(shot, _)| ctx.is_planned(*shot))
                .collect();
            let Some((first, first_span)) = planned.first() else {
                continue;
            };
            out.push(
                out.diagnostic(format!(
                    "{} `{}` has no reference sheet but appears in {}",
                    kind.name(),
                    asset.id.value,
                    plural(planned.len(), "planned shot")
                ))
                .with_path(format!("{}[{index}]", kind.section()))
                .with_label(asset.id.span, "no `sheet`")
                .with_secondary(
                    *first_span,
                    format!("used in `{}`", ctx.shot(*first).id.value),
                )
                .with_help(format!(
                    "add a `sheet:` to `{}` and lock it before generating its shots",
                    asset.id.value
                )),
            );
        }
    }
}
