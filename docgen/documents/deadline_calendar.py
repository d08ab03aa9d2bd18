"""The plan's period and deadlines as an iCalendar file for phone and desktop calendars."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from icalendar import Event

from docgen import chinese
from docgen.calendar.ics import event_uid, holiday_label, new_calendar, new_event
from docgen.documents.deadlines import deadline_text, planned_day
from docgen.plan.dues import dues
from docgen.plan.model import Deadline, Plan, Unit


def deadlines_calendar(plan: Plan, stamp: dt.datetime, unit: Unit | None = None) -> bytes:
    """The plan's period and deadlines (all of them, or those of one unit); weekly ones recur.

    ``plan`` must be resolved. Each time a deadline falls due is an event of its own on the day
    it is due (``docgen.plan.dues``: a day off moved to the working day before, a weekly one's
    last part-week due after the period), so that the calendar, the task sheets and the status
    give the same dates.
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
    """One all-day event each time the deadline falls due, on the day the status counts by (``plan.dues``).

    A weekly one has an event per week, the last part-week's too (due after the period); a due
    day off is moved to the working day before, and the description says so.
    """
    description = [deadline_text(deadline), *([to_whom] if to_whom else [])]
    if deadline.task is not None:
        task = next((t for t in plan.tasks if t.id == deadline.task), None)
        if task is not None:
            description.append(f"承担“{task.title}”任务的部门报送")
    for due in dues(plan, key):
        lines = list(description)
        if due.week is not None:
            lines.append(f"本次报送{chinese.month_day(due.start)}至{chinese.month_day(due.last)}的情况")
        planned = planned_day(due)
        if planned != due.day:
            label = holiday_label(planned)
            off = f"在{label}假期内" if label else f"（{chinese.weekday_of(planned)}）休息"
            lines.append(f"{chinese.month_day(planned)}{off}，提前至{chinese.month_day(due.day)}")
        summary = f"截止：{deadline.action}" + (f"（第{due.week}周）" if due.week is not None else "")
        event = new_event(event_uid(plan.year, plan.campaign, "deadline", key, due.week or ""), summary, stamp)
        event.add("dtstart", due.day)
        event.add("dtend", due.day + dt.timedelta(days=1))
        event.add("description", "\n".join(lines))
        yield event


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
