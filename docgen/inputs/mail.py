"""An e-mail someone sent, read under limits: who sent it, its subject, its text and its files.

A message in the campaign's mailbox may come from anyone, so it is parsed as hostile input.
``email``'s parser is linear in most of what it does, but it builds an object for every part,
checks each line against every open boundary, and parses a part's parameters in time that grows
with the square of the header's length. So the parse itself is bounded, not only its result:
each part is made by a factory that counts the parts and their depth as they are attached and
the headers as they are set, and refuses the message (``InputRefusedError``) the moment one of
``MailLimits`` is passed, before any quadratic step can run on an oversized header.

What the message holds comes back as data (``MailMessage``): its files each with the name the
sender gave (decoded, see ``docgen.inputs.mail_text``), and the files that are not saved, each
with the reason (a program, an archive bomb, an archive docgen cannot look into: see
``docgen.inputs.payloads``). Nothing here writes a file or knows the plan.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from email.feedparser import BytesFeedParser
from email.message import Message
from email.policy import Policy, compat32
from email.utils import parseaddr, parsedate_to_datetime
from typing import Any

from docgen.inputs.bounded import InputRefusedError, mebibytes
from docgen.inputs.mail_text import attachment_name, decode_header, decode_text, header_value
from docgen.inputs.payloads import ArchiveLimits, refusal

_STRUCTURE_HEADERS = {"content-type", "content-disposition", "content-transfer-encoding"}
_MESSAGE_ID = re.compile(r"<[^<>\s]{1,250}>")
_ADDRESS = re.compile(r"[^@\s<>\"]{1,64}@[^@\s<>\"]{1,255}")
_BULK = {"bulk", "junk", "list"}
_BLOCK_TAGS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "blockquote"}
_HIDDEN_TAGS = {"script", "style", "head", "title"}
_SPACES = re.compile(r"[ \t\u00a0\u3000]+")


@dataclass(frozen=True)
class MailLimits:
    """What one message may hold before it is refused whole (listed, nothing of it saved)."""

    message_bytes: int = 72 * 1024 * 1024  # QQ 邮箱 sends up to 50 MB of attachments, base64 makes them 68
    parts: int = 200
    depth: int = 10
    headers: int = 1000  # per part; a message relayed many times has a few dozen
    header_bytes: int = 256 * 1024  # per part, all headers together
    structure_header_chars: int = 8192  # Content-Type and the like: their parameters are parsed
    attachments: int = 50
    text_chars: int = 200_000  # of the message's own text
    archive: ArchiveLimits = field(default_factory=ArchiveLimits)


@dataclass(frozen=True)
class MailFile:
    """A file a message carries, with the name its sender gave (None for a picture pasted without one).

    ``part`` is the part's number in the message as IMAP counts them (``2``, ``3.1``): with the
    Message-ID it names the file for good.
    """

    name: str | None
    content_type: str
    data: bytes
    part: str


@dataclass(frozen=True)
class RefusedFile:
    """A file a message carries that is not saved: ``code`` and ``params`` say why."""

    name: str | None
    part: str
    code: str
    params: Mapping[str, object]


@dataclass(frozen=True)
class MailMessage:
    """What a message says of itself and what it holds.

    ``sender`` is the From address in lower case ("" when there is none that reads as one);
    ``text`` the message's own text (its plain text, else its HTML as text); ``bulk`` is true for
    mail a machine sent to many (a mailing list, a newsletter, a bounce); ``sha256`` is the
    digest of the whole message, which names it where it has no Message-ID.
    """

    message_id: str | None
    sender: str
    sender_name: str
    subject: str
    sent_at: dt.datetime | None
    text: str
    files: tuple[MailFile, ...]
    refused: tuple[RefusedFile, ...]
    bulk: bool
    sha256: str


class _Budget:
    """The counts of one parse, shared by every part of it."""

    def __init__(self, limits: MailLimits) -> None:
        self.limits = limits
        self.parts = 1


class _BoundedPart(Message):
    """A part that refuses the message as soon as it holds too many parts, too deep, or too much header."""

    def __init__(self, policy: Policy[Any] = compat32, *, budget: _Budget) -> None:
        super().__init__(policy)
        self.budget = budget
        self.depth = 0
        self.header_count = 0
        self.header_size = 0

    def attach(self, payload: Any) -> None:
        """Attach a sub-part, counting it and its depth."""
        limits = self.budget.limits
        self.budget.parts += 1
        if self.budget.parts > limits.parts:
            raise InputRefusedError("mail-too-many-parts", limit=limits.parts)
        if isinstance(payload, _BoundedPart):
            payload.depth = self.depth + 1
            if payload.depth > limits.depth:
                raise InputRefusedError("mail-too-deep", limit=limits.depth)
        super().attach(payload)

    def set_raw(self, name: str, value: Any) -> None:
        """Keep a header as the parser read it, counting it against the part's limits."""
        limits = self.budget.limits
        size = len(name) + len(str(value))
        self.header_count += 1
        self.header_size += size
        if self.header_count > limits.headers:
            raise InputRefusedError("mail-too-many-headers", limit=limits.headers)
        if self.header_size > limits.header_bytes or (
            name.lower() in _STRUCTURE_HEADERS and size > limits.structure_header_chars
        ):
            raise InputRefusedError("mail-header-too-large", header=name[:60])
        super().set_raw(name, value)


