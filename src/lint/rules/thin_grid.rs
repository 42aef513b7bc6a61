use crate::lint::Findings;
use crate::lint::context::Context;
use crate::lint::declare::declare_rule;
use crate::lint::options::{Count, Options};
use crate::validate::AssetKind;

declare_rule! {
    /// ## What it does
    /// Flags a sheet still to be locked whose grid — its `options`, else
    /// `assumptions.grid_options` — has fewer than `min_options` images.
    ///
    /// ## Why it matters
    /// Locking a look means choosing among variations. With one or two options a round, the
    /// choice is usually "neither": more rounds are generated, each paid for, and the look that
    /// gets locked is the least bad rather than the right one, which then drifts in every shot
    /// that uses it.
    ///
    /// ## Example
    /// ```yaml
    /// characters:
    ///   - {id: mara, sheet: {status: draft, options: 1, rounds: 8}}
    /// ```
    ///
    /// ## Use instead
    /// Generate wider grids and fewer rounds:
    /// ```yaml
    /// characters:
    ///   - {id: mara, sheet: {status: draft, options: 4, rounds: 3}}
    /// ```
    L008 "thin-grid" {
        level: Warn,
        summary: "A reference sheet's grid has too few options to choose from",
        options: {
            /// Fewest images a reference grid should offer.
            MIN_OPTIONS: Count = "min_options", Count(3);
        },
    }
}

fn check(ctx: &Context, options: &Options, out: &mut Findings) {
    let Count(min) = options.get(&MIN_OPTIONS);
    for kind in AssetKind::ALL {
        for (index, asset) in kind.assets(ctx.spec).iter().enumerate() {
            let Some(sheet) = &asset.sheet else { continue };
            if sheet.value.is_locked() {
                continue;
            }
            let grid = ctx.grid_options(sheet);
            if grid >= min {
                continue;
            }
            let path = format!("{}[{index}].sheet", kind.section());
            let diagnostic = out
                .diagnostic(format!(
                    "the sheet of {} `{}` offers `{grid}` options a grid, fewer than `{min}`",
                    kind.name(),
                    asset.id.value
                ))
                .with_help(format!(
                    "raise `options` to at least `{min}`, and lower `rounds` if the budget is tight"
                ));
            let diagnostic = match (&sheet.options, &ctx.spec.assumptions.grid_options) {
                (Some(own), _) => diagnostic
                    .with_path(format!("{path}.options"))
                    .with_label(own.span, "too few options"),
                (None, Some(assumed)) => diagnostic
                    .with_path(path)
                    .with_label(asset.id.span, "sheet with a thin grid")
                    .with_secondary(assumed.span, "grid size set here"),
                (None, None) => diagnostic
                    .with_path(path)
                    .with_label(asset.id.span, "sheet with a thin grid"),
            };
            out.push(diagnostic);
        }
    }
}
