use std::process::ExitCode;

use clap::Parser;

/// A spec loads into thousands of small nodes, and a run of many specs allocates and frees
/// them over and over, on every core: mimalloc checks 1,000 specs in three quarters of the time
/// glibc's allocator takes (see README, Speed). Large blocks are counted against the run's
/// memory budget (`--max-memory`); small ones pass straight through.
#[cfg(feature = "mimalloc")]
#[global_allocator]
static GLOBAL: svcspec::memory::Budgeted<svcspec::memory::Mimalloc> =
    svcspec::memory::Budgeted(svcspec::memory::Mimalloc);

#[cfg(not(feature = "mimalloc"))]
#[global_allocator]
static GLOBAL: svcspec::memory::Budgeted<std::alloc::System> =
    svcspec::memory::Budgeted(std::alloc::System);

fn main() -> ExitCode {
    svcspec::commands::run(svcspec::cli::Cli::parse())
}
