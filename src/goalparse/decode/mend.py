"""Step 2: mend the token stream: split cells printed with no separator, join cells broken over lines.

Glued rows (``产出指标数量指标新建校舍面积≥500平方米``) come from exports that drop every
separator; they are split at the words the text knowledge knows (headings ending in
指标, column and field labels, table-end words), and a name glued to its value is split
where the value grammar says a value begins (with its suffix comparator, a value in words that
ends a run, points and scores glued after a value or in front of it when the value repeats,
a name that starts again with its own words as its description); a title glued into a run
ends its piece, and sentences stay one cell. Headings printed one character or word per
line (``产`` ``出`` ``指`` ``标``, ``经济效益`` ``指标``) are joined back when the joined text
is a word the text knowledge knows.

>>> from goalparse.decode.tokens import tokenize
>>> [t.text for t in mend(tokenize("产出指标数量指标新建校舍面积≥500平方米质量指标验收合格率100%"))]
['产出指标', '数量指标', '新建校舍面积', '≥500平方米', '质量指标', '验收合格率', '100%']
>>> [t.text for t in mend(tokenize("经济效益\\n指标\\n年增粮食"))]
['经济效益指标', '年增粮食']
>>> [t.text for t in mend(tokenize("产\\n出\\n指\\n标\\n数量指标"))]
['产出指标', '数量指标']
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache
from itertools import pairwise
from typing import Final, Literal

from ..intermediate import Token
from ..lexicon.classify import attached_title_start, cell_info, glued_title, title_spans
from ..lexicon.columns import is_points
from ..lexicon.labels import opens_goal_item
from ..lexicon.normalise import TEXT_CACHE_SIZE, match_key, printed_twice
from ..lexicon.taxonomy import SCORE_NOTE
from ..lexicon.values import DATE_SPAN, grammar, measured_name, value_openers
from ..lexicon.vocab import load

# Only cells at least this long are searched for glued words, and only words this long split them.
MIN_GLUED_CHARS: Final = 10
MIN_WORD_CHARS: Final = 4
GLUED_CHARS_PER_WORD: Final = 40
# Known words printed back to back this many times in a long run: glued cells, however sparse the words.
MIN_TOUCHING_WORDS: Final = 3
MAX_GLUED_VALUE: Final = 30
# A field's value glued after its label at the start of a line of a glued document is at most this long.
MAX_FIELD_VALUE: Final = 60
VALUE_LIKE: Final = 0.8
MAX_GLUED_PREFIX: Final = 6
MIN_NAME_CHARS: Final = 2
# Words a short glued cell may be made of (目标值分值备注): at least this long, at most the longer.
MIN_COVER_CHARS: Final = 2
MAX_COVER_WORD: Final = 12
# A value in words split off the end of a glued name leaves at least this much name; longer runs are sentences.
MIN_TAIL_NAME: Final = 4
MAX_TAIL_PIECE: Final = 40
# Points and score glued after a self-evaluation row's values (1010, 109) take at most this many digits, and
# a number printed twice before them at least this many (8585109; 1111 is no 1 | 1 | 11).
MAX_POINTS_DIGITS: Final = 4
MIN_DOUBLED_DIGITS: Final = 2
# A glued row's text after its headings longer than this is sentences, not a name and its value.
MAX_ENDING_PIECE: Final = 80
# A glued run that starts again with its first this many characters holds two cells.
MIN_RESTART: Final = 4
_HAN_WORD: Final = re.compile(r"[\u4e00-\u9fff]+")
# A name's text: words and the commas between its clauses (定期检查、稽核), no digits, no full stops.
_NAME_TEXT: Final = re.compile(r"[\u4e00-\u9fff]+(?:[、，,][\u4e00-\u9fff]+)*")
# Cells split into three or more pieces that show a document was exported with its cells glued.
GLUED_EVIDENCE: Final = 2
# A broken heading: pieces of at most this many characters on lines of their own.
MAX_PIECE_CHARS: Final = 4
MAX_PIECES: Final = 12
_TRAILERS: Final = frozenset(("指标", "目标", "指", "标", "值"))
# How a name glued before its value may end: a word, a bracket, a percent sign, or a comma after a
# clause (严格统一执行慢性病标准, 探索慢性病网上申报评审,100%).
_NAME_END: Final = re.compile(r"[\u4e00-\u9fff)）%％,，]$")
_YEAR: Final = re.compile(r"(?:19|20)\d{2}年")
# A name, then one value printed twice (target and completed alike), then points and a remark in words.
# A deadline value: a date and 前 (2024年12月底前完成, 2021年10月前): a value, though it starts with a year.
_DEADLINE: Final = re.compile(r"(?:19|20)\d{2}年(?:\d{1,2}月)?(?:\d{1,2}日)?(?:底|末)?(?:之前|以前|前)(?:完成)?")
# A full stop with more text after it: the cell holds sentences.
_SENTENCES: Final = re.compile(r"[。；;]\s*\S")
# An item's number before a colon (指标1:项目总成本): no value, though the match key drops the colon.
_ITEM_COLON: Final = re.compile(r"\d[:：]")
# An item's number (指标12:, 3、, 2.) opening a name, and how many make a run whose values end its items.
_ITEM_MARK: Final = re.compile(
    r"[\u4e00-\u9fff]{1,2}\d{1,2}[:：、](?=\S)|\d{1,2}[:：、](?=[^\d\s])|\d{1,2}[.．](?=[\u4e00-\u9fff])")
MIN_ITEMS: Final = 2
# What follows an item's number: its mark, then words (4.组织开展, 2、定期召开).
_ITEM_OPENS: Final = re.compile(r"\s*[.．、:：]\s*[^\d\s.．%]")
# What may follow a span of dates that is a value: the end of the run, or the next value's digits.
_SPAN_ENDS: Final = frozenset(("", *"0123456789"))
_CLAUSE_ENDS: Final = frozenset("，,、")
_NOTE_OPENS: Final = frozenset("(（[【〔")


def _label_words() -> set[str]:
    """Every field, funds, goal and column label of the vocabulary (schemas/fields.json)."""
    fields = load("fields")
    return {label for group in ("fields", "funds", "goals", "columns") for labels in fields[group].values()
            for label in labels}


def _heading_words() -> list[str]:
    """Every level heading of the taxonomy, canonical and variant."""
    return [v for node in load("taxonomy")["nodes"] for v in [*node["variants"], node["name"]]]


def _keys(words: set[str], shortest: int) -> set[str]:
    return {k for k in (match_key(w).replace(":", "") for w in words) if len(k) >= shortest}


@lru_cache(maxsize=1)
def _glue_words() -> re.Pattern[str]:
    """Words that split a glued cell: labels, table-end words and headings ending in 指标 (as match keys)."""
    fields = load("fields")
    words = _label_words()
    for group in ("funds_block", "spending_plan", "block_labels", "table_end"):
        words.update(fields[group])
    for budget in load("structure")["budget_columns"].values():
        words.update(budget)  # 年初预算数 全年预算数 全年执行数 over a self-evaluation's funds
    words.update(w for w in _heading_words() if w.endswith(("指标", "目标")))
    keys = _keys(words, MIN_WORD_CHARS)
    return re.compile("|".join(re.escape(k) for k in sorted(keys, key=len, reverse=True)))


# Each character's folded form in a key map ("" for one left out), worked out once per character
# (bounded: a text of every code point must not grow it without end).
_FOLDED: Final[dict[str, str]] = {}
MAX_FOLDED_CHARS: Final = 65_536


def clear_caches() -> None:
    """Forget the folded characters (benchmarks start cold)."""
    _FOLDED.clear()


def _fold(ch: str) -> str:
    """A character's folded form, remembered: key maps of long glued cells then cost a lookup per
    character and hold one string per distinct character, not a new one-character string each."""
    if len(_FOLDED) >= MAX_FOLDED_CHARS:
        _FOLDED.clear()
    # (A required-field mark, 一*级项目名称, is no part of the words either.)
    folded = "" if ch.isspace() or ch in ":：*" else match_key(unicodedata.normalize("NFKC", ch)) or ch
    _FOLDED[ch] = folded
    return folded


def _key_map(text: str) -> tuple[str, list[int]]:
    """A match key of ``text`` built character by character, with each key character's index in ``text``."""
    chars: list[str] = []
    where: list[int] = []
    fold = _FOLDED.get
    for i, ch in enumerate(text):
        folded = fold(ch)
        if folded is None:
            folded = _fold(ch)
        if len(folded) == 1:
            chars.append(folded)
            where.append(i)
        else:
            for c in folded:
                chars.append(c)
                where.append(i)
    return "".join(chars), where


