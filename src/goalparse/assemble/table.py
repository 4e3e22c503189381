"""Building records: placed grid rows and header fields -> ``Table`` records.

Carries level-1/level-2 headings down to the rows that leave them empty,
keeps the tree consistent (a level-2 heading implies its level-1 parent),
resolves headings that match nothing from the indicators' content (flagged
``inferred``), splits cells that hold two indicators, and scores confidence.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from typing import Final

from ..intermediate import VALUE_PARTS, Column, Header, PlacedRow, Schema, Token
from ..lexicon.classify import is_placeholder
from ..lexicon.normalise import TEXT_CACHE_SIZE, join_wrapped, match_key
from ..lexicon.taxonomy import (
    SCORE_NOTE,
    HeadingMatch,
    Node,
    choose_level2,
    inference_weights,
    level2_votes,
    match_heading,
    node,
    previous_sibling,
)
from ..lexicon.values import comparator_of, is_unit, parse_value, parse_value_noted
from ..records import Diagnostic, Period, Provenance, Table

# A cell splits into several indicators only when each part is this long.
MIN_SPLIT_NAME: Final = 4
MIN_SPLIT_VALUE: Final = 2
INFERRED_CONFIDENCE: Final = 0.5
# Characters of a cell quoted in a warning.
QUOTE_CHARS: Final = 40
# Columns copied onto each indicator when the schema has them.
_EXTRA_COLUMNS: Final[tuple[Column, ...]] = ("description", "basis", "actual", "weight", "score")
# Columns of notes on a row (its explanation, the basis of its value, a remark or scoring rule).
NOTE_COLUMNS: Final[frozenset[Column]] = frozenset(("description", "basis", "extra"))


class _Level:
    """A heading in force: the node (None when unresolved) and the text as printed."""

    __slots__ = ("node", "printed", "score", "unknown")

    def __init__(self, node: Node | None, printed: str, score: float, unknown: bool = False) -> None:
        self.node = node
        self.printed = printed
        self.score = score
        self.unknown = unknown


class _Pending:
    """An indicator being built: its record fields, its tree nodes, and a level-2 heading that matched
    nothing (inferred from the run's content once the table is read)."""

    __slots__ = ("indicator", "level1", "level2", "level2_unknown", "text")

    def __init__(self, indicator: dict[str, object], level1: Node | None, level2: Node | None,
                 level2_unknown: str | None, text: str) -> None:
        self.indicator = indicator
        self.level1 = level1
        self.level2 = level2
        self.level2_unknown = level2_unknown
        self.text = text

    def mark_inferred(self) -> None:
        """Its headings were inferred, not printed: flagged, and the parser less sure of it."""
        self.indicator["inferred"] = True
        self.indicator["confidence"] = round(float(self.indicator["confidence"]) * INFERRED_CONFIDENCE, 3)  # type: ignore[arg-type]


def _time_values(pending: list[_Pending]) -> int:
    """How many of the indicators print a time value (votes for 时效指标 when their level is inferred)."""
    return sum(1 for p in pending if getattr(p.indicator["value"], "kind", "") == "time")


class _State:
    """Headings in force while reading down the grid."""

    __slots__ = ("level1", "level2")

    def __init__(self) -> None:
        self.level1: _Level | None = None
        self.level2: dict[Period, _Level | None] = {"medium_term": None, "annual": None}


def infer_level2(texts: list[str], time_values: int, context: str | None) -> str | None:
    """Level-2 code the indicators' own words point to (longest words weigh most)."""
    votes = level2_votes("".join(match_key(t) for t in texts), time_values)
    if context:
        votes[context] = votes.get(context, 0.0) + inference_weights().context
    if not votes:
        return None
    return max(votes, key=lambda code: votes[code])


_BRACKETED_VALUE: Final = re.compile(r"^(?P<name>.{2,}?)[(（](?P<value>[^()（）*]{1,20})[)）]$")


# Names that print their values in brackets, counted in a table, that make a bracketed word a value too.
BRACKETED_VALUE_EVIDENCE: Final = 2


def split_bracketed_value(text: str, words_too: bool = False) -> tuple[str, str] | None:
    """A name with its value in brackets at the end, when the bracket holds a measured value; with
    ``words_too`` (the table prints its values that way) any bracketed words that are not a unit.

    >>> split_bracketed_value("指标1:机柜数量(≥77台)"), split_bracketed_value("受益人数(人)")
    (('指标1:机柜数量', '≥77台'), None)
    >>> split_bracketed_value("苗木成活率(≥**%)"), split_bracketed_value("指标1:服务保障民生(有力保障)")
    (None, None)
    >>> split_bracketed_value("指标1:服务保障民生(有力保障)", True), split_bracketed_value("受益人数(人)", True)
    (('指标1:服务保障民生', '有力保障'), None)
    """
    m = _BRACKETED_VALUE.match(text.strip())
    if not m:
        return None
    value = m.group("value").strip()
    measured = any(ch.isdigit() for ch in value) and parse_value(value).kind in ("quantitative", "time")
    words = words_too and not is_unit(value) and len(match_key(value)) >= MIN_BRACKETED_WORDS
    return (m.group("name").strip(), value) if measured or words else None


MIN_BRACKETED_WORDS: Final = 2


def _split_pair(name: str, value: str, year: int | None) -> list[tuple[str, str]]:
    """Two indicators printed in one row: 'A B' | 'a b' -> [(A, a), (B, b)].

    A wrap artefact ('完成工作需 要的资金' | '300 万元') also has spaces, so every
    part must be long enough and every value part a whole value of one kind.
    """
    names, values = name.split(), value.split()
    if len(names) < 2 or len(names) != len(values):
        return [(name, value)]
    if any(len(match_key(n)) < MIN_SPLIT_NAME for n in names):
        return [(name, value)]
    if any(len(match_key(v)) < MIN_SPLIT_VALUE for v in values):
        return [(name, value)]
    if len({parse_value(v, year).kind for v in values}) != 1:
        return [(name, value)]
    return list(zip(names, values, strict=True))


@lru_cache(maxsize=TEXT_CACHE_SIZE)
def _joined(name: str) -> str:
    """Names repeat (both periods, many tables): join OCR-split words once per name."""
    return join_wrapped(name)


def _provenance(source: str, row: PlacedRow, bbox: tuple[float, float, float, float] | None) -> dict[str, object]:
    """Text dumps point at a line; PDFs at a page and the cell's box (their row numbers are internal).

    A plain dict: the whole table is validated at once in ``build_table``.
    """
    first, last = row.row.tokens[0], row.row.tokens[-1]
    if first.page is None:
        where: dict[str, object] = {"source": source, "line": first.line}
        if last.line != first.line:
            where["line_end"] = last.line
        return where
    rounded = tuple(round(v, 1) for v in bbox) if bbox else None
    where = {"source": source, "page": first.page, "bbox": rounded}
    read = [t.ocr for t in row.row.tokens if t.ocr is not None]
    if read:
        where["ocr_confidence"] = round(min(read), 3)
    return where


def read_by_ocr(tokens: Sequence[Token]) -> tuple[float | None, list[Diagnostic]]:
    """Mean OCR confidence of a table's cells read from a scan, and a GP601 per such page (to check by eye)."""
    by_page: dict[int, list[float]] = {}
    for t in tokens:
        if t.ocr is not None and t.page is not None:
            by_page.setdefault(t.page, []).append(t.ocr)
    if not by_page:
        return None, []
    notes = [Diagnostic(code="GP601", page=page, message=(
        f"page {page} read by OCR, mean confidence {sum(c) / len(c):.3f}: check it against the scan"))
        for page, c in sorted(by_page.items())]
    every = [c for confidences in by_page.values() for c in confidences]
    return round(sum(every) / len(every), 3), notes


def _where(indicator: dict[str, object]) -> tuple[int | None, int | None]:
    """Line and page of an indicator dict's provenance."""
    where = indicator["provenance"]
    assert isinstance(where, dict)
    return where.get("line"), where.get("page")




def _as_printed(heading: str) -> str:
    """A heading the taxonomy does not know, as printed: whitespace and a score note (30分) dropped."""
    return SCORE_NOTE.sub("", "".join(heading.split()))


def _quote(text: str) -> str:
    """Text for a message: long text shortened (a warning quotes the input, not all of it)."""
    return text if len(text) <= QUOTE_CHARS else f"{text[:QUOTE_CHARS]}… ({len(text):,} characters)"


def _heading(cell: Token) -> HeadingMatch:
    return match_heading(cell.text) or HeadingMatch(cell.text, (), 0.0, "unknown")


class _Builder:
    def __init__(self, source: str, layout: Schema, year: int | None) -> None:
        self.source = source
        self.layout = layout
        self.year = year
        self.state = _State()
        self.pending: list[_Pending] = []
        # The grid's first level-2 heading and how many indicators came before it.
        self.first_level2: tuple[Node, int] | None = None
        self.warnings: list[Diagnostic] = []
        self._page: int | None = None
        # What the layout has, asked once per table rather than per indicator.
        self._joined_parts = layout.has("comparator") or layout.has("unit")
        self._extra_columns: tuple[Column, ...] = tuple(c for c in _EXTRA_COLUMNS if layout.has(c))
        self._named_periods = frozenset(s.period for s in layout.slots if s.column == "name")
        self.bracketed_values = False
        self.column_texts: frozenset[str] = frozenset()  # texts other rows print in a note column

    def warn(self, code: str, line: int | None, message: str) -> None:
        """A diagnostic at a text line, or at the PDF page of the row in hand (PDF row numbers are internal)."""
        if self._page is not None:
            self.warnings.append(Diagnostic(code=code, message=message, page=self._page))
        else:
            self.warnings.append(Diagnostic(code=code, message=message, line=line))

    def _note_match(self, h: HeadingMatch, line: int) -> None:
        if h.how == "fuzzy":
            self.warn("GP201", line, f"heading '{h.text}' -> {'/'.join(h.names())} (score {h.score:.0f})")
        elif h.how == "fragment":
            self.warn("GP202", line, f"heading fragment '{h.text}' joined to {'/'.join(h.names())}")

    def _set_level1(self, cell: Token, line: int) -> None:
        h = _heading(cell)
        nodes = h.at_level(1)
        if nodes:
            self.state.level1 = _Level(nodes[0], cell.text, h.score)
            self._note_match(h, line)
        else:
            self.state.level1 = _Level(None, cell.text, 0.0, unknown=True)
        self.state.level2 = {"medium_term": None, "annual": None}

    def _set_level2(self, period: Period, cell: Token, line: int, level1_in_row: bool) -> None:
        h = _heading(cell)
        current = self.state.level1
        n = choose_level2(h, current.node.code if current and current.node else None)
        if n is None:
            self.state.level2[period] = _Level(None, cell.text, 0.0, unknown=True)
            return
        self._note_match(h, line)
        self.state.level2[period] = _Level(n, cell.text, h.score)
        if self.first_level2 is None:
            self.first_level2 = (n, len(self.pending))
        parent = node(n.parent) if n.parent else None
        if parent and (current is None or current.node is None or current.node.code != parent.code):
            if current is not None and current.node is not None and level1_in_row:
                # Printed side by side (产出指标 | 经济成本指标): the printed level 1 stands, flagged.
                self.warn("GP204", line, f"'{cell.text}' belongs under {parent.name}, not '{current.printed}'")
                return
            printed = current.printed if current and level1_in_row else ""
            self.state.level1 = _Level(parent, printed, current.score if current and level1_in_row else 100.0)

    def _same_block(self, level1_cell: Token, row: PlacedRow) -> bool:
        """An indicator row printing the level 1 already in force, and no level 2, continues its block."""
        current = self.state.level1
        if current is None or current.node is None or row.get("name") is None:
            return False
        nodes = _heading(level1_cell).at_level(1)
        return bool(nodes) and nodes[0].code == current.node.code and any(self.state.level2.values())

    def add_row(self, row: PlacedRow, indicators: bool = True) -> None:
        self._page = row.row.page
        line = row.row.line
        level1_cell = row.get("level1")
        level2_cells = {p: row.get("level2", p) for p in self.layout.periods}
        if level1_cell is not None and not any(level2_cells.values()):
            # 成本指标 / 满意度指标 name both levels: alone in a row, the tree decides.
            h = _heading(level1_cell)
            current = self.state.level1.node if self.state.level1 else None
            below = [n for n in h.at_level(2) if current is not None and n.parent == current.code]
            if below:
                level2_cells = dict.fromkeys(self.layout.periods, level1_cell)
                level1_cell = None
            elif h.at_level(1):
                own = [n for n in h.at_level(2) if n.parent == h.at_level(1)[0].code]
                if own:
                    level2_cells = dict.fromkeys(self.layout.periods, level1_cell)
        if level1_cell is not None and not any(level2_cells.values()) and self._same_block(level1_cell, row):
            level1_cell = None  # a merged level-1 cell printed on a row in the middle of its block
        if level1_cell is not None:
            self._set_level1(level1_cell, line)
        for period in self.layout.periods:
            cell = level2_cells[period] or next((c for c in level2_cells.values() if c is not None), None)
            if cell is not None:
                self._set_level2(period, cell, line, level1_cell is not None)
        # (A comparator or unit beside a value where the header names no column for it is joined to the value.)
        left_out = row.dropped if self._joined_parts else tuple(c for c in row.dropped if not _value_part(c.text))
        if left_out and any(_heading(c).how == "unknown" for c in left_out):
            self.warn("GP301", line, "cells left out: " + " | ".join(c.text for c in left_out))
        if not indicators:
            return
        for period in self.layout.periods:
            self._add_indicators(row, period)

    def _add_indicators(self, row: PlacedRow, period: Period) -> None:
        name_cell, value_cell = row.get("name", period), row.get("value", period)
        if name_cell is None and value_cell is not None and period not in self._named_periods:
            name_cell = row.get("name")  # one name column over two periods' values (中期指标值 | 年度指标值)
        name = name_cell.text if name_cell and not is_placeholder(name_cell.text) else ""
        value = value_cell.text if value_cell and not is_placeholder(value_cell.text) else ""
        if value and self._joined_parts:
            value = self._with_comparator_and_unit(row, period, value)
        elif value and value_cell is not None:
            value = _with_unplaced_parts(row, value_cell, value)
        if not name and not value:
            return
        if name_cell is not None and not name and is_placeholder(name_cell.text):
            # A template row (指标1: | ≥90%, …… | 满意) is no indicator (FORMAT.md).
            self.warn("GP306", row.row.line, f"placeholder '{name_cell.text}' with value '{_quote(value)}'; left out")
            return
        if not (name and value):
            # One cell holds both: 指标1:机柜数量(≥77台) -> name, value.
            both = split_bracketed_value(name or value, self.bracketed_values)
            if both is not None:
                name, value = both
                value_cell = value_cell or name_cell
        if value_cell is None and name in self.column_texts:
            # 未达指标值酌情扣分 alone after a row's headings: the scoring rule every row prints in its note
            # column, this row's name and value printed blank.
            self.warn("GP307", row.row.line, f"'{name}' is what other rows print in a note column; left out")
            return
        other_side = any(row.get("name", p) is not None for p in self.layout.periods if p != period)
        if row.row.stream and value_cell is None and not is_placeholder(name) and not other_side:
            # One cell per line or glued: a name whose value cell never came is no indicator (FORMAT.md);
            # with the other period's side printed after it, the value cell was there, empty.
            self.warn("GP304", row.row.line, f"'{name}' has no value cell; left out")
            return
        pairs = _split_pair(name, value, self.year)
        if len(pairs) > 1:
            self.warn("GP302", row.row.line, f"one cell holds {len(pairs)} indicators: '{name}'")
        if not name:
            self.warn("GP303", row.row.line, f"value '{value}' has no indicator name")
        where = name_cell or value_cell
        for one_name, one_value in pairs:
            self._add_one(row, period, one_name, one_value, len(pairs) > 1, where.bbox if where else None)

    def _with_comparator_and_unit(self, row: PlacedRow, period: Period, value: str) -> str:
        """Put back together a value printed over several cells, in printed order: ≥ | 50 | 人 -> ≥50人."""
        parts = []
        for token, slot in zip(row.row.tokens, row.slots, strict=True):
            if slot is None or slot.period != period or slot.column not in VALUE_PARTS or not token.text:
                continue
            if slot.column == "comparator" and not comparator_of(token.text):
                continue  # a value type (定量, 正向) printed in the comparator column
            parts.append(token.text.strip())
        return "".join(parts) if parts else value

    def _add_one(self, row: PlacedRow, period: Period, name: str, value: str, split: bool,
                 bbox: tuple[float, float, float, float] | None) -> None:
        level1, level2 = self.state.level1, self.state.level2[period]
        confidence = 1.0
        for level in (level1, level2):
            if level is not None and level.node is not None:
                confidence *= max(level.score, 50.0) / 100.0
        if split:
            confidence *= 0.9
        if row.dropped:
            confidence *= 0.8
        if not value:
            confidence *= 0.9
        read = [t.ocr for t in row.row.tokens if t.ocr is not None]
        if read:
            confidence *= min(read)  # text read from a scan is only as sure as its recogniser
        parsed, notes = parse_value_noted(value, self.year)
        for note in notes:
            self.warn("GP501" if "out of range" in note else "GP502", row.row.line, f"value '{_quote(value)}': {note}")
        ind: dict[str, object] = {
            "period": period,
            "name": _joined(name),
            "value": parsed,
            "confidence": round(confidence, 3),
            "provenance": _provenance(self.source, row, bbox),
        }
        if level1 is not None:
            ind["level1_printed"] = level1.printed or None
        if level2 is not None:
            ind["level2_printed"] = level2.printed
        for column in self._extra_columns:
            cell = row.get(column, period)
            text = join_wrapped(cell.text) if cell and not is_placeholder(cell.text) else ""
            if column in ("description", "basis") or text:
                ind[column] = text
        self.pending.append(_Pending(
            indicator=ind,
            level1=level1.node if level1 is not None else None,
            level2=level2.node if level2 is not None else None,
            level2_unknown=level2.printed if level2 is not None and level2.node is None else None,
            text=name,
        ))

    def indicators(self) -> list[dict[str, object]]:
        """Indicator records as plain dicts (validated with their table); call once: it finishes the pending ones."""
        self._infer()
        self._before_first_heading()
        self._headings_lost()
        out = []
        for p in self.pending:
            ind = p.indicator
            l1, l2 = p.level1, p.level2
            if l2 is not None and l1 is None and l2.parent:
                l1 = node(l2.parent)
            if l1 is not None:
                ind["level1"], ind["level1_code"] = l1.name, l1.code
            elif ind.get("level1_printed"):
                # A heading of another tree (实施效果指标, 履职效能): as printed, its score note dropped.
                ind["level1"] = _as_printed(str(ind["level1_printed"]))
            if l2 is not None:
                ind["level2"], ind["level2_code"] = l2.name, l2.code
            elif p.level2_unknown:
                ind["level2"] = _as_printed(p.level2_unknown)
            out.append(ind)
        return out

    def _before_first_heading(self) -> None:
        """Rows printed before the grid's first level-2 heading (a merged cell whose text landed below
        them) belong to the category the taxonomy puts just before that heading's: 数量指标 before 质量指标.
        Flagged as inferred."""
        if self.first_level2 is None:
            return
        first, lead = self.first_level2
        if lead == 0 or any(p.level2 is not None or p.level2_unknown for p in self.pending[:lead]):
            return
        before = previous_sibling(first)
        if before is None:
            return
        parent = node(before.parent) if before.parent else None
        for p in self.pending[:lead]:
            p.level2, p.level1 = before, parent
            p.mark_inferred()
        line, self._page = _where(self.pending[0].indicator)
        self.warn("GP206", line, f"{lead} rows above the first heading ({first.name}) taken as {before.name}")

    def _headings_lost(self) -> None:
        """A grid whose header names its level columns but whose rows print no heading at all (a page's top
        rows under headings printed on the page before, merged cells lost by the export): the level the rows'
        own words point to, flagged as inferred. A grid with no level column keeps its rows' levels empty."""
        if not self.pending or not (self.layout.has("level2") or self.layout.has("level1")) or any(
                p.level1 is not None or p.level2 is not None or p.level2_unknown for p in self.pending):
            return
        code = infer_level2([p.text for p in self.pending], _time_values(self.pending), None)
        if code is None:
            return
        level2 = node(code)
        level1 = node(level2.parent) if level2.parent else None
        for p in self.pending:
            p.level1, p.level2 = level1, level2
            p.mark_inferred()
        line, self._page = _where(self.pending[0].indicator)
        self.warn("GP206", line, f"{len(self.pending)} rows under no heading taken as {level2.name} from their words")

    def _infer(self) -> None:
        """Resolve runs of indicators under a heading that matched nothing."""
        i = 0
        while i < len(self.pending):
            p = self.pending[i]
            if p.level2_unknown is None:
                i += 1
                continue
            j = i
            while j < len(self.pending) and self.pending[j].level2_unknown == p.level2_unknown:
                j += 1
            run = self.pending[i:j]
            before = self.pending[i - 1].level2 if i else None
            context = before.code if before is not None else None
            code = infer_level2([r.text for r in run], _time_values(run), context)
            if code is not None and any(r.level1 is not None and node(code).parent != r.level1.code for r in run):
                code = None  # content points under another level 1 than the one printed: keep the heading as printed
            for r in run:
                line, self._page = _where(r.indicator)
                if code is None:
                    self.warn("GP203", line, f"heading '{p.level2_unknown}' matches nothing; level 2 left empty")
                    continue
                inferred = node(code)
                r.level2 = inferred
                if r.level1 is None or inferred.parent != r.level1.code:
                    r.level1 = node(inferred.parent) if inferred.parent else None
                r.mark_inferred()
            if code is not None:
                line, self._page = _where(run[0].indicator)
                self.warn("GP203", line,
                          f"heading '{p.level2_unknown}' matches nothing; inferred {node(code).name} from content")
            i = j


def _value_part(text: str) -> bool:
    """A comparator or a unit alone in a cell."""
    return bool(text) and (is_unit(text) or comparator_of(text) == text.strip())


def _with_unplaced_parts(row: PlacedRow, value_cell: Token, value: str) -> str:
    """A value whose comparator or unit the row prints in a cell of its own that the header names no column
    for (指标值 over ≥ | 100 | 人): those cells, next to it and placed nowhere, are joined on in printed order."""
    tokens, slots = row.row.tokens, row.slots
    at = next((n for n, t in enumerate(tokens) if t is value_cell), None)
    if at is None:
        return value
    before = tokens[at - 1] if at and slots[at - 1] is None else None
    after = tokens[at + 1] if at + 1 < len(tokens) and slots[at + 1] is None else None
    if before is not None and before.text and comparator_of(before.text) and not comparator_of(value):
        value = before.text.strip() + value
    if after is not None and after.text and is_unit(after.text) and value[-1:].isdigit():
        value += after.text.strip()
    return value


def _prints_bracketed_values(grid: list[PlacedRow], layout: Schema) -> bool:
    """Whether the table prints its values in brackets after the names (指标1:机柜数量(≥77台)):
    rows whose one cell splits on a measured value in brackets."""
    seen = 0
    for row in grid:
        for period in layout.periods:
            name, value = row.get("name", period), row.get("value", period)
            alone = name if value is None else (value if name is None else None)
            if alone is not None and split_bracketed_value(alone.text) is not None:
                seen += 1
                if seen >= BRACKETED_VALUE_EVIDENCE:
                    return True
    return False


# A text printed this many times in a note column (description, basis, remarks) is that column's.
NOTE_TEXT_EVIDENCE: Final = 2


def _note_texts(grid: list[PlacedRow]) -> frozenset[str]:
    """Texts the table prints in a note column (指标解释, 评分标准 …) in several rows."""
    counts = Counter(t.text for row in grid for t, slot in zip(row.row.tokens, row.slots, strict=True)
                     if slot is not None and slot.column in NOTE_COLUMNS and t.text)
    return frozenset(text for text, n in counts.items() if n >= NOTE_TEXT_EVIDENCE)


def build_table(
    source: str, title: str | None, year: int | None, header: Header, layout: Schema,
    grid: list[PlacedRow], where: Provenance, cut_at: int | None = None,
) -> Table:
    """Assemble one table record; only keys the document prints are set."""
    builder = _Builder(source, layout, year)
    builder.bracketed_values = _prints_bracketed_values(grid, layout)
    builder.column_texts = _note_texts(grid)
    for n, row in enumerate(grid):
        # The last row of a table the text ends inside: its headings count, its indicator was cut.
        builder.add_row(row, indicators=not (cut_at is not None and n == len(grid) - 1))
    indicators = builder.indicators()
    confidences = [float(i["confidence"]) for i in indicators]  # type: ignore[arg-type]
    values: dict[str, object] = {}
    if title is not None:
        values["title"] = title
    if year is not None:
        values["year"] = year
    values.update(header.fields)
    if header.funds:
        values["funds"] = header.funds
    if header.goals:
        values["goals"] = header.goals
    if header.spending_plan:
        values["spending_plan"] = header.spending_plan
    warnings = [Diagnostic(code="GP101", message=m, line=line or where.line) for line, m in header.notes]
    warnings += builder.warnings
    if cut_at is not None:
        warnings.append(Diagnostic(code="GP305", line=cut_at,
                                   message="the text ends inside the table: its last row is incomplete and left out"))
    values["indicators"] = indicators
    values["layout"] = layout.kind
    values["confidence"] = round(sum(confidences) / len(confidences), 3) if confidences else 0.0
    values["provenance"] = where
    values["warnings"] = warnings
    # One validation for the whole table: nested dicts are checked in pydantic's core, not model by model.
    return Table.model_validate(values)

