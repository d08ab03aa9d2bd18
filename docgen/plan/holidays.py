"""The review list: what a person must still decide about a plan's dates and year-bound text.

An item is a ``Finding`` (severity warning, edit or note), so its words come from
``docgen.messages`` in the user's language. ``holiday_review`` looks at a plan's dates
against China's working-day calendar; ``docgen check`` shows its warnings (its notes with
``--notes``) and ``docgen new-year`` lists them with the items about the old year's text.
A warning asks the office to act (a notice dated on a holiday); a note is a fact of the
calendar that docgen's documents already say (a weekly report moved before a holiday).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from docgen.calendar import workdays
from docgen.errors import Finding, Severity
from docgen.plan.checks import MAX_CALENDAR_DAYS
from docgen.plan.model import Plan
from docgen.plan.sourcemap import PlanPath, SourceMap, Unlocated, dotted

# English names whatever the process's locale (``calendar.day_name`` follows LC_TIME); messages translate them
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def holiday_review(plan: Plan, source: SourceMap) -> list[Finding]:
    """Dates on days off or on 调休 working days, weekly deadlines in holiday breaks, unknown years."""
    findings = [*_dates(plan), *_weekly_deadlines(plan), *_unknown_arrangements(plan)]
    return [locate(source, *finding) for finding in findings]


def locate(source: SourceMap, path: PlanPath, code: str, params: dict[str, Any], kind: Severity) -> Finding:
    """A finding at a dotted path as an item at that value's line and column."""
    line, column = source.locate(path)
    return Finding(code, params, source.file, line, column, dotted(path) or None, kind)


def _day_params(day: dt.date) -> dict[str, Any]:
    return {"date": day, "weekday": WEEKDAYS[day.weekday()], "holiday": workdays.holiday_name(day) or ""}


def _dates(plan: Plan) -> Iterator[Unlocated]:
    """A document's date or a deadline should be a working day; the period's ends are noted."""
    for path, day in plan.dates():
        if path[0] != "period":
            yield from _day_off(path, day, "deadline" if path[0] == "deadlines" else "date")
        elif workdays.is_holiday(day):
            yield path, "period-in-holiday", {**_day_params(day), "end": path[1]}, Severity.NOTE
        elif workdays.is_adjusted_workday(day):
            yield path, "adjusted-workday", _day_params(day), Severity.NOTE


def _day_off(path: PlanPath, day: dt.date, what: str) -> Iterator[Unlocated]:
    """A document date or deadline on a day off, with the working day before it suggested."""
    params = {**_day_params(day), "suggestion": workdays.previous_workday(day)}
    if workdays.is_holiday(day):
        yield path, f"{what}-in-holiday", params, Severity.WARNING
    elif not workdays.is_workday(day):
        yield path, f"{what}-on-weekend", params, Severity.WARNING
    elif workdays.is_adjusted_workday(day):
        yield path, "adjusted-workday", _day_params(day), Severity.NOTE


def _weekly_deadlines(plan: Plan) -> Iterator[Unlocated]:
    """Occurrences of a weekly deadline within the period that fall on a day off (notes).

    The task sheets' calendars move each such day to the working day before (提前至4月30日),
    so the units are told; the office need not act.
    """
    start, end = plan.period.start, plan.period.end
    if (end - start).days > MAX_CALENDAR_DAYS:  # an error of its own (calendar-too-long): not 400,000 notes
        return
    for key, deadline in plan.deadlines.items():
        if deadline.weekday is None:
            continue
        path = ("deadlines", key, "weekday")
        if deadline.weekday > 5:
            yield (
                path,
                "weekly-deadline-weekend",
                {"weekday": WEEKDAYS[deadline.weekday - 1]},
                Severity.WARNING,
            )
            continue
        for day in deadline.days(start, end):
            if not workdays.is_workday(day):
                params = {**_day_params(day), "suggestion": workdays.previous_workday(day)}
                yield path, "weekly-deadline-in-holiday", params, Severity.NOTE


def _unknown_arrangements(plan: Plan) -> Iterator[Unlocated]:
    """A plain statement for each year whose official arrangement is not published yet."""
    years = sorted(
        {plan.year, plan.period.start.year, plan.period.end.year} | ({plan.issued.year} if plan.issued else set())
    )
    for year in sorted(years):
        if not workdays.official_arrangement_known(year):
            yield ("year",), "arrangement-unknown", {"year": year}, Severity.NOTE
