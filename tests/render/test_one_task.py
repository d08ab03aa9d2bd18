"""Costs that grow with the documents only: units by id through an index, a task shared by thousands."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SHIPPED_PLAN
from docx_text import full_text
from plans import load_script

import docgen
from docgen.documents import task_sheet
from docgen.plan import model
from docgen.plan.model import Plan, Unit

bench = load_script("bench")


@pytest.fixture(scope="module")
def one_task(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("one-task") / "plan.yaml"
    path.write_text(bench.one_task_plan_text(300), encoding="utf-8")
    return path


def _scanned_tasks(plan: Plan, unit_id: str) -> list[int]:
    return [n for n, t in enumerate(plan.tasks, 1) if unit_id in t.units]


def _scanned_requirements(plan: Plan, unit_id: str) -> list[int]:
    return [n for n, r in enumerate(plan.requirements, 1) if unit_id in r.units]


def test_the_index_answers_as_a_scan_of_the_plan_would() -> None:
    plan = docgen.load_plan(SHIPPED_PLAN)
    for unit in plan.units:
        assert plan.unit(unit.id) is next(u for u in plan.units if u.id == unit.id)
        assert [n for n, _ in plan.tasks_of(unit.id)] == _scanned_tasks(plan, unit.id)
        assert [n for n, _ in plan.requirements_of(unit.id)] == _scanned_requirements(plan, unit.id)
    with pytest.raises(KeyError):
        plan.unit("no-such-unit")
    assert plan.tasks_of("no-such-unit") == []


def test_a_copy_with_other_units_is_indexed_again() -> None:
    plan = docgen.load_plan(SHIPPED_PLAN)
    first = plan.units[0]
    assert plan.unit(first.id).name == first.name
    renamed = plan.model_copy(update={"units": [Unit(id=first.id, name="改名处"), *plan.units[1:]]})
    assert renamed.unit(first.id).name == "改名处"
    assert plan.unit(first.id).name == first.name


def test_one_render_builds_the_index_once_per_plan(
    one_task: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    built: list[int] = []
    index = model.PlanIndex

    def counting(plan: Plan) -> model.PlanIndex:
        built.append(len(plan.units))
        return index(plan)

    monkeypatch.setattr(model, "PlanIndex", counting)
    written = docgen.render(one_task, tmp_path / "out", only="task-sheet,unit-form", jobs=1)
    assert len(written) == 2 * 300
    assert len(built) <= 3  # the plan read, and the plan with its text filled in: never per document


def test_a_task_shared_by_hundreds_names_twenty_and_counts_the_rest(one_task: Path, tmp_path: Path) -> None:
    [sheet] = docgen.render(one_task, tmp_path / "out", only="task-sheet", unit="第00299教研室")
    text = full_text(sheet)
    partners = "、".join(u.name for u in docgen.load_plan(one_task).units[: task_sheet.MAX_PARTNERS_NAMED])
    assert f"与{partners}等299个部门共同承担。" in text


def test_a_task_shared_by_a_few_names_them_all(tmp_path: Path) -> None:
    plan = docgen.load_plan(SHIPPED_PLAN)
    shared = next(t for t in plan.tasks if 1 < len(t.units) <= task_sheet.MAX_PARTNERS_NAMED)
    own, *others = shared.units
    text = task_sheet._shared_with(plan, shared.units, own)
    assert text == "与" + "、".join(plan.unit(u).name for u in others) + "共同承担。"
    assert task_sheet._shared_with(plan, [own], own) == "本部门独立承担。"
