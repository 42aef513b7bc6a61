use std::process::ExitCode;

fn main() -> ExitCode {
    ExitCode::from(shotlist::cli::main())
}
