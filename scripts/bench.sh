#!/usr/bin/env bash
# Times `svcspec check` against two general JSON Schema validators on the same 1,000 specs, and
# shows how svcspec scales (one spec, 1,000 specs, 10,000 specs). Not run in CI.
#
#   scripts/bench.sh            # all of it (a release build, tool installs, ~10 minutes)
#   RUNS=3 scripts/bench.sh     # fewer hyperfine runs for the slow tools
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
runs=${RUNS:-5}
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

echo "== release build"
cargo build --release --quiet
bin=${CARGO_TARGET_DIR:-target}/release/svcspec
[ -x "$bin" ] || bin=$root/target/release/svcspec

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
echo "== every tool accepts the corpus (a validator that fails fast would time nothing)"
"$bin" check "$work/yaml" 2>&1 | tail -1
(cd "$work" && "$cjs" --schemafile "$schema" yaml/*.yaml | tail -1)
(cd "$work" && "$ajv" validate --spec=draft2020 --strict=false -c ajv-formats -s "$schema" -d 'json/*.json' 2>&1 | grep -vc ' valid$' | sed 's/^/ajv: files not valid: /')

echo "== 1,000 specs: svcspec vs check-jsonschema vs ajv-cli"
cd "$work"
hyperfine -N --warmup 1 --runs "$runs" --export-markdown "$work/vs.md" \
  -n svcspec "$bin check yaml" \
  -n check-jsonschema "$cjs --schemafile $schema $(echo yaml/*.yaml)" \
  -n ajv-cli "$ajv validate --spec=draft2020 --strict=false -c ajv-formats -s $schema -d json/*.json"

echo "== scaling: one spec, 1,000 specs, 10,000 specs"
hyperfine -N --warmup 30 --runs 300 -n "one spec" "$bin check $root/specs/zhuzhou-elderly.yaml"
hyperfine -N --warmup 2 --runs 10 --export-markdown "$work/scale.md" \
  -n "1,000 specs" "$bin check yaml" \
  -n "10,000 specs" "$bin check yaml10"
cat "$work/vs.md" "$work/scale.md"
