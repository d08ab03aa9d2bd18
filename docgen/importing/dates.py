"""Days as people write them in a notice: one day, a range, a part of a month, with the year or month left out.

``2021年5月25-28日``, ``2021 年 5 月 22 日—28 日``, ``12月20日至2024年1月10日``, ``5月上旬至6月上旬``,
``4月中旬``, ``5月底``, ``2023年4月``, ``9月17日（周六）``, full-width digits and dashes alike. A part of
a month is read as days (上旬 1-10, 中旬 11-20, 下旬 and 月底 21 to the end, 月初 1-10, a month alone
all of it), and the words read that way are returned with the days, for the review to name.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field

_WEEKDAY = r"(?:\s*[（(]\s*(?:周|星期)[一二三四五六日天]\s*[）)])?"
_PART = r"上旬|中旬|下旬|初|底|末"
_FIRST = re.compile(
    rf"(?:(?P<y>\d{{4}})\s*年\s*)?(?P<m>\d{{1,2}})\s*月\s*(?:(?P<d>\d{{1,2}})\s*(?P<ri>[日号])?|(?P<p>{_PART}))?"
    + _WEEKDAY
)
_SEPARATOR = re.compile(r"\s*(?:至|到|[-—–~～－―]+)\s*")
_SECOND = re.compile(
    rf"(?:(?P<y>\d{{4}})\s*年\s*)?(?:(?P<m>\d{{1,2}})\s*月\s*)?(?:(?P<d>\d{{1,2}})\s*(?P<ri>[日号])|(?P<p>{_PART}))?"
    + _WEEKDAY
)
_FROM_TODAY = re.compile(r"(?:即日起|从即日起|自即日起|从今日起|自今日起)[，,]?\s*(?:至|到|-|—|～)?\s*")
_PART_DAYS = {"上旬": (1, 10), "初": (1, 10), "中旬": (11, 20), "下旬": (21, 31), "底": (21, 31), "末": (21, 31)}
_TIME_OF_DAY = re.compile(
    r"^\s*(?:(?:上午|下午|中午|晚上|晚|早上|全天)\s*)?(?:\d{1,2}\s*[:：]\s*\d{2}(?:\s*[-—–~～至]\s*\d{1,2}\s*[:：]\s*\d{2})?"
    r"|\d{1,2}\s*(?:点|时)(?:\s*\d{1,2}\s*分|半)?)?"
)


@dataclass(frozen=True)
class Point:
    """One written day: which parts the text gives (year, month, day or part of a month)."""

    year: int | None
    month: int | None
    day: int | None
    part: str | None
    weekday: bool
    day_word: bool = True  # 日 written after the day (5月25-28日 leaves it out of the first)


@dataclass
class Span:
    """Days read from a text: the first and last, where they were written, and what was assumed."""

    start: dt.date
    end: dt.date
    at: tuple[int, int]
    points: list[Point]
    separator: str = ""
    guesses: list[str] = field(default_factory=list)
    from_today: bool = False
    next_year: bool = False

    def written(self, text: str) -> str:
        """The words of ``text`` the span was read from."""
        return text[self.at[0] : self.at[1]]

    @property
    def exact(self) -> bool:
        """Days as written, nothing assumed."""
        return not self.guesses and not self.from_today


def _point(match: re.Match[str]) -> Point:
    def number(name: str) -> int | None:
        return int(match.group(name)) if match.group(name) else None

    weekday = bool(re.search(r"[（(]", match.group(0)))
    return Point(number("y"), number("m"), number("d"), match.group("p"), weekday, bool(match.group("ri")))


def spans(text: str, year: int, *, today: dt.date | None = None, near: dt.date | None = None) -> list[Span]:
    """Every day or range in ``text``, in order; ``year`` where the text leaves it out.

    ``today`` is the day 即日起 means (the notice's date); ``near`` a day the dates are close to
    (the period's start), so that 1月5日 after a December start is read in the next year.
    """
    found: list[Span] = []
    at = 0
    while at < len(text):
        span = _span_at(text, at, year, today, near)
        if span is None:
            break
        found.append(span)
        at = span.at[1]
    return found


def first_span(text: str, year: int, *, today: dt.date | None = None, near: dt.date | None = None) -> Span | None:
    """The first day or range in ``text``, or None."""
    return _span_at(text, 0, year, today, near)


def _span_at(text: str, at: int, year: int, today: dt.date | None, near: dt.date | None) -> Span | None:
    while True:
        start_today = _FROM_TODAY.search(text, at) if today is not None else None
        first = _FIRST.search(text, at)
        if start_today is not None and (first is None or start_today.start() < first.start()):
            second = _SECOND.match(text, start_today.end())
            if second is not None and second.group(0) and (second.group("m") or second.group("y")):
                return _from_today(start_today, second, year, today)  # type: ignore[arg-type]
        if first is None:
            return None
        span = _read(text, first, year, near)
        if span is not None:
            return span
        at = first.end() if first.end() > at else at + 1


def _from_today(words: re.Match[str], second: re.Match[str], year: int, today: dt.date) -> Span | None:
    end_point = _point(second)
    end = _last_day(end_point, today.year if end_point.year is None else end_point.year, end_point.month or 1)
    if end is None or end < today:
        return None
    guesses = [end_point.part] if end_point.part else []
    return Span(today, end, (words.start(), second.end()), [end_point], "", guesses, from_today=True)


def _read(text: str, first: re.Match[str], year: int, near: dt.date | None) -> Span | None:
    point = _point(first)
    if point.month is None or not 1 <= point.month <= 12:
        return None
    start_year = point.year or year
    separator = _SEPARATOR.match(text, first.end())
    second = _SECOND.match(text, separator.end()) if separator else None
    if second is not None and not (second.group("m") or second.group("d") or second.group("p")):
        second = None
    if point.day is not None and first.group("ri") is None and second is None:
        return None  # 5月25 without 日 and not a range: not a day
    start = _first_day(point, start_year)
    if start is None:
        return None
    guesses = [_words(point)] if point.day is None else []
    next_year = False
    if point.year is None and near is not None and (near - start).days > 180:
        start, next_year = start.replace(year=start.year + 1), True
    if second is None or separator is None:
        end = _last_day(point, start.year, point.month) if point.day is None else start
        if end is None:
            return None
        return Span(start, end, (first.start(), first.end()), [point], "", guesses, next_year=next_year)
    end_point = _point(second)
    end_year = end_point.year or start.year
    end = _last_day(end_point, end_year, end_point.month or point.month)
    if end is None:
        return None
    if end < start and end_point.year is None and end_point.month is not None:
        end = _last_day(end_point, end_year + 1, end_point.month)
    if end is None or end < start:
        return None
    if end_point.day is None:
        guesses.append(_words(end_point, point.month))
    at = (first.start(), second.end())
    return Span(start, end, at, [point, end_point], separator.group(0).strip(), guesses, next_year=next_year)


def _words(point: Point, month: int | None = None) -> str:
    """How the text names a part of a month: 4月中旬, 5月底, 2023年4月."""
    month_text = f"{point.month or month}月"
    return month_text + (point.part or "") if point.part else month_text


def _first_day(point: Point, year: int) -> dt.date | None:
    assert point.month is not None
    day = point.day if point.day is not None else _PART_DAYS[point.part][0] if point.part else 1
    try:
        return dt.date(year, point.month, day)
    except ValueError:
        return None


def _last_day(point: Point, year: int, month: int) -> dt.date | None:
    length = calendar.monthrange(year, month)[1] if 1 <= month <= 12 else 0
    if point.day is not None:
        day = point.day
    elif point.part:
        day = min(_PART_DAYS[point.part][1], length)
    else:
        day = length
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def time_after(text: str) -> str:
    """The time of day at the start of ``text`` (上午9:00, 下午, 14:30-16:00), or ''."""
    match = _TIME_OF_DAY.match(text)
    return match.group(0).strip() if match else ""


def wording(span: Span, text: str, name: str = "period") -> str:
    """The written span as Jinja text over ``name``'s start and end: 2021年5月22日—28日 -> placeholders."""
    written = span.written(text)
    if span.from_today:
        start_words = _FROM_TODAY.match(written)
        assert start_words is not None
        return written[: start_words.end()] + _placeholder(span.points[0], f"{name}.end", f"{name}.start")
    first = _placeholder(span.points[0], f"{name}.start", None)
    if len(span.points) == 1:
        return first
    return first + span.separator + _placeholder(span.points[1], f"{name}.end", f"{name}.start")


def _placeholder(point: Point, day: str, other: str | None) -> str:
    weekday = f"（{{{{ {day} | weekday }}}}）" if point.weekday else ""
    if point.day is not None and not point.day_word:  # 5月25-28日: the first day without 日
        year = f"{{{{ {day}.year }}}}年" if point.year is not None else ""
        return f"{year}{{{{ {day}.month }}}}月{{{{ {day}.day }}}}{weekday}"
    if point.day is not None:
        if point.year is not None:
            return f"{{{{ {day} | ymd }}}}{weekday}"
        if point.month is not None or other is None:
            return f"{{{{ {day} | md }}}}{weekday}"
        return f"{{{{ {day}.day }}}}日{weekday}"
    year = f"{{{{ {day}.year }}}}年" if point.year is not None else ""
    month = f"{{{{ {day}.month }}}}月" if point.month is not None else ""
    return year + month + (point.part or "")
