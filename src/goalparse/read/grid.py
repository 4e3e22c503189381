"""Stage 1 for real grids (spreadsheets, Word and HTML tables): rows of cells -> the token stream.

The readers hand over rows of (column, text); a merged cell is its text in the top-left
position and nothing in the positions it covers, as pdfplumber gives ruled PDF spans, so
the decoder carries level headings down the same way. Rows of every sheet and table are
numbered in document order (a table continued on the next sheet or in the next Word
table stays one table); ``places`` says where each numbered row came from, for provenance.

>>> g = GridTokens()
>>> g.row([(0, "一级指标"), (2, "三级指标")], Place(sheet="Sheet1", row=3))
>>> [(t.text, t.line, t.col, t.first, t.width) for t in g.tokens], g.places[1].address(2)
([('一级指标', 1, 0, True, 2), ('三级指标', 1, 2, False, 2)], 'C3')
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Final, Literal

from ..errors import DocumentError, MissingExtraError, TooLargeError, UnsupportedFormatError
from ..intermediate import Token
from ..lexicon.bounds import MAX_UNZIPPED_BYTES, MAX_ZIP_RATIO, ZIP_RATIO_FROM_BYTES
from ..lexicon.normalise import clean_markup, unspace_letters
from ..records import Diagnostic, Document, Provenance
from .text import repair_unicode

Format = Literal["text", "csv", "pdf", "xlsx", "xls", "ods", "docx", "html"]
EXTRA = "office"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"


@dataclass(frozen=True, slots=True)
class Place:
    """Where one row of the stream was printed: a sheet's row, or a Word/HTML table's row (1-based)."""

    sheet: str | None = None
    table: int | None = None
    row: int | None = None
    col: int = 0

    def address(self, col: int | None = None) -> str | None:
        """The spreadsheet address of a cell of this row (A1 style)."""
        if self.sheet is None or self.row is None:
            return None
        return f"{column_letters(self.col if col is None else col)}{self.row}"

    def label(self) -> str | None:
        """Where a person finds the row: "sheet 'Sheet1' B7", or "table 2 row 5".

        >>> Place(sheet="Sheet1", row=7, col=1).label(), Place(table=2, row=5).label()
        ("sheet 'Sheet1' B7", 'table 2 row 5')
        """
        if self.sheet is not None:
            return f"sheet '{self.sheet}' {self.address()}"
        if self.table is not None and self.row is not None:
            return f"table {self.table} row {self.row}"
        return None


def column_letters(col: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA.

    >>> column_letters(0), column_letters(27), column_letters(701)
    ('A', 'AB', 'ZZ')
    """
    letters = ""
    col += 1
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def cell_text(text: str) -> str:
    """A cell as printed: lines joined (no space between Chinese pieces), markup and bad Unicode out."""
    if "\n" in text or "\r" in text:
        parts = [p.strip() for p in text.replace("\r", "\n").split("\n")]
        text = ""
        for part in parts:
            gap = " " if text and part and text[-1].isascii() and text[-1].isalnum() and part[0].isascii() \
                and part[0].isalnum() else ""
            text += gap + part
    return unspace_letters(clean_markup(repair_unicode(text)[0]).strip())


@dataclass
class GridTokens:
    """The stream being built from a document's grids, and where each of its rows came from."""

    tokens: list[Token] = field(default_factory=list)
    places: dict[int, Place] = field(default_factory=dict)
    notes: list[Diagnostic] = field(default_factory=list)
    line: int = 0

    def row(self, cells: Iterable[tuple[int, str]], place: Place) -> None:
        """One printed row; empty cells (and covered parts of merged cells) leave no token."""
        filled = [(col, text) for col, text in cells if text]
        if not filled:
            return
        self.line += 1
        for n, (col, text) in enumerate(filled):
            self.tokens.append(Token(text, self.line, col, "line" if n == 0 else "cell", n == 0, len(filled)))
        self.places[self.line] = Place(place.sheet, place.table, place.row, filled[0][0])

    def text(self, text: str, place: Place) -> None:
        """A paragraph outside any table (a title, the year line): a one-cell row."""
        self.row([(0, cell_text(text))], place)

    def cut(self, where: str, kept: int) -> None:
        self.notes.append(Diagnostic(code="GP506", line=self.line, message=(
            f"{where}: rows after the first {kept:,} left out (row bound)")))


def locate(document: Document, places: dict[int, Place]) -> Document:
    """Give each record of a grid document its sheet and cell, or its table and row, beside the stream line."""

    def where(p: Provenance | None) -> None:
        if p is None or p.line is None or p.line not in places:
            return
        place = places[p.line]
        found = {"sheet": place.sheet, "cell": place.address(), "table": place.table, "row": place.row}
        for key, value in found.items():
            if value is not None:
                setattr(p, key, value)  # set only what the format has: unset keys stay out of the JSON

    def note(w: Diagnostic) -> None:
        if w.line is not None and w.line in places:
            w.place = places[w.line].label()

    for table in document.tables:
        where(table.provenance)
        for ind in table.indicators:
            where(ind.provenance)
        for w in table.warnings:
            note(w)
    for w in document.warnings:
        note(w)
    return document


def need(module: str, suffix: str, source: str) -> None:
    """Raise the error naming the extra when a reader's library is missing."""
    raise MissingExtraError(f"reading {suffix} files ({module} is not installed)", EXTRA, source)


