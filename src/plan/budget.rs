//! The credit cap: how a plan's totals meet it.

use rust_decimal::Decimal;

use super::schedule::Plan;
use super::types::{Estimate, Subject};

/// Quotients hold 28 significant digits, so a sum of ones that do not terminate can land
/// a few units of the last digit past a round cap it equals: three 5 s remix clips are
/// `3 × 1.666…67 = 5.000…01` credits. A total passes the cap only by more than this,
/// eight places below anything a cent can show.
const CAP_TOLERANCE: Decimal = Decimal::from_parts(1, 0, 0, false, 10);

/// Whether `total` passes `cap` by more than the last digits of a division.
pub(super) fn passes(total: Decimal, cap: Decimal) -> bool {
    total
        .checked_sub(cap)
        .is_some_and(|over| over > CAP_TOLERANCE)
}

/// The credit cap and how the plan meets it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BudgetStatus<'a> {
    /// `budget.credits`.
    pub cap: Option<Decimal>,
    /// Cap less the expected total; negative when over.
    pub remaining: Option<Decimal>,
    /// The first job at which the running expected total passes the cap.
    pub exceeded_at: Option<Subject<'a>>,
}

/// How the plan sits against `budget.credits`: what the `over-budget` lint reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BudgetVerdict {
    /// No `budget.credits`.
    Uncapped,
    /// Even the worst case fits.
    Within,
    /// The expected total fits; the worst case does not.
    WorstOver,
    /// The expected total is above the cap (so `exceeded_at` names a job).
    ExpectedOver,
}

impl Plan<'_> {
    /// How the totals meet the cap. `ExpectedOver` exactly when `exceeded_at` names a
    /// job, so that the linter and the plan never disagree.
    pub fn budget_verdict(&self) -> BudgetVerdict {
        match self.budget.cap {
            None => BudgetVerdict::Uncapped,
            Some(_) if self.budget.exceeded_at.is_some() => BudgetVerdict::ExpectedOver,
            Some(cap) if passes(self.totals.credits.worst, cap) => BudgetVerdict::WorstOver,
            Some(_) => BudgetVerdict::Within,
        }
    }

    /// How far each case passes `budget.credits`: negative where it fits; `None`
    /// without a cap.
    pub fn overage(&self) -> Option<Estimate> {
        let cap = self.budget.cap?;
        let credits = self.totals.credits;
        Some(Estimate {
            best: credits.best.saturating_sub(cap),
            expected: credits.expected.saturating_sub(cap),
            worst: credits.worst.saturating_sub(cap),
        })
    }
}
