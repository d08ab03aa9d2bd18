"""LibreOffice and poppler in the tests: skipped where absent, except in CI (``CI=true``), where they must run."""

from __future__ import annotations

import os
import shutil

import pytest

PDF_TOOLS = ("soffice", "pdftotext", "pdffonts", "pdfinfo")


def require_office_tools(tools: tuple[str, ...] = PDF_TOOLS) -> None:
    """Skip where LibreOffice or poppler is missing, except in CI (CI=true), where they must run."""
    missing = [t for t in tools if shutil.which(t) is None]
    if missing and os.environ.get("CI") != "true":
        from docgen.office.programs import PACKAGES

        pytest.skip(f"{', '.join(missing)} not installed (apt-get install {PACKAGES})")
