"""Stage 1: bytes -> text with the encoding used; unusable input raises one-line errors."""

from __future__ import annotations

import codecs

import pytest

from goalparse.errors import BinaryInputError, EmptyInputError, EncodingError, MissingInputError
from goalparse.read.text import read_bytes, read_path

TEXT = "项目名称\t医保专项业务经费\r\n产出指标\t数量指标\t≥5000 人 次\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        pytest.param(TEXT.encode("utf-8"), "utf-8", id="utf-8"),
        pytest.param(codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig", id="utf-8 with BOM"),
        pytest.param(TEXT.encode("utf-16"), "utf-16", id="utf-16 with BOM"),
        pytest.param(TEXT.encode("utf-16-le"), "utf-16-le", id="utf-16-le without BOM"),
        pytest.param(TEXT.encode("gb18030"), "gb18030", id="gb18030"),
        pytest.param(TEXT.encode("gbk"), "gb18030", id="gbk read as gb18030"),
    ],
)
def test_decodes_and_normalises_line_endings(data: bytes, encoding: str) -> None:
    src = read_bytes(data, "x.txt")
    assert src.encoding == encoding
    assert src.text == TEXT.replace("\r\n", "\n")


@pytest.mark.parametrize(
    ("data", "error", "message"),
    [
        pytest.param(b"", EmptyInputError, "x.txt: empty file", id="empty"),
        pytest.param(b"  \n\t\n", EmptyInputError, "x.txt: empty file", id="whitespace only"),
        pytest.param(bytes(range(256)) * 8, BinaryInputError, "x.txt: binary data, not a text dump", id="binary"),
        pytest.param(b"%PDF-1.4\x00\x01\x02\x03\xff\xfe", BinaryInputError, "binary", id="pdf-like bytes"),
        pytest.param(b"\x81\x30\xff\xff" * 10, EncodingError, "x.txt: not UTF-8, UTF-16 or GB18030", id="undecodable"),
    ],
)
def test_unusable_bytes_raise_one_line_errors(data: bytes, error: type[Exception], message: str) -> None:
    with pytest.raises(error) as caught:
        read_bytes(data, "x.txt")
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_missing_path_and_directory(tmp_path) -> None:
    with pytest.raises(MissingInputError, match="no such file"):
        read_path(tmp_path / "nope.txt")
    with pytest.raises(MissingInputError, match="is a directory"):
        read_path(tmp_path)
