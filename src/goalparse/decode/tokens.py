"""Step 1: text -> a stream of cells (tokens), each with its position and what separated it.

Dumps separate cells with tabs, runs of two or more spaces, pipes (``| a | b |``,
``a |`` one cell per line, ``| ||||`` padding), or a single space where the line is
plainly a row of short cells (a field label and its value; a document exported that way).
Cells printed one a line and wrapped at a column's width (CJK text wraps at a fixed number
of characters) are put back together when the document shows that width. Which lines are
rows and which are one cell per line is left to later steps: a token says where it stood
(line, column counting empty cells) and how it was separated, and nothing here assumes
that a line is a table row.

>>> [(t.text, t.sep) for t in tokenize("产出指标\\t数量指标\\t\\t≥5000 人 次")]
[('产出指标', 'line'), ('数量指标', 'tab'), ('≥5000 人 次', 'tab')]
>>> [(t.text, t.col) for t in tokenize("| 质量指标 | 营养改善计划覆盖率 | ≧ | 100 | % |")]
[('质量指标', 0), ('营养改善计划覆盖率', 1), ('≧', 2), ('100', 3), ('%', 4)]
>>> [t.text for t in tokenize("产出指标 数量指标 出差人数 正向 = 8 4")]
['产出指标', '数量指标', '出差人数', '正向', '=', '8', '4']
>>> [t.text for t in tokenize("根据 文件 要求,现将 项目 绩效目标 予以公开。")]
['根据 文件 要求,现将 项目 绩效目标 予以公开。']
>>> rows = "产出指标 数量指标 培训人数 ≥100人\\n质量指标 培训合格率 95%\\n时效指标 完成时间 年底前\\n"
>>> [t.text for t in tokenize(rows + "推动支付方式改革 逐步推开\\n473001 遵化市医疗保障局")][-3:]
['推动支付方式改革', '逐步推开', '473001 遵化市医疗保障局']
>>> [t.text for t in tokenize("一年二次, 5月和11月份。\\n参保人数>38万人; 居民参保人数>508万人")]
['一年二次, 5月和11月份。', '参保人数>38万人; 居民参保人数>508万人']
"""

from __future__ import annotations

import re
from typing import Final

from ..intermediate import Separator, Token
from ..lexicon.bounds import MAX_CELLS_PER_LINE
from ..lexicon.classify import cell_info
from ..lexicon.normalise import clean_markup, printed_twice
from ..lexicon.values import starts_with_unit

_SPACE_RUN: Final = re.compile(r"[ \u3000]{2,}")
# Whitespace runs inside a cell: one space each, so no later pattern's \s* walks a long run
# from every position (a fuzzed cell of 20,000 spaces took seconds).
_CELL_SPACE_RUN: Final = re.compile(r"[^\S\t\n]{2,}")
_PIPE_RULE: Final = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_MARKDOWN_HEADING: Final = re.compile(r"^\s*#{1,6}\s+")
# A single-space row: at most this many characters per cell, and at least this many cells
# the vocabulary or the value grammar recognises.
MAX_SHORT_CELL: Final = 40
MIN_KNOWN_CELLS: Final = 2
# A line of this many single-space cells, this many of them known, is a table flattened into one line.
FLAT_TABLE_CELLS: Final = 20
FLAT_TABLE_KNOWN: Final = 8
# Rows of single-space cells that show a document was exported with single spaces as separators.
MIN_SPACE_ROWS: Final = 3
# ... on at least one line in this many: the document's rows are printed that way.
DENSE_SHARE: Final = 10
# A wrap width: at least this many characters, shared by this many distinct lines each followed at once
# by another line, and this many times as many lines as either length beside it.
MIN_WRAP_WIDTH: Final = 10
MIN_WRAPPED_LINES: Final = 5
WRAP_SPIKE: Final = 3
# A line under a full-width one that reads this much as a value is the next cell, not the rest of it.
VALUE_TAIL: Final = 0.7
_SENTENCE: Final = re.compile(r"[，。；;！？]")
_FULL_STOP: Final = "。"
_HAN: Final = re.compile(r"[\u4e00-\u9fff]")
_GOES_ON: Final = (";", "；", ",", "，", "、")
# Characters no cell starts with, and characters no cell ends with: a line break next to them is a wrap.
_OPENS_NO_CELL: Final = frozenset("，,。；;、：:）)】》」』”’%％!！?？")
_ENDS_NO_CELL: Final = frozenset("，,、；;：:（(【《「“")
MAX_ROW_CELLS: Final = 8


def _known(text: str) -> bool:
    """A cell the text knowledge recognises: heading, label, title, comparator, unit, number or value."""
    info = cell_info(text)
    return bool(
        info.heading is not None or info.column or info.is_label or info.block_label or info.title
        or info.comparator or info.unit or info.number or info.value_like >= 0.8
    )


