"""The review report: escaping, content, and the page as headless Chromium renders it."""

from __future__ import annotations

import html
import io
import os
import shutil
import sqlite3
from pathlib import Path

import orjson
import pytest

from goalparse.batch import run_batch
from goalparse.sinks.report import render_report

from conftest import ROOT, SAMPLE_DOCS

REQUIRE_BROWSER = os.environ.get("GOALPARSE_REQUIRE_BROWSER") == "1"
ARTIFACTS = ROOT / "test-artifacts"
# Markup in a dump is stripped by the parser, but HTML-escaped markup is decoded into plain
# text (&lt;script&gt; -> <script>), so this is the text that reaches the database.
SCRIPT = "<script>window.__pwned = 1; document.title = 'pwned'</script>"
IMG = '"><img src=x onerror="window.__pwned = 2">'
HOSTILE = f"""项目支出绩效目标表
(2025年度)
项目名称\t{html.escape(SCRIPT)}
实施单位\t{html.escape(IMG)}
项目资金 (万元)\t年度资金总额:\t10
绩效指标\t一级指标\t二级指标\t三级指标\t指标值
\t产出指标\t数量指标\t{html.escape(IMG)}\t{html.escape(SCRIPT)}
\t\t时效指标\t<b onmouseover=alert(1)>完成时间</b>\t
"""


@pytest.fixture(scope="module")
def report_file(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    folder = tmp_path_factory.mktemp("report")
    hostile = folder / "hostile.txt"
    hostile.write_text(HOSTILE, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    db = str(folder / "g.db")
    run_batch([*map(str, SAMPLE_DOCS), str(hostile), str(folder / "empty.txt")], db, workers=2,
              stream=io.StringIO())
    page = render_report(db)
    path = folder / "report.html"
    path.write_text(page, encoding="utf-8")
    stats = orjson.loads(html.unescape(page.split('name="goalparse-stats" content="')[1].split('"')[0]))
    return path, stats


def test_document_text_is_escaped_and_no_script_exists(report_file: tuple[Path, dict[str, int]]) -> None:
    page = report_file[0].read_text(encoding="utf-8")
    lowered = page.lower()
    assert "<script" not in lowered and "<img" not in lowered and "onerror=\"" not in lowered
    assert html.escape(SCRIPT, quote=True) in page and html.escape(IMG, quote=True) in page
    assert "default-src 'none'" in page  # a Content-Security-Policy forbids scripts anyway


def test_overview_counts(report_file: tuple[Path, dict[str, int]]) -> None:
    _, stats = report_file
    assert stats["documents"] == 6 and stats["tables"] == 25
    assert stats["indicators"] == 331 + 2 and stats["attention"] > 0


def _chromium() -> tuple[str, str] | None:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    return (browser, driver) if browser and driver else None


@pytest.fixture(scope="module")
def browser() -> object:
    found = _chromium()
    if found is None:
        if REQUIRE_BROWSER:
            pytest.fail("GOALPARSE_REQUIRE_BROWSER=1 but chromium/chromedriver are not installed")
        pytest.skip("no chromium + chromedriver (.ci/run installs Debian's)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = found[0]
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--window-size=1400,1800", "--disable-dev-shm-usage"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(found[1]), options=options)
    yield driver
    driver.quit()


def test_report_in_headless_chromium(report_file: tuple[Path, dict[str, int]], browser: object) -> None:
    from selenium.webdriver.common.by import By

    driver = browser
    path, stats = report_file
    # How fast it loads is a benchmark figure, not a test (a loaded 2-core machine makes any bound flaky).
    driver.get(path.as_uri())  # type: ignore[attr-defined]
    find = driver.find_elements  # type: ignore[attr-defined]
    assert driver.title == "goalparse review report"  # type: ignore[attr-defined]
    assert driver.execute_script("return window.__pwned === undefined")  # type: ignore[attr-defined]
    assert len(find(By.CSS_SELECTOR, "tr.document")) == stats["documents"]
    cards = {c.text.split("\n")[1]: int(c.text.split("\n")[0]) for c in find(By.CSS_SELECTOR, ".card")}
    assert cards["documents"] == 6 and cards["failed"] == 1 and cards["indicators"] == stats["indicators"]
    assert SCRIPT in driver.find_element(By.TAG_NAME, "body").text  # type: ignore[attr-defined]
    assert not find(By.CSS_SELECTOR, "main img")
    rows = find(By.CSS_SELECTOR, "tr.indicator")
    flagged = [r for r in rows if "attention" in r.get_attribute("class")]
    highlight = flagged[0].find_element(By.TAG_NAME, "td").value_of_css_property("background-color")
    plain = next(r for r in rows if r not in flagged).find_element(By.TAG_NAME, "td")
    assert highlight != plain.value_of_css_property("background-color")
    assert sum(r.is_displayed() for r in rows) == stats["indicators"]
    ARTIFACTS.mkdir(exist_ok=True)
    driver.save_screenshot(str(ARTIFACTS / "report.png"))  # type: ignore[attr-defined]
    driver.find_element(By.CSS_SELECTOR, "label[for=only-attention]").click()  # type: ignore[attr-defined]
    visible = [r for r in rows if r.is_displayed()]
    assert len(visible) == stats["attention"] == len(flagged)
    assert all("attention" in r.get_attribute("class") for r in visible)
    driver.save_screenshot(str(ARTIFACTS / "report-filtered.png"))  # type: ignore[attr-defined]
    assert (ARTIFACTS / "report.png").stat().st_size > 10_000


def test_a_missing_database_is_a_clear_error_and_nothing_is_created(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from goalparse.cli import main

    missing = tmp_path / "typo" / "none.db"
    result = CliRunner().invoke(main, ["report", "--db", str(missing), "-o", str(tmp_path / "r.html")])
    assert result.exit_code == 1
    assert result.stderr == f"Error: {missing}: no such database file (run `goalparse batch` to create it)\n"
    assert list(tmp_path.iterdir()) == []


def test_a_file_that_is_not_a_batch_database_is_a_clear_error(tmp_path: Path) -> None:
    from goalparse.sinks.database import DatabaseError

    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
    with pytest.raises(DatabaseError, match=r"not a goalparse batch database \(no such table: documents\)"):
        render_report(str(other))


def test_bidi_controls_are_shown_as_codes(tmp_path: Path) -> None:
    """U+202E would display the text after it reversed (a value of 001 shown as 100)."""
    doc = tmp_path / "bidi.txt"
    doc.write_text("项目支出绩效目标表\n(2025年度)\n项目名称\t医疗\u202e001\u202c项目\n"
                   "一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t检查\u2067次数\u2069\t≥\u202e12次\n",
                   encoding="utf-8")
    db = str(tmp_path / "g.db")
    run_batch([str(doc)], db, workers=1, stream=io.StringIO())
    page = render_report(db)
    assert not any(ch in page for ch in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
    assert "医疗[U+202E]001[U+202C]项目" in page and "≥[U+202E]12次" in page and "检查[U+2067]次数[U+2069]" in page
