"""Batch conversion: many files -> a database, resumable, in parallel, locally or on Dask.

The parent lists the inputs, reads each file once, hashes it and skips content
already converted by this parser version; workers parse (bytes in, rows out) and
never raise; the parent alone writes, one transaction per document. At most a
small window of files is in flight, so the parent's memory stays flat however
many files there are.
"""

from __future__ import annotations

import concurrent.futures as cf
import glob
import hashlib
import multiprocessing as mp
import os
import resource
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal, TextIO

from . import __version__
from .emit import to_jsonl_line
from .errors import BoundError, GoalparseError, MissingExtraError
from .pipeline import parse_bytes
from .read.grid import in_child, sniff
from .read.guard import exit_with_parent, run_timed
from .read.pdf import PdfLimits
from .sinks.columnar import Exported, export, require
from .sinks.database import Database
from .sinks.files import atomic_path
from .sinks.rows import DocumentRows, document_rows, error_rows

# (.doc, .wps and .et are picked up to be reported with how to convert them.)
SUFFIXES = (".txt", ".md", ".csv", ".pdf", ".xlsx", ".xlsm", ".xls", ".ods", ".docx", ".html", ".htm",
            ".doc", ".wps", ".et")
# Files in flight per worker: enough to keep workers busy, few enough to bound memory.
WINDOW_PER_WORKER = 4
LOG_EVERY_S = 10.0

Engine = Literal["local", "dask"]
# Errors that may not happen again (time or memory bound, a worker that died): tried again on the next run.
RETRIED_CODES = frozenset({BoundError.code})


def expand_inputs(inputs: Iterable[str]) -> tuple[list[str], list[str]]:
    """Files, folders (recursive) and globs -> (sorted unique files, inputs that matched nothing)."""
    found: set[str] = set()
    missing = []
    for item in inputs:
        p = Path(item)
        if p.is_dir():
            found.update(str(f) for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES)
        elif p.is_file():
            found.add(str(p))
        elif any(ch in item for ch in "*?["):
            matches = [m for m in glob.glob(item, recursive=True) if Path(m).is_file()]
            found.update(matches)
            if not matches:
                missing.append(item)
        else:
            missing.append(item)
    return sorted(found), missing


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def convert(path: str, data: bytes, sha256: str, limits: PdfLimits,
            want_json: bool) -> tuple[DocumentRows, bytes | None]:
    """Parse one file's bytes into rows (and JSON); a failure becomes an error row, never an exception.

    A PDF or Office file is parsed in a child process under its time and memory bounds,
    a text dump or web page here under ``limits.text_timeout_s``.
    """
    start = time.perf_counter()
    try:
        if in_child(data):
            doc = parse_bytes(data, path, limits)
        else:
            doc = run_timed(parse_bytes, (data, path, limits), path, limits.text_timeout_s)
        rows = document_rows(doc, sha256, path, len(data), time.perf_counter() - start, _now())
        return rows, (to_jsonl_line(doc) if want_json else None)
    except GoalparseError as exc:
        return error_rows(sha256, path, len(data), exc.code, exc.problem, __version__,
                          time.perf_counter() - start, _now()), None
    except Exception as exc:  # one bad file must not stop the batch
        message = f"internal error ({type(exc).__name__}: {exc})"
        return error_rows(sha256, path, len(data), "GP000", message, __version__,
                          time.perf_counter() - start, _now()), None


