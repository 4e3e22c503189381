"""Office and web formats: documents/s of goalparse's whole parse next to the bare reader's load.

Every sample's gold tables are written as .xlsx, .xls, .ods, .docx and .html (tests/office_fixtures.py).
Per format, interleaved in this process, the median of --runs repetitions of:

- bare: the reader library alone opening each file and touching every cell
  (openpyxl read-only, xlrd, lxml for content.xml, python-docx, lxml.html);
- rows: goalparse's reader (the token stream, no decoding);
- full: goalparse's whole parse, in this process (``bounded=False``, as the bare reader runs).

    python benchmarks/bench_formats.py [--copies 5] [--runs 5]
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import statistics
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
import lxml.etree
import lxml.html
import openpyxl
import xlrd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from goalparse import parse_bytes  # noqa: E402
from goalparse.pipeline import grid_tokens  # noqa: E402
from goalparse.read.grid import sniff  # noqa: E402
from office_fixtures import docx_bytes, html_page, ods_bytes, xls_bytes, xlsx_bytes  # noqa: E402


def bare_xlsx(data: bytes) -> int:
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    cells = sum(1 for sheet in book.worksheets for row in sheet.iter_rows() for c in row if c.value is not None)
    book.close()
    return cells


def bare_xls(data: bytes) -> int:
    book = xlrd.open_workbook(file_contents=data, formatting_info=True)
    return sum(1 for sheet in book.sheets() for r in range(sheet.nrows) for c in sheet.row(r) if c.value != "")


ODS_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"


def bare_ods(data: bytes) -> int:
    with zipfile.ZipFile(io.BytesIO(data)) as archive, archive.open("content.xml") as content:
        return sum(1 for _ in lxml.etree.iterparse(content, tag=f"{{{ODS_TABLE}}}table-cell"))


def bare_docx(data: bytes) -> int:
    document = docx.Document(io.BytesIO(data))
    return sum(1 for table in document.tables for row in table.rows for c in row.cells if c.text)


def bare_html(data: bytes) -> int:
    return sum(1 for td in lxml.html.document_fromstring(data).iter("td") if td.text_content())


FORMATS: dict[str, tuple[Callable[[dict[str, Any]], bytes], Callable[[bytes], int], str]] = {
    "xlsx": (xlsx_bytes, bare_xlsx, "openpyxl read-only"),
    "xls": (xls_bytes, bare_xls, "xlrd"),
    "ods": (ods_bytes, bare_ods, "lxml iterparse"),
    "docx": (docx_bytes, bare_docx, "python-docx"),
    "html": (lambda gold: html_page(gold).encode(), bare_html, "lxml.html"),
}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--copies", type=int, default=5)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    golds = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "samples").glob("*.gold.json"))]
    print(f"machine: {platform.machine()} {os.cpu_count()} cores, Python {platform.python_version()}, one process")
    print(f"corpus per format: {len(golds)} samples x {args.copies} copies = {len(golds) * args.copies} documents; "
          f"median of {args.runs} runs")
    print(f"{'format':6} {'bare reader':20} {'bare docs/s':>11} {'rows docs/s':>11} {'full docs/s':>11} "
          f"{'full/bare':>9}")
    for name, (make, bare, library) in FORMATS.items():
        files = [make(g) for g in golds] * args.copies
        kind = sniff(files[0], f"x.{name}")
        times: dict[str, list[float]] = {"bare": [], "rows": [], "full": []}
        steps: dict[str, Callable[[bytes], object]] = {
            "bare": bare,
            "rows": lambda data: grid_tokens(data, f"x.{name}", kind),  # noqa: B023
            "full": lambda data: parse_bytes(data, f"x.{name}", bounded=False),  # noqa: B023
        }
        for _ in range(args.runs):
            for step, fn in steps.items():
                start = time.perf_counter()
                for data in files:
                    fn(data)
                times[step].append(time.perf_counter() - start)
        med = {k: statistics.median(v) for k, v in times.items()}
        rate = {k: len(files) / v for k, v in med.items()}
        print(f"{name:6} {library:20} {rate['bare']:11.1f} {rate['rows']:11.1f} {rate['full']:11.1f} "
              f"{med['full'] / med['bare']:8.2f}x")


if __name__ == "__main__":
    main()
