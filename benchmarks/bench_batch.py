"""Batch figures: documents/s with 1 and 2 workers, and the parent's peak memory at 1,000 vs 5,000 documents.

The samples are replicated with variations (benchmarks/bench_text.py) into a
folder of files; each run is a fresh `goalparse batch` process into a new SQLite
file, and its own summary line gives files/s and the parent's peak RSS (workers
are separate processes and not counted there).

    python benchmarks/bench_batch.py [--docs 5000] [--small 1000]
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_text import _vary

ROOT = Path(__file__).resolve().parents[1]
SUMMARY = re.compile(r"(\d+) converted.*\(([\d.]+) files/s\); parent peak memory (\d+) MB")


def write_corpus(folder: Path, docs: int) -> int:
    texts = [(p.name, p.read_text(encoding="utf-8")) for p in sorted((ROOT / "samples").glob("*.txt"))]
    size = 0
    for n in range(docs):
        name, text = texts[n % len(texts)]
        data = _vary(text, n // len(texts) + 1)
        (folder / f"{n:05d}-{name}").write_bytes(data)
        size += len(data)
    return size


def run(folder: Path, db: Path, workers: int) -> tuple[int, float, int]:
    cmd = [sys.executable, "-m", "goalparse.cli", "batch", str(folder), "--db", str(db), "--workers", str(workers)]
    out = subprocess.run(cmd, capture_output=True, text=True, check=False)
    m = SUMMARY.search(out.stderr)
    if not m:
        raise SystemExit(f"no summary from goalparse batch:\n{out.stderr[-2000:]}")
    return int(m.group(1)), float(m.group(2)), int(m.group(3))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=5000)
    ap.add_argument("--small", type=int, default=1000)
    args = ap.parse_args()
    print(f"machine: {platform.machine()} {os.cpu_count()} cores, Python {platform.python_version()}; SQLite target")
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        big, small = base / "big", base / "small"
        big.mkdir()
        small.mkdir()
        mb = write_corpus(big, args.docs) / 1e6
        write_corpus(small, args.small)
        print(f"corpus: {args.docs} documents, {mb:.1f} MB (samples replicated with variations)")
        for label, folder, workers in ((f"{args.small} docs, 2 workers", small, 2),
                                       (f"{args.docs} docs, 1 worker ", big, 1),
                                       (f"{args.docs} docs, 2 workers", big, 2)):
            converted, rate, peak = run(folder, base / f"{label[:4].strip()}-{workers}.db", workers)
            print(f"{label}: {converted} converted, {rate:7.1f} docs/s, parent peak memory {peak} MB")


if __name__ == "__main__":
    main()
