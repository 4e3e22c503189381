"""Build spreadsheets, Word documents and web pages from the samples' gold records (nothing binary committed).

Every gold table is laid out as the PDF fixtures lay it out (gold_layout.py): the title
and year line, a header grid whose field values span four cells, and the indicator grid
with merged 一级/二级 cells. Spreadsheets store numbers as numbers under a number format
(``98%`` is 0.98 under ``0%``, ``92.65`` under ``0.00``); ``split`` continues the first
table's indicator grid on the next sheet, or in a second Word table.
"""

from __future__ import annotations

import html
import io
import re
from dataclasses import dataclass, field
from typing import Any

from gold_layout import grid, header_rows, merge_levels

# (first col, first row, last col, last row) inside one grid, as reportlab's SPAN.
Span = tuple[int, int, int, int]


@dataclass
class Grid:
    rows: list[list[Any]]
    spans: list[Span] = field(default_factory=list)
    # The second half of a split grid: a spreadsheet puts it on the next sheet.
    continued: bool = False


# A gold table as printed: paragraphs (str) and grids, in order.
Block = str | Grid


def blocks(gold: dict[str, Any], split: bool = False) -> list[list[Block]]:
    """Each gold table's blocks; with ``split`` the first table's indicator grid is cut in two halves."""
    out = []
    for n, t in enumerate(gold["tables"]):
        parts: list[Block] = [t["title"]]
        if "year" in t:
            parts.append(f"（{t['year']}年度）")
        rows, spans = header_rows(t)
        parts.append(Grid(rows, list(spans)))
        header, grid_rows, levels = grid(t)
        two = len(header) == 7
        level_spans = merge_levels(grid_rows, levels, two)
        full = Grid([header, *grid_rows], list(level_spans))
        if split and n == 0 and len(grid_rows) >= 4:
            cut = 1 + len(grid_rows) // 2
            first = Grid(full.rows[:cut], [s for s in full.spans if s[3] < cut])
            second = Grid(full.rows[cut:], [(a, b - cut, c, d - cut) for a, b, c, d in full.spans if b >= cut], True)
            # A span across the cut is printed again in each half, as Word and Excel users do.
            for a, b, c, d in full.spans:
                if b < cut <= d:
                    first.spans.append((a, b, c, cut - 1))
                    second.spans.append((a, 0, c, d - cut))
                    second.rows[0][a] = full.rows[b][a]
            parts += [first, second]
        else:
            parts.append(full)
        out.append(parts)
    return out


_NUMBER = re.compile(r"(\d+)(?:\.(\d+))?(%?)")


def as_number(text: str) -> tuple[float, str] | None:
    """A printed plain number -> (value, Excel number format) that displays it the same way."""
    m = _NUMBER.fullmatch(text)
    if not m:
        return None
    digits = m.group(2) or ""
    fmt = "0" + ("." + "0" * len(digits) if digits else "") + m.group(3)
    value = float(text.rstrip("%"))
    return (value / 100 if m.group(3) else value), fmt


def xlsx_bytes(gold: dict[str, Any], split: bool = False) -> bytes:
    """One sheet per gold table (``split``: the first table's grid goes on over two sheets)."""
    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    for n, parts in enumerate(blocks(gold, split), start=1):
        sheet = book.create_sheet(f"表{n}")
        for part in parts:
            if isinstance(part, str):
                sheet.append([part])
                continue
            if part.continued:
                sheet = book.create_sheet(f"表{n}续")
            top = sheet.max_row + 1 if sheet.max_row > 1 or sheet["A1"].value is not None else 1
            for r, row in enumerate(part.rows):
                for c, text in enumerate(row):
                    if text == "":
                        continue
                    cell = sheet.cell(row=top + r, column=c + 1)
                    number = as_number(str(text))
                    if number is None:
                        cell.value = str(text)
                    else:
                        cell.value, cell.number_format = number
            for a, b, c, d in part.spans:
                if (a, b) != (c, d):
                    sheet.merge_cells(start_row=top + b, start_column=a + 1, end_row=top + d, end_column=c + 1)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def xls_bytes(gold: dict[str, Any], split: bool = False) -> bytes:
    """The same workbook in the Excel 97 (.xls) format, written with xlwt."""
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    styles: dict[str, Any] = {}
    for n, parts in enumerate(blocks(gold, split), start=1):
        sheet = book.add_sheet(f"表{n}")
        top = 0
        for part in parts:
            if isinstance(part, str):
                sheet.write(top, 0, part)
                top += 1
                continue
            if part.continued:
                sheet, top = book.add_sheet(f"表{n}续"), 0
            merged = {(b, a): (d, c) for a, b, c, d in part.spans if (a, b) != (c, d)}
            for r, row in enumerate(part.rows):
                for c, text in enumerate(row):
                    if (r, c) in merged:
                        continue
                    if text != "":
                        _xls_write(sheet, top + r, c, str(text), styles, xlwt)
            for (r, c), (r2, c2) in merged.items():
                text = str(part.rows[r][c])
                number = as_number(text)
                style = styles.setdefault(number[1], xlwt.easyxf(num_format_str=number[1])) if number else None
                args = (number[0],) if number else (text,)
                sheet.write_merge(top + r, top + r2, c, c2, *args, *((style,) if style else ()))
            top += len(part.rows)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _xls_write(sheet: Any, r: int, c: int, text: str, styles: dict[str, Any], xlwt: Any) -> None:
    number = as_number(text)
    if number is None:
        sheet.write(r, c, text)
    else:
        sheet.write(r, c, number[0], styles.setdefault(number[1], xlwt.easyxf(num_format_str=number[1])))


