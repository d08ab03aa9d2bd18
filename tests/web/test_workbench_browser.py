"""The workbench in a real browser: headless Chromium through Selenium against a server on 127.0.0.1.

A mistake typed into the plan is listed with its line and the line is marked; fixed and saved,
the file differs from the original in that line alone and the notice's preview changes; render
lists every document; a report dropped for 教务处 turns its cell to 已收 and shows in
``docgen status --json``. DOCGEN_SCREENSHOTS=DIR keeps a screenshot of each page.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("starlette")

from tests.support.browser import headless_chromium
from tests.support.office import require_office_tools
from tests.support.workbench import MAY_9, running_workbench

SCREENSHOTS = os.environ.get("DOCGEN_SCREENSHOTS")
WAIT = 90  # seconds: a preview starts LibreOffice


@pytest.fixture(scope="module")
def workbench(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    with running_workbench(tmp_path_factory.mktemp("workbench")) as running:
        yield running


@pytest.fixture(scope="module")
def browser(workbench: Any) -> Iterator[Any]:
    server, _ = workbench
    for driver in headless_chromium(1400, 900):
        driver.get(server.url)  # the token address: the cookie is set, the browser sent on to the plan
        yield driver


def _wait(driver: Any, condition: Any, seconds: float = WAIT) -> Any:
    """``condition``'s first true answer; an element replaced while it was read (htmx swaps) is read again."""
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.support.ui import WebDriverWait

    waiting = WebDriverWait(driver, seconds, poll_frequency=0.2, ignored_exceptions=[StaleElementReferenceException])
    return waiting.until(condition)


def _by_testid(driver: Any, name: str) -> Any:
    from selenium.webdriver.common.by import By

    return driver.find_element(By.CSS_SELECTOR, f'[data-testid="{name}"]')


def _shot(driver: Any, name: str) -> None:
    if SCREENSHOTS:
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        driver.save_screenshot(str(Path(SCREENSHOTS) / f"{name}.png"))


def _replace_on_line(driver: Any, line: int, old: str, new: str) -> None:
    """Select ``old`` on ``line`` of the editor and type ``new`` over it, key by key, as a person would."""
    from selenium.webdriver.common.action_chains import ActionChains

    driver.execute_script(
        """const [editor, line, old] = arguments;
        const lines = editor.value.split('\\n');
        let at = 0;
        for (let i = 0; i < line - 1; i++) at += lines[i].length + 1;
        const start = at + lines[line - 1].indexOf(old);
        editor.focus();
        editor.setSelectionRange(start, start + old.length);""",
        _by_testid(driver, "editor"),
        line,
        old,
    )
    ActionChains(driver).send_keys(new).perform()


def _preview_images(driver: Any) -> list[str]:
    """The addresses of the preview's page images once each has loaded (read at once: htmx replaces them)."""
    images: list[str] = driver.execute_script(
        """const images = Array.from(document.querySelectorAll('[data-testid="preview"] img'));
        return images.every(i => i.complete && i.naturalWidth > 0) ? images.map(i => i.src) : [];"""
    )
    return images


def _error_lines(driver: Any) -> list[int]:
    from selenium.webdriver.common.by import By

    problems = _by_testid(driver, "problems").find_elements(By.CSS_SELECTOR, "li.error")
    return [int(li.get_attribute("data-line")) for li in problems if li.get_attribute("data-line")]


def test_a_mistake_is_listed_with_its_line_and_the_saved_fix_changes_that_line_and_the_preview(
    browser: Any, workbench: Any
) -> None:
    from selenium.webdriver.common.by import By

    require_office_tools()
    _, project = workbench
    original = project.plan.read_text(encoding="utf-8")
    line = original.split("\n").index("issued: 2019-04-30") + 1
    browser.get(browser.current_url.split("/plan")[0] + "/plan")
    before = _wait(browser, lambda d: _preview_images(d))  # the notice's pages, drawn from the saved plan
    assert len(before) >= 2
    _shot(browser, "plan")

    _replace_on_line(browser, line, "2019-04-30", "2019-04-31")
    _wait(browser, lambda d: line in _error_lines(d), 15)
    item = _by_testid(browser, "problems").find_element(By.CSS_SELECTOR, f'li.error[data-line="{line}"]')
    assert f"第 {line} 行" in item.text
    marked = browser.find_elements(By.CSS_SELECTOR, "#gutter .line-error")
    assert [m.text for m in marked] == [str(line)]
    _shot(browser, "plan-problem")

    _replace_on_line(browser, line, "2019-04-31", "2019-04-29")
    _wait(browser, lambda d: line not in _error_lines(d), 15)
    _by_testid(browser, "save").click()
    _wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, '[data-testid="saved"]'), 15)
    saved = project.plan.read_text(encoding="utf-8")
    changed = [(a, b) for a, b in zip(original.split("\n"), saved.split("\n"), strict=True) if a != b]
    assert changed == [("issued: 2019-04-30", "issued: 2019-04-29")]
    after = _wait(browser, lambda d: (images := _preview_images(d)) and images != before and images)
    assert after != before


