"""One folder of the campaign's mailbox, read without a change: which messages came since a day, when, and their bytes.

The folder is opened with EXAMINE, so the server itself keeps it read-only, and a message is
fetched with BODY.PEEK[], which does not mark it read; docgen never sends STORE, COPY, MOVE or
EXPUNGE. When a message came is the server's INTERNALDATE, the time it was delivered, which no
sender can set (the Date header, the sender's own clock, is only the fallback).

Answers are taken as the server gives them, in any order of their items, and checked: a UID
that was not asked for, a date that is no date or a size that is no number is left out, never
trusted.
"""

from __future__ import annotations

import base64
import datetime as dt
import re
from dataclasses import dataclass

from docgen.errors import Finding, MailError
from docgen.tracking.mail.connection import Session
from docgen.tracking.record_rows import EARLIEST_YEAR, LATEST_YEAR

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MAX_MESSAGES = 20_000  # found by one search; an office's month of mail is a few hundred
BATCH = 200  # messages whose dates and sizes one FETCH asks for
_RESPONSE_START = re.compile(rb"^\d+ \(")
_UID = re.compile(rb"[( ]UID (\d{1,10})[ )]")
_SIZE = re.compile(rb"[( ]RFC822\.SIZE (\d{1,12})[ )]")
_INTERNALDATE = re.compile(
    rb'INTERNALDATE "\s?(\d{1,2})-([A-Za-z]{3})-(\d{4}) (\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2})"'
)
_MESSAGE_ID = re.compile(rb"(?im)^message-id:\s*(<[^<>\s]{1,250}>)")


@dataclass(frozen=True)
class Arrival:
    """A message as the server lists it: its UID, when it came (None where the server gave no date), its size."""

    uid: int
    arrived_at: dt.datetime | None
    size: int
    message_id: str | None


class Mailbox:
    """One folder, examined: its messages listed and fetched, the whole folder left as it was."""

    def __init__(self, session: Session, folder: str, message_bytes: int) -> None:
        self._session = session
        self.folder = folder
        self._message_bytes = message_bytes
        imap = session.imap
        typ, _ = session.command(lambda: imap.select(mailbox_name(folder), readonly=True), answer_bytes=1024 * 1024)
        if typ != "OK":
            raise MailError([Finding("mail-no-folder", {"folder": folder, "server": session.account.server})])

    def since(self, day: dt.date) -> tuple[list[int], int]:
        """The UIDs of the messages that came on or after ``day`` (the oldest ``MAX_MESSAGES``), and how many there are.

        SEARCH SINCE compares days in the server's time zone, so the search starts a day early
        and the caller compares each message's INTERNALDATE itself.
        """
        imap = self._session.imap
        earliest = dt.date(EARLIEST_YEAR, 1, 2)  # no mail came before 1970; IMAP writes a year in four digits
        criteria = imap_date(max(day, earliest) - dt.timedelta(days=1))
        typ, data = self._session.command(
            lambda: imap.uid("SEARCH", "SINCE", criteria), answer_bytes=MAX_LINE_BYTES, literal_bytes=0
        )
        if typ != "OK":
            raise MailError([Finding("mail-search-failed", {"folder": self.folder})])
        uids = sorted(
            {int(word) for line in data if isinstance(line, bytes) for word in line.split() if word.isdigit()}
        )
        return uids[:MAX_MESSAGES], len(uids)

    def arrivals(self, uids: list[int]) -> list[Arrival]:
        """When each message came, its size and Message-ID, asked for ``BATCH`` messages at a time."""
        found: dict[int, Arrival] = {}
        for start in range(0, len(uids), BATCH):
            batch = uids[start : start + BATCH]
            for text, literals in self._fetch(",".join(map(str, batch)), len(batch)):
                arrival = _arrival(text, literals)
                if arrival is not None and arrival.uid in batch:
                    found.setdefault(arrival.uid, arrival)
        return [found[uid] for uid in uids if uid in found]

    def _fetch(self, uid_set: str, count: int) -> list[tuple[bytes, list[bytes]]]:
        imap = self._session.imap
        items = "(UID RFC822.SIZE INTERNALDATE BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)])"
        typ, data = self._session.command(
            lambda: imap.uid("FETCH", uid_set, items), answer_bytes=64 * 1024 + 4096 * count, literal_bytes=4096
        )
        if typ != "OK":
            raise MailError([Finding("mail-fetch-failed", {"folder": self.folder})])
        return fetched(data)

    def message(self, arrival: Arrival) -> bytes | None:
        """The whole message, as the server keeps it; None where the server sends none for the UID."""
        imap = self._session.imap
        typ, data = self._session.command(
            lambda: imap.uid("FETCH", str(arrival.uid), "(UID BODY.PEEK[])"),
            answer_bytes=self._message_bytes + 64 * 1024,
            literal_bytes=self._message_bytes,
            size=arrival.size,
        )
        if typ != "OK":
            raise MailError([Finding("mail-fetch-failed", {"folder": self.folder})])
        for text, literals in fetched(data):
            match = _UID.search(b" " + text + b" ")
            if match and int(match.group(1)) == arrival.uid and literals:
                return literals[-1]
        return None


