//! Checking an open document with the pipeline of `check` (a spec) or of `evaluate` (a results
//! file): the same decoding, limits, loader, schema, rules and svcspec.toml, on the editor's text
//! instead of the file on disk.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

use serde_json::Value;

use crate::check::{self, FileReport, Options};
use crate::config::{self, Config};
use crate::limits::Limits;
use crate::load::{self, Document};
use crate::lsp::documents::Doc;
use crate::lsp::positions::LineIndex;
use crate::results;
use crate::source::SourceFile;
use crate::spec::Spec;

/// What kind of document a text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Spec,
    /// A results file of `evaluate`: it starts with `results_version`.
    Results,
    /// YAML of another kind (a CI workflow, a compose file): the editor opens every YAML file
    /// with the server, and svcspec has nothing to say about those.
    Other,
}

impl FileKind {
    /// A results file has a top-level `results_version`. Another YAML file is a mapping none of
    /// whose top-level keys the spec format has; anything else is read as a spec, as `check`
    /// reads a file it is given: an empty text, a list, or a spec that lacks `spec_version` is
    /// told what is wrong with it.
    pub fn of(text: &str) -> Self {
        let keys: Vec<&str> = text
            .lines()
            .filter_map(|l| {
                let key = l.split_once(':')?.0;
                let plain = !key.is_empty()
                    && !key.starts_with([' ', '\t', '#', '-', '{', '[', '"', '\''])
                    && !key.contains(' ');
                plain.then_some(key)
            })
            .collect();
        if keys.contains(&"results_version") {
            return Self::Results;
        }
        let spec = crate::lsp::model::spec();
        let top = spec.properties(&spec.at(&[]));
        if keys.is_empty() || keys.iter().any(|k| top.iter().any(|p| p.key == *k)) {
            Self::Spec
        } else {
            Self::Other
        }
    }
}

/// One version of a document, checked.
#[derive(Debug)]
pub struct Analysis {
    pub version: i32,
    pub kind: FileKind,
    /// The text that was checked.
    pub source: Arc<SourceFile>,
    pub lines: LineIndex,
    /// The findings (sorted by position) and, for a spec, the typed spec.
    pub report: FileReport,
    /// The loaded document, when the text loaded as YAML.
    pub document: Option<Document>,
    /// For a results file, the project id it names.
    pub project: Option<String>,
    /// For a results file, the spec it was checked against (its ids are completed).
    pub results_spec: Option<Arc<Spec>>,
    /// The findings of a faulty svcspec.toml that governs the document (it was then checked
    /// with the default config, and the config's faults go to the config's own file).
    pub config_report: Option<Arc<FileReport>>,
}

impl Analysis {
    pub fn text(&self) -> &str {
        self.source.text()
    }

    /// The typed spec, for a spec that got through the schema.
    pub fn spec(&self) -> Option<&Spec> {
        self.report.spec.as_deref()
    }

    /// The loaded value at a pointer.
    pub fn value(&self, pointer: &str) -> Option<&Value> {
        self.document.as_ref()?.value.pointer(pointer)
    }
}

/// What checking a document gives: the text checked, the report, the loaded document, and for
/// a results file its project id and the spec it was checked against.
type Checked = (
    Arc<SourceFile>,
    FileReport,
    Option<Document>,
    (Option<String>, Option<Arc<Spec>>),
);

/// A config file as last loaded, by its modification time.
type LoadedConfig = (Option<SystemTime>, Result<Arc<Config>, Arc<FileReport>>);

/// A spec on disk beside a results file, as last checked: its project id and spec when it
/// checks clean.
type DiskSpec = (Option<SystemTime>, Option<(String, Arc<Spec>)>);

/// Most files of a folder looked at for a results file's spec.
const MAX_SPECS_LOOKED_AT: usize = 200;

