#!/usr/bin/python3
# check-potfiles.py
#
# Copyright 2026 The Cooperation Atlas authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Checks po/POTFILES.in against the sources: every file that marks a string
# for translation is listed (xgettext reads only the files listed there, so a
# file left out stays in English in every language), and every file listed
# is there and still marks one.  Writes TAP.
#
# Usage: check-potfiles.py TOP_SOURCE_DIR

import os
import re
import sys

# _("…"), N_("…"), C_("…", "…"), NC_("…", "…") and g_dngettext (DOMAIN,
# "…", …), with or without a space before the parenthesis: the marks
# xgettext extracts (po/meson.build).  A lookup of a string known only at
# run time (g_dgettext (ISO_3166_DOMAIN, name)) is not one.
C_MARK = re.compile(r'(?<![A-Za-z0-9_])(?:(?:_|N_|C_|NC_)\s*\(\s*"|'
                    r'g_dngettext\s*\(\s*[A-Za-z_]+\s*,\s*")')
UI_MARK = re.compile(r'translatable="yes"')


def marks_strings(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if path.endswith(".c") or path.endswith(".h"):
        return C_MARK.search(text) is not None
    if path.endswith(".ui"):
        return UI_MARK.search(text) is not None
    # Desktop entries, schemas and AppStream data are translated as wholes
    # (through xgettext's rules for them), and the vocabularies' names
    # through their generated .pot.
    return True


def sources(top):
    found = []
    for folder in ("src",):
        for root, _dirs, files in os.walk(os.path.join(top, folder)):
            for name in files:
                if name.endswith((".c", ".h", ".ui")):
                    found.append(os.path.relpath(os.path.join(root, name), top))
    data = os.path.join(top, "data")
    for name in os.listdir(data):
        if name.endswith((".desktop.in", ".gschema.xml.in", ".metainfo.xml.in")):
            found.append(os.path.join("data", name))
    found.append(os.path.join("data", "vocabulary", "vocabulary.pot"))
    return sorted(found)


def main():
    top = sys.argv[1]
    with open(os.path.join(top, "po", "POTFILES.in"), encoding="utf-8") as f:
        listed = [line.strip() for line in f
                  if line.strip() and not line.startswith("#")]

    checks = []
    for path in sources(top):
        if marks_strings(os.path.join(top, path)):
            checks.append((path in listed,
                           "%s marks strings and is in po/POTFILES.in" % path))
    for path in listed:
        full = os.path.join(top, path)
        exists = os.path.isfile(full)
        checks.append((exists and marks_strings(full),
                       "%s, listed in po/POTFILES.in, is there and marks strings" % path))
    checks.append((listed == sorted(listed), "po/POTFILES.in is in order"))

    print("1..%d" % len(checks))
    failed = 0
    for i, (ok, what) in enumerate(checks, 1):
        print("%s %d - %s" % ("ok" if ok else "not ok", i, what))
        failed += 0 if ok else 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
