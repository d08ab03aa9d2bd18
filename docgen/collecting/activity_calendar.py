"""The collected activities as an iCalendar file: one event per activity, all-day or timed."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from icalendar import Event

from docgen.calendar.ics import TZID, event_uid, new_calendar, new_event
from docgen.collecting.forms import Activity, Collection


def activities_calendar(collection: Collection, stamp: dt.datetime) -> bytes:
    """One event per collected activity, all-day or timed, with place, unit and contact."""
    plan = collection.plan
    calendar = new_calendar(f"{plan.form_title}汇总")
    seen: dict[str, int] = {}
    zone = ZoneInfo(TZID)
    for activity in collection.activities:
        base = event_uid(plan.year, plan.campaign, activity.unit.id, activity.task, activity.when, activity.content)
        seen[base] = seen.get(base, 0) + 1
        uid = base if seen[base] == 1 else base.replace("@", f"-{seen[base]}@")
        event = new_event(uid, activity.content or activity.task_title, stamp)
        _add_when(event, activity, zone)
        if activity.place:
            event.add("location", activity.place)
        event.add("description", _description(activity))
        event.add("categories", [activity.task_title])
        calendar.add_component(event)
    return bytes(calendar.to_ical())


def _add_when(event: Event, activity: Activity, zone: ZoneInfo) -> None:
    when = activity.when
    if when.start_time is None:
        event.add("dtstart", when.start)
        event.add("dtend", when.end + dt.timedelta(days=1))
        return
    start = dt.datetime.combine(when.start, when.start_time, zone)
    event.add("dtstart", start)
    if when.end_time is not None:
        event.add("dtend", dt.datetime.combine(when.start, when.end_time, zone))
    if when.end > when.start:
        last = dt.datetime.combine(when.end, when.end_time or when.start_time, zone)
        event.add("rrule", {"freq": "daily", "until": last.astimezone(dt.UTC)})


def _description(activity: Activity) -> str:
    lines = [
        f"活动项目：{activity.task_title}",
        f"上报部门：{activity.unit.name}",
        f"负责部门：{activity.department}",
        f"负责人或联络人：{activity.person}",
        f"联系电话：{activity.phone}",
        f"活动时间（原文）：{activity.time_text}",
    ]
    return "\n".join(lines)
