#!/usr/bin/env python3
"""Reads a povatlas report table written as JSON (--format json) and prints
it as CSV: the column names, then each row's values in column order (null
as an empty cell), then the notes on a last line prefixed '#notes:'. The
report tests compare this with the CSV and XLSX forms of the same table.
Exits 1 when the JSON does not have the documented shape or a number is
not a JSON number."""
import csv
import json
import sys

with open(sys.argv[1], encoding="utf-8") as f:
    doc = json.load(f)
names = [c["name"] for c in doc["columns"]]
types = {c["name"]: c["type"] for c in doc["columns"]}
out = csv.writer(sys.stdout, lineterminator="\n")
out.writerow(names)
for row in doc["rows"]:
    if list(row.keys()) != names:
        sys.exit("row keys differ from the columns")
    cells = []
    for n in names:
        v = row[n]
        if v is None:
            cells.append("")
        elif types[n] == "text":
            if not isinstance(v, str):
                sys.exit("text column %s holds %r" % (n, v))
            cells.append(v)
        else:
            if isinstance(v, bool) or not isinstance(v, (int, float)):
                sys.exit("numeric column %s holds %r" % (n, v))
            cells.append(repr(v))
    out.writerow(cells)
print("#notes:" + "; ".join(doc["notes"]))
