//! `shotlist calibrate`: the take assumptions measured from what was really generated.
//! A measured shot is one with a `kept` row in the ledger; its takes are its number of
//! rows, whatever their outcome, since failed and rejected generations are part of the
//! overgeneration the assumptions stand for. Measured shots are counted overall, by
//! shot type and by the model of their kept row, and a group of at least
//! [`MIN_SHOTS`] measured shots suggests its mean as `takes` and its largest as
//! `takes_worst`; [`fix`] writes the suggestion into the spec.
//!
//! The arithmetic starts from one [`MeasuredShot`] per measured shot, so that it is
//! tested on known counts; [`measured_shots`] makes them from a ledger.

pub mod fix;

use rust_decimal::Decimal;

use crate::ledger::{Ledger, Outcome};
use crate::spec::ShotType;
use crate::validate::Checked;

/// The fewest measured shots a group needs before its figures are suggested: below
/// that, one unlucky shot moves the mean by a whole take or more.
pub const MIN_SHOTS: u64 = 5;

/// One measured shot: its type, the model of its kept row (the take that was used),
/// and its number of ledger rows, every outcome counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MeasuredShot<'a> {
    pub shot_type: ShotType,
    pub model: &'a str,
    pub rows: u64,
}

/// The measured shots of `ledger`, read against `checked`, in the spec's order: every
/// shot with a `kept` row, with all its rows, under the model of its last kept row
/// (the take in the cut: a later kept take replaced an earlier one).
pub fn measured_shots<'a>(checked: &Checked<'a>, ledger: &Ledger<'a>) -> Vec<MeasuredShot<'a>> {
    checked
        .spec()
        .shots
        .iter()
        .enumerate()
        .filter_map(|(index, shot)| {
            let mut rows = 0u64;
            let mut kept = None;
            for row in ledger.shot_rows(index) {
                rows = rows.saturating_add(1);
                if row.outcome == Outcome::Kept {
                    kept = Some(row.model);
                }
            }
            Some(MeasuredShot {
                shot_type: shot.shot_type.value,
                model: checked.model(kept?)?.id,
                rows,
            })
        })
        .collect()
}

/// What a group of measured shots took.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Measure {
    /// Measured shots.
    pub shots: u64,
    /// Their ledger rows, every outcome counted.
    pub rows: u64,
    /// The most rows of any of them.
    pub most_rows: u64,
}

impl Measure {
    fn add(&mut self, rows: u64) {
        self.shots = self.shots.saturating_add(1);
        self.rows = self.rows.saturating_add(rows);
        self.most_rows = self.most_rows.max(rows);
    }

    /// Mean rows per measured shot, to 2 places, half away from zero; `None` without
    /// measured shots.
    pub fn takes(&self) -> Option<Decimal> {
        rounded_quotient(self.rows, self.shots, 2)
    }

    /// The most rows any measured shot took; `None` without measured shots.
    pub fn takes_worst(&self) -> Option<u64> {
        (self.shots > 0).then_some(self.most_rows)
    }

    /// Measured shots ÷ their rows, to 4 places, half away from zero; `None` without
    /// rows.
    pub fn yield_(&self) -> Option<Decimal> {
        rounded_quotient(self.shots, self.rows, 4)
    }

    /// Whether the group has enough measured shots for its figures to be suggested.
    pub fn suggests(&self) -> bool {
        self.shots >= MIN_SHOTS
    }
}

/// `numerator ÷ denominator` rounded to `places` decimals, half away from zero, in
/// integers so that no division rounds before the last one; `None` when the
/// denominator is zero or the quotient does not fit.
fn rounded_quotient(numerator: u64, denominator: u64, places: u32) -> Option<Decimal> {
    if denominator == 0 {
        return None;
    }
    let scale = 10u128.checked_pow(places)?;
    // For positive values half away from zero is half up: ⌊(2·n·10^p + d) ÷ 2d⌋.
    let doubled = u128::from(numerator).checked_mul(scale)?.checked_mul(2)?;
    let twice_denominator = u128::from(denominator).checked_mul(2)?;
    let units = doubled
        .checked_add(u128::from(denominator))?
        .checked_div(twice_denominator)?;
    Decimal::try_from_i128_with_scale(i128::try_from(units).ok()?, places).ok()
}

/// The measured takes of a production: overall, by shot type, by model.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Calibration<'a> {
    pub overall: Measure,
    /// Types with at least one measured shot, in [`ShotType::ALL`]'s order.
    pub by_type: Vec<(ShotType, Measure)>,
    /// Models with at least one measured shot, by id.
    pub by_model: Vec<(&'a str, Measure)>,
}

