"""Stage 1: bytes -> text, with the encoding that was used.

Government dumps arrive as UTF-8 (with or without BOM), UTF-16 or UTF-32 from
Windows tools, GB18030/GBK, or Big5 (traditional script). Line endings are
normalised to ``\\n``. A few undecodable bytes (a flipped byte) become U+FFFD
with a warning naming the line, rather than losing the file.

>>> read_bytes("表".encode("gb18030"), "x.txt").encoding
'gb18030'
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import orjson

from ..errors import BinaryInputError, EmptyInputError, EncodingError, MissingInputError, TooLargeError
from ..lexicon.vocab import load

# Control characters other than tab/newline/CR/form feed rarely occur in text dumps;
# a file where they are common is binary.
_BINARY_CONTROL_SHARE: Final = 0.02
# Decoding random bytes as GB18030 or UTF-16 "succeeds" with rare characters; real
# text is almost all ASCII, CJK and punctuation.
_COMMON_SHARE: Final = 0.9


# A warning about the input found while reading it: (code, line, message).
Note = tuple[str, int, str]


@dataclass(frozen=True)
class SourceText:
    """Decoded text of one input, how it was decoded, and what had to be replaced (GP504/GP505)."""

    source: str
    text: str
    encoding: str
    notes: tuple[Note, ...] = ()


# Characters a Chinese or English text dump is made of: ASCII, CJK, punctuation, Latin.
# (stdlib re: plain character classes scan several times faster than with regex.)
_UNCOMMON: Final = re.compile(
    "[^\t\n\f\r\x20-\x7e\u00a0-\u024f\u0370-\u04ff\u2000-\u27bf\u3000-\u303f"
    "\u3400-\u4dbf\u4e00-\u9fff\ufe30-\ufe4f\uff00-\uffef\ufeff]"
)
_CONTROL: Final = re.compile("[\x00-\x08\x0b\x0e-\x1f]")


def _looks_binary(text: str) -> bool:
    if "\x00" in text:
        return True
    sample = text[:20000]
    # One scan: control characters are themselves uncommon, so they are counted among those found.
    uncommon = _UNCOMMON.findall(sample)
    if not uncommon:
        return False
    controls = sum(1 for ch in uncommon if _CONTROL.match(ch))
    if controls > max(2, len(sample) * _BINARY_CONTROL_SHARE):
        return True
    return len(uncommon) > len(sample) * (1 - _COMMON_SHARE)


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 text without a BOM has a NUL in every other byte for ASCII runs."""
    if len(data) < 4 or len(data) % 2:
        return None
    half = len(data) // 2
    for encoding, nuls in (("utf-16-le", data[1::2].count(0)), ("utf-16-be", data[0::2].count(0))):
        if nuls > half * 0.1:
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                return None
    return None


def _utf32_without_bom(data: bytes) -> str | None:
    """UTF-32 text (BMP characters) has two NUL bytes in every four: the high half of each unit."""
    if len(data) < 8 or len(data) % 4:
        return None
    quarter = len(data) // 4
    if data[2::4].count(0) == quarter and data[3::4].count(0) == quarter:
        return "utf-32-le"
    if data[0::4].count(0) == quarter and data[1::4].count(0) == quarter:
        return "utf-32-be"
    return None


# A file with a few undecodable bytes (one flipped byte) is read with U+FFFD in their
# place and a warning per line; past this many it is not in that encoding at all.
MAX_REPAIRS: Final = 16
# ... and it must be mostly readable: at least this many good characters per repair.
_CHARS_PER_REPAIR: Final = 50
# BOMs, longest first (the UTF-32-LE BOM starts with the UTF-16-LE one): (BOM, codec, name reported).
_BOMS: Final = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"), (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
    (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"), (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
)
# Legacy Chinese encodings tried when the bytes are not UTF-8: (codec, name reported).
_LEGACY: Final = (("gb18030", "gb18030"), ("cp950", "big5"))
# Bytes of a file looked at to tell GB18030 from Big5.
_SAMPLE_BYTES: Final = 4096


