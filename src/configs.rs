//! The configs of a run: the one named by `--config`, or the svcspec.toml found from each
//! spec's directory upward, each looked up once per directory and loaded once per file.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::check::FileReport;
use crate::config::{self, Config};
use crate::limits::Limits;
use crate::rules;

/// The configs of a run, loaded as the specs that they govern are met.
pub struct Configs {
    fixed: Option<PathBuf>,
    limits: Limits,
    /// The config file found for each directory of a spec, looked up once per directory.
    found: HashMap<PathBuf, Option<PathBuf>>,
    /// Each config file loaded, or `Err` when it is faulty (and was reported once).
    loaded: HashMap<Option<PathBuf>, Result<Arc<Config>, ()>>,
    /// A config named with `--config` does not exist: an invocation fault.
    missing: bool,
}

impl Configs {
    /// The configs of a run: `fixed` (`--config`) for every spec, or each one found upward. A
    /// config file is read within `limits`, as a spec is.
    pub fn new(fixed: Option<&Path>, limits: &Limits) -> Self {
        Self {
            fixed: fixed.map(Path::to_path_buf),
            limits: limits.clone(),
            found: HashMap::new(),
            loaded: HashMap::new(),
            missing: false,
        }
    }

    /// Whether the config named by `--config` does not exist.
    pub fn missing(&self) -> bool {
        self.missing
    }

    /// The config for a spec. A faulty config comes back as the report of its own file, the
    /// first time only: later specs it governs get the default config.
    pub fn for_spec(&mut self, spec: &Path) -> Result<Arc<Config>, FileReport> {
        let path = match &self.fixed {
            Some(p) => Some(p.clone()),
            None => {
                let dir = match spec.parent() {
                    Some(dir) if !dir.as_os_str().is_empty() => dir,
                    _ => Path::new("."),
                };
                self.found
                    .entry(dir.to_path_buf())
                    .or_insert_with(|| config::discover(dir))
                    .clone()
            }
        };
        if let Some(entry) = self.loaded.get(&path) {
            return entry.clone().or_else(|()| Ok(Arc::new(Config::default())));
        }
        let result = match &path {
            None => Ok(Config::default()),
            Some(p) if self.fixed.is_some() && !p.is_file() => {
                self.missing = true;
                self.loaded.insert(path.clone(), Err(()));
                return Err(FileReport::unreadable(
                    p.display().to_string(),
                    rules::input::UNREADABLE_FILE.diag("cannot read config: no such file"),
                ));
            }
            Some(p) => Config::load(p, &self.limits),
        };
        match result {
            Ok(config) => {
                let config = Arc::new(config);
                self.loaded.insert(path, Ok(config.clone()));
                Ok(config)
            }
            Err((source, diagnostics)) => {
                self.loaded.insert(path, Err(()));
                Err(FileReport::of(source, diagnostics))
            }
        }
    }

    /// Warnings for suppressions that matched nothing, as reports of their config files.
    pub fn unused_suppressions(&self) -> Vec<FileReport> {
        let mut out: Vec<FileReport> = self
            .loaded
            .values()
            .filter_map(|c| c.as_ref().ok())
            .filter_map(|config| {
                let source = config.source.clone()?;
                let diagnostics = config.unused();
                (!diagnostics.is_empty()).then(|| FileReport::of(source, diagnostics))
            })
            .collect();
        out.sort_by(|a, b| a.name.cmp(&b.name));
        out
    }
}
