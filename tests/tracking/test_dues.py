from __future__ import annotations

import datetime as dt
from pathlib import PurePosixPath

import pytest

import docgen
from docgen.errors import UnknownDeadlineError
from docgen.plan.dues import dues, weeks
from docgen.plan.model import Plan
from docgen.tracking.dues import form_deadline, owing_units, returns_folder
from docgen.tracking.returns import date_in_name, units_named
from tests.support.paths import SHIPPED_PLAN


@pytest.fixture(scope="module")
def plan() -> Plan:
    return docgen.load_plan(SHIPPED_PLAN)


def changed(plan: Plan, **period: dt.date) -> Plan:
    return plan.model_copy(update={"period": plan.period.model_copy(update=period)})


def test_week_n_runs_from_the_day_after_the_previous_due_day_and_the_last_part_week_counts(plan: Plan) -> None:
    spans = [(w.week, w.start, w.last, w.day) for w in weeks(plan, "weekly_report")]
    may = lambda d: dt.date(2019, 5, d)  # noqa: E731
    assert spans == [
        # from the period's first day (a Sunday) to Wednesday 5月1日, a holiday: due the working day before
        (1, dt.date(2019, 4, 28), may(1), dt.date(2019, 4, 30)),
        (2, may(2), may(8), may(8)),
        (3, may(9), may(15), may(15)),
        (4, may(16), may(22), may(22)),
        (5, may(23), may(28), may(29)),  # the days after the last due day: due the next Wednesday, after the period
    ]
    assert [w.label for w in weeks(plan, "weekly_report")][::4] == [
        "第1周（4月28日至5月1日）",
        "第5周（5月23日至5月28日）",
    ]


def test_a_due_day_off_moves_to_the_working_day_before_as_the_task_sheets_say(plan: Plan) -> None:
    column = weeks(plan, "column_report")
    assert (column[0].last, column[0].day) == (dt.date(2019, 5, 2), dt.date(2019, 4, 30))  # 5月1日 is off too
    moved = plan.model_copy(
        update={
            "deadlines": {
                **plan.deadlines,
                "schedule": plan.deadlines["schedule"].model_copy(update={"date": dt.date(2019, 5, 4)}),
            }
        }
    )
    schedule = dues(moved, "schedule")[0]
    assert (schedule.day, schedule.last, schedule.label) == (dt.date(2019, 4, 30), dt.date(2019, 5, 4), "4月30日")


def test_a_period_starting_on_the_due_day_has_a_one_day_first_week(plan: Plan) -> None:
    wednesday = changed(plan, start=dt.date(2019, 5, 8), end=dt.date(2019, 5, 22))
    spans = [(w.week, w.start, w.last) for w in weeks(wednesday, "weekly_report")]
    assert spans == [
        (1, dt.date(2019, 5, 8), dt.date(2019, 5, 8)),
        (2, dt.date(2019, 5, 9), dt.date(2019, 5, 15)),
        (3, dt.date(2019, 5, 16), dt.date(2019, 5, 22)),
    ]


def test_every_due_and_its_folder(plan: Plan) -> None:
    found = [(d.key, d.week, d.day, returns_folder(plan, d)) for d in dues(plan)]
    assert found[0] == ("schedule", None, dt.date(2019, 5, 9), PurePosixPath("上报活动安排表（5月9日前）"))
    assert found[1][2] == dt.date(2019, 4, 30)  # week 1, due 5月1日, a holiday
    assert found[2] == (
        "weekly_report",
        2,
        dt.date(2019, 5, 8),
        PurePosixPath("报送本周活动开展情况/第2周（5月2日至5月8日）"),
    )
    assert found[-1][:3] == ("summary", None, dt.date(2019, 5, 24))
    assert [d.key for d in dues(plan, "column_report")] == ["column_report"] * 5
    with pytest.raises(UnknownDeadlineError) as raised:
        dues(plan, "weekly")
    assert raised.value.problems[0].params == {
        "key": "weekly",
        "known": "schedule, weekly_report, column_report, summary",
    }


def test_who_owes_what(plan: Plan) -> None:
    everyone = [u.name for u in owing_units(plan, "schedule")]
    assert len(everyone) == 16 and "宣传部" not in everyone  # the issuer, who receives, owes nothing
    assert everyone[:3] == ["招生就业处", "学生工作处", "教务处"]  # registry order
    assert [u.name for u in owing_units(plan, "column_report")] == ["信息部"]  # the column task's units less 宣传部
    assert form_deadline(plan) == "schedule"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("0508 教务处活动安排.docx", dt.date(2019, 5, 8)),
        ("2019-05-08 教务处.docx", dt.date(2019, 5, 8)),
        ("2019.5.8教务处.pdf", dt.date(2019, 5, 8)),
        ("2019年5月8日 教务处.jpg", dt.date(2019, 5, 8)),
        ("20190508_教务处.zip", dt.date(2019, 5, 8)),
        ("5月8日教务处.docx", dt.date(2019, 5, 8)),
        ("０５０８ 教务处.docx", dt.date(2019, 5, 8)),  # full-width digits
        ("2019年职业教育宣传月活动安排-教务处.docx", None),  # a year, not a date
        ("1305 教务处.docx", None),  # no 13th month
        ("教务处 0508.docx", None),  # only at the start
        ("12345.jpg", None),
    ],
)
def test_a_date_at_the_start_of_a_file_name(name: str, expected: dt.date | None) -> None:
    assert date_in_name(name, 2019) == expected


def test_units_are_found_by_name_or_full_name_the_longer_name_winning(plan: Plan) -> None:
    assert [u.id for u in units_named(plan, "党委宣传部-总结.docx")] == ["publicity"]
    assert [u.id for u in units_named(plan, "教务处 工会.pdf")] == ["academic_affairs", "union"]
    assert units_named(plan, "照片.jpg") == ()
    units = [u.model_dump() for u in plan.units]
    units.append({"id": "party_publicity", "name": "党委宣传部办公室"})
    bigger = Plan.model_validate({**plan.model_dump(), "units": units})
    # 党委宣传部 inside 党委宣传部办公室 names only the longer unit
    assert [u.id for u in units_named(bigger, "党委宣传部办公室.docx")] == ["party_publicity"]
