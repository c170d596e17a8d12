//! Links the binary position-dependent on request: `SVCSPEC_NO_PIE=1` (Linux only).
//!
//! By default the executable is position-independent (PIE), so the kernel loads its own code at
//! a random address, as Debian's and Fedora's build policies require: svcspec reads hostile
//! tender submissions. A position-dependent link saves the dynamic loader about 19,000
//! relocations at every start (a third of the page faults of checking one spec); the benchmark
//! opts into it to measure that, and README's Speed section gives its effect.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=SVCSPEC_NO_PIE");
    let linux = std::env::var("CARGO_CFG_TARGET_OS").is_ok_and(|os| os == "linux");
    let no_pie = std::env::var_os("SVCSPEC_NO_PIE").is_some_and(|v| v == "1");
    if linux && no_pie {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}
