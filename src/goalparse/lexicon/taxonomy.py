"""Stage 6: heading text -> canonical taxonomy node, with a score.

Printed headings vary (时效性, 服务对象满意, 生态环境效益指标), get split by OCR
(``满意 度指 标``, ``可持续`` + ``影响指标``) or garbled (``双重目标``). Matching
runs in order: exact variant, fuzzy (rapidfuzz), fragment of one variant,
and finally "looks like a heading but matches nothing" (resolved later from
context and content, and flagged as inferred).

>>> match_heading("满意 度指 标").names()
('满意度指标', '服务对象满意度指标')
>>> match_heading("双重目标").how
'unknown'
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Final, Literal, NamedTuple

import regex
from rapidfuzz import fuzz, process

from .normalise import TEXT_CACHE_SIZE, match_key
from .vocab import load

MatchHow = Literal["exact", "fuzzy", "fragment", "unknown"]

# Fuzzy matches below this ratio are not trusted (ratio is 0-100).
FUZZY_CUTOFF: Final = 75.0
FRAGMENT_SCORE: Final = 70.0
# Headings are short; longer text is an indicator name even if it mentions 满意度.
MAX_HEADING_CHARS: Final = 14
MAX_UNKNOWN_CHARS: Final = 8

# A bracketed suffix after a heading: a score (50分), or a local note such as (必填), (选填硬性指标).
_SCORE_SUFFIX: Final = re.compile(r"[(（][^()（）]{1,12}[)）]$")
# A heading's printed score in brackets at the end of a cell (产出指标 (40分)), or a cell of its own.
SCORE_NOTE: Final = re.compile(r"[(（]\s*\d+(?:\.\d+)?\s*分\s*[)）]\s*$")
_NUMBERING: Final = re.compile(r"^(?:(?:\d+|[一二三四五六七八九十]+)[.、:]|[(（](?:\d+|[一二三四五六七八九十]+)[)）])")
# A note inside a heading offering another word: 预算(或投资规模)控制指标, 数量指标(或建筑规模指标).
_OR_NOTE: Final = re.compile(r"[(（]或[^()（）]{1,12}[)）]")
_CN_NUMERALS: Final = "一二三四五六七八九十"
# Heading suffixes: 指标, 目标, 类, and 值 in templates that print 产出值 / 数量值.
_TRAILER: Final = re.compile(r"(?:指标|目标|类|值)+$")
_UNKNOWN_TRAILER: Final = re.compile(r"(?:指标|目标|类)+$")
_HAN_ONLY: Final = regex.compile(r"^\p{Han}+$")
_HEADING_MORPHEME: Final = re.compile(r"[指标]|目标")


@dataclass(frozen=True, slots=True)
class Node:
    """One node of the canonical tree."""

    code: str
    level: int
    name: str
    parent: str | None
    legacy: bool


@dataclass(frozen=True, slots=True)
class HeadingMatch:
    """What a heading cell may stand for; several nodes when the name is shared by levels."""

    text: str
    nodes: tuple[Node, ...]
    score: float
    how: MatchHow
    levels: frozenset[int] = frozenset()
    # Nodes by level (index = level), worked out once: alignment and building ask for them per row.
    by_level: tuple[tuple[Node, ...], ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "levels", frozenset(n.level for n in self.nodes))
        top = max(self.levels, default=0)
        object.__setattr__(self, "by_level", tuple(
            tuple(n for n in self.nodes if n.level == level) for level in range(top + 1)
        ))

    def at_level(self, level: int) -> tuple[Node, ...]:
        return self.by_level[level] if level < len(self.by_level) else ()

    def names(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(n.name for n in self.nodes))


@dataclass(frozen=True)
class _Tree:
    nodes: dict[str, Node]
    by_variant: dict[str, tuple[Node, ...]]
    by_full_variant: dict[str, tuple[Node, ...]]
    full_variants: tuple[str, ...]
    by_fragment: dict[str, tuple[Node, ...]]


def strip_heading(key: str) -> str:
    """Drop a score suffix, leading numbering and trailing 指标/目标/类 from a match key."""
    # Cheap character tests first: most text has none of these, and this runs on every new cell.
    if key.endswith((")", "）")):
        key = _SCORE_SUFFIX.sub("", key)
    if "或" in key:
        key = _OR_NOTE.sub("", key)
    if key[:1].isdigit() or key[:1] in _CN_NUMERALS or key[:1] in "(（":
        key = _NUMBERING.sub("", key)
    if not key.endswith(("标", "类", "值")):
        return key
    stripped = _TRAILER.sub("", key)
    return stripped or key


def _load_tree() -> _Tree:
    """The canonical tree from ``schemas/taxonomy.json``."""
    nodes: dict[str, Node] = {}
    variants: dict[str, list[Node]] = defaultdict(list)
    full: dict[str, list[Node]] = defaultdict(list)
    for entry in load("taxonomy")["nodes"]:
        node = Node(
            code=entry["code"], level=entry["level"], name=entry["name"],
            parent=entry.get("parent"), legacy=bool(entry.get("legacy", False)),
        )
        nodes[node.code] = node
        for variant in entry["variants"] + [entry["name"]]:
            key = match_key(variant)
            for table, k in ((variants, strip_heading(key)), (full, key)):
                if node not in table[k]:
                    table[k].append(node)
    by_full = {k: tuple(v) for k, v in full.items() if _HEADING_MORPHEME.search(k)}
    # Every proper prefix and suffix of a variant, for headings OCR split in two (可持续 + 影响指标).
    fragments: dict[str, dict[str, Node]] = defaultdict(dict)
    for variant, owners in variants.items():
        for cut in range(2, len(variant)):
            for piece in (variant[:cut], variant[-cut:]):
                for n in owners:
                    fragments[piece].setdefault(n.code, n)
    return _Tree(
        nodes=nodes,
        by_variant={k: tuple(v) for k, v in variants.items()},
        by_full_variant=by_full,
        full_variants=tuple(by_full),
        by_fragment={k: tuple(v.values()) for k, v in fragments.items()},
    )


# Loaded once, on first use; a Final list is read natively by compiled code (no cache-wrapper call).
_TREE_ONCE: Final[list[_Tree]] = []


def tree() -> _Tree:
    if not _TREE_ONCE:
        _TREE_ONCE.append(_load_tree())
    return _TREE_ONCE[0]


def node(code: str) -> Node:
    return tree().nodes[code]


def _fragment(key: str) -> tuple[Node, ...]:
    """Nodes having a variant that starts or ends with ``key`` (one canonical name only)."""
    found = tree().by_fragment.get(key, ())
    return found if len({n.name for n in found}) == 1 else ()


@lru_cache(maxsize=TEXT_CACHE_SIZE)
def match_heading(text: str) -> HeadingMatch | None:
    """Match one cell against the taxonomy; ``None`` when it does not look like a heading."""
    if len(text) > 3 * MAX_HEADING_CHARS:
        return None
    full = match_key(text)
    if not full or len(full) > MAX_HEADING_CHARS + 4:
        return None
    key = strip_heading(full)
    t = tree()
    exact = t.by_variant.get(key)
    if exact:
        return HeadingMatch(text, exact, 100.0, "exact")
    # Headings listing several kinds (社会、经济、生态效益指标) are headings all the same.
    if "、" in key and full.endswith("指标"):
        key = key.replace("、", "")
    if not _HAN_ONLY.match(key) or len(key) > MAX_HEADING_CHARS:
        return None
    if len(key) >= 3 and _HEADING_MORPHEME.search(full):
        # Only text shaped like a heading (…指标, …指木) is matched fuzzily: an
        # indicator name such as 项目总成本 must not become a heading.
        best = process.extractOne(full, t.full_variants, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
        if best is not None:
            return HeadingMatch(text, t.by_full_variant[best[0]], float(best[1]), "fuzzy")
    if len(key) >= 2:
        nodes = _fragment(key)
        if nodes:
            return HeadingMatch(text, nodes, FRAGMENT_SCORE, "fragment")
    if _UNKNOWN_TRAILER.search(full) and len(key) <= MAX_UNKNOWN_CHARS and not _NUMBERING.match(full) \
            and full not in _not_headings():
        # Ends in 指标/目标 like a heading, yet matches nothing: OCR garbage such as 双重目标.
        return HeadingMatch(text, (), 0.0, "unknown")
    return None


@lru_cache(maxsize=1)
def _not_headings() -> frozenset[str]:
    """Words ending in 指标 that name the indicator itself (该指标 | 不适用), not a kind of indicator."""
    return frozenset(match_key(w) for w in load("taxonomy")["not_headings"]["words"])


def previous_sibling(n: Node) -> Node | None:
    """The node printed just before this one under the same parent, in the taxonomy's order (legacy
    nodes skipped): 数量指标 for 质量指标, None for the first child.

    >>> previous_sibling(node("output.quality")).name, previous_sibling(node("output.quantity"))
    ('数量指标', None)
    """
    siblings = [m for m in tree().nodes.values() if m.parent == n.parent and m.level == n.level and not m.legacy]
    at = next((i for i, m in enumerate(siblings) if m.code == n.code), 0)
    return siblings[at - 1] if at > 0 else None


def choose_level2(match: HeadingMatch, level1: str | None) -> Node | None:
    """The level-2 node a heading means under the current level-1 code."""
    candidates = match.at_level(2)
    if not candidates:
        return None
    for n in candidates:
        if n.parent == level1:
            return n
    modern = [n for n in candidates if not n.legacy]
    return (modern or list(candidates))[0]


class InferenceWeights(NamedTuple):
    keywords: dict[str, list[str]]
    time_value: float
    context: float


@lru_cache(maxsize=1)
def inference_weights() -> InferenceWeights:
    """The words that point an indicator at a level-2 category (schemas/inference.json)."""
    data = load("inference")
    return InferenceWeights(data["keywords"], float(data["time_value_weight"]), float(data["context_weight"]))


def level2_votes(key: str, time_values: int = 0) -> dict[str, float]:
    """How strongly indicator text (``match_key`` form) points at each level-2 code: each word found
    scores its length, each value read as a time adds to 时效指标.

    >>> level2_votes("资金到位及时率", 1)
    {'output.timeliness': 5.0}
    """
    weights = inference_weights()
    votes: dict[str, float] = {}
    for code, words in weights.keywords.items():
        for word in words:
            if word in key:
                votes[code] = votes.get(code, 0.0) + len(word)
    if time_values:
        votes["output.timeliness"] = votes.get("output.timeliness", 0.0) + weights.time_value * time_values
    return votes
