#!/usr/bin/env python3
"""Record today's wild-corpus figures as the floor tests/test_wild.py holds the parser to.

    .venv/bin/python tools/wild_floor.py            # rewrites tests/wild_floor.json

Run it only after a change that raised figures (the tests fail on any drop, and a strict xfail
that starts passing asks for this), or after documents were added to the corpus. It refuses to
lower a figure that the file already holds; a split's totals are measured afresh only when the
split holds other documents than the ones they were measured on (the corpus grew).
"""
import json
import sys
from pathlib import Path

import orjson

from goalparse import GoalparseError, parse_file
from goalparse.emit import to_dict
from goalparse.evaluate import Score, gold_documents, score_document

ROOT = Path(__file__).resolve().parents[1]
FLOOR = ROOT / "tests" / "wild_floor.json"
KEYS = ("strict_f1", "fields_acc")


def main() -> None:
    documents = gold_documents(ROOT / "samples" / "wild")
    old = json.loads(FLOOR.read_text(encoding="utf-8")) if FLOOR.exists() else {"documents": {}, "totals": {}}
    per_doc, totals = {}, {"dev": Score(), "test": Score(), "all": Score()}
    for document in documents:
        try:
            out = to_dict(parse_file(document.source))
        except GoalparseError:
            out = {"tables": []}
        score = score_document(orjson.loads(document.gold.read_bytes()), out)
        per_doc[document.stem] = {k: score.summary()[k] for k in KEYS}
        for split in ("all", document.split):
            totals[split] += score
    new = {"_about": __doc__.strip().splitlines()[0],
           "documents": per_doc,
           "totals": {s: {k: t.summary()[k] for k in KEYS} for s, t in totals.items()}}
    # The documents each split's totals were measured on: totals of a grown split start afresh.
    new["totals_over"] = {s: sorted(d.stem for d in documents if s in ("all", d.split)) for s in totals}
    old_over = old.get("totals_over", {})
    grown = {s for s in totals if s in old_over and old_over[s] != new["totals_over"][s]}
    drops = [(name, k, was[k], new_group[name][k])
             for group in ("documents", "totals") for new_group in [new[group]]
             for name, was in old.get(group, {}).items() if name in new_group
             and not (group == "totals" and name in grown)
             for k in KEYS if new_group[name][k] < was[k]]
    if drops:
        sys.exit("refused: figures below the recorded floor: " + "; ".join(map(str, drops)))
    FLOOR.write_text(json.dumps(new, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    for split, t in totals.items():
        print(split, {k: t.summary()[k] for k in KEYS}, "(measured afresh: the split grew)" if split in grown else "")



if __name__ == "__main__":
    main()
