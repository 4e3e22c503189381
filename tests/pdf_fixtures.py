"""Build test PDFs from the samples' gold records with reportlab (no PDF binaries committed).

Uses reportlab's built-in STSong-Light CID font, which needs no font file and which
pdfplumber reads back as Chinese text. Layouts:

- ``ruled``: ruling lines, level-1/level-2 cells spanning their rows (merged cells);
- ``unruled``: the same tables without any lines (columns found from x positions);
- ``page_break``: ruled, the indicator grid starting low on a page so it continues
  on the next one; with ``repeat_header`` the grid header is printed again there.

Each sample keeps its own grid: single-period, two-period (中长期 + 本年度 side by
side) or with 绩效指标描述 / 指标值确定依据 columns.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

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


def _style(spans: list[tuple[int, ...]], ruled: bool) -> TableStyle:
    style: list[tuple[Any, ...]] = [("FONTNAME", (0, 0), (-1, -1), FONT), ("FONTSIZE", (0, 0), (-1, -1), 8),
                                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
    style += [("SPAN", (a, b), (c, d)) for a, b, c, d in spans]
    if ruled:
        style.append(("GRID", (0, 0), (-1, -1), 0.5, colors.black))
    return TableStyle(style)


def render_pdf(gold: dict[str, Any], layout: str, path: Path, repeat_header: bool = True) -> Path:
    """Write one PDF holding every gold table of a sample in the given layout."""
    ruled = layout != "unruled"
    story: list[Any] = []
    for t in gold["tables"]:
        story.append(Paragraph(t["title"], TITLE))
        if "year" in t:
            story.append(Paragraph(f"（{t['year']}年度）", LINE))
        story.append(Spacer(1, 6))
        rows, spans = header_rows(t, _p)
        head = Table(rows, colWidths=[WIDTH * w for w in (0.16, 0.26, 0.16, 0.26, 0.16)])
        head.setStyle(_style(spans, ruled))
        story.append(head)
        if layout == "page_break":
            story.append(Spacer(1, PAGE[1] * 0.35))
        header, grid_rows, levels = gold_grid(t, _p)
        two = len(header) == 7
        grid_spans = merge_levels(grid_rows, levels, two) if ruled else []
        if not ruled:
            merge_levels(grid_rows, levels, two)
        widths = {4: (0.12, 0.14, 0.44, 0.30), 6: (0.1, 0.12, 0.22, 0.22, 0.14, 0.2),
                  7: (0.09, 0.1, 0.2, 0.18, 0.1, 0.15, 0.18)}[len(header)]
        grid = Table([header, *grid_rows], colWidths=[WIDTH * w for w in widths],
                     repeatRows=1 if repeat_header else 0)
        grid.setStyle(_style(grid_spans, ruled))
        story.append(grid)
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
