#!/usr/bin/env python3
"""Cross-check: another validator (Python's jsonschema) accepts every bundled spec, and every
example results file of `evaluate`, against the committed schemas. Dates stay strings, as svcspec reads them (YAML 1.2 has no timestamp type)."""
import glob
import json
import sys

import yaml
from jsonschema import Draft202012Validator


class Yaml12Loader(yaml.SafeLoader):
    """PyYAML reads YAML 1.1; drop the timestamp resolver so dates stay text, as in YAML 1.2."""


Yaml12Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in Yaml12Loader.yaml_implicit_resolvers.copy().items()
}

def validate(schema_path, pattern):
    """Validates every file matching `pattern`; returns (files, failed)."""
    schema = json.load(open(schema_path, encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    failed = 0
    files = sorted(glob.glob(pattern))
    for path in files:
        doc = yaml.load(open(path, encoding="utf-8"), Loader=Yaml12Loader)
        errors = list(validator.iter_errors(doc))
        for e in errors:
            print(f"{path}: {'/'.join(map(str, e.absolute_path))}: {e.message}")
        failed += bool(errors)
    return files, failed


specs, specs_failed = validate("schemas/svcspec.schema.json", "specs/*.yaml")
results, results_failed = validate("schemas/results.schema.json", "specs/results/*.yaml")
failed = specs_failed + results_failed
print(f"python-jsonschema: specs {len(specs) - specs_failed} passed, {specs_failed} failed; "
      f"results {len(results) - results_failed} passed, {results_failed} failed")
sys.exit(1 if failed or not specs or not results else 0)
