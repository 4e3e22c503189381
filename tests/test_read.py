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
        pytest.param(b"\x81\x30\xff\xff" * 10, EncodingError, "x.txt: not UTF-8, UTF-16, UTF-32, GB18030 or Big5 (undecodable bytes from line 1)", id="undecodable"),
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


DOC = "项目支出绩效目标表\n项目名称\t医疗保障基金安全监管经费\n一级指标\t二级指标\t三级指标\t指标值\n" * 4
DOC_TRADITIONAL = "項目支出績效目標表\n項目名稱\t醫療保障基金安全監管經費\n一級指標\t二級指標\t三級指標\t指標值\n" * 4


def test_one_flipped_byte_costs_one_character_and_names_its_line() -> None:
    """The lead byte of 监 flipped: it and its two orphaned continuation bytes each become U+FFFD."""
    data = bytearray(DOC.encode("utf-8"))
    at = data.index("监管".encode()) + len(DOC.encode()) // 4 * 2  # in the third copy: line 8
    data[at] = 0xFF
    src = read_bytes(bytes(data), "x.txt")
    assert src.encoding == "utf-8"
    assert src.text.replace("\ufffd" * 3, "监") == DOC
    assert src.notes == (("GP504", 8, "undecodable bytes replaced with U+FFFD"),)


def test_many_undecodable_bytes_after_a_bom_are_an_error_with_the_line() -> None:
    data = codecs.BOM_UTF8 + "第一行\n".encode() + b"\xff\xfe\xfd" * 40
    with pytest.raises(EncodingError, match=r"^x.txt: UTF-8 BOM but undecodable bytes \(first at line 2\)$"):
        read_bytes(data, "x.txt")


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        pytest.param(DOC.encode("utf-32"), "utf-32", id="utf-32 with BOM"),
        pytest.param(DOC.encode("utf-32-le"), "utf-32-le", id="utf-32-le without BOM"),
        pytest.param(DOC.encode("utf-32-be"), "utf-32-be", id="utf-32-be without BOM"),
        pytest.param(DOC_TRADITIONAL.encode("big5"), "big5", id="big5 (traditional)"),
        pytest.param(DOC.encode("gb18030"), "gb18030", id="gb18030 not mistaken for big5"),
    ],
)
def test_utf32_and_big5_are_read(data: bytes, encoding: str) -> None:
    src = read_bytes(data, "x.txt")
    assert src.encoding == encoding
    assert src.text in (DOC, DOC_TRADITIONAL) and src.notes == ()


def test_big5_table_parses_with_its_headings() -> None:
    from goalparse import parse_bytes

    table = ("項目支出績效目標表\n（2025年度）\n項目名稱\t測試項目\n一級指標\t二級指標\t三級指標\t指標值\n"
             "產出指標\t數量指標\t培訓人次\t>=5000人次\n")
    doc = parse_bytes(table.encode("big5"), "t.txt")
    assert doc.encoding == "big5"
    [ind] = doc.tables[0].indicators
    assert (ind.level2_code, ind.name, ind.value.number) == ("output.quantity", "培訓人次", 5000.0)
