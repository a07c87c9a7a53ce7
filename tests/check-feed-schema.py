#!/usr/bin/python3
# check-feed-schema.py
#
# Copyright 2026 The Cooperation Atlas authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Checks data/feed/schema.json: that it is a valid JSON Schema (draft
# 2020-12), that the examples of data/feed/examples, the documents in the
# specification (data/feed/README.md) and the bundled initiatives
# (data/bundled/initiatives.json) follow it, that it rejects documents that
# break the contract, and that its vocabularies are those of
# data/vocabulary.  Writes TAP.
#
# Needs Debian's python3-jsonschema (build-aux/install-deps installs it).

import json
import os
import re
import sys

try:
    import jsonschema
except ImportError:
    print("Bail out! python3-jsonschema is missing: run build-aux/install-deps")
    sys.exit(1)


class Tap:
    def __init__(self):
        self.count = 0
        self.failed = 0

    def check(self, ok, name, detail=None):
        self.count += 1
        if ok:
            print(f"ok {self.count} {name}")
        else:
            self.failed += 1
            print(f"not ok {self.count} {name}")
            if detail:
                for line in str(detail).splitlines():
                    print(f"# {line}")

    def finish(self):
        print(f"1..{self.count}")
        return 1 if self.failed else 0


def errors_of(validator, document):
    return sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))


def describe(errors):
    return "\n".join(f"{'/'.join(str(p) for p in e.absolute_path) or '(root)'}: {e.message}"
                     for e in errors[:10])


