//! One file per command. Each returns how it ended, and [`exit_code`] alone turns that into the
//! exit code of CLI.md.

pub mod build;
pub mod check;
pub mod diff;
pub mod evaluate;
pub mod explain;
pub mod export;
pub mod init;
pub mod lsp;
pub mod schema;
pub mod shell;

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use crate::check::{FileReport, Options, check_path_with};
use crate::cli::{Cli, ColorChoice, Command, LimitArgs};
use crate::configs::Configs;
use crate::discover::Discovery;
use crate::fsutil::write_atomic;
use crate::limits::Limits;
use crate::report::{self, Style};

/// How a command ended, in order of precedence: when a run meets several, the greatest decides
/// the exit code (CLI.md: when the content and the invocation are both wrong, 2 wins).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Outcome {
    /// Done; warnings alone do not fail a run.
    Done,
    /// Evaluated, and a tranche is not released in full (`evaluate --fail-on-hold`).
    Held,
    /// The content of an input is wrong; its diagnostics have been reported.
    Content,
    /// The invocation is wrong; what is wrong has been said.
    Usage,
}

/// A fault that ends a command before its work is done.
#[derive(Debug)]
pub enum Fault {
    /// The invocation is wrong (bad options, a path that cannot be read or written): the message
    /// is said once, by [`exit_code`].
    Usage(String),
    /// A fault whose diagnostics have been reported already; the run ends with this outcome.
    Reported(Outcome),
}

/// What a command returns.
pub type CommandResult = Result<Outcome, Fault>;

impl Fault {
    pub fn usage(message: impl Into<String>) -> Self {
        Self::Usage(message.into())
    }
}

pub fn run(cli: Cli) -> ExitCode {
    let style = Style {
        color: use_color(cli.color),
        width: 100,
    };
    let result = match cli.command {
        Command::Check(args) => check::run(&args, style),
        Command::Build(args) => build::run(&args, style),
        Command::Diff(args) => diff::run(&args, style),
        Command::Export(args) => export::run(&args, style),
        Command::Evaluate(args) => evaluate::run(&args, style),
        Command::Init(args) => init::run(&args),
        Command::Schema(args) => schema::run(&args),
        Command::Rules => explain::list(),
        Command::Explain(args) => explain::explain(&args.rule),
        Command::Lsp(args) => lsp::run(&args),
        Command::Completions(args) => shell::completions(&args),
        Command::Man(args) => shell::man(&args),
    };
    ExitCode::from(exit_code(result))
}

/// The exit code of CLI.md for how a command ended; a usage fault is said here.
pub fn exit_code(result: CommandResult) -> u8 {
    let outcome = match result {
        Ok(outcome) | Err(Fault::Reported(outcome)) => outcome,
        Err(Fault::Usage(message)) => {
            say(&message);
            Outcome::Usage
        }
    };
    match outcome {
        Outcome::Done => 0,
        Outcome::Content => 1,
        Outcome::Usage => 2,
        Outcome::Held => 3,
    }
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

/// Says an invocation fault on stderr, in the shape of every other: `error: …`.
pub fn say(message: &str) {
    eprintln!("error: {message}");
}

/// Prints a file's diagnostics for people, on stderr.
pub fn show(report: &FileReport, style: Style) {
    let _ = std::io::stderr().write_all(report::human(report, style).as_bytes());
}

/// Writes a command's output: atomically to `--output FILE`, or to stdout. A reader that closes
/// the pipe early (`| head`) is its own choice, not a fault.
pub fn emit(output: Option<&Path>, text: &str) -> Result<(), Fault> {
    match output {
        Some(path) => write_atomic(path, text.as_bytes())
            .map_err(|e| Fault::usage(format!("cannot write `{}`: {e}", path.display()))),
        None => {
            let mut stdout = std::io::stdout().lock();
            match stdout
                .write_all(text.as_bytes())
                .and_then(|()| stdout.flush())
            {
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                    Err(Fault::usage(format!("cannot write to stdout: {e}")))
                }
                _ => Ok(()),
            }
        }
    }
}

/// The limits of a run from its flags, its memory budget in force from here on.
pub fn limits(args: &LimitArgs) -> Limits {
    let limits = Limits::from(args);
    limits.apply_memory_budget();
    limits
}

/// A usage fault when a run would read more files than `--max-files` allows.
pub fn check_file_count(limits: &Limits, files: usize) -> Result<(), Fault> {
    limits.check_file_count(files).map_err(Fault::Usage)
}

/// Says each path that yielded nothing to check; `Usage` when there was one.
pub fn report_empty(found: &Discovery) -> Outcome {
    for (path, why) in &found.empty {
        say(&format!("`{path}` {why}"));
    }
    if found.empty.is_empty() {
        Outcome::Done
    } else {
        Outcome::Usage
    }
}

/// Checks one spec named on the command line, with its config (`--config`, or the svcspec.toml
/// found upward), and prints its diagnostics. The report comes back whatever it holds; a faulty
/// or missing config, or a file that cannot be read, ends the command.
pub fn check_spec(
    spec: &Path,
    config: Option<&Path>,
    limits: &Limits,
    style: Style,
) -> Result<FileReport, Fault> {
    let options = Options {
        limits: limits.clone(),
        ..Options::default()
    };
    check_with_config(spec, &mut Configs::new(config, limits), &options, style)
        .map_err(Fault::Reported)
}

/// Checks one spec with its config from `configs`, and prints its diagnostics. A faulty or
/// missing config (shown here), or a file that cannot be read, comes back as the outcome the
/// run takes from it.
pub fn check_with_config(
    spec: &Path,
    configs: &mut Configs,
    options: &Options,
    style: Style,
) -> Result<FileReport, Outcome> {
    let config = configs.for_spec(spec).map_err(|report| {
        show(&report, style);
        if report.unreadable {
            Outcome::Usage
        } else {
            Outcome::Content
        }
    })?;
    let report = check_path_with(spec, options, &config);
    show(&report, style);
    if report.unreadable {
        return Err(Outcome::Usage);
    }
    Ok(report)
}