def _line_breaks(text: str) -> int:
    return text.count("\n") + text.count("\r") - text.count("\r\n")


def decode_repaired(data: bytes, encoding: str) -> tuple[str, list[int]]:
    """Decode, U+FFFD in place of undecodable bytes; also the line of each repair.

    Lists at most MAX_REPAIRS + 1 repairs (past MAX_REPAIRS it is not this encoding).

    >>> decode_repaired("表\\n格".encode() + b"\\xff", "utf-8")
    ('表\\n格�', [2])
    """
    try:
        return data.decode(encoding), []
    except UnicodeDecodeError:
        pass
    # Both decodes run in C; only the (few) replacement characters are visited here. Text in
    # another encoding shows it in its first bytes already: the rest is not decoded then.
    text = data[:_SAMPLE_BYTES].decode(encoding, errors="replace")
    if text.count("\ufffd") <= MAX_REPAIRS + 1:
        text = data.decode(encoding, errors="replace")
    lines: list[int] = []
    line, pos = 1, 0
    at = text.find("\ufffd")
    while at >= 0 and len(lines) <= MAX_REPAIRS:
        line += _line_breaks(text[pos:at])
        lines.append(line)
        pos = at
        at = text.find("\ufffd", at + 1)
    return text, lines


def has_bom(data: bytes) -> bool:
    """The bytes open with a Unicode byte-order mark (which settles the encoding)."""
    return data.startswith(tuple(bom for bom, _, _ in _BOMS))


def _readable(text: str, repairs: list[int]) -> bool:
    if len(repairs) > MAX_REPAIRS:
        return False
    return len(text) - len(repairs) >= _CHARS_PER_REPAIR * len(repairs)


# Characters of this project's own vocabulary (headings, labels, grammar words), simplified and
# traditional: real text in the right encoding is full of them (about half of a real table's
# characters), text read in the wrong one is not (1 to 2 %).
_VOCAB_ONCE: Final[list[frozenset[str]]] = []
# A GB18030 reading with at least this share of vocabulary characters is taken without trying Big5.
_CONVINCING_SHARE: Final = 0.1


def _vocab() -> frozenset[str]:
    if not _VOCAB_ONCE:
        chars = {ch for name in ("taxonomy", "fields", "values", "inference")
                 for ch in orjson.dumps(load(name)).decode() if "\u4e00" <= ch <= "\u9fff"}
        pairs = load("traditional")["map"]
        chars.update(pairs[i] for i in range(0, len(pairs) - 1, 2) if pairs[i + 1] in chars)
        _VOCAB_ONCE.append(frozenset(chars))
    return _VOCAB_ONCE[0]


def _legacy_encoding(data: bytes) -> tuple[str, str]:
    """GB18030 or Big5, whichever reads the start of the file as more of the vocabulary."""
    vocab = _vocab()
    best: tuple[int, str, str] | None = None
    for codec, name in _LEGACY:
        sample = data[:_SAMPLE_BYTES].decode(codec, errors="replace")
        hits = sum(map(vocab.__contains__, sample))
        if codec == "gb18030" and hits >= _CONVINCING_SHARE * len(sample) and "\ufffd" not in sample[:-1]:
            return codec, name  # the common case: no need to read it as Big5 too
        score = hits - 4 * sample.count("\ufffd")
        if best is None or score > best[0]:
            best = (score, codec, name)
    assert best is not None
    return best[1], best[2]


