//! The templates: embedded in the binary, each replaceable by a file of the same name in
//! `--templates DIR`. Only plain names are looked up, so no template can reach outside DIR.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::source::SourceFile;

/// The built-in templates, by name.
pub const BUILT_IN: &[(&str, &str)] = &[
    (
        "contract.md.j2",
        include_str!("../../templates/contract.md.j2"),
    ),
    (
        "evaluation-form.md.j2",
        include_str!("../../templates/evaluation-form.md.j2"),
    ),
    (
        "register-form.md.j2",
        include_str!("../../templates/register-form.md.j2"),
    ),
    ("plan.md.j2", include_str!("../../templates/plan.md.j2")),
    (
        "evaluation-report.md.j2",
        include_str!("../../templates/evaluation-report.md.j2"),
    ),
    ("macros.md.j2", include_str!("../../templates/macros.md.j2")),
];

/// One template's text and where it came from.
#[derive(Debug)]
pub struct Template {
    source: Arc<SourceFile>,
}

impl Template {
    pub fn text(&self) -> &str {
        self.source.text()
    }

    pub fn source(&self) -> Arc<SourceFile> {
        self.source.clone()
    }
}

/// The templates of a build.
#[derive(Debug, Default)]
pub struct TemplateSet {
    templates: BTreeMap<String, Template>,
}

/// The largest template file read: templates are a few KiB.
pub const MAX_TEMPLATE_BYTES: u64 = 1024 * 1024;

/// Reads a template file: UTF-8 text of at most [`MAX_TEMPLATE_BYTES`].
fn read_template(path: &Path) -> Result<String, OverrideError> {
    use std::io::Read;
    let fault = |e: &dyn std::fmt::Display| {
        OverrideError(format!("cannot read template `{}`: {e}", path.display()))
    };
    let file = std::fs::File::open(path).map_err(|e| fault(&e))?;
    let mut bytes = Vec::new();
    file.take(MAX_TEMPLATE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| fault(&e))?;
    if bytes.len() as u64 > MAX_TEMPLATE_BYTES {
        return Err(fault(&format_args!(
            "it is over {} bytes, the limit for a template",
            MAX_TEMPLATE_BYTES
        )));
    }
    String::from_utf8(bytes).map_err(|e| {
        fault(&format_args!(
            "it is not UTF-8 (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        ))
    })
}

/// Why an override folder cannot be used.
#[derive(Debug)]
pub struct OverrideError(pub String);

impl TemplateSet {
    /// The built-in templates, with any of the same name from `dir` in their place.
    pub fn load(dir: Option<&Path>) -> Result<Self, OverrideError> {
        let mut templates = BTreeMap::new();
        for (name, text) in BUILT_IN {
            templates.insert(
                (*name).to_owned(),
                Template {
                    source: SourceFile::new(
                        PathBuf::from("templates").join(name),
                        (*text).to_owned(),
                    ),
                },
            );
        }
        if let Some(dir) = dir {
            let unreadable = |e: std::io::Error| {
                OverrideError(format!(
                    "cannot read template folder `{}`: {e}",
                    dir.display()
                ))
            };
            let mut entries = std::fs::read_dir(dir)
                .map_err(unreadable)?
                .collect::<Result<Vec<_>, _>>()
                .map_err(unreadable)?;
            // In name order, so the same folder gives the same first fault on every run.
            entries.sort_by_key(std::fs::DirEntry::file_name);
            for entry in entries {
                let path = entry.path();
                let Some(name) = path.file_name().and_then(|n| n.to_str()).map(str::to_owned)
                else {
                    continue;
                };
                if !name.ends_with(".j2") || name.starts_with('.') {
                    continue;
                }
                // A link could lead outside the folder: refused, not followed, and not skipped
                // either (a template silently left out would be a surprise).
                let kind = entry.file_type().map_err(|e| {
                    OverrideError(format!("cannot read template `{}`: {e}", path.display()))
                })?;
                if kind.is_symlink() {
                    return Err(OverrideError(format!(
                        "template `{}` is a symbolic link: templates are read only from files in \
                         the folder itself; copy the file in instead",
                        path.display()
                    )));
                }
                if !kind.is_file() {
                    continue;
                }
                let text = read_template(&path)?;
                templates.insert(
                    name,
                    Template {
                        source: SourceFile::new(path, text),
                    },
                );
            }
        }
        Ok(Self { templates })
    }

    /// A template by plain name; names with a path separator or `..` find nothing, so an
    /// include can reach only the templates of the set.
    pub fn get(&self, name: &str) -> Option<&Template> {
        if name.contains(['/', '\\']) || name.starts_with('.') {
            return None;
        }
        self.templates.get(name)
    }
}
