"""Deadlines in words and on a calendar: what task sheets tell each unit about "when"."""

from __future__ import annotations

import datetime as dt
from typing import Any

from docgen import chinese
from docgen.calendar import workdays
from docgen.documents.layout import period_text
from docgen.plan.model import Deadline, Plan

WEEKDAY_HEADERS = ["一", "二", "三", "四", "五", "六", "日"]
MARK = "★"
DAY_OFF, WORKED = "休", "班"  # as Chinese wall calendars mark a holiday break and a 调休 working day


def deadline_text(deadline: Deadline, *, receiver: bool = False) -> str:
    """5月9日（周四）前上报活动安排表, or 每周三前报送本周活动开展情况; ``how`` follows a comma.

    For the unit a deadline is handed to (``receiver``), it says what comes in:
    5月9日（周四）前各部门向本部门上报活动安排表.
    """
    time = (deadline.time or "").removesuffix("前")
    if deadline.date is not None:
        when = f"{chinese.month_day(deadline.date)}（{chinese.weekday_of(deadline.date)}）{time}前"
    else:
        assert deadline.weekday is not None
        when = f"每{chinese.weekday_name(deadline.weekday)}{time}前"
    text = when + ("各部门向本部门" if receiver else "") + deadline.action
    if deadline.how:
        text += "，" + deadline.how
    return text


def _mark(deadline: Deadline, day: dt.date) -> str:
    """A deadline on its day; one that falls on a day off says which working day it moves to."""
    text = MARK + deadline.action
    if not workdays.is_workday(day):
        text += f"（提前至{chinese.month_day(workdays.previous_workday(day))}）"
    return text


def calendar_grid(plan: Plan, deadlines: list[Deadline]) -> dict[str, Any]:
    """Weeks (Monday first) covering the campaign period and every dated deadline, with marks.

    Each day is ``{"label", "marks"}``; days outside the period are left blank so the
    campaign stands out. The first day shown and each 1st of a month carry the month; days
    off in a holiday break are marked 休 and adjusted working days (调休) 班, as on a wall calendar,
    before the day's other marks, so that the day numbers stay on one line.
    """
    start, end = plan.period.start, plan.period.end
    last = max([end, *(d.date for d in deadlines if d.date is not None)])
    first = min([start, *(d.date for d in deadlines if d.date is not None)])
    marks: dict[dt.date, list[str]] = {}
    marks.setdefault(start, []).append("活动开始")
    marks.setdefault(end, []).append("活动结束")
    for deadline in deadlines:
        for day in deadline.days(first, last if deadline.date is not None else end):
            marks.setdefault(day, []).append(_mark(deadline, day))
    monday = first - dt.timedelta(days=first.isoweekday() - 1)
    weeks = []
    while monday <= last:
        week = []
        for offset in range(7):
            day = monday + dt.timedelta(days=offset)
            shown = first <= day <= last
            label = ""
            if shown:
                label = chinese.month_day(day) if day == first or day.day == 1 else str(day.day)
            kind = [_day_kind(day)] if shown and _day_kind(day) else []
            week.append({"label": label, "marks": "、".join(kind + marks.get(day, [])) if shown else ""})
        weeks.append(week)
        monday += dt.timedelta(weeks=1)
    legend = (
        f"{MARK}为截止日，事项最迟在当天完成；{DAY_OFF}为节假日放假，{WORKED}为调休上班；"
        f"活动时间为{period_text(plan)}。"
    )
    return {"weekdays": WEEKDAY_HEADERS, "weeks": weeks, "legend": legend}


def _day_kind(day: dt.date) -> str:
    """休 for a day off in a holiday break, 班 for a 调休 working day, else ""."""
    if workdays.is_holiday(day):
        return DAY_OFF
    if workdays.is_adjusted_workday(day):
        return WORKED
    return ""