def decode(data: bytes, source: str) -> tuple[str, str, list[int]]:
    """Return (text, encoding name, lines where undecodable bytes were replaced) or raise a one-line error."""
    if not data.strip():
        raise EmptyInputError(source, "empty file")
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            text, repairs = decode_repaired(data[len(bom):], codec)
            if not _readable(text, repairs):
                raise EncodingError(source, f"{name.upper().removesuffix('-SIG')} BOM but undecodable bytes "
                                    f"(first at line {repairs[0]})")
            return text, name, repairs
    utf32 = _utf32_without_bom(data) if b"\x00" in data else None
    if utf32 is not None:
        text, repairs = decode_repaired(data, utf32)
        if _readable(text, repairs):
            return text, utf32, repairs
    guessed = _utf16_without_bom(data) if b"\x00" in data else None
    if guessed is not None:
        return guessed[0], guessed[1], []
    if b"\x00" in data:
        raise BinaryInputError(source, "binary data, not a text dump")
    text, repairs = decode_repaired(data, "utf-8")
    if _readable(text, repairs):
        return text, "utf-8", repairs
    codec, name = _legacy_encoding(data)
    text, repairs = decode_repaired(data, codec)
    if _readable(text, repairs):
        return text, name, repairs
    raise EncodingError(
        source, f"not UTF-8, UTF-16, UTF-32, GB18030 or Big5 (undecodable bytes from line {repairs[0]})")


def _surrogates() -> re.Pattern[str]:
    # Built at run time: the compiled core cannot hold lone surrogates in its string constants.
    if not _SURROGATE_ONCE:
        _SURROGATE_ONCE.append(re.compile("[" + chr(0xD800) + "-" + chr(0xDFFF) + "]"))
    return _SURROGATE_ONCE[0]


_SURROGATE_ONCE: Final[list[re.Pattern[str]]] = []


def repair_unicode(text: str) -> tuple[str, list[int]]:
    """Lone surrogates (not valid Unicode: no JSON or database takes them) -> U+FFFD, and their lines."""
    pattern = _surrogates()
    if pattern.search(text) is None:
        return text, []
    lines: list[int] = []
    for m in pattern.finditer(text):
        if len(lines) > MAX_REPAIRS:
            break
        lines.append(_line_breaks(text[:m.start()]) + 1)
    return pattern.sub("\ufffd", text), lines


def repair_notes(decoded: list[int], surrogates: list[int]) -> tuple[Note, ...]:
    """Warnings for text replaced while reading: (code, line, message), one per line."""
    notes: list[Note] = []
    for code, lines, what in (("GP504", decoded, "undecodable bytes"), ("GP505", surrogates, "invalid Unicode")):
        for line in sorted(set(lines)):
            notes.append((code, line, f"{what} replaced with U+FFFD"))
    return tuple(notes)


def read_bytes(data: bytes, source: str = "<bytes>") -> SourceText:
    """Decode one input; binary data and empty text raise."""
    text, encoding, repairs = decode(data, source)
    if _looks_binary(text):
        raise BinaryInputError(source, "binary data, not a text dump")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise EmptyInputError(source, "no text (only whitespace)")
    return SourceText(source=source, text=text, encoding=encoding, notes=repair_notes(repairs, []))


def read_file_bytes(path: str | Path, max_bytes: int | None = None) -> bytes:
    """A file's bytes; a missing, unreadable or too large file raises a one-line error."""
    p = Path(path)
    try:
        if max_bytes is not None and p.stat().st_size > max_bytes:
            size, bound = p.stat().st_size / 1e6, max_bytes / 1e6
            raise TooLargeError(str(path), f"file of {size:.1f} MB is over the {bound:.0f} MB bound")
        return p.read_bytes()
    except FileNotFoundError:
        raise MissingInputError(str(path), "no such file") from None
    except IsADirectoryError:
        raise MissingInputError(str(path), "is a directory, not a file") from None
    except OSError as exc:
        raise MissingInputError(str(path), f"cannot read ({exc.strerror})") from None


def read_path(path: str | Path) -> SourceText:
    """Read and decode a text dump from disk."""
    return read_bytes(read_file_bytes(path), str(path))
