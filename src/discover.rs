//! Which files a run checks: named files always; directories walked for YAML specs.

use std::path::{Path, PathBuf};

use ignore::WalkBuilder;

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
    /// Paths that do not exist, or directories that hold no spec: invocation faults.
    pub empty: Vec<(String, &'static str)>,
}

/// Expands the paths of a run into files, in a stable order. With no path, the current directory.
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
                    "holds no spec (no YAML file with a top-level `spec_version`)",
                ));
            }
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

fn walk(dir: &Path, out: &mut Discovery) {
    let mut found: Vec<PathBuf> = WalkBuilder::new(dir)
        .hidden(true)
        .git_ignore(true)
        .git_exclude(true)
        .follow_links(false)
        .build()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_some_and(|t| t.is_file()))
        .map(ignore::DirEntry::into_path)
        .filter(|p| {
            p.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| e == "yaml" || e == "yml")
        })
        .collect();
    found.sort();
    for path in found {
        if looks_like_spec(&head(&path)) {
            out.files.push(Candidate { path, named: false });
        } else {
            out.skipped.push(path);
        }
    }
}

/// The first 64 KiB of a file, enough to find a top-level `spec_version` key without reading a
/// large data file whole. Unreadable files give an empty head and are skipped.
fn head(path: &Path) -> String {
    use std::io::Read;
    let mut buf = Vec::new();
    if let Ok(file) = std::fs::File::open(path) {
        let _ = file.take(64 * 1024).read_to_end(&mut buf);
    }
    String::from_utf8_lossy(&buf).into_owned()
}