def _single_space_row(line: str, exported: bool = False) -> list[str] | None:
    """The cells of a line separated by single spaces, when it is plainly a row of short cells.

    ``exported``: the document prints its rows that way (several such rows, and on at least one
    line in ten: not a few among cells printed one per line); then a row whose first or last cell
    is known (a heading, a value) is enough, or a line of a few short cells and no sentence.
    """
    parts = line.strip().split(" ")
    if len(parts) < 2:
        return None
    if exported:
        labelled = _label_then_text(parts)
        if labelled is not None:
            return labelled  # 年度目标 then a goal with its own spaces: two cells, not one per word
        # A code in front of a name (473001 遵化市医疗保障局) is one cell, not a row.
        first = _known(parts[0]) and not cell_info(parts[0]).number
        if first or _known(parts[-1]) or printed_twice(parts):
            return parts  # (a row printing the same cells on both periods' sides is a row, sentences and all)
        # A row under merged level cells: a name and its value (推动医保支付方式改革 逐步推开), no sentence.
        # (A word spaced out letter by letter, 目 录, is one cell.)
        row = len(parts) <= MAX_ROW_CELLS and not cell_info(parts[0]).number and min(map(len, parts)) > 1
        return parts if row and not any(_FULL_STOP in p or len(p) > MAX_SHORT_CELL for p in parts) else None
    known = sum(1 for p in parts if _known(p))
    if len(parts) >= FLAT_TABLE_CELLS and known >= FLAT_TABLE_KNOWN:
        return parts  # a whole table flattened into one line of single-space cells
    if sum(1 for p in parts if len(p) > MAX_SHORT_CELL) > 1 or sum(1 for p in parts if _SENTENCE.search(p)) > 1:
        return None
    if any(p.endswith(_GOES_ON) for p in parts[:-1]):
        return None  # 参保人数>38万人; 居民参保人数>508万人, 一年二次, 5月: a sentence goes on after the mark
    if known < MIN_KNOWN_CELLS or known * 3 < len(parts):
        return _label_then_text(parts)
    return parts


def _label_then_text(parts: list[str]) -> list[str] | None:
    """A field label, a single space, and its value (项目名称 测试项目, 年度目标 通过该项目的实施，…): two cells,
    the value keeping its own spaces; None when anything after the label is a label too."""
    if not cell_info(parts[0]).is_label or parts[1][:1] in "(（[【":
        return None  # (填报单位 (盖章): a note on the label, not its value)
    for part in parts[1:]:
        info = cell_info(part)
        if info.is_label or info.column or info.heading is not None:
            return None  # another label or a grid's words: a row of cells, not one value
    return [parts[0], " ".join(parts[1:])]


def _is_pipe_row(stripped: str) -> bool:
    return "|" in stripped and (stripped.startswith("|") or stripped.endswith("|") or " | " in stripped)


def split_line(line: str, exported: bool = False) -> tuple[list[str], Separator | None]:
    """The raw cells of one line and the separator between them (None: one cell)."""
    if "#" in line and line.lstrip().startswith("#"):
        line = _MARKDOWN_HEADING.sub("", line)
    if "\t" in line:
        return line.split("\t"), "tab"
    stripped = line.strip()
    if _is_pipe_row(stripped):
        if _PIPE_RULE.match(stripped):
            return [], None
        inner = stripped[1:] if stripped.startswith("|") else stripped
        inner = inner[:-1] if inner.endswith("|") else inner
        return inner.split("|"), "pipe"
    if _SPACE_RUN.search(stripped):
        # Leading indentation stands for empty leading cells; keep one for it.
        return _SPACE_RUN.split(line.rstrip()), "spaces"
    if " " in stripped:
        parts = _single_space_row(stripped, exported)
        if parts is not None:
            return parts, "space"
    return [line], None


def tokenize(text: str, first_line: int = 1) -> list[Token]:
    """Every printed cell of a text, in reading order (a line that is one empty pipe cell gives an empty token)."""
    return tokenize_noted(text, first_line)[0]


def _lone_cell(raws: list[str], sep: Separator | None) -> str | None:
    return raws[0].strip() if sep is None and len(raws) == 1 and raws[0].strip() else None


def _width(raws: list[str]) -> int:
    """A lone cell's printed width: a space the wrap cut the line at is part of it (标准，␠ | 提高…)."""
    return len(raws[0].lstrip())


def _wrap_widths(split: list[tuple[list[str], Separator | None]]) -> set[int]:
    """Widths at which the document's cells were wrapped onto the next line, one cell a line.

    CJK text is wrapped at a column's width in characters, so a wrapped document prints many
    different lines of exactly that length, each followed at once by the rest of its cell: a
    length that many distinct lines share, far more than the lengths beside it, and that few
    lines exceed (distinct texts are counted: a cell every table prints counts once).
    """
    texts = [_lone_cell(raws, sep) for raws, sep in split]
    followed: dict[int, set[str]] = {}
    seen: dict[int, set[str]] = {}  # distinct texts per width: a cell printed in every table counts once
    for n, text in enumerate(texts):
        if text is None:
            continue
        width = _width(split[n][0])
        seen.setdefault(width, set()).add(text)
        # (Codes and numbers are not wrapped text: a wrapped piece holds words.)
        if width >= MIN_WRAP_WIDTH and n + 1 < len(texts) and texts[n + 1] is not None and _HAN.search(text):
            followed.setdefault(width, set()).add(text)
    counts = {width: len(found) for width, found in seen.items()}
    return {w for w, found in followed.items()
            if len(found) >= MIN_WRAPPED_LINES and len(found) * 2 >= counts[w]
            and counts[w] >= WRAP_SPIKE * max(counts.get(w - 1, 0), counts.get(w + 1, 0))
            and 2 * sum(n for length, n in counts.items() if length > w) <= counts[w]}


