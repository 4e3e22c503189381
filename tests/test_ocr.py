"""Scanned PDFs: the samples' gold tables rendered, rasterised at 200 dpi into image-only PDFs, read by OCR.

Whole-document OCR is slow (seconds a page), so the scanned set is the first table of each
sample (six pages), unruled and ruled by turns (a ruled scan's cells come from the ruling lines
found in the image), marked ``slow``; it still runs in ``make test``.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from goalparse import parse_file
from goalparse.cli import main
from goalparse.emit import to_dict
from goalparse.errors import BoundError, MissingExtraError, NoTextLayerError
from goalparse.evaluate import Score, score_document
from goalparse.read import ocr
from goalparse.read.guard import run_bounded
from goalparse.read.pdf import PdfLimits
from goalparse.sinks.report import _needs_look
from pdf_fixtures import render_pdf, scan_pdf

from conftest import SAMPLE_DOCS, gold_for

pytestmark = pytest.mark.skipif(not ocr.available(), reason="needs goalparse[ocr]")

# Today's figures on the scanned set (strict F1, field accuracy); the issue asks F1 >= 0.90.
MIN_F1 = 1.0
MIN_FIELDS = 0.963


def _first_table(doc: Path) -> dict[str, Any]:
    gold = gold_for(doc)
    return {**gold, "tables": gold["tables"][:1]}


@pytest.fixture(scope="module")
def scans(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[dict[str, Any], Path]]:
    folder = tmp_path_factory.mktemp("scans")
    out = []
    for n, doc in enumerate(SAMPLE_DOCS):
        gold = _first_table(doc)
        text = render_pdf(gold, ("unruled", "ruled")[n % 2], folder / f"{doc.name[:3]}.pdf")
        out.append((gold, scan_pdf(text, folder / f"{doc.name[:3]}-scan.pdf", dpi=200)))
    return out


@pytest.mark.slow
def test_scanned_tables_read_by_ocr_score_against_gold(scans: list[tuple[dict[str, Any], Path]]) -> None:
    total = Score()
    pages: list[tuple[int, int]] = []
    start = time.perf_counter()
    for gold, path in scans:
        parsed = parse_file(path, progress=lambda page, n: pages.append((page, n)))  # bounded, as the CLI runs it
        total += score_document(gold, to_dict(parsed))
        for table in parsed.tables:
            assert table.provenance is not None and table.provenance.ocr_confidence is not None
            read = {w.page for w in table.warnings if w.code == "GP601"}
            assert {i.provenance.page for i in table.indicators} <= read, "a GP601 for every page read by OCR"
            for ind in table.indicators:
                assert ind.provenance.ocr_confidence is not None and 0 < ind.provenance.ocr_confidence <= 1
                assert ind.confidence <= ind.provenance.ocr_confidence
    seconds = time.perf_counter() - start
    summary = total.summary()
    print(f"scanned: {summary} {len(pages)} pages in {seconds:.1f} s ({len(pages) / seconds:.2f} pages/s)")
    assert pages and all(1 <= page <= n for page, n in pages), "progress is told for every page read by OCR"
    assert summary["strict_f1"] >= MIN_F1, summary
    assert summary["fields_acc"] >= MIN_FIELDS, summary


def test_ocr_never_keeps_the_no_text_layer_error(scans: list[tuple[dict[str, Any], Path]]) -> None:
    path = scans[-1][1]
    with pytest.raises(NoTextLayerError, match=r"no text layer; OCR it first \(or install 'goalparse\[ocr\]'"):
        parse_file(path, PdfLimits(ocr="never"))
    result = CliRunner().invoke(main, ["parse", str(path), "--ocr", "never"])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {path}: no text layer; OCR it first")


def test_a_missing_ocr_extra_is_named(scans: list[tuple[dict[str, Any], Path]],
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    def missing(threads: int) -> None:
        raise ImportError("No module named 'rapidocr_onnxruntime'")

    monkeypatch.setattr(ocr, "_engine", missing)
    path = scans[-1][1]
    for bounded in (True, False):
        with pytest.raises(MissingExtraError, match=r"no text layer; reading it by OCR needs the optional extra: pip install 'goalparse\[ocr\]'$"):
            parse_file(path, bounded=bounded)
    result = CliRunner().invoke(main, ["parse", str(path)])
    assert result.exit_code == 1 and result.stderr.split("\n")[0].endswith("pip install 'goalparse[ocr]'")


def _steps(n: int, pause: float, progress: Any = None) -> int:
    for page in range(1, n + 1):
        progress(page, n)
        time.sleep(pause)
    return n


def test_each_ocr_page_adds_its_time_to_the_bound() -> None:
    told: list[tuple[int, int]] = []
    assert run_bounded(_steps, (3, 0.4), "scan.pdf", 0.3, None, progress=lambda *p: told.append(p), step_s=1.0) == 3
    assert told == [(1, 3), (2, 3), (3, 3)]
    # How many pages reported before the bound hit depends on the machine's load: the message says.
    with pytest.raises(BoundError, match=r"gave up after 0.3 s \+ [1-3] slow steps of 0.1 s \(time bound\)"):
        run_bounded(_steps, (3, 0.4), "scan.pdf", 0.3, None, step_s=0.1)


def test_the_report_flags_rows_read_by_ocr() -> None:
    ind = {"inferred": False, "confidence": 0.99, "value_kind": "quantitative", "line": None, "page": 2}
    assert _needs_look(ind, set(), {2}) == ["read by OCR"]
    assert _needs_look(ind, set(), {1}) == []


def test_a_page_of_drawings_read_by_ocr_has_no_table(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    from goalparse.errors import NoTableError

    path = tmp_path / "drawings.pdf"
    c = canvas.Canvas(str(path))
    for i in range(20):
        c.rect(50 + i * 10, 50 + i * 10, 100, 30, fill=1)
    c.save()
    with pytest.raises(NoTableError, match="no performance-target table found"):
        parse_file(path)


def test_ocr_always_reads_pages_that_have_a_text_layer(tmp_path: Path) -> None:
    """--ocr always: a page's text layer is set aside (a broken ToUnicode map, say) and the page is read by OCR."""
    gold = _first_table(SAMPLE_DOCS[-1])
    path = render_pdf(gold, "ruled", tmp_path / "text-layer.pdf")
    assert all(i.provenance.ocr_confidence is None for t in parse_file(path).tables for i in t.indicators)
    parsed = parse_file(path, PdfLimits(ocr="always"))
    assert all(i.provenance.ocr_confidence is not None for t in parsed.tables for i in t.indicators)
    assert score_document(gold, to_dict(parsed)).summary()["strict_f1"] == 1.0
