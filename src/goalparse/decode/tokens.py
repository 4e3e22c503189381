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
from collections import Counter
from collections.abc import Callable
from typing import Final

from ..intermediate import Separator, Token
from ..lexicon.bounds import MAX_CELLS_PER_LINE
from ..lexicon.classify import cell_info
from ..lexicon.normalise import clean_markup, join_wrapped, letter_spaced, lost_spaces, printed_twice, unspace_letters
from ..lexicon.values import starts_with_unit

_SPACE_RUN: Final = re.compile(r"[ \u3000]{2,}")
# Whitespace runs inside a cell: one space each, so no later pattern's \s* walks a long run
# from every position (a fuzzed cell of 20,000 spaces took seconds).
_CELL_SPACE_RUN: Final = re.compile(r"[^\S\t\n]{2,}")
_PIPE_RULE: Final = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
# Tables drawn with box-drawing characters or +---+ borders (text exports, pandoc grid tables): their
# vertical bars part cells as pipes do, and a line drawn of border characters only is no row.
_BARS: Final = str.maketrans(dict.fromkeys("│┃║｜¦", "|"))
_BAR_CHARS: Final = re.compile("[│┃║｜¦]")
_BORDER_CHARS: Final = "-─━═+┼┬┴├┤┌┐└┘╋╬╪╫╞╡╥╨╔╗╚╝╠╣╦╩|│┃║｜:= \t"
_BORDER_SET: Final = f"[{re.escape(_BORDER_CHARS)}]*"
_BORDER: Final = re.compile(f"^{_BORDER_SET}(?:[─━═]{{3}}|-{{3,}}\\+|\\+-{{3}}){_BORDER_SET}$")
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
# A line of this many bars or fewer, one cell a line, is an empty cell and its padding (||, ||||); a longer
# run of bars is a rule drawn between rows.
MAX_EMPTY_CELL_BARS: Final = 5
MIN_WRAP_WIDTH: Final = 10
MIN_WRAPPED_LINES: Final = 5
# Lines this long that share their exact length rarely do so by chance (a page's width: glued text wrapped
# by a PDF's text dump): fewer of them show the width, when none is longer and they are half the lines.
LONG_WRAP_WIDTH: Final = 30
MIN_LONG_WRAPPED_LINES: Final = 2
WRAP_SPIKE: Final = 1.5
# A line under a full-width one that reads this much as a value is the next cell, not the rest of it.
VALUE_TAIL: Final = 0.7
_SENTENCE: Final = re.compile(r"[，。；;！？]")
_FULL_STOP: Final = "。"
_HAN: Final = re.compile(r"[\u4e00-\u9fff]")
_HAN_SPACE: Final = re.compile(r"(?<=[\u4e00-\u9fff。；;）)》”%])\s(?=[\u4e00-\u9fff（(《“])")
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
    if len(parts) < 2 or letter_spaced(parts):
        return None  # (one word, or one text printed with a space after every character: 项 目 名 称)
    if len(parts) <= 3 and all(_value_piece(p) for p in parts) and not all(cell_info(p).number for p in parts):
        return None  # one value's comparator, number and unit on a line of their own (≥ 95 %, ≧ %)
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
        if row and not any(_FULL_STOP in p or len(p) > MAX_SHORT_CELL for p in parts):
            return parts
        # Sentences too: Chinese prints no space between its words, so a space between two Han characters
        # (or after a sentence's end) parts cells; one beside a digit is the text's own (不少于 5000 人次).
        cells = _HAN_SPACE.split(line.strip())
        return cells if 2 <= len(cells) <= MAX_ROW_CELLS and not cell_info(cells[0]).number else None
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


def _value_piece(part: str) -> bool:
    info = cell_info(part)
    return bool(info.comparator_sign or info.unit or info.number)


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
    """Cells parted by bars: a bar at either end, a spaced bar, or two bars (a|b|c)."""
    return "|" in stripped and (stripped.startswith("|") or stripped.endswith("|") or " | " in stripped
                                or stripped.count("|") >= 2)