def _continues(piece: str, tail: str, full_width: bool) -> bool:
    """Whether ``tail``, the line under ``piece`` (a line that fills the wrap width), is the rest of its cell.

    A line fills the width exactly by chance far less often than because its cell went on (the width
    is a spike among the document's line lengths), so the tail is taken unless it reads as a cell of
    its own: a label, a column heading, a level heading, a title, the line printed again; or a value
    under a name or a value that is whole (年底前完成 under 培训完成时间). A line that cannot end a cell
    (it stops at a comma or an opening bracket, or inside a number: 报销100 | %, 不少于3 | 次) or a tail that cannot
    start one (，提高…, %) goes on; so does a tail that fills the width too (a cell runs over it).
    """
    info = cell_info(tail)
    if info.is_label or info.column or (info.heading is not None and info.heading.how == "exact"):
        return False
    if tail == piece:
        return False
    if tail[0] in _OPENS_NO_CELL or piece[-1] in _ENDS_NO_CELL:
        return True
    if piece[-1].isdigit() and (tail[0].isdigit() or starts_with_unit(tail)):
        return True  # a number cut from its digits or its unit
    if full_width:
        return True
    above = cell_info(piece)
    if above.heading is not None or above.is_label or above.column or above.block_label or above.title:
        return False
    if info.title and not cell_info(piece + tail).title:
        return False  # a title under a line that is not its first part
    # A heading word, a value, or a line after a finished sentence is a cell of its own.
    return info.heading is None and piece[-1] != _FULL_STOP and info.value_like < VALUE_TAIL


def _join_wrapped_lines(split: list[tuple[list[str], Separator | None]]) -> set[int]:
    """Put cells wrapped at the document's column width back together (in ``split``); the lines taken."""
    widths = _wrap_widths(split)
    taken: set[int] = set()
    if not widths:
        return taken
    n = 0
    while n < len(split):
        raws, sep = split[n]
        text = _lone_cell(raws, sep)
        at = n
        piece, width = text, _width(raws)  # the line last put on: a cell goes on while its lines fill the width
        while text is not None and piece is not None and width in widths and at + 1 < len(split):
            tail = _lone_cell(*split[at + 1])
            if tail is None:
                break
            width = _width(split[at + 1][0])
            if not _continues(piece, tail, width in widths):
                break
            piece = tail
            at += 1
            taken.add(at)
            text = text + tail
            split[n] = ([text], None)
        n = at + 1
    return taken


def tokenize_noted(text: str, first_line: int = 1) -> tuple[list[Token], list[tuple[int, int]]]:
    """The tokens of a text, and the lines cut at ``MAX_CELLS_PER_LINE`` cells (line, cells printed).

    A document that prints several rows of short cells separated by single spaces was exported
    that way: its other lines with single spaces are read as rows on weaker evidence.
    """
    lines = text.split("\n")
    split = [split_line(line) for line in lines]
    space_rows = sum(1 for _, sep in split if sep == "space")
    if space_rows >= MIN_SPACE_ROWS and space_rows * DENSE_SHARE >= sum(1 for line in lines if line.strip()):
        split = [split_line(line, exported=True) if sep is None else (raws, sep)
                 for line, (raws, sep) in zip(lines, split, strict=True)]
    joined = _join_wrapped_lines(split)
    tokens: list[Token] = []
    cut: list[tuple[int, int]] = []
    blank = False
    for number, (raws, sep) in enumerate(split, start=first_line):
        if number - first_line in joined:
            continue  # the tail of a cell wrapped at the column width, put back on its line above
        if len(raws) > MAX_CELLS_PER_LINE:
            # No table has this many columns; decoding such a line would cost time for nothing.
            cut.append((number, len(raws)))
            raws = raws[:MAX_CELLS_PER_LINE]
        cells = []
        for col, raw in enumerate(raws):
            if raw and not raw.isspace():
                cleaned = clean_markup(raw).strip()
                if "  " in cleaned or not cleaned.isprintable():  # other whitespace is not printable
                    cleaned = _CELL_SPACE_RUN.sub(" ", cleaned)
                if cleaned:
                    cells.append((col, cleaned))
        if not cells:
            if sep == "pipe" and len(raws) <= 2:
                tokens.append(Token("", number, 0, "blank" if blank else "line", True, 0))
            else:
                blank = True
            continue
        width = len(cells)
        for n, (col, cleaned) in enumerate(cells):
            kind: Separator = ("blank" if blank else "line") if n == 0 else (sep or "spaces")
            tokens.append(Token(cleaned, number, col, kind, n == 0, width))
        blank = False
    return tokens, cut
