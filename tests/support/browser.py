"""Headless Chromium for the tests of docgen's web pages (the dashboard, the column).

Debian's chromium and chromium-driver are used as installed, through Selenium, so nothing is
downloaded. Without them a browser test skips with the reason, except under ``CI=true``.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from typing import Any

import pytest

CHROMIUM = os.environ.get("DOCGEN_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("DOCGEN_CHROMEDRIVER", "/usr/bin/chromedriver")


def missing_browser() -> str | None:
    """Why no browser test can run here, or None when one can."""
    for path in (CHROMIUM, CHROMEDRIVER):
        if shutil.which(path) is None:
            return f"{path} is not installed (Debian: apt-get install chromium chromium-driver)"
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install -e '.[test]')"
    return None


def headless_chromium(width: int, height: int) -> Iterator[Any]:
    """A headless Chromium window of this size, closed afterwards (use it as a fixture's body)."""
    reason = missing_browser()
    if reason is not None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI needs the browser tests: {reason}")
        pytest.skip(reason)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"):
        options.add_argument(argument)
    options.add_argument(f"--window-size={width},{height}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    try:
        yield driver
    finally:
        driver.quit()
