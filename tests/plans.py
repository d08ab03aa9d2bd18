"""Building variants of the shipped plan in a test's folder."""

from __future__ import annotations

from pathlib import Path

from conftest import SHIPPED_PLAN


def plan_with(tmp_path: Path, *edits: tuple[str, str], name: str = "plan.yaml") -> Path:
    """A copy of the shipped plan with each (old, new) replaced once; fails if ``old`` is gone."""
    text = SHIPPED_PLAN.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text, f"the shipped plan no longer holds {old!r}"
        text = text.replace(old, new, 1)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path
