#!/usr/bin/env bash
# Times `svcspec check` against two general JSON Schema validators on the same 1,000 specs, and
# shows how svcspec scales (one spec, 1,000 specs, 10,000 specs). Not run in CI.
#
#   scripts/bench.sh                  # all of it: a dist build, tool installs, ~10 minutes
#   RUNS=5 SLOW_RUNS=1 scripts/bench.sh   # fewer runs (SLOW_RUNS: check-jsonschema, ~3 min each)
#   ROUNDS=15                         # rounds of svcspec and ajv-cli, alternating
#
# The corpus is copies of specs/*.yaml under new names in a temporary directory. Validators:
# - check-jsonschema (PyPI), on the YAML files, formats checked as svcspec checks them;
# - ajv-cli with ajv-formats (npm), on JSON conversions of the same files (ajv reads no YAML),
#   `--spec=draft2020 --strict=false -c ajv-formats`; dates stay strings in the conversion.
# Both validate against schemas/svcspec.schema.json; svcspec also runs its semantic rules.
# Tools are installed once into ${SVCSPEC_BENCH_TOOLS:-~/.cache/svcspec-bench}.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
runs=${RUNS:-10}
slow_runs=${SLOW_RUNS:-2}
rounds=${ROUNDS:-15}
tools=${SVCSPEC_BENCH_TOOLS:-$HOME/.cache/svcspec-bench}
mkdir -p "$tools"

need() { command -v "$1" >/dev/null; }
if ! need hyperfine; then
  echo "== installing hyperfine"
  apt-get install -y -qq hyperfine >/dev/null || { apt-get update -qq && apt-get install -y -qq hyperfine >/dev/null; }
fi
if [ ! -x "$tools/venv/bin/check-jsonschema" ]; then
  echo "== installing check-jsonschema into $tools/venv"
  python3 -m venv "$tools/venv"
  "$tools/venv/bin/pip" install --quiet --disable-pip-version-check check-jsonschema pyyaml
fi
if [ ! -x "$tools/node_modules/.bin/ajv" ]; then
  echo "== installing ajv-cli and ajv-formats into $tools"
  npm install --silent --no-audit --no-fund --prefix "$tools" ajv-cli ajv-formats >/dev/null
fi
cjs=$tools/venv/bin/check-jsonschema
ajv=$tools/node_modules/.bin/ajv

