"""Build test PDFs from the samples' gold records with reportlab (no PDF binaries committed).

Uses reportlab's built-in STSong-Light CID font, which needs no font file and which
pdfplumber reads back as Chinese text. Layouts:

- ``ruled``: ruling lines, level-1/level-2 cells spanning their rows (merged cells);
- ``unruled``: the same tables without any lines, each level printed on its block's first row;
- ``centred``: no lines, level cells spanning their rows with the heading vertically centred on
  the block (between rows for even counts, on the middle row for odd ones), header labels centred;
- ``boxed`` / ``hrules``: ``centred`` inside an outer box only / with horizontal rules only;
- ``page_break``: ruled, the indicator grid starting low on a page so it continues
  on the next one; with ``repeat_header`` the grid header is printed again there.

Options: ``cut`` breaks every grid inside a merged level-1 block (the continuation repeats the
heading, ``cut="repeat"``, or leaves it empty, ``cut="empty"``); ``heading_left`` prints no
一级指标 label, so level-1 headings stand left of the first labelled column; ``side_goals``
prints 中期目标 | 年度目标 side by side (an empty 中期目标 stays an empty cell).

Each sample keeps its own grid: single-period, two-period (中长期 + 本年度 side by
side) or with 绩效指标描述 / 指标值确定依据 columns.
"""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from gold_layout import grid as gold_grid
from gold_layout import header_rows, merge_levels

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))
CELL = ParagraphStyle("cell", fontName=FONT, fontSize=8, leading=10, wordWrap="CJK")
TITLE = ParagraphStyle("title", fontName=FONT, fontSize=14, leading=18, alignment=1)
LINE = ParagraphStyle("line", fontName=FONT, fontSize=10, leading=13, alignment=1)
PAGE = landscape(A4)
WIDTH = PAGE[0] - 72


