//! Why a matched job changed: the fields that differ, as the plans print them.

use super::compare::{JobKind, JobView, Reason, Status};
use crate::document::decimal::Fixed2;
use crate::document::plan::{Job, SheetJob, ShotJob};

/// Seconds as the plan's reports show them: `5s`, `7.5s`.
fn seconds(value: Fixed2) -> String {
    format!("{}s", value.value().normalize())
}

fn reason(reasons: &mut Vec<Reason>, field: &'static str, old: String, new: String) {
    if old != new {
        reasons.push(Reason { field, old, new });
    }
}

/// The fields that differ between two versions of a job, most telling first. A
/// consequence is named only without its cause: worst takes when the takes did not
/// change, needed seconds when neither the duration nor the model did, a rate when
/// nothing that sets it did.
pub(super) fn reasons(old: &JobView<'_>, new: &JobView<'_>) -> Vec<Reason> {
    let mut out = Vec::new();
    let status = |view: &JobView<'_>| match (view.kind, view.job) {
        (JobKind::Shot, None) => "approved",
        _ => "planned",
    };
    reason(&mut out, "status", status(old).into(), status(new).into());
    reason(&mut out, "stage", old.stage.into(), new.stage.into());
    let (Some(before), Some(after)) = (old.job, new.job) else {
        return out;
    };
    let model_changed = before.model() != after.model();
    reason(
        &mut out,
        "model",
        before.model().into(),
        after.model().into(),
    );
    // Matched jobs share their kind: it is part of the key.
    match (before, after) {
        (Job::Shot(before), Job::Shot(after)) => {
            shot_reasons(&mut out, before, after, model_changed)
        }
        (Job::Sheet(before), Job::Sheet(after)) => {
            sheet_reasons(&mut out, before, after, model_changed);
        }
        _ => {}
    }
    out
}

fn shot_reasons(out: &mut Vec<Reason>, before: &ShotJob, after: &ShotJob, model_changed: bool) {
    let mut compare = |field: &'static str, show: &dyn Fn(&ShotJob) -> String| {
        reason(out, field, show(before), show(after));
    };
    compare("resolution", &|job| job.resolution.clone());
    compare("duration", &|job| seconds(job.duration));
    compare("takes", &|job| job.takes.to_string());
    if before.takes == after.takes {
        compare("worst takes", &|job| job.takes_worst.to_string());
    }
    compare("audio", &|job| job.audio.to_string());
    compare("addons", &|job| format!("[{}]", job.addons.join(", ")));
    if !model_changed && before.duration == after.duration {
        compare("needed seconds", &|job| seconds(job.needed_seconds));
    }
    let rate_set_elsewhere = model_changed
        || before.resolution != after.resolution
        || before.duration != after.duration
        || before.audio != after.audio
        || before.addons != after.addons
        || before.needed_seconds != after.needed_seconds;
    if !rate_set_elsewhere {
        compare("credits per take", &|job| job.credits_per_take.to_string());
    }
}

fn sheet_reasons(out: &mut Vec<Reason>, before: &SheetJob, after: &SheetJob, model_changed: bool) {
    let mut compare = |field: &'static str, show: &dyn Fn(&SheetJob) -> String| {
        reason(out, field, show(before), show(after));
    };
    compare("rounds", &|job| job.rounds.to_string());
    compare("options", &|job| job.options.to_string());
    if !model_changed {
        compare("credits per image", &|job| {
            job.credits_per_image.to_string()
        });
    }
}

/// What an added or removed job is: its model (and resolution), or that it is
/// approved, on the side that has it.
pub(super) fn described(view: &JobView<'_>, status: Status) -> Vec<Reason> {
    let what = match view.job {
        None => "approved".to_owned(),
        Some(Job::Shot(shot)) => format!("{} {}", shot.model, shot.resolution),
        Some(Job::Sheet(sheet)) => sheet.model.clone(),
    };
    let (old, new) = match status {
        Status::Removed => (what, String::new()),
        Status::Added | Status::Changed => (String::new(), what),
    };
    let field = if view.job.is_some() {
        "model"
    } else {
        "status"
    };
    vec![Reason { field, old, new }]
}
