"""``fetch_mail``: the campaign's mailbox read into the returns folder, each file filed as ``receive`` files it.

Every message that arrived since the campaign began (or a given day) is read once: a message is
known to the record by its Message-ID, the size and INTERNALDATE the server lists and the SHA-256
of its body (without a Message-ID, by the digest of its bytes), so running it every morning files
nothing twice, while another message that reuses an earlier one's Message-ID (some mailers do) is
read and filed. Each file of a message goes through ``receiving.receive_file`` with the time the
server received the message (INTERNALDATE, else the Date header) and a source naming the message
and the part; a unit's message whose own text is the report is filed as a Word file. A file whose
unit or deadline cannot be found waits in 未识别/ (``hold``), where ``status`` lists it and
``docgen receive --unit`` files it.

Nothing is written to the mailbox. What is not filed is listed with the reason: a message over
the limits, a program, an archive bomb, mail a machine sent to many (newsletters, bounces).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import mimetypes
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from docgen.errors import Finding, MailError, Severity
from docgen.inputs.bounded import InputRefusedError, mebibytes
from docgen.inputs.mail import MailFile, MailLimits, MailMessage, read_message
from docgen.plan.dues import Due
from docgen.plan.model import Plan, Unit
from docgen.tracking.mail.connection import Account, Security, Timeouts, parse_server, session
from docgen.tracking.mail.mailbox import Arrival, Mailbox
from docgen.tracking.mail.sorting import message_unit, named_due, report_text, report_title, weekly_report
from docgen.tracking.receiving import UNDECIDED, Filing, receive_file
from docgen.tracking.record import RECORD_FOLDER, opened_record
from docgen.tracking.record_rows import EARLIEST_YEAR, LATEST_YEAR
from docgen.tracking.recording import content_facts, now

MAX_NEW = 500  # messages read in one run; a larger backlog is read on by the next runs
HOW = "mail"
TEXT_PART = "text"  # the source's part for a report written into the mail


@dataclass(frozen=True)
class Mail:
    """A message as the report names it: its UID, sender, subject and when it came."""

    uid: int
    sender: str
    subject: str
    arrived_at: dt.datetime | None


@dataclass
class MailReport:
    """What one run did: the files filed (or held in 未识别/, or met again), and what was left and why.

    ``found`` messages arrived since ``since``; ``known`` of them were read by an earlier run;
    ``left`` are for the next run (more than ``MAX_NEW`` new ones). Each of ``unfiled`` is a
    message or a file with the finding that says why it was not filed (its ``file`` names the
    attachment).
    """

    server: str
    folder: str
    since: dt.date
    found: int = 0
    known: int = 0
    left: int = 0
    filed: list[tuple[Mail, Filing]] = field(default_factory=list)
    unfiled: list[tuple[Mail, Finding]] = field(default_factory=list)


def mail_account(
    plan: Plan,
    *,
    server: str | None = None,
    user: str | None = None,
    security: Security | None = None,
    folder: str | None = None,
) -> tuple[Account, str]:
    """The mailbox to read and its folder: each given value, else the plan's ``mail:``; ``MailError`` where none is."""
    named = plan.mail
    security = security or (named.security if named is not None else "ssl")
    server = server or (named.server if named is not None else None)
    user = user or (named.user if named is not None else None)
    if not server:
        raise MailError([Finding("mail-no-server")])
    if not user:
        raise MailError([Finding("mail-no-user")])
    host, port = parse_server(server, security)
    return Account(host, port, user, security), folder or (named.folder if named is not None else "INBOX")


def campaign_start(plan: Plan) -> dt.date:
    """The first day mail is read from: the notice's date where it comes before the period, else the period's start."""
    return min(plan.issued, plan.period.start) if plan.issued is not None else plan.period.start


def fetch_mail(
    plan: Plan,
    returns_dir: Path,
    account: Account,
    password: str,
    *,
    folder: str = "INBOX",
    since: dt.date | None = None,
    limits: MailLimits | None = None,
    timeouts: Timeouts | None = None,
    cafile: Path | None = None,
) -> MailReport:
    """Read the messages of ``folder`` that arrived since ``since`` (default: ``campaign_start``) into ``returns_dir``.

    ``password`` goes to the server's LOGIN and nowhere else. Raises ``MailError`` when the
    mailbox cannot be read (what was filed before stays filed and recorded), and what
    ``receive_file`` raises (``RecordError``, ``FolderBusyError``, ``WriteError``).
    """
    limits = limits or MailLimits()
    first_day = since or campaign_start(plan)
    report = MailReport(account.server, folder, first_day)
    known = _known_messages(returns_dir)
    with session(account, password, timeouts, cafile) as opened:
        mailbox = Mailbox(opened, folder, limits.message_bytes)
        uids, total = mailbox.since(first_day)
        unlisted = total - len(uids)  # beyond what one search lists: for the next runs
        arrivals = [a for a in mailbox.arrivals(uids) if a.arrived_at is None or _local_day(a.arrived_at) >= first_day]
        new = [a for a in arrivals if not known.listed(a)]
        report.found, report.known = len(arrivals) + unlisted, len(arrivals) - len(new)
        report.left = max(0, len(new) - MAX_NEW) + unlisted
        for arrival in new[:MAX_NEW]:
            _take(plan, returns_dir, mailbox, arrival, limits, first_day, known, report)
    return report


