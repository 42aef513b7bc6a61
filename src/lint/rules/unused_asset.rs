use crate::lint::Findings;
use crate::lint::context::Context;
use crate::lint::declare::declare_rule;
use crate::lint::options::Options;
use crate::plan::sheet_images;
use crate::validate::AssetKind;

declare_rule! {
    /// ## What it does
    /// Flags a character, location or prop that no shot names in `characters`, `location` or
    /// `props`.
    ///
    /// ## Why it matters
    /// An asset with a draft sheet is priced and generated in the `references` stage — rounds ×
    /// options images — before any video. If no shot uses it, those credits buy nothing. An
    /// unused asset is also often a sign of a typo'd or renamed id in the shot list.
    ///
    /// ## Example
    /// ```yaml
    /// props:
    ///   - {id: lantern, sheet: {status: draft}}
    /// shots:   # no shot lists `props: [lantern]`
    ///   - {id: s1-wide, segment: s1, type: establishing, duration: 5s, prompt: "…"}
    /// ```
    ///
    /// ## Use instead
    /// Add the asset to the shots it belongs in, or remove it:
    /// ```yaml
    /// shots:
    ///   - {id: s1-wide, segment: s1, type: establishing, duration: 5s, props: [lantern], prompt: "…"}
    /// ```
    L011 "unused-asset" {
        level: Warn,
        summary: "A character, location or prop that no shot uses",
    }
}

fn check(ctx: &Context, _: &Options, out: &mut Findings) {
    for kind in AssetKind::ALL {
        for (index, asset) in kind.assets(ctx.spec).iter().enumerate() {
            if !ctx.uses(kind, index).is_empty() {
                continue;
            }
            let draft_sheet = asset
                .sheet
                .as_ref()
                .filter(|sheet| !sheet.value.is_locked());
            let help = match draft_sheet {
                Some(sheet) => format!(
                    "remove `{}` or add it to its shots; its draft sheet still costs `{}` images",
                    asset.id.value,
                    sheet_images(&ctx.spec.assumptions, sheet)
                ),
                None => format!(
                    "remove `{}`, or add it to the shots it belongs in",
                    asset.id.value
                ),
            };
            out.push(
                out.diagnostic(format!(
                    "{} `{}` appears in no shot",
                    kind.name(),
                    asset.id.value
                ))
                .with_path(format!("{}[{index}]", kind.section()))
                .with_label(asset.id.span, "unused")
                .with_help(help),
            );
        }
    }
}
