"""Deadlines in words and on a calendar: what task sheets tell each unit about "when"."""

from __future__ import annotations

import datetime as dt
from typing import Any

from docgen import chinese
from docgen.plan.model import Deadline, Plan

WEEKDAY_HEADERS = ["一", "二", "三", "四", "五", "六", "日"]
MARK = "★"


def deadline_text(deadline: Deadline) -> str:
    """5月9日（周四）前上报活动安排表, or 每周三前报送本周活动开展情况; ``how`` follows a comma."""
    time = (deadline.time or "").removesuffix("前")
    if deadline.date is not None:
        when = f"{chinese.month_day(deadline.date)}（{chinese.weekday_of(deadline.date)}）{time}前"
    else:
        assert deadline.weekday is not None
        when = f"每{chinese.weekday_name(deadline.weekday)}{time}前"
    text = when + deadline.action
    if deadline.how:
        text += "，" + deadline.how
    return text


def calendar_grid(plan: Plan, deadlines: list[Deadline]) -> dict[str, Any]:
    """Weeks (Monday first) covering the campaign period and every dated deadline, with marks.

    Each day is ``{"label", "marks"}``; days outside the period are left blank so the
    campaign stands out. The first day shown and each 1st of a month carry the month.
    """
    start, end = plan.period.start, plan.period.end
    last = max([end, *(d.date for d in deadlines if d.date is not None)])
    first = min([start, *(d.date for d in deadlines if d.date is not None)])
    marks: dict[dt.date, list[str]] = {}
    marks.setdefault(start, []).append("活动开始")
    marks.setdefault(end, []).append("活动结束")
    for deadline in deadlines:
        for day in deadline.days(first, last if deadline.date is not None else end):
            marks.setdefault(day, []).append(MARK + deadline.action)
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
            week.append({"label": label, "marks": "、".join(marks.get(day, [])) if shown else ""})
        weeks.append(week)
        monday += dt.timedelta(weeks=1)
    legend = f"{MARK}表示截止时间（当天前完成）；活动时间为{chinese.month_day(start)}至{chinese.month_day(end)}。"
    return {"weekdays": WEEKDAY_HEADERS, "weeks": weeks, "legend": legend}
