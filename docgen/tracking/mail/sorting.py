"""Which unit a message is from, and which deadline and week each of its files answers.

A unit's 联络员 writes from the address the plan gives as the unit's contact e-mail; others
write from a colleague's or a personal address, and name the unit instead: in the subject
(教务处第二周活动开展情况), in a file's name (图书馆第一周.docx) or in the first lines of the
text (上报部门：团委). So a message is from the unit whose contact it is, else from the one
unit the subject names, else from the one unit its files' names name, else from the one unit
its first lines name (a labelled line first), as ``status`` finds units: never guessed, so two
units named is none.

A file answers the deadline its name or the subject names: 活动安排 (the form's), 总结, the
deadline's own words, or 第N周 (the weekly report of week N). Otherwise it is the weekly report
(the one the 简报 gathers) of the week the message arrived in.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from docgen.errors import FormError
from docgen.inputs.mail import MailMessage
from docgen.plan.model import Plan, Unit
from docgen.tracking.dues import Due, dues, form_deadline
from docgen.tracking.returns import FIRST_LINES, units_named
from docgen.tracking.tally import digest_deadline

_WEEK = re.compile(r"第\s*([0-9]{1,2}|[一二三四五六七八九十]{1,3})\s*周")
_NUMERALS = {c: n for n, c in enumerate("一二三四五六七八九", 1)}
_LABELLED = re.compile(r"(?:部门|单位|院部|处室)[^:：]{0,8}[:：](.*)")
SUMMARY_WORD = "总结"
FORM_WORD = "活动安排"


@dataclass(frozen=True)
class Sender:
    """The unit a message is from, and what showed it: ``sender``, ``subject``, ``file name`` or ``text``."""

    unit: Unit | None
    by: str = ""


def unit_email(unit: Unit) -> str:
    """The unit's contact e-mail in the plan, in lower case; "" where it has none."""
    email = getattr(unit.contact, "email", None) if unit.contact is not None else None
    return str(email).strip().lower() if email else ""


def message_unit(plan: Plan, message: MailMessage) -> Sender:
    """The one unit ``message`` is from (see the module's rules), or ``Sender(None)``."""
    if message.sender:
        senders = [unit for unit in plan.units if unit_email(unit) == message.sender]
        if len(senders) == 1:
            return Sender(senders[0], "sender")
    named = units_named(plan, message.subject)
    if len(named) == 1:
        return Sender(named[0], "subject")
    in_names = {unit.id: unit for file in message.files for unit in units_named(plan, file.name or "")}
    if len(in_names) == 1:
        return Sender(next(iter(in_names.values())), "file name")
    lines = [line for line in message.text.splitlines() if line.strip()][:FIRST_LINES]
    for line in lines:
        labelled = _LABELLED.search(unicodedata.normalize("NFKC", line))
        if labelled is not None and len(found := units_named(plan, labelled.group(1))) == 1:
            return Sender(found[0], "text")
    named = units_named(plan, "\n".join(lines))
    return Sender(named[0], "text") if len(named) == 1 else Sender(None)


def due_of(plan: Plan, texts: list[str], arrived: dt.datetime, unit: Unit | None = None) -> Due | None:
    """The due a file answers: named by the first of ``texts`` (its name, then the subject) that names one.

    Else the weekly report of the week ``arrived`` falls in (the last week after the period, the
    first before it). None where the plan has no deadline to give.
    """
    all_dues = dues(plan)
    for text in texts:
        found = _named_due(plan, all_dues, unicodedata.normalize("NFKC", text), arrived, unit)
        if found is not None:
            return found
    weekly = _weekly_key(plan, unit)
    return _week_of(all_dues, weekly, arrived.date()) if weekly is not None else None


def _named_due(plan: Plan, all_dues: list[Due], text: str, arrived: dt.datetime, unit: Unit | None) -> Due | None:
    week = _week_number(text)
    if week is not None:
        weekly = _named_weekly(plan, text) or _weekly_key(plan, unit)
        return next((d for d in all_dues if d.key == weekly and d.week == week), None)
    actions = sorted(plan.deadlines.items(), key=lambda item: -len(item[1].action))
    for key, deadline in actions:
        if deadline.action and deadline.action in text:
            return _week_of(all_dues, key, arrived.date())
    form = form_deadline(plan)
    if form is not None and FORM_WORD in text:
        return _week_of(all_dues, form, arrived.date())
    if SUMMARY_WORD in text:
        summary = next((k for k, d in plan.deadlines.items() if d.date is not None and SUMMARY_WORD in d.action), None)
        if summary is not None:
            return _week_of(all_dues, summary, arrived.date())
    return None


def _named_weekly(plan: Plan, text: str) -> str | None:
    """A weekly deadline whose own words ``text`` holds (上报本周宣传活动开展情况 第2周)."""
    found = [(len(d.action), k) for k, d in plan.deadlines.items() if d.weekday is not None and d.action in text]
    return max(found)[1] if found else None


def _weekly_key(plan: Plan, unit: Unit | None) -> str | None:
    """The weekly report: the one the 简报 gathers where the unit owes it, else the first weekly one it owes."""
    try:
        key: str | None = digest_deadline(plan)
    except FormError:
        return None
    if unit is not None:
        owed = [k for k, d in plan.deadlines_of(unit.id) if d.weekday is not None]
        if owed and key not in owed:
            key = owed[0]
    return key


def _week_of(all_dues: list[Due], key: str, day: dt.date) -> Due | None:
    """The due of ``key`` whose week holds ``day``: a dated deadline's one due, a weekly one's week."""
    own = [d for d in all_dues if d.key == key]
    if not own:
        return None
    if own[0].week is None:
        return own[0]
    for due in own:
        if due.start <= day <= due.day:
            return due
    return own[-1] if day > own[-1].day else own[0]


def _week_number(text: str) -> int | None:
    """N of 第N周 (第2周, 第二周, 第十二周), or None."""
    match = _WEEK.search(text)
    if match is None:
        return None
    word = match.group(1)
    if word.isdigit():
        return int(word) or None
    if word == "十":
        return 10
    tens, _, units = word.rpartition("十")
    if "十" not in word:
        return _NUMERALS.get(word) if len(word) == 1 else None
    value = (_NUMERALS.get(tens, 0) if tens else 1) * 10 + (_NUMERALS.get(units, 0) if units else 0)
    return value or None