@lru_cache(maxsize=TEXT_CACHE_SIZE)
def split_glued(text: str) -> tuple[str, ...]:
    """Pieces of a glued cell, split at known words (the cell itself when it holds fewer than two).

    >>> split_glued("总体目标年度目标"), split_glued("目标值分值备注"), split_glued("财政资金到位率")
    (('总体目标', '年度目标'), ('目标值', '分值', '备注'), ('财政资金到位率',))
    >>> split_glued("年度目标1.保障离休老干部医药费及时足额报销。2.按实际发生额完成此项目资金的发放。")
    ('年度目标', '1.保障离休老干部医药费及时足额报销。2.按实际发生额完成此项目资金的发放。')
    """
    key = match_key(text).replace(":", "").replace("：", "").replace("*", "")
    if len(text) < MIN_GLUED_CHARS:
        return _known_words(key, text)
    if not _glue_words().search(key):
        return (text,)
    return tuple(_split_glued(text))


@lru_cache(maxsize=1)
def _cover_words() -> frozenset[str]:
    """Every label, column heading and level heading as a match key, however short (分值, 备注)."""
    return frozenset(_keys(_label_words() | set(_heading_words()), MIN_COVER_CHARS))


def _known_words(key: str, text: str) -> tuple[str, ...]:
    """A short cell that is nothing but known words (总体目标年度目标, 目标值分值备注) -> those words; else the cell.

    Only a cover of the whole cell counts: a short cell holding one known word and other text is
    a name (财政资金到位率) or a label with its note, not two cells.
    """
    if key != text or len(key) < 2 * MIN_COVER_CHARS:
        return (text,)
    words = _cover_words()
    # Fewest words covering the cell, by a small dynamic programme over its characters.
    best: list[list[str] | None] = [[]] + [None] * len(key)
    for end in range(1, len(key) + 1):
        for start in range(max(0, end - MAX_COVER_WORD), end - MIN_COVER_CHARS + 1):
            before = best[start]
            if before is not None and key[start:end] in words and (
                    best[end] is None or len(before) + 1 < len(best[end] or [])):
                best[end] = [*before, key[start:end]]
    found = best[len(key)]
    return tuple(found) if found is not None and len(found) >= 2 else (text,)


def _split_glued(text: str) -> list[str]:
    info = cell_info(text)
    if info.title or info.own_cell:
        return [text]  # one heading with its score or note (产出指标 (50分)) is one cell
    key, where = _key_map(text)
    titles = title_spans(key)
    hits = [(m.start(), m.end()) for m in _glue_words().finditer(key)
            if not any(a <= m.start() and m.end() <= b for a, b in titles)]
    hits = _names_after_headings(key, hits)
    if hits and hits[0][0] == 0 and _names_a_field(key[: hits[0][1]]) and opens_goal_item(key[hits[0][1]:]):
        # A goal label glued to its numbered items (年度目标1、开展…2、…), however long: the items are
        # text, whatever labels they mention (…完成此项目资金的发放).
        hits = hits[:1]
    elif len(hits) >= 2:
        # Glued rows are dense with labels and headings; running text mentions one now and then, and never
        # prints two of them back to back as a glued header does (一级指标二级指标三级指标: a whole table glued
        # into one run, its rows under one heading long).
        touching = sum(1 for (_, end), (start, _) in pairwise(hits) if end == start)
        if len(key) > GLUED_CHARS_PER_WORD * len(hits) and touching < MIN_TOUCHING_WORDS:
            return [text]
    elif not titles and not (
            hits and hits[0][0] <= MAX_GLUED_PREFIX and 0 < len(key) - hits[0][1] <= MAX_GLUED_VALUE
            and ((hits[0][0] == 0 and _names_a_field(key[: hits[0][1]])) or _value_follows(key[hits[0][1]:]))):
        # One word: a field label glued to its value, or any label glued to a number or value, with
        # at most a short note before it ((万元)年度资金总额:1125); an indicator name may start with a
        # funds word (财政资金到位率), so a label inside a name splits nothing. (A title inside the run splits it
        # all the same: …合计2430.3附件2项目绩效目标表主管部门:省商务厅.)
        return [text]
    ends = set()
    for _, e in hits:
        end = where[e - 1] + 1
        while end < len(text) and text[end] in ":： ":
            end += 1  # a label's colon stays with the label
        ends.add(end)
    ends.update(where[e - 1] + 1 for _, e in titles)  # a title glued inside a run ends its piece
    # (and starts one after an attachment mark: …合计2430.3附件2 | 项目绩效目标表)
    ends.update(where[a] for a in (attached_title_start(key, s) for s, _ in titles) if a is not None and a < len(key))
    cuts = sorted({where[s] for s, _ in hits} | ends | {0, len(text)})
    pieces = [text[a:b].strip() for a, b in pairwise(cuts)]
    out: list[str] = []
    for piece in pieces:
        if not piece:
            continue
        words = _known_words(match_key(piece), piece) if len(piece) < MIN_GLUED_CHARS else (piece,)
        if len(words) > 1:
            out.extend(words)  # column headings glued together (分值得分) between longer ones
            continue
        if out and SCORE_NOTE.match(piece) and cell_info(out[-1]).heading is not None:
            out[-1] += piece  # 产出指标(40分): a heading keeps its printed score
            continue
        out.extend(_split_value(piece, words_too=not (out and cell_info(out[-1]).is_label)))
    return out


