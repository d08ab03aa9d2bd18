"""A notice docgen rendered imports back to its plan: every unit, every task's units, each deadline's units."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import docgen
from tests.support.paths import ROOT, SHIPPED_PLAN
from tests.support.printed import import_checked
from tests.support.word_files import similarity, visible_text

PLANS = [SHIPPED_PLAN, *sorted((ROOT / "examples").glob("*.yaml"))]


def _owed(plan: docgen.Plan) -> list[tuple[str, list[str]]]:
    """Each deadline's day (or weekday) and the names of the units it concerns ([] for every unit)."""
    owed = []
    for deadline in plan.deadlines.values():
        task = next((t for t in plan.tasks if t.id == deadline.task), None)
        ids = [*deadline.units, *(task.units if task else ())]
        owed.append((str(deadline.date or f"weekday {deadline.weekday}"), sorted(plan.unit(i).name for i in ids)))
    return sorted(owed)


@pytest.mark.parametrize("source", PLANS, ids=lambda p: p.stem)
def test_a_rendered_notice_imports_back_to_its_units_tasks_and_deadlines(source: Path, tmp_path: Path) -> None:
    (tmp_path / "plan").mkdir()  # a folder of its own: in the checkout, templates/ beside examples/ is the user's
    source = Path(shutil.copy(source, tmp_path / "plan" / source.name))
    notice = next(p for p in docgen.render(source, tmp_path / "first", only="notice") if p.suffix == ".docx")
    plan_file = tmp_path / "plan.yaml"
    import_checked(notice, plan_file)
    back, original = docgen.load_plan(plan_file), docgen.load_plan(source)
    assert sorted(u.name for u in back.units) == sorted(u.name for u in original.units)
    assert [[back.unit(u).name for u in t.units] for t in back.tasks] == [
        [original.unit(u).name for u in t.units] for t in original.tasks
    ]
    assert _owed(back) == _owed(original)
    again = next(p for p in docgen.render(plan_file, tmp_path / "again", only="notice") if p.suffix == ".docx")
    assert similarity(visible_text(notice), visible_text(again)) >= 0.99
