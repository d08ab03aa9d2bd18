"""Deadlines in words and on a calendar: what task sheets tell each unit about "when"."""

from __future__ import annotations

import datetime as dt
import itertools
import math
import re
from typing import Any

from docgen import chinese
from docgen.calendar import workdays
from docgen.documents.layout import period_text
from docgen.plan.dues import Due, dues
from docgen.plan.model import Deadline, Plan

WEEKDAY_HEADERS = ["一", "二", "三", "四", "五", "六", "日"]
MARK = "★"
DAY_OFF, WORKED = "休", "班"  # as Chinese wall calendars mark a holiday break and a 调休 working day


def deadline_text(deadline: Deadline, *, receiver: bool = False, last: dt.date | None = None) -> str:
    """5月9日（周四）前上报活动安排表, or 每周三前报送本周活动开展情况; ``how`` follows a comma.

    For the unit a deadline is handed to (``receiver``), it says what comes in:
    5月9日（周四）前各部门向本部门上报活动安排表. ``last`` is a weekly deadline's last due day
    when that falls after the period (``last_due_after``): 每周三前报送本周活动开展情况（最后一次5月29日前）.
    """
    time = (deadline.time or "").removesuffix("前")
    if deadline.date is not None:
        when = f"{chinese.month_day(deadline.date)}（{chinese.weekday_of(deadline.date)}）{time}前"
    else:
        assert deadline.weekday is not None
        when = f"每{chinese.weekday_name(deadline.weekday)}{time}前"
    text = when + ("各部门向本部门" if receiver else "") + deadline.action
    if last is not None and deadline.date is None:
        text += f"（最后一次{chinese.month_day(last)}前）"
    if deadline.how:
        text += "，" + deadline.how
    return text


def last_due_after(plan: Plan, key: str) -> dt.date | None:
    """The day a weekly deadline's last part-week is due, when the period ends before it (5月29日); else None."""
    found = dues(plan, key)
    if not found or found[-1].week is None or found[-1].day <= plan.period.end:
        return None
    return found[-1].day


def planned_day(due: Due) -> dt.date:
    """The day the plan names for ``due`` (its date, or its weekday on or after the week's last day)."""
    return next(due.deadline.days(due.last, due.last + dt.timedelta(days=6)))


def _mark(due: Due) -> str:
    """A due's mark on the calendar: one moved off a day off to the working day before is marked 提前."""
    if planned_day(due) == due.day:
        return MARK + due.deadline.action
    return f"{MARK}{due.deadline.action}（{EARLIER}）"


# The marks' cell: a seventh of the 156 mm line less the cell margins (85 twips a side), in 9 pt characters.
CELL_CHARS = int((8845 / 7 - 2 * 85) / (9 * 20))
EARLIER = "提前"
CUT_COST = 3  # what cutting a mark between two characters costs, against lines that differ by a character
_NUMBERS = re.compile(r"\d+月\d+日|\d+")  # a date, a number: never cut
MAX_CUT_CHOICES = 20_000  # ways to cut a mark weighed one by one; past it, lines are filled in turn
_WHOLE = re.compile(rf"（[^（）]*）|{_NUMBERS.pattern}")  # nor, where it fits, a bracketed phrase


def cell_lines(items: list[str], chars: float = CELL_CHARS) -> str:
    """A calendar cell's marks as lines (joined by newlines, which become line breaks).

    Each mark starts a line of its own; a long one breaks where it must, never inside a
    bracketed phrase, a date or a number, and never leaving one character alone on its last
    line: the lines of a broken mark are made as even as they can be.
    """
    return "\n".join(line for item in items for line in _broken(item, chars))


def _broken(text: str, chars: float) -> list[str]:
    if chinese.text_width(text) <= chars:
        return [text]
    for whole in (_WHOLE, _NUMBERS):  # a bracketed phrase wider than the cell is all that may be cut
        cuts = _cut_places(text, whole)
        for count in range(math.ceil(chinese.text_width(text) / chars), len(text) + 1):
            lines = _even_lines(text, cuts, count, chars)
            if lines is not None:
                return lines
    return [text]


