use std::process::ExitCode;

use clap::Parser;

/// A spec loads into thousands of small nodes that are all freed together; with glibc's
/// allocator, malloc and free took a third of the time of checking a spec. mimalloc halves
/// the time of a 1,000-spec run (see README, Speed). Large blocks are counted against the
/// run's memory budget (`--max-memory`); small ones pass straight through.
#[global_allocator]
static GLOBAL: svcspec::memory::Budgeted<mimalloc::MiMalloc> =
    svcspec::memory::Budgeted(mimalloc::MiMalloc);

fn main() -> ExitCode {
    svcspec::commands::run(svcspec::cli::Cli::parse())
}
