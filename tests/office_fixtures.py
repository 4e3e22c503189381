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
import zipfile
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

    def span_maps(self) -> tuple[dict[tuple[int, int], tuple[int, int]], set[tuple[int, int]]]:
        """(row, col) of each merged range's top-left cell -> (rows, cols) it spans; the cells it covers."""
        starts = {(b, a): (d - b + 1, c - a + 1) for a, b, c, d in self.spans if (a, b) != (c, d)}
        covered = {(r, c) for a, b, c2, d in self.spans for r in range(b, d + 1) for c in range(a, c2 + 1)
                   if (r, c) != (b, a)}
        return starts, covered


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


def csv_bytes(gold: dict[str, Any], split: bool = False, encoding: str = "utf-8-sig") -> bytes:
    """The workbook's tables on one sheet saved as CSV, as Excel saves it: every row as wide as the
    sheet, a merged cell's text in its top-left cell, a blank row between tables, cells holding commas,
    quotes or line breaks quoted (``encoding``: Excel's "CSV UTF-8" has a BOM; GB18030 is the ANSI one)."""
    import csv

    rows: list[list[str]] = []
    for parts in blocks(gold, split):
        if rows:
            rows.append([])
        for part in parts:
            rows.extend([[part]] if isinstance(part, str) else [[str(c) for c in row] for row in part.rows])
    width = max(map(len, rows))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for row in rows:
        writer.writerow(row + [""] * (width - len(row)))
    return out.getvalue().encode(encoding)


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
            starts, covered = part.span_maps()
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


_XLSX_PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
    "xl/workbook.xml": (
        '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'),
    "xl/_rels/workbook.xml.rels": (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'),
}


def huge_xlsx(gold: dict[str, Any], filler_rows: int) -> bytes:
    """A one-sheet workbook: the first gold table's rows, then ``filler_rows`` rows of data (written as XML:
    openpyxl would take minutes to write a million rows)."""
    from openpyxl.utils import get_column_letter

    table_rows = [[part] if isinstance(part, str) else row for part in blocks(gold)[0]
                  for row in ([part] if isinstance(part, str) else part.rows)]
    xml = []
    for r, row in enumerate(table_rows, start=1):
        cells = "".join(f'<c r="{get_column_letter(c + 1)}{r}" t="inlineStr"><is><t>{html.escape(str(text))}</t></is></c>'
                        for c, text in enumerate(row) if text != "")
        xml.append(f'<row r="{r}">{cells}</row>')
    start = len(table_rows) + 1
    xml.extend(f'<row r="{r}"><c r="A{r}"><v>{r}</v></c><c r="B{r}" t="inlineStr"><is><t>x{r}</t></is></c></row>'
               for r in range(start, start + filler_rows))
    sheet = ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
             f'<dimension ref="A1:G{start + filler_rows}"/><sheetData>{"".join(xml)}</sheetData></worksheet>')
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for name, text in _XLSX_PARTS.items():
            archive.writestr(name, text)
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
    return out.getvalue()


def zip_bomb(kind: str = "xlsx", mb: int = 300) -> bytes:
    """A workbook-shaped zip whose one sheet claims to unpack to ``mb`` MB of zeros (the archive is a few MB)."""
    out = io.BytesIO()
    names = {"xlsx": "xl/workbook.xml", "docx": "word/document.xml"}
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr(names[kind], "<x/>")
        with archive.open("xl/worksheets/sheet1.xml" if kind == "xlsx" else "word/media/pad.bin", "w",
                          force_zip64=True) as part:
            chunk = b"\0" * (1 << 20)
            for _ in range(mb):
                part.write(chunk)
    return out.getvalue()


def ole2(*streams: str) -> bytes:
    """The start of an OLE2 compound file whose directory names these streams (what the sniffer reads)."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504
    directory = b"".join((name.encode("utf-16-le") + b"\0\0").ljust(128, b"\0") for name in ("Root Entry", *streams))
    return header + directory


_ODS_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
           'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
           'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')


def ods_bytes(gold: dict[str, Any], split: bool = False) -> bytes:
    """The workbook as OpenDocument (content.xml written directly): numbers as float or percentage cells
    with their displayed text, merged cells spanned with covered cells after them."""
    sheets = []
    for n, parts in enumerate(blocks(gold, split), start=1):
        rows: list[str] = []
        names = [f"表{n}"]
        for part in parts:
            if isinstance(part, str):
                rows.append(f"<table:table-row>{_ods_cell(part)}</table:table-row>")
                continue
            if part.continued:
                sheets.append((names[-1], rows))
                rows, names = [], [*names, f"表{n}续"]
            starts, covered = part.span_maps()
            for r, row in enumerate(part.rows):
                cells = []
                for c, text in enumerate(row):
                    if (r, c) in covered:
                        cells.append("<table:covered-table-cell/>")
                        continue
                    span = starts.get((r, c), (1, 1))
                    attrs = (f' table:number-rows-spanned="{span[0]}" table:number-columns-spanned="{span[1]}"'
                             if span != (1, 1) else "")
                    cells.append(_ods_cell(str(text), attrs))
                rows.append("<table:table-row>" + "".join(cells) + "</table:table-row>")
        sheets.append((names[-1], rows))
    body = "".join(f'<table:table table:name="{name}">{"".join(rows)}</table:table>' for name, rows in sheets)
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_ODS_NS} office:version="1.2">'
               f"<office:body><office:spreadsheet>{body}</office:spreadsheet></office:body></office:document-content>")
    manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
                'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
                '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>')
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("META-INF/manifest.xml", manifest)
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _ods_cell(text: str, attrs: str = "") -> str:
    if text == "":
        return f"<table:table-cell{attrs}/>"
    shown = html.escape(text, quote=False)
    number = as_number(text)
    if number is None:
        return f'<table:table-cell office:value-type="string"{attrs}><text:p>{shown}</text:p></table:table-cell>'
    kind = "percentage" if text.endswith("%") else "float"
    return (f'<table:table-cell office:value-type="{kind}" office:value="{number[0]!r}"{attrs}>'
            f"<text:p>{shown}</text:p></table:table-cell>")
