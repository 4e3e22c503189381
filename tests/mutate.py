"""Corpus mutation: real documents broken the ways files break in the wild, reproducibly from a seed.

Each case starts from a seed document (the samples and the regression corpus), often a
window of its lines, and applies one to three mutations: byte flips, cut and duplicated
lines, swapped separators, control characters, lone surrogates, fullwidth digits, long
runs (digits, cells, spaces, numerals), and re-encoding (GBK, UTF-16, UTF-32, Big5, BOMs).
A case is text (for ``parse_text``) or bytes (for ``parse_bytes``); ``case(seed)`` always
gives the same one, so a failure is a seed that reproduces it.
"""

from __future__ import annotations

import codecs
import random
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).parent
SEEDS = sorted((HERE.parent / "samples").glob("*.txt")) + sorted(
    p for p in (HERE / "regressions").glob("*.txt") if p.stat().st_size < 50_000)

PIECES = ["≥", "≤", "《=", "≥95%", "1,000", "个工作日", "年底前", "万元", "以内", "一二三", "九十九", "%", "$\\geq$",
          "<p>", "</p>", "&lt;", "|", "\t", "  ", "\u3000", "：", "指标1:", ".....", "产出指标", "数量指标",
          "满意度指标", "年度资金总额:", "项目名称", "一级指标\t二级指标\t三级指标\t指标值", "\u202e", "\ufeff"]

Case = str | bytes


def _texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in SEEDS]


_CACHE: list[list[str]] = []


def seed_texts() -> list[str]:
    if not _CACHE:
        _CACHE.append(_texts())
    return _CACHE[0]


def _lines_op(fn: Callable[[random.Random, list[str]], None]) -> Callable[[random.Random, str], str]:
    def op(rng: random.Random, text: str) -> str:
        lines = text.split("\n")
        if lines:
            fn(rng, lines)
        return "\n".join(lines)
    return op


def _cut(rng: random.Random, lines: list[str]) -> None:
    i = rng.randrange(len(lines))
    del lines[i:i + rng.randint(1, 5)]


def _duplicate(rng: random.Random, lines: list[str]) -> None:
    i = rng.randrange(len(lines))
    lines[i:i] = lines[i:i + rng.randint(1, 4)] * rng.randint(1, 3)


def _swap_separators(rng: random.Random, lines: list[str]) -> None:
    new = rng.choice(["  ", " | ", "\t\t", "\u3000\u3000", " "])
    for i in rng.sample(range(len(lines)), k=min(len(lines), rng.randint(1, 20))):
        lines[i] = lines[i].replace("\t", new)
        if new == " | ":
            lines[i] = "| " + lines[i] + " |"


def _long_run(rng: random.Random, text: str) -> str:
    run = rng.choice(["1", "9", "1,111", ",000", "一", "九", " ", "\t", "≥", "年", "%", "-", ".", "|", "a"])
    at = rng.randrange(len(text) + 1)
    return text[:at] + run * rng.choice([50, 500, 5000, 20000]) + text[at:]


def _insert(rng: random.Random, text: str) -> str:
    at = rng.randrange(len(text) + 1)
    piece = rng.choice([*PIECES, chr(rng.randrange(0, 32)), chr(rng.randrange(0xD800, 0xE000)),
                        chr(rng.randrange(0x80, 0x3000)), chr(rng.randrange(0x4E00, 0xA000))])
    return text[:at] + piece + text[at:]


def _fullwidth(rng: random.Random, text: str) -> str:
    table = str.maketrans("0123456789%.", "０１２３４５６７８９％．")
    at = rng.randrange(len(text) + 1)
    return text[:at] + text[at:at + rng.randint(10, 400)].translate(table) + text[at + 400:]


def _delete_chars(rng: random.Random, text: str) -> str:
    at = rng.randrange(len(text) + 1)
    return text[:at] + text[at + rng.randint(1, 30):]


TEXT_OPS: list[Callable[[random.Random, str], str]] = [
    _lines_op(_cut), _lines_op(_duplicate), _lines_op(_swap_separators), _long_run, _insert, _insert,
    _fullwidth, _delete_chars,
]


def _encode(rng: random.Random, text: str) -> bytes:
    choice = rng.choice(["utf-8", "utf-8-sig", "gb18030", "utf-16", "utf-16-le", "utf-32", "utf-32-be", "big5"])
    return text.encode(choice, errors="replace" if choice in ("gb18030", "big5") else "surrogatepass")


def _flip(rng: random.Random, data: bytes) -> bytes:
    if not data:
        return data
    out = bytearray(data)
    for _ in range(rng.choice([1, 1, 2, 5, 40])):
        out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def _prefix(rng: random.Random, data: bytes) -> bytes:
    return rng.choice([codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF32_BE, b"%PDF-1.4\n", b"\x00", b""]) + data


def _truncate(rng: random.Random, data: bytes) -> bytes:
    return data[:rng.randrange(len(data) + 1)]


BYTE_OPS: list[Callable[[random.Random, bytes], bytes]] = [_flip, _flip, _prefix, _truncate]


def case(seed: int) -> Case:
    """One mutated document, the same for the same seed: str for parse_text, bytes for parse_bytes."""
    rng = random.Random(seed)
    text = rng.choice(seed_texts())
    if rng.random() < 0.6:
        lines = text.split("\n")
        start = rng.randrange(len(lines))
        text = "\n".join(lines[max(0, start - 8):start + rng.randint(5, 60)])
        if rng.random() < 0.7:
            text = "项目支出绩效目标表\n（2025年度）\n" + text
    for _ in range(rng.randint(1, 3)):
        text = rng.choice(TEXT_OPS)(rng, text)
    if rng.random() < 0.4:
        return text
    data = _encode(rng, text)
    for _ in range(rng.randint(0, 2)):
        data = rng.choice(BYTE_OPS)(rng, data)
    return data
