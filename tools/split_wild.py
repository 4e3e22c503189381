#!/usr/bin/env python3
"""Split the wild corpus into dev (two thirds) and test (one third), stratified by province.

    python3 tools/split_wild.py samples/wild          # writes samples/wild/split.json

The first run splits every document; the split then stays fixed (a test checks that every document
is in exactly one split). Provinces are shuffled with a fixed seed, each province's documents are
shuffled too, and the concatenated list is dealt dev, dev, test, dev, dev, test ..., so every
province's documents are spread over both splits as far as their number allows.

Documents added later (gold files not yet in split.json) are dealt the same way among themselves,
the deal going on from where it stopped (the 53rd document is dealt as the 53rd card), and every
document already split keeps its split: rules designed on dev documents stay designed on dev
documents. Each such batch is recorded in split.json. Standard library only.
"""
import json
import random
import sys
from collections import defaultdict
from pathlib import Path

SEED = 20261130


def _dealt(stems: list[str], folder: Path, seed: int, first: int) -> dict[str, str]:
    """The documents shuffled by province, dealt dev, dev, test from card number ``first`` on."""
    by_province: dict[str, list[str]] = defaultdict(list)
    for stem in stems:
        provenance = json.loads((folder / f"{stem}.source.json").read_text(encoding="utf-8"))
        by_province[provenance["province"]].append(stem)
    rnd = random.Random(seed)
    provinces = sorted(by_province)
    rnd.shuffle(provinces)
    order: list[str] = []
    for province in provinces:
        group = sorted(by_province[province])
        rnd.shuffle(group)
        order += group
    return {stem: ("test" if n % 3 == 2 else "dev") for n, stem in enumerate(order, start=first)}


def main() -> None:
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "samples/wild")
    path = folder / "split.json"
    stems = sorted(g.name[: -len(".gold.json")] for g in folder.glob("*.gold.json"))
    split = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {
        "_about": "Fixed split of the wild corpus (tools/split_wild.py, seed below): design rules on dev "
                  "documents only; test documents are only scored.",
        "seed": SEED,
        "method": "provinces shuffled, documents shuffled within each province, dealt dev, dev, test in turn",
        "documents": {},
    }
    documents: dict[str, str] = split["documents"]
    new = [s for s in stems if s not in documents]
    if not new:
        print(f"{len(documents)} documents, none new: split.json unchanged")
        return
    batches = split.setdefault("added", [])
    first = len(documents)
    # (The first batch is the whole corpus, dealt with the seed itself; later ones with seed + batch number.)
    dealt = _dealt(new, folder, SEED + len(batches) + 1 if documents else SEED, first)
    if documents:
        batches.append({"documents": sorted(dealt), "dealt_from_card": first + 1})
    documents.update(dealt)
    split["documents"] = dict(sorted(documents.items()))
    path.write_text(json.dumps(split, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    counts = {s: sum(1 for v in documents.values() if v == s) for s in ("dev", "test")}
    print(f"{len(documents)} documents ({len(dealt)} new: "
          f"{ {s: sum(1 for v in dealt.values() if v == s) for s in ('dev', 'test')} }): {counts}")


if __name__ == "__main__":
    main()
