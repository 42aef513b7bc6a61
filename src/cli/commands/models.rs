//! `shotlist models`: list a price catalog, built in or a catalog file, or print it as
//! a catalog file; `models import litellm` builds a catalog file from LiteLLM's list.

use crate::cli::EXIT_OK;
use crate::cli::args::{ImportArgs, ModelsArgs, ModelsCommand, ModelsFormat, PriceList};
use crate::cli::io::{Failure, Io, refuse, write_file, write_out};
use crate::pipeline::{self, CatalogError};
use crate::report::Style;

pub(in crate::cli) fn run(args: &ModelsArgs, style: Style, io: &mut Io) -> Result<u8, Failure> {
    if let Some(ModelsCommand::Import(import)) = &args.command {
        return run_import(import, io);
    }
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
        ModelsFormat::Human => crate::report::models::human(&catalog, today, style),
        ModelsFormat::Json => crate::report::models::json(&catalog, today),
        ModelsFormat::Yaml => crate::report::catalog_yaml::render(
            &catalog,
            &format!(
                "Catalog `{}`, written by `shotlist models --format yaml`. Edit it, then price\nwith it: `catalog: <this file's path>` in a spec, or `--catalog <path>`.",
                catalog.name()
            ),
        ),
    };
    write_out(io, &text)?;
    Ok(EXIT_OK)
}

/// `models import litellm FILE`: the catalog to `-o` or standard output, the report of
/// what was not mapped to standard error.
fn run_import(args: &ImportArgs, io: &mut Io) -> Result<u8, Failure> {
    let PriceList::Litellm = args.list;
    let display = args.file.display().to_string();
    let text = std::fs::read_to_string(&args.file)
        .map_err(|error| Failure(format!("cannot read {display}: {error}")))?;
    let seen = match args.seen {
        Some(seen) => seen,
        None => modified_date(&args.file).map_err(|error| {
            Failure(format!(
                "cannot date {display} (give `--seen DATE`): {error}"
            ))
        })?,
    };
    let options = crate::catalog::litellm::ImportOptions {
        providers: args.provider.clone(),
        price_per_credit: args.price_per_credit,
    };
    let imported = crate::catalog::litellm::import(&text, &options)
        .map_err(|error| Failure(format!("{display}: {error}")))?;
    let header = crate::report::models::litellm::Header {
        file: &display,
        price_per_credit: args.price_per_credit,
        seen,
    };
    let catalog = crate::report::models::litellm::catalog(&imported, &header)
        .map_err(|error| Failure(format!("{display}: {error}")))?;
    io.stderr
        .write_all(crate::report::models::litellm::report(&imported).as_bytes())?;
    match &args.output {
        Some(path) => write_file(path, Some(&args.file), |out| {
            out.write_all(catalog.as_bytes())
        })?,
        None => write_out(io, &catalog)?,
    }
    Ok(EXIT_OK)
}

/// The file's modification date, in the local time zone: when the list was fetched.
fn modified_date(path: &std::path::Path) -> Result<jiff::civil::Date, String> {
    let modified = std::fs::metadata(path)
        .and_then(|metadata| metadata.modified())
        .map_err(|error| error.to_string())?;
    let timestamp = jiff::Timestamp::try_from(modified).map_err(|error| error.to_string())?;
    Ok(timestamp.to_zoned(jiff::tz::TimeZone::system()).date())
}
