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
            let entries = std::fs::read_dir(dir).map_err(|e| {
                OverrideError(format!(
                    "cannot read template folder `{}`: {e}",
                    dir.display()
                ))
            })?;
            for entry in entries.flatten() {
                let path = entry.path();
                let Some(name) = path.file_name().and_then(|n| n.to_str()).map(str::to_owned)
                else {
                    continue;
                };
                // Only regular files (not links) named like a template are taken.
                let is_file = entry.file_type().is_ok_and(|t| t.is_file());
                if !is_file || !name.ends_with(".j2") || name.starts_with('.') {
                    continue;
                }
                let text = std::fs::read_to_string(&path).map_err(|e| {
                    OverrideError(format!("cannot read template `{}`: {e}", path.display()))
                })?;
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

    /// A template by plain name; names with a path separator or `..` find nothing.
    pub fn get(&self, name: &str) -> Option<&Template> {
        if name.contains(['/', '\\']) || name.starts_with('.') {
            return None;
        }
        self.templates.get(name)
    }
}
