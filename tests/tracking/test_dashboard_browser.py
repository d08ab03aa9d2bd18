"""The dashboard in a real browser: headless Chromium through Selenium, nothing downloaded.

Debian's ``chromium`` and ``chromium-driver`` packages (``.ci/run`` installs them) give the browser
and its driver; the tests skip with a reason where they are absent, except under CI=true.
"""

from __future__ import annotations

import base64
import datetime as dt
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import docgen
from docgen.tracking.folders import write_status
from docgen.tracking.status import track_returns
from tests.support.browser import headless_chromium
from tests.support.paths import SHIPPED_PLAN
from tests.support.returns_folder import ON, SCHEDULE_LATE, SCHEDULE_MISSING, SCHEDULE_ON_TIME, build_returns

SCREENSHOTS = os.environ.get("DOCGEN_SCREENSHOTS")  # a folder to keep the screenshot in, for a person to look at


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    yield from headless_chromium(1400, 1000)


@pytest.fixture(scope="module")
def dashboard(tmp_path_factory: pytest.TempPathFactory) -> Path:
    plan = docgen.load_plan(SHIPPED_PLAN)
    out = tmp_path_factory.mktemp("status")
    returns = build_returns(plan, tmp_path_factory)
    at = dt.datetime(2019, 5, 2, 9, 30).astimezone()  # 教务处 sends its week 1 photo again
    filing = docgen.receive_file(plan, returns, b"a better photo", "照片1.jpg", at=at, unit="教务处", week=1)
    assert filing.outcome == "filed" and filing.replaces is not None and filing.replaces.name == "照片1.jpg"
    write_status(track_returns(plan, returns, ON), out)
    return out / "status.html"


def test_the_page_needs_nothing_from_outside(dashboard: Path) -> None:
    page = dashboard.read_text(encoding="utf-8")
    assert "<script" not in page and "http://" not in page and "https://" not in page
    assert "<link" not in page and "@import" not in page and "url(" not in page
    assert "@page { size: A4 landscape" in page


def test_the_dashboard_shows_counts_and_missing_units_in_chromium(browser: Any, dashboard: Path) -> None:
    from selenium.webdriver.common.by import By

    browser.get(dashboard.as_uri())
    assert browser.title == "2019年“职业教育宣传月”材料报送情况"
    errors = [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]
    assert errors == []
    resources = browser.execute_script("return performance.getEntriesByType('resource').length")
    assert resources == 0, "the page loaded something besides itself"

    rows = browser.find_elements(By.CSS_SELECTOR, "#progress tbody tr")
    cells = [c.text for c in rows[0].find_elements(By.TAG_NAME, "td")]
    received = len(SCHEDULE_ON_TIME) + len(SCHEDULE_LATE)
    assert cells[:6] == ["上报活动安排表", "5月9日", "16", str(received), str(len(SCHEDULE_LATE)), "9"]
    assert cells[6].endswith("44%")
    bar = rows[0].find_element(By.CSS_SELECTOR, ".bar span")
    outer = rows[0].find_element(By.CSS_SELECTOR, ".bar")
    assert 0.40 < bar.size["width"] / outer.size["width"] < 0.48  # the bar is drawn, without JavaScript

    first_missing = browser.find_element(By.CSS_SELECTOR, "#missing h3").text
    assert first_missing == "上报活动安排表（截止5月9日，未交9个）"
    listed = browser.find_elements(By.CSS_SELECTOR, "#missing ul")[0].find_elements(By.CSS_SELECTOR, ".missing-unit")
    assert [e.text for e in listed] == SCHEDULE_MISSING
    first = browser.find_element(By.CSS_SELECTOR, "#missing li").text
    assert first == "各院部\u3000未登记联络员"  # its own 联络员, never the issuer's contact in its place

    grid_rows = browser.find_elements(By.CSS_SELECTOR, "#grid tbody tr")
    by_unit = {r.find_element(By.CLASS_NAME, "unit").text: r for r in grid_rows}
    library = by_unit["图书馆"].find_elements(By.TAG_NAME, "td")[1]
    assert library.text.splitlines() == ["逾期（5月10日）", "按文件名日期"] and library.get_attribute("class") == "late"
    academic = by_unit["教务处"].find_elements(By.TAG_NAME, "td")[2]  # week 1: a photo saved by hand, then sent again
    assert academic.text.splitlines() == ["已收", "补报1次", "按文件时间"]
    assert "（已被补报替换）" in academic.get_attribute("title")
    colour = library.value_of_css_property("background-color")
    assert colour in ("rgba(255, 235, 156, 1)", "rgb(255, 235, 156)")
    weeks = browser.find_elements(By.CSS_SELECTOR, "#grid thead tr:nth-child(2) th")
    assert [w.text.replace("\n", "") for w in weeks[:2]] == ["第1周（4月28日至5月1日）", "第2周（5月2日至5月8日）"]

    screenshot = browser.get_screenshot_as_png()
    assert screenshot.startswith(b"\x89PNG") and len(screenshot) > 20_000
    if SCREENSHOTS:
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        (Path(SCREENSHOTS) / "status.png").write_bytes(screenshot)


def test_the_dashboard_prints_on_a4_landscape(browser: Any, dashboard: Path) -> None:
    browser.get(dashboard.as_uri())
    printed = browser.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True, "printBackground": True})
    pdf = base64.b64decode(printed["data"])
    assert pdf.startswith(b"%PDF")
    boxes = {box.decode() for box in re.findall(rb"/MediaBox \[([^\]]+)\]", pdf)}
    assert boxes, "no page in the PDF"
    for box in boxes:
        x0, y0, x1, y1 = (float(v) for v in box.split())
        assert (round(x1 - x0), round(y1 - y0)) == (842, 595), box  # A4 landscape in points
