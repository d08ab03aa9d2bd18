"""The web column in headless Chromium: every page loads, every picture loads, every link resolves, on a phone too.

Skips where Debian's chromium and chromium-driver are absent, except under CI=true (as the
dashboard's browser test does).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

import pytest

from docgen.plan.files import resolved_plan
from docgen.publishing.writing import write_digest
from tests.support.browser import headless_chromium
from tests.support.paths import SHIPPED_PLAN
from tests.support.report_samples import build_report_returns

PHONE_WIDTH = 390  # CSS pixels: a common phone


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    yield from headless_chromium(1200, 900)


@pytest.fixture(scope="module")
def column(tmp_path_factory: pytest.TempPathFactory) -> Path:
    plan = resolved_plan(SHIPPED_PLAN)
    root = build_report_returns(plan, tmp_path_factory.mktemp("reports") / "回收")
    out = tmp_path_factory.mktemp("out")
    write_digest(plan, root, 1, out, day=dt.date(2019, 5, 2))
    write_digest(plan, root, 2, out, day=dt.date(2019, 5, 10))
    return out / "专栏"


def test_pages_refer_to_nothing_outside_the_column(column: Path) -> None:
    pages = sorted(column.rglob("*.html"))
    assert [p.relative_to(column).as_posix() for p in pages] == [
        "index.html",
        "issue-1.html",
        "issue-2.html",
        "wechat/issue-1.html",
        "wechat/issue-2.html",
    ]
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert "<script" not in text and "<link" not in text and "@import" not in text, page
        assert not re.search(r"""(?:src|href)=["'](?:https?:)?//""", text), page
        assert 'name="viewport"' in text
    wechat = (column / "wechat" / "issue-1.html").read_text(encoding="utf-8")
    assert "<style" not in wechat and "class=" not in wechat  # inline styles only, for the WeChat editor
    assert re.findall(r'<img src="([^"]+)"', wechat) and all(
        s.startswith("data:image/") for s in re.findall(r'<img src="([^"]+)"', wechat)
    )


def _check_page(browser: Any, page: Path) -> list[str]:
    """Load ``page``; assert it loaded cleanly with every picture; return its links' targets."""
    from selenium.webdriver.common.by import By

    browser.get(page.as_uri())
    errors = [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]
    assert errors == [], (page, errors)
    images = browser.find_elements(By.TAG_NAME, "img")
    for image in images:
        loaded = browser.execute_script("return arguments[0].complete && arguments[0].naturalWidth", image)
        assert loaded and loaded > 0, (page, image.get_attribute("src")[:80])
    return [a.get_attribute("href") for a in browser.find_elements(By.TAG_NAME, "a")]


def test_every_page_loads_with_its_pictures_and_every_link_resolves(browser: Any, column: Path) -> None:
    seen: set[Path] = set()
    queue = [column / "index.html", column / "wechat" / "issue-1.html", column / "wechat" / "issue-2.html"]
    while queue:
        page = queue.pop()
        if page in seen:
            continue
        seen.add(page)
        for href in _check_page(browser, page):
            target = Path(unquote(urlparse(href).path))
            assert urlparse(href).scheme == "file" and target.is_file(), (page, href)
            assert target.is_relative_to(column), href
            queue.append(target)
    assert {p.name for p in seen} >= {"index.html", "issue-1.html", "issue-2.html"}
    counted = {p.relative_to(column).as_posix(): p for p in seen}
    assert len(counted) == 5


def test_an_issue_page_shows_its_items_and_reads_on_a_phone(browser: Any, column: Path) -> None:
    from selenium.webdriver.common.by import By

    browser.get((column / "issue-1.html").as_uri())
    assert browser.title == "职业教育宣传月工作简报第1期"
    headings = [h.text for h in browser.find_elements(By.TAG_NAME, "h3")]
    assert headings == ["教务处：教务处开展技能大赛赛场开放活动", "团委：团委第1周工作情况"]
    sections = [h.text for h in browser.find_elements(By.TAG_NAME, "h2")]
    assert sections == ["一、开展职业院校技能大赛赛场开放活动", "二、其他"]  # numbered one after the other
    captions = [c.text for c in browser.find_elements(By.TAG_NAME, "figcaption")]
    # the camera-named IMG_2034.png is captioned with its item's title: every picture has a caption
    assert captions == ["图1 护理技能比赛现场", "图2 家长观摩", "五四青年节升旗仪式", "团委第1周工作情况"]
    images = browser.find_elements(By.TAG_NAME, "img")
    assert len(images) == 4
    browser.set_window_size(PHONE_WIDTH + 16, 800)
    try:
        scroll, client = browser.execute_script(
            "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        assert scroll <= client, "the page scrolls sideways on a phone"
        for image in images:
            assert image.size["width"] <= client
        upright = browser.execute_script("return [arguments[0].naturalWidth, arguments[0].naturalHeight]", images[2])
        assert upright[0] < upright[1]  # the sideways phone photo stands upright
    finally:
        browser.set_window_size(1200, 900)


def test_the_public_pages_list_neither_the_units_that_sent_nothing_nor_videos(browser: Any, column: Path) -> None:
    from selenium.webdriver.common.by import By

    for page in (column / "issue-2.html", column / "wechat" / "issue-2.html"):
        browser.get(page.as_uri())
        text = browser.find_element(By.TAG_NAME, "body").text
        assert "招生就业处：开放日简报" in text
        assert "未报送" not in text and "视频" not in text and ".mp4" not in text and "KB" not in text
