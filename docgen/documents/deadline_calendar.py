"""The plan's period and deadlines as an iCalendar file for phone and desktop calendars."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from icalendar import Event

from docgen import chinese
from docgen.calendar.ics import WEEKDAY_CODES, event_uid, holiday_label, new_calendar, new_event
from docgen.documents.deadlines import deadline_text
from docgen.plan.model import Deadline, Plan, Unit


def deadlines_calendar(plan: Plan, stamp: dt.datetime, unit: Unit | None = None) -> bytes:
    """The plan's period and deadlines (all of them, or those of one unit); weekly ones recur.

    ``plan`` must be resolved. A weekly deadline recurs every week from its first day in the
    period until the period ends; occurrences in a public holiday are named in its description
    and marked on their own day by an overriding instance.
    """
    calendar = new_calendar(f"{plan.year}年“{plan.campaign}”时间节点")
    start, end = plan.period.start, plan.period.end
    period = new_event(event_uid(plan.year, plan.campaign, "period"), f"{plan.campaign}活动期间", stamp)
    period.add("dtstart", start)
    period.add("dtend", end + dt.timedelta(days=1))
    period.add(
        "description",
        f"{plan.notice_title}：{chinese.month_day(start)}至{chinese.month_day(end)}"
        + (f"，{plan.theme}" if plan.theme else ""),
    )
    calendar.add_component(period)
    deadlines = plan.deadlines_of(unit.id) if unit is not None else list(plan.deadlines.items())
    contact = plan.contact
    to_whom = ""
    if contact is not None:
        reach = "，".join(
            f"{label}：{value}" for label, value in (("电话", contact.phone), ("邮箱", contact.email)) if value
        )
        to_whom = f"报送至{plan.unit(contact.unit).name}{contact.name}" + (f"（{reach}）" if reach else "")
    for key, deadline in deadlines:
        for event in _deadline_events(plan, key, deadline, to_whom, stamp):
            calendar.add_component(event)
    return bytes(calendar.to_ical())


def _deadline_events(plan: Plan, key: str, deadline: Deadline, to_whom: str, stamp: dt.datetime) -> Iterable[Event]:
    uid = event_uid(plan.year, plan.campaign, "deadline", key)
    summary = f"截止：{deadline.action}"
    description = [deadline_text(deadline), *([to_whom] if to_whom else [])]
    if deadline.task is not None:
        task = next((t for t in plan.tasks if t.id == deadline.task), None)
        if task is not None:
            description.append(f"承担“{task.title}”任务的部门报送")
    if deadline.date is not None:
        event = new_event(uid, summary, stamp)
        event.add("dtstart", deadline.date)
        event.add("dtend", deadline.date + dt.timedelta(days=1))
        label = holiday_label(deadline.date)
        if label:
            description.append(f"注意：{chinese.month_day(deadline.date)}在{label}假期内")
        event.add("description", "\n".join(description))
        yield event
        return
    days = list(deadline.days(plan.period.start, plan.period.end))
    if not days:
        return
    assert deadline.weekday is not None
    holidays = [(day, label) for day in days if (label := holiday_label(day))]
    for day, label in holidays:
        description.append(f"注意：{chinese.month_day(day)}（{chinese.weekday_of(day)}）在{label}假期内")
    event = new_event(uid, summary, stamp)
    event.add("dtstart", days[0])
    event.add("dtend", days[0] + dt.timedelta(days=1))
    event.add("rrule", {"freq": "weekly", "byday": WEEKDAY_CODES[deadline.weekday - 1], "until": plan.period.end})
    event.add("description", "\n".join(description))
    yield event
    for day, label in holidays:
        note = new_event(uid, f"{summary}（{label}假期）", stamp)
        note.add("recurrence-id", day)
        note.add("dtstart", day)
        note.add("dtend", day + dt.timedelta(days=1))
        note.add("description", "\n".join([*description, f"本次（{chinese.month_day(day)}）在{label}假期内"]))
        yield note


def write_calendar(path: Path, data: bytes, *, force: bool = False, plan_path: Path | None = None) -> None:
    """Write an .ics file, recorded in its folder's output manifest as every docgen writer does.

    A file already there is replaced only when docgen wrote it and nobody changed it since,
    or with ``force``; never the plan (``plan_path``) it was made from.
    """
    from docgen.rendering.outputs import check_targets, commit, staging

    folder, name = path.parent, PurePosixPath(path.name)
    check_targets(folder, [name], force=force, inputs=[plan_path])
    with staging(folder) as stage:
        (stage / name).write_bytes(data)
        commit(folder, stage, {name: "calendar"}, replaced_kinds=set(), force=force)