def split_line(line: str, exported: bool = False) -> tuple[list[str], Separator | None]:
    """The raw cells of one line and the separator between them (None: one cell)."""
    if "#" in line and line.lstrip().startswith("#"):
        line = _MARKDOWN_HEADING.sub("", line)
    if _BAR_CHARS.search(line):
        line = line.translate(_BARS)
    if ("-" in line or "─" in line or "━" in line or "═" in line) and _BORDER.match(line):
        return [], None
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
    lines, longest = sum(counts.values()), max(counts, default=0)
    return {w for w, found in followed.items()
            if (len(found) >= MIN_WRAPPED_LINES or (
                w >= LONG_WRAP_WIDTH and len(found) >= MIN_LONG_WRAPPED_LINES and 2 * counts[w] >= lines
                and w == longest))
            and len(found) * 2 >= counts[w]
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
    if info.own_cell or tail == piece:
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
    # A heading word, a value under a name, or a line after a finished sentence is a cell of its own;
    # value words under a piece of a value go on (季末组织专家评审; 恶性肿瘤 | 即时申报。).
    if info.heading is not None or piece[-1] == _FULL_STOP:
        return False
    return info.value_like < VALUE_TAIL or (above.value_like >= VALUE_TAIL and not info.number)


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


# A cell of a line aligned by runs of spaces: words joined by single spaces.
_ALIGNED_CELL: Final = re.compile(r"[^ \u3000]+(?:[ \u3000][^ \u3000]+)*")
# A cell this close to its column's width filled it (a wide character does not fit the last place).
FULL_SLACK: Final = 1
# Columns are set by spaces when this share of the cells after a line's first start where one of the
# lines just above (this many) has one: 0.85-0.92 in aligned layouts, 0.11-0.38 in rows parted by spaces.
ALIGNED_SHARE: Final = 0.6
ALIGNED_LINES: Final = 4
# Runs of spaces of one length this often between a document's cells are a separator, not padding.
FIXED_SEPARATOR: Final = 0.8
Aligned = list[tuple[int, str]]  # (where it starts, text) for each cell of a line


# Characters printed two places wide (East Asian Wide and Fullwidth: Hangul, CJK, fullwidth forms).
_WIDE: Final = re.compile("[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff"
                          "\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]")


def _display(text: str) -> int:
    """Printed width: a wide (CJK) character takes two places in a monospaced layout."""
    return len(text) + len(_WIDE.findall(text))


def _padded(lines: list[str], split: list[tuple[list[str], Separator | None]]) -> bool:
    """Whether the runs of spaces between cells vary, as padding to a column's place does (a fixed
    separator, two spaces between every pair of cells, sets nothing in columns)."""
    runs: Counter[int] = Counter()
    for line, (_, sep) in zip(lines, split, strict=True):
        if sep == "spaces":
            runs.update(len(run) for run in _SPACE_RUN.findall(line.strip()))
    total = sum(runs.values())
    return total > 0 and runs.most_common(1)[0][1] < FIXED_SEPARATOR * total


def _aligned(lines: list[str], split: list[tuple[list[str], Separator | None]]
             ) -> tuple[list[Aligned | None], list[Aligned | None]]:
    """Each line's cells with where they start, in characters and in printed width, for lines printed
    in runs of spaces or as one cell (None for other lines)."""
    by_chars: list[Aligned | None] = []
    by_width: list[Aligned | None] = []
    for line, (_, sep) in zip(lines, split, strict=True):
        if sep not in ("spaces", None) or not line.strip():
            by_chars.append(None)
            by_width.append(None)
            continue
        cells = [(m.start(), m.group()) for m in _ALIGNED_CELL.finditer(line.rstrip())]
        by_chars.append(cells)
        placed = []
        width = end = 0
        for start, text in cells:  # each cell's printed place: the widths before it, added up once
            width += _display(line[end:start])
            placed.append((width, text))
            end = start
        by_width.append(placed)
    return by_chars, by_width


def _lined_up(aligned: list[Aligned | None]) -> float:
    """The share of cells that start where a cell of the lines just above starts (a line's first cell
    aside: every line starts somewhere at the left)."""
    count = total = 0
    window: list[set[int]] = []
    for cells in aligned:
        if not cells:
            continue
        seen = set().union(*window)
        starts = {start for start, _ in cells[1:]}
        total += len(starts)
        count += len(starts & seen)
        window = [*window[1 - ALIGNED_LINES:], {start for start, _ in cells}]
    return count / total if total else 0.0


def _join_aligned_continuations(lines: list[str], split: list[tuple[list[str], Separator | None]]) -> set[int]:
    """Cells wrapped in place inside columns aligned by spaces (pdftotext -layout, text exports) put back.

    Such a layout prints a wrapped cell's next piece on the next line, at the place its column
    starts, with nothing in the columns whose cells ended: a line whose every cell starts where a
    cell of the row above starts, and that cell filled its column's width (the widest cell ever
    printed there), is the rest of those cells. A line of a new row under merged cells prints a
    cell under a piece that did not fill its column (or where the row printed none).
    Places are counted in characters (pdftotext) or in printed widths, whichever lines up more of
    the document's cells. Returns the lines taken (``split`` holds the joined rows).
    """
    if sum(1 for _, sep in split if sep == "spaces") < MIN_SPACE_ROWS or not _padded(lines, split):
        return set()
    by_chars, by_width = _aligned(lines, split)
    shares = _lined_up(by_chars), _lined_up(by_width)
    if max(shares) < ALIGNED_SHARE:
        return set()  # cells parted by runs of spaces, not set in columns
    printed = shares[1] > shares[0]
    aligned, measure = (by_width, _display) if printed else (by_chars, len)
    widest: dict[int, int] = {}
    for cells in aligned:
        for start, text in cells or ():
            widest[start] = max(widest.get(start, 0), measure(text))
    slack = FULL_SLACK * (2 if printed else 1)
    taken: set[int] = set()
    row: int | None = None
    cells_of_row: dict[int, str] = {}  # place -> the row's cell text there
    last: dict[int, str] = {}  # place -> the last piece printed there
    for n, cells in enumerate(aligned):
        if not cells:
            row = None
            continue
        went_on = [_goes_on(start, text, last, widest, measure, slack, len(cells) == 1) for start, text in cells]
        # A row's other cells centred on a wrapped cell's lines come under its first piece: they fill places
        # the row left empty.
        # (A row that so far is the first pieces of one cell, a label centred beside its value: the label too.)
        lone = len(cells_of_row) == 1
        gaps = all(on or (start not in cells_of_row and (_free_cell(text) or (lone and start < min(cells_of_row))))
                   for on, (start, text) in zip(went_on, cells, strict=True))
        if row is not None and any(went_on) and gaps:
            for start, text in cells:
                cells_of_row[start] = join_wrapped(cells_of_row[start] + " " + text) if start in cells_of_row else text
                last[start] = text
            texts = [cells_of_row[k] for k in sorted(cells_of_row)]
            split[row] = (([""] if min(cells_of_row) > 0 else []) + texts, "spaces" if len(texts) > 1 else None)
            taken.add(n)
            continue
        row = n
        cells_of_row = dict(cells)
        last = dict(cells)
    return taken


def _free_cell(text: str) -> bool:
    """A cell that reads as no label, column heading or title (those open rows of their own)."""
    info = cell_info(text)
    return not (info.is_label or info.column or info.title)


def _goes_on(start: int, text: str, last: dict[int, str], widest: dict[int, int],
             measure: Callable[[str], int], slack: int, alone: bool) -> bool:
    """A cell that starts where the row's piece above it filled its column, and reads as no cell of its own."""
    above = last.get(start)
    if above is None or measure(above) < widest[start] - slack:
        return False
    if above.endswith(_FULL_STOP) and text[0] not in _OPENS_NO_CELL and not alone:
        return False  # a sentence that ended where its column did, under a row of cells (a paragraph goes on)
    info = cell_info(text)
    cut_number = above[-1].isdigit() and (text[0].isdigit() or starts_with_unit(text))  # 2020年1月--202 | 0年11月
    if info.bare_value and cell_info(above).bare_value and not cut_number:
        return False  # a whole value under a whole value (≥95% | 90%): the next row's, not the rest of it
    return not (info.own_cell or info.title)


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
    joined = _join_aligned_continuations(lines, split)
    joined |= _join_wrapped_lines(split)
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
                cleaned = lost_spaces(clean_markup(raw)).strip()
                if "  " in cleaned or not cleaned.isprintable():  # other whitespace is not printable
                    cleaned = _CELL_SPACE_RUN.sub(" ", cleaned)
                if " " in cleaned:
                    cleaned = unspace_letters(cleaned)
                if cleaned:
                    cells.append((col, cleaned))
        if not cells:
            if sep == "pipe" and len(raws) <= MAX_EMPTY_CELL_BARS - 1:
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
