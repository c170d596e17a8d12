#!/usr/bin/env bash
# Seeds the fuzz corpora from the bundled specs and the test fixtures (not committed: the
# corpora grow as the fuzzer runs). Run from fuzz/: `./seed.sh`.
set -euo pipefail
cd "$(dirname "$0")"
for target in check_bytes check_structured render yaml_fast; do
    mkdir -p "corpus/$target"
    for f in ../specs/*.yaml ../tests/fixtures/input/*.yaml ../tests/fixtures/rules/*/*.yaml \
        ../tests/fixtures/hostile/*.yaml; do
        [ -f "$f" ] || continue
        # Named by content, so seeding twice adds nothing.
        cp "$f" "corpus/$target/seed-$(sha1sum "$f" | cut -c1-16)"
    done
done
# A structured input's first byte picks the bundled spec; a lone byte is that spec unedited.
for i in 0 1 2 3; do
    printf "\\x0$i" > "corpus/check_structured/base-$i"
    printf "\\x0$i" > "corpus/render/base-$i"
done