def test_render_lists_every_document_and_an_output_opens(browser: Any, workbench: Any) -> None:
    from selenium.webdriver.common.by import By

    from docgen.documents.batch import render

    server, project = workbench
    expected = render(project.plan, project.root / "dry", dry_run=True)
    browser.get(f"http://127.0.0.1:{server.port}/documents")
    _by_testid(browser, "render").click()
    _wait(browser, lambda d: "完成" in _by_testid(d, "task").text or "未完成" in _by_testid(d, "task").text)
    assert "未完成" not in _by_testid(browser, "task").text
    links = _wait(browser, lambda d: _by_testid(d, "outputs").find_elements(By.CSS_SELECTOR, "a.open"))
    names = sorted(link.text for link in links)
    assert names == sorted(path.name for path in expected)
    _shot(browser, "documents")
    opened = browser.execute_async_script(
        """const done = arguments[arguments.length - 1];
        fetch(arguments[0]).then(r => r.arrayBuffer().then(
            b => done([r.status, new Uint8Array(b).slice(0, 2).join(',')])));""",
        links[0].get_attribute("href"),
    )
    assert opened == [200, "80,75"]  # PK: a .docx


def test_a_report_dropped_for_jiaowuchu_turns_its_cell_and_shows_in_status_json(
    browser: Any, workbench: Any, tmp_path: Path
) -> None:
    from docx import Document
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    server, project = workbench
    browser.get(f"http://127.0.0.1:{server.port}/month")
    assert not project.returns.exists()
    _by_testid(browser, "init-returns").click()  # the returns folders, as status --init makes them
    _wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, '[data-testid="month"]'), 30)
    assert (project.returns / "报送本周活动开展情况").is_dir()
    report = tmp_path / "教务处-本周活动开展情况.docx"
    document = Document()
    document.add_paragraph("教务处本周宣传活动开展情况")
    document.save(report)

    def row_cells(driver: Any) -> list[str]:  # read at once: the grid is replaced every few seconds
        cells: list[str] = driver.execute_script(
            """const row = document.querySelector('[data-testid="row-academic_affairs"]');
            return Array.from(row.querySelectorAll('td')).slice(1).map(td => td.innerText.trim());"""
        )
        return cells

    cells_before = row_cells(browser)
    assert "已收" not in cells_before
    Select(_by_testid(browser, "unit")).select_by_value("academic_affairs")
    Select(_by_testid(browser, "deadline")).select_by_value("weekly_report")
    _by_testid(browser, "upload").send_keys(str(report))
    _wait(browser, lambda d: "已登记" in _by_testid(d, "received").text, 30)
    cells = _wait(browser, lambda d: (c := row_cells(d)) != cells_before and c, 30)
    changed = [(a, b) for a, b in zip(cells_before, cells, strict=True) if a != b]
    assert changed == [("未到期", "已收")]  # the week 9 May falls in is not due yet: received
    _shot(browser, "month")

    status = subprocess.run(
        [
            sys.executable,
            "-m",
            "docgen",
            "status",
            str(project.plan),
            "--returns",
            str(project.returns),
            "--on",
            "2019-05-09",
            "--json",
        ],
        capture_output=True,
        text=True,
        check=True,
        cwd=project.root,
    )
    records = json.loads(status.stdout)["records"]
    sent = [r for r in records if r["unit"] == "教务处" and r["state"] == "sent"]
    assert len(sent) == 1 and sent[0]["deadline"] == "weekly_report"
    assert sent[0]["files"][0].endswith("教务处-本周活动开展情况.docx")
    assert dt.datetime.fromisoformat(sent[0]["received_at"]) == MAY_9  # the moment it was dropped


def test_a_dropped_template_is_checked_and_saved_only_when_sound(browser: Any, workbench: Any, tmp_path: Path) -> None:
    import shutil

    from docx import Document
    from selenium.webdriver.common.by import By

    from tests.support.paths import SHIPPED_TEMPLATES

    server, project = workbench
    browser.get(f"http://127.0.0.1:{server.port}/templates")
    listed = _by_testid(browser, "templates")
    assert "letter.docx" in listed.text and "你的模板" not in listed.text
    broken = tmp_path / "broken" / "letter.docx"
    broken.parent.mkdir()
    document = Document()
    document.add_paragraph("{{ no_such_name }}致家长的一封信")
    document.save(broken)
    _by_testid(browser, "template-upload").send_keys(str(broken))
    _wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, '[data-outcome="refused"]'), 30)
    assert "no_such_name" in _by_testid(browser, "template-result").text
    assert not (project.plan.parent / "templates" / "letter.docx").exists()
    _shot(browser, "templates")

    good = tmp_path / "good" / "letter.docx"
    good.parent.mkdir()
    shutil.copy(SHIPPED_TEMPLATES / "letter.docx", good)
    browser.get(f"http://127.0.0.1:{server.port}/templates")
    _by_testid(browser, "template-upload").send_keys(str(good))
    _wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, '[data-outcome="saved"]'), 30)
    assert (project.plan.parent / "templates" / "letter.docx").read_bytes() == good.read_bytes()
    row = _wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, '[data-template="letter.docx"] .yours'), 30)
    assert row[0].text == "你的模板"