/// Checks documents, keeping configs and the specs on disk that results files need, each
/// reloaded when its file changes.
#[derive(Debug)]
pub struct Analyzer {
    limits: Limits,
    /// `--config FILE`: the config of every document; otherwise svcspec.toml found upward.
    fixed_config: Option<PathBuf>,
    configs: HashMap<PathBuf, LoadedConfig>,
    disk_specs: HashMap<PathBuf, DiskSpec>,
}

fn modified(path: &Path) -> Option<SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

impl Analyzer {
    pub fn new(limits: Limits, fixed_config: Option<PathBuf>) -> Self {
        Self {
            limits,
            fixed_config,
            configs: HashMap::new(),
            disk_specs: HashMap::new(),
        }
    }

    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// The config of a document at `path`: `--config`, or the svcspec.toml found from its folder
    /// upward (none for a document not on disk). A faulty config comes back as its report, and
    /// the document is checked with the default config.
    pub fn config_for(&mut self, path: Option<&Path>) -> (Arc<Config>, Option<Arc<FileReport>>) {
        let found = match &self.fixed_config {
            Some(fixed) => Some(fixed.clone()),
            None => path
                .and_then(Path::parent)
                .and_then(config::discover)
                .map(|p| std::path::absolute(&p).unwrap_or(p)),
        };
        let Some(file) = found else {
            return (Arc::new(Config::default()), None);
        };
        let stamp = modified(&file);
        let fresh = self
            .configs
            .get(&file)
            .filter(|(when, _)| *when == stamp && stamp.is_some());
        let loaded = match fresh {
            Some((_, loaded)) => loaded.clone(),
            None => {
                let loaded = Config::load(&file, &self.limits)
                    .map(Arc::new)
                    .map_err(|(source, diagnostics)| Arc::new(FileReport::of(source, diagnostics)));
                self.configs.insert(file, (stamp, loaded.clone()));
                loaded
            }
        };
        match loaded {
            Ok(config) => (config, None),
            Err(report) => (Arc::new(Config::default()), Some(report)),
        }
    }

    /// Checks one version of a document. A results file is checked against the spec of its
    /// project: an open one (`open_specs`) that checks clean, or else one in its folder or the
    /// folder above, as `specs/results/` sits under `specs/`.
    pub fn analyze(&mut self, doc: &Doc, open_specs: &[Arc<Analysis>]) -> Analysis {
        let path = doc.path();
        let kind = FileKind::of(&doc.text);
        let (config, config_report) = self.config_for(doc.file.as_deref());
        let size = doc.text.len() as u64;
        let decoded = if size > self.limits.max_file_bytes {
            // Held to the size limit of a file on disk: refused before it is parsed.
            let source = SourceFile::new(&path, doc.text.clone());
            Err((source.clone(), load::too_large(size, &self.limits)))
        } else {
            load::decode(&path, doc.text.clone().into_bytes())
        };
        let (source, report, document, (project, results_spec)) = match decoded {
            Err((source, diagnostic)) => {
                let report = FileReport::single(source.clone(), diagnostic);
                (source, report, None, (None, None))
            }
            Ok(source) => match kind {
                FileKind::Other => (
                    source.clone(),
                    FileReport::of(source, Vec::new()),
                    None,
                    (None, None),
                ),
                FileKind::Spec => {
                    let options = Options {
                        limits: self.limits.clone(),
                        ..Options::default()
                    };
                    let (report, document) =
                        check::check_document(source.clone(), &options, &config);
                    (source, report, document, (None, None))
                }
                FileKind::Results => self.results(source, doc.file.as_deref(), open_specs),
            },
        };
        // A text the decoder refused still has its text for positions: the one the editor holds.
        let source = if source.text().len() == doc.text.len() {
            source
        } else {
            SourceFile::new(&path, doc.text.clone())
        };
        Analysis {
            version: doc.version,
            kind,
            lines: LineIndex::new(source.text()),
            source,
            report,
            document,
            project,
            results_spec,
            config_report,
        }
    }

