"""Records that leave the library: pydantic models of the public schema.

Keys follow the gold format (``samples/FORMAT.md``): flat table keys, ``funds``,
``goals``, ``indicators``. A header key is *absent* when the document does not
print that field and ``null`` when it is printed blank, so models are dumped
with ``exclude_unset``: the builder sets exactly the keys the document has.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Period = Literal["annual", "medium_term"]
ValueKind = Literal["quantitative", "time", "qualitative", "not_applicable", "empty"]
Comparator = Literal[">=", "<=", ">", "<", "=", "~", "range"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Diagnostic(_Model):
    """A doubtful parse, with a stable code, e.g. GP203 for an inferred heading."""

    code: str
    message: str
    line: int | None = None
    page: int | None = None
    place: str | None = Field(default=None, description="workbooks: sheet and cell; Word and HTML: table and row")


class Provenance(_Model):
    """Where a record came from, so a person can check it."""

    source: str
    line: int | None = None
    line_end: int | None = None
    page: int | None = None
    page_end: int | None = None
    bbox: tuple[float, float, float, float] | None = Field(
        default=None, description="PDF cell box in points: x0, top, x1, bottom"
    )
    sheet: str | None = Field(default=None, description="spreadsheets: the sheet's name")
    cell: str | None = Field(default=None, description="spreadsheets: the row's first cell, A1 style")
    table: int | None = Field(default=None, description="Word and HTML: the table's number in the document, from 1")
    row: int | None = Field(default=None, description="the row in its sheet or Word/HTML table, from 1")
    ocr_confidence: float | None = Field(
        default=None, description="read from a scan: the OCR recogniser's confidence (an indicator: its lowest "
                                  "cell; a table: the mean over its cells)"
    )


class ValuePart(_Model):
    """One measure inside a value that prints several (``>38万人; >508万人``)."""

    op: Comparator | None = None
    number: float | None = None
    number_max: float | None = None
    unit: str | None = None
    base_number: float | None = None
    base_unit: str | None = None


class Value(ValuePart):
    """An indicator value: the text as printed and what it means as data (its first measure)."""

    raw: str
    kind: ValueKind = "empty"
    deadline: str | None = Field(default=None, description="ISO date when the end date is unambiguous")
    time: dict[str, int | str] | None = Field(default=None, description="parsed time pieces you can trust")
    parts: list[ValuePart] | None = None


class Indicator(_Model):
    """One 三级指标 row with its place in the taxonomy."""

    period: Period
    level1: str | None = None
    level2: str | None = None
    level1_code: str | None = None
    level2_code: str | None = None
    level1_printed: str | None = None
    level2_printed: str | None = None
    name: str
    value: Value
    description: str | None = None
    basis: str | None = None
    actual: str | None = Field(default=None, description="self-evaluation: 实际完成值 as printed")
    weight: str | None = Field(default=None, description="self-evaluation: 分值 / 权重 as printed")
    score: str | None = Field(default=None, description="self-evaluation: 得分 as printed")
    inferred: bool | None = None
    confidence: float
    provenance: Provenance
    warnings: list[str] | None = None


class Funds(_Model):
    """Funds in 万元; single-period tables fill only the annual_* keys."""

    medium_term_total: float | None = None
    medium_term_fiscal: float | None = None
    medium_term_other: float | None = None
    medium_term_carryover: float | None = None
    annual_total: float | None = None
    annual_fiscal: float | None = None
    annual_other: float | None = None
    annual_carryover: float | None = None


class Goals(_Model):
    medium_term: str | None = None
    annual: str | None = None


class Table(_Model):
    """One performance-target table (one project)."""

    title: str | None = None
    year: int | None = None
    project_name: str | None = None
    project_code: str | None = None
    department: str | None = None
    department_code: str | None = None
    implementing_unit: str | None = None
    project_attribute: str | None = None
    project_source: str | None = None
    project_period: str | None = None
    project_type: str | None = None
    owner: str | None = None
    phone: str | None = None
    funds: Funds | None = None
    goals: Goals | None = None
    spending_plan: dict[str, float] | None = None
    indicators: list[Indicator] = Field(default_factory=list)
    layout: str | None = None
    confidence: float | None = None
    provenance: Provenance | None = None
    warnings: list[Diagnostic] = Field(default_factory=list)


class Document(_Model):
    """Everything parsed from one input file."""

    source: str
    encoding: str | None = None
    parser_version: str
    tables: list[Table] = Field(default_factory=list)
    warnings: list[Diagnostic] = Field(default_factory=list)