@dataclass
class Summary:
    """What a batch did; ``failed`` counts error rows and inputs that matched nothing."""

    total: int = 0
    converted: int = 0
    skipped: int = 0
    failed: int = 0
    tables: int = 0
    indicators: int = 0
    seconds: float = 0.0
    peak_rss_mb: float = 0.0
    errors: list[str] = field(default_factory=list)
    exported: Exported | None = None
    export_failed: bool = False
    # Files parsed this run by format (pdf, xlsx, text ...): [converted, failed].
    formats: dict[str, list[int]] = field(default_factory=dict)

    def count(self, kind: str, ok: bool) -> None:
        self.formats.setdefault(kind, [0, 0])[0 if ok else 1] += 1

    def by_format(self) -> str:
        """``pdf 3 (1 failed), xlsx 2``: files parsed this run per format."""
        return ", ".join(f"{kind} {ok + bad}" + (f" ({bad} failed)" if bad else "")
                         for kind, (ok, bad) in sorted(self.formats.items()))

    def line(self) -> str:
        rate = (self.converted + self.failed) / self.seconds if self.seconds else 0.0
        kinds = f"; by format: {self.by_format()}" if self.formats else ""
        return (f"{self.total} files: {self.converted} converted, {self.skipped} skipped, {self.failed} failed; "
                f"{self.tables} tables, {self.indicators} indicators; {self.seconds:.1f} s ({rate:.1f} files/s); "
                f"parent peak memory {self.peak_rss_mb:.0f} MB{kinds}")


