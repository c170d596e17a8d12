//! Which files a run checks: named files always; directories walked for YAML specs; globs
//! expanded by svcspec itself.

use std::path::{Component, Path, PathBuf};

use globset::GlobBuilder;
use ignore::WalkBuilder;
use rayon::prelude::*;

use crate::check::looks_like_spec;

/// A file to check, and whether the user named it (named files are checked whatever they hold).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub path: PathBuf,
    pub named: bool,
}

/// What discovery found for the paths of a run.
#[derive(Debug, Default)]
pub struct Discovery {
    pub files: Vec<Candidate>,
    /// YAML files found by a walk that are not specs (no top-level `spec_version`).
    pub skipped: Vec<PathBuf>,
    /// Directories that hold no spec, globs that match nothing or are malformed: invocation
    /// faults, as (the path as given, why).
    pub empty: Vec<(String, String)>,
}

/// Expands the paths of a run into files, in a stable order: the order of the arguments, and
/// within a directory or a glob, sorted by path. With no path, the current directory.
///
/// An argument that names an existing file or directory is taken as it is; one that does not
/// exist but holds a glob character (`*`, `?`, `[`, `{`) is a glob. Quoting a glob leaves it to
/// svcspec, so `check 'specs/**/*.yaml'` works in any shell and on any number of files.
pub fn discover(paths: &[PathBuf]) -> Discovery {
    let mut out = Discovery::default();
    let default = [PathBuf::from(".")];
    let paths = if paths.is_empty() {
        &default[..]
    } else {
        paths
    };
    for path in paths {
        if path.is_dir() {
            let before = out.files.len();
            walk(path, &mut out);
            if out.files.len() == before {
                out.empty.push((
                    path.display().to_string(),
                    "holds no spec (no YAML file with a top-level `spec_version`)".to_owned(),
                ));
            }
        } else if !path.exists() && is_glob(path) {
            glob(path, &mut out);
        } else {
            // A named file is always checked; a missing one is reported when it is read.
            out.files.push(Candidate {
                path: path.clone(),
                named: true,
            });
        }
    }
    out
}

/// Whether a path holds a glob character.
fn is_glob(path: &Path) -> bool {
    path.to_str()
        .is_some_and(|p| p.contains(['*', '?', '[', '{']))
}

/// Every file below `dir` in a stable order, skipping hidden and git-ignored paths and not
/// following symlinks.
fn files_below(dir: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = WalkBuilder::new(dir)
        .hidden(true)
        .git_ignore(true)
        .git_exclude(true)
        .follow_links(false)
        .build()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_some_and(|t| t.is_file()))
        .map(ignore::DirEntry::into_path)
        .collect();
    found.sort();
    found
}

fn walk(dir: &Path, out: &mut Discovery) {
    let yaml: Vec<PathBuf> = files_below(dir)
        .into_iter()
        .filter(|p| {
            p.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| e == "yaml" || e == "yml")
        })
        .collect();
    // Reading the head of each file is I/O bound: do it on all cores, keeping the order.
    let is_spec: Vec<bool> = yaml.par_iter().map(|path| is_spec_file(path)).collect();
    for (path, spec) in yaml.into_iter().zip(is_spec) {
        if spec {
            out.files.push(Candidate { path, named: false });
        } else {
            out.skipped.push(path);
        }
    }
}

/// Expands a glob: walks the directory before its first glob character and keeps the files the
/// whole pattern matches. `*` stays within one directory, `**` crosses them. Matches are checked
/// as if named, so a quoted glob and the shell's expansion of it check the same files.
fn glob(pattern: &Path, out: &mut Discovery) {
    let shown = pattern.display().to_string();
    let Some(text) = pattern.to_str() else {
        out.empty.push((shown, "is not valid UTF-8".to_owned()));
        return;
    };
    let matcher = match GlobBuilder::new(text)
        .literal_separator(true)
        .backslash_escape(true)
        .build()
    {
        Ok(glob) => glob.compile_matcher(),
        Err(e) => {
            out.empty
                .push((shown, format!("is not a valid glob: {}", glob_error(&e))));
            return;
        }
    };
    let base = literal_prefix(pattern);
    let matched: Vec<PathBuf> = match &base {
        Some(base) if base.is_dir() => files_below(base)
            .into_iter()
            .filter(|p| matcher.is_match(p))
            .collect(),
        Some(_) => Vec::new(),
        // `*.yaml`: walk `.`, and match and show the paths without the `./` the walk adds.
        None => files_below(Path::new("."))
            .into_iter()
            .filter_map(|p| p.strip_prefix(".").ok().map(Path::to_path_buf))
            .filter(|p| matcher.is_match(p))
            .collect(),
    };
    if matched.is_empty() {
        out.empty.push((shown, "matches no file".to_owned()));
        return;
    }
    out.files.extend(
        matched
            .into_iter()
            .map(|path| Candidate { path, named: true }),
    );
}

/// globset's messages repeat the pattern; keep only the reason.
fn glob_error(e: &globset::Error) -> String {
    e.kind().to_string()
}

/// The directories of a pattern before its first component with a glob character: where a walk
/// for it starts. `specs/**/*.yaml` → `specs`; `*.yaml` → none (the current directory).
fn literal_prefix(pattern: &Path) -> Option<PathBuf> {
    let mut base = PathBuf::new();
    for component in pattern.components() {
        let literal = match component {
            Component::Normal(part) => !is_glob(Path::new(part)),
            _ => true,
        };
        if !literal {
            break;
        }
        base.push(component);
    }
    (!base.as_os_str().is_empty()).then_some(base)
}

/// Whether a file looks like a spec, from its head: its first 4 KiB, where `spec_version`
/// normally is, else its first 64 KiB, enough to find a top-level `spec_version` key after a
/// long header comment without reading a large data file whole. Unreadable files are skipped;
/// so is text after the first invalid UTF-8 byte (no copy is made to replace it).
fn is_spec_file(path: &Path) -> bool {
    use std::io::Read;
    let Ok(mut file) = std::fs::File::open(path) else {
        return false;
    };
    let mut buf = Vec::with_capacity(4 * 1024);
    for limit in [4 * 1024, 64 * 1024] {
        let have = buf.len() as u64;
        let Ok(read) = (&mut file).take(limit - have).read_to_end(&mut buf) else {
            return false;
        };
        let text = match std::str::from_utf8(&buf) {
            Ok(text) => text,
            Err(e) => buf
                .get(..e.valid_up_to())
                .and_then(|valid| std::str::from_utf8(valid).ok())
                .unwrap_or_default(),
        };
        if looks_like_spec(text) {
            return true;
        }
        if (read as u64) < limit - have {
            return false; // the whole file was read
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A walk for a glob starts at the directories before its first glob character.
    #[test]
    fn literal_prefix_stops_at_the_first_glob() {
        assert_eq!(
            literal_prefix(Path::new("specs/**/*.yaml")),
            Some(PathBuf::from("specs"))
        );
        assert_eq!(literal_prefix(Path::new("*.yaml")), None);
        assert_eq!(
            literal_prefix(Path::new("/tmp/a/b*/c.yaml")),
            Some(PathBuf::from("/tmp/a"))
        );
    }
}
