//! Helpers shared by the integration tests: the svcspec command, the bundled specs, YAML files
//! and a seeded generator.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The crate's root folder.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `svcspec` run from `dir`, without colours.
pub fn svcspec_in(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("svcspec").unwrap();
    cmd.current_dir(dir).env("NO_COLOR", "1");
    cmd
}

/// `svcspec` run from the crate's root folder, without colours.
pub fn svcspec() -> Command {
    svcspec_in(&root())
}

/// The file stems of the bundled specs (`specs/*.yaml`), sorted.
pub fn specs() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(root().join("specs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Every `.yaml` or `.yml` file under `dir`, at any depth, sorted.
pub fn yaml_files(dir: &Path) -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, &mut out);
    out.sort();
    out
}

/// xorshift64*: generated test inputs, the same on every run.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number below `n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}