def markdown_json_blocks(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    return re.findall(r"```json\n(.*?)```", text, re.S)


def base_document(**members):
    document = {
        "format": "digital-cooperation-feed",
        "version": 1,
        "generated_at": "2026-03-01T06:00:00Z",
        "complete": True,
        "next": None,
        "initiatives": [],
    }
    document.update(members)
    return document


def with_initiative(**members):
    initiative = {"id": "a", "title": "A"}
    initiative.update(members)
    return base_document(initiatives=[initiative])


# Documents that break the contract, each in one way.
INVALID = {
    "another format": base_document(format="another-feed"),
    "version 2": base_document(version=2),
    "no generated_at": {k: v for k, v in base_document().items() if k != "generated_at"},
    "generated_at without a time zone": base_document(generated_at="2026-03-01T06:00:00"),
    "complete as a string": base_document(complete="true"),
    "no initiatives": {k: v for k, v in base_document().items() if k != "initiatives"},
    "deleted in a complete snapshot": base_document(deleted=["a"]),
    "an initiative without a title": base_document(initiatives=[{"id": "a"}]),
    "an initiative with a blank id": base_document(initiatives=[{"id": " ", "title": "A"}]),
    "an id over 200 characters": base_document(initiatives=[{"id": "i" * 201, "title": "A"}]),
    "a title over 500 characters": with_initiative(title="t" * 501),
    "a summary over 2000 characters": with_initiative(summary="s" * 2001),
    "status paused": with_initiative(status="paused"),
    "scope planetary": with_initiative(scope="planetary"),
    "an invalid start date": with_initiative(start_date="2024-13"),
    "SDG 18": with_initiative(sdgs=[3, 18]),
    "GDC objective 6": with_initiative(gdc_objectives=[6]),
    "country XX": with_initiative(countries=["KE", "XX"]),
    "country in lower case": with_initiative(countries=["ke"]),
    "region 999": with_initiative(regions=["999"]),
    "WSIS line C12": with_initiative(wsis_action_lines=["C12"]),
    "an unknown priority": with_initiative(priorities=["space"]),
    "a javascript: link": with_initiative(links=[{"url": "javascript:alert(1)"}]),
    "latitude 200": with_initiative(location={"lat": 200, "lon": 0}),
    "a location without a longitude": with_initiative(location={"lat": 1}),
    "milestone progress 101": with_initiative(milestones=[{"title": "M", "progress": 101}]),
    "an unknown partner role": with_initiative(partners=[{"organization": "o", "role": "sponsor"}]),
    "a property that is not text": with_initiative(properties={"stage": 1}),
    "a list over 500 items": with_initiative(countries=["KE"] * 501),
    "an unknown organization type":
        base_document(organizations=[{"id": "o", "name": "O", "type": "ngo"}]),
    "an organization website over ftp":
        base_document(organizations=[{"id": "o", "name": "O", "website": "ftp://o.org/"}]),
}

VALID = {
    "unknown members": with_initiative(colour="blue", extra={"x": [1]}),
    "regions as strings and integers": with_initiative(regions=["002", 419]),
    "a delta with deletions": base_document(complete=False, deleted=["a", "b"]),
    "an empty deleted list in a snapshot": base_document(deleted=[]),
    "a relative next": base_document(next="initiatives?page=2"),
    "an organization with only id and name": base_document(organizations=[{"id": "o", "name": "O"}]),
}


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..")
    feed_dir = os.path.join(root, "data", "feed")
    tap = Tap()

    with open(os.path.join(feed_dir, "schema.json"), encoding="utf-8") as f:
        schema = json.load(f)

    try:
        jsonschema.Draft202012Validator.check_schema(schema)
        tap.check(True, "the schema is a valid draft 2020-12 schema")
    except jsonschema.exceptions.SchemaError as error:
        tap.check(False, "the schema is a valid draft 2020-12 schema", error)
        return tap.finish()

    validator = jsonschema.Draft202012Validator(schema)

    examples_dir = os.path.join(feed_dir, "examples")
    examples = sorted(name for name in os.listdir(examples_dir) if name.endswith(".json"))
    tap.check(len(examples) >= 4, "there are examples", examples)
    for name in examples:
        with open(os.path.join(examples_dir, name), encoding="utf-8") as f:
            document = json.load(f)
        errors = errors_of(validator, document)
        tap.check(not errors, f"example {name} follows the schema", describe(errors))

    blocks = [json.loads(block) for block in
              markdown_json_blocks(os.path.join(feed_dir, "README.md"))]
    documents = [block for block in blocks if isinstance(block, dict) and "format" in block]
    tap.check(len(documents) >= 3, "the specification shows whole documents", len(documents))
    for i, document in enumerate(documents):
        errors = errors_of(validator, document)
        tap.check(not errors, f"document {i + 1} of the specification follows the schema",
                  describe(errors))

    bundled = os.path.join(root, "data", "bundled", "initiatives.json")
    if os.path.exists(bundled):
        with open(bundled, encoding="utf-8") as f:
            document = json.load(f)
        errors = errors_of(validator, document)
        tap.check(not errors,
                  f"the bundled initiatives ({len(document.get('initiatives', []))}) follow "
                  "the schema", describe(errors))

    for name, document in INVALID.items():
        tap.check(not validator.is_valid(document), f"the schema rejects {name}")

    for name, document in VALID.items():
        errors = errors_of(validator, document)
        tap.check(not errors, f"the schema accepts {name}", describe(errors))

    # The schema's vocabularies are the app's.
    vocabulary_dir = os.path.join(root, "data", "vocabulary")

    def vocabulary(name, key="id"):
        with open(os.path.join(vocabulary_dir, name), encoding="utf-8") as f:
            return [entry[key] for entry in json.load(f)]

    definitions = schema["$defs"]
    initiative = definitions["initiative"]["properties"]

    tap.check(sorted(definitions["country"]["enum"]) == sorted(vocabulary("countries.json", "alpha2")),
              "the countries are those of data/vocabulary/countries.json")
    region_codes = sorted(vocabulary("regions.json", "code"))
    region_forms = initiative["regions"]["items"]["anyOf"]
    tap.check(sorted(region_forms[0]["enum"]) == [f"{code:03d}" for code in region_codes] and
              sorted(region_forms[1]["enum"]) == region_codes,
              "the regions are those of data/vocabulary/regions.json")
    tap.check(sorted(initiative["wsis_action_lines"]["items"]["enum"]) ==
              sorted(vocabulary("wsis-action-lines.json")),
              "the WSIS Action Lines are those of data/vocabulary/wsis-action-lines.json")
    tap.check(sorted(initiative["priorities"]["items"]["enum"]) ==
              sorted(vocabulary("priorities.json")),
              "the priorities are those of data/vocabulary/priorities.json")
    tap.check(sorted(definitions["organization"]["properties"]["type"]["enum"]) ==
              sorted(vocabulary("org-types.json")),
              "the organization types are those of data/vocabulary/org-types.json")
    tap.check(initiative["sdgs"]["items"]["maximum"] == len(vocabulary("sdgs.json")),
              "the SDGs are those of data/vocabulary/sdgs.json")
    tap.check(initiative["gdc_objectives"]["items"]["maximum"] ==
              len(vocabulary("gdc-objectives.json")),
              "the GDC objectives are those of data/vocabulary/gdc-objectives.json")

    return tap.finish()


if __name__ == "__main__":
    sys.exit(main())
