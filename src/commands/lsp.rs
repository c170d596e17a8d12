//! `svcspec lsp`: starts the language server (src/lsp/) on stdin and stdout.

use crate::cli::LspArgs;
use crate::commands::{CommandResult, Fault, Outcome, limits};
use crate::lsp::{self, Settings};

/// Serves until the editor exits. As the protocol asks, the exit code is 0 after a `shutdown`
/// request and 1 when the editor went away without one.
pub fn run(args: &LspArgs) -> CommandResult {
    let settings = Settings {
        limits: limits(&args.input.limits),
        config: args.input.config.clone(),
    };
    match lsp::run(settings) {
        Ok(true) => Ok(Outcome::Done),
        Ok(false) => Ok(Outcome::Content),
        Err(e) => Err(Fault::usage(format!(
            "cannot start the language server: {e}"
        ))),
    }
}
