//! `svcspec init`: write a commented starting spec for one kind of service.
//!
//! One template (templates/init/spec.yaml) holds what every kind shares; each kind fills in its
//! own words (title, clients, needs, theory) from templates/init/kinds.toml. Values the designer
//! must replace are tagged `!fill`, so the new spec checks with only `unfilled-placeholder`
//! warnings.

use std::collections::BTreeMap;
use std::path::Path;

use clap::ValueEnum;

use crate::cli::{InitArgs, ServiceKind};
use crate::commands::{CommandResult, Fault, Outcome};
use crate::fsutil::write_atomic;

const TEMPLATE: &str = include_str!("../../templates/init/spec.yaml");

/// What each kind says in the template's slots, by kind name (templates/init/kinds.toml).
const KINDS: &str = include_str!("../../templates/init/kinds.toml");

/// The slots of a kind and their text: the kind's table of templates/init/kinds.toml, and
/// `kind`, its name. The table ships inside the binary and a test reads every kind from it.
fn slots(kind: ServiceKind) -> BTreeMap<String, String> {
    let name = kind
        .to_possible_value()
        .map(|v| v.get_name().to_owned())
        .unwrap_or_default();
    let mut kinds: BTreeMap<String, BTreeMap<String, String>> =
        toml::from_str(KINDS).unwrap_or_default();
    let mut slots = kinds.remove(&name).unwrap_or_default();
    slots.insert("kind".to_owned(), name);
    slots
}

/// The starting spec of a kind, as `init` writes it.
pub fn starting_spec(kind: ServiceKind) -> String {
    let mut text = TEMPLATE.to_owned();
    for (slot, value) in slots(kind) {
        text = text.replace(&format!("{{{{{slot}}}}}"), &value);
    }
    text
}

pub fn run(args: &InitArgs) -> CommandResult {
    if !args.force && exists(&args.file) {
        return Err(Fault::usage(format!(
            "`{}` already exists; pass `--force` to overwrite it",
            args.file.display()
        )));
    }
    write_atomic(&args.file, starting_spec(args.kind).as_bytes())
        .map_err(|e| Fault::usage(format!("cannot write `{}`: {e}", args.file.display())))?;
    eprintln!(
        "wrote {}: replace every value tagged `!fill`, then run `svcspec check`",
        args.file.display()
    );
    Ok(Outcome::Done)
}

/// Whether anything (file, folder, even a dangling symlink) is at the path.
fn exists(path: &Path) -> bool {
    path.symlink_metadata().is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every kind has its table in kinds.toml, and every slot of the template is filled.
    #[test]
    fn every_slot_is_filled() {
        assert!(
            toml::from_str::<toml::Table>(KINDS).is_ok(),
            "kinds.toml does not parse"
        );
        for kind in ServiceKind::value_variants() {
            assert!(
                slots(*kind).len() > 1,
                "{kind:?} has no table in kinds.toml"
            );
            let text = starting_spec(*kind);
            assert!(!text.contains("{{"), "{kind:?} leaves a slot open");
        }
    }
}
