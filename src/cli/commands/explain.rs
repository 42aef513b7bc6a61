//! `shotlist explain`: the documentation of a lint rule or a check code.

use crate::cli::EXIT_OK;
use crate::cli::args::ExplainArgs;
use crate::cli::io::{Failure, Io, write_out};
use crate::diagnostic::CheckCode;
use crate::lint::registry;

pub(in crate::cli) fn run(args: &ExplainArgs, io: &mut Io) -> Result<u8, Failure> {
    if let Some(rule) = registry::find(&args.rule) {
        write_out(io, &crate::report::rules::explain(rule))?;
        return Ok(EXIT_OK);
    }
    if let Some(code) = CheckCode::find(args.rule.trim()) {
        write_out(io, &crate::report::rules::check_code_explanation(code))?;
        return Ok(EXIT_OK);
    }
    let names = registry::RULES
        .iter()
        .map(|rule| rule.code.name)
        .chain(CheckCode::ALL.iter().map(|code| code.def().name));
    let hint = match crate::suggest::did_you_mean(&args.rule, names) {
        Some(close) => format!("did you mean `{close}`?"),
        None => "run `shotlist rules` to list the lint rules".to_owned(),
    };
    Err(Failure(format!(
        "no lint rule or check code `{}`; {hint}",
        args.rule
    )))
}
