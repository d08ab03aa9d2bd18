"""Shared fixtures: the shipped plan's text, the seed outside the project, the shipped plan converted once."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import tests.support.hypothesis_profiles  # noqa: F401 - registers and loads the ci or fuzz profile
from tests.support.office import require_office_tools
from tests.support.paths import SEED, SHIPPED_PLAN

pytest_plugins = [
    "tests.support.user_files",
    "tests.support.message_words",
    "tests.support.dovecot",
    "tests.support.mail_month",
]


@pytest.fixture(autouse=True, scope="session")
def own_cache_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """docgen's cache (compiled templates, PDFs) in a folder of the test run's, never the user's own.

    Set in the environment, so that the commands tests run as subprocesses use it too.
    """
    folder = tmp_path_factory.mktemp("docgen-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DOCGEN_CACHE_DIR", str(folder))
        patch.delenv("DOCGEN_NO_CACHE", raising=False)
        yield folder


@pytest.fixture(autouse=True)
def english_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test starts in English, whatever the machine's locale; tests/test_i18n.py sets others."""
    for variable in ("DOCGEN_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(variable, raising=False)


@pytest.fixture(autouse=True)
def layout_memory(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test keeps docgen's cache (remembered layouts above all) in a folder of its own, never the user's."""
    folder = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("DOCGEN_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def shipped_text() -> str:
    return SHIPPED_PLAN.read_text(encoding="utf-8")


@pytest.fixture
def seed_text() -> str:
    if not SEED.exists():
        pytest.skip(f"the seed is not here ({SEED}): ../shared exists only in the docgen workplace")
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def converted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every document of the shipped plan, .docx and PDF, in one folder (one conversion a session)."""
    from docgen.documents.batch import render

    require_office_tools()
    out = tmp_path_factory.mktemp("pdf")
    render(SHIPPED_PLAN, out, pdf=True)
    return out
