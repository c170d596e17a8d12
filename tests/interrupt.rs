//! A build interrupted by a real signal in the middle of writing leaves no partial file and no
//! temporary folder, and every spec's folder is either all from the earlier build or all new.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use assert_cmd::cargo::cargo_bin;

/// Copies of the bundled specs: enough that the build is still writing when the signal comes.
const COPIES: usize = 25;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A folder of `COPIES` × 4 specs, named `<stem>-<n>.yaml`.
fn corpus(dir: &Path) -> Vec<String> {
    let specs = dir.join("specs");
    std::fs::create_dir(&specs).unwrap();
    let mut stems = Vec::new();
    for entry in std::fs::read_dir(root().join("specs")).unwrap() {
        let path = entry.unwrap().path();
        if !path.is_file() || path.extension().is_none_or(|e| e != "yaml") {
            continue; // specs/results/ holds results files, not specs
        }
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read(&path).unwrap();
        for n in 0..COPIES {
            let copy = format!("{stem}-{n:02}");
            std::fs::write(specs.join(format!("{copy}.yaml")), &text).unwrap();
            stems.push(copy);
        }
    }
    stems.sort();
    stems
}

/// The files of each spec folder in `out`, by name, with their bytes.
type Tree = BTreeMap<String, BTreeMap<String, Vec<u8>>>;

fn read_out(out: &Path) -> (Tree, Vec<String>) {
    let mut tree = Tree::new();
    let mut hidden = Vec::new();
    for entry in std::fs::read_dir(out).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            hidden.push(name);
            continue;
        }
        let mut files = BTreeMap::new();
        for file in std::fs::read_dir(entry.path()).unwrap() {
            let file = file.unwrap();
            files.insert(
                file.file_name().to_string_lossy().into_owned(),
                std::fs::read(file.path()).unwrap(),
            );
        }
        tree.insert(name, files);
    }
    (tree, hidden)
}

fn build(dir: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(cargo_bin("svcspec"));
    cmd.current_dir(dir)
        .args(["build", "specs", "--out", "out"])
        .args(args)
        .env("NO_COLOR", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    cmd
}

/// Whether the build has started writing: a temporary folder exists and at least one spec
/// folder is already new (holds the HTML that the earlier build did not write).
fn writing(out: &Path) -> bool {
    let Ok(entries) = std::fs::read_dir(out) else {
        return false;
    };
    let (mut temporary, mut replaced) = (false, false);
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        temporary |= name.starts_with(".svcspec-tmp-");
        // A temporary folder holds new files too: only a spec's own folder counts as replaced.
        replaced |= !name.starts_with('.') && entry.path().join("contract.zh.html").exists();
    }
    temporary && replaced
}

fn interrupted_build_leaves_old_or_new(signal: i32, code: i32) {
    let dir = tempfile::tempdir().unwrap();
    let stems = corpus(dir.path());
    let out = dir.path().join("out");

    // The earlier build: plans only, in Markdown only.
    let status = build(dir.path(), &["--doc", "plan", "--to", "md"])
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(0));
    let (old, _) = read_out(&out);
    assert_eq!(old.len(), stems.len());

    // A stale temporary folder of a build that died without a chance to clean up.
    let stale = out.join(".svcspec-tmp-999999999-gone");
    std::fs::create_dir(&stale).unwrap();
    std::fs::write(stale.join("contract.zh.md"), "partial").unwrap();

    // The new build: every document, interrupted while it writes.
    let mut child = build(dir.path(), &[]).spawn().unwrap();
    let started = Instant::now();
    while !writing(&out) {
        assert!(
            child.try_wait().unwrap().is_none(),
            "the build ended before it could be interrupted"
        );
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "the build never started writing"
        );
        std::thread::sleep(Duration::from_millis(2));
    }
    // SAFETY: sends a signal to the child this test started, by its id.
    let sent = unsafe { libc::kill(i32::try_from(child.id()).unwrap(), signal) };
    assert_eq!(sent, 0);
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(code), "stderr:\n{stderr}");
    assert!(stderr.contains("interrupted"), "stderr:\n{stderr}");

    let (after, hidden) = read_out(&out);
    assert!(hidden.is_empty(), "temporary folders left: {hidden:?}");
    assert_eq!(after.len(), stems.len(), "a spec folder went missing");
    let (mut kept, mut replaced) = (0, 0);
    for (stem, files) in &after {
        if files == &old[stem] {
            kept += 1;
            continue;
        }
        // Otherwise the folder is whole and new: 4 documents × 2 formats, none empty.
        let names: Vec<&str> = files.keys().map(String::as_str).collect();
        assert_eq!(names.len(), 8, "{stem} is neither old nor whole: {names:?}");
        assert!(
            files.values().all(|b| !b.is_empty()),
            "{stem} has an empty file"
        );
        assert_ne!(files.get("plan.zh.md"), None, "{stem}: {names:?}");
        replaced += 1;
    }
    assert!(replaced >= 1, "nothing was replaced before the signal");
    assert!(kept >= 1, "the build finished before the signal");

    // The next build completes and replaces every folder.
    let status = build(dir.path(), &[]).status().unwrap();
    assert_eq!(status.code(), Some(0));
    let (last, hidden) = read_out(&out);
    assert!(hidden.is_empty());
    assert!(last.values().all(|files| files.len() == 8));
}

/// SIGTERM (as a CI runner cancelling a job sends) in the middle of a build: exit 143.
#[test]
fn sigterm_leaves_each_folder_old_or_new() {
    interrupted_build_leaves_old_or_new(libc::SIGTERM, 143);
}

/// SIGINT (Ctrl-C) in the middle of a build: exit 130.
#[test]
fn sigint_leaves_each_folder_old_or_new() {
    interrupted_build_leaves_old_or_new(libc::SIGINT, 130);
}
