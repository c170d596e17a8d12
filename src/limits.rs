//! The limits that keep hostile input from exhausting time, memory or the stack.
//!
//! Each limit has a flag that raises it, up to a cap: the caps are what this machine's stack
//! and memory hold, measured by tests/limits.rs, not what a real spec needs.

use crate::cli::{LimitArgs, TemplateLimitArgs};
use crate::memory;

/// The deepest nesting `--max-depth` allows. Depth is counted through aliases too (an alias
/// placed at depth k of an anchor d levels deep reaches k + d), so no value is deeper than this
/// whatever the aliases: tests/limits.rs checks and builds a spec this deep on the default
/// stacks of a debug build.
pub const MAX_DEPTH_CAP: u16 = 1000;
/// The largest file `--max-file-size` allows: 256 MiB.
pub const MAX_FILE_BYTES_CAP: u64 = 256 * 1024 * 1024;
/// The most nodes `--max-nodes` allows; a node costs about 200 bytes loaded.
pub const MAX_NODES_CAP: u64 = 10_000_000;
/// The most files `--max-files` allows in one run.
pub const MAX_FILES_CAP: u64 = 10_000_000;
/// The most fuel `--template-fuel` allows: minutes of rendering, not hours.
pub const TEMPLATE_FUEL_CAP: u64 = 1_000_000_000;
/// The deepest template recursion `--template-recursion` allows: minijinja's own ceiling.
pub const TEMPLATE_RECURSION_CAP: u16 = 500;

/// Bounds on what one input may cost. The defaults are far above any real spec (the bundled
/// ones are ~30 KiB, ~1,500 nodes, 8 levels deep) and far below what hurts.
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
    /// Most files checked or built in one run.
    pub max_files: usize,
    /// Fuel for rendering one document: a bound on every template loop.
    pub template_fuel: u64,
    /// Deepest nesting of template calls (macros, includes, blocks).
    pub template_recursion: usize,
    /// Memory budget of the run, in MiB of large blocks (see [`crate::memory`]).
    pub max_memory_mib: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_file_bytes: 4 * 1024 * 1024,
            max_depth: 64,
            max_alias_nodes: 10_000,
            max_nodes: 200_000,
            max_scalar_bytes: 256 * 1024,
            max_files: 100_000,
            template_fuel: 2_000_000,
            template_recursion: 64,
            max_memory_mib: memory::DEFAULT_BUDGET_MIB,
        }
    }
}

impl Limits {
    /// The limits that the command line sets; template limits stay at their defaults.
    pub fn from_args(args: &LimitArgs) -> Self {
        let size = |n: u64| usize::try_from(n).unwrap_or(usize::MAX);
        Self {
            max_file_bytes: args.max_file_size,
            max_depth: usize::from(args.max_depth),
            max_alias_nodes: size(args.max_alias_nodes),
            max_nodes: size(args.max_nodes),
            max_scalar_bytes: size(args.max_scalar_size),
            max_files: size(args.max_files),
            max_memory_mib: args.max_memory,
            ..Self::default()
        }
    }

    /// These limits with the template limits that the command line sets.
    #[must_use]
    pub fn with_templates(self, args: &TemplateLimitArgs) -> Self {
        Self {
            template_fuel: args.template_fuel,
            template_recursion: usize::from(args.template_recursion),
            ..self
        }
    }

    /// Makes the memory budget the budget of this run.
    pub fn apply_memory_budget(&self) {
        memory::set_budget_mib(self.max_memory_mib);
    }

    /// A usage fault when a run finds more files than it may check, naming the flag to raise.
    pub fn check_file_count(&self, found: usize) -> Result<(), String> {
        if found > self.max_files {
            return Err(format!(
                "the paths given hold {found} files, over the limit of {} files a run; \
                 name fewer, or raise the limit with `--max-files` (at most {MAX_FILES_CAP})",
                self.max_files
            ));
        }
        Ok(())
    }
}