Listing = tuple[str, int, int | None]  # a message as the server lists it: Message-ID, size, INTERNALDATE (seconds)


@dataclass
class _Known:
    """The messages the record holds every file of, by the part of their files' sources that names the message.

    That part is ``message_source``'s; a record kept before sizes and digests were noted holds a
    message's Message-ID alone, which matches any message with that ID, as it did then.
    """

    by_listing: set[Listing] = field(default_factory=set)
    by_content: set[tuple[str | None, str]] = field(default_factory=set)  # (Message-ID or None, digest)
    ids_alone: set[str] = field(default_factory=set)

    def add(self, message: str) -> None:
        """Note the message a source names (its part before ``#``)."""
        words = message.split(" ")
        if len(words) == 1 and message.startswith("sha256:"):
            self.by_content.add((None, message.removeprefix("sha256:")))
        elif len(words) == 1:
            self.ids_alone.add(message)
        elif len(words) == 4 and words[1].isdigit() and words[3].startswith("sha256:"):
            message_id, size, when, digest = words
            self.by_listing.add((message_id, int(size), int(when) if when.isdigit() else None))
            self.by_content.add((message_id, digest.removeprefix("sha256:")))

    def listed(self, arrival: Arrival) -> bool:
        """Whether a message as the server lists it was read before, so need not be fetched.

        The same message in the same mailbox has the same Message-ID, size and INTERNALDATE;
        another that reuses the Message-ID differs in one at least, and is fetched (then ``holds`` tells).
        """
        if arrival.message_id is None:
            return False
        return arrival.message_id in self.ids_alone or _listing(arrival) in self.by_listing

    def holds(self, message_id: str | None, digest: str) -> bool:
        """Whether a message fetched was read before: same Message-ID and body, or (without an ID) same bytes."""
        return (message_id is not None and message_id in self.ids_alone) or (message_id, digest) in self.by_content


def _listing(arrival: Arrival, message_id: str | None = None) -> Listing:
    when = int(arrival.arrived_at.timestamp()) if arrival.arrived_at is not None else None
    return str(message_id or arrival.message_id), arrival.size, when


def message_source(message_id: str | None, arrival: Arrival, raw: bytes) -> str:
    """What names a message in its files' sources: ``<Message-ID> <size> <INTERNALDATE> sha256:<body's digest>``.

    The size and INTERNALDATE (seconds since 1970, ``-`` where the server gave none) are the
    server's, to know the message again before fetching it; the body (all after the header) is
    what a second delivery of the same message, or a server adding a header line, leaves as it
    was. A message without a Message-ID is named by the digest of all its bytes, as before.
    """
    if message_id is None:
        return f"sha256:{hashlib.sha256(raw).hexdigest()}"
    _, size, when = _listing(arrival, message_id)
    return f"{message_id} {size} {'-' if when is None else when} sha256:{body_digest(raw)}"


def body_digest(raw: bytes) -> str:
    """The SHA-256 of a message's body: the bytes after the blank line that ends its header."""
    ends = [found + len(blank) for blank in (b"\r\n\r\n", b"\n\n") if (found := raw.find(blank)) >= 0]
    return hashlib.sha256(raw[min(ends) :] if ends else raw).hexdigest()


def _known_messages(returns_dir: Path) -> _Known:
    """The messages the record holds every file of (see ``_Known``).

    A file's source is ``<message>#<part>/<files of the message>``; a message some of whose files
    are missing (a run that ended between two of them) is read again, and only those are filed.
    """
    if not (returns_dir / RECORD_FOLDER).is_dir():
        return _Known()
    with opened_record(returns_dir) as record:
        sources = [row.source for row in record.files() if row.source and row.how == HOW]
    parts: dict[str, set[str]] = {}
    expected: dict[str, int] = {}
    for source in sources:
        message, _, numbered = source.rpartition("#")
        part, _, count = numbered.partition("/")
        parts.setdefault(message, set()).add(part)
        expected[message] = int(count) if count.isdigit() else 1
    known = _Known()
    for message, found in parts.items():
        if len(found) >= expected[message]:
            known.add(message)
    return known


def arrival_time(server: dt.datetime | None, sent: dt.datetime | None, moment: dt.datetime) -> dt.datetime:
    """When a message came: the server's INTERNALDATE, else the Date header its sender's clock wrote, else ``moment``.

    Neither is believed past ``moment`` (the run's present): a message cannot have come later
    than it was read, whatever a sender's clock or a lying server says; a year before 1970 or
    past ``LATEST_YEAR`` is no time at all.
    """
    for when in (server, sent):
        if when is not None and EARLIEST_YEAR <= when.year <= LATEST_YEAR:
            return min(when, moment).astimezone()
    return moment.astimezone()


def _local_day(moment: dt.datetime) -> dt.date:
    return moment.astimezone().date()