# The dist profile (fat LTO, one codegen unit), as published binaries are built, linked
# position-dependent for the benchmark (SVCSPEC_NO_PIE=0 measures the default PIE link).
echo "== dist build (SVCSPEC_NO_PIE=${SVCSPEC_NO_PIE:-1})"
SVCSPEC_NO_PIE=${SVCSPEC_NO_PIE:-1} cargo build --profile dist --features pdf --quiet
bin=$(realpath "${CARGO_TARGET_DIR:-target}/dist/svcspec")

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
make_corpus() { # DIR COUNT: COUNT copies of the bundled specs, under new names
  mkdir -p "$1"
  local specs=(specs/*.yaml) i
  for ((i = 0; i < $2; i++)); do
    local src=${specs[i % ${#specs[@]}]}
    cp "$src" "$1/$(printf '%05d' "$i")-$(basename "$src")"
  done
}
echo "== corpus: 1,000 and 10,000 specs in $work"
make_corpus "$work/yaml" 1000
make_corpus "$work/yaml10" 10000
"$tools/venv/bin/python" - "$work/yaml" "$work/json" <<'PY'
import json, pathlib, sys
import yaml

class Yaml12Loader(yaml.SafeLoader):
    """Dates stay text, as in YAML 1.2 and as svcspec reads them."""

Yaml12Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in Yaml12Loader.yaml_implicit_resolvers.copy().items()
}
src, dst = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
dst.mkdir()
for path in sorted(src.glob("*.yaml")):
    doc = yaml.load(path.read_text(encoding="utf-8"), Loader=Yaml12Loader)
    (dst / (path.stem + ".json")).write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
PY

schema=$root/schemas/svcspec.schema.json
cd "$work"
# hyperfine stops at a non-zero exit, so each timed tool also shows that it accepted every spec.
echo "== 1,000 specs: svcspec and ajv-cli"
hyperfine -N --warmup 2 --runs "$runs" --export-json "$work/fast.json" \
  -n svcspec "$bin check yaml" \
  -n ajv-cli "$ajv validate --spec=draft2020 --strict=false -c ajv-formats -s $schema -d json/*.json"
# This machine's speed drifts with its neighbours' load over a minute; alternating the two tools
# round by round compares them under the same load.
echo "== 1,000 specs: svcspec and ajv-cli alternating, $rounds rounds"
python3 "$root/scripts/alternate.py" "$work/alt.json" "$rounds" "svcspec=$bin check yaml" \
  "ajv-cli=$ajv validate --spec=draft2020 --strict=false -c ajv-formats -s $schema -d json/*.json"
echo "== 1,000 specs: check-jsonschema (about 3 minutes a run)"
hyperfine -N --runs "$slow_runs" --export-json "$work/slow.json" \
  -n check-jsonschema "$cjs --schemafile $schema $(echo yaml/*.yaml)"
echo "== scaling: one spec (start-up included), 1,000 specs, 10,000 specs"
hyperfine -N --warmup 30 --runs 300 --export-json "$work/one.json" \
  -n "one spec" "$bin check $root/specs/zhuzhou-elderly.yaml"
hyperfine -N --warmup 1 --runs "$runs" --export-json "$work/scale.json" \
  -n "1,000 specs" "$bin check yaml" \
  -n "10,000 specs" "$bin check yaml10"
echo "== scaling: 1,000 and 10,000 specs alternating, $rounds rounds"
python3 "$root/scripts/alternate.py" "$work/alt-scale.json" "$rounds" \
  "1k=$bin check yaml" "10k=$bin check yaml10"

python3 - "$work" <<'PY'
import json, sys
work = sys.argv[1]
t = {}
for name in ["fast", "slow", "one", "scale"]:
    for r in json.load(open(f"{work}/{name}.json"))["results"]:
        t[r["command"]] = (r["mean"], r["stddev"] or 0.0, r["median"], r["min"])
def ms(name):
    mean, sd, median, low = t[name]
    return f"{mean * 1000:.1f} ms ± {sd * 1000:.1f} (median {median * 1000:.1f}, min {low * 1000:.1f})"
print()
print("| what | time |")
print("| --- | --- |")
for name in ["svcspec", "ajv-cli", "check-jsonschema", "one spec", "1,000 specs", "10,000 specs"]:
    print(f"| {name} | {ms(name)} |")
sv = t["svcspec"][2]
print()
print(f"svcspec vs check-jsonschema: {t['check-jsonschema'][2] / sv:.1f}x faster (medians; target 20x)")
print(f"svcspec vs ajv-cli: {t['ajv-cli'][2] / sv:.1f}x faster (medians; target 3x)")
med = lambda xs: sorted(xs)[len(xs) // 2]
alt = json.load(open(f"{work}/alt.json"))
ratios = sorted(a / s for s, a in zip(alt["svcspec"], alt["ajv-cli"]))
print(
    f"alternating, {len(ratios)} rounds: svcspec {med(alt['svcspec']):.3f} s, ajv-cli "
    f"{med(alt['ajv-cli']):.3f} s (medians); svcspec {med(ratios):.1f}x faster "
    f"(rounds {ratios[0]:.1f}x to {ratios[-1]:.1f}x)"
)
print(f"one spec: {t['one spec'][2] * 1000:.1f} ms median (target under 5 ms)")
print(f"10x the specs: {t['10,000 specs'][2] / t['1,000 specs'][2]:.2f}x the time (medians; target at most 10.5x)")
scale = json.load(open(f"{work}/alt-scale.json"))
ratios = sorted(b / a for a, b in zip(scale["1k"], scale["10k"]))
print(
    f"10x the specs, alternating, {len(ratios)} rounds: {med(ratios):.2f}x the time "
    f"(median of rounds; {ratios[0]:.2f}x to {ratios[-1]:.2f}x)"
)
PY
