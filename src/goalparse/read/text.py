"""Stage 1: bytes -> text, with the encoding that was used.

Government dumps arrive as UTF-8 (with or without BOM), UTF-16 from Windows
tools, or GB18030/GBK. Line endings are normalised to ``\\n``.

>>> read_bytes("表".encode("gb18030"), "x.txt").encoding
'gb18030'
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from ..errors import BinaryInputError, EmptyInputError, EncodingError, MissingInputError, TooLargeError

# Control characters other than tab/newline/CR/form feed rarely occur in text dumps;
# a file where they are common is binary.
_BINARY_CONTROL_SHARE: Final = 0.02
# Decoding random bytes as GB18030 or UTF-16 "succeeds" with rare characters; real
# text is almost all ASCII, CJK and punctuation.
_COMMON_SHARE: Final = 0.9


@dataclass(frozen=True)
class SourceText:
    """Decoded text of one input and how it was decoded."""

    source: str
    text: str
    encoding: str


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


def decode(data: bytes, source: str) -> tuple[str, str]:
    """Return (text, encoding name) or raise a one-line error."""
    if not data.strip():
        raise EmptyInputError(source, "empty file")
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise EncodingError(source, f"UTF-16 BOM but undecodable bytes at {exc.start}") from None
    guessed = _utf16_without_bom(data) if b"\x00" in data else None
    if guessed is not None:
        return guessed
    if b"\x00" in data:
        raise BinaryInputError(source, "binary data, not a text dump")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError as exc:
        raise EncodingError(
            source, f"not UTF-8, UTF-16 or GB18030 (undecodable byte at offset {exc.start})"
        ) from None


def read_bytes(data: bytes, source: str = "<bytes>") -> SourceText:
    """Decode one input; binary data and empty text raise."""
    text, encoding = decode(data, source)
    if _looks_binary(text):
        raise BinaryInputError(source, "binary data, not a text dump")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise EmptyInputError(source, "no text (only whitespace)")
    return SourceText(source=source, text=text, encoding=encoding)


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