class Progress:
    """A progress bar on a terminal; plain periodic log lines otherwise."""

    def __init__(self, total: int, stream: TextIO, enabled: bool = True) -> None:
        self.total, self.stream, self.done = total, stream, 0
        self.start = self.last = time.monotonic()
        self.bar: Any = None
        self.enabled = enabled
        if enabled and stream.isatty():
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="file", file=stream, dynamic_ncols=True)

    def step(self, summary: Summary) -> None:
        self.done += 1
        if self.bar is not None:
            self.bar.set_postfix(ok=summary.converted, skip=summary.skipped, fail=summary.failed, refresh=False)
            self.bar.update(1)
            return
        now = time.monotonic()
        if self.enabled and (now - self.last >= LOG_EVERY_S or self.done == self.total):
            self.last = now
            rate = self.done / max(now - self.start, 1e-9)
            eta = (self.total - self.done) / rate if rate else 0.0
            print(f"batch: {self.done}/{self.total} files, {rate:.1f} files/s, ETA {eta:.0f} s "
                  f"({summary.converted} converted, {summary.skipped} skipped, {summary.failed} failed)",
                  file=self.stream, flush=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


Job = tuple[str, bytes, str]


def format_of(data: bytes, path: str) -> str:
    """The format a file is parsed as, for the summary (its name's suffix when its content is refused)."""
    try:
        return sniff(data, path)
    except GoalparseError:
        return Path(path).suffix.lstrip(".").lower() or "unknown"


def _jobs(paths: list[str], db: Database, summary: Summary, progress: Progress,
          retry_errors: bool = False, kinds: dict[str, str] | None = None) -> Iterator[Job]:
    """Read and hash each file; yield the ones this parser version has not converted.

    A file whose last try hit a time or memory bound is tried again (those may not recur);
    with ``retry_errors`` every file with an error row is.
    """
    for path in paths:
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            summary.failed += 1
            summary.errors.append(f"{path}: cannot read ({exc.strerror})")
            progress.step(summary)
            continue
        sha = hashlib.sha256(data).hexdigest()
        state = db.state(sha)
        if state is not None and state[0] == __version__ and (
                state[1] == "ok" or not (retry_errors or state[2] in RETRIED_CODES)):
            summary.skipped += 1
            progress.step(summary)
            continue
        if kinds is not None:
            kinds[path] = format_of(data, path)
        yield path, data, sha


def _local(jobs: Iterator[Job], workers: int, limits: PdfLimits, want_json: bool,
           on_result: Callable[[tuple[DocumentRows, bytes | None]], None]) -> None:
    window = max(1, workers * WINDOW_PER_WORKER)
    with cf.ProcessPoolExecutor(max_workers=workers, mp_context=mp.get_context("fork"),
                                initializer=exit_with_parent, initargs=(os.getpid(),)) as pool:
        pending: dict[cf.Future[Any], Job] = {}
        for job in jobs:
            pending[pool.submit(convert, *job, limits, want_json)] = job
            while len(pending) >= window:
                _drain(pending, cf.FIRST_COMPLETED, limits, want_json, on_result)
        while pending:
            _drain(pending, cf.ALL_COMPLETED, limits, want_json, on_result)


def _drain(pending: dict[cf.Future[Any], Job], when: str, limits: PdfLimits, want_json: bool,
           on_result: Callable[[tuple[DocumentRows, bytes | None]], None]) -> None:
    done, _ = cf.wait(pending, return_when=when)
    for future in done:
        job = pending.pop(future)
        try:
            result = future.result()
        except Exception as exc:  # a worker that died takes only its file
            path, data, sha = job
            result = (error_rows(sha, path, len(data), BoundError.code, f"worker died ({type(exc).__name__})",
                                 __version__, 0.0, _now()), None)
        on_result(result)


def _dask(jobs: Iterator[Job], workers: int, scheduler: str | None, limits: PdfLimits, want_json: bool,
          on_result: Callable[[tuple[DocumentRows, bytes | None]], None]) -> None:
    try:
        from dask.distributed import Client, LocalCluster, as_completed
    except ImportError:
        raise MissingExtraError("the dask engine", "dask") from None

    cluster = None if scheduler else LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                                  dashboard_address=None)
    client = Client(scheduler or cluster)
    try:
        window = max(1, workers * WINDOW_PER_WORKER)
        running = as_completed()
        in_flight = 0
        for job in jobs:
            running.add(client.submit(convert, *job, limits, want_json, pure=False))
            in_flight += 1
            while in_flight >= window:
                on_result(next(running).result())
                in_flight -= 1
        for future in running:
            on_result(future.result())
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def run_batch(inputs: Iterable[str], db_url: str, workers: int | None = None, engine: Engine = "local",
              scheduler: str | None = None, jsonl: Path | None = None, limits: PdfLimits | None = None,
              stream: TextIO = sys.stderr, progress: bool = True, retry_errors: bool = False,
              parquet: Path | None = None) -> Summary:
    """Convert every input into the database, then export it to Parquet files in ``parquet`` if given.

    A missing Parquet extra is an error before any file is converted.
    """
    started = time.perf_counter()
    if parquet is not None:
        require("parquet")
    limits = limits or PdfLimits()
    workers = workers or os.cpu_count() or 1
    summary = Summary()
    paths, missing = expand_inputs(inputs)
    for item in missing:
        summary.errors.append(f"{item}: no such file or no match")
    summary.failed += len(missing)
    summary.total = len(paths) + len(missing)
    db = Database(db_url)
    db.create_schema()
    meter = Progress(len(paths), stream, progress)
    outputs = ExitStack()
    # The JSON lines file is written beside its target and renamed over it when the batch is done (sinks/files).
    json_out = outputs.enter_context(outputs.enter_context(atomic_path(jsonl)).open("wb")) if jsonl else None
    kinds: dict[str, str] = {}

    def on_result(result: tuple[DocumentRows, bytes | None]) -> None:
        rows, payload = result
        db.write(rows)
        doc = rows.document
        summary.count(kinds.pop(doc[1], "other"), doc[4] == "ok")
        if doc[4] == "ok":
            summary.converted += 1
            summary.tables += len(rows.tables)
            summary.indicators += len(rows.indicators)
        else:
            summary.failed += 1
            summary.errors.append(f"{doc[1]}: {doc[5]}")
        if json_out is not None and payload:
            json_out.write(payload)
        meter.step(summary)

    try:
        with outputs:
            jobs = _jobs(paths, db, summary, meter, retry_errors, kinds)
            if engine == "dask":
                _dask(jobs, workers, scheduler, limits, json_out is not None, on_result)
            else:
                _local(jobs, workers, limits, json_out is not None, on_result)
    finally:
        meter.close()
        db.close()
    if parquet is not None:
        try:
            summary.exported = export(db_url, parquet, "parquet")
        except GoalparseError as exc:  # the database holds the batch; say why its export is missing
            summary.export_failed = True
            summary.errors.append(f"parquet export: {exc}")
    summary.seconds = time.perf_counter() - started
    summary.peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return summary
