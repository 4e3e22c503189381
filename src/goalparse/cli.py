"""Command line: a thin shell over the library.

Every failure is one line ``Error: FILE: problem`` on stderr and a non-zero
exit code; one bad file never stops the others, and outputs are written
atomically (temporary file, then rename), so nothing is ever half-written.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path
from typing import Any

import click
import orjson

from . import __version__
from .emit import to_dict, to_json, to_jsonl_line
from .errors import GoalparseError
from .evaluate import Score, format_summary, gold_documents, score_document
from .intermediate import Token
from .pipeline import file_tokens, mended, parse_bytes, parse_tokens, trace_tokens
from .read.pdf import OcrMode, PdfLimits
from .read.text import read_file_bytes
from .records import Document
from .sinks.columnar import FORMATS
from .sinks.columnar import export as export_db
from .sinks.files import write_atomic

EXIT_FAILED = 1


def _error(message: str) -> None:
    click.echo(f"Error: {message}", err=True)


class _PageBar:
    """A progress bar on stderr for the pages of one file read by OCR, shown from the first such page."""

    def __init__(self, name: str, quiet: bool) -> None:
        self.name, self.quiet = name, quiet
        self.bar: Any = None

    def __call__(self, page: int, pages: int) -> None:
        if self.quiet:
            return
        if self.bar is None:
            from tqdm import tqdm

            self.bar = tqdm(total=pages, desc=f"OCR {self.name}", unit="page", file=sys.stderr, leave=False)
        self.bar.update(page - 1 - self.bar.n)  # pages with a text layer are skipped over

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _parse_one(name: str, limits: PdfLimits | None = None, quiet: bool = True) -> Document | None:
    """Parse one input (read once); report a failure in one line and return None.

    PDFs, workbooks and Word files run in a child process under the time and memory bounds of ``limits``;
    pages read by OCR show a progress bar unless ``quiet``.
    """
    limits = limits or PdfLimits()
    bar = _PageBar(name, quiet)
    try:
        try:
            if name == "-":
                return parse_bytes(sys.stdin.buffer.read(), "<stdin>", limits, progress=bar)
            return parse_bytes(read_file_bytes(name, limits.max_bytes), name, limits, progress=bar)
        finally:
            bar.close()  # before any error line, so the bar's line is cleared first
    except GoalparseError as exc:
        _error(str(exc))
    except Exception as exc:
        _error(f"{name}: internal error ({type(exc).__name__}: {exc}); please report it")
    return None


_OCR = click.option("--ocr", type=click.Choice(["auto", "always", "never"]), default=PdfLimits.ocr,
                    show_default=True, help="Which PDF pages to read by OCR (needs goalparse[ocr]): auto = pages "
                                            "without a text layer, always = every page, never = none.")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="goalparse")
def main() -> None:
    """Budget performance-target tables (预算绩效目标表) -> validated JSON records."""


@main.command()
@click.argument("files", nargs=-1, required=True)
@click.option("-o", "--out-dir", type=click.Path(file_okay=False, path_type=Path),
              help="Write DIR/<input stem>.json for each input.")
@click.option("--jsonl", "jsonl", type=click.Path(dir_okay=False, path_type=Path),
              help="Write one JSON document per line into this file.")
@click.option("--quiet", "-q", is_flag=True, help="No summary on stderr.")
@click.option("--pdf-timeout", type=float, default=PdfLimits.timeout_s, show_default=True,
              help="Seconds one PDF, workbook or Word file may take.")
@click.option("--pdf-memory-mb", type=int, default=PdfLimits.max_memory_mb, show_default=True,
              help="Memory one PDF's, workbook's or Word file's parse may use.")
@click.option("--pdf-max-pages", type=int, default=PdfLimits.max_pages, show_default=True)
@_OCR
def parse(files: tuple[str, ...], out_dir: Path | None, jsonl: Path | None, quiet: bool,
          pdf_timeout: float, pdf_memory_mb: int, pdf_max_pages: int, ocr: OcrMode) -> None:
    """Parse text dumps, PDFs, spreadsheets, Word files and web pages into JSON (one document per input;
    '-' reads stdin)."""
    if out_dir and jsonl:
        raise click.UsageError("use either -o/--out-dir or --jsonl, not both")
    limits = PdfLimits(max_pages=pdf_max_pages, timeout_s=pdf_timeout, max_memory_mb=pdf_memory_mb, ocr=ocr)
    failed = tables = indicators = 0
    lines: list[bytes] = []
    for name in files:
        doc = _parse_one(name, limits, quiet)
        if doc is None:
            failed += 1
            continue
        tables += len(doc.tables)
        indicators += sum(len(t.indicators) for t in doc.tables)
        if out_dir:
            write_atomic(out_dir / f"{Path(name).stem if name != '-' else 'stdin'}.json", to_json(doc))
        elif jsonl:
            lines.append(to_jsonl_line(doc))
        elif len(files) == 1:
            sys.stdout.buffer.write(to_json(doc) + b"\n")
        else:
            sys.stdout.buffer.write(to_jsonl_line(doc))
    if jsonl:
        write_atomic(jsonl, b"".join(lines))
    if not quiet:
        click.echo(f"{len(files) - failed} converted, {failed} failed, {tables} tables, {indicators} indicators",
                   err=True)
    if failed:
        sys.exit(EXIT_FAILED)


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--db", "db_url", default="goalparse.db", show_default=True,
              help="SQLite file (path or sqlite:///path) or postgresql://user:pass@host/db.")
@click.option("--jsonl", "jsonl", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write each converted document as a JSON line.")
@click.option("--workers", type=int, default=None, help="Parallel parsers (default: number of cores).")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True)
@click.option("--scheduler", default=None, help="Dask scheduler address (tcp://host:8786); none starts a local one.")
@click.option("--quiet", "-q", is_flag=True, help="No progress and no summary.")
@click.option("--pdf-timeout", type=float, default=PdfLimits.timeout_s, show_default=True)
@click.option("--pdf-memory-mb", type=int, default=PdfLimits.max_memory_mb, show_default=True)
@click.option("--text-timeout", type=float, default=PdfLimits.text_timeout_s, show_default=True,
              help="Seconds one text file's parse may take.")
@click.option("--retry-errors", is_flag=True,
              help="Also try again files whose error rows are not from a time or memory bound.")
@click.option("--parquet", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="At the end, export the database to DIR/<relation>.parquet (needs goalparse[parquet]).")
@_OCR
def batch(inputs: tuple[str, ...], db_url: str, jsonl: Path | None, workers: int | None, engine: str,
          scheduler: str | None, quiet: bool, pdf_timeout: float, pdf_memory_mb: int, text_timeout: float,
          retry_errors: bool, parquet: Path | None, ocr: OcrMode) -> None:
    """Convert files, folders (recursive) and globs of text, PDF, Office and HTML files into a database; resumable.

    Files whose error row is from a time or memory bound are tried again on the next run.
    """
    from .batch import run_batch

    limits = PdfLimits(timeout_s=pdf_timeout, max_memory_mb=pdf_memory_mb, text_timeout_s=text_timeout, ocr=ocr)
    try:
        summary = run_batch(inputs, db_url, workers, engine, scheduler, jsonl, limits,  # type: ignore[arg-type]
                            progress=not quiet, retry_errors=retry_errors, parquet=parquet)
    except GoalparseError as exc:
        _error(str(exc))
        sys.exit(EXIT_FAILED)
    if not quiet:
        for message in summary.errors:
            _error(message)
        click.echo(f"batch: {summary.line()}", err=True)
        if summary.exported is not None:
            click.echo(summary.exported.line(), err=True)
    if summary.failed or summary.export_failed:
        sys.exit(EXIT_FAILED)


@main.command()
@click.option("--db", "db_url", default="goalparse.db", show_default=True, help="The batch database to review.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=Path("report.html"),
              show_default=True)
def report(db_url: str, output: Path) -> None:
    """Write a self-contained HTML page to review a batch by eye."""
    from .sinks.report import render_report

    try:
        page = render_report(db_url)
    except GoalparseError as exc:
        _error(str(exc))
        sys.exit(EXIT_FAILED)
    write_atomic(output, page.encode("utf-8"))
    click.echo(f"wrote {output}", err=True)


@main.command()
@click.option("--db", "db_url", default="goalparse.db", show_default=True, help="The batch database to export.")
@click.option("--to", "folder", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Folder for documents, tables, indicators and warnings .parquet/.csv (replaced atomically).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="parquet", show_default=True,
              help="parquet needs the extra goalparse[parquet] (pyarrow); csv needs nothing.")
@click.option("--quiet", "-q", is_flag=True, help="No summary.")
def export(db_url: str, folder: Path, fmt: str, quiet: bool) -> None:
    """Write each relation of a batch database to a typed Parquet (or CSV) file with the database's keys."""
    try:
        done = export_db(db_url, folder, fmt)  # type: ignore[arg-type]
    except GoalparseError as exc:
        _error(str(exc))
        sys.exit(EXIT_FAILED)
    if not quiet:
        click.echo(done.line(), err=True)


