//! Links the release binary as a position-dependent executable.
//!
//! A position-independent one carries about 19,000 relocations that the dynamic loader applies
//! at every start, writing to 85 pages of tables: a third of the page faults of checking one
//! spec, for a tool whose every run is one short process. Debug builds and tests keep the
//! default, and `SVCSPEC_PIE=1` keeps it for a release build too.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=SVCSPEC_PIE");
    let release = std::env::var("PROFILE").is_ok_and(|p| p == "release");
    let linux = std::env::var("CARGO_CFG_TARGET_OS").is_ok_and(|os| os == "linux");
    let pie = std::env::var_os("SVCSPEC_PIE").is_some_and(|v| v == "1");
    if release && linux && !pie {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}
