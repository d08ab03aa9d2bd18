"""Shared fixtures: paths of the project and of the seed outside it."""

from __future__ import annotations

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
