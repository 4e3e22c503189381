"""Step 6: each logical row's tokens -> columns of the schema (level1, level2, name, value, ...).

Columns in dumps drift: empty cells are dropped, cells shift, a level-2 heading is
printed twice, a row label sits in front. So a row is placed *by content*, with the
header's column positions as a tie-breaker where the row is one line that kept its
empty cells: a monotone assignment of the row's tokens to the schema's slots that
maximises how well each token fits its slot (a dynamic programme over tokens x
slots; unary scores only, so it is exact and fast, and cached by row shape).

Example: ``产出指标 | 数量指标 | 数量指标 | 全市职工医保参保人数 | >38万人 | 数量指标 | ...``
places the second 数量指标 nowhere (a duplicate), the name and value on the
medium-term side and the rest on the annual side.
"""

from __future__ import annotations

from typing import Final

from ..intermediate import LogicalRow, PlacedRow, Schema, Slot, Token
from ..lexicon.classify import cell_info, cell_infos
from ..lexicon.columns import fit

# Scores of a token in a slot (higher fits better); None forbids the placement.
POSITION_BONUS: Final = 2.5
SAME_TEXT_BONUS: Final = 4.0
DROP_DUPLICATE: Final = -0.5
DROP_CELL: Final = -9.0
DROP_EMPTY: Final = -0.1
SHIFT_PENALTY: Final = 0.3
TIE_BREAK: Final = 0.001
# A value whose name slot was skipped, or that follows a placeholder name (指标1:), is unlikely.
VALUE_WITHOUT_NAME: Final = -2.0
VALUE_AFTER_PLACEHOLDER: Final = -4.0
# Texts, placements and schemas remembered (bounded, so a long batch does not grow without end).
PLACEMENT_LIMIT: Final = 65_536
TEXT_LIMIT: Final = 16_384
SCHEMA_LIMIT: Final = 256

# A token as placement sees it: the id of its fit vector (its fit in every column of the
# schema, so texts that fit alike share an id and rows of one shape share a placement), its
# column position (-1 when positions do not count) and flag bits.
_SAME_BEFORE: Final = 1
_SAME_AFTER: Final = 2
_DUPLICATE: Final = 4
_PLACEHOLDER: Final = 8
_EMPTY: Final = 16
_NAMES_VALUE: Final = 32
# A level-2 heading word right before a bare value names that value (社会公众满意度 | ≥90%).
HEADING_BEFORE_VALUE: Final = 6.0

_Fits = tuple[float | None, ...]
_State = tuple[float, tuple[int | None, ...]]
_Key = tuple[tuple[int, int, int], ...]


class _SchemaFits:
    """Per schema: each distinct fit vector gets a small id; texts remember theirs."""

    __slots__ = ("by_text", "ids", "placements", "table")

    def __init__(self) -> None:
        self.table: list[_Fits] = []
        self.ids: dict[_Fits, int] = {}
        self.by_text: dict[str, int] = {}
        self.placements: dict[_Key, _State] = {}

    def id_of(self, text: str, schema: Schema) -> int:
        fid = self.by_text.get(text)
        if fid is None:
            info = cell_info(text) if text else None
            fits = tuple(fit(info, column) for column in schema.columns)
            fid = self.ids.get(fits)
            if fid is None:
                fid = self.ids[fits] = len(self.table)
                self.table.append(fits)
            if len(self.by_text) >= TEXT_LIMIT:
                self.by_text.clear()
            self.by_text[text] = fid
        return fid


_FITS: Final[dict[Schema, _SchemaFits]] = {}


def clear_caches() -> None:
    """Forget every remembered text and placement (benchmarks start cold)."""
    _FITS.clear()


def _schema_fits(schema: Schema) -> _SchemaFits:
    found = _FITS.get(schema)
    if found is None:
        if len(_FITS) >= SCHEMA_LIMIT:
            _FITS.clear()
        found = _FITS[schema] = _SchemaFits()
    return found


def _row_key(tokens: tuple[Token, ...], positioned: bool, schema: Schema, fits: _SchemaFits) -> _Key:
    table = cell_infos()
    infos = [table[t.text] if t.text else None for t in tokens]
    keys = [info.key if info is not None else "" for info in infos]
    first: dict[str, int] = {}
    last: dict[str, int] = {}
    for n, k in enumerate(keys):
        if k:
            first.setdefault(k, n)
            last[k] = n
    by_text = fits.by_text
    out = []
    previous = None
    for n, t in enumerate(tokens):
        k = keys[n]
        info = infos[n]
        flags = 0
        if k and info is not None:
            if first[k] < n:
                flags |= _SAME_BEFORE
            if last[k] > n:
                flags |= _SAME_AFTER
            if previous == k and info.heading is not None:
                flags |= _DUPLICATE
            if info.placeholder:
                flags |= _PLACEHOLDER
            # (The value's comparator or kind may stand between: 社会成本指标 | 定量 | 100 | %.)
            j = n + 1
            while j < len(tokens) and (nxt := infos[j]) is not None and nxt.comparator and not nxt.bare_value:
                j += 1
            after = infos[j] if j < len(tokens) else None
            if info.names_before_value and after is not None and after.bare_value:
                flags |= _NAMES_VALUE
        else:
            flags |= _EMPTY
        fid = by_text.get(t.text)
        out.append((fits.id_of(t.text, schema) if fid is None else fid, t.col if positioned else -1, flags))
        previous = k
    return tuple(out)


