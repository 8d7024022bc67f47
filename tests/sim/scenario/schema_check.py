#!/usr/bin/env python3
"""Every example validates against docs/scenario.schema.json, and the schema rejects what the
parser rejects for structural reasons (unknown keys, wrong policy keys, bad step kinds)."""
import glob
import json
import os
import sys

import jsonschema

root = sys.argv[1]
schema = json.load(open(os.path.join(root, "docs", "scenario.schema.json")))
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)
failures = 0
examples = sorted(glob.glob(os.path.join(root, "examples", "*.json")))
for path in examples:
    for err in validator.iter_errors(json.load(open(path))):
        print(f"{path}: {err.json_path}: {err.message}")
        failures += 1
bad = [
    {"processes": [{"threads": [{"program": [{"comput_us": 1}]}]}]},
    {"processes": [{"threads": [{"program": [{"compute_us": -1}]}]}]},
    {"processes": [{"threads": [{"program": [{"compute_us": 1, "io_us": 1}]}]}]},
    {"scheduler": {"policy": "fifo", "quantum_us": 5}, "processes": [{"threads": [{"program": []}]}]},
    {"scheduler": {"policy": "rr", "levels": []}, "processes": [{"threads": [{"program": []}]}]},
    {"machine": {"cores": 0}, "processes": [{"threads": [{"program": []}]}]},
    {"sead": 1, "processes": [{"threads": [{"program": []}]}]},
    {"processes": []},
    {"machine": {"profile": "pythn"}, "processes": [{"threads": [{"program": []}]}]},
    {"runtime": {"gil": "yes"}, "processes": [{"threads": [{"program": []}]}]},
    {"processes": [{"threads": [{"program": [{"write": "code"}]}]}]},
    {"processes": [{"threads": [{"program": [{"send": "c"}]}]}]},
    {"channels": {"c": "socket"}, "processes": [{"threads": [{"program": []}]}]},
    {"shared_memory": [{"name": "b", "kb": 0, "processes": ["P0"]}], "processes": [{"threads": [{"program": []}]}]},
    {"shared_memory": [{"name": "b", "kb": 4}], "processes": [{"threads": [{"program": []}]}]},
    {"processes": [{"threads": [{"program": [{"write": "shared", "region": "b"}]}]}]},
    {"processes": [{"threads": [{"program": [{"event_loop": {}}]}]}]},
    {"processes": [{"threads": [{"program": [{"event_loop": {"tasks": [{"name": "t"}]}}]}]}]},
    {"processes": [{"threads": [{"program": [{"event_loop": {"tasks": [{"count": 0, "program": []}]}}]}]}]},
    {"processes": [{"threads": [{"program": [{"io_us": 1, "blocking": "yes"}]}]}]},
]
for doc in bad:
    if validator.is_valid(doc):
        print(f"schema accepts what the parser rejects: {json.dumps(doc)}")
        failures += 1
print(f"{len(examples)} examples, {len(bad)} rejections checked, {failures} failures")
sys.exit(1 if failures or not examples else 0)
