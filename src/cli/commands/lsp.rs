//! `shotlist lsp`: the language server on stdin and stdout. It owns both streams, so
//! it bypasses [`Io`](crate::cli::Io); its exit code is the protocol's (0 after
//! `shutdown`, 1 on an `exit` without one).

use std::time::Duration;

use crate::cli::args::LspArgs;
use crate::cli::io::Failure;
use crate::lsp::{Config, run_stdio};

pub(in crate::cli) fn run(args: &LspArgs) -> Result<u8, Failure> {
    let config = Config {
        limits: args.input.limits(),
        debounce: Duration::from_millis(args.debounce_ms),
        docs_url: Config::default_docs_url(),
    };
    run_stdio(config).map_err(|error| Failure(format!("language server: {error}")))
}
