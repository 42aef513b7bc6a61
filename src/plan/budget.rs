//! The credit cap: how a plan's totals meet it.

use rust_decimal::Decimal;

use crate::catalog::ratio::Ratio;

use super::schedule::Plan;
use super::types::{Estimate, Subject};

/// The credit cap and how the plan meets it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BudgetStatus<'a> {
    /// `budget.credits`.
    pub cap: Option<Decimal>,
    /// Cap less the exact expected total, rounded to two places; negative when over.
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
            Some(cap) if self.exact.worst > Ratio::whole(cap) => BudgetVerdict::WorstOver,
            Some(_) => BudgetVerdict::Within,
        }
    }

    /// How far each case passes `budget.credits`, from the exact totals rounded to
    /// two places: negative where it fits; `None` without a cap or when a figure does
    /// not fit a decimal.
    pub fn overage(&self) -> Option<Estimate> {
        let cap = Ratio::whole(self.budget.cap?);
        let over = |total: Ratio| -> Option<Decimal> { total.checked_sub(cap)?.rounded2() };
        Some(Estimate {
            best: over(self.exact.best)?,
            expected: over(self.exact.expected)?,
            worst: over(self.exact.worst)?,
        })
    }
}
