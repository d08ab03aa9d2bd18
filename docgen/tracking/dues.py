"""When each deadline falls due, who owes it, and the folder its returns are saved into.

The numbering here is the one every later report uses (the status, the reminders, a weekly
digest): week N of a weekly deadline is the N-th time it falls due inside the campaign period,
and runs from the day after the previous due day (or the period's first day) to its due day;
the days after the last due day inside the period make a last, shorter week, due on the
deadline's next day after the period. A due day that is a day off (a weekend, a holiday break)
moves to the working day before, as the task sheets' calendars say (提前至4月30日): that moved
day is the one every later report shows and counts lateness by; the week keeps its span.
Everything here is a pure function of the plan.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import PurePosixPath

from docgen import chinese
from docgen.calendar import workdays
from docgen.errors import Finding, UnknownDeadlineError
from docgen.plan.model import Deadline, Plan, Unit
from docgen.rendering.filenames import safe_stem


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


def owing_units(plan: Plan, key: str) -> list[Unit]:
    """The units that owe the deadline ``key``, in registry order.

    Those a task or requirement makes responsible and the deadline concerns (all of them, or the
    units of its task); neither the issuer nor the unit it is handed to owes it to itself.
    """
    deadline = plan.deadlines[key]
    exempt = {plan.issuer, deadline.to}
    return [
        unit
        for unit in plan.responsible_units()
        if unit.id not in exempt and any(name == key for name, _ in plan.deadlines_of(unit.id))
    ]


def deadline_folder(plan: Plan, key: str) -> PurePosixPath:
    """The folder inside a returns folder for a deadline: 上报活动安排表（5月9日前）, or the action for a weekly one."""
    deadline = plan.deadlines[key]
    if deadline.date is None:
        return PurePosixPath(safe_stem(deadline.action))
    return PurePosixPath(safe_stem(f"{deadline.action}（{chinese.month_day(deadline.date)}前）"))


def returns_folder(plan: Plan, due: Due) -> PurePosixPath:
    """Where the returns for ``due`` are saved, relative to the returns folder.

    A dated deadline: its folder. A weekly one: one folder per week inside the deadline's,
    named ``第N周（M月D日至M月D日）``.
    """
    folder = deadline_folder(plan, due.key)
    return folder if due.week is None else folder / safe_stem(due.label)


def form_deadline(plan: Plan) -> str | None:
    """The dated deadline by which the 活动安排 form is returned: the first whose action names the form."""
    for key, deadline in plan.deadlines.items():
        if deadline.date is not None and plan.form is not None and plan.form.title in deadline.action:
            return key
    return None
