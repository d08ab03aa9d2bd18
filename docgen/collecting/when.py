"""Dates and times as people write them in the 活动时间 column: read exactly, or refused.

Returned forms say "5月10日", "5.10", "2019/5/10", "5月10日-12日", "下午2点" and the like.
Every shape accepted here is unambiguous; anything else (5月中旬, 待定, two separate days)
raises ``WhenError`` so the row is reported, never guessed. A missing year is the plan's.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass


class WhenError(ValueError):
    """Raised when a 活动时间 text is not a date (or range) docgen can read for certain.

    ``code`` is the problem code: ``when-empty``, ``when-unreadable``, ``when-no-such-day``
    or ``when-reversed``.
    """

    def __init__(self, code: str, text: str) -> None:
        super().__init__(f"{code}: {text}")
        self.code = code
        self.text = text


@dataclass(frozen=True)
class When:
    """The days (both included) and, where given, the times of one activity."""

    start: dt.date
    end: dt.date
    start_time: dt.time | None = None
    end_time: dt.time | None = None

    @property
    def all_day(self) -> bool:
        """True when no time of day was written."""
        return self.start_time is None


_FULL_DATE = re.compile(
    r"(?P<y>\d{4})\s*(?:年\s*(?P<m1>\d{1,2})\s*月\s*(?P<d1>\d{1,2})\s*[日号]?"
    r"|(?P<sep>[./-])\s*(?P<m2>\d{1,2})\s*(?P=sep)\s*(?P<d2>\d{1,2}))"
)
_SHORT_DATE = re.compile(r"(?P<m>\d{1,2})\s*(?:月\s*(?P<d1>\d{1,2})\s*[日号]?|[./]\s*(?P<d2>\d{1,2})(?![\d:]))")
_DAY_ONLY = re.compile(r"(?P<d>\d{1,2})\s*(?:[日号]|(?=\s|$))")
_RANGE = re.compile(r"\s*(?:-+|—+|–+|~|〜|至|到)\s*")
_WEEKDAY = re.compile(r"[(（]?\s*(?:周|星期|礼拜)[一二三四五六日天]\s*[)）]?")
_PART_OF_DAY = re.compile(r"(?P<part>上午|早上|早晨|中午|下午|晚上|傍晚|晚)?\s*")
_TIME = re.compile(
    r"(?P<h>\d{1,2})\s*(?:[:：]\s*(?P<m>\d{2})"
    r"|[点时]\s*(?:(?P<half>半)|(?P<m2>\d{1,2})\s*分?)?)"
)
_AFTERNOON = {"下午", "晚上", "傍晚", "晚"}
_ALL_DAY_WORDS = re.compile(r"^(?:全天|上午|下午|晚上|中午|早上|整天)$")


def normalize(text: str) -> str:
    """Full-width digits and punctuation to ASCII (NFKC), weekday notes dropped, spaces collapsed."""
    text = unicodedata.normalize("NFKC", text)
    text = _WEEKDAY.sub(" ", text)
    return re.sub(r"\s+", " ", text).strip()


def parse_when(text: str, year: int) -> When:
    """The activity's days and times in ``text``; ``year`` fills a date written without one."""
    try:
        return _parse(normalize(text), year)
    except WhenError as exc:
        raise WhenError(exc.code, text) from None


def _parse(text: str, year: int) -> When:
    source = text
    if not text:
        raise WhenError("when-empty", source)
    start, pos = _date_at(text, 0, year)
    if start is None:
        raise WhenError("when-unreadable", source)
    end = start
    separator = _RANGE.match(text, pos)
    if separator:
        end_date, end_pos = _range_end(text, separator.end(), start, source)
        if end_date is not None:
            end, pos = end_date, end_pos
    start_time, end_time = _times(text[pos:], source)
    if end < start:
        raise WhenError("when-reversed", source)
    if start_time and end_time and end_time < start_time:
        raise WhenError("when-reversed", source)
    return When(start, end, start_time, end_time)


def _day(year: int, month: int, day: int, source: str) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise WhenError("when-no-such-day", source) from None


def _date_at(text: str, pos: int, year: int) -> tuple[dt.date | None, int]:
    """A full or month-day date at ``pos`` and where it ends; ``year`` fills a month-day."""
    full = _FULL_DATE.match(text, pos)
    if full:
        month = int(full["m1"] or full["m2"])
        day = int(full["d1"] or full["d2"])
        return _day(int(full["y"]), month, day, text), full.end()
    short = _SHORT_DATE.match(text, pos)
    if short:
        return _day(year, int(short["m"]), int(short["d1"] or short["d2"]), text), short.end()
    return None, pos


def _range_end(text: str, pos: int, start: dt.date, source: str) -> tuple[dt.date | None, int]:
    """The end of a date range after its separator (a full date, a month-day or a day alone), or None."""
    end, end_pos = _date_at(text, pos, start.year)
    if end is not None:
        return end, end_pos
    day_only = _DAY_ONLY.match(text, pos)
    if day_only and not _TIME.match(text, pos):
        return _day(start.year, start.month, int(day_only["d"]), source), day_only.end()
    return None, pos


def _times(rest: str, source: str) -> tuple[dt.time | None, dt.time | None]:
    """Start and end time in what follows the dates: "上午9:00-11:30", "14:30", "下午2点", or nothing."""
    rest = rest.strip(" ,，")
    if not rest or _ALL_DAY_WORDS.match(rest):
        return None, None
    start, pos = _time_at(rest, 0, None, source)
    if start is None:
        raise WhenError("when-unreadable", source)
    end = None
    separator = _RANGE.match(rest, pos)
    if separator:
        part_before = _part_of(rest, 0)
        end, pos = _time_at(rest, separator.end(), part_before, source)
        if end is None:
            raise WhenError("when-unreadable", source)
    if rest[pos:].strip():
        raise WhenError("when-unreadable", source)
    return start, end


def _part_of(text: str, pos: int) -> str | None:
    match = _PART_OF_DAY.match(text, pos)
    return match["part"] if match else None


def _time_at(text: str, pos: int, inherited_part: str | None, source: str) -> tuple[dt.time | None, int]:
    """One time of day at ``pos``, with an optional 上午/下午 before it (or the start's, for a range end)."""
    part_match = _PART_OF_DAY.match(text, pos)
    part = inherited_part
    if part_match:
        part = part_match["part"] or inherited_part
        pos = part_match.end()
    time = _TIME.match(text, pos)
    if time is None:
        return None, pos
    hour = int(time["h"])
    minute = 30 if time["half"] else int(time["m"] or time["m2"] or 0)
    if (part in _AFTERNOON and hour < 12) or (part == "中午" and hour < 6):
        hour += 12
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        raise WhenError("when-unreadable", source)
    return dt.time(hour, minute), time.end()
