//! `svcspec completions` and `svcspec man`: shell completion scripts and the manual page,
//! generated from the clap types so they never drift from the real arguments.

use clap::CommandFactory;

use crate::cli::{Cli, CompletionsArgs, ManArgs};
use crate::commands::{CommandResult, Fault, Outcome, emit};

pub fn completions(args: &CompletionsArgs) -> CommandResult {
    let mut cmd = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut cmd, "svcspec", &mut out);
    write_stdout(&out)
}

pub fn man(args: &ManArgs) -> CommandResult {
    let cmd = Cli::command();
    let page = match &args.command {
        None => cmd,
        Some(name) => {
            let Some(sub) = cmd.find_subcommand(name) else {
                let names: Vec<&str> = cmd.get_subcommands().map(clap::Command::get_name).collect();
                return Err(Fault::usage(format!(
                    "no command is called `{name}` (commands: {})",
                    names.join(", ")
                )));
            };
            // `svcspec-check(1)`, as git and cargo name the pages of their commands.
            let name = sub.get_name().to_owned();
            sub.clone()
                .display_name(format!("svcspec-{name}"))
                .bin_name(format!("svcspec {name}"))
                .version(env!("CARGO_PKG_VERSION"))
        }
    };
    let mut out = Vec::new();
    clap_mangen::Man::new(page)
        .render(&mut out)
        .map_err(|e| Fault::usage(format!("cannot write the manual page: {e}")))?;
    write_stdout(&out)
}

/// Generated text is ASCII (roff, shell scripts); written through [`emit`].
fn write_stdout(bytes: &[u8]) -> CommandResult {
    emit(None, &String::from_utf8_lossy(bytes))?;
    Ok(Outcome::Done)
}