def read_message(raw: bytes, limits: MailLimits | None = None) -> MailMessage:
    """The message ``raw`` (as the server keeps it) read under ``limits``.

    Raises ``InputRefusedError`` when the whole message is refused: ``mail-too-large`` (limit),
    ``mail-too-many-parts``, ``mail-too-deep`` (limit), ``mail-too-many-headers`` (limit),
    ``mail-header-too-large`` (header), ``mail-too-many-files`` (count, limit).
    """
    limits = limits or MailLimits()
    if len(raw) > limits.message_bytes:
        raise InputRefusedError("mail-too-large", limit=mebibytes(limits.message_bytes))
    budget = _Budget(limits)

    def bounded_part(policy: Policy[Any] = compat32) -> _BoundedPart:
        return _BoundedPart(policy, budget=budget)

    parser = BytesFeedParser(_factory=bounded_part, policy=compat32)
    parser.feed(raw)
    root = parser.close()
    leaves = _leaves(root)
    texts: dict[str, list[str]] = {}
    files: list[MailFile] = []
    refused: list[RefusedFile] = []
    for part, number, inner in leaves:
        name = attachment_name(part)
        kind = part.get_content_type()
        data = _payload(part)
        body = name is None and part.get_content_disposition() != "attachment" and kind in {"text/plain", "text/html"}
        if body and not inner:
            texts.setdefault(kind, []).append(_text_of(data, part, kind, limits.text_chars))
        elif not body and data and part.get_content_maintype() not in {"multipart", "message"}:
            files.append(MailFile(name, kind, data, number))
    if len(files) > limits.attachments:
        raise InputRefusedError("mail-too-many-files", count=len(files), limit=limits.attachments)
    kept = []
    for file in files:
        why = refusal(file.name or "", file.data, limits.archive)
        if why is None:
            kept.append(file)
        else:
            refused.append(RefusedFile(file.name, file.part, why[0], why[1]))
    sender_name, sender = _sender(header_value(root, "from"))
    return MailMessage(
        message_id=_message_id(header_value(root, "message-id")),
        sender=sender,
        sender_name=sender_name,
        subject=decode_header(header_value(root, "subject") or ""),
        sent_at=_date(header_value(root, "date")),
        text="\n".join(texts.get("text/plain") or texts.get("text/html", []))[: limits.text_chars],
        files=tuple(kept),
        refused=tuple(refused),
        bulk=_is_bulk(root),
        sha256=hashlib.sha256(raw).hexdigest(),
    )


def _leaves(root: Message) -> list[tuple[Message, str, bool]]:
    """Every part that holds content, with its IMAP part number and whether it is inside an attached message."""
    found: list[tuple[Message, str, bool]] = []
    stack: list[tuple[Message, str, bool]] = [(root, "", False)]
    while stack:
        part, number, inner = stack.pop()
        if part.is_multipart():  # asked so: get_payload() of a leaf decodes it by its charset, which may be hostile
            is_message = part.get_content_maintype() == "message"
            children = [
                (child, _child_number(number, index, is_message, child), inner or is_message)
                for index, child in enumerate(part.get_payload(), 1)
                if isinstance(child, Message)
            ]
            stack.extend(reversed(children))
        else:
            found.append((part, number or "1", inner))
    return found