def _names_after_headings(key: str, hits: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Glue words less the labels inside an indicator's name: after a level heading comes a name, so a
    funds or field word there, right after the heading or between words, followed by more words
    (成本指标项目资金投入数772万元, 质量指标工作完成情况工作完成率≥95%) is part of the name, not a label.
    (Several labels after the headings are fields of a table flattened into the line: they split.)

    >>> _names_after_headings("成本指标项目资金投入数772万元", [(0, 4), (4, 8)])
    [(0, 4)]
    >>> _names_after_headings("质量指标工作完成情况工作完成率", [(0, 4), (6, 10)])
    [(0, 4)]
    >>> _names_after_headings("质量指标财政拨款投入率财政拨款投入率100%", [(0, 4), (4, 8), (11, 15)])
    [(0, 4)]
    """
    labels = [not _is_level(key[start:end]) for start, end in hits]
    first_heading = next((n for n, label in enumerate(labels) if not label), None)
    # (one label word, or one printed again with the name: 财政拨款投入率财政拨款投入率)
    lone = first_heading is not None and len({key[a:b] for (a, b), label in zip(
        hits[first_heading:], labels[first_heading:], strict=True) if label}) == 1
    kept: list[tuple[int, int]] = []
    for n, ((start, end), label) in enumerate(zip(hits, labels, strict=True)):
        after_heading = bool(kept) and kept[-1][1] == start and _is_level(key[kept[-1][0]: kept[-1][1]])
        # (only after the first heading: the fields before it are no names, 局实施单位宿州市… is a label)
        inside = lone and n > (first_heading or 0) and start > 0 and _HAN_WORD.match(key[start - 1]) is not None
        if label and (after_heading or inside) and _HAN_WORD.match(key[end:]):
            continue
        kept.append((start, end))
    return kept


def _names_a_field(label: str) -> bool:
    info = cell_info(label)
    return bool(info.field or info.goal)


def _value_follows(rest: str) -> bool:
    info = cell_info(rest.lstrip(":："))
    return info.number or info.value_like >= VALUE_LIKE


@lru_cache(maxsize=1)
def _value_run() -> re.Pattern[str]:
    """A value inside glued text (as a match key): comparator, number, a known unit or %."""
    g = grammar()
    units = "|".join(re.escape(u) for u in g.units if u != "M")
    comparators = "|".join(re.escape(c) for c in sorted(g.prefix, key=len, reverse=True))
    suffixes = "|".join(re.escape(c) for c in sorted(g.suffix, key=len, reverse=True))
    scales = "".join(g.scales)  # 万粒, 万人次: a scale before a unit
    return re.compile(rf"(?:{comparators})?\d+(?:[.,]\d+)*(?:[{scales}]?(?:{units})(?:/(?:{units}))?)?(?:{suffixes})?"
                      r"(?![月日号底])")


@lru_cache(maxsize=1)
def _item_words() -> tuple[str, ...]:
    """Words a number follows to number an item or an attachment (schemas/structure.json item_words and
    attachment_marks: 指标1, 目标2, 附件2)."""
    structure = load("structure")
    return (*structure["item_words"], *structure["attachment_marks"])


@lru_cache(maxsize=1)
def _name_ending() -> re.Pattern[str]:
    """Words an indicator's name ends with, its value following (schemas/structure.json: 完成时间, 完成时限)."""
    return re.compile("|".join(map(re.escape, load("structure")["name_endings"])))


def _ended_name(piece: str) -> list[str] | None:
    """A glued row whose name ends with a name ending (…审计完成时间一年一次, 每年下半年) -> name, value; the
    value runs to the end, or to the name printed again (the other period's side: name, value, name, value).
    None when the piece holds no such ending with a name before it and a value after it.

    >>> _ended_name("慢性病评审完成时间季末组织专家评审; 恶性肿瘤即时申报。")
    ['慢性病评审完成时间', '季末组织专家评审; 恶性肿瘤即时申报。']
    >>> _ended_name("培训完成时间一年一次，每年年中培训完成时间2021年5-7月")
    ['培训完成时间', '一年一次，每年年中', '培训完成时间', '2021年5-7月']
    """
    m = _name_ending().search(piece)
    if m is None or 0 < m.start() < MIN_NAME_CHARS or len(piece) - m.end() < MIN_NAME_CHARS:
        return None
    name, rest = piece[: m.end()], piece[m.end():].strip()
    again = rest.find(name)
    if again >= MIN_NAME_CHARS and len(rest) - again - len(name) >= MIN_NAME_CHARS:
        return [name, rest[:again].strip(), name, rest[again + len(name):].strip()]
    return [name, rest]


def _split_value(piece: str, words_too: bool = True) -> list[str]:
    """A glued run of names and values -> its names and values, each a token of its own; a name that
    ends with a name ending (完成时间) ends there, whatever the value cuts say.
    """
    out = _cut_values(piece, words_too)
    ended = _ended_name(piece) if words_too else None
    return out if ended is None or out[0] == ended[0] else ended


def _cut_values(piece: str, words_too: bool = True) -> list[str]:
    """A glued run of names and values -> its names and values, each a token of its own.

    '新建校舍面积≥500平方米' -> name, value; '活动数量>=28次40次143%服务人次>=500人' -> name, target,
    actual, rate, next name, ... A number only counts as a value with a comparator, a unit or %, and
    a name must be at least two characters (第2批 and 2021年度 stay inside their text). A suffix comparator
    (以上, 左右) stays with its value.

    >>> _split_value("日鄂州市2022年市直部门预算"), _split_value("办公大楼维修次数2280次")
    (['日鄂州市2022年市直部门预算'], ['办公大楼维修次数', '2280次'])
    >>> _split_value("异地医保稽核工作开展正常开展正常开展1010按计划完成")
    ['异地医保稽核工作开展', '正常开展', '正常开展', '1010', '按计划完成']
    >>> _split_value("离休干部医药费中介审计完成时间2021年10月前")
    ['离休干部医药费中介审计完成时间', '2021年10月前']
    >>> _split_value("离休干部人数180人。"), _split_value("提高参保人员满意率95%以上、零核实投诉")
    (['离休干部人数', '180人。'], ['提高参保人员满意率', '95%以上、零核实投诉'])
    >>> _split_value("探索慢性病网上申报评审,100%"), _split_value("项目服务期限1年1年")
    (['探索慢性病网上申报评审,', '100%'], ['项目服务期限', '1年', '1年'])
    >>> _split_value("项目完成时限2024年底前完成2024年底前完成1010")
    ['项目完成时限', '2024年底前完成', '2024年底前完成', '10', '10']
    >>> _split_value("资助对象满意度达到目标值95%以上10"), _split_value("安全检查≥2次≥2次109按计划完成")
    (['资助对象满意度达到目标值', '95%以上', '10'], ['安全检查', '≥2次', '≥2次', '109', '按计划完成'])
    """
    # A run of numbered items opening with one (指标1:…, 1.…), not a goal's items after its label or its text.
    items = words_too and _ITEM_MARK.match(piece) is not None and len(_ITEM_MARK.findall(piece)) >= MIN_ITEMS
    sentences = len(piece) > MAX_TAIL_PIECE and _SENTENCES.search(piece) is not None
    if sentences and not items:
        # Sentences (a goal: 1.保障救助人次不少于5000人次。2.…) are one cell, values and all, unless a value in
        # words printed twice follows them (…绩效评价。年底前完成年底前完成1010: a self-evaluation row).
        return _doubled(piece) or [piece]
    key, where = _key_map(piece)
    # Values cut whole, their digits no cuts of their own: deadlines (2024年12月底前完成) and spans of dates, the
    # latter only where a value ends (at the end of the run or before the next value's digits; inside a goal's
    # sentence, 服务周期2023.07-2024.01,全市…, it is text); a span inside another counts once.
    whole = [m.span() for pattern in (_DEADLINE, DATE_SPAN) for m in pattern.finditer(key)
             if m.start() >= MIN_NAME_CHARS and (pattern is _DEADLINE or key[m.end():m.end() + 1] in _SPAN_ENDS)]
    whole = [d for d in whole if not any(a <= d[0] and d[1] <= b and d != (a, b) for a, b in whole)]
    cuts: list[tuple[int, int]] = []
    for m in _value_run().finditer(key):
        if any(a <= m.start() < b for a, b in whole):
            continue  # inside a value cut whole (2024年12月底前完成), cut below
        value = m.group()
        # (after a deadline too: 2024年12月底前完成1010 is the value, then points and score)
        right_after = (bool(cuts) and where[m.start()] == cuts[-1][1]) or any(b == m.start() for _, b in whole)
        if value.isdigit() and _ITEM_OPENS.match(piece, where[m.end() - 1] + 1):
            continue  # the next item's number (≥2次4.组织开展…): it opens the name after the value
        if key.endswith(_item_words(), 0, m.start()) and value[:1].isdigit():
            continue  # an item's number (指标1种薯采购价格: not 1种; 附件2项目…: not 2项)
        if not (value[:1] in "≥≤><=≧≦不" or value[-1:] not in "0123456789" or right_after or (
                m.end() == len(key) and measured_name(key[: m.start()]))):
            continue  # a bare number: part of a name, unless it follows a value (points, score) or ends the
            # run after a name that prints its unit or is a rate (造林面积(亩)80000, 工程完工率100)
        if value.endswith("年") and (key[m.end():m.end() + 1] == "度" or _YEAR.search(value)):
            continue  # a date (2023年12月) or a year (2021年度, 2022年市直部门), not a value (1年1年: a term twice)
        if m.start() < 2:
            continue  # digits opening the text belong to the name
        start, end = where[m.start()], where[m.end() - 1] + 1
        if _ITEM_COLON.search(piece, start, end):
            continue  # an item's number (指标1:项目总成本): the colon the match key drops follows it
        if m.end() == len(key) and value.isdigit():
            cuts += _doubled_number(value, start)  # target and completed value alike, then points (8585109)
            continue
        cuts.append((start, end))
    if whole:
        cuts = sorted(cuts + [(where[a], where[b - 1] + 1) for a, b in whole])
    if not cuts:
        if not words_too:
            return [piece]
        return _doubled(piece) or _qualitative_tail(piece)
    if cuts[0][0] < 2:
        return [piece]
    if items:
        ended = _values_ending_items(piece, cuts)
        # (a run of items whose values end them: a value right before the next item's number, twice or more;
        # items of sentences, 1.保障…不少于5000人次。2.…, are a goal's text)
        if sum(1 for _, end in ended if _ITEM_MARK.match(piece, end)) < MIN_ITEMS - 1 and sentences:
            return _doubled(piece) or [piece]
        cuts = ended
    out: list[str] = []
    at = 0
    for start, end in cuts:
        name = piece[at:start].strip()
        if name:
            if out and _continues_value(name):
                out[-1] += name  # a stray character after a value (unit 率 or %) stays with it
            else:
                out.append(name)
        out.append(piece[start:end].strip())
        at = end
    tail = piece[at:].strip()
    if tail and _continues_value(tail):
        out[-1] += tail  # 20人。, 95%以上、零核实投诉: the value's own full stop or its next item
    elif tail:
        out.append(tail)
    out = _points_before_values(_name_word_again(_unit_before_name(out)))
    first = out[0]
    if not _NAME_END.search(first) or cell_info(first).is_label or cell_info(first).column:
        return [piece]
    return [part for text in out for part in _explained(text) for part in _restarted(part)]


def _values_ending_items(piece: str, cuts: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """In a run of numbered items (指标12:孕产妇7天访视数214人指标13:…), the values that end an item: those
    followed by another value, the next item's number or the end; a value with more of a name after it
    (7天 in 孕产妇7天访视数) is part of the name.

    >>> p = "指标12:孕产妇7天访视数214人指标13:早孕建册数120人"
    >>> cuts = [(p.index(v), p.index(v) + len(v)) for v in ("7天", "214人", "120人")]
    >>> [p[a:b] for a, b in _values_ending_items(p, cuts)]
    ['214人', '120人']
    """
    kept = []
    for n, (start, end) in enumerate(cuts):
        upto = cuts[n + 1][0] if n + 1 < len(cuts) else len(piece)
        rest = piece[end:upto].strip()
        if not rest or _ITEM_MARK.match(rest) or _continues_value(rest):
            kept.append((start, end))
    return kept


def _doubled_number(digits: str, start: int) -> list[tuple[int, int]]:
    """A run of digits ending a self-evaluation row, its target and completed value alike and its points
    and score after them (85 85 10 9 glued: 8585109), as cuts at ``start``; the run whole when it opens
    with no number of two or more digits printed twice and followed by a few more.

    >>> _doubled_number("8585109", 0), _doubled_number("1111", 0), _doubled_number("80000", 3)
    ([(0, 2), (2, 4), (4, 7)], [(0, 4)], [(3, 8)])
    """
    for n in range(len(digits) // 2, MIN_DOUBLED_DIGITS - 1, -1):
        rest = len(digits) - 2 * n
        if digits[:n] == digits[n: 2 * n] and 0 < rest <= MAX_POINTS_DIGITS and "0" not in (digits[0], digits[2 * n]):
            return [(start, start + n), (start + n, start + 2 * n), (start + 2 * n, start + len(digits))]
    return [(start, start + len(digits))]


def _continues_value(text: str) -> bool:
    """Text after a value that belongs to it: a stray character or punctuation alone (率, %, 。), or the
    next item of a list the value opens (、零核实投诉)."""
    return len(match_key(text)) < MIN_NAME_CHARS or text[:1] == "、"


def _unit_before_name(pieces: list[str]) -> list[str]:
    """A value whose unit took the first character of the name printed again after it (the other period's
    side: 项目总成本 | 《=2500万项 | 目总成本 -> 《=2500万 | 项目总成本) gives that character back.

    >>> _unit_before_name(["项目总成本", "《=2500万项", "目总成本", "《=858.5万"])
    ['项目总成本', '《=2500万', '项目总成本', '《=858.5万']
    """
    out = list(pieces)
    name = out[0]
    for n in range(1, len(out) - 1):
        value, after = out[n], out[n + 1]
        if len(value) > 1 and value[-1] + after == name and not after.startswith(name):
            out[n], out[n + 1] = value[:-1], name
    return out


def _name_word_again(pieces: list[str]) -> list[str]:
    """A value that opens by printing the name's last word again (提高参保人员满意率满意率 | 95%以上: the
    value is 满意率95%以上) takes that word back from the name.

    >>> _name_word_again(["提高参保人员满意率满意率", "95%以上"]), _name_word_again(["参保率参保率", "95%"])
    (['提高参保人员满意率', '满意率95%以上'], ['参保率参保率', '95%'])
    """
    if len(pieces) < 2:
        return pieces
    name = pieces[0]
    for n in range(MIN_NAME_CHARS, min(MAX_COVER_WORD, len(name) // 2) + 1):  # (a word: a few characters)
        word = name[-n:]
        if name.endswith(word * 2) and len(name) - 2 * n >= MIN_TAIL_NAME and _HAN_WORD.fullmatch(word):
            return [name[:-n], word + pieces[1], *pieces[2:]]
    return pieces


@lru_cache(maxsize=1)
def _doubled_value() -> re.Pattern[str]:
    degrees = "|".join(map(re.escape, sorted(load("values")["degree_words"], key=len, reverse=True)))
    return re.compile(rf"^(?P<name>(?:\d{{1,2}}[.、．])?[^\d\s]{{2,}}?)(?P<value>[^\d\s]{{2,12}})(?P<degree>{degrees})?"
                      r"(?P=value)(?P<points>\d{1,6})?(?P<rest>[^\d]*)$")


def _doubled(piece: str) -> list[str] | None:
    """A self-evaluation row whose target and completed value are alike (…稽核全覆盖全覆盖1010), or the
    completed value the target word with a degree word before it (…及时性及时较及时77) -> name, value,
    completed value, points, remark; None when the piece is no such row.

    >>> _doubled("6.开展医保基金内部审计的绩效评价。年底前完成年底前完成1010按计划完成")
    ['6.开展医保基金内部审计的绩效评价。', '年底前完成', '年底前完成', '1010', '按计划完成']
    >>> _doubled("项目完成及时性及时较及时77受进度影响拖延")
    ['项目完成及时性', '及时', '较及时', '77', '受进度影响拖延']
    """
    doubled = _doubled_value().match(piece)
    if doubled is None:
        return None
    name, value, degree, points, rest = doubled.group("name", "value", "degree", "points", "rest")
    return [p for p in (name, value, (degree or "") + value, points, rest) if p]


def _points_before_values(pieces: list[str]) -> list[str]:
    """A value whose digits start with a number glued in front of it, told by the same value printed
    right after it (points, target and completed value: 8550万粒550万粒 -> 8 | 550万粒 | 550万粒).

    >>> _points_before_values(["免费发放原原种", "8550万粒", "550万粒", "8"])
    ['免费发放原原种', '8', '550万粒', '550万粒', '8']
    """
    out: list[str] = []
    for n, piece in enumerate(pieces):
        after = pieces[n + 1] if n + 1 < len(pieces) else ""
        head = piece[: len(piece) - len(after)] if after and piece != after and piece.endswith(after) else ""
        if is_points(head) and after[:1].isdigit():
            out += [head, after]
        else:
            out.append(piece)
    return out


def _qualitative_tail(piece: str) -> list[str]:
    """A name glued to a value in words that ends it (义务教育优质均衡发展情况稳步提高, …使用时效当年) ->
    name, value: an opener and two characters (稳步提高, 全部参加), else a two-character hint or time word.

    >>> _qualitative_tail("义务教育优质均衡发展情况稳步提高"), _qualitative_tail("综合业务经费使用时效当年")
    (['义务教育优质均衡发展情况', '稳步提高'], ['综合业务经费使用时效', '当年'])
    >>> _qualitative_tail("提升定点医疗机构服务质量和水平"), _qualitative_tail("提升服务质量和水平程度较高")
    (['提升定点医疗机构服务质量和水平'], ['提升服务质量和水平', '程度较高'])
    >>> _qualitative_tail("干部职工享受个人待遇有所提高"), _qualitative_tail("干部职工享受个人待遇全额保障")
    (['干部职工享受个人待遇', '有所提高'], ['干部职工享受个人待遇', '全额保障'])
    >>> _qualitative_tail("全县医疗机构及协议药店定期检查、稽核全覆盖")
    ['全县医疗机构及协议药店定期检查、稽核', '全覆盖']
    >>> _qualitative_tail("对当地文物保护、文化传承影响长远"), _qualitative_tail("全区医保经办能力水平较上年提高")
    (['对当地文物保护、文化传承影响', '长远'], ['全区医保经办能力水平', '较上年提高'])
    """
    item = _ITEM_MARK.match(piece)
    if item is not None and item.end() < len(piece):  # 指标1:持续提供…问题持续保障: the number opens the name
        cut = _qualitative_tail(piece[item.end():])
        return [piece[: item.end()] + cut[0], *cut[1:]]
    if not MIN_TAIL_NAME + 2 <= len(piece) <= MAX_TAIL_PIECE or not _NAME_TEXT.fullmatch(piece):
        return [piece]
    g = grammar()
    tail = piece[-2:]
    for n in (3, 2, 1):  # an opener of three characters (较上年提高), of two, or of one (全覆盖)
        opener = piece[-2 - n:-2]
        if len(piece) >= MIN_TAIL_NAME + 2 + n and opener in value_openers() and _HAN_WORD.fullmatch(piece[-2 - n:]):
            return [piece[:-2 - n], piece[-2 - n:]]
    if _HAN_WORD.fullmatch(tail) and (g.qualitative_hint.fullmatch(tail) or g.time_word.fullmatch(tail)):
        return [piece[:-2], tail]
    return [piece]


def _restarted(text: str) -> list[str]:
    """A name glued to a description that starts with the same words (医疗救助总人次数医疗救助总人次数,
    一站式直接覆盖率一站式直接结算覆盖率) -> the two cells.

    >>> _restarted("一站式直接覆盖率一站式直接结算覆盖率"), _restarted("受益情况特殊人群因病致贫人口减少")
    (['一站式直接覆盖率', '一站式直接结算覆盖率'], ['受益情况特殊人群因病致贫人口减少'])
    >>> _restarted("参保率参保率")
    ['参保率', '参保率']
    """
    half = len(text) // 2
    if half >= MIN_NAME_CHARS and printed_twice(text):
        return [text[:half], text[half:]]  # a short name printed twice (参保率参保率)
    head = text[:MIN_RESTART]
    if len(text) < 2 * MIN_RESTART or not _HAN_WORD.fullmatch(head):
        return [text]
    at = text.find(head, MIN_RESTART)
    return [text[:at], text[at:]] if at > 0 else [text]


@lru_cache(maxsize=1)
def _explanation() -> re.Pattern[str]:
    """A name with its explanation glued on (…维修维护次数反映办公大楼全年维修维护情况): schemas/structure.json."""
    clause = load("structure")["explanation_clause"]
    openers = "|".join(map(re.escape, clause["openers"]))
    endings = "|".join(map(re.escape, clause["endings"]))
    return re.compile(rf"^(\S{{2,}}?)((?:{openers})\S+(?:{endings}))$")


def _explained(text: str) -> list[str]:
    """A glued name and its explanation -> the two cells.

    >>> _explained("大楼安检巡察次数反映大楼保卫巡检情况"), _explained("群众反映问题办结率")
    (['大楼安检巡察次数', '反映大楼保卫巡检情况'], ['群众反映问题办结率'])
    """
    m = _explanation().match(text)
    return [m.group(1), m.group(2)] if m else [text]


def _leading_heading(text: str) -> list[str]:
    """A level heading glued in front of a name (质量指标1.医保基金预算编制准确率) -> heading, rest.

    Only where the document shows that its cells were glued: elsewhere a name may start with a heading's
    words.

    >>> _leading_heading("质量指标1.医保基金预算编制准确率"), _leading_heading("数量指标")
    (['质量指标', '1.医保基金预算编制准确率'], ['数量指标'])
    """
    key, where = _key_map(text)
    m = _glue_words().match(key)
    if m is None or len(key) - m.end() < MIN_NAME_CHARS:
        return [text]
    head = cell_info(key[: m.end()]).heading
    if head is None or head.how != "exact":
        return [text]
    end = where[m.end() - 1] + 1
    return [text[:end].strip(), text[end:].strip()]


def _field_then_value(text: str) -> list[str]:
    """A field's label glued to its value, short (项目期3年) or a goal in sentences (年度目标保障全县…) ->
    label, value; else the cell.

    >>> _field_then_value("年度目标保障全县离休干部、中华人民共和国成立前老工人、伤残革命军人、人民警察的医疗待遇。")
    ['年度目标', '保障全县离休干部、中华人民共和国成立前老工人、伤残革命军人、人民警察的医疗待遇。']
    >>> _field_then_value("年度目标完成情况"), _field_then_value("项目期3年"), _field_then_value("绩效目标自评表")
    (['年度目标完成情况'], ['项目期', '3年'], ['绩效目标自评表'])
    """
    if _known(text) or cell_info(text).title:
        return [text]  # a title (绩效目标自评表) or a heading is one cell
    if len(text) < MIN_GLUED_CHARS:
        return _label_then_value(text)
    if len(text) <= MIN_GLUED_CHARS + MAX_GLUED_VALUE and any(ch.isdigit() for ch in text):
        pair = _label_then_value(text, values_only=True)  # 项目期2023.07-2024.01: a short label, a long value
        if len(pair) > 1:
            return pair
    key, where = _key_map(text)
    m = _glue_words().match(key)
    # (a shorter goal is split with any label's value: split_glued; a field's long value, a project's name of
    # 36 characters, only up to a field's length)
    if m is None or len(key) - m.end() <= MAX_GLUED_VALUE:
        return [text]
    label = cell_info(key[: m.end()])
    if label.goal is None and (label.field is None or len(key) - m.end() > MAX_FIELD_VALUE):
        return [text]
    end = where[m.end() - 1] + 1
    return [text[:end].strip(), text[end:].strip()]


def _label_then_value(text: str, values_only: bool = False) -> list[str]:
    """A short label glued to its value (项目期3年, 其他资金0, 上年结转0) -> label, value; else the cell.

    Only where the document shows that its cells were glued, and only a value the grammar reads whole.

    A field's label takes a value in words as well (项目名称综合业务费, 项目属性延续性项目), as a longer
    glued cell's does.

    >>> _label_then_value("项目期3年"), _label_then_value("其他资金0"), _label_then_value("培训人数3人")
    (['项目期', '3年'], ['其他资金', '0'], ['培训人数3人'])
    >>> _label_then_value("项目名称综合业务费"), _label_then_value("项目属性延续性项目"), _label_then_value("项目名称")
    (['项目名称', '综合业务费'], ['项目属性', '延续性项目'], ['项目名称'])

    With ``values_only`` a longer cell is tried, and only a value the grammar reads counts:
    >>> _label_then_value("项目期2023.07-2024.01", values_only=True)
    ['项目期', '2023.07-2024.01']
    """
    if len(text) >= MIN_GLUED_CHARS and not values_only:
        return [text]
    digits = any(ch.isdigit() for ch in text)
    for end in range(len(text) - 1, 1, -1):
        head, rest = text[:end], text[end:]
        if not cell_info(head).is_label:
            continue
        if rest[:1] in _NOTE_OPENS:
            continue  # a label and its note (填报单位 (盖章)), no value
        if (digits and _value_follows(rest)) or (not values_only and len(rest) >= MIN_NAME_CHARS
                                                  and _names_a_field(head) and not _known(rest)):
            return [head, rest]
    return [text]


# An amount printed two or three times and a rate after it, glued (92.6592.6592.65100%: budgeted at the
# year's start, for the year, spent, and the rate spent).
# Three copies are tried first (555555100%: 55 three times, not 555 twice).
_REPEATED_AMOUNT: Final = tuple(re.compile(
    rf"^(?P<label>\D*?)(?P<amount>\d+(?:\.\d+)?)(?P<again>(?P=amount){{{n}}})(?P<rate>\d{{1,3}}(?:\.\d+)?%)?$")
    for n in (2, 1))


def _repeated_amounts(text: str) -> list[str]:
    """A funds label glued to one amount printed in each budget column and the rate spent -> label, the
    amounts, the rate; else the cell. The one way to cut the digits when the amounts are equal (the whole
    budget spent); unequal amounts run together cannot be told apart.

    >>> _repeated_amounts("年度资金总额92.6592.6592.65100%"), _repeated_amounts("555555100%")
    (['年度资金总额', '92.65', '92.65', '92.65', '100%'], ['55', '55', '55', '100%'])
    >>> _repeated_amounts("培训人数100100"), _repeated_amounts("1010")
    (['培训人数100100'], ['1010'])
    """
    if not text[-1:].isdigit() and not text.endswith("%"):
        return [text]
    m = next((m for pattern in _REPEATED_AMOUNT if (m := pattern.match(text))), None)
    if m is None or (m.group("label") and not cell_info(m.group("label")).funds):
        return [text]
    amount, rate = m.group("amount", "rate")
    copies = 1 + len(m.group("again")) // len(amount)
    if copies < 3 and not rate:
        return [text]  # two equal numbers alone are points and a score as often (1010)
    return [p for p in (m.group("label"), *[amount] * copies, rate) if p]


# Budget amounts printed with two decimals run together (65.6665.07: budgeted, spent), then what the row
# prints after them: points, the rate spent, a score, a placeholder (10 | 100.0% | 10, - 0.0% -).
_AMOUNT_RUN: Final = re.compile(r"^(?P<label>\D*?)(?P<amounts>(?:(?:0|[1-9]\d*)\.\d\d){2,})(?P<tail>(?:\s*(?:"
                                r"\d{1,3}(?:\.\d{1,2})?%|\d{1,2}(?:\.\d)?|[-—–]))*\s*)$")
_AMOUNT: Final = re.compile(r"(?:0|[1-9]\d*)\.\d\d")
_AFTER_AMOUNTS: Final = re.compile(r"\d{1,3}(?:\.\d{1,2})?%|\d{1,2}(?:\.\d)?|[-—–]")


def _amount_run(text: str) -> list[str]:
    """A funds label glued to budget amounts printed with two decimals, and the points, rate and score
    after them -> each its own cell; else the cell. Two decimals tell where each amount ends, equal or
    not, where bare integers could be cut anywhere.

    >>> _amount_run("年度资金总额145000000.00145000000.00145000000.0010100.0%10")
    ['年度资金总额', '145000000.00', '145000000.00', '145000000.00', '10', '100.0%', '10']
    >>> _amount_run("其他资金65.6665.07 -0.0%-"), _amount_run("培训人数100.00100.00")
    (['其他资金', '65.66', '65.07', '-', '0.0%', '-'], ['培训人数100.00100.00'])
    """
    m = _AMOUNT_RUN.match(text)
    if m is None or (m.group("label") and not cell_info(m.group("label")).funds):
        return [text]
    return [p for p in (m.group("label"), *_AMOUNT.findall(m.group("amounts")),
                        *_AFTER_AMOUNTS.findall(m.group("tail"))) if p]


def _alone(token: Token) -> bool:
    return token.first and token.width == 1


def _is_level(text: str) -> bool:
    h = cell_info(text).heading
    return h is not None and h.how == "exact"


def _known(text: str) -> bool:
    info = cell_info(text)
    h = info.heading
    return bool((h is not None and h.how == "exact") or info.column or info.is_label)


def _split_by_space(t: Token) -> bool:
    """A token cut from its neighbours by a single space only (a space inside a cell looks the same)."""
    return t.sep == "space"


def _join_starts(tokens: list[Token]) -> list[int]:
    """Where a join can start: a cell alone on its line, or one the next cell follows after a single space.

    Rows of cells separated by tabs, pipes or runs of spaces (most of any dump) have none.
    """
    starts: list[int] = []
    for i, t in enumerate(tokens):
        if t.sep == "space" and i:
            if not starts or starts[-1] != i - 1:
                starts.append(i - 1)
            if t.first and t.width == 1:
                starts.append(i)
        elif t.first and t.width == 1:
            starts.append(i)
    return starts


# A known label printed whole after words of their own (具体内容 | 指标值) is no piece of them; a period word
# this short before it (本年度 | 指标值) is a piece of one label.
MAX_PREFIX_CHARS: Final = 3


def _join_broken(tokens: list[Token]) -> list[Token]:
    """Join a heading or label printed in pieces on lines of their own, or cut apart by single spaces
    (一级 指标), and a number cut from its unit (不少于12 种).

    Only the cells where a join can start are looked at; the runs between them are copied.
    """
    out: list[Token] = []
    i = 0
    for start in _join_starts(tokens):
        if start < i:
            continue  # inside a join already made
        out.extend(tokens[i:start])
        i = start
        t = tokens[i]
        if t.text and (_alone(t) or _next_by_space(tokens, i)) and len(match_key(t.text)) <= 8:
            best = 0
            joined = t.text
            text = t.text
            for j in range(i + 1, min(i + MAX_PIECES, len(tokens))):
                u = tokens[j]
                if not (_alone(u) or _split_by_space(u)) or not u.text or len(match_key(u.text)) > MAX_PIECE_CHARS:
                    break
                if best and _known(u.text):
                    break  # 三 级 指 标 | 指标值: a known word after a whole one is the next cell
                if _is_level(u.text) and not _is_level(t.text):
                    break  # 未完成原因 | 产出指标: a whole level heading is no piece of a column heading
                text += u.text
                tail = match_key(u.text) in _TRAILERS or len(match_key(u.text)) == 1
                whole = _known(u.text) and len(match_key(text)) - len(match_key(u.text)) > MAX_PREFIX_CHARS
                if _known(text) and (tail or not _known(t.text) or not _known(u.text)) and not whole:
                    best, joined = j, text
            if best:
                out.append(t._replace(text=joined))
                i = best + 1
                continue
        if _next_by_space(tokens, i) and _number_then_unit(t.text, tokens[i + 1].text):
            out.append(t._replace(text=f"{t.text} {tokens[i + 1].text}"))
            i += 2
            continue
        out.append(t)
        i += 1
    out.extend(tokens[i:])
    return out


def _next_by_space(tokens: list[Token], i: int) -> bool:
    return i + 1 < len(tokens) and _split_by_space(tokens[i + 1])


def _number_then_unit(first: str, second: str) -> bool:
    """'不少于12' then '种': a value cut from its unit by a space."""
    return first[-1:].isdigit() and cell_info(second).unit


_BRACKETED_HEADINGS: Final = re.compile(r"^[【\[〔]([^】\]〕]+)[】\]〕]$")


def split_headings(text: str) -> list[str]:
    """'【产出指标-数量指标】' -> the two headings it holds (a level path printed as one bracketed cell).

    >>> split_headings("【产出指标-数量指标】"), split_headings("【项目概况】")
    (['产出指标', '数量指标'], ['【项目概况】'])
    """
    m = _BRACKETED_HEADINGS.match(text.strip())
    if not m:
        return [text]
    parts = [p.strip() for p in re.split(r"[-—–/]", m.group(1)) if p.strip()]
    if len(parts) < 2 or not all((h := cell_info(p).heading) is not None and h.how == "exact" for p in parts):
        return [text]
    return parts


_LABEL_COLON: Final = re.compile(r"^([^:：]{2,16}?)\s*[:：]\s*(\S.*)$")


def split_label_value(text: str) -> list[str]:
    """'年度资金总额:16' -> label and value: a known label, a colon, its value, in one cell.

    >>> split_label_value("年度资金总额:16"), split_label_value("其中:财政拨款"), split_label_value("注:见附件")
    (['年度资金总额:', '16'], ['其中:财政拨款'], ['注:见附件'])
    """
    m = _LABEL_COLON.match(text)
    if not m or cell_info(text).is_label:
        return [text]
    label = cell_info(m.group(1))
    if not label.is_label or cell_info(m.group(2)).is_label:
        return [text]
    return [text[: m.start(2)].strip(), m.group(2)]


@lru_cache(maxsize=TEXT_CACHE_SIZE)
def _pieces(text: str) -> tuple[str, ...]:
    """The tokens one cell text splits into (the text alone for most): worked out once per text."""
    if not text:
        return (text,)
    if ":" in text or "：" in text:
        pair = split_label_value(text)
        if len(pair) > 1:
            return tuple(pair)
    if text[:1] in "【[〔":
        headings = split_headings(text)
        if len(headings) > 1:
            return tuple(headings)
    end = glued_title(text) if len(text) >= MIN_GLUED_CHARS else None
    if end is not None:
        return (text[:end].strip(), *split_glued(text[end:].strip()))
    return split_glued(text)


def mend(tokens: list[Token]) -> list[Token]:
    """Split glued cells into tokens of their own, then join headings broken over lines.

    Where the document shows that its export glued cells together (a cell held two or more
    known words), a lone cell ending in a value is split into name and value as well, and rows
    that end alike (持续影响, 年底前完成) have that value cut off.
    """
    split = [_pieces(t.text) for t in tokens]
    shown = [_glue_shown(pieces) for pieces in split if len(pieces) > 2]
    # (a glued header counts only beside a glued row: under it the rows may be one cell a line)
    glued = "row" in shown and sum(1 for s in shown if s is not None) >= GLUED_EVIDENCE
    if glued:
        tokens = [side for t in tokens for side in _sides(t)]
        split = [_pieces(t.text) for t in tokens]
        for n, (t, pieces) in enumerate(zip(tokens, split, strict=True)):
            if len(pieces) == 1 and (t.width == 1 or _beside(tokens, n)) and len(t.text) >= MIN_GLUED_CHARS // 2:
                # A goal's label and its text (年度目标完成…投资500,改善提升9200人…): no values cut from it.
                goal = _field_then_value(t.text)
                if len(goal) > 1 and cell_info(goal[0]).goal:
                    pieces = tuple(goal)
                else:
                    after_label = n > 0 and cell_info(split[n - 1][-1]).is_label  # a field's value is no indicator
                    pieces = tuple(p for piece in _leading_heading(t.text)
                                   for p in _split_value(piece, not after_label))
                    if len(pieces) == 1:
                        pieces = tuple(goal)
            split[n] = tuple(p for piece in pieces for amounts in _repeated_amounts(piece)
                             for p in _amount_run(amounts))
        _split_row_ends(tokens, split)
        _split_shared_endings(tokens, split)
    elif any(t.width > 1 for t in tokens):
        # Rows of cells, and a line of one cell among them: a field row printed as one run (项目属性经常性项目).
        for n, t in enumerate(tokens):
            if t.width == 1 and len(split[n]) == 1:
                split[n] = tuple(_field_then_value(t.text))
    out: list[Token] = []
    for t, pieces in zip(tokens, split, strict=True):
        if len(pieces) == 1:
            out.append(t)
            continue
        for n, piece in enumerate(pieces):
            out.append(t._replace(text=piece, sep=t.sep if n == 0 else "glue",
                                  first=t.first and n == 0, width=t.width + len(pieces) - 1))
    return _join_broken(out)


def _glue_shown(pieces: tuple[str, ...]) -> Literal["row", "header"] | None:
    """What a cell split into three or more pieces shows of an export that glued cells together: a glued
    row, a glued header of column headings alone (一级指标二级指标三级指标指标值: by itself it says nothing of
    the rows under it), or nothing: sentences split at the words they mention (绩效指标：医疗救助…人次；…资金…:
    the pieces up to the first that holds a full stop or ends a clause with a comma must make three).

    >>> _glue_shown(("产出指标", "数量指标", "覆盖率", "100%")), _glue_shown(("一级指标", "二级指标", "指标值"))
    ('row', 'header')
    >>> _glue_shown(("预算数 507 万元，", "其中财政资金", "507 万元，", "其他资金", "0 万元。主要用于…")) is None
    True
    """
    if all(cell_info(p).column for p in pieces):
        return "header"
    upto = next((n for n, p in enumerate(pieces) if _SENTENCES.search(p) or p[-1:] in _CLAUSE_ENDS), len(pieces))
    return "row" if upto + 1 > 2 else None


def _sides(t: Token) -> list[Token]:
    """A glued line printed twice (a two-period row whose sides say the same: 质量指标X质量指标X), as its two
    sides, after a level-1 heading printed once in front of them; else the token.

    >>> [s.text for s in _sides(Token("效益指标社会效益指标提升水平较高社会效益指标提升水平较高", 1, 0, "line", True))]
    ['效益指标', '社会效益指标提升水平较高', '社会效益指标提升水平较高']
    """
    text = t.text
    if t.width != 1 or len(text) < MIN_GLUED_CHARS or text.find(text[-MIN_RESTART:]) >= len(text) - MIN_RESTART:
        return [t]  # (a text printed twice has its last characters earlier too)
    head = ""
    if not printed_twice(text):
        key, where = _key_map(text)
        m = _glue_words().match(key)
        if m is None or not _is_level(key[: m.end()]):
            return [t]
        head = text[: where[m.end() - 1] + 1]
        if not printed_twice(text[len(head):]):
            return [t]
    half = (len(text) - len(head)) // 2
    texts = [p for p in (head, text[len(head): len(head) + half], text[len(head) + half:]) if p]
    return [t._replace(text=p, sep=t.sep if n == 0 else "glue", first=t.first and n == 0, width=len(texts))
            for n, p in enumerate(texts)]


def _beside(tokens: list[Token], i: int) -> bool:
    """One side of a line printed twice (the same text just before or after it on its line)."""
    return (i + 1 < len(tokens) and tokens[i + 1].sep == "glue" and tokens[i + 1].text == tokens[i].text) or (
        i > 0 and tokens[i].sep == "glue" and tokens[i - 1].text == tokens[i].text)


def _last_on_line(tokens: list[Token], i: int) -> bool:
    return i + 1 == len(tokens) or tokens[i + 1].first


def _one_run(tokens: list[Token]) -> list[bool]:
    """For each token, whether its line was printed as one run of glued cells (every token after the
    line's first one a piece split out of it): the rows the row-consistency passes compare. Lines of
    cells with separators are read as they are (and cost those passes nothing)."""
    out = [False] * len(tokens)
    start = 0
    for i in range(1, len(tokens) + 1):
        if i == len(tokens) or tokens[i].first:
            whole = all(t.sep == "glue" for t in tokens[start + 1: i])
            out[start:i] = [whole] * (i - start)
            start = i
    return out


def _split_row_ends(tokens: list[Token], split: list[tuple[str, ...]]) -> None:
    """A glued line's last cell that ends with a cell other rows end with (a basis 唐医保字【2023】32号,
    printed alone at the end of two or more rows) -> the text before it, then that cell: rows keep
    their columns' order, so 按计划完成唐医保字【2023】32号 is a remark, then the basis. A row left
    whole before it is split as any glued cell is (…因病致贫减少因病致贫减少109 -> name, value, value, points),
    and left whole when no value is found in it."""
    run = _one_run(tokens)
    last = [i for i in range(len(tokens)) if run[i] and _last_on_line(tokens, i) and not _field_row(split[i])]
    # (a cell after a level heading may be a name and value still glued: only cells after others count)
    seen = Counter(split[i][-1] for i in last if len(split[i]) > 1 and not _is_level(split[i][-2]))
    known = {e for e, n in seen.items() if n >= 2 and len(e) >= MIN_RESTART and not _known(e)}
    lengths = sorted({len(e) for e in known}, reverse=True)  # (each cell is tried once per length: linear)
    for i in last:
        cell = split[i][-1]
        end = next((cell[-n:] for n in lengths if len(cell) - n >= MIN_NAME_CHARS and cell[-n:] in known), None)
        if end is None:
            continue
        head = [cell[: -len(end)]]
        if all(_is_level(p) for p in split[i][:-1]):  # the row's text after its headings, uncut
            head = _split_value(head[0])
            if len(head) == 1 and not cell_info(head[0]).bare_value:
                continue  # no value found in it: the row is left whole rather than read as name and basis
        split[i] = (*split[i][:-1], *head, end)


def _field_row(pieces: tuple[str, ...]) -> bool:
    """A line holding a label, a column heading or a title: no indicator row."""
    return any(cell_info(p).is_label or cell_info(p).column or cell_info(p).title for p in pieces)


def _row_rest(tokens: list[Token], split: list[tuple[str, ...]], i: int) -> tuple[int, str] | None:
    """A glued line's text after its level headings, when it may hold a name and its value in words:
    the line's last cell, starting the line or after a heading, holding no label or column word, its
    last piece no value of digits, long enough for a name and a value. (How many pieces are headings,
    the rest.)"""
    t, pieces = tokens[i], split[i]
    beside = _beside(tokens, i)
    if not (_last_on_line(tokens, i) or beside):
        return None
    heads = 0
    while heads < len(pieces) and _is_level(pieces[heads]):
        heads += 1
    if not (t.first or heads or beside or _is_level(split[i - 1][-1])) or heads == len(pieces):
        return None
    rest = "".join(pieces[heads:])
    if not MIN_NAME_CHARS + MIN_COVER_CHARS <= len(rest) <= MAX_ENDING_PIECE or cell_info(pieces[-1]).bare_value:
        return None
    if _field_row(pieces):
        return None
    return heads, rest


@lru_cache(maxsize=1)
def _value_words() -> tuple[str, ...]:
    """Words a value in words starts with (schemas/values.json): time words, qualitative hints and
    openers, not-applicable words."""
    values = load("values")
    words = [*values["time_words"], *values["qualitative_hints"], *values["qualitative_openers"],
             *values["not_applicable"]]
    return tuple(w for w in words if _HAN_WORD.fullmatch(w) and len(w) >= MIN_COVER_CHARS)  # (not 全 alone)


def shared_endings(texts: list[str]) -> dict[str, str]:
    """The value each text ends with, where several rows of the document end alike: for each text the
    ending that opens with a value word (at least two characters, leaving a name of two) and that the
    most distinct characters precede across the texts (the longest on a tie), when at least two do.
    Rows' values in words (持续影响, 年底前完成, 不适用) end many rows after names that differ, while
    a name's own words recur after the same character.

    >>> shared_endings(["医保制度发展持续影响", "局机关网络平稳运行持续影响", "本单位不适用", "该指标不适用", "参保率"])
    {'医保制度发展持续影响': '持续影响', '局机关网络平稳运行持续影响': '持续影响', '本单位不适用': '不适用', \
'该指标不适用': '不适用'}
    """
    def endings(text: str) -> list[str]:
        longest = min(MAX_COVER_WORD, len(text) - MIN_NAME_CHARS)
        return [text[-n:] for n in range(MIN_COVER_CHARS, longest + 1)
                if _HAN_WORD.fullmatch(text[-n:]) and text[-n:].startswith(_value_words())]

    before: dict[str, set[str]] = {}
    for text in set(texts):
        for ending in endings(text):
            before.setdefault(ending, set()).add(text[-len(ending) - 1])
    out: dict[str, str] = {}
    for text in texts:
        best, variety = "", 1
        for ending in endings(text):
            if len(before[ending]) >= variety and (best or len(before[ending]) > variety):
                best, variety = ending, len(before[ending])
        if best:
            out[text] = best
    return out


def _split_shared_endings(tokens: list[Token], split: list[tuple[str, ...]]) -> None:
    """Glued rows whose text ends with a value in words that other rows end with too -> name, value
    (a name printed twice, on two periods' sides, split as it is elsewhere). A row the value grammar
    split already keeps its value unless the shared ending lengthens it."""
    run = _one_run(tokens)
    rests = {i: r for i in range(len(tokens)) if run[i] and (r := _row_rest(tokens, split, i)) is not None}
    endings = shared_endings([rest for _, rest in rests.values()])
    for i, (heads, rest) in rests.items():
        ending = endings.get(rest)
        value = split[i][-1]
        if ending is None or (len(split[i]) > heads + 1 and not (ending.endswith(value) and ending != value)):
            continue  # a value the grammar cut already is only lengthened (年底前|完成 -> 年底前完成)
        split[i] = (*split[i][:heads], *_restarted(rest[: -len(ending)]), ending)
    _names_before_shared_values(tokens, split)


def _names_before_shared_values(tokens: list[Token], split: list[tuple[str, ...]]) -> None:
    """Rows keep their columns: where a value in words recurs in several glued rows (年底前完成) and most
    of them print a name right before it, a value with digits cut before it in one row (…培训会 | 不少于10次
    | 年底前完成) is part of that row's name."""
    rows: list[tuple[int, int]] = []  # (token, pieces of level headings)
    run = _one_run(tokens)
    seen: Counter[str] = Counter()
    for i, pieces in enumerate(split):
        if not tokens[i].first or not run[i] or _field_row(pieces):
            continue
        heads = 0
        while heads < len(pieces) and _is_level(pieces[heads]):
            heads += 1
        seen.update({p for p in pieces[heads + 1:] if _value_in_words(p)})
        rows.append((i, heads))
    votes: dict[str, list[bool]] = {}
    places: list[tuple[int, int, str]] = []
    for i, heads in rows:
        pieces = split[i]
        k = next((k for k in range(heads + 1, len(pieces)) if seen[pieces[k]] >= 2 and _value_in_words(pieces[k])),
                 None)
        if k is None:
            continue
        before = pieces[k - 1]
        valued = _value_follows(before) and any(ch.isdigit() for ch in before)
        votes.setdefault(pieces[k], []).append(valued)
        if valued and k == heads + 2:
            places.append((i, heads, pieces[k]))
    for i, heads, word in places:
        if 2 * sum(votes[word]) < len(votes[word]):
            pieces = split[i]
            split[i] = (*pieces[:heads], pieces[heads] + pieces[heads + 1], *pieces[heads + 2:])


def _value_in_words(text: str) -> bool:
    return bool(_HAN_WORD.fullmatch(text)) and _value_follows(text)
