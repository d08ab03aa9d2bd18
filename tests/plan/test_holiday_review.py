"""``docgen check`` warns about the plan's dates against China's working-day calendar."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from click.testing import CliRunner

import docgen
from docgen.cli import main
from docgen.errors import Finding
from tests.support.paths import SHIPPED_PLAN


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


def warnings_by_code(path: Path, code: str) -> list[Finding]:
    report = docgen.check_plan(path)
    assert report.errors == [], [str(p) for p in report.errors]
    return [p for p in report.warnings if p.code == code]


def notes_by_code(path: Path, code: str) -> list[Finding]:
    return [p for p in docgen.check_plan(path).notes if p.code == code]


def test_weekly_reports_in_the_2019_labour_day_break_are_notes(shipped_text: str) -> None:
    """The task sheets' calendars move them to 4月30日 (tests/documents), so the office need not act."""
    assert warnings_by_code(SHIPPED_PLAN, "weekly-deadline-in-holiday") == []
    found = notes_by_code(SHIPPED_PLAN, "weekly-deadline-in-holiday")
    assert [(p.path, p.params["date"], p.params["suggestion"]) for p in found] == [
        ("deadlines.weekly_report.weekday", dt.date(2019, 5, 1), dt.date(2019, 4, 30)),
        ("deadlines.column_report.weekday", dt.date(2019, 5, 2), dt.date(2019, 4, 30)),
    ]
    assert found[0].line == line_of(shipped_text, "weekday: 3")
    assert "2019-05-01 (Wednesday), in the Labour Day holiday" in str(found[0])
    assert "the task sheets' calendars move it to the working day before, 2019-04-30" in str(found[0])


def test_period_start_on_a_worked_sunday_is_said_as_such(shipped_text: str) -> None:
    [found] = notes_by_code(SHIPPED_PLAN, "adjusted-workday")
    assert found.path == "period.start"
    assert found.line == line_of(shipped_text, "start: 2019-04-28")
    assert "2019-04-28 is a Sunday but an official working day (调休)" in str(found)
    assert warnings_by_code(SHIPPED_PLAN, "date-on-weekend") == []


def test_deadline_on_a_weekend_suggests_the_friday(tmp_path: Path, shipped_text: str) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(shipped_text.replace("date: 2019-05-09", "date: 2019-05-11"), encoding="utf-8")
    [found] = warnings_by_code(plan, "deadline-on-weekend")
    assert found.path == "deadlines.schedule.date"
    assert found.params["suggestion"] == dt.date(2019, 5, 10)
    assert "due before 2019-05-11, a Saturday (make it the working day before, 2019-05-10)" in str(found)


def test_notice_dated_in_a_holiday(tmp_path: Path, shipped_text: str) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(shipped_text.replace("issued: 2019-04-30", "issued: 2019-05-02"), encoding="utf-8")
    [found] = warnings_by_code(plan, "date-in-holiday")
    assert (found.path, found.params["suggestion"]) == ("issued", dt.date(2019, 4, 30))


def test_holiday_warnings_do_not_fail_check_unless_strict(tmp_path: Path, shipped_text: str) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(shipped_text.replace("date: 2019-05-09", "date: 2019-05-01"), encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(main, ["check", str(plan)])
    assert result.exit_code == 0, result.output
    assert "due before 2019-05-01 (Wednesday), which falls in the Labour Day holiday" in result.output
    assert runner.invoke(main, ["check", "--strict", str(plan)]).exit_code == 1


def test_holiday_notes_are_shown_with_notes_and_never_fail_strict() -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["check", "--strict", str(SHIPPED_PLAN)])
    assert result.exit_code == 0, result.output
    assert "Labour Day" not in result.output
    result = runner.invoke(main, ["check", "--notes", str(SHIPPED_PLAN)])
    assert result.exit_code == 0, result.output
    assert "note: deadlines.weekly_report.weekday: this weekly deadline falls on 2019-05-01" in result.stderr