def _even_lines(text: str, cuts: list[int], count: int, chars: float) -> list[str] | None:
    """``text`` in ``count`` lines no wider than ``chars``, cut only at ``cuts``, as even as may be.

    Every choice of cuts is weighed where there are few (a calendar cell's mark); a long text
    (a plan may name anything) is cut line by line near the even width instead, so that the
    work grows with the text and not with the number of ways to cut it.
    """
    if math.comb(len(cuts), count - 1) > MAX_CUT_CHOICES:
        return _filled_lines(text, cuts, count, chars)
    best: tuple[float, list[str]] | None = None
    for chosen in itertools.combinations(cuts, count - 1):
        lines = [text[a:b] for a, b in itertools.pairwise((0, *chosen, len(text)))]
        widths = [chinese.text_width(line) for line in lines]
        if max(widths) > chars or widths[-1] < 2:
            continue
        # even lines, and a bracketed phrase on a line of its own rather than a word cut
        score = max(widths) - min(widths) + sum(0 if text[c] == "（" else CUT_COST for c in chosen)
        if best is None or score < best[0]:
            best = (score, lines)
    return best[1] if best is not None else None


def _filled_lines(text: str, cuts: list[int], count: int, chars: float) -> list[str] | None:
    """``text`` in ``count`` lines cut at ``cuts``, each line ending at the cut nearest the even width."""
    target = chinese.text_width(text) / count
    lines: list[str] = []
    start = 0
    for _ in range(count - 1):
        fitting = [c for c in cuts if c > start and chinese.text_width(text[start:c]) <= chars]
        if not fitting:
            return None
        end = min(fitting, key=lambda c: abs(chinese.text_width(text[start:c]) - target))
        lines.append(text[start:end])
        start = end
    lines.append(text[start:])
    widths = [chinese.text_width(line) for line in lines]
    return lines if max(widths) <= chars and widths[-1] >= 2 else None


def _cut_places(text: str, whole: re.Pattern[str]) -> list[int]:
    """Where ``text`` may break: not inside a ``whole`` phrase, before a closing mark or after an opening one."""
    inside = {i for m in whole.finditer(text) for i in range(m.start() + 1, m.end())}
    return [
        i
        for i in range(1, len(text))
        if i not in inside and text[i] not in "，。、；：）》”" and text[i - 1] not in "（《“"
    ]


def calendar_grid(plan: Plan, deadlines: list[Deadline]) -> dict[str, Any]:
    """Weeks (Monday first) covering the campaign period and every time ``deadlines`` fall due, with marks.

    Each day is ``{"label", "marks"}``; days outside the period are left blank so the
    campaign stands out. The first day shown and each 1st of a month carry the month; days
    off in a holiday break are marked 休 and adjusted working days (调休) 班, as on a wall calendar,
    before the day's other marks, so that the day numbers stay on one line. Marks are laid out in
    lines that fit the cell (``cell_lines``).
    """
    start, end = plan.period.start, plan.period.end
    marks: dict[dt.date, list[str]] = {}
    marks.setdefault(start, []).append("活动开始")
    marks.setdefault(end, []).append("活动结束")
    for due in dues(plan):  # the days the status counts by: a weekly one's last part-week too
        if due.deadline in deadlines:
            marks.setdefault(due.day, []).append(_mark(due))
    first, last = min([start, *marks]), max([end, *marks])
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
            week.append({"label": label, "marks": cell_lines(kind + marks.get(day, [])) if shown else ""})
        weeks.append(week)
        monday += dt.timedelta(weeks=1)
    legend = (
        f"{MARK}为截止日，事项最迟在当天完成，遇节假日{EARLIER}；{DAY_OFF}为节假日放假，{WORKED}为调休上班；"
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
