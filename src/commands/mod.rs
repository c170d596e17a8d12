//! One file per command; `run` dispatches and is the only place that picks an exit code.

pub mod build;
pub mod check;
pub mod diff;
pub mod evaluate;
pub mod explain;
pub mod export;
pub mod init;
pub mod schema;
pub mod shell;

use std::io::IsTerminal;
use std::process::ExitCode;

use crate::cli::{Cli, ColorChoice, Command};
use crate::report::Style;

/// Exit codes of CLI.md.
pub mod exit {
    pub const OK: u8 = 0;
    /// The content of an input is wrong.
    pub const CONTENT: u8 = 1;
    /// The invocation is wrong.
    pub const USAGE: u8 = 2;
    /// `evaluate --fail-on-hold`: evaluated, and a tranche is not released in full.
    pub const HELD: u8 = 3;
}

pub fn run(cli: Cli) -> ExitCode {
    let style = Style {
        color: use_color(cli.color),
        width: 100,
    };
    let code = match cli.command {
        Command::Check(args) => check::run(&args, style),
        Command::Build(args) => build::run(&args, style),
        Command::Diff(args) => diff::run(&args, style),
        Command::Export(args) => export::run(&args, style),
        Command::Evaluate(args) => evaluate::run(&args, style),
        Command::Init(args) => init::run(&args),
        Command::Schema(args) => schema::run(&args),
        Command::Rules => explain::list(),
        Command::Explain(args) => explain::explain(&args.rule),
        Command::Completions(args) => shell::completions(&args),
        Command::Man(args) => shell::man(&args),
    };
    ExitCode::from(code)
}

fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stderr().is_terminal()
        }
    }
}

/// Prints a usage fault (exit 2) in the same shape as other diagnostics.
pub fn usage_error(message: &str) -> u8 {
    eprintln!("error: {message}");
    exit::USAGE
}