/// The take assumptions a calibration suggests: only those of groups with at least
/// [`MIN_SHOTS`] measured shots.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Suggestion {
    /// `assumptions.takes` and `assumptions.takes_worst`.
    pub overall: Option<Suggested>,
    /// `assumptions.by_type`, in [`ShotType::ALL`]'s order.
    pub by_type: Vec<(ShotType, Suggested)>,
}

impl Suggestion {
    pub fn is_empty(&self) -> bool {
        self.overall.is_none() && self.by_type.is_empty()
    }
}

/// A suggested `takes` (2 places) and `takes_worst`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Suggested {
    pub takes: Decimal,
    pub takes_worst: u64,
}

impl Suggested {
    fn of(measure: &Measure) -> Option<Suggested> {
        if !measure.suggests() {
            return None;
        }
        Some(Suggested {
            takes: measure.takes()?,
            takes_worst: measure.takes_worst()?,
        })
    }
}

impl<'a> Calibration<'a> {
    /// Counts `shots`, one entry per measured shot.
    pub fn measure(shots: impl IntoIterator<Item = MeasuredShot<'a>>) -> Calibration<'a> {
        let mut overall = Measure::default();
        let mut by_type = [Measure::default(); ShotType::ALL.len()];
        let mut by_model = std::collections::BTreeMap::<&str, Measure>::new();
        for shot in shots {
            overall.add(shot.rows);
            let slot = ShotType::ALL
                .iter()
                .position(|each| *each == shot.shot_type)
                .and_then(|index| by_type.get_mut(index));
            if let Some(measure) = slot {
                measure.add(shot.rows);
            }
            by_model.entry(shot.model).or_default().add(shot.rows);
        }
        Calibration {
            overall,
            by_type: ShotType::ALL
                .into_iter()
                .zip(by_type)
                .filter(|(_, measure)| measure.shots > 0)
                .collect(),
            by_model: by_model.into_iter().collect(),
        }
    }

    /// The assumptions to write: overall and per type, where the group has at least
    /// [`MIN_SHOTS`] measured shots.
    pub fn suggestion(&self) -> Suggestion {
        Suggestion {
            overall: Suggested::of(&self.overall),
            by_type: self
                .by_type
                .iter()
                .filter_map(|(shot_type, measure)| {
                    Suggested::of(measure).map(|suggested| (*shot_type, suggested))
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shots<'a>(list: &[(ShotType, &'a str, u64)]) -> Vec<MeasuredShot<'a>> {
        list.iter()
            .map(|&(shot_type, model, rows)| MeasuredShot {
                shot_type,
                model,
                rows,
            })
            .collect()
    }

    fn dec(text: &str) -> Decimal {
        text.parse().unwrap()
    }

    #[test]
    fn a_group_is_its_mean_its_largest_and_its_yield() {
        use ShotType::*;
        // 14 measured shots, 45 rows: 45 / 14 = 3.2142… → 3.21; 14 / 45 = 0.31111… →
        // 0.3111. The heroes: 4, 6, 3, 5 rows = 18 / 4 = 4.50; 4 / 18 = 0.2222.
        let list = shots(&[
            (Hero, "veo-3.1", 4),
            (Hero, "veo-3.1", 6),
            (Hero, "veo-3.1", 3),
            (Hero, "kling-2.6-pro", 5),
            (BRoll, "kling-2.6-standard", 2),
            (BRoll, "kling-2.6-standard", 3),
            (BRoll, "kling-2.6-standard", 1),
            (BRoll, "kling-2.6-standard", 2),
            (BRoll, "kling-2.6-standard", 3),
            (Insert, "kling-2.6-standard", 2),
            (Insert, "kling-2.6-standard", 2),
            (Dialogue, "veo-3.1", 5),
            (Dialogue, "veo-3.1", 4),
            (Dialogue, "kling-2.6-pro", 3),
        ]);
        let calibration = Calibration::measure(list);
        let overall = calibration.overall;
        assert_eq!((overall.shots, overall.rows), (14, 45));
        assert_eq!(overall.takes(), Some(dec("3.21")));
        assert_eq!(overall.takes_worst(), Some(6));
        assert_eq!(overall.yield_(), Some(dec("0.3111")));
        type Figures = (ShotType, u64, Option<Decimal>, Option<u64>, Option<Decimal>);
        let types: Vec<Figures> = calibration
            .by_type
            .iter()
            .map(|(t, m)| (*t, m.shots, m.takes(), m.takes_worst(), m.yield_()))
            .collect();
        assert_eq!(
            types,
            [
                (Hero, 4, Some(dec("4.50")), Some(6), Some(dec("0.2222"))),
                (Dialogue, 3, Some(dec("4.00")), Some(5), Some(dec("0.2500"))),
                (BRoll, 5, Some(dec("2.20")), Some(3), Some(dec("0.4545"))),
                (Insert, 2, Some(dec("2.00")), Some(2), Some(dec("0.5000"))),
            ]
        );
        let models: Vec<(&str, u64, Option<Decimal>)> = calibration
            .by_model
            .iter()
            .map(|(model, m)| (*model, m.shots, m.takes()))
            .collect();
        // veo-3.1: 4 + 6 + 3 + 5 + 4 = 22 rows over 5 shots; kling-2.6-pro: 5 + 3 over
        // 2; kling-2.6-standard: 15 over 7 = 2.142… → 2.14.
        assert_eq!(
            models,
            [
                ("kling-2.6-pro", 2, Some(dec("4.00"))),
                ("kling-2.6-standard", 7, Some(dec("2.14"))),
                ("veo-3.1", 5, Some(dec("4.40"))),
            ]
        );
        // Only b-roll has the five measured shots a type needs.
        assert_eq!(
            calibration.suggestion(),
            Suggestion {
                overall: Some(Suggested {
                    takes: dec("3.21"),
                    takes_worst: 6
                }),
                by_type: vec![(
                    BRoll,
                    Suggested {
                        takes: dec("2.20"),
                        takes_worst: 3
                    }
                )],
            }
        );
    }

    #[test]
    fn four_measured_shots_are_reported_but_suggest_nothing() {
        let four = shots(&[(ShotType::Hero, "veo-3.1", 3); 4]);
        let calibration = Calibration::measure(four.clone());
        assert_eq!(calibration.overall.shots, 4);
        assert_eq!(calibration.overall.takes(), Some(dec("3.00")));
        assert_eq!(calibration.by_type.len(), 1);
        assert!(calibration.suggestion().is_empty());
        let mut five = four;
        five.push(MeasuredShot {
            shot_type: ShotType::Hero,
            model: "veo-3.1",
            rows: 4,
        });
        let suggestion = Calibration::measure(five).suggestion();
        let expected = Suggested {
            takes: dec("3.20"),
            takes_worst: 4,
        };
        assert_eq!(suggestion.overall, Some(expected));
        assert_eq!(suggestion.by_type, [(ShotType::Hero, expected)]);
    }

    #[test]
    fn nothing_measured_has_no_figures() {
        let calibration = Calibration::measure([]);
        assert_eq!(calibration.overall.shots, 0);
        assert_eq!(calibration.overall.takes(), None);
        assert_eq!(calibration.overall.takes_worst(), None);
        assert_eq!(calibration.overall.yield_(), None);
        assert!(calibration.by_type.is_empty() && calibration.by_model.is_empty());
        assert!(calibration.suggestion().is_empty());
    }

    #[test]
    fn halves_round_away_from_zero_and_nothing_rounds_before_the_end() {
        // 1 / 8 = 0.125 → 0.13 (half away from zero, not to even).
        assert_eq!(rounded_quotient(1, 8, 2), Some(dec("0.13")));
        // 2 / 3 = 0.6666… → 0.67; 1 / 3 → 0.3333.
        assert_eq!(rounded_quotient(2, 3, 2), Some(dec("0.67")));
        assert_eq!(rounded_quotient(1, 3, 4), Some(dec("0.3333")));
        // 5 / 16 = 0.3125 exactly: four places keep it.
        assert_eq!(rounded_quotient(5, 16, 4), Some(dec("0.3125")));
        // 0.00005 → 0.0001.
        assert_eq!(rounded_quotient(1, 20_000, 4), Some(dec("0.0001")));
        assert_eq!(
            rounded_quotient(u64::MAX, 1, 2),
            Some(Decimal::from(u64::MAX))
        );
        assert_eq!(rounded_quotient(1, 0, 2), None);
        // The two places are kept when the mean is whole: "4.00", not "4".
        assert_eq!(
            rounded_quotient(8, 2, 2).map(|d| d.to_string()),
            Some("4.00".into())
        );
    }
}