def _p(text: Any) -> Paragraph | str:
    if text is None:
        return ""
    text = str(text)
    return Paragraph(text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"), CELL)


def _style(spans: list[tuple[int, ...]], rules: str, centre_header: bool = False) -> TableStyle:
    """Fonts, spans and the rules: ``grid`` (every line), ``box`` (outer box), ``rows`` (horizontal), ``none``."""
    style: list[tuple[Any, ...]] = [("FONTNAME", (0, 0), (-1, -1), FONT), ("FONTSIZE", (0, 0), (-1, -1), 8),
                                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
    style += [("SPAN", (a, b), (c, d)) for a, b, c, d in spans]
    if centre_header:
        style.append(("ALIGN", (0, 0), (-1, 0), "CENTER"))
    if rules == "grid":
        style.append(("GRID", (0, 0), (-1, -1), 0.5, colors.black))
    elif rules == "box":
        style.append(("BOX", (0, 0), (-1, -1), 0.5, colors.black))
    elif rules == "rows":
        style += [("LINEABOVE", (0, 0), (-1, -1), 0.5, colors.black), ("LINEBELOW", (0, -1), (-1, -1), 0.5,
                                                                         colors.black)]
    return TableStyle(style)


RULES = {"ruled": "grid", "page_break": "grid", "unruled": "none", "centred": "none", "boxed": "box",
         "hrules": "rows"}


def _cut_at(levels: list[tuple[str, str]]) -> int:
    """A row inside the merged level-1 block nearest the grid's middle (the page break goes there)."""
    starts = [r for r in range(len(levels)) if r == 0 or levels[r][0] != levels[r - 1][0]] + [len(levels)]
    blocks = [(a, b) for a, b in itertools.pairwise(starts) if b - a >= 2]
    if not blocks:
        return max(1, len(levels) // 2)
    a, b = min(blocks, key=lambda ab: abs((ab[0] + ab[1]) / 2 - len(levels) / 2))
    return (a + b + 1) // 2


def _grid_tables(t: dict[str, Any], layout: str, repeat_header: bool, cut: str | None,
                 heading_left: bool) -> list[Any]:
    """The indicator grid as flowables: one table, or two with a page break inside a merged level-1 block."""
    header, grid_rows, levels = gold_grid(t, _p)
    two = len(header) == 7
    if heading_left:
        header = ["", *header[1:]]
    widths = {4: (0.12, 0.14, 0.44, 0.30), 6: (0.1, 0.12, 0.22, 0.22, 0.14, 0.2),
              7: (0.09, 0.1, 0.2, 0.18, 0.1, 0.15, 0.18)}[len(header)]
    rules = RULES[layout]
    parts = [(grid_rows, levels)]
    if cut and len(grid_rows) >= 2:
        k = _cut_at(levels)
        parts = [(grid_rows[:k], levels[:k]), ([list(r) for r in grid_rows[k:]], levels[k:])]
    out: list[Any] = []
    for n, (rows, lv) in enumerate(parts):
        spans = merge_levels(rows, lv, two)
        if layout == "unruled":
            spans = []  # each heading printed on its block's first row, no spans
        if n and cut == "empty":
            rows[0][0] = ""
            if lv[0] == levels[len(grid_rows) - len(rows) - 1]:
                for c in (1, 4) if two else (1,):
                    rows[0][c] = ""
        body = [header, *rows] if n == 0 or repeat_header else rows
        shift = 1 if body is not rows else 0
        spans = [(a, b - 1 + shift, c, d - 1 + shift) for a, b, c, d in spans]
        grid = Table(body, colWidths=[WIDTH * w for w in widths], repeatRows=shift if not cut and repeat_header else 0)
        grid.setStyle(_style(spans, rules, centre_header=layout in ("centred", "boxed", "hrules") and shift == 1))
        if n:
            out.append(PageBreak())
        out.append(grid)
    return out


def render_pdf(gold: dict[str, Any], layout: str, path: Path, repeat_header: bool = True, cut: str | None = None,
               heading_left: bool = False, side_goals: bool = False) -> Path:
    """Write one PDF holding every gold table of a sample in the given layout."""
    story: list[Any] = []
    for t in gold["tables"]:
        story.append(Paragraph(t["title"], TITLE))
        if "year" in t:
            story.append(Paragraph(f"（{t['year']}年度）", LINE))
        story.append(Spacer(1, 6))
        rows, spans = header_rows(t, _p, side_goals)
        head = Table(rows, colWidths=[WIDTH * w for w in (0.16, 0.26, 0.16, 0.26, 0.16)])
        head.setStyle(_style(spans, RULES[layout]))
        story.append(head)
        if layout == "page_break":
            story.append(Spacer(1, PAGE[1] * 0.35))
        story += _grid_tables(t, layout, repeat_header, cut, heading_left)
        story.append(Spacer(1, 24))
    SimpleDocTemplate(str(path), pagesize=PAGE, leftMargin=36, rightMargin=36, topMargin=36,
                      bottomMargin=36).build(story)
    return path


def bomb_pdf(mb: int) -> bytes:
    """A one-page PDF whose content stream inflates to ``mb`` MB (a decompression bomb of ~1/200 its size)."""
    import zlib

    packer = zlib.compressobj(1)
    chunk = b"0 0 m " * (1 << 16)
    stream = b"".join(packer.compress(chunk) for _ in range(mb * (1 << 20) // len(chunk))) + packer.flush()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def scan_pdf(source: Path, path: Path, dpi: int = 200) -> Path:
    """An image-only copy of a PDF, as a scanner gives it: each page rasterised at ``dpi`` in grey (JPEG)."""
    import pypdfium2

    pdf = pypdfium2.PdfDocument(str(source))
    try:
        images = [pdf[i].render(scale=dpi / 72, grayscale=True).to_pil().convert("L") for i in range(len(pdf))]
    finally:
        pdf.close()
    images[0].save(path, "PDF", resolution=dpi, save_all=True, append_images=images[1:])
    return path


# The layouts every gold table is rendered in (tests/test_pdf.py scores each; benchmarks/bench_pdf.py times some).
LAYOUTS = {
    "ruled": {"layout": "ruled"},
    "unruled": {"layout": "unruled"},
    "page-break-repeated-header": {"layout": "page_break", "repeat_header": True},
    "page-break-no-header": {"layout": "page_break", "repeat_header": False},
    "ruled-cut-empty": {"layout": "ruled", "cut": "empty", "repeat_header": False},
    "centred": {"layout": "centred", "side_goals": True},
    "centred-cut-repeat": {"layout": "centred", "cut": "repeat", "repeat_header": True},
    "centred-cut-empty": {"layout": "centred", "cut": "empty", "repeat_header": False},
    "centred-heading-left": {"layout": "centred", "heading_left": True},
    "boxed": {"layout": "boxed", "cut": "empty", "repeat_header": False},
    "hrules": {"layout": "hrules", "cut": "repeat", "repeat_header": True},
}
