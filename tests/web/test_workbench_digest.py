"""The workbench's 简报 button: the week the chosen day falls in, dated that day, or its due day if outside."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest

pytest.importorskip("starlette")

from docgen.plan.dues import dues
from docgen.plan.files import resolved_plan
from docgen.tracking.tally import digest_deadline
from docgen.web.month_views import digest_issue
from tests.support.docx_text import open_docx
from tests.support.paths import SHIPPED_PLAN
from tests.support.report_samples import build_report_returns
from tests.support.workbench import entered, running_workbench


def test_a_day_outside_the_campaign_dates_the_issue_on_its_weeks_due_day() -> None:
    plan = resolved_plan(SHIPPED_PLAN)
    key = digest_deadline(plan)
    weeks = [d for d in dues(plan, key) if d.week is not None]
    assert len(weeks) > 2
    inside = weeks[1].start + dt.timedelta(days=1)
    assert digest_issue(plan, inside) == (2, inside)  # within a week: that week, dated as chosen
    assert digest_issue(plan, dt.date(2026, 12, 7)) == (weeks[-1].week, weeks[-1].day)  # years later: the last
    assert digest_issue(plan, dt.date(2019, 1, 2)) == (1, weeks[0].day)  # before it starts: the first
    assert weeks[0].day == dt.date(2019, 4, 30)  # 5月1日 is a holiday: due the working day before


def test_the_button_on_a_day_before_the_campaign_writes_week_one_dated_its_due_day(tmp_path: Path) -> None:
    with running_workbench(tmp_path) as (server, project):
        build_report_returns(resolved_plan(project.plan), project.returns)
        with entered(server) as client:
            started = client.post("/month/digest", data={"on": "2019-01-02"})
            assert started.status_code == 200, started.text
            deadline = time.monotonic() + 60
            while "完成" not in (state := client.get("/task").text) and time.monotonic() < deadline:
                time.sleep(0.3)
            assert "生成本周简报完成" in state, state
    (issue,) = (project.reports / "简报").glob("*第1期.docx")
    lines = [p.text for p in open_docx(issue).paragraphs]
    assert lines[2] == "党委宣传部\t2019年4月30日"  # never the day the button was pressed
    assert any(line.startswith("教务处：") for line in lines)  # 教务处's week-1 report, sent on 4月30日
