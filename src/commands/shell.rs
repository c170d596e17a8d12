//! `svcspec completions` and `svcspec man`: shell completion scripts and the manual page,
//! generated from the clap types so they never drift from the real arguments.

use std::io::Write;

use clap::CommandFactory;

use crate::cli::{Cli, CompletionsArgs, ManArgs};
use crate::commands::{exit, usage_error};

pub fn completions(args: &CompletionsArgs) -> u8 {
    let mut cmd = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut cmd, "svcspec", &mut out);
    write_stdout(&out)
}

pub fn man(args: &ManArgs) -> u8 {
    let cmd = Cli::command();
    let page = match &args.command {
        None => cmd,
        Some(name) => {
            let Some(sub) = cmd.find_subcommand(name) else {
                let names: Vec<&str> = cmd.get_subcommands().map(clap::Command::get_name).collect();
                return usage_error(&format!(
                    "no command is called `{name}` (commands: {})",
                    names.join(", ")
                ));
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
    if let Err(e) = clap_mangen::Man::new(page).render(&mut out) {
        return usage_error(&format!("cannot write the manual page: {e}"));
    }
    write_stdout(&out)
}

fn write_stdout(bytes: &[u8]) -> u8 {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Ok(()) => exit::OK,
        // A closed pipe (`svcspec man | head`) is the reader's choice, not a fault.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => exit::OK,
        Err(e) => usage_error(&format!("cannot write to stdout: {e}")),
    }
}
