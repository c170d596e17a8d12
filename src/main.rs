use std::process::ExitCode;

use clap::Parser;

/// A spec loads into thousands of small nodes, and a run of many specs allocates and frees
/// them over and over, on every core: mimalloc checks 1,000 specs in three quarters of the time
/// glibc's allocator takes (see README, Speed).
#[cfg(feature = "mimalloc")]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    svcspec::commands::run(svcspec::cli::Cli::parse())
}