MAX_LINE_BYTES = 4 * 1024 * 1024  # a SEARCH answer: 20,000 UIDs are 140 KB


def fetched(data: list[object]) -> list[tuple[bytes, list[bytes]]]:
    """A FETCH answer as imaplib gives it, as one (text, literals) per message, whatever order its items came in.

    imaplib gives a message's answer as a (text, literal) pair per literal and the text after
    the last literal as bytes of its own; a new message's answer starts with ``N (``.
    """
    answers: list[tuple[bytes, list[bytes]]] = []
    for item in data:
        if isinstance(item, tuple) and len(item) == 2 and all(isinstance(x, bytes) for x in item):
            head, literal = item
            if _RESPONSE_START.match(head) or not answers:
                answers.append((head, [literal]))
            else:
                answers[-1] = (answers[-1][0] + head, [*answers[-1][1], literal])
        elif isinstance(item, bytes):
            if _RESPONSE_START.match(item) or not answers:
                answers.append((item, []))
            else:
                answers[-1] = (answers[-1][0] + item, answers[-1][1])
    return answers


def _arrival(text: bytes, literals: list[bytes]) -> Arrival | None:
    padded = b" " + text + b" "
    uid = _UID.search(padded)
    size = _SIZE.search(padded)
    if uid is None or size is None:
        return None
    message_id = next((m.group(1) for m in map(_MESSAGE_ID.search, literals) if m), None)
    return Arrival(
        uid=int(uid.group(1)),
        arrived_at=internal_date(text),
        size=int(size.group(1)),
        message_id=message_id.decode("ascii", errors="replace") if message_id else None,
    )


def internal_date(text: bytes) -> dt.datetime | None:
    """The INTERNALDATE in a FETCH answer as an aware time (imaplib's parser gives local time); None if not one.

    A year no mail server has lived in (before 1970, or past ``LATEST_YEAR``) is no date either.
    """
    match = _INTERNALDATE.search(text)
    if match is None or match.group(2).decode().title() not in MONTHS:
        return None
    if not EARLIEST_YEAR <= int(match.group(3)) <= LATEST_YEAR:
        return None
    day, month, year, hour, minute, second, sign, zone_hours, zone_minutes = match.groups()
    offset = dt.timedelta(hours=int(zone_hours), minutes=int(zone_minutes))
    try:
        zone = dt.timezone(-offset if sign == b"-" else offset)
        return dt.datetime(
            int(year),
            MONTHS.index(month.decode().title()) + 1,
            int(day),
            int(hour),
            int(minute),
            int(second),
            tzinfo=zone,
        )
    except ValueError:
        return None


def imap_date(day: dt.date) -> str:
    """A day as IMAP's SEARCH writes it, 7-May-2019, in English whatever the machine's language."""
    return f"{day.day}-{MONTHS[day.month - 1]}-{day.year}"


def mailbox_name(folder: str) -> str:
    """A folder's name as IMAP sends it: modified UTF-7 (RFC 3501 5.1.3: 宣传月 → &W6NPIGcI-), quoted."""
    out: list[str] = []
    pending: list[str] = []

    def flush() -> None:
        if pending:
            encoded = base64.b64encode("".join(pending).encode("utf-16-be")).decode("ascii")
            out.append("&" + encoded.rstrip("=").replace("/", ",") + "-")
            pending.clear()

    for char in folder:
        if 0x20 <= ord(char) <= 0x7E:
            flush()
            out.append("&-" if char == "&" else char)
        else:
            pending.append(char)
    flush()
    text = "".join(out)
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