def check_zip(data: bytes, source: str) -> zipfile.ZipFile:
    """Open a zip (workbook or Word document) after checking what its parts unpack to: a zip bomb stops here."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise DocumentError(source, f"corrupt or truncated zip container ({exc})") from None
    total = sum(i.file_size for i in infos)
    if total > MAX_UNZIPPED_BYTES or (total > ZIP_RATIO_FROM_BYTES and total > MAX_ZIP_RATIO * len(data)):
        raise TooLargeError(source, f"unpacks to {total / 1e6:,.0f} MB from {len(data) / 1e6:,.1f} MB "
                            f"(over the {MAX_UNZIPPED_BYTES / 1e6:.0f} MB or {MAX_ZIP_RATIO}x bound: a zip bomb?)")
    return archive


# What to do with each format no reader here takes (told by content, then by the file name).
_CONVERT = {
    "doc": "a Word 97-2003 .doc file: save it as .docx (soffice --headless --convert-to docx FILE)",
    "wps": "a WPS Writer .wps file: save it as .docx (soffice --headless --convert-to docx FILE)",
    "et": "a WPS Spreadsheets .et file: save it as .xlsx (soffice --headless --convert-to xlsx FILE)",
    "odt": "an OpenDocument text (.odt): save it as .docx (soffice --headless --convert-to docx FILE)",
    "xlsb": "an Excel binary workbook (.xlsb): save it as .xlsx (soffice --headless --convert-to xlsx FILE)",
    "rtf": "a Rich Text (RTF) file: save it as .docx (soffice --headless --convert-to docx FILE)",
    "encrypted": "an encrypted (password-protected) Office file: open it with the password and save it "
                 "without one",
}


def _ole_streams(data: bytes) -> set[str]:
    """Names of the streams an OLE2 compound file holds (directory entries are UTF-16 names)."""
    names = ("Workbook", "Book", "WordDocument", "EncryptedPackage", "EncryptionInfo", "WksSSWorkBook")
    return {n for n in names if n.encode("utf-16-le") + b"\x00\x00" in data}


def sniff(data: bytes, source: str) -> Format:
    """What an input is, by its content (the file name only settles WPS files, which look like Office ones).

    Raises UnsupportedFormatError, with how to convert, for the formats read by nothing here.
    """
    if is_pdf(data):
        return "pdf"
    lower = source.lower()
    if data.startswith(ZIP_MAGIC):
        archive = check_zip(data, source)
        names = set(archive.namelist())
        if "xl/workbook.bin" in names:
            raise UnsupportedFormatError(source, _CONVERT["xlsb"])
        if "xl/workbook.xml" in names:
            return "xlsx"
        if "word/document.xml" in names:
            return "docx"
        if "mimetype" in names:
            kind = archive.read("mimetype")[:100]
            if kind.endswith(b"opendocument.spreadsheet"):
                return "ods"
            if kind.endswith(b"opendocument.text"):
                raise UnsupportedFormatError(source, _CONVERT["odt"])
        raise DocumentError(source, "a zip archive that is no workbook or Word document")
    if data.startswith(OLE2_MAGIC):
        streams = _ole_streams(data)
        if "EncryptedPackage" in streams or "EncryptionInfo" in streams:
            raise UnsupportedFormatError(source, _CONVERT["encrypted"])
        for suffix in ("wps", "et"):
            if lower.endswith("." + suffix):
                raise UnsupportedFormatError(source, _CONVERT[suffix])
        if "WordDocument" in streams:
            raise UnsupportedFormatError(source, _CONVERT["doc"])
        if streams & {"Workbook", "Book"}:
            return "xls"
        raise DocumentError(source, "corrupt or truncated OLE2 compound file (no Excel workbook or Word "
                            "document stream in its directory)")
    if data[:1024].lstrip().startswith(b"{\\rtf"):
        raise UnsupportedFormatError(source, _CONVERT["rtf"])
    if is_page(data) or has_table(data):
        return "html"
    suffix = lower.rsplit(".", 1)[-1] if "." in lower else ""
    if suffix == "csv":
        return "csv"  # (text shaped as CSV under another name is told apart once decoded: read/delimited.py)
    if suffix in _OFFICE_SUFFIXES:
        raise DocumentError(source, f"named .{suffix} but no workbook, Word document or web page "
                            "(a corrupt or truncated download?)")
    return "text"


# Names that promise an Office file: such a name on plain text is a broken file, not a text dump.
_OFFICE_SUFFIXES = frozenset({"xlsx", "xlsm", "xls", "ods", "docx", "doc", "wps", "et"})


# Formats parsed in a bounded child process: PDFs and Office containers, where a small file can
# unpack or loop without end.
CHILD_FORMATS: Final = frozenset({"pdf", "xlsx", "xls", "ods", "docx"})


def is_pdf(data: bytes) -> bool:
    return data[:1024].lstrip().startswith(b"%PDF")


def in_child(data: bytes) -> bool:
    """Whether ``sniff`` would give one of CHILD_FORMATS, from the first bytes alone (zip or OLE2 magic)."""
    return is_pdf(data) or data.startswith((ZIP_MAGIC, OLE2_MAGIC))


def is_page(data: bytes) -> bool:
    """A web page (not a text dump that holds an HTML table somewhere)."""
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<!doctype html", b"<html", b"<?xml")) and b"<html" in data[:4096].lower()


_TABLE_TAG: Final = (re.compile("<table", re.I), re.compile("<t[dh]", re.I))
_TABLE_TAG_BYTES: Final = (re.compile(b"<table", re.I), re.compile(b"<t[dh]", re.I))


def has_table(data: bytes | str) -> bool:
    """A text dump holding an HTML table: a ``<table`` with cells (searched in place: no lower-cased copy
    of the file, which the batch's parent makes this test for every file)."""
    if isinstance(data, str):
        table, cell = _TABLE_TAG
        return table.search(data) is not None and cell.search(data) is not None
    table_b, cell_b = _TABLE_TAG_BYTES
    return table_b.search(data) is not None and cell_b.search(data) is not None
