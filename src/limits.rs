//! The limits that keep hostile input from exhausting time, memory or the stack.
//!
//! Each limit has a default, far above any real spec and far below what hurts, and a flag that
//! raises it up to a cap: the caps are what this machine's stack and memory hold, measured by
//! the tests, not what a real spec needs. The command line turns its flags into these settings
//! (`From<&LimitArgs>` in [`crate::cli`]); nothing here knows of flags.

use crate::memory;

/// The default of `--max-file-size`: 4 MiB (the bundled specs are about 30 KiB).
pub const DEFAULT_FILE_BYTES: u64 = 4 * 1024 * 1024;
/// The largest file `--max-file-size` allows: 256 MiB.
pub const MAX_FILE_BYTES_CAP: u64 = 256 * 1024 * 1024;

/// The default of `--max-depth` (a spec nests about 8 levels).
pub const DEFAULT_DEPTH: u16 = 64;
/// The deepest nesting `--max-depth` allows. Depth is counted through aliases too (an alias
/// placed at depth k of an anchor d levels deep reaches k + d), so no value is deeper than this
/// whatever the aliases: the tests check and build a spec this deep on the default stacks of a
/// debug build.
pub const MAX_DEPTH_CAP: u16 = 1000;

/// The default of `--max-alias-nodes`.
pub const DEFAULT_ALIAS_NODES: u64 = 10_000;
/// The default of `--max-nodes` (a spec holds about 1,500).
pub const DEFAULT_NODES: u64 = 200_000;
/// The most nodes `--max-nodes` and `--max-alias-nodes` allow; a node costs about 200 bytes
/// loaded.
pub const MAX_NODES_CAP: u64 = 10_000_000;

/// The default of `--max-scalar-size`: 256 KiB.
pub const DEFAULT_SCALAR_BYTES: u64 = 256 * 1024;

/// The default of `--max-files`.
pub const DEFAULT_FILES: u64 = 100_000;
/// The most files `--max-files` allows in one run.
pub const MAX_FILES_CAP: u64 = 10_000_000;

/// The default of `--template-fuel`: renders a 240-row roster many times over.
pub const DEFAULT_TEMPLATE_FUEL: u64 = 2_000_000;
/// The most fuel `--template-fuel` allows: minutes of rendering, not hours.
pub const TEMPLATE_FUEL_CAP: u64 = 1_000_000_000;

/// The default of `--template-recursion`.
pub const DEFAULT_TEMPLATE_RECURSION: u16 = 64;
/// The deepest template recursion `--template-recursion` allows: minijinja's own ceiling.
pub const TEMPLATE_RECURSION_CAP: u16 = 500;

/// Bounds on what the input files of one run may cost: every command that reads a spec, a
/// results file or a config honours all of them.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Largest file read, in bytes.
    pub max_file_bytes: u64,
    /// Deepest nesting of mappings and sequences, through aliases too.
    pub max_depth: usize,
    /// Most nodes that aliases may expand to, over the whole file.
    pub max_alias_nodes: usize,
    /// Most nodes in a document, aliases included.
    pub max_nodes: usize,
    /// Longest scalar, in bytes.
    pub max_scalar_bytes: usize,
    /// Most files read in one run.
    pub max_files: usize,
    /// Memory budget of the run, in MiB of large blocks (see [`crate::memory`]).
    pub max_memory_mib: u64,
}

/// Bounds on rendering one document, whose templates may come from `--templates DIR`.
#[derive(Debug, Clone, Copy)]
pub struct TemplateLimits {
    /// Fuel for rendering one document: a bound on every template loop.
    pub fuel: u64,
    /// Deepest nesting of template calls (macros, includes, blocks).
    pub recursion: usize,
}

/// A count as the host's `usize`, saturating (the caps fit in any 32-bit `usize`).
pub fn size(n: u64) -> usize {
    usize::try_from(n).unwrap_or(usize::MAX)
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_file_bytes: DEFAULT_FILE_BYTES,
            max_depth: usize::from(DEFAULT_DEPTH),
            max_alias_nodes: size(DEFAULT_ALIAS_NODES),
            max_nodes: size(DEFAULT_NODES),
            max_scalar_bytes: size(DEFAULT_SCALAR_BYTES),
            max_files: size(DEFAULT_FILES),
            max_memory_mib: memory::DEFAULT_BUDGET_MIB,
        }
    }
}

impl Default for TemplateLimits {
    fn default() -> Self {
        Self {
            fuel: DEFAULT_TEMPLATE_FUEL,
            recursion: usize::from(DEFAULT_TEMPLATE_RECURSION),
        }
    }
}

impl Limits {
    /// Makes the memory budget the budget of this run.
    pub fn apply_memory_budget(&self) {
        memory::set_budget_mib(self.max_memory_mib);
    }

    /// A fault when a run would read more files than it may, naming the flag to raise.
    pub fn check_file_count(&self, found: usize) -> Result<(), String> {
        if found > self.max_files {
            return Err(format!(
                "the run would read {found} files, over the limit of {} files a run; \
                 name fewer, or raise the limit with `--max-files` (at most {MAX_FILES_CAP})",
                self.max_files
            ));
        }
        Ok(())
    }
}
