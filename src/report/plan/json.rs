//! The plan as JSON: exactly the contract of FORMAT.md ("JSON output"), with a few
//! added fields. Credits and money are strings with two decimals, the price per credit
//! is exact with trailing zeros trimmed, takes and generations are JSON numbers, and
//! every money field is `null` when the plan has no price per credit.

use std::io::Write;

use rust_decimal::Decimal;
use serde::ser::{Error as _, Serialize, SerializeMap, SerializeSeq, Serializer};
use serde_json::{Map, Value, json};

use super::{fixed2, trimmed};
use crate::plan::{BudgetVerdict, Estimate, Job, Plan, Stage, Work};

fn decimal(value: Decimal) -> Value {
    Value::String(fixed2(value))
}

fn optional(value: Option<Decimal>) -> Value {
    value.map_or(Value::Null, decimal)
}

/// Takes or generations as a JSON number: an integer when whole, else the decimal
/// value to ten places, as `price_per_credit`.
fn number(value: Decimal) -> Value {
    if value.fract().is_zero()
        && let Ok(whole) = i64::try_from(value)
    {
        return Value::from(whole);
    }
    // A decimal's text always parses as a finite float.
    trimmed(value)
        .parse::<f64>()
        .ok()
        .and_then(serde_json::Number::from_f64)
        .map_or(Value::Null, Value::Number)
}

fn columns(estimate: Option<Estimate>, render: fn(Decimal) -> Value) -> Value {
    json!({
        "best": estimate.map_or(Value::Null, |e| render(e.best)),
        "expected": estimate.map_or(Value::Null, |e| render(e.expected)),
        "worst": estimate.map_or(Value::Null, |e| render(e.worst)),
    })
}

fn job(job: &Job<'_>) -> Value {
    let mut object = Map::new();
    match &job.work {
        Work::Sheet(sheet) => {
            object.insert("asset".into(), job.id.into());
            object.insert("model".into(), job.model.into());
            object.insert("generations".into(), sheet.generations().into());
            object.insert("credits".into(), decimal(job.credits.expected));
            object.insert("asset_kind".into(), sheet.kind.name().into());
            object.insert("rounds".into(), sheet.rounds.into());
            object.insert("options".into(), sheet.options.into());
            object.insert("credits_per_image".into(), decimal(sheet.credits_per_image));
        }
        Work::Shot(shot) => {
            object.insert("shot".into(), job.id.into());
            object.insert("model".into(), job.model.into());
            object.insert("resolution".into(), shot.resolution.into());
            object.insert("takes".into(), number(shot.takes));
            object.insert("billed_seconds".into(), decimal(shot.billed_seconds));
            object.insert("credits_per_take".into(), decimal(shot.credits_per_take));
            object.insert("credits".into(), decimal(job.credits.expected));
            object.insert("takes_worst".into(), number(shot.worst_takes));
            object.insert("needed_seconds".into(), decimal(shot.needed_seconds));
            object.insert("audio".into(), shot.audio.into());
            object.insert("addons".into(), shot.addons.clone().into());
            object.insert("duration".into(), decimal(shot.duration));
        }
    }
    object.insert("credits_best".into(), decimal(job.credits.best));
    object.insert("credits_worst".into(), decimal(job.credits.worst));
    object.insert("cumulative_credits".into(), decimal(job.cumulative_credits));
    object.insert("cost".into(), optional(job.cost.map(|c| c.expected)));
    object.insert("cost_best".into(), optional(job.cost.map(|c| c.best)));
    object.insert("cost_worst".into(), optional(job.cost.map(|c| c.worst)));
    Value::Object(object)
}

/// One stage, its jobs priced and serialized one at a time: the first stage holds
/// every sheet, and built as one value its jobs would be held whole.
struct StageDoc<'p, 'a> {
    plan: &'p Plan<'a>,
    stage: &'p Stage<'a>,
}

