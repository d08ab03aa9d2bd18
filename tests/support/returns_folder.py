"""A returns folder as the office keeps it on 2019-05-10: forms, pictures, PDFs, late and stray files."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import docx
import pytest

from docgen.documents.batch import render
from docgen.plan.model import Plan
from docgen.tracking.folders import init_returns
from tests.support.paths import SHIPPED_PLAN

SCHEDULE = "上报活动安排表（5月9日前）"
WEEKLY = "报送本周活动开展情况"
WEEK_1 = f"{WEEKLY}/第1周（4月28日至5月1日）"
WEEK_2 = f"{WEEKLY}/第2周（5月2日至5月8日）"
COLUMN_2 = "上报本周宣传活动开展情况/第2周（5月3日至5月9日）"
SUMMARY = "报送宣传成果总结（5月24日前）"
ON = dt.date(2019, 5, 10)

# Who has sent the 活动安排 by 2019-05-10, and how the file shows it.
SCHEDULE_ON_TIME = ["教务处", "团委", "学生工作处", "社区卫生服务中心", "招生就业处"]
SCHEDULE_LATE = ["图书馆", "保卫处"]
SCHEDULE_MISSING = [
    "各院部",
    "工会",
    "学校办公室",
    "生命科学馆",
    "大学生活动中心",
    "临床实训部",
    "信息部",
    "各党总支",
    "各教学单位",
]


def touch(path: Path, day: dt.date, data: bytes = b"content") -> Path:
    """A file with ``data``, last modified at noon on ``day``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        path.write_bytes(data)
    stamp = dt.datetime.combine(day, dt.time(12)).timestamp()
    os.utime(path, (stamp, stamp))
    return path


def filled_form(blank: Path, target: Path, day: dt.date) -> Path:
    """A unit's form with one row filled in, saved as ``target`` (whose name need not name the unit)."""
    document = docx.Document(str(blank))
    row = document.tables[0].rows[1]
    for cell, value in zip(row.cells[1:], ["宣传活动", "5月12日", "校园", "", "王老师", "84825237"], strict=True):
        if value:
            cell.text = value
    target.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(target))
    return touch(target, day)


def word_note(target: Path, first_line: str, day: dt.date) -> Path:
    """A Word file that is no form, whose first line may name the sending unit."""
    document = docx.Document()
    document.add_paragraph(first_line)
    document.add_paragraph("本周开展了宣传活动。")
    target.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(target))
    return touch(target, day)


def build_returns(plan: Plan, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The returns folder laid out by ``init_returns`` and filled the way files arrive."""
    forms = {p.name.split("-")[0]: p for p in render(SHIPPED_PLAN, tmp_path_factory.mktemp("forms"), only="unit-form")}
    root = tmp_path_factory.mktemp("returns") / "回收"
    init_returns(plan, root)
    may = lambda day: dt.date(2019, 5, day)  # noqa: E731
    # forms recognised by what they hold, wherever they are
    filled_form(forms["教务处"], root / SCHEDULE / "活动安排表.docx", may(8))
    filled_form(forms["团委"], root / "表格2.docx", may(7))
    filled_form(forms["招生就业处"], root / WEEK_2 / "新建文档.docx", may(6))
    # files recognised by their names, of any type
    touch(root / SCHEDULE / "学生工作处活动安排.pdf", may(9))
    word_note(root / SCHEDULE / "0510 图书馆.docx", "活动安排", may(8))  # the date in the name wins: late
    touch(root / SCHEDULE / "保卫处.wps", may(10))  # modified after the day: late
    word_note(root / SCHEDULE / "情况说明.docx", "上报部门：社区卫生服务中心", may(9))
    touch(root / SCHEDULE / "教务处和工会.jpg", may(9))  # two units: listed, never guessed
    touch(root / SCHEDULE / "扫描件.jpg", may(9))  # no unit
    # weekly reports: by week folder, by a unit's sub-folder, or by day in the deadline's folder
    touch(root / WEEK_1 / "教务处" / "照片1.jpg", dt.date(2019, 4, 30))
    touch(root / WEEKLY / "0507 工会.mp4", may(7))
    touch(root / WEEK_2 / "信息部.zip", may(9))
    touch(root / COLUMN_2 / "信息部专栏.docx", may(9))
    touch(root / SUMMARY / "教务处总结.pdf", may(9))  # early: not yet due, already received
    return root
