use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    svcspec::commands::run(svcspec::cli::Cli::parse())
}
