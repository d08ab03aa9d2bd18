"""When each of the plan's deadlines falls due: the one list every document, calendar and report uses.

Week N of a weekly deadline is the N-th time it falls due inside the campaign period, and runs
from the day after the previous due day (or the period's first day) to its due day; the days
after the last due day inside the period make a last, shorter week, due on the deadline's next
day after the period. A due day that is a day off (a weekend, a holiday break) moves to the
working day before (提前至4月30日): that moved day is the one the task sheets' calendars, the
.ics calendar, the status and the reminders show and count lateness by; the week keeps its span.
Everything here is a pure function of the plan.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from docgen import chinese
from docgen.calendar import workdays
from docgen.errors import Finding, UnknownDeadlineError
from docgen.plan.model import Deadline, Plan


@dataclass(frozen=True)
class Due:
    """One time a deadline falls due: a dated deadline once, a weekly one once a week.

    ``week`` is None for a dated deadline; for a weekly one it counts from 1, and ``start`` to
    ``last`` (both included) is the week its returns report on. ``day`` is the day it is due:
    the plan's day (``end``), or the working day before where that is a day off.
    """

    key: str
    deadline: Deadline
    day: dt.date
    start: dt.date
    week: int | None = None
    end: dt.date | None = None

    @property
    def last(self) -> dt.date:
        """The last day of the week (the plan's due day, or the period's last day); for a dated deadline its date."""
        return self.end if self.end is not None else self.day

    @property
    def label(self) -> str:
        """第2周（5月2日至5月8日） for a week; 5月9日 for a dated deadline."""
        if self.week is None:
            return chinese.month_day(self.day)
        return week_label(self.week, self.start, self.last)

    @property
    def title(self) -> str:
        """What is due, with its week: 报送本周活动开展情况 第2周（5月2日至5月8日）."""
        return self.deadline.action if self.week is None else f"{self.deadline.action} {self.label}"


def week_label(week: int, start: dt.date, end: dt.date) -> str:
    """第N周（M月D日至M月D日）: the name of a week, and of its returns folder."""
    return f"第{week}周（{chinese.month_day(start)}至{chinese.month_day(end)}）"


def working_day(day: dt.date) -> dt.date:
    """The day something due on ``day`` is due: ``day`` itself, or the working day before a day off."""
    return day if workdays.is_workday(day) else workdays.previous_workday(day)


def weeks(plan: Plan, key: str) -> list[Due]:
    """The weeks of a weekly deadline, numbered from 1, covering every day of the period.

    The days after the last due day inside the period are a last week, due on the deadline's
    next day after the period.
    """
    deadline = plan.deadlines[key]
    found = []
    start, end = plan.period.start, plan.period.end
    for number, day in enumerate(deadline.days(start, end), 1):
        found.append(Due(key, deadline, working_day(day), start, number, day))
        start = day + dt.timedelta(days=1)
    if start <= end:
        after = next(deadline.days(end + dt.timedelta(days=1), end + dt.timedelta(days=7)))
        found.append(Due(key, deadline, working_day(after), start, len(found) + 1, end))
    return found


def dues(plan: Plan, key: str | None = None) -> list[Due]:
    """Every time the plan's deadlines (or the one named ``key``) fall due, in the plan's order.

    A dated deadline falls due once on its date, inside the period or not (a summary may be due
    after it); a weekly one once a week inside the period. ``UnknownDeadlineError`` names a ``key``
    the plan does not have.
    """
    if key is not None and key not in plan.deadlines:
        raise UnknownDeadlineError(
            [Finding("status-unknown-deadline", {"key": key, "known": ", ".join(plan.deadlines)})]
        )
    found: list[Due] = []
    for name, deadline in plan.deadlines.items():
        if key is not None and name != key:
            continue
        if deadline.date is not None:
            start = min(plan.period.start, deadline.date)
            found.append(Due(name, deadline, working_day(deadline.date), start, None, deadline.date))
        else:
            found.extend(weeks(plan, name))
    return found
