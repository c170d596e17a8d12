//! `svcspec schema`: print the JSON Schema generated from the model (of a spec, or with
//! `--results` of a results file).

use crate::cli::SchemaArgs;
use crate::commands::{CommandResult, Outcome, emit};
use crate::schema::generate_text;

pub fn run(args: &SchemaArgs) -> CommandResult {
    let text = if args.results {
        crate::results::generate_text()
    } else {
        generate_text()
    };
    emit(args.output.as_deref(), &text)?;
    Ok(Outcome::Done)
}
