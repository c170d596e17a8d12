#!/usr/bin/env python3
"""Cross-check: another validator (Python's jsonschema) accepts every bundled spec against the
committed schema. Dates stay strings, as svcspec reads them (YAML 1.2 has no timestamp type)."""
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

schema = json.load(open("schemas/svcspec.schema.json", encoding="utf-8"))
Draft202012Validator.check_schema(schema)
validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
failed = 0
files = sorted(glob.glob("specs/*.yaml"))
for path in files:
    doc = yaml.load(open(path, encoding="utf-8"), Loader=Yaml12Loader)
    errors = list(validator.iter_errors(doc))
    for e in errors:
        print(f"{path}: {'/'.join(map(str, e.absolute_path))}: {e.message}")
    failed += bool(errors)
print(f"python-jsonschema: {len(files) - failed} passed, {failed} failed")
sys.exit(1 if failed or not files else 0)
