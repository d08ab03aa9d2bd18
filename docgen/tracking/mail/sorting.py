"""Which unit a message is from, what its subject says it answers, and whether its text is the report.

A unit's 联络员 writes from the address the plan gives as the unit's contact e-mail; others
write from a colleague's or a personal address, and name the unit instead: in the subject
(教务处第二周活动开展情况), in a file's name (图书馆第一周.docx) or in the first lines of the
text (上报部门：团委). So a message is from the unit whose contact it is, else from the one
unit the subject names, else from the one unit its files' names name, else from the one unit
its first lines name, as ``status`` finds units: never guessed, so two units named is none.

What a file answers is read as ``docgen receive`` reads a file's name (``deciding.decide``):
活动安排, 总结, a deadline's own words, 第N周. The subject is read the same way when the
file's name says nothing; where neither does, it is the weekly report (the one the 简报
gathers) of the week the message arrived in.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from docgen.errors import FormError
from docgen.inputs.mail import MailMessage
from docgen.plan.dues import Due, dues
from docgen.plan.model import Plan, Unit
from docgen.tracking.deciding import decide
from docgen.tracking.returns import FIRST_LINES, units_in_lines, units_named, week_on
from docgen.tracking.tally import digest_deadline

MIN_REPORT_CHARS = 30  # a message's own text shorter than this is a covering note (见附件), not a report
_NOT_A_FILE = Path("subject.txt")  # what decide is given to read a text alone: no Word file, nothing read from disk
_QUOTED = re.compile(r"^(?:>|-{2,}\s*(?:原始邮件|Original Message|Forwarded message)|发件人[:：]|From:\s)", re.I)
_SIGNATURE = re.compile(r"^(?:发自我的|来自我的|Sent from my|Get Outlook for)", re.I)
_REPLY_PREFIX = re.compile(r"^(?:\s*(?:re|fw|fwd|回复|答复|转发)\s*[:：]\s*)+", re.I)


@dataclass(frozen=True)
class Sender:
    """The unit a message is from, and what showed it: ``sender``, ``subject``, ``file name`` or ``text``."""

    unit: Unit | None
    by: str = ""


def message_unit(plan: Plan, message: MailMessage) -> Sender:
    """The one unit ``message`` is from (see the module's rules), or ``Sender(None)``."""
    if message.sender:
        senders = [
            unit
            for unit in plan.units
            if unit.contact is not None and (unit.contact.email or "").strip().lower() == message.sender
        ]
        if len(senders) == 1:
            return Sender(senders[0], "sender")
    named = units_named(plan, message.subject)
    if len(named) == 1:
        return Sender(named[0], "subject")
    in_names = {unit.id: unit for file in message.files for unit in units_named(plan, file.name or "")}
    if len(in_names) == 1:
        return Sender(next(iter(in_names.values())), "file name")
    lines = [line for line in message.text.splitlines() if line.strip()][:FIRST_LINES]
    found = units_in_lines(plan, lines)
    return Sender(found[0], "text") if len(found) == 1 else Sender(None)


def named_due(plan: Plan, texts: list[str], unit: Unit, day: dt.date) -> Due | None:
    """The due the first of ``texts`` that names one names for ``unit``, read as a file's name is read.

    A text that leads ``decide`` only where an empty one does (the unit's one weekly report of
    that week) names nothing; None where none of them names a due.
    """
    plain = decide(plan, _NOT_A_FILE, "", day, unit=unit.id).due
    for text in texts:
        said = decide(plan, _NOT_A_FILE, text, day, unit=unit.id).due
        if said is not None and said != plain:
            return said
    return None


def weekly_report(plan: Plan, keys: tuple[str, ...], day: dt.date) -> Due | None:
    """Among the deadlines ``keys``, the weekly report of the week ``day`` falls in: the 简报's where it is one."""
    weekly = [key for key in keys if plan.deadlines[key].weekday is not None]
    try:
        preferred = digest_deadline(plan)
    except FormError:
        preferred = None
    key = preferred if preferred in weekly else (weekly[0] if weekly else None)
    return week_on(dues(plan, key), key, day) if key is not None else None


def report_text(message: MailMessage) -> str | None:
    """The message's own text when it is the report itself, without quoted mail and signatures; else None.

    It is the report when the message carries no document (a Word file, a PDF) and its own
    text is at least ``MIN_REPORT_CHARS`` characters: a unit that writes its week into the mail.
    """
    from docgen.tracking.returns import DOCUMENT_SUFFIXES

    if any(Path(file.name or "").suffix.lower() in DOCUMENT_SUFFIXES for file in message.files):
        return None
    kept: list[str] = []
    for line in message.text.splitlines():
        if _QUOTED.match(line.strip()):
            break
        if not _SIGNATURE.match(line.strip()):
            kept.append(line)
    text = "\n".join(kept).strip()
    return text if len("".join(text.split())) >= MIN_REPORT_CHARS else None


def report_title(message: MailMessage) -> str:
    """The title a report written into a mail gets: its subject without Re:/回复：/转发：."""
    return _REPLY_PREFIX.sub("", message.subject).strip()
