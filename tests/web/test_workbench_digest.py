"""The workbench's 简报 button after the campaign: the last week, dated the day chosen, with what came until then."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest

pytest.importorskip("starlette")

from docgen.plan.dues import dues
from docgen.plan.files import resolved_plan
from docgen.tracking.folders import init_returns
from docgen.tracking.tally import digest_deadline
from tests.support.docx_text import open_docx
from tests.support.report_samples import word_report
from tests.support.workbench import entered, running_workbench


def test_a_report_sent_after_the_last_due_day_is_in_the_last_weeks_issue(tmp_path: Path) -> None:
    with running_workbench(tmp_path) as (server, project):
        plan = resolved_plan(project.plan)
        key = digest_deadline(plan)
        last = [d for d in dues(plan, key) if d.week is not None][-1]
        init_returns(plan, project.returns)
        folder = next(project.returns.rglob(f"第{last.week}周*"))
        pressed = last.day + dt.timedelta(days=5)  # the office writes the last 简报 after the campaign
        sent = last.day + dt.timedelta(days=2)
        word_report(folder / "教务处-总结.docx", sent, "教务处", "教务处活动总结", ["本周开展活动。"], [])
        with entered(server) as client:
            started = client.post("/month/digest", data={"on": pressed.isoformat()})
            assert started.status_code == 200, started.text
            deadline = time.monotonic() + 60
            while "完成" not in (state := client.get("/task").text) and time.monotonic() < deadline:
                time.sleep(0.3)
            assert "生成本周简报完成" in state, state
    (issue,) = (project.reports / "简报").glob("*第1期.docx")
    lines = [p.text for p in open_docx(issue).paragraphs]
    assert lines[2] == f"党委宣传部\t{pressed.year}年{pressed.month}月{pressed.day}日"  # the day it was written
    assert "教务处：教务处活动总结" in lines  # a late report is not left out of the week it reports on
