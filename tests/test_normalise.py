"""Stage 2: markup removal, width folding and OCR-split words."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from goalparse.lexicon.normalise import clean_markup, join_wrapped, match_key


@pytest.mark.parametrize(
    ("printed", "clean"),
    [
        pytest.param("<p>通过该项目的实施</p>", "通过该项目的实施", id="001:L16 <p> tags around a goal"),
        pytest.param("资金到位率 $\\geq 95\\%$ ；", "资金到位率 ≥ 95% ；", id="004:L62 LaTeX comparator"),
        pytest.param("比率 \\geq 95%", "比率 ≥ 95%", id="004:L44 bare LaTeX command"),
        pytest.param("自付率<5%", "自付率<5%", id="001:L70 '<' comparison is not a tag"),
        pytest.param("a&nbsp;b", "a b", id="HTML entity"),
    ],
)
def test_clean_markup(printed: str, clean: str) -> None:
    assert clean_markup(printed) == clean


@pytest.mark.parametrize(
    ("printed", "joined"),
    [
        pytest.param("≥5000 人 次", "≥5000人次", id="004:L123 value wrapped with spaces"),
        pytest.param("医疗救助总 人次数", "医疗救助总人次数", id="004:L123 name wrapped"),
        pytest.param("2024 年 12 月底前完成", "2024年12月底前完成", id="004:L125 date"),
        pytest.param("唐医保字 【2023】32 号", "唐医保字【2023】32号", id="004:L123 basis"),
        pytest.param("DIP payment reform", "DIP payment reform", id="latin words keep their spaces"),
    ],
)
def test_join_wrapped(printed: str, joined: str) -> None:
    assert join_wrapped(printed) == joined


@pytest.mark.parametrize(
    ("printed", "key"),
    [
        pytest.param("满意 度指 标", "满意度指标", id="003:L86 heading broken by spaces"),
        pytest.param("其中：财政拨款", "其中:财政拨款", id="full-width colon"),
        pytest.param("績效（50分）", "绩效(50分)", id="traditional script and full-width brackets"),
        pytest.param("≥９５％", "≥95%", id="full-width digits"),
    ],
)
def test_match_key(printed: str, key: str) -> None:
    assert match_key(printed) == key


@given(st.text())
def test_normalising_twice_equals_once(text: str) -> None:
    once = match_key(text)
    assert match_key(once) == once
    joined = join_wrapped(text)
    assert join_wrapped(joined) == joined
