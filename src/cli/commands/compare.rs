//! `shotlist compare`: one spec costed on several catalogs.

use crate::cli::EXIT_OK;
use crate::cli::args::{CompareArgs, RouteFormat};
use crate::cli::io::{Failure, Io, refuse, write_out};
use crate::document::compare::CompareDocument;
use crate::pipeline;
use crate::plan::compare::{Standing, cost_on, rank, unrouted};
use crate::report::{self, Style};

/// A spec that does not check, a catalog that cannot be used, or a catalog the spec
/// cannot be costed on is refused with its diagnostics and exit 1.
pub(in crate::cli) fn run(args: &CompareArgs, style: Style, io: &mut Io) -> Result<u8, Failure> {
    let json = args.format == RouteFormat::Json;
    let loaded = super::load(&args.file, &args.input, json, io)?;
    let spec = match &loaded.spec {
        Ok(spec) => spec,
        Err(diagnostics) => {
            return refuse(io, &loaded.source, diagnostics, style, json, "not compared");
        }
    };
    let mut catalogs = Vec::with_capacity(args.catalog.len());
    for name in &args.catalog {
        match super::catalog(&loaded, Some(name), &args.input, style, json, io)? {
            Ok(catalog) => catalogs.push(catalog),
            Err(code) => return Ok(code),
        }
    }
    let (specs, mut left_out): (Vec<_>, Vec<_>) = catalogs
        .iter()
        .map(|catalog| unrouted(spec, catalog))
        .unzip();
    let mut checked = Vec::with_capacity(specs.len());
    for (spec, catalog) in specs.iter().zip(&catalogs) {
        match pipeline::check(spec, Some(&**catalog)) {
            Ok(one) => checked.push(one),
            Err(diagnostics) => {
                let not_done = format!(
                    "not compared: the spec cannot be costed on `{}`",
                    catalog.name()
                );
                return refuse(io, &loaded.source, &diagnostics, style, json, &not_done);
            }
        }
    }
    let today = args.today.unwrap_or_else(|| jiff::Zoned::now().date());
    let mut costings = Vec::with_capacity(checked.len());
    for (one, left_out) in checked.iter().zip(left_out.iter_mut()) {
        match cost_on(one, std::mem::take(left_out), today) {
            Ok(costing) => costings.push(costing),
            Err(diagnostics) => {
                let not_done = format!(
                    "not compared: the spec cannot be costed on `{}`",
                    one.catalog().name()
                );
                return refuse(io, &loaded.source, &diagnostics, style, json, &not_done);
            }
        }
    }
    let standings: Vec<Standing<'_>> = costings
        .iter()
        .map(|costing| Standing {
            catalog: costing.plan.catalog.name(),
            currency: costing.plan.currency,
            expected_cost: costing.cost.map(|cost| cost.expected),
            leaves_jobs: costing.unfit().next().is_some(),
        })
        .collect();
    let ranking = rank(&standings, &args.rate);
    let document = CompareDocument::new(&spec.production.title, &costings, &ranking);
    let text = match args.format {
        RouteFormat::Human => report::compare::human(&document, style),
        RouteFormat::Json => report::compare::json(&document),
        RouteFormat::Markdown => report::compare::markdown(&document),
    };
    write_out(io, &text)?;
    Ok(EXIT_OK)
}
