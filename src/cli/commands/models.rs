//! `shotlist models`: list a built-in price catalog.

use crate::catalog::Catalog;
use crate::cli::EXIT_OK;
use crate::cli::args::{ModelsArgs, TableFormat};
use crate::cli::io::{Failure, Io, write_out};
use crate::report::Style;
use crate::spec::CatalogId;

pub(in crate::cli) fn run(args: &ModelsArgs, style: Style, io: &mut Io) -> Result<u8, Failure> {
    let catalog_id = CatalogId::from(args.catalog);
    let catalog = Catalog::builtin(catalog_id).map_err(|d| Failure(d.message))?;
    let today = args.today.unwrap_or_else(|| jiff::Zoned::now().date());
    let text = match args.format {
        TableFormat::Human => crate::report::models::human(catalog, today, style),
        TableFormat::Json => crate::report::models::json(catalog, today),
    };
    write_out(io, &text)?;
    Ok(EXIT_OK)
}