    /// Checks a results file, against its project's spec when one is found; with the project
    /// id and the spec.
    fn results(
        &mut self,
        source: Arc<SourceFile>,
        file: Option<&Path>,
        open_specs: &[Arc<Analysis>],
    ) -> Checked {
        let alone = results::check_source(source.clone(), &self.limits, None);
        let project = alone
            .results
            .as_ref()
            .map(|r| r.project.as_str().to_owned())
            .or_else(|| {
                let value = alone.document.as_ref()?.value.get("project")?;
                value.as_str().map(str::to_owned)
            });
        let Some(project) = project else {
            return (source, alone.report, alone.document, (None, None));
        };
        let open = open_specs.iter().find_map(|a| {
            a.spec()
                .filter(|s| s.project.id.as_str() == project && !a.report.has_errors())
                .map(|s| Arc::new(s.clone()))
        });
        let spec = open.or_else(|| file.and_then(|f| self.spec_on_disk(f, &project)));
        match spec {
            Some(spec) => {
                let checked = results::check_source(source.clone(), &self.limits, Some(&spec));
                let (report, document) = (checked.report, checked.document);
                (source, report, document, (Some(project), Some(spec)))
            }
            None => (source, alone.report, alone.document, (Some(project), None)),
        }
    }

    /// The spec of `project` in the results file's folder or the one above, when one checks
    /// clean there.
    fn spec_on_disk(&mut self, results_file: &Path, project: &str) -> Option<Arc<Spec>> {
        let dir = results_file.parent()?;
        for folder in [Some(dir), dir.parent()].into_iter().flatten() {
            let Ok(entries) = std::fs::read_dir(folder) else {
                continue;
            };
            let mut files: Vec<PathBuf> = entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| {
                    p.extension().is_some_and(|e| e == "yaml" || e == "yml")
                        && p.as_path() != results_file
                })
                .take(MAX_SPECS_LOOKED_AT)
                .collect();
            files.sort();
            for path in files {
                if let Some((id, spec)) = self.disk_spec(&path)
                    && id == project
                {
                    return Some(spec);
                }
            }
        }
        None
    }

    /// A spec on disk that checks clean, with its project id; cached by modification time.
    fn disk_spec(&mut self, path: &Path) -> Option<(String, Arc<Spec>)> {
        let stamp = modified(path);
        if let Some((when, found)) = self.disk_specs.get(path)
            && *when == stamp
        {
            return found.clone();
        }
        let found = match std::fs::read_to_string(path) {
            Ok(text) if check::looks_like_spec(&text) => {
                let (config, _) = self.config_for(Some(path));
                let options = Options {
                    limits: self.limits.clone(),
                    ..Options::default()
                };
                let report = check::check_path_with(path, &options, &config);
                let clean = !report.has_errors();
                report
                    .spec
                    .filter(|_| clean)
                    .map(|spec| (spec.project.id.as_str().to_owned(), Arc::from(spec)))
            }
            _ => None,
        };
        self.disk_specs
            .insert(path.to_path_buf(), (stamp, found.clone()));
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A results file is told from a spec by its top-level `results_version`.
    #[test]
    fn tells_results_files_from_specs() {
        assert_eq!(
            FileKind::of("# c\nresults_version: 1\nproject: x\n"),
            FileKind::Results
        );
        assert_eq!(FileKind::of("spec_version: 1\n"), FileKind::Spec);
        assert_eq!(FileKind::of("project:\n  id: x\n"), FileKind::Spec);
        assert_eq!(FileKind::of("on: push\njobs: {}\n"), FileKind::Other);
        assert_eq!(FileKind::of(""), FileKind::Spec);
        assert_eq!(FileKind::of("- a\n- b\n"), FileKind::Spec);
        assert_eq!(FileKind::of("a:\n  results_version: 1\n"), FileKind::Other);
    }
}
