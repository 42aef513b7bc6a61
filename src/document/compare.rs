//! The compare document that `shotlist compare --format json` writes: the production
//! costed on each catalog, figures as strings with two decimals as in the plan.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::decimal::{Exact, Fixed2};
use super::plan::Columns;
use crate::plan::Subject;
use crate::plan::compare::{Costing, Ranking};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "Compare")]
pub struct CompareDocument {
    pub schema_version: u32,
    pub title: String,
    /// Each catalog in the order given.
    pub catalogs: Vec<CatalogCosting>,
    /// The id of the catalog that makes every job for the least expected cost; `null`
    /// when they cannot be ranked.
    pub cheapest: Option<String>,
    /// Why the catalogs are not ranked, when they are not.
    pub not_ranked: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct CatalogCosting {
    pub catalog: String,
    pub currency: String,
    pub price_per_credit: Option<Exact>,
    /// The jobs that fit, summed.
    pub credits: Columns<Fixed2>,
    pub cost: Columns<Option<Fixed2>>,
    pub cost_per_finished_minute: Option<Fixed2>,
    /// Expected cost in the first catalog's currency, when ranked.
    pub ranked_cost: Option<Fixed2>,
    /// Ids of the jobs no model of the catalog fits.
    pub unfit: Vec<String>,
    /// Every job in schedule order, on the model chosen for it.
    pub jobs: Vec<ComparedJob>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ComparedJob {
    pub id: String,
    /// `shot` or `sheet`.
    pub kind: String,
    pub model: String,
    /// Whether the model fits the job; an unfit job is shown on the catalog's default
    /// model and counted in no total.
    pub fits: bool,
    pub credits: Columns<Fixed2>,
    pub cost: Columns<Option<Fixed2>>,
}

impl CompareDocument {
    pub fn new(title: &str, costings: &[Costing<'_>], ranking: &Ranking) -> Self {
        let converted = match ranking {
            Ranking::Cheapest { converted, .. } => converted.as_slice(),
            Ranking::NotRanked(_) => &[],
        };
        let catalogs = costings
            .iter()
            .enumerate()
            .map(|(index, costing)| CatalogCosting {
                catalog: costing.plan.catalog.name().to_owned(),
                currency: costing.plan.currency.to_owned(),
                price_per_credit: costing.plan.price_per_credit.map(Exact::new),
                credits: Columns::of(costing.credits),
                cost: Columns::of_optional(costing.cost),
                cost_per_finished_minute: costing.cost_per_finished_minute.map(Fixed2::new),
                ranked_cost: converted.get(index).copied().flatten().map(Fixed2::new),
                unfit: costing.unfit().map(str::to_owned).collect(),
                jobs: costing
                    .jobs
                    .iter()
                    .map(|job| ComparedJob {
                        id: job.job.id.to_owned(),
                        kind: match job.job.subject() {
                            Subject::Shot { .. } => "shot",
                            Subject::Sheet { .. } => "sheet",
                        }
                        .to_owned(),
                        model: job.job.model.to_owned(),
                        fits: job.fits,
                        credits: Columns::of(job.job.credits),
                        cost: Columns::of_optional(job.job.cost),
                    })
                    .collect(),
            })
            .collect();
        let (cheapest, not_ranked) = match ranking {
            Ranking::Cheapest { index, .. } => (
                costings
                    .get(*index)
                    .map(|costing| costing.plan.catalog.name().to_owned()),
                None,
            ),
            Ranking::NotRanked(reason) => (None, Some(reason.clone())),
        };
        CompareDocument {
            schema_version: super::plan::SCHEMA_VERSION,
            title: title.to_owned(),
            catalogs,
            cheapest,
            not_ranked,
        }
    }
}
