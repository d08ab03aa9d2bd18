"""The parts every .ics file docgen writes shares: the calendar with its time zone, events, UIDs.

Timed events are in Asia/Shanghai with a VTIMEZONE in the file (China has kept UTC+8 without
daylight saving since 1991, so one STANDARD rule is exact); days are all-day events. UIDs come
from what an event is, not from when it was written, so importing a newer file updates events
instead of doubling them. ``stamp`` (DTSTAMP) is given by the caller: the library reads no clock.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from icalendar import Calendar, Event, Timezone, TimezoneStandard

from docgen.calendar.workdays import holiday_name, is_workday
from docgen.version import __version__

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


def new_calendar(name: str) -> Calendar:
    """An empty calendar named ``name`` with the Asia/Shanghai time zone."""
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


def event_uid(*parts: object) -> str:
    """A UID made from what an event is, so that a newer file updates rather than doubles it."""
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:24]
    return f"{digest}@docgen"


def new_event(uid: str, summary: str, stamp: dt.datetime) -> Event:
    """An event with its UID, summary and DTSTAMP."""
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