impl Serialize for StageDoc<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let stage = self.stage;
        let mut map = serializer.serialize_map(Some(12))?;
        map.serialize_entry("id", &stage.id())?;
        map.serialize_entry("kind", stage.generates().name())?;
        map.serialize_entry("gate", &stage.gate())?;
        map.serialize_entry("credits", &decimal(stage.credits.expected))?;
        map.serialize_entry(
            "cumulative_credits",
            &decimal(stage.cumulative_credits.expected),
        )?;
        map.serialize_entry("jobs", &JobsDoc(self))?;
        map.serialize_entry("credits_best", &decimal(stage.credits.best))?;
        map.serialize_entry("credits_worst", &decimal(stage.credits.worst))?;
        map.serialize_entry("cost", &optional(stage.cost.map(|c| c.expected)))?;
        map.serialize_entry("approved_shots", &stage.approved_shots)?;
        map.serialize_entry("cost_best", &optional(stage.cost.map(|c| c.best)))?;
        map.serialize_entry("cost_worst", &optional(stage.cost.map(|c| c.worst)))?;
        map.end()
    }
}

/// A stage's jobs. Fails only if a job cannot be priced again, which [`Plan::jobs`]
/// rules out.
struct JobsDoc<'d, 'p, 'a>(&'d StageDoc<'p, 'a>);

impl Serialize for JobsDoc<'_, '_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let StageDoc { plan, stage } = self.0;
        let mut jobs = serializer.serialize_seq(Some(stage.job_count()))?;
        for one in plan.jobs(stage) {
            jobs.serialize_element(&job(&one.map_err(S::Error::custom)?))?;
        }
        jobs.end()
    }
}

fn verdict(verdict: BudgetVerdict) -> &'static str {
    match verdict {
        BudgetVerdict::Uncapped => "uncapped",
        BudgetVerdict::Within => "within",
        BudgetVerdict::WorstOver => "worst-over",
        BudgetVerdict::ExpectedOver => "expected-over",
    }
}

/// The document, serialized field by field and job by job, so that a 100,000-shot plan
/// is never held as one tree of values (which takes some forty times the spec's size).
struct Document<'p, 'a>(&'p Plan<'a>);

impl Serialize for Document<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let plan = self.0;
        let totals = &plan.totals;
        let mut document = serializer.serialize_map(None)?;
        document.serialize_entry("schema_version", &1)?;
        document.serialize_entry("currency", plan.currency)?;
        document.serialize_entry("price_per_credit", &plan.price_per_credit.map(trimmed))?;
        document.serialize_entry(
            "totals",
            &json!({
                "credits": columns(Some(totals.credits), decimal),
                "cost": columns(totals.cost, decimal),
                "finished_seconds": decimal(totals.finished_seconds),
                "credits_per_finished_second": optional(totals.credits_per_finished_second),
                "cost_per_finished_minute": optional(totals.cost_per_finished_minute),
                "generations": {
                    "image": totals.image_generations,
                    "video": columns(Some(totals.video_generations), number),
                },
            }),
        )?;
        document.serialize_entry(
            "budget",
            &json!({
                "credits": optional(plan.budget.cap),
                "remaining": optional(plan.budget.remaining),
                "exceeded_at": plan.budget.exceeded_at.map(|subject| subject.id()),
                "verdict": verdict(plan.budget_verdict()),
            }),
        )?;
        document.serialize_entry("stages", &Stages(plan))?;
        document.serialize_entry("title", plan.title)?;
        document.serialize_entry("catalog", plan.catalog.name())?;
        document.end()
    }
}

/// The plan's stages, each with its jobs priced as it is serialized.
struct Stages<'p, 'a>(&'p Plan<'a>);

impl Serialize for Stages<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let plan = self.0;
        let mut stages = serializer.serialize_seq(Some(plan.stages.len()))?;
        for stage in &plan.stages {
            stages.serialize_element(&StageDoc { plan, stage })?;
        }
        stages.end()
    }
}

/// The whole document as a JSON value: what `shotlist diff` and `plan --check` compare.
/// Built from the same serializer as the streamed output, so the two never disagree.
/// Fails only if a job cannot be priced again (see [`Plan::jobs`]).
pub fn document(plan: &Plan<'_>) -> serde_json::Result<Value> {
    serde_json::to_value(Document(plan))
}

/// The whole document, pretty-printed, with a final newline. Fails only if a job
/// cannot be priced again (see [`Plan::jobs`]).
pub fn render(plan: &Plan<'_>) -> std::io::Result<String> {
    let mut out = Vec::new();
    render_to(plan, &mut out)?;
    // serde_json writes UTF-8.
    Ok(String::from_utf8(out).unwrap_or_default())
}

/// Writes the whole document, pretty-printed, with a final newline.
pub fn render_to(plan: &Plan<'_>, out: &mut dyn Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &Document(plan))?;
    out.write_all(b"\n")
}