@main.command(name="eval")
@click.argument("samples_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--min-f1", type=float, default=None, help="Exit 1 when total strict F1 is below this.")
@click.option("--min-fields", type=float, default=None, help="Exit 1 when total field accuracy is below this.")
@click.option("--show", type=int, default=20, show_default=True, help="Misses to list per document.")
@click.option("--by-shape", is_flag=True, help="Also print totals per text shape (from <stem>.source.json).")
@click.option("--show-test", is_flag=True,
              help="Also list the misses of test-split documents (hidden: rules are designed on dev only).")
def evaluate(samples_dir: Path, min_f1: float | None, min_fields: float | None, show: int, by_shape: bool,
             show_test: bool) -> None:
    """Parse every sample that has a *.gold.json and score it against the gold.

    A corpus folder with a split.json (samples/wild) also gets totals per split: dev, test and all;
    a test document's misses are not listed (only its figures) unless --show-test.
    """
    documents = gold_documents(samples_dir)
    if not documents:
        _error(f"{samples_dir}: no *.gold.json files")
        sys.exit(EXIT_FAILED)
    total = Score()
    per_split: dict[str, Score] = {}
    per_shape: dict[str, Score] = {}
    shape_docs: Counter[str] = Counter()
    for document in documents:
        gold = orjson.loads(document.gold.read_bytes())
        out: dict[str, Any] = {"tables": []}
        if document.source is None:
            _error(f"{document.gold}: no source document beside the gold file")
        else:
            doc = _parse_one(str(document.source))
            if doc is not None:
                out = to_dict(doc)
        score = score_document(gold, out)
        total += score
        for group, key in [(per_split, document.split)] + [(per_shape, shape) for shape in document.shapes]:
            if key:
                group[key] = group.get(key, Score())
                group[key] += score
        shape_docs.update(document.shapes)
        label = f"{document.stem} [{document.split}]" if document.split else document.stem
        click.echo(format_summary(label, score.summary()))
        if document.split == "test" and not show_test:
            continue
        for kind, project, detail in score.misses[:show]:
            click.echo(f"   {kind:8} {project}: {detail}")
    if by_shape:
        for shape in sorted(per_shape):
            click.echo(format_summary(f"shape {shape} ({shape_docs[shape]} docs)", per_shape[shape].summary()))
    for split in sorted(per_split):
        click.echo(format_summary(f"TOTAL {split}", per_split[split].summary()))
    summary = total.summary()
    click.echo(format_summary("TOTAL", summary))
    short = (min_f1 is not None and summary["strict_f1"] < min_f1) or (
        min_fields is not None and summary["fields_acc"] < min_fields)
    if short:
        _error(f"below threshold (strict_f1={summary['strict_f1']}, fields_acc={summary['fields_acc']})")
        sys.exit(EXIT_FAILED)


