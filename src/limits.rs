//! The limits that keep hostile input from exhausting time, memory or the stack.

/// Bounds on what one input may cost. The defaults are far above any real spec (the bundled
/// ones are ~20 KiB, ~1,500 nodes, 8 levels deep) and far below what hurts.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Largest file read, in bytes.
    pub max_file_bytes: u64,
    /// Deepest nesting of mappings and sequences.
    pub max_depth: usize,
    /// Most nodes that aliases may expand to, over the whole file.
    pub max_alias_nodes: usize,
    /// Most nodes in a document, aliases included.
    pub max_nodes: usize,
    /// Longest scalar, in bytes.
    pub max_scalar_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_file_bytes: 4 * 1024 * 1024,
            max_depth: 64,
            max_alias_nodes: 10_000,
            max_nodes: 200_000,
            max_scalar_bytes: 256 * 1024,
        }
    }
}
