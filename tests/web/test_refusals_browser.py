"""A save the workbench refuses is said on the page, in a real browser: a click never silently does nothing."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

pytest.importorskip("starlette")

from tests.support.browser import headless_chromium
from tests.support.workbench import running_workbench

WAIT = 30


@pytest.fixture(scope="module")
def workbench(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    with running_workbench(tmp_path_factory.mktemp("refusals")) as running:
        yield running


def test_a_save_without_the_token_is_said_to_have_failed_and_changes_nothing(workbench: Any) -> None:
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    server, project = workbench
    before = project.plan.read_bytes()
    for driver in headless_chromium(1200, 800):
        driver.get(server.url)
        editor = driver.find_element(By.CSS_SELECTOR, '[data-testid="editor"]')
        driver.execute_script("arguments[0].value = arguments[0].value + '\\n# 新的一行\\n';", editor)
        driver.delete_all_cookies()  # the workbench was started again, or the cookie was cleared
        driver.find_element(By.CSS_SELECTOR, '[data-testid="save"]').click()
        waiting = WebDriverWait(driver, WAIT, poll_frequency=0.2, ignored_exceptions=[StaleElementReferenceException])
        failed = waiting.until(lambda d: d.find_elements(By.CSS_SELECTOR, '[data-testid="request-failed"]'))
        words = failed[0].text
        assert words.startswith("未完成（403）") and "token" in words, words
        assert not driver.find_elements(By.CSS_SELECTOR, '[data-testid="saved"]')
    assert project.plan.read_bytes() == before
