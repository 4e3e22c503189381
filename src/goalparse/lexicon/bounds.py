"""Bounds that keep every parse linear in its input and every number representable.

Real tables have a dozen columns, values of a few dozen characters and amounts
of at most a dozen digits; fuzzed or broken input can have 20,000 cells in a
line or a 20,000-digit "number". Past these bounds the text is kept as printed
and a warning (GP5xx) says what was not parsed, instead of a parse that takes
minutes or a number that is ``inf`` or too large for JSON and the database.

>>> to_number("1,000"), to_number("2858.50"), to_number("9" * 400)
(1000.0, 2858.5, None)
>>> to_count("1,000"), to_count("9" * 19)
(1000, None)
"""

from __future__ import annotations

import math
from typing import Final

# Cells kept per line; the rest of the line is dropped with a GP503 warning.
MAX_CELLS_PER_LINE: Final = 256
# Values longer than this are kept as printed (qualitative) without running the grammar: GP502.
MAX_VALUE_CHARS: Final = 2000
# Integer digits of a number: 15 keeps every integer exact in a float and inside 64 bits.
MAX_INTEGER_DIGITS: Final = 15
# A number printed with more characters than this (long fractions) is not read either.
MAX_NUMBER_CHARS: Final = 64


def to_number(text: str) -> float | None:
    """A printed number ('1,000', '2858.5') as a finite float; None when out of range or not a number."""
    if len(text) > MAX_NUMBER_CHARS:
        return None
    plain = text.replace(",", "")
    whole = plain.split(".", 1)[0].lstrip("+-").lstrip("0")
    if len(whole) > MAX_INTEGER_DIGITS:
        return None
    try:
        number = float(plain)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def to_count(text: str) -> int | None:
    """A printed whole count ('1,000' days, '12' times) as an int in range; None otherwise."""
    number = to_number(text)
    return None if number is None else int(number)


def out_of_range(text: str) -> str:
    """The warning for a number that ``to_number`` refused: its size, not the digits themselves."""
    return f"number of {len(text)} characters is out of range; kept as printed, number left empty"


# Rows read from one sheet (or one Word/HTML table); the rest is left out with a GP506 warning.
# Real sheets hold at most a few hundred projects of a few dozen rows each.
MAX_GRID_ROWS: Final = 20_000
# Bytes a workbook or Word document (a zip) may unpack to, by its own directory: a zip bomb stops here.
MAX_UNZIPPED_BYTES: Final = 256 * 1024 * 1024
# ... and past this size, how much larger than the zip its parts may claim to be (real office files
# unpack to 5 to 30 times their size; a bomb to thousands).
MAX_ZIP_RATIO: Final = 200
ZIP_RATIO_FROM_BYTES: Final = 16 * 1024 * 1024
