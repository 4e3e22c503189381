"""Review report: a batch database -> one self-contained HTML page to check by eye.

No server, no network, no script: a Content-Security-Policy forbids scripts
outright, every piece of document text is escaped, charts are inline SVG, and
the "only rows that need a look" filter is a CSS checkbox. Rows need a look when
a heading was inferred, confidence is low, the value is empty, a warning
points at their line, or their page was read by OCR (GP601).
"""

from __future__ import annotations

import html
import re
from collections import Counter, defaultdict
from importlib import resources
from typing import Any, Final

import orjson

from .database import Database
from .rows import COLUMNS

LOW_CONFIDENCE = 0.8
FIELD_LABELS = [
    ("project_name", "项目名称"), ("project_code", "项目编码"), ("department", "主管部门"),
    ("department_code", "部门代码"), ("implementing_unit", "实施单位"), ("project_attribute", "项目属性"),
    ("project_source", "项目来源"), ("project_period", "项目期"), ("year", "年度"),
]
FUND_LABELS = [
    ("funds_medium_term_total", "中期资金总额"), ("funds_medium_term_fiscal", "中期财政拨款"),
    ("funds_medium_term_other", "中期其他资金"), ("funds_annual_total", "年度资金总额"),
    ("funds_annual_fiscal", "年度财政拨款"), ("funds_annual_other", "年度其他资金"),
    ("funds_annual_carryover", "上年结转"),
]


def _css() -> str:
    """The page's style sheet (report.css beside this module)."""
    return (resources.files("goalparse.sinks") / "report.css").read_text(encoding="utf-8")


# Bidirectional controls (U+202A-U+202E, U+2066-U+2069, marks): in document text they could
# display a value reversed or reorder the text around it, so each is shown as its code instead.
_BIDI: Final = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _e(value: Any) -> str:
    """Escape any document text for HTML text and attribute positions; bidi controls shown as codes."""
    if value is None:
        return ""
    text = html.escape(str(value), quote=True)
    return _BIDI.sub(lambda m: f"[U+{ord(m.group()):04X}]", text) if _BIDI.search(text) else text


def _records(db: Database, table: str) -> list[dict[str, Any]]:
    return [dict(zip(COLUMNS[table], row, strict=True)) for row in db.rows(table)]


