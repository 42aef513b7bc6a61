//! The calibration for a terminal: one line of what was measured, then a table by shot
//! type with what the spec assumes now beside what was measured and what is
//! suggested, a table by model, and what a suggestion needs.

use rust_decimal::Decimal;

use crate::calibrate::{Calibration, MIN_SHOTS, Measure, Suggested, Suggestion};
use crate::catalog::ratio::Ratio;
use crate::document::calibrate::CalibrateDocument;
use crate::plan::{assumed_takes, assumed_takes_worst, production_takes, production_takes_worst};
use crate::report::Style;
use crate::report::plan::human::{table, without_trailing_blanks};
use crate::report::printable::printable;
use crate::spec::{Assumptions, ShotType};
use crate::wording::{grouped, plural};

/// `calibration` of a spec whose assumptions are `assumptions`; `fix_hint` adds how to
/// write the suggestion into the spec. Control characters from the spec or the ledger
/// come out escaped (see [`printable`]).
pub fn render(
    calibration: &Calibration<'_>,
    assumptions: &Assumptions,
    style: Style,
    fix_hint: bool,
) -> String {
    printable(&render_unescaped(calibration, assumptions, style, fix_hint)).into_owned()
}

fn render_unescaped(
    calibration: &Calibration<'_>,
    assumptions: &Assumptions,
    style: Style,
    fix_hint: bool,
) -> String {
    let overall = &calibration.overall;
    if overall.shots == 0 {
        return "Calibration: no measured shots yet — a shot is measured once the ledger has a `kept` row for it\n".to_owned();
    }
    let mut out = format!(
        "Calibration: {} measured, {} — {} takes a shot, {} at worst, yield {}\n\n",
        shots(overall.shots),
        generations(overall.rows),
        figure(overall.takes()),
        overall
            .takes_worst()
            .map_or("—".to_owned(), |w| w.to_string()),
        percent(overall.yield_()),
    );
    let suggestion = calibration.suggestion();
    let mut by_type = table(
        style,
        &[
            "shot type",
            "measured",
            "generations",
            "takes",
            "worst",
            "yield",
            "spec assumes",
            "suggested",
        ],
        1,
    );
    let assumed = |takes: Ratio, worst: Ratio| format!("{} / {}", ratio(takes), ratio(worst));
    by_type.add_row(row(
        "all shots",
        overall,
        assumed(
            production_takes(assumptions),
            production_takes_worst(assumptions),
        ),
        suggestion.overall.as_ref(),
    ));
    // Every type measured, and every type the spec has its own assumptions for.
    for shot_type in ShotType::ALL {
        let measure = calibration
            .by_type
            .iter()
            .find(|(each, _)| *each == shot_type)
            .map(|(_, measure)| *measure);
        if measure.is_none() && !assumptions.by_type.contains_key(&shot_type) {
            continue;
        }
        let suggested = suggestion
            .by_type
            .iter()
            .find(|(each, _)| *each == shot_type)
            .map(|(_, suggested)| suggested);
        by_type.add_row(row(
            shot_type.name(),
            &measure.unwrap_or_default(),
            assumed(
                assumed_takes(assumptions, shot_type),
                assumed_takes_worst(assumptions, shot_type),
            ),
            suggested,
        ));
    }
    out.push_str(&format!("By shot type\n{by_type}\n\n"));
    let mut by_model = table(
        style,
        &[
            "model",
            "measured",
            "generations",
            "takes",
            "worst",
            "yield",
        ],
        1,
    );
    for (model, measure) in &calibration.by_model {
        let mut cells = row(model, measure, String::new(), None);
        cells.truncate(6);
        by_model.add_row(cells);
    }
    out.push_str(&format!(
        "By model (each shot under the model of its kept take)\n{by_model}\n\n"
    ));
    let below: Vec<String> = calibration
        .by_type
        .iter()
        .filter(|(_, measure)| !measure.suggests())
        .map(|(shot_type, measure)| format!("{} ({})", shot_type.name(), measure.shots))
        .collect();
    match &suggestion.overall {
        None => out.push_str(&format!(
            "Nothing to suggest: {} measured, fewer than the {MIN_SHOTS} a suggestion needs.\n",
            shots(overall.shots)
        )),
        Some(_) => {
            out.push_str(&format!("Suggested: {}.\n", suggested(&suggestion)));
            if !below.is_empty() {
                out.push_str(&format!(
                    "Not suggested, with fewer than {MIN_SHOTS} measured shots: {}.\n",
                    below.join(", ")
                ));
            }
            if fix_hint {
                out.push_str(
                    "`shotlist calibrate --fix` writes the suggestion into the spec's `assumptions`.\n",
                );
            }
        }
    }
    without_trailing_blanks(&out)
}

/// A group's cells: its counts and figures, what the spec assumes, and the suggestion
/// or why there is none.
fn row(
    name: &str,
    measure: &Measure,
    assumes: String,
    suggested: Option<&Suggested>,
) -> Vec<String> {
    let suggestion = match suggested {
        Some(suggested) => format!("{} / {}", suggested.takes, suggested.takes_worst),
        None if measure.shots == 0 => "—".to_owned(),
        None => format!("— ({} of {MIN_SHOTS} shots)", measure.shots),
    };
    vec![
        name.to_owned(),
        grouped(&measure.shots.to_string()),
        grouped(&measure.rows.to_string()),
        figure(measure.takes()),
        measure
            .takes_worst()
            .map_or("—".to_owned(), |w| w.to_string()),
        percent(measure.yield_()),
        assumes,
        suggestion,
    ]
}

/// The calibration document as JSON.
pub fn json(calibration: &Calibration<'_>) -> String {
    let mut text =
        serde_json::to_string_pretty(&CalibrateDocument::new(calibration)).unwrap_or_default();
    text.push('\n');
    text
}

/// What a suggestion writes, as a producer reads it: `takes 3.21, takes_worst 6;
/// b-roll takes 2.20, takes_worst 3`.
pub fn suggested(suggestion: &Suggestion) -> String {
    let overall = suggestion.overall.iter().map(|overall| {
        format!(
            "takes {}, takes_worst {}",
            overall.takes, overall.takes_worst
        )
    });
    let by_type = suggestion.by_type.iter().map(|(shot_type, suggested)| {
        format!(
            "{} takes {}, takes_worst {}",
            shot_type.name(),
            suggested.takes,
            suggested.takes_worst
        )
    });
    overall.chain(by_type).collect::<Vec<_>>().join("; ")
}

/// `14 shots`.
pub fn shots(count: u64) -> String {
    plural(usize::try_from(count).unwrap_or(usize::MAX), "shot")
}

fn generations(count: u64) -> String {
    plural(usize::try_from(count).unwrap_or(usize::MAX), "generation")
}

fn figure(value: Option<Decimal>) -> String {
    value.map_or("—".to_owned(), |value| value.to_string())
}

/// A yield as a percentage with two places: `0.3111` → `31.11%`.
fn percent(value: Option<Decimal>) -> String {
    value
        .and_then(|value| value.checked_mul(Decimal::ONE_HUNDRED))
        .map_or("—".to_owned(), |value| format!("{value:.2}%"))
}

/// Takes as the spec assumes them: at most two places, trailing zeros trimmed.
fn ratio(value: Ratio) -> String {
    value.value().map_or("—".to_owned(), |value| {
        crate::wording::rounded2(value).normalize().to_string()
    })
}
