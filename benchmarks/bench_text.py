"""Text-path throughput: goalparse's whole parse next to a read-and-split baseline.

The samples are replicated to >= --mb megabytes; every copy is varied the way
another filing would differ (names get other characters, numbers in values
change; headings and labels stay), every other copy is space-aligned instead of
tab-separated and every third is GB18030, so caches cannot make copies free. Both measurements run in
this process, interleaved, and the median of --runs repetitions is reported.

    python benchmarks/bench_text.py [--mb 10] [--runs 5]
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import re
import statistics
import sys
import time
from pathlib import Path

from goalparse import GoalparseError, parse_bytes
from goalparse.decode.tokens import split_line
from goalparse.lexicon.classify import is_placeholder
from goalparse.lexicon.labels import column_of, is_block_label, is_label
from goalparse.lexicon.taxonomy import match_heading
from goalparse.read.text import read_bytes

ROOT = Path(__file__).resolve().parents[1]


# Suffixes that make every copy's names unique without adding digits to them.
_HAN = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥东南西北"
_LAST_NUMBER = re.compile(r"\d+(?!.*\d)")


def _vary_cell(cell: str, copy: int) -> str:
    """Change a name or value the way another filing would; leave headings and labels alone."""
    text = cell.strip()
    if len(text) < 4 or is_placeholder(text) or match_heading(text) is not None or is_label(text) \
            or column_of(text) or is_block_label(text):
        return cell
    if any(ch.isdigit() for ch in text):
        return _LAST_NUMBER.sub(lambda m: str(int(m.group()) + copy), cell, count=1)
    return cell + _HAN[copy % len(_HAN)] + _HAN[(copy // len(_HAN)) % len(_HAN)]


def _vary(text: str, copy: int) -> bytes:
    lines = []
    for line in text.split("\n"):
        cells = [_vary_cell(c, copy) for c in line.split("\t")]
        lines.append(("  " if copy % 2 else "\t").join(cells) if len(cells) > 1 else line)
    varied = "\n".join(lines)
    return varied.encode("gb18030") if copy % 3 == 0 else varied.encode("utf-8")


def corpus(megabytes: float, plain: bool = False) -> list[tuple[str, bytes]]:
    texts = [(p.name, p.read_text(encoding="utf-8")) for p in sorted((ROOT / "samples").glob("*.txt"))]
    docs: list[tuple[str, bytes]] = []
    size, copy = 0, 0
    while size < megabytes * 1_000_000:
        for name, text in texts:
            data = text.encode("utf-8") if plain else _vary(text, copy)
            docs.append((f"{copy}-{name}", data))
            size += len(data)
        copy += 1
    return docs


def _clear_caches() -> None:
    """Empty every per-text cache of the package, so each run starts cold."""
    import importlib
    import pkgutil

    import goalparse

    # Reference data loaded once per process stays; per-text caches go.
    keep = {"grammar", "tree", "load", "_tables", "_merged", "_t2s", "_inference", "_rules"}
    for info in pkgutil.walk_packages(goalparse.__path__, "goalparse."):
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            own = getattr(value, "__module__", "") == module.__name__
            if own and callable(getattr(value, "cache_clear", None)) and value.__name__ not in keep:
                value.cache_clear()
        if callable(getattr(module, "clear_caches", None)):
            module.clear_caches()


def baseline(docs: list[tuple[str, bytes]]) -> int:
    """Read and split every line into raw cells: the least any parser of these dumps must do."""
    cells = 0
    for name, data in docs:
        for line in read_bytes(data, name).text.split("\n"):
            cells += len(split_line(line)[0])
    return cells


def full(docs: list[tuple[str, bytes]]) -> int:
    indicators = 0
    for name, data in docs:
        try:
            doc = parse_bytes(data, name)
        except GoalparseError:
            continue
        indicators += sum(len(t.indicators) for t in doc.tables)
    return indicators


def timed(fn, docs) -> float:  # type: ignore[no-untyped-def]
    _clear_caches()
    gc.collect()
    start = time.perf_counter()
    fn(docs)
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=10.0)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--plain", action="store_true", help="identical copies (no variation): the caches' best case")
    args = ap.parse_args()
    docs = corpus(args.mb, args.plain)
    mb = sum(len(d) for _, d in docs) / 1_000_000
    print(f"machine: {platform.machine()} {os.cpu_count()} cores, Python {platform.python_version()}, one process")
    kind = "identical copies" if args.plain else "with variations"
    print(f"corpus: {len(docs)} documents, {mb:.1f} MB (samples replicated, {kind})")
    print(f"indicators per pass: {full(docs)}")
    base_times, full_times = [], []
    for _ in range(args.runs):
        base_times.append(timed(baseline, docs))
        full_times.append(timed(full, docs))
    b, f = statistics.median(base_times), statistics.median(full_times)
    print(f"baseline read+split : median {b:.2f} s  {mb / b:7.2f} MB/s  {len(docs) / b:8.1f} docs/s"
          f"   (runs {min(base_times):.2f}-{max(base_times):.2f} s)")
    print(f"goalparse full parse: median {f:.2f} s  {mb / f:7.2f} MB/s  {len(docs) / f:8.1f} docs/s"
          f"   (runs {min(full_times):.2f}-{max(full_times):.2f} s)")
    print(f"full parse / baseline time: {f / b:.1f}x   (runs: {args.runs}; target >= 2 MB/s)")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
