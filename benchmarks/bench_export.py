"""Export figures: rows/s to Parquet and CSV next to a bare read of the same rows, and peak memory at two sizes.

A SQLite batch database is filled with copies of the samples' rows (each copy a new
content hash, so keys stay unique); then, in the same run, the bare read streams every
relation through the database cursor (no typing, no writing) and each format is
exported. Peak memory is measured in a fresh process per export, on the full database
and on one a third of its size (past the first full row group): a streamed export stays flat.

    python benchmarks/bench_export.py [--copies 1000] [--runs 3] [--batch-rows 10000]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from goalparse import parse_file
from goalparse.sinks.columnar import BATCH_ROWS, export
from goalparse.sinks.database import RELATIONS, Database
from goalparse.sinks.rows import DocumentRows, document_rows

ROOT = Path(__file__).resolve().parents[1]
# The peak is VmHWM, the high-water mark of this process's own memory: ru_maxrss would keep the
# parent's (the benchmark's) peak across fork and exec.
PEAK = """
import re, sys
from pathlib import Path
from goalparse.sinks.columnar import export
if sys.argv[3] != "none":  # "none": the interpreter and imports alone, the baseline
    export(sys.argv[1], Path(sys.argv[2]), sys.argv[3])
print(int(re.search(r"VmHWM:\\s+(\\d+) kB", open("/proc/self/status").read()).group(1)) // 1024)
"""


def sample_rows() -> list[DocumentRows]:
    """Every sample's rows, parsed once for all the databases the benchmark fills."""
    return [document_rows(parse_file(str(p)), "", str(p), p.stat().st_size, 0.01, "2026-11-30T00:00:00+00:00")
            for p in sorted((ROOT / "samples").glob("*.txt"))]


def fill(url: str, copies: int, docs: list[DocumentRows]) -> int:
    """Write ``copies`` of every sample's rows; return the number of rows in all relations."""
    db = Database(url)
    db.create_schema()
    rows = 0
    for n in range(copies):
        for d in docs:
            sha = hashlib.sha256(f"{n}:{d.document[1]}".encode()).hexdigest()
            db.write(DocumentRows((sha, *d.document[1:]), *([(sha, *r[1:]) for r in part]
                                                            for part in (d.tables, d.indicators, d.warnings))))
            rows += 1 + len(d.tables) + len(d.indicators) + len(d.warnings)
    db.close()
    return rows


def bare_read(url: str) -> float:
    db = Database(url, create=False)
    start = time.perf_counter()
    with db.snapshot():
        for name in RELATIONS:
            for _ in db.stream(name, BATCH_ROWS):
                pass
    db.close()
    return time.perf_counter() - start


def peak_mb(url: str, folder: Path, fmt: str) -> int:
    out = subprocess.run([sys.executable, "-c", PEAK, url, str(folder), fmt], capture_output=True, text=True,
                         check=True)
    return int(out.stdout.strip())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--copies", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--batch-rows", type=int, default=BATCH_ROWS, help="rows fetched per step")
    args = ap.parse_args()
    print(f"machine: {platform.machine()} {os.cpu_count()} cores, Python {platform.python_version()}; SQLite source")
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        url, small = str(base / "big.db"), str(base / "small.db")
        docs = sample_rows()
        rows = fill(url, args.copies, docs)
        small_rows = fill(small, max(1, args.copies // 3), docs)
        print(f"database: {args.copies * 4} documents, {rows} rows in 4 relations, "
              f"{Path(url).stat().st_size / 1e6:.0f} MB")
        bare = statistics.median(bare_read(url) for _ in range(args.runs))
        print(f"bare read (cursor only):  {rows / bare:9.0f} rows/s  (median of {args.runs}); "
              f"a process that only imports goalparse peaks at {peak_mb(url, base, 'none')} MB")
        for fmt in ("parquet", "csv"):
            times = []
            for run in range(args.runs):
                done = export(url, base / f"{fmt}{run}", fmt, args.batch_rows)  # type: ignore[arg-type]
                times.append(done.seconds)
            took = statistics.median(times)
            size = sum(f.stat().st_size for f in (base / f"{fmt}0").iterdir()) / 1e6
            print(f"export {fmt:7}:          {rows / took:9.0f} rows/s, {took / bare:4.1f}x the bare read; "
                  f"{size:.1f} MB written; peak memory {peak_mb(small, base / 'p-small', fmt)} MB at "
                  f"{small_rows} rows, {peak_mb(url, base / 'p-big', fmt)} MB at {rows}")


if __name__ == "__main__":
    main()