def _token(t: Token) -> dict[str, Any]:
    out: dict[str, Any] = {"line": t.line, "col": t.col, "sep": t.sep, "text": t.text}
    if t.page is not None:
        out["page"] = t.page
    return out


STAGES = ["tokens", "tables", "rows", "records"]


@main.command()
@click.option("--stage", type=click.Choice(STAGES), required=True,
              help="tokens: the cell stream after mending; tables: each table's region, title, year, header "
                   "fields and column schema; rows: each logical row, why it closed, and which column every "
                   "cell went to; records: the indicator records built.")
@click.argument("file")
def debug(stage: str, file: str) -> None:
    """Print the intermediates of one step as JSON lines, to find the step where a row went wrong."""
    try:
        tokens, encoding = file_tokens(file)
        traces = trace_tokens(tokens) if stage in ("tables", "rows") else []
        doc = parse_tokens(tokens, file, encoding) if stage == "records" else None
    except GoalparseError as exc:
        _error(str(exc))
        sys.exit(EXIT_FAILED)
    out = sys.stdout.buffer
    if stage == "tokens":
        for t in mended(tokens):
            out.write(orjson.dumps(_token(t)) + b"\n")
    elif doc is not None:
        for index, table in enumerate(doc.tables):
            for ind in table.indicators:
                record = {"table": index, **ind.model_dump(mode="json", exclude_unset=True)}
                out.write(orjson.dumps(record) + b"\n")
    for index, trace in enumerate(traces):
        region, parts = trace.region, trace.parts
        if stage == "tables":
            out.write(orjson.dumps({
                "table": index, "title": region.title, "year": region.year,
                "first_line": region.tokens[0].line, "last_line": region.tokens[-1].line,
                "ended_by": region.ended_by, "period": region.period,
                "preamble": [t.text for t in region.preamble], "schema": parts.schema.kind,
                "columns": [f"{s.column}/{s.period}" for s in parts.schema.slots],
                "header_positions": list(parts.schema.hints),
                "header": [t.text for t in parts.header], "unused": [t.text for t in trace.unused],
                "fields": trace.header.fields, "funds": trace.header.funds, "goals": trace.header.goals,
            }) + b"\n")
            continue
        for placed in trace.placed:
            cells: list[dict[str, object]] = [
                {"slot": f"{s.column}/{s.period}" if s else None, "line": t.line, "text": t.text}
                for t, s in zip(placed.row.tokens, placed.slots, strict=True)]
            for made in placed.row.remade:  # a token joined from several cells, or cut from one
                for cell in cells[made.start: made.start + made.span]:
                    cell["made_of"] = [c.text for c in made.cells]
            row_record: dict[str, object] = {
                "table": index, "line": placed.row.line, "closed": placed.row.why, "score": round(placed.score, 2),
                "cells": cells,
            }
            if placed.spans_from_below:  # headings printed mid-span, in force from this row
                row_record["spans_from_below"] = [{"slot": f"{s.column}/{s.period}", "line": t.line, "text": t.text}
                                              for s, t in placed.spans_from_below]
            out.write(orjson.dumps(row_record) + b"\n")


@main.command()
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("schemas/document.schema.json"), show_default=True)
def schema(output: Path) -> None:
    """Write the JSON Schema of the output records."""
    write_atomic(output, schema_bytes())
    click.echo(f"wrote {output}", err=True)


def schema_bytes() -> bytes:
    """The JSON Schema generated from the pydantic models (stable key order)."""
    return orjson.dumps(Document.model_json_schema(), option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS) + b"\n"


if __name__ == "__main__":
    main()
