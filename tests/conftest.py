"""Shared fixtures: paths of the project and of the seed outside it."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import hypothesis_profiles  # noqa: F401 - registers and loads the ci or fuzz profile
import pytest

ROOT = Path(__file__).resolve().parent.parent
SHIPPED_PLAN = ROOT / "data" / "campaign.yaml"
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed" / "000_394454c19d12eced.txt"


@pytest.fixture(autouse=True)
def english_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test starts in English, whatever the machine's locale; tests/test_i18n.py sets others."""
    for variable in ("DOCGEN_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(variable, raising=False)


@pytest.fixture
def shipped_text() -> str:
    return SHIPPED_PLAN.read_text(encoding="utf-8")


@pytest.fixture
def seed_text() -> str:
    if not SEED.exists():
        pytest.skip(f"the seed is not here ({SEED}): ../shared exists only in the docgen workplace")
    return SEED.read_text(encoding="utf-8")


PDF_TOOLS = ("soffice", "pdftotext", "pdffonts", "pdfinfo")


def require_office_tools(tools: tuple[str, ...] = PDF_TOOLS) -> None:
    """Skip where LibreOffice or poppler is missing, except in CI (CI=true), where they must run."""
    missing = [t for t in tools if shutil.which(t) is None]
    if missing and os.environ.get("CI") != "true":
        from docgen.office.convert import PACKAGES

        pytest.skip(f"{', '.join(missing)} not installed (apt-get install {PACKAGES})")


@pytest.fixture(scope="session")
def converted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every document of the shipped plan, .docx and PDF, in one folder (one conversion a session)."""
    from docgen.documents.batch import render

    require_office_tools()
    out = tmp_path_factory.mktemp("pdf")
    render(SHIPPED_PLAN, out, pdf=True)
    return out
