#!/usr/bin/env bash
# Times `svcspec check` on one spec, start-up included, and on all bundled specs, for the dist
# build linked position-independent (the default) and position-dependent (SVCSPEC_NO_PIE=1):
# what the PIE costs at start-up. Needs hyperfine (Debian: apt-get install hyperfine).
# Target: one spec under 5 ms.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || { echo "install hyperfine first (apt-get install -y hyperfine)" >&2; exit 2; }
target=${CARGO_TARGET_DIR:-target}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for variant in pie no-pie; do
  if [ "$variant" = no-pie ]; then export SVCSPEC_NO_PIE=1; else unset SVCSPEC_NO_PIE; fi
  cargo build --profile dist --features pdf --quiet
  cp "$target/dist/svcspec" "$work/svcspec-$variant"
done
readelf -h "$work/svcspec-pie" | grep -q 'DYN' || { echo "the default build is not a PIE" >&2; exit 1; }
args=()
for spec in specs/*.yaml; do
  for variant in pie no-pie; do args+=("$work/svcspec-$variant check $spec"); done
done
hyperfine -N --warmup 30 --runs 300 "${args[@]}" \
  "$work/svcspec-pie check specs" "$work/svcspec-no-pie check specs"
