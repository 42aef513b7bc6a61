use crate::lint::Findings;
use crate::lint::context::{Context, suggestion};
use crate::lint::declare::declare_rule;
use crate::lint::options::Options;
use crate::spec::Date;
use crate::validate::{AssetKind, ModelOrigin};

declare_rule! {
    /// ## What it does
    /// Flags a planned shot or a sheet still to be locked whose model has a `retired` date on or
    /// before today. Today is the system date, or `--today YYYY-MM-DD`. Approved shots and locked
    /// sheets are not flagged: they will not be generated again.
    ///
    /// ## Why it matters
    /// A retired model accepts no more requests. Every job routed to it fails at generation
    /// time, usually in the middle of a run, after the references and earlier segments have
    /// been paid for, and switching models then changes the look of the shots still to come.
    ///
    /// ## Example
    /// ```yaml
    /// shots:   # sora-2 was retired on 2026-09-24
    ///   - {id: s1-sea, segment: s1, type: b-roll, duration: 4s, model: sora-2, prompt: "…"}
    /// ```
    ///
    /// ## Use instead
    /// Route the shot to an active model (`shotlist models` lists each model's status), and
    /// regenerate any test takes on it so that the look is settled before the run:
    /// ```yaml
    /// shots:
    ///   - {id: s1-sea, segment: s1, type: b-roll, duration: 4s, model: wan-2.6, prompt: "…"}
    /// ```
    L005 "retired-model" {
        level: Deny,
        summary: "A shot or sheet uses a model the vendor has retired",
    }
}

/// A shot or a sheet made with `model`, which its vendor retired on `retired`.
struct RetiredModel<'a> {
    user: User<'a>,
    model: &'a str,
    retired: Date,
}

enum User<'a> {
    Shot(&'a str),
    Sheet(AssetKind, &'a str),
}

impl RetiredModel<'_> {
    fn message(&self) -> String {
        let user = match self.user {
            User::Shot(id) => format!("shot `{id}`"),
            User::Sheet(kind, id) => format!("the sheet of {} `{id}`", kind.name()),
        };
        format!(
            "{user} uses `{}`, retired on `{}`",
            self.model, self.retired
        )
    }
}

fn check(ctx: &Context, _: &Options, out: &mut Findings) {
    for (index, shot) in ctx.spec.shots.iter().enumerate() {
        let model = ctx.shot_model(index);
        let Some(retired) = model.retired.filter(|_| model.is_retired_on(ctx.today)) else {
            continue;
        };
        if !ctx.is_planned(index) {
            continue;
        }
        let help = match ctx.cheapest_fit(index, |candidate| candidate.tier == model.tier) {
            Some(replacement) => format!(
                "route it to {}, the cheapest active {} model that fits this shot",
                suggestion(&replacement),
                model.tier.name()
            ),
            None => "route it to an active model; `shotlist models` lists each model's status"
                .to_owned(),
        };
        let help = with_successor(model.def.successor.as_ref(), help);
        let diagnostic = out
            .diagnostic(
                RetiredModel {
                    user: User::Shot(&shot.id.value),
                    model: model.id,
                    retired,
                }
                .message(),
            )
            .with_help(help);
        out.push_for_shot(index, ctx.label_model(index, diagnostic, "retired model"));
    }
    for kind in AssetKind::ALL {
        for (index, asset) in kind.assets(ctx.spec).iter().enumerate() {
            let Some(sheet) = &asset.sheet else { continue };
            let locked = sheet.value.is_locked();
            let Some(choice) = ctx.checked.sheet_model(kind, index) else {
                continue;
            };
            let Some(model) = ctx.checked.model(choice.model) else {
                continue;
            };
            let Some(retired) = model.retired.filter(|_| model.is_retired_on(ctx.today)) else {
                continue;
            };
            if locked {
                continue;
            }
            let path = format!("{}[{index}].sheet", kind.section());
            let diagnostic = out
                .diagnostic(
                    RetiredModel {
                        user: User::Sheet(kind, &asset.id.value),
                        model: model.id,
                        retired,
                    }
                    .message(),
                )
                .with_help(with_successor(
                    model.def.successor.as_ref(),
                    "name an active image model in the sheet's `model:`; `shotlist models` lists each model's status".to_owned(),
                ));
            let diagnostic = match (choice.origin, &sheet.model, &ctx.spec.routing.image) {
                (ModelOrigin::Own, Some(own), _) => diagnostic
                    .with_path(format!("{path}.model"))
                    .with_label(own.span, "retired model"),
                (ModelOrigin::Routing, _, Some(routed)) => diagnostic
                    .with_path(path)
                    .with_label(asset.id.span, format!("sheet made with `{}`", model.id))
                    .with_secondary(routed.span, "the default image model"),
                _ => diagnostic
                    .with_path(path)
                    .with_label(asset.id.span, format!("sheet made with `{}`", model.id)),
            };
            out.push(diagnostic);
        }
    }
}

/// `help`, led by the successor the catalog names for the retired model, if any: the
/// model its vendor moved its users to is the first one to try.
fn with_successor(successor: Option<&crate::spec::Spanned<String>>, help: String) -> String {
    match successor {
        Some(successor) => format!(
            "its vendor names `{}` as its successor; or {help}",
            successor.value
        ),
        None => help,
    }
}