def _bars(title: str, counts: list[tuple[str, int]]) -> str:
    """A horizontal bar chart as inline SVG."""
    if not counts:
        return ""
    top = max(c for _, c in counts) or 1
    row_h, label_w, bar_w = 22, 190, 260
    parts = [f'<svg role="img" aria-label="{_e(title)}" width="{label_w + bar_w + 60}" '
             f'height="{row_h * len(counts) + 28}" xmlns="http://www.w3.org/2000/svg">',
             f'<text x="0" y="14" font-weight="600">{_e(title)}</text>']
    for i, (label, count) in enumerate(counts):
        y = 24 + i * row_h
        width = max(1, round(bar_w * count / top))
        parts.append(f'<text x="0" y="{y + 14}">{_e(label)}</text>'
                     f'<rect x="{label_w}" y="{y + 3}" width="{width}" height="{row_h - 8}" fill="#3b6ea5"/>'
                     f'<text x="{label_w + width + 6}" y="{y + 14}">{count}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _parsed(ind: dict[str, Any]) -> str:
    kind = ind["value_kind"]
    bits = [kind]
    if ind["value_op"]:
        bits.append(str(ind["value_op"]))
    if ind["value_number"] is not None:
        number = f"{ind['value_number']:g}"
        if ind["value_number_max"] is not None:
            number += f"–{ind['value_number_max']:g}"
        bits.append(number + (ind["value_unit"] or ""))
    if ind["value_deadline"]:
        bits.append(f"by {ind['value_deadline']}")
    return " ".join(_e(b) for b in bits)


def _source(ind: dict[str, Any]) -> str:
    if ind["line"] is not None:
        return f"line {ind['line']}"
    if ind["page"] is not None:
        return f"page {ind['page']}"
    return ""


def _needs_look(ind: dict[str, Any], warned_lines: set[int], ocr_pages: set[int]) -> list[str]:
    flags = []
    if ind["page"] is not None and ind["page"] in ocr_pages:
        flags.append("read by OCR")
    if ind["inferred"]:
        flags.append("inferred heading")
    if ind["confidence"] is not None and ind["confidence"] < LOW_CONFIDENCE:
        flags.append(f"confidence {ind['confidence']:.2f}")
    if ind["value_kind"] == "empty":
        flags.append("empty value")
    if ind["line"] is not None and ind["line"] in warned_lines:
        flags.append("warning")
    return flags


def _table_section(doc: dict[str, Any], table: dict[str, Any], inds: list[dict[str, Any]],
                   warns: list[dict[str, Any]]) -> str:
    anchor = f"t-{doc['sha256'][:12]}-{table['table_index']}"
    fields = "".join(f"<dt>{label}</dt><dd>{_e(table[key])}</dd>" for key, label in FIELD_LABELS
                     if table[key] is not None)
    funds = "".join(f"<dt>{label}</dt><dd>{table[key]:g} 万元</dd>" for key, label in FUND_LABELS
                    if table[key] is not None)
    goals = "".join(f"<dt>{label}</dt><dd>{_e(table[key])}</dd>" for key, label in
                    (("goals_medium_term", "中期目标"), ("goals_annual", "年度目标")) if table[key])
    warned, scanned = _marks(warns)
    rows = []
    group = None
    for ind in inds:
        key = (ind["level1"], ind["level2"])
        if key != group:
            group = key
            rows.append(f'<tr class="group"><td colspan="7">{_e(ind["level1"] or "?")} › '
                        f'{_e(ind["level2"] or "?")}</td></tr>')
        flags = _needs_look(ind, warned, scanned)
        printed = ""
        if ind["level2_printed"] and ind["level2_printed"] != ind["level2"]:
            printed = f'<div class="parsed">printed: {_e(ind["level2_printed"])}</div>'
        rows.append(
            f'<tr class="indicator{" attention" if flags else ""}">'
            f'<td>{"中期" if ind["period"] == "medium_term" else "年度"}</td>'
            f'<td>{_e(ind["name"])}{printed}</td><td>{_e(ind["value_raw"])}</td>'
            f'<td class="parsed">{_parsed(ind)}</td><td class="num">{ind["confidence"]:.2f}</td>'
            f'<td class="src">{_e(_source(ind))}</td><td class="flags">{_e("; ".join(flags))}</td></tr>')
    warn_items = "".join(f"<li>{_e(w['code'])} {('line ' + str(w['line']) + ': ') if w['line'] else ''}"
                         f"{_e(w['message'])}</li>" for w in warns)
    title = " · ".join(_e(x) for x in (table["title"], table["project_name"]) if x)
    return (f'<section class="table-report" id="{anchor}"><h2>{title}</h2>'
            f'<div class="src">{_e(doc["path"])}</div><dl>{fields}{funds}{goals}</dl>'
            f'<h3>Indicators ({len(inds)})</h3><table class="indicators"><thead><tr><th>期</th><th>三级指标</th>'
            f'<th>指标值 (printed)</th><th>parsed</th><th>confidence</th><th>source</th><th>needs a look</th>'
            f'</tr></thead><tbody>{"".join(rows)}</tbody></table>'
            + (f'<h3>Warnings</h3><ul class="warnings">{warn_items}</ul>' if warn_items else "")
            + "</section>")


def _marks(warns: list[dict[str, Any]]) -> tuple[set[int], set[int]]:
    """A table's warned lines, and its pages read by OCR (each has a GP601 warning)."""
    lines = {w["line"] for w in warns if w["line"] is not None}
    return lines, {w["page"] for w in warns if w["code"] == "GP601" and w["page"] is not None}


def render_report(db_url: str) -> str:
    """The whole report as one HTML string."""
    db = Database(db_url, create=False)
    try:
        documents = _records(db, "documents")
        tables = _records(db, "tables")
        indicators = _records(db, "indicators")
        warnings = _records(db, "warnings")
    finally:
        db.close()
    inds_by: dict[tuple[str, int], list[dict[str, Any]]] = defaultdict(list)
    for ind in indicators:
        inds_by[(ind["document_sha256"], ind["table_index"])].append(ind)
    warns_by: dict[tuple[str, int | None], list[dict[str, Any]]] = defaultdict(list)
    for w in warnings:
        warns_by[(w["document_sha256"], w["table_index"])].append(w)
    docs = {d["sha256"]: d for d in documents}
    failed = [d for d in documents if d["status"] == "error"]
    attention = 0
    for t in tables:
        warns = warns_by[(t["document_sha256"], t["table_index"])]
        lines, scanned = _marks(warns)
        attention += sum(1 for ind in inds_by[(t["document_sha256"], t["table_index"])]
                         if _needs_look(ind, lines, scanned))
    cards = "".join(f'<div class="card"><b>{n}</b>{label}</div>' for label, n in (
        ("documents", len(documents)), ("failed", len(failed)), ("tables", len(tables)),
        ("indicators", len(indicators)), ("need a look", attention), ("warnings", len(warnings))))
    doc_rows = "".join(
        f'<tr class="document"><td>{_e(d["path"])}</td><td class="status-{_e(d["status"])}">{_e(d["status"])}</td>'
        f'<td class="num">{d["tables_count"]}</td><td class="num">{d["indicators_count"]}</td>'
        f'<td class="num">{d["warnings_count"]}</td><td>{_e(d["error"])}</td></tr>'
        for d in sorted(documents, key=lambda d: str(d["path"])))
    by_level = Counter(f"{i['level1'] or '?'} › {i['level2'] or '?'}" for i in indicators)
    by_kind = Counter(str(i["value_kind"]) for i in indicators)
    charts = (_bars("Indicators by level 1 › level 2", sorted(by_level.items(), key=lambda x: (-x[1], x[0])))
              + _bars("Indicators by value kind", sorted(by_kind.items(), key=lambda x: (-x[1], x[0]))))
    sections = "".join(
        _table_section(docs[t["document_sha256"]], t, inds_by[(t["document_sha256"], t["table_index"])],
                       warns_by[(t["document_sha256"], t["table_index"])])
        for t in sorted(tables, key=lambda t: (str(docs[t["document_sha256"]]["path"]), t["table_index"])))
    stats = orjson.dumps({"documents": len(documents), "tables": len(tables), "indicators": len(indicators),
                          "attention": attention}).decode()
    return (
        '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
        "img-src data:\">"
        f'<meta name="goalparse-stats" content="{_e(stats)}">'
        f"<title>goalparse review report</title><style>{_css()}</style></head><body>"
        "<header><h1>goalparse review report</h1></header>"
        '<input type="checkbox" id="only-attention" class="filter">'
        '<label class="filter-bar" for="only-attention">Only rows that need a look</label>'
        f'<main><section id="overview"><h2>Overview</h2><div class="cards">{cards}</div>'
        f'<h3>Documents</h3><table class="documents"><thead><tr><th>file</th><th>status</th><th>tables</th>'
        f'<th>indicators</th><th>warnings</th><th>error</th></tr></thead><tbody>{doc_rows}</tbody></table>'
        f'<div class="charts">{charts}</div></section>{sections}</main></body></html>'
    )
