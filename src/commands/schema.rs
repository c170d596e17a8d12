//! `svcspec schema`: print the JSON Schema generated from the model (of a spec, or with
//! `--results` of a results file).

use crate::cli::SchemaArgs;
use crate::commands::{exit, usage_error};
use crate::fsutil::write_atomic;
use crate::schema::generate_text;

pub fn run(args: &SchemaArgs) -> u8 {
    let text = if args.results {
        crate::results::generate_text()
    } else {
        generate_text()
    };
    match &args.output {
        Some(path) => match write_atomic(path, text.as_bytes()) {
            Ok(()) => exit::OK,
            Err(e) => usage_error(&format!("cannot write `{}`: {e}", path.display())),
        },
        None => {
            print!("{text}");
            exit::OK
        }
    }
}
