"""PDF-path cost: goalparse's whole parse next to pdfplumber's bare extract_tables().

PDFs are generated from the samples' gold records (tests/pdf_fixtures.py: ruled,
unruled, page-breaking, and unruled with centred spanning headings, whole and cut by
page breaks). Both measurements open the same files and
run interleaved in this process; the median of --runs repetitions is reported.

    python benchmarks/bench_pdf.py [--copies 3] [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pdfplumber

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from goalparse import parse_file  # noqa: E402
from goalparse.pipeline import file_tokens  # noqa: E402
from pdf_fixtures import LAYOUTS, render_pdf  # noqa: E402

BENCH_LAYOUTS = ("ruled", "unruled", "page-break-repeated-header", "centred", "centred-cut-empty")


def build(folder: Path, copies: int) -> list[Path]:
    paths = []
    for gold in sorted((ROOT / "samples").glob("*.gold.json")):
        data = json.loads(gold.read_text(encoding="utf-8"))
        for name, options in ((n, LAYOUTS[n]) for n in BENCH_LAYOUTS):
            for copy in range(copies):
                paths.append(render_pdf(data, path=folder / f"{gold.name[:3]}-{name}-{copy}.pdf", **options))
    return paths


def bare(paths: list[Path]) -> int:
    pages = 0
    for p in paths:
        with pdfplumber.open(p) as pdf:
            for page in pdf.pages:
                page.extract_tables()
                pages += 1
    return pages


def full(paths: list[Path]) -> int:
    return sum(len(parse_file(p, bounded=False).tables) for p in paths)


def rows_only(paths: list[Path]) -> int:
    return sum(len(file_tokens(p)[0]) for p in paths)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--copies", type=int, default=3)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        paths = build(Path(tmp), args.copies)
        pages = bare(paths)
        print(f"machine: {platform.machine()} {os.cpu_count()} cores, Python {platform.python_version()}, one process")
        print(f"corpus: {len(paths)} generated PDFs, {pages} pages ({', '.join(BENCH_LAYOUTS)})")
        times: dict[str, list[float]] = {"bare": [], "rows": [], "full": []}
        for _ in range(args.runs):
            for name, fn in (("bare", bare), ("rows", rows_only), ("full", full)):
                start = time.perf_counter()
                fn(paths)
                times[name].append(time.perf_counter() - start)
        med = {k: statistics.median(v) for k, v in times.items()}
        print(f"pdfplumber extract_tables(): median {med['bare']:.2f} s  {pages / med['bare']:6.1f} pages/s")
        print(f"goalparse rows from PDF    : median {med['rows']:.2f} s  {pages / med['rows']:6.1f} pages/s")
        print(f"goalparse whole parse      : median {med['full']:.2f} s  {pages / med['full']:6.1f} pages/s")
        print(f"whole parse / bare extraction: {med['full'] / med['bare']:.2f}x  (runs: {args.runs}; target <= 1.3x)")


if __name__ == "__main__":
    main()