def _scores(cell_fits: _Fits, pos: int, flags: int, schema: Schema, shift: int) -> list[float | None]:
    """A cell's score in every slot: its fit, the position bonus, the same-text bonus of two periods."""
    out: list[float | None] = []
    two_periods = len(schema.periods) > 1
    for j, f in enumerate(cell_fits):
        if f is None:
            out.append(None)
            continue
        if flags & _NAMES_VALUE:
            # Right before a bare value, a heading's words name it, where the name column is the value's
            # neighbour (with a description column between them, they are the description).
            column = schema.columns[j]
            if column == "name" and _value_next(schema, j):
                f += HEADING_BEFORE_VALUE
            elif column in ("level1", "level2"):
                f -= HEADING_BEFORE_VALUE
        hint = schema.hints[j]
        if hint is not None and pos == hint + shift:
            f += POSITION_BONUS
        if two_periods:
            slot = schema.slots[j]
            repeated = (slot.period == "annual" and flags & _SAME_BEFORE) or (
                slot.period == "medium_term" and flags & _SAME_AFTER)
            if slot.column in ("name", "level2") and repeated:
                f += SAME_TEXT_BONUS
        out.append(f)
    return out


def _value_next(schema: Schema, j: int) -> bool:
    """The value column comes after column ``j``, only its comparator or kind columns between."""
    for column in schema.columns[j + 1:]:
        if column == "value":
            return True
        if column not in ("comparator", "value_type"):
            return False
    return False


def _value_penalties(schema: Schema) -> list[bool]:
    """Slots that are a value right after its side's name (a value there wants a real name before it)."""
    slots = schema.slots
    return [k > 0 and s.column == "value" and slots[k - 1].column == "name" and slots[k - 1].period == s.period
            for k, s in enumerate(slots)]


def _place(key: _Key, schema: Schema, table: list[_Fits]) -> _State:
    """Best monotone placement of tokens into slots (None = left out), over small shifts.

    dp[j] is the best placement of the tokens so far whose next free slot is j; a state also
    remembers whether its last placed token was a placeholder (指标1:), which a value after it
    pays for.
    """
    best: _State = (float("-inf"), ())
    positioned = any(pos >= 0 for _, pos, _ in key)
    shifts = (0, -1, 1) if positioned and any(h is not None for h in schema.hints) else (0,)
    m = len(schema.slots)
    after_name = _value_penalties(schema)
    for shift in shifts:
        dp: list[tuple[float, tuple[int | None, ...], bool] | None] = [(0.0, (), False)] + [None] * m
        for index, (fid, pos, flags) in enumerate(key):
            scores = _scores(table[fid], pos, flags, schema, shift)
            placeholder = bool(flags & _PLACEHOLDER)
            nxt: list[tuple[float, tuple[int | None, ...], bool] | None] = [None] * (m + 1)
            drop = DROP_EMPTY if flags & _EMPTY else DROP_DUPLICATE if flags & _DUPLICATE else DROP_CELL
            # On a tie, leave out the later cell: what follows a row's value (a rate, a note) matters least.
            drop -= TIE_BREAK * (len(key) - index)
            for j, state in enumerate(dp):
                if state is None:
                    continue
                total, placed, last_placeholder = state
                current = nxt[j]
                if current is None or total + drop > current[0]:
                    nxt[j] = (total + drop, (*placed, None), last_placeholder)
                for k in range(j, m):
                    f = scores[k]
                    if f is None:
                        continue
                    if after_name[k] and not placeholder:
                        if j < k:
                            f += VALUE_WITHOUT_NAME
                        elif last_placeholder:
                            f += VALUE_AFTER_PLACEHOLDER
                    current = nxt[k + 1]
                    if current is None or total + f > current[0]:
                        nxt[k + 1] = (total + f, (*placed, k), placeholder)
            dp = nxt
        final = max((d for d in dp if d is not None), key=lambda t: t[0])
        score = final[0] - (SHIFT_PENALTY if shift else 0.0)
        if score > best[0]:
            best = (score, final[1])
    return best


def place_row(row: LogicalRow, schema: Schema, fits: _SchemaFits | None = None) -> PlacedRow:
    """Place one logical row's tokens into the schema's slots (``fits``: the schema's, looked up once per table)."""
    fits = fits if fits is not None else _schema_fits(schema)
    key = _row_key(row.tokens, row.positioned and schema.from_header and _reaches(row, schema), schema, fits)
    found = fits.placements.get(key)
    if found is None:
        found = _place(key, schema, fits.table)
        if len(fits.placements) >= PLACEMENT_LIMIT:
            fits.placements.clear()
        fits.placements[key] = found
    score, indices = found
    slots: tuple[Slot | None, ...] = tuple(schema.slots[j] if j is not None else None for j in indices)
    dropped = []
    for n, (token, slot) in enumerate(zip(row.tokens, slots, strict=True)):
        # A heading printed twice (数量指标 | 数量指标) is a known layout quirk, not a lost cell.
        if slot is None and token.text and not (n and row.tokens[n - 1].text == token.text):
            dropped.append(token)
    return PlacedRow.of(row, slots, score, tuple(dropped))


def _reaches(row: LogicalRow, schema: Schema) -> bool:
    """Whether the row's cell positions can be held against the header's: a row whose cells stop short
    of the header's last position counts its cells another way (a header of merged cells over a ruled
    grid), and holding them against it would mislead."""
    last = max((h for h in schema.hints if h is not None), default=None)
    return last is None or max(t.col for t in row.tokens) + 1 >= last


def place_rows(rows: list[LogicalRow], schema: Schema) -> list[PlacedRow]:
    fits = _schema_fits(schema)  # once per table: hashing a schema calls Python code for every slot
    return [place_row(r, schema, fits) for r in rows]
