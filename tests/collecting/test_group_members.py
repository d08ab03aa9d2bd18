"""Group units (各院部): a sheet and form per listed member; every member's return counts, none is dropped."""

from __future__ import annotations

import os
from pathlib import Path

import docx
import pytest

import docgen
from docgen.collecting.forms import collect
from docgen.documents.batch import render
from tests.support.docx_text import lines, open_docx
from tests.support.paths import SHIPPED_PLAN
from tests.support.plans import plan_with

MEMBERS = (
    "  - id: colleges\n    name: 各院部\n",
    "  - id: colleges\n    name: 各院部\n    members: [护理学院, 药学院]\n",
)
SHEET = "-2019年职业教育宣传月任务单.docx"
FORM = "-2019年职业教育宣传月活动安排.docx"


def filled_form(blank: Path, target: Path, content: str, mtime: int) -> Path:
    document = docx.Document(str(blank))
    row = document.tables[0].rows[1]
    for cell, value in zip(row.cells[1:], [content, "5月10日", "礼堂", None, "王老师", "84825237"], strict=True):
        if value is not None:
            cell.text = value
    document.save(str(target))
    os.utime(target, (mtime, mtime))
    return target


@pytest.fixture(scope="module")
def with_members(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("members")
    plan = plan_with(folder, MEMBERS)
    out = folder / "out"
    render(plan, out, only="task-sheet,unit-form")
    return plan, out


def test_each_member_gets_its_own_sheet_and_form(with_members: tuple[Path, Path]) -> None:
    _, out = with_members
    sheets = sorted(p.name for p in (out / "任务单").iterdir())
    assert f"护理学院{SHEET}" in sheets and f"药学院{SHEET}" in sheets
    assert f"各院部{SHEET}" not in sheets
    text = lines(open_docx(out / "任务单" / f"药学院{SHEET}"))
    assert "责任部门：药学院（各院部）" in text
    assert any(t.startswith("（二）开展技能大师") for t in text)  # the group's tasks
    form = open_docx(out / "活动安排表" / f"护理学院{FORM}")
    assert form.paragraphs[1].text.startswith("上报部门（院部）：护理学院\t")
    assert form.tables[0].rows[1].cells[4].text == "护理学院"


def test_every_members_return_is_kept_and_a_missing_member_named(
    with_members: tuple[Path, Path], tmp_path: Path
) -> None:
    plan_file, out = with_members
    nursing = filled_form(out / "活动安排表" / f"护理学院{FORM}", tmp_path / "护理学院.docx", "护理技能展示", 2_000_000)
    plan = docgen.load_plan(plan_file)
    collection = collect([nursing], plan)
    assert [a.content for a in collection.activities] == ["护理技能展示"]
    assert "药学院" in {u.name for u in collection.missing}
    assert "护理学院" not in {u.name for u in collection.missing}
    pharmacy = filled_form(out / "活动安排表" / f"药学院{FORM}", tmp_path / "药学院.docx", "药学开放日", 1_000_000)
    both = collect([nursing, pharmacy], plan)
    assert sorted(a.content for a in both.activities) == ["护理技能展示", "药学开放日"]
    assert not [p for p in both.problems if p.code == "form-duplicate-unit"]
    assert not {"护理学院", "药学院"} & {u.name for u in both.missing}


def test_two_returns_of_a_group_without_members_are_both_kept(tmp_path: Path) -> None:
    render(SHIPPED_PLAN, tmp_path / "out", only="unit-form")
    blank = tmp_path / "out" / "活动安排表" / f"各院部{FORM}"
    first = filled_form(blank, tmp_path / "护理学院交回.docx", "护理技能展示", 1_000_000)
    second = filled_form(blank, tmp_path / "药学院交回.docx", "药学开放日", 2_000_000)
    collection = collect([first, second], docgen.load_plan(SHIPPED_PLAN))
    assert sorted(a.content for a in collection.activities) == ["护理技能展示", "药学开放日"]
    assert not [p for p in collection.problems if p.code == "form-duplicate-unit"]
