#!/usr/bin/env bash
# Times `svcspec check` on one spec, start-up included, and on all bundled specs.
# Needs hyperfine (Debian: apt-get install hyperfine). Target: one spec under 5 ms.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || { echo "install hyperfine first (apt-get install -y hyperfine)" >&2; exit 2; }
cargo build --release --quiet
bin=$(realpath "${CARGO_TARGET_DIR:-target}/release/svcspec")
args=()
for spec in specs/*.yaml; do args+=("$bin check $spec"); done
hyperfine -N --warmup 30 --runs 300 "${args[@]}" "$bin check specs"
