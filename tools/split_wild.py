#!/usr/bin/env python3
"""Split the wild corpus once into dev (two thirds) and test (one third), stratified by province.

    python3 tools/split_wild.py samples/wild          # writes samples/wild/split.json

Run it once, when the corpus is gathered; the split then stays fixed (a test checks that every
document is in exactly one split). Provinces are shuffled with a fixed seed, each province's
documents are shuffled too, and the concatenated list is dealt dev, dev, test, dev, dev, test ...,
so every province's documents are spread over both splits as far as their number allows.
Standard library only.
"""
import json
import random
import sys
from collections import defaultdict
from pathlib import Path

SEED = 20261130


def main() -> None:
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "samples/wild")
    by_province: dict[str, list[str]] = defaultdict(list)
    for gold in sorted(folder.glob("*.gold.json")):
        stem = gold.name[: -len(".gold.json")]
        provenance = json.loads((folder / f"{stem}.source.json").read_text(encoding="utf-8"))
        by_province[provenance["province"]].append(stem)
    rnd = random.Random(SEED)
    provinces = sorted(by_province)
    rnd.shuffle(provinces)
    order: list[str] = []
    for province in provinces:
        stems = sorted(by_province[province])
        rnd.shuffle(stems)
        order += stems
    documents = {stem: ("test" if n % 3 == 2 else "dev") for n, stem in enumerate(order)}
    split = {
        "_about": "Fixed split of the wild corpus (tools/split_wild.py, seed below): design rules on dev "
                  "documents only; test documents are only scored.",
        "seed": SEED,
        "method": "provinces shuffled, documents shuffled within each province, dealt dev, dev, test in turn",
        "documents": dict(sorted(documents.items())),
    }
    (folder / "split.json").write_text(json.dumps(split, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    counts = {s: sum(1 for v in documents.values() if v == s) for s in ("dev", "test")}
    print(f"{len(documents)} documents: {counts}")


if __name__ == "__main__":
    main()
