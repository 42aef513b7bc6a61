//! `shotlist models`: list a price catalog, built in or a catalog file, or print it as
//! a catalog file.

use crate::cli::EXIT_OK;
use crate::cli::args::{ModelsArgs, ModelsFormat};
use crate::cli::io::{Failure, Io, refuse, write_out};
use crate::pipeline::{self, CatalogError};
use crate::report::Style;

pub(in crate::cli) fn run(args: &ModelsArgs, style: Style, io: &mut Io) -> Result<u8, Failure> {
    let catalog = match pipeline::resolve_catalog(
        &args.catalog,
        std::path::Path::new(""),
        args.input.limits(),
    ) {
        Ok(catalog) => catalog,
        Err(CatalogError::Unreadable(error)) => return Err(Failure(error.to_string())),
        Err(CatalogError::Spec(diagnostic)) => return Err(Failure(diagnostic.message)),
        Err(CatalogError::Invalid {
            source,
            diagnostics,
        }) => {
            return refuse(
                io,
                &source,
                &diagnostics,
                style,
                false,
                "catalog not listed",
            );
        }
    };
    let today = args.today.unwrap_or_else(|| jiff::Zoned::now().date());
    let text = match args.format {
        ModelsFormat::Human => crate::report::models::human(catalog, today, style),
        ModelsFormat::Json => crate::report::models::json(catalog, today),
        ModelsFormat::Yaml => crate::report::catalog_yaml::render(
            catalog,
            &format!(
                "Catalog `{}`, written by `shotlist models --format yaml`. Edit it, then price\nwith it: `catalog: <this file's path>` in a spec, or `--catalog <path>`.",
                catalog.name()
            ),
        ),
    };
    write_out(io, &text)?;
    Ok(EXIT_OK)
}
