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
from ..lexicon.classify import cell_info
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
# Placements remembered (bounded, so a long batch does not grow without end).
PLACEMENT_LIMIT: Final = 65_536

# A token as placement sees it: its text (fits are per text), its column position (-1 when
# positions do not count) and flag bits.
_SAME_BEFORE: Final = 1
_SAME_AFTER: Final = 2
_DUPLICATE: Final = 4
_PLACEHOLDER: Final = 8

_State = tuple[float, tuple[int | None, ...]]
_Key = tuple[tuple[str, int, int], ...]
_PLACEMENTS: Final[dict[tuple[Schema, _Key], _State]] = {}


def clear_caches() -> None:
    """Forget every remembered placement (benchmarks start cold)."""
    _PLACEMENTS.clear()


def _row_key(tokens: tuple[Token, ...], positioned: bool) -> _Key:
    keys = [cell_info(t.text).key if t.text else "" for t in tokens]
    first: dict[str, int] = {}
    last: dict[str, int] = {}
    for n, k in enumerate(keys):
        if k:
            first.setdefault(k, n)
            last[k] = n
    out = []
    previous = None
    for n, t in enumerate(tokens):
        k = keys[n]
        flags = 0
        if k:
            info = cell_info(t.text)
            if first[k] < n:
                flags |= _SAME_BEFORE
            if last[k] > n:
                flags |= _SAME_AFTER
            if previous == k and info.heading is not None:
                flags |= _DUPLICATE
            if info.placeholder:
                flags |= _PLACEHOLDER
        out.append((t.text, t.col if positioned else -1, flags))
        previous = k
    return tuple(out)


def _slot_score(text: str, pos: int, flags: int, j: int, schema: Schema, shift: int) -> float | None:
    slot = schema.slots[j]
    f = fit(cell_info(text) if text else None, slot.column)
    if f is None:
        return None
    hint = schema.hints[j]
    if hint is not None and pos == hint + shift:
        f += POSITION_BONUS
    repeated = (slot.period == "annual" and flags & _SAME_BEFORE) or (
        slot.period == "medium_term" and flags & _SAME_AFTER)
    if len(schema.periods) > 1 and slot.column in ("name", "level2") and repeated:
        f += SAME_TEXT_BONUS
    return f


def _after(placeholders: list[bool], placed: tuple[int | None, ...], j: int, k: int, schema: Schema) -> float:
    """Penalty for a value placed with no real name before it on its side."""
    slot = schema.slots[k]
    if slot.column != "value" or k == 0 or placeholders[len(placed)]:
        return 0.0
    before = schema.slots[k - 1]
    if before.column != "name" or before.period != slot.period:
        return 0.0
    if j < k:
        return VALUE_WITHOUT_NAME
    last = max((i for i, s in enumerate(placed) if s is not None), default=None)
    if last is not None and placeholders[last]:
        return VALUE_AFTER_PLACEHOLDER
    return 0.0


def _place(key: _Key, schema: Schema) -> _State:
    """Best monotone placement of tokens into slots (None = left out), over small shifts."""
    placeholders = [bool(flags & _PLACEHOLDER) for _, _, flags in key]
    best: _State = (float("-inf"), ())
    positioned = any(pos >= 0 for _, pos, _ in key)
    shifts = (0, -1, 1) if positioned and any(h is not None for h in schema.hints) else (0,)
    m = len(schema.slots)
    for shift in shifts:
        # dp[j]: best placement of the tokens so far whose next free slot is j
        dp: list[_State | None] = [(0.0, ())] + [None] * m
        for index, (text, pos, flags) in enumerate(key):
            nxt: list[_State | None] = [None] * (m + 1)
            drop = DROP_EMPTY if not text else (DROP_DUPLICATE if flags & _DUPLICATE else DROP_CELL)
            # On a tie, leave out the later cell: what follows a row's value (a rate, a note) matters least.
            drop -= TIE_BREAK * (len(key) - index)
            for j, state in enumerate(dp):
                if state is None:
                    continue
                moves: list[tuple[int, float, int | None]] = [(j, drop, None)]
                for k in range(j, m):
                    f = _slot_score(text, pos, flags, k, schema, shift)
                    if f is not None:
                        moves.append((k + 1, f + _after(placeholders, state[1], j, k, schema), k))
                for target, gain, slot in moves:
                    cand = (state[0] + gain, state[1] + (slot,))
                    current = nxt[target]
                    if current is None or cand[0] > current[0]:
                        nxt[target] = cand
            dp = nxt
        final = max((d for d in dp if d is not None), key=lambda t: t[0])
        score = final[0] - (SHIFT_PENALTY if shift else 0.0)
        if score > best[0]:
            best = (score, final[1])
    return best


def place_row(row: LogicalRow, schema: Schema) -> PlacedRow:
    """Place one logical row's tokens into the schema's slots."""
    key = _row_key(row.tokens, row.positioned and schema.from_header)
    found = _PLACEMENTS.get((schema, key))
    if found is None:
        found = _place(key, schema)
        if len(_PLACEMENTS) >= PLACEMENT_LIMIT:
            _PLACEMENTS.clear()
        _PLACEMENTS[(schema, key)] = found
    score, indices = found
    slots: tuple[Slot | None, ...] = tuple(schema.slots[j] if j is not None else None for j in indices)
    dropped = []
    for n, (token, slot) in enumerate(zip(row.tokens, slots, strict=True)):
        # A heading printed twice (数量指标 | 数量指标) is a known layout quirk, not a lost cell.
        if slot is None and token.text and not (n and row.tokens[n - 1].text == token.text):
            dropped.append(token)
    return PlacedRow(row, slots, score, tuple(dropped))


def place_rows(rows: list[LogicalRow], schema: Schema) -> list[PlacedRow]:
    return [place_row(r, schema) for r in rows]
