"""Stage 1 for HTML: a web page (or a text dump holding HTML tables) -> rows of cells.

lxml's HTML parser repairs broken markup the way browsers do and decodes entities;
``<script>``, ``<style>`` and comments are dropped. Every innermost ``<table>`` is a grid,
``rowspan`` / ``colspan`` placed as in a browser (a spanned cell is its text once,
top-left; see grid.py); a table that holds tables is page layout, and its cells are read
as text. Text outside grids (the title, the year line) becomes one-cell rows. The
charset comes from a BOM, the ``<meta>`` tag, or the bytes (GBK pages are common).
"""

from __future__ import annotations

import re
from typing import Any, Final

from ..errors import DocumentError, GoalparseError
from ..lexicon.bounds import MAX_CELLS_PER_LINE, MAX_GRID_ROWS
from .grid import GridTokens, Place, cell_text, need
from .text import MAX_REPAIRS, decode, decode_repaired, has_bom

_META_CHARSET: Final = re.compile(rb"""<meta[^>]{0,300}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.I)
# Charsets pages name, read as the codec that reads them all (GB18030 extends GBK and GB2312).
_CHARSET_ALIASES: Final = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030",
                           "big5": "cp950", "x-cp936": "gb18030", "cp936": "gb18030"}
_XML_DECLARATION: Final = re.compile(r"^\s*<\?xml[^>]*>")
# Elements whose content is never text of the page.
_DROPPED: Final = ("script", "style", "noscript", "template", "head", "iframe", "object")
# Elements that start a new line of text (everything else flows inline).
_BLOCKS: Final = frozenset({
    "p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "section",
    "article", "header", "footer", "main", "nav", "aside", "center", "blockquote", "pre", "hr", "form",
    "table", "tr", "td", "th", "caption", "tbody", "thead", "tfoot", "body", "html", "address", "figure",
})
_SPACES: Final = re.compile(r"[ \t\r\f\xa0]+")
# A rowspan or colspan past this is broken markup, not a grid.
_MAX_SPAN: Final = 1000


def page_text(data: bytes, source: str) -> tuple[str, str]:
    """Decode a page: the charset its ``<meta>`` tag names when that reads it, else as text dumps are read."""
    m = _META_CHARSET.search(data[:8192])
    if m and not has_bom(data):
        name = m.group(1).decode("ascii").lower()
        codec = _CHARSET_ALIASES.get(name, name)
        try:
            text, repairs = decode_repaired(data, codec)
        except LookupError:
            pass
        else:
            if len(repairs) <= MAX_REPAIRS:
                return text, name
    text, encoding, _ = decode(data, source)
    return text, encoding


def _span(cell: Any, name: str) -> int:
    try:
        return min(max(1, int(str(cell.get(name, "1")).strip() or 1)), _MAX_SPAN)
    except ValueError:
        return 1


def _text(el: Any) -> str:
    """An element's text with line breaks where blocks and ``<br>`` break it (cell_text joins them)."""
    parts: list[str] = []

    def walk(node: Any) -> None:
        if not isinstance(node.tag, str):  # a comment or processing instruction
            parts.append(node.tail or "")
            return
        block = node.tag in _BLOCKS
        if block:
            parts.append("\n")
        parts.append(node.text or "")
        for child in node:
            walk(child)
        if block:
            parts.append("\n")
        if node is not el:
            parts.append(node.tail or "")

    walk(el)
    return _SPACES.sub(" ", "".join(parts))


class _Page:
    """Walks a parsed page in document order, feeding text lines and grids to the stream."""

    def __init__(self, grid: GridTokens, split_lines: bool) -> None:
        self.grid, self.split_lines = grid, split_lines
        self.line: list[str] = []
        self.tables = 0

    def flush(self) -> None:
        text = "".join(self.line)
        self.line = []
        lines = text.split("\n") if self.split_lines else [" ".join(text.split())]
        for line in lines:
            cells = line.split("\t") if self.split_lines else [line]
            self.grid.row(((col, cell_text(c)) for col, c in enumerate(cells)), Place())

    def walk(self, node: Any) -> None:
        if not isinstance(node.tag, str):
            self.line.append(node.tail or "")
            return
        if node.tag == "table" and node.find(".//table") is None:
            self.flush()
            self.table(node)
        else:
            block = node.tag in _BLOCKS
            if block:
                self.flush()
            self.line.append(node.text or "")
            for child in node:
                self.walk(child)
            if block:
                self.flush()
        self.line.append(node.tail or "")

    def table(self, table: Any) -> None:
        self.tables += 1
        for caption in table.iter("caption"):
            self.grid.row([(0, cell_text(_text(caption)))], Place(table=self.tables))
        # The last row each column is covered to by a rowspan above.
        covered: dict[int, int] = {}
        for r, tr in enumerate(table.iter("tr")):
            if r >= MAX_GRID_ROWS:
                self.grid.cut(f"table {self.tables}", MAX_GRID_ROWS)
                return
            col = 0
            cells: list[tuple[int, str]] = []
            for td in tr:
                if td.tag not in ("td", "th"):
                    continue
                while covered.get(col, -1) >= r:
                    col += 1
                if col >= MAX_CELLS_PER_LINE:
                    break
                cells.append((col, cell_text(_text(td))))
                rows, cols = _span(td, "rowspan"), _span(td, "colspan")
                for c in range(col, min(col + cols, MAX_CELLS_PER_LINE)):
                    covered[c] = r + rows - 1
                col += cols
            self.grid.row(cells, Place(table=self.tables, row=r + 1))


def html_tokens(data: bytes, source: str, *, fragment: bool = False) -> tuple[GridTokens, str]:
    """Every text line and table row of a page (``fragment``: a text dump with HTML tables in it)."""
    try:
        import lxml.etree
        import lxml.html
    except ImportError:
        need("lxml", ".html", source)
    text, encoding = page_text(data, source)
    text = _XML_DECLARATION.sub("", text, count=1)
    grid = GridTokens()
    try:
        root = lxml.html.document_fromstring(text)
        for bad in [*root.iter(*_DROPPED), *root.iter(lxml.etree.Comment)]:
            bad.drop_tree()
        page = _Page(grid, split_lines=fragment)
        page.walk(root)
        page.flush()
    except (GoalparseError, MemoryError):
        raise
    except Exception as exc:  # lxml gives up on nothing but empty or binary documents
        raise DocumentError(source, f"unreadable HTML ({type(exc).__name__}: {str(exc)[:200]})") from None
    return grid, encoding
