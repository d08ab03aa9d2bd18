"""Costs that grow with the documents only: units by id through an index, a task shared by thousands."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
import yaml

import docgen
from docgen.documents import task_sheet
from docgen.plan import model
from docgen.plan.index import PlanIndex
from docgen.plan.model import Plan, Requirement, Task, Unit
from tests.support.docx_text import full_text
from tests.support.paths import SHIPPED_PLAN
from tests.support.plans import load_script

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

    def counting(units: Sequence[Unit], tasks: Sequence[Task], requirements: Sequence[Requirement]) -> PlanIndex[Unit]:
        built.append(len(units))
        return index(units, tasks, requirements)

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


def test_bench_reports_the_growth_of_one_task_per_document(monkeypatch: pytest.MonkeyPatch) -> None:
    count, wall, processor = bench.one_task_render(20)  # a real whole render, check to commit
    assert count == 2 * 20
    assert wall > 0 and processor > 0
    asked: list[int] = []
    slower = iter([3.0, 1.0])  # the small shape timed twice: its faster run counts

    def timed(units: int) -> tuple[int, float, float]:
        asked.append(units)
        per_document = 2.0 if units == 1000 else next(slower)
        return 2 * units, 2 * units * per_document / 1000, 2 * units * per_document / 2000

    monkeypatch.setattr(bench, "one_task_render", timed)
    growth = bench.one_task_growth(1000)
    assert asked == [100, 1000, 100]  # the small shape before and after the large one
    assert (growth["small_documents"], growth["large_documents"]) == (200, 2000)
    assert growth["small_ms"] == pytest.approx(1.0)
    assert growth["large_processor_ms"] == pytest.approx(1.0)
    assert growth["one_task_growth"] == pytest.approx(2.0)
    assert growth["one_task_growth_wall"] == pytest.approx(2.0)


def test_the_check_finds_a_unit_repeated_far_down_a_long_task(tmp_path: Path) -> None:
    data = yaml.safe_load(bench.one_task_plan_text(300))
    data["tasks"][0]["units"].append("unit00017")  # the check once scanned the units before each one
    path = tmp_path / "plan.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    repeated = [p for p in docgen.check_plan(path).problems if p.code == "repeated-unit"]
    assert [(p.path, p.params["id"]) for p in repeated] == [("tasks[0].units[300]", "unit00017")]