def _child_number(parent: str, index: int, parent_is_message: bool, child: Message) -> str:
    """IMAP numbering: parts 1, 2 …; inside an attached message, that message's own parts count on from its number."""
    if parent_is_message and not child.is_multipart():
        return f"{parent}.1" if parent else "1"
    if parent_is_message:
        return parent
    return f"{parent}.{index}" if parent else str(index)


def _payload(part: Message) -> bytes:
    """The part's content, its transfer encoding undone; b"" where it cannot be."""
    try:
        data = part.get_payload(decode=True)
    except (ValueError, TypeError, LookupError, UnicodeError):
        return b""
    return data if isinstance(data, bytes) else b""


def _text_of(data: bytes, part: Message, kind: str, limit: int) -> str:
    try:
        label = part.get_param("charset")
    except (ValueError, TypeError, LookupError, IndexError):
        label = None
    text = decode_text(data[: limit * 4], label if isinstance(label, str) else None)
    if kind == "text/html":
        text = html_text(text)
    lines = (_SPACES.sub(" ", line).strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    return "\n".join(line for line in lines if line)[:limit]


def html_text(markup: str) -> str:
    """The text a browser shows of ``markup``: tags, comments, scripts and styles left out, one block a line.

    Walks the markup once with ``str.find`` (a regular expression over unclosed tags would take
    time growing with the square of the length); an unclosed tag ends the text.
    """
    out: list[str] = []
    position = 0
    while position < len(markup):
        opening = markup.find("<", position)
        if opening < 0:
            out.append(markup[position:])
            break
        out.append(markup[position:opening])
        if markup.startswith("<!--", opening):
            end = markup.find("-->", opening + 4)
            if end < 0:
                break
            position = end + 3
            continue
        closing = markup.find(">", opening)
        if closing < 0:
            break
        tag = re.match(r"/?\s*([a-zA-Z][a-zA-Z0-9]*)", markup[opening + 1 : min(closing, opening + 40)])
        name = tag.group(1).lower() if tag else ""
        position = closing + 1
        if name in _HIDDEN_TAGS and not markup.startswith("</", opening):
            hidden_end = re.compile(rf"</\s*{name}", re.IGNORECASE).search(markup, position)
            if hidden_end is None:
                break
            closing = markup.find(">", hidden_end.start())
            position = len(markup) if closing < 0 else closing + 1
        elif name in _BLOCK_TAGS:
            out.append("\n")
    return html.unescape("".join(out))


def _sender(raw: str | None) -> tuple[str, str]:
    """(display name, address in lower case) of a From header; "" for what is not there."""
    if not raw:
        return "", ""
    name, address = parseaddr(raw[:2048])
    match = _ADDRESS.fullmatch(address.strip())
    return decode_header(name)[:200], match.group(0).lower() if match else ""


def _message_id(raw: str | None) -> str | None:
    match = _MESSAGE_ID.search(raw[:2048]) if raw else None
    return match.group(0) if match else None


def _date(raw: str | None) -> dt.datetime | None:
    """The Date header as an aware time (UTC where it states no zone); None where it cannot be read."""
    if not raw:
        return None
    try:
        when = parsedate_to_datetime(decode_header(raw, 200))
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    return when if when.tzinfo is not None else when.replace(tzinfo=dt.UTC)


def _is_bulk(root: Message) -> bool:
    """Sent by a machine to many: a list, a newsletter, an auto-reply or a bounce."""
    auto = (header_value(root, "auto-submitted") or "no").strip().lower()
    precedence = (header_value(root, "precedence") or "").strip().lower()
    return (
        auto != "no"
        or precedence in _BULK
        or header_value(root, "list-id") is not None
        or header_value(root, "list-unsubscribe") is not None
        or root.get_content_type() == "multipart/report"
    )
