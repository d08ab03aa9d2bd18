"""iCalendar files phone and desktop calendars import: collected activities, and a plan's deadlines.

Timed events are in Asia/Shanghai with a VTIMEZONE in the file (China has kept UTC+8 without
daylight saving since 1991, so one STANDARD rule is exact); days are all-day events. UIDs come
from what an event is, not from when it was written, so importing a newer file updates events
instead of doubling them. ``stamp`` (DTSTAMP) is given by the caller: the library reads no clock.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from pathlib import Path, PurePosixPath
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, Timezone, TimezoneStandard

from docgen import __version__, chinese
from docgen.collecting import Activity, Collection
from docgen.deadlines import deadline_text, occurrences
from docgen.plan import Deadline, Plan, Unit
from docgen.workdays import holiday_name, is_workday

TZID = "Asia/Shanghai"
PRODID = f"-//docgen//docgen {__version__}//ZH"
WEEKDAY_CODES = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
HOLIDAY_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "抗战胜利纪念日",
    # the holidays package's names, for years whose official arrangement is not published yet
    "Chinese New Year (Spring Festival)": "春节",
    "Chinese New Year's Eve": "除夕",
    "Tomb-Sweeping Day": "清明节",
    "Labor Day": "劳动节",
    "Mid-Autumn Festival": "中秋节",
}


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", TZID)
    timezone = Timezone()
    timezone.add("tzid", TZID)
    standard = TimezoneStandard()
    standard.add("dtstart", dt.datetime(1970, 1, 1))
    standard.add("tzoffsetfrom", dt.timedelta(hours=8))
    standard.add("tzoffsetto", dt.timedelta(hours=8))
    standard.add("tzname", "CST")
    timezone.add_component(standard)
    calendar.add_component(timezone)
    return calendar


def _uid(*parts: object) -> str:
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:24]
    return f"{digest}@docgen"


def _event(uid: str, summary: str, stamp: dt.datetime) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp.astimezone(dt.UTC))
    event.add("summary", summary)
    return event


def holiday_label(day: dt.date) -> str | None:
    """The Chinese name of the public holiday break ``day`` is off in, e.g. 劳动节; None on other days."""
    if is_workday(day):
        return None
    name = holiday_name(day)
    return HOLIDAY_NAMES.get(name, name) if name else None


def activities_calendar(collection: Collection, stamp: dt.datetime) -> bytes:
    """One event per collected activity, all-day or timed, with place, unit and contact."""
    plan = collection.plan
    calendar = _calendar(f"{plan.form_title}汇总")
    seen: dict[str, int] = {}
    zone = ZoneInfo(TZID)
    for activity in collection.activities:
        base = _uid(plan.year, plan.campaign, activity.unit.id, activity.task, activity.when, activity.content)
        seen[base] = seen.get(base, 0) + 1
        uid = base if seen[base] == 1 else base.replace("@", f"-{seen[base]}@")
        event = _event(uid, activity.content or activity.task_title, stamp)
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


def deadlines_calendar(plan: Plan, stamp: dt.datetime, unit: Unit | None = None) -> bytes:
    """The plan's period and deadlines (all of them, or those of one unit); weekly ones recur.

    ``plan`` must be resolved. A weekly deadline recurs every week from its first day in the
    period until the period ends; occurrences in a public holiday are named in its description
    and marked on their own day by an overriding instance.
    """
    calendar = _calendar(plan.form_title.replace(plan.form.title, "时间节点"))
    start, end = plan.period.start, plan.period.end
    period = _event(_uid(plan.year, plan.campaign, "period"), f"{plan.campaign}活动期间", stamp)
    period.add("dtstart", start)
    period.add("dtend", end + dt.timedelta(days=1))
    period.add(
        "description", f"{plan.notice_title}：{chinese.month_day(start)}至{chinese.month_day(end)}，{plan.theme}"
    )
    calendar.add_component(period)
    deadlines = plan.deadlines_of(unit.id) if unit is not None else list(plan.deadlines.items())
    contact = plan.contact
    to_whom = f"报送至{plan.unit(contact.unit).name}{contact.name}（电话：{contact.phone}，邮箱：{contact.email}）"
    for key, deadline in deadlines:
        for event in _deadline_events(plan, key, deadline, to_whom, stamp):
            calendar.add_component(event)
    return bytes(calendar.to_ical())


def _deadline_events(plan: Plan, key: str, deadline: Deadline, to_whom: str, stamp: dt.datetime) -> Iterable[Event]:
    uid = _uid(plan.year, plan.campaign, "deadline", key)
    summary = f"截止：{deadline.action}"
    description = [deadline_text(deadline), to_whom]
    if deadline.task is not None:
        task = next((t for t in plan.tasks if t.id == deadline.task), None)
        if task is not None:
            description.append(f"承担“{task.title}”任务的部门报送")
    if deadline.date is not None:
        event = _event(uid, summary, stamp)
        event.add("dtstart", deadline.date)
        event.add("dtend", deadline.date + dt.timedelta(days=1))
        label = holiday_label(deadline.date)
        if label:
            description.append(f"注意：{chinese.month_day(deadline.date)}在{label}假期内")
        event.add("description", "\n".join(description))
        yield event
        return
    days = list(occurrences(deadline, plan.period.start, plan.period.end))
    if not days:
        return
    assert deadline.weekday is not None
    holidays = [(day, label) for day in days if (label := holiday_label(day))]
    for day, label in holidays:
        description.append(f"注意：{chinese.month_day(day)}（{chinese.weekday_of(day)}）在{label}假期内")
    event = _event(uid, summary, stamp)
    event.add("dtstart", days[0])
    event.add("dtend", days[0] + dt.timedelta(days=1))
    event.add("rrule", {"freq": "weekly", "byday": WEEKDAY_CODES[deadline.weekday - 1], "until": plan.period.end})
    event.add("description", "\n".join(description))
    yield event
    for day, label in holidays:
        note = _event(uid, f"{summary}（{label}假期）", stamp)
        note.add("recurrence-id", day)
        note.add("dtstart", day)
        note.add("dtend", day + dt.timedelta(days=1))
        note.add("description", "\n".join([*description, f"本次（{chinese.month_day(day)}）在{label}假期内"]))
        yield note


def write_calendar(path: Path, data: bytes, *, force: bool = False) -> None:
    """Write an .ics file, recorded in its folder's output manifest as every docgen writer does.

    A file already there is replaced only when docgen wrote it and nobody changed it since,
    or with ``force``.
    """
    from docgen.outputs import check_targets, commit, staging

    folder, name = path.parent, PurePosixPath(path.name)
    check_targets(folder, [name], force=force)
    with staging(folder) as stage:
        (stage / name).write_bytes(data)
        commit(folder, stage, {name: "calendar"}, replaced_kinds=set())