def docx_bytes(gold: dict[str, Any], split: bool = False) -> bytes:
    """Title and year paragraphs, then a Word table per grid (``split``: the first grid in two tables)."""
    import docx

    document = docx.Document()
    for parts in blocks(gold, split):
        for part in parts:
            if isinstance(part, str):
                document.add_paragraph(part)
                continue
            width = max(len(r) for r in part.rows)
            table = document.add_table(rows=len(part.rows), cols=width)
            for r, row in enumerate(part.rows):
                for c, text in enumerate(row):
                    if text != "":
                        table.cell(r, c).text = str(text)
            for a, b, c, d in part.spans:
                if (a, b) != (c, d):
                    table.cell(b, a).merge(table.cell(d, c))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# Markup that must not reach the records: a script and a style that print table-like text,
# a comment, entities, tags inside cells, and cells and rows left unclosed.
HOSTILE_HEAD = ("<script>var t = '<table><tr><td>产出指标</td><td>数量指标</td></tr></table>';</script>"
                "<style>td { color: red } /* 一级指标 */</style><!-- 一级指标 二级指标 -->")


def _html_cell(text: str, hostile: bool) -> str:
    escaped = html.escape(text, quote=False)
    if hostile:
        escaped = escaped.replace("≥", "&ge;").replace("≤", "&le;").replace("%", "&#37;")
        return f"<span><font face='宋体'>{escaped}</font></span>"
    return escaped


def html_page(gold: dict[str, Any], charset: str = "utf-8", hostile: bool = False, split: bool = False) -> str:
    """A page with a heading, the year line and a ``<table>`` per grid; spans as rowspan / colspan."""
    body = []
    for parts in blocks(gold, split):
        for part in parts:
            if isinstance(part, str):
                body.append(f"<h3>{html.escape(part)}</h3>" if "年度" not in part else f"<p>{html.escape(part)}</p>")
                continue
            starts = {(b, a): (d - b + 1, c - a + 1) for a, b, c, d in part.spans if (a, b) != (c, d)}
            covered = {(r, c) for a, b, c2, d in part.spans for r in range(b, d + 1) for c in range(a, c2 + 1)
                       if (r, c) != (b, a)}
            rows = []
            for r, row in enumerate(part.rows):
                cells = []
                for c, text in enumerate(row):
                    if (r, c) in covered:
                        continue
                    rowspan, colspan = starts.get((r, c), (1, 1))
                    attrs = (f' rowspan="{rowspan}"' if rowspan > 1 else "") + (f" colspan={colspan}" if colspan > 1 else "")
                    close = "" if hostile and c % 2 else "</td>"
                    cells.append(f"<td{attrs}>{_html_cell(str(text), hostile)}{close}")
                rows.append("<tr>" + "".join(cells) + ("" if hostile else "</tr>"))
            body.append("<table border=1>\n" + "\n".join(rows) + "\n</table>")
    head = f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">'
    extra = HOSTILE_HEAD if hostile else ""
    return f"<!DOCTYPE html>\n<html><head>{head}<title>绩效目标</title></head><body>{extra}\n" + "\n".join(body) + "</body></html>"
