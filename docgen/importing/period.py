"""The campaign period: from a section about time, else the opening, else the tasks' days, else the issue date.

Each way is a source the review names, with the line it was read from; the words that wrote
the period become placeholders (``{{ period.start | ymd }}至{{ period.end | md }}``) where they
stand, so that next year's plan changes them with the period.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from docgen import chinese
from docgen.importing.dates import Span, first_span, spans, wording
from docgen.importing.lines import Paragraph
from docgen.importing.outline import Part
from docgen.importing.sections import kind_of, label_of, split_heading

DUE = ("报送", "截止", "申报", "提交", "报名")  # a time to hand something in is a deadline, not the period
SEPARATORS = ("至", "-", "—", "～")  # as docgen.plan.model.Period.separator allows; the default first


@dataclass
class PeriodFound:
    """The period, the line and the words it was read from, and which kind of place that is."""

    span: Span
    line: Paragraph
    text: str
    source: str  # time-section | opening

    @property
    def written(self) -> str:
        """The words that wrote the period."""
        return self.span.written(self.text)

    def template(self) -> str:
        """The written words as placeholders over the plan's period."""
        return wording(self.span, self.text)

    def plan_period(self) -> dict[str, Any]:
        """The plan's ``period``: the days, and how they are written where docgen would write them otherwise."""
        period: dict[str, Any] = {"start": self.span.start, "end": self.span.end}
        written = re.sub(r"\s+", "", self.written)
        start, end = self.span.start, self.span.end
        for mark in SEPARATORS:
            if start.year == end.year:
                plain = f"{chinese.month_day(start)}{mark}{chinese.month_day(end)}"
            else:
                plain = f"{chinese.full_date(start)}{mark}{chinese.full_date(end)}"
            if written == plain:
                if mark != SEPARATORS[0]:
                    period["separator"] = mark
                return period
        period["wording"] = self.template()
        return period


def time_lines(part: Part) -> list[Paragraph]:
    """The lines of a section about time (活动时间, 征集时间, 时间与主题), or its items titled so (2.活动时间。…)."""
    if part.heading is None:
        return [line for line in part.lines if line.level and "时间" in re.split(r"[。：:]", line.rest)[0]]
    heading, lines = split_heading(part.heading, part.lines)
    if any(word in heading for word in DUE):
        return []
    if kind_of(heading) in ("time", "time_and_theme") or ("时间" in heading and kind_of(heading) != "tasks"):
        return [*lines, part.heading]  # 四、活动时间 2007年6月: the heading itself may say it
    return [line for line in part.lines if line.level and "时间" in re.split(r"[。：:]", line.rest)[0]]


def in_time_sections(parts: list[Part], year: int, today: dt.date | None) -> PeriodFound | None:
    """The first day or range written in a section about time."""
    for part in parts:
        for line in time_lines(part):
            for text in _texts(line):
                span = first_span(text, year, today=today)
                if span is not None:
                    return PeriodFound(span, line, text, "time-section")
    return None


def in_opening(opening: list[Paragraph], year: int, today: dt.date | None) -> PeriodFound | None:
    """A range (or a month with its year) the opening gives: 将于2023年4月20日至5月25日举办, 时间为…."""
    for line in opening:
        for span in spans(line.text, year, today=today):
            whole_month = len(span.points) == 1 and span.points[0].day is None and span.points[0].year is not None
            if len(span.points) > 1 or span.from_today or whole_month:
                return PeriodFound(span, line, line.text, "opening")
    return None


def _texts(line: Paragraph) -> list[str]:
    """The texts of a line the period may be read from: after its number, after its label, the whole line."""
    texts = [line.rest] if line.level else []
    found = label_of(line.rest or line.text)
    if found and "时间" in found[0]:
        texts.insert(0, found[1])
    return [*texts, line.text]


def replace_in(found: PeriodFound | None, line: Paragraph, text: str) -> str:
    """``text`` of ``line`` with the period's written words as placeholders (escaped text; placeholders unescaped)."""
    if found is None or found.line.number != line.number:
        return text
    written = found.written
    return text.replace(written, found.template(), 1) if written in text else text
