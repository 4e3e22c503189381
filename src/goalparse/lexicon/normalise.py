"""Stage 2: clean printed text and build matching keys.

Two forms of every piece of text are kept apart: the *display* text (as
printed, minus markup: ``<p>`` tags, LaTeX such as ``$\\geq 95\\%$``) and the
*key* used for matching (NFKC width folding, traditional -> simplified,
whitespace removed).

>>> clean_markup("<p>满意度 $\\\\geq 95\\\\%$</p>")
'满意度 ≥ 95%'
>>> match_key("满意 度指 标")
'满意度指标'
>>> join_wrapped("≥5000 人 次")
'≥5000人次'
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from typing import Any, Final

import regex

from .vocab import load

# Entries kept by each per-text cache. Hot texts (headings, labels, a document's own
# names) stay; older ones go. Kept modest on purpose: the cycle collector walks every
# cache entry on each full pass, so large caches cost more than their misses save.
TEXT_CACHE_SIZE: Final = 16384

# An HTML tag: a letter must follow "<", so comparisons such as "<5%" survive.
_TAG: Final = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")
# LaTeX commands that OCR and PDF-to-markdown converters emit inside values.
_LATEX: Final = {
    r"\geqslant": "≥", r"\leqslant": "≤", r"\geq": "≥", r"\leq": "≤", r"\ge": "≥", r"\le": "≤",
    r"\neq": "≠", r"\approx": "≈", r"\sim": "~", r"\times": "×", r"\lt": "<", r"\gt": ">",
    r"\%": "%", r"\cdot": "·", r"\pm": "±",
}
_LATEX_RE: Final = re.compile(
    "|".join(re.escape(k) + r"(?![A-Za-z])" for k in sorted(_LATEX, key=len, reverse=True))
)
_MATH_SPAN: Final = re.compile(r"\$([^$\n]{0,80})\$")
_TEXT_CMD: Final = re.compile(r"\\(?:text|mathrm|mathbf)\{([^{}]*)\}")
# A character of Chinese text: ideographs, CJK punctuation and full-width forms.
_CJK: Final = r"[\p{Han}\u3000-\u303F\uFF00-\uFFEF\u2018-\u201F【】《》]"
# The second branch starts only where a run of spaces starts: tried from every position of a
# long run, it would take quadratic time.
_WRAP_SPACE: Final = regex.compile(rf"(?<={_CJK})[ \t\u3000]+|(?<![ \t\u3000])[ \t\u3000]+(?={_CJK})")
_SPACES: Final = re.compile(r"\s+")


def clean_markup(text: str) -> str:
    """Remove HTML tags and turn LaTeX fragments into plain symbols."""
    if "<" in text or "&" in text:
        text = _TAG.sub("", text)
        text = html.unescape(text).replace("\xa0", " ") if "&" in text else text
    if "\\" in text or "$" in text:
        text = _MATH_SPAN.sub(lambda m: m.group(1), text)
        text = _TEXT_CMD.sub(lambda m: m.group(1), text)
        text = _LATEX_RE.sub(lambda m: _LATEX[m.group(0)], text)
    return text


# Spaces a wrong decoding turned into question marks (non-breaking or full-width spaces read as "?"): a run
# of them next to a Chinese character, never punctuation there.
_LOST_SPACES: Final = regex.compile(rf"(?<={_CJK})\?{{2,}}|\?{{2,}}(?={_CJK})")


def lost_spaces(text: str) -> str:
    """Runs of "?" that stand for spaces the decoding lost, as spaces again.

    >>> lost_spaces("绩?????????? 效?????????? 目???????? 标"), lost_spaces("是否达标?"), lost_spaces("???")
    ('绩  效  目  标', '是否达标?', '???')
    """
    return _LOST_SPACES.sub(" ", text) if "??" in text else text


def join_wrapped(text: str) -> str:
    """Drop spaces that wrapping or OCR put inside Chinese words and numbers with units.

    A space next to a Chinese character is never meaningful inside one table
    cell, so it goes; spaces between Latin words stay.
    """
    if " " not in text and "\t" not in text and "\u3000" not in text:
        return text.strip()  # nothing to join (most cells): skip the regex
    return _WRAP_SPACE.sub("", text).strip()


# Letter spacing: at least this many pieces between single spaces, this share of them one character.
MIN_SPACED_PIECES: Final = 3
SPACED_SHARE: Final = 0.8


def unspace_letters(text: str) -> str:
    """Text printed with a space after every character (letter spacing; OCR of a scan) -> its words.

    >>> unspace_letters("项 目 名 称"), unspace_letters("[ 4 7 3 0 0 1 ]遵化市"), unspace_letters("完成 培训 100 人")
    ('项目名称', '[473001]遵化市', '完成 培训 100 人')
    """
    if " " not in text:
        return text
    pieces = text.split(" ")
    return "".join(pieces) if letter_spaced(pieces) else text


def letter_spaced(pieces: list[str]) -> bool:
    """Whether the pieces of a text cut at single spaces are its characters (letter spacing), not cells."""
    return len(pieces) >= MIN_SPACED_PIECES and sum(len(p) == 1 for p in pieces) >= SPACED_SHARE * len(pieces)


class _Script:
    """Traditional -> simplified: the translation table, and a pattern that finds any character it maps."""

    __slots__ = ("pattern", "table")

    def __init__(self, table: dict[int, str]) -> None:
        self.table = table
        self.pattern = re.compile("[" + "".join(re.escape(chr(code)) for code in table) + "]")


# Loaded once, on first use; a Final list is read natively by compiled code (no cache-wrapper call).
_SCRIPT_ONCE: Final[list[_Script]] = []


def _script() -> _Script:
    if not _SCRIPT_ONCE:
        pairs = load("traditional")["map"]
        _SCRIPT_ONCE.append(_Script({ord(pairs[i]): pairs[i + 1] for i in range(0, len(pairs) - 1, 2)}))
    return _SCRIPT_ONCE[0]


def simplified(text: str) -> str:
    """Traditional characters folded to simplified, nothing else changed (for parsing values: 28次, 2個).

    >>> simplified("≥2個")
    '≥2个'
    """
    script = _script()
    # translate() looks up every character; most text needs none
    return text.translate(script.table) if script.pattern.search(text) else text


# Pinyin that mirror sites print after characters (績效目標(biāo)表): not part of any word.
_PINYIN: Final = re.compile(r"(?<=[\u4e00-\u9fff])\([a-z\u00e0-\u00fc\u0101-\u01dc]{1,6}\)")


@lru_cache(maxsize=TEXT_CACHE_SIZE)
def match_key(text: str) -> str:
    """Key for comparing labels: widths folded, simplified script, no whitespace, no inserted pinyin.

    >>> match_key("績效目標(biāo)表")
    '绩效目标表'
    """
    if text.isascii():
        return "".join(text.split()).lower()  # NFKC and the script table change no ASCII text
    folded = simplified(unicodedata.normalize("NFKC", text))
    # Removing spaces or lower-casing can leave combining marks to compose: fold again.
    key = unicodedata.normalize("NFKC", "".join(folded.split()).lower())
    return _PINYIN.sub("", key) if "(" in key else key


def collapse_spaces(text: str) -> str:
    """Single spaces, trimmed: for goals and other running text kept as printed."""
    return _SPACES.sub(" ", text).strip()


def printed_twice(seq: Sequence[Any]) -> bool:
    """Whether a text or a row of cells is one half printed twice (参保率参保率; the two periods' sides of a row).

    >>> printed_twice("参保率参保率"), printed_twice(["甲", "5次", "甲", "5次"]), printed_twice("参保率")
    (True, True, False)
    """
    half = len(seq) // 2
    return half > 0 and len(seq) % 2 == 0 and seq[:half] == seq[half:]
