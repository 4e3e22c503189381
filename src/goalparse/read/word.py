"""Stage 1 for Word: a .docx -> its paragraphs and tables in document order, as rows of cells.

python-docx opens the package (it finds the main part by its relationships, whatever
the part is called); the body is then walked as XML, because python-docx's table API
repeats a merged cell in every grid position it covers. Here ``gridSpan`` moves the
column on by the cells spanned and a ``vMerge`` continuation is an empty cell, so a
merged cell is its text once, top-left (see grid.py). A paragraph between tables (the
title, the year line) is a one-cell row.
"""

from __future__ import annotations

import io
from typing import Any, Final

from ..errors import DocumentError, GoalparseError
from ..lexicon.bounds import MAX_CELLS_PER_LINE, MAX_GRID_ROWS
from .grid import GridTokens, Place, cell_text, check_zip, need

W: Final = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _TBL, _TR, _TC, _SDT = f"{W}p", f"{W}tbl", f"{W}tr", f"{W}tc", f"{W}sdt"


def _blocks(parent: Any) -> list[Any]:
    """Paragraphs and tables under a body or cell, content controls (w:sdt) opened."""
    out = []
    for child in parent:
        if child.tag in (_P, _TBL):
            out.append(child)
        elif child.tag == _SDT:
            content = child.find(f"{W}sdtContent")
            if content is not None:
                out.extend(_blocks(content))
    return out


def paragraph_text(p: Any) -> str:
    """A paragraph's text: runs joined, tabs as spaces, line breaks kept for cell_text to join."""
    parts = []
    for node in p.iter(f"{W}t", f"{W}tab", f"{W}br", f"{W}cr"):
        if node.tag == f"{W}t":
            parts.append(node.text or "")
        elif node.tag == f"{W}tab":
            parts.append(" ")
        else:
            parts.append("\n")
    return "".join(parts)


def _cells(row: Any) -> list[Any]:
    out = []
    for child in row:
        if child.tag == _TC:
            out.append(child)
        elif child.tag == _SDT:
            content = child.find(f"{W}sdtContent")
            out.extend(c for c in (content if content is not None else ()) if c.tag == _TC)
    return out


def _int_val(node: Any, default: int) -> int:
    if node is None:
        return default
    try:
        return max(1, int(node.get(f"{W}val")))
    except (TypeError, ValueError):
        return default


def _table(tbl: Any, number: int, grid: GridTokens) -> None:
    rows = [r for r in tbl if r.tag == _TR]
    for n, tr in enumerate(rows, start=1):
        if n > MAX_GRID_ROWS:
            grid.cut(f"table {number}", MAX_GRID_ROWS)
            return
        trpr = tr.find(f"{W}trPr")
        col = _int_val(trpr.find(f"{W}gridBefore"), 0) if trpr is not None else 0
        cells: list[tuple[int, str]] = []
        for tc in _cells(tr):
            if col >= MAX_CELLS_PER_LINE:
                break
            tcpr = tc.find(f"{W}tcPr")
            span = _int_val(tcpr.find(f"{W}gridSpan"), 1) if tcpr is not None else 1
            merge = tcpr.find(f"{W}vMerge") if tcpr is not None else None
            continued = merge is not None and merge.get(f"{W}val") in (None, "continue")
            if not continued:
                text = "\n".join(paragraph_text(p) for p in tc.iter(_P))
                cells.append((col, cell_text(text)))
            col += span
        grid.row(cells, Place(table=number, row=n))


def docx_tokens(data: bytes, source: str) -> GridTokens:
    """Every paragraph and table row of a Word document, in document order."""
    try:
        import docx
    except ImportError:
        need("python-docx", ".docx", source)
    check_zip(data, source)
    grid = GridTokens()
    try:
        body = docx.Document(io.BytesIO(data)).element.body
        tables = 0
        for block in _blocks(body):
            if block.tag == _TBL:
                tables += 1
                _table(block, tables, grid)
            else:
                grid.text(paragraph_text(block), Place(table=None))
    except (GoalparseError, MemoryError):
        raise
    except Exception as exc:  # python-docx and lxml raise many kinds on a broken package
        raise DocumentError(source, f"corrupt Word document ({type(exc).__name__}: {str(exc)[:200]})") from None
    return grid