def _take(
    plan: Plan,
    returns_dir: Path,
    mailbox: Mailbox,
    arrival: Arrival,
    limits: MailLimits,
    first_day: dt.date,
    known: _Known,
    report: MailReport,
) -> None:
    """One new message fetched, read, and its files filed; what cannot be is noted in ``report``."""
    mail = Mail(arrival.uid, "", "", arrival.arrived_at)
    if arrival.size > limits.message_bytes:
        report.unfiled.append((mail, _refused("mail-too-large", limit=mebibytes(limits.message_bytes))))
        return
    raw = mailbox.message(arrival)
    if raw is None:
        report.unfiled.append((mail, _refused("mail-not-sent", uid=arrival.uid)))
        return
    try:
        message = read_message(raw, limits)
    except InputRefusedError as refused:
        report.unfiled.append((mail, Finding(refused.code, dict(refused.params), severity=Severity.WARNING)))
        return
    at = arrival_time(arrival.arrived_at, message.sent_at, now())
    mail = Mail(arrival.uid, message.sender, message.subject, at)
    source = message_source(message.message_id, arrival, raw)
    digest = source.rpartition("sha256:")[2]
    seen = known.holds(message.message_id, digest)
    if seen or _local_day(at) < first_day:
        report.known += seen
        return
    known.add(source)
    for refused_file in message.refused:
        report.unfiled.append((mail, _refused(refused_file.code, refused_file.name, **refused_file.params)))
    unit = message_unit(plan, message).unit
    if unit is None and message.bulk:
        report.unfiled.append((mail, _refused("mail-bulk", sender=message.sender or "?")))
        return
    files = _files_of(message, unit)
    if not files and unit is not None and not message.refused:  # a stranger's mail without files is no news
        report.unfiled.append((mail, _refused("mail-nothing-to-file", unit=unit.name)))
    for name, data, part in files:
        filing = _file(plan, returns_dir, message, unit, name, data, at, f"{source}#{part}/{len(files)}")
        report.filed.append((mail, filing))


def _files_of(message: MailMessage, unit: Unit | None) -> list[tuple[str, bytes, str]]:
    """(name, bytes, part) of what a message gives to file: its files, and its text where that is the report.

    A message no unit is found for gives only the files its sender named: a picture pasted
    without a name into a stranger's mail is a logo or a signature.
    """
    found = [(_name_of(file), file.data, file.part) for file in message.files if unit is not None or file.name]
    text = report_text(message) if unit is not None else None
    if text is not None:
        title = report_title(message) or "邮件正文"
        found.append((f"{title}.docx", _report_docx(title, text), TEXT_PART))
    return found


def _name_of(file: MailFile) -> str:
    """The sender's name for a file, or one made from its part and kind (图片2.jpg) where it has none."""
    if file.name:
        return file.name
    suffix = mimetypes.guess_extension(file.content_type) or ".bin"
    stem = "图片" if file.content_type.startswith("image/") else "附件"
    return f"{stem}{file.part}{'.jpg' if suffix == '.jpe' else suffix}"


def _report_docx(title: str, text: str) -> bytes:
    """A report written into a mail, as a Word file: its subject as the title, a paragraph a line."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    document = docx.Document()
    heading = document.add_paragraph(title)
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for line in text.splitlines():
        if line.strip():
            document.add_paragraph(line.strip())
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _file(
    plan: Plan,
    returns_dir: Path,
    message: MailMessage,
    unit: Unit | None,
    name: str,
    data: bytes,
    at: dt.datetime,
    source: str,
) -> Filing:
    """One file through ``receive_file``: the file's own name (or form) first, then the subject, then the week's report.

    Where the unit is not known, or no deadline can be given, the file waits in 未识别/.
    """
    if unit is None:
        return receive_file(plan, returns_dir, data, name, at=at, how=HOW, source=source, hold=True)
    day, unit_id = _local_day(at), unit.id
    hint = None
    if not _is_form(plan, name, data):
        hint = named_due(plan, [name, message.subject], unit, day)

    def filed(due: Due | None, hold: bool) -> Filing:
        return receive_file(
            plan,
            returns_dir,
            data,
            name,
            at=at,
            how=HOW,
            source=source,
            unit=unit_id,
            deadline=due.key if due else None,
            week=due.week if due else None,
            hold=hold,
        )

    filing = filed(hint, hold=False)
    if filing.outcome != UNDECIDED:
        return filing
    return filed(weekly_report(plan, filing.choices.deadlines, day), hold=True)


def _is_form(plan: Plan, name: str, data: bytes) -> bool:
    """Whether a Word file is a returned 活动安排 form, by its content (its name may be 附件1.docx)."""
    if not name.lower().endswith(".docx") or plan.form is None:
        return False
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "form.docx"
        path.write_bytes(data)
        return content_facts(plan, path)[0]


def _refused(code: str, file: str | None = None, /, **params: object) -> Finding:
    severity = Severity.NOTE if code in {"mail-bulk", "mail-nothing-to-file"} else Severity.WARNING
    return Finding(code, params, file=file, severity=severity)
