"""docgen calendar: the plan's own period and deadlines as an .ics file calendars import."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from icalendar import Calendar

from docgen.cli import main
from docgen.rendering.outputs import MANIFEST
from tests.support.paths import SHIPPED_PLAN


def events(path: Path) -> dict[str, list[Any]]:
    calendar = Calendar.from_ical(path.read_bytes())
    found: dict[str, list[Any]] = {}
    for event in calendar.walk("VEVENT"):
        found.setdefault(str(event["SUMMARY"]), []).append(event)
    return found


def test_calendar_holds_period_deadlines_and_weekly_reports(tmp_path: Path) -> None:
    out = tmp_path / "deadlines.ics"
    result = CliRunner().invoke(main, ["calendar", str(SHIPPED_PLAN), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert f"wrote {out}" in result.output
    found = events(out)
    period = found["职业教育宣传月活动期间"][0]
    assert period.decoded("DTSTART") == dt.date(2019, 4, 28)
    assert period.decoded("DTEND") == dt.date(2019, 5, 29), "DTEND of an all-day event is the day after"
    schedule = found["截止：上报活动安排表"][0]
    assert schedule.decoded("DTSTART") == dt.date(2019, 5, 9)
    assert "5月9日（周四）前上报活动安排表" in str(schedule["DESCRIPTION"])
    assert found["截止：报送宣传成果总结"][0].decoded("DTSTART") == dt.date(2019, 5, 24)

    weekly = [found[f"截止：报送本周活动开展情况（第{n}周）"][0] for n in range(1, 6)]
    assert [w.decoded("DTSTART") for w in weekly] == [
        dt.date(2019, 4, 30),  # 5月1日 is in the 劳动节 break: due the working day before, as the task sheet says
        dt.date(2019, 5, 8),
        dt.date(2019, 5, 15),
        dt.date(2019, 5, 22),
        dt.date(2019, 5, 29),  # the last part-week (5月23日至5月28日), due after the period
    ]
    assert "5月1日在劳动节假期内，提前至4月30日" in str(weekly[0]["DESCRIPTION"])
    assert "本次报送5月23日至5月28日的情况" in str(weekly[4]["DESCRIPTION"])
    assert not any("RRULE" in e for e in Calendar.from_ical(out.read_bytes()).walk("VEVENT"))
    assert len({str(w["UID"]) for w in weekly}) == 5

    column = [found[f"截止：上报本周宣传活动开展情况（第{n}周）"][0] for n in range(1, 6)]
    assert column[0].decoded("DTSTART") == dt.date(2019, 4, 30)  # 5月2日 is off too
    assert column[4].decoded("DTSTART") == dt.date(2019, 5, 30)


def test_the_calendar_gives_the_days_the_status_counts_by(tmp_path: Path) -> None:
    from docgen import load_plan
    from docgen.plan.dues import dues

    out = tmp_path / "deadlines.ics"
    assert CliRunner().invoke(main, ["calendar", str(SHIPPED_PLAN), "-o", str(out)]).exit_code == 0
    calendar = Calendar.from_ical(out.read_bytes())
    days = sorted(e.decoded("DTSTART") for e in calendar.walk("VEVENT") if str(e["SUMMARY"]).startswith("截止"))
    assert days == sorted(d.day for d in dues(load_plan(SHIPPED_PLAN)))


def test_calendar_file_basics(tmp_path: Path) -> None:
    out = tmp_path / "deadlines.ics"
    assert CliRunner().invoke(main, ["calendar", str(SHIPPED_PLAN), "-o", str(out)]).exit_code == 0
    calendar = Calendar.from_ical(out.read_bytes())
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Asia/Shanghai"]
    assert str(calendar["VERSION"]) == "2.0" and "docgen" in str(calendar["PRODID"])
    assert out.read_bytes().count(b"\r\n") > 10, "iCalendar lines end in CRLF"


def test_unit_calendar_has_only_that_units_deadlines(tmp_path: Path) -> None:
    out = tmp_path / "admissions.ics"
    result = CliRunner().invoke(main, ["calendar", str(SHIPPED_PLAN), "--unit", "招生就业处", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "截止：上报本周宣传活动开展情况" not in events(out)
    assert "截止：上报活动安排表" in events(out)
    result = CliRunner().invoke(main, ["calendar", str(SHIPPED_PLAN), "--unit", "招生处", "-o", str(out)])
    assert result.exit_code == 1
    assert "no unit is called '招生处'" in result.output


def test_calendar_refuses_to_overwrite_a_file_docgen_did_not_write(tmp_path: Path) -> None:
    out = tmp_path / "mine.ics"
    out.write_text("BEGIN:VCALENDAR\r\nPRODID:-//Someone//EN\r\nEND:VCALENDAR\r\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["calendar", str(SHIPPED_PLAN), "-o", str(out)])
    assert result.exit_code == 1
    assert "not overwritten" in result.output
    assert "Someone" in out.read_text(encoding="utf-8")
    assert CliRunner().invoke(main, ["calendar", str(SHIPPED_PLAN), "-o", str(out), "--force"]).exit_code == 0
    assert CliRunner().invoke(main, ["calendar", str(SHIPPED_PLAN), "-o", str(out)]).exit_code == 0, "its own file"


def test_a_calendar_someone_edited_is_not_overwritten_without_force(tmp_path: Path) -> None:
    out = tmp_path / "时间节点.ics"
    assert CliRunner().invoke(main, ["calendar", str(SHIPPED_PLAN), "-o", str(out)]).exit_code == 0
    assert "时间节点.ics" in json.loads((tmp_path / MANIFEST).read_text(encoding="utf-8"))["files"]
    edited = out.read_text(encoding="utf-8").replace("截止：", "（已改）截止：")
    out.write_text(edited, encoding="utf-8")
    result = CliRunner().invoke(main, ["calendar", str(SHIPPED_PLAN), "-o", str(out)])
    assert result.exit_code == 1
    assert "not overwritten" in result.output and "--force" in result.output
    assert out.read_text(encoding="utf-8") == edited
    assert not list(tmp_path.glob(".docgen-staging-*"))
    assert CliRunner().invoke(main, ["calendar", str(SHIPPED_PLAN), "-o", str(out), "--force"]).exit_code == 0
    assert "（已改）" not in out.read_text(encoding="utf-8")


def test_a_calendar_over_a_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "x.ics").mkdir()
    result = CliRunner().invoke(main, ["calendar", str(SHIPPED_PLAN), "-o", str(tmp_path / "x.ics")])
    assert result.exit_code != 0
    assert (tmp_path / "x.ics").is_dir()
