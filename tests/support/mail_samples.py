"""Messages as units' mail clients write them: modern UTF-8 ones, old GBK ones byte by byte, and hostile ones."""

from __future__ import annotations

import base64
import datetime as dt
import io
import urllib.parse
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime

import docx

from tests.support.report_samples import photo

CHINA = dt.timezone(dt.timedelta(hours=8))
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def encoded_word(text: str, label: str, codec: str | None = None) -> str:
    """One RFC 2047 B encoded word, its bytes in ``codec`` (the label's own by default)."""
    return f"=?{label}?B?{base64.b64encode(text.encode(codec or label)).decode()}?="


def report_docx(unit: str, title: str, text: str = "本周开展了宣传活动。") -> bytes:
    """A unit's report as Word saves it: the unit's line, a title, a paragraph."""
    document = docx.Document()
    document.add_paragraph(f"上报部门：{unit}")
    document.add_paragraph(title)
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def camera_photo() -> bytes:
    """A small JPEG, as a phone would attach it."""
    return photo(64, 48, (30, 120, 200))


def modern_message(
    sender: str,
    subject: str,
    body: str,
    files: list[tuple[str, bytes]],
    *,
    sent: dt.datetime,
    message_id: str | None = None,
    html: str | None = None,
) -> bytes:
    """A message as a UTF-8 client writes it (RFC 2047 subject, RFC 2231 names), CRLF line ends."""
    message = EmailMessage()
    message["From"] = sender
    message["To"] = "18083554@qq.com"
    message["Subject"] = subject
    message["Date"] = format_datetime(sent)
    if message_id is not None:
        message["Message-ID"] = message_id
    message.set_content(body)
    if html is not None:
        message.add_alternative(html, subtype="html")
    for name, data in files:
        kind = "image/jpeg" if name.lower().endswith(".jpg") else DOCX_TYPE if name.endswith(".docx") else ""
        maintype, _, subtype = (kind or "application/octet-stream").partition("/")
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    return message.as_bytes(policy=policy.SMTP)


def legacy_message(
    sender: bytes, subject: bytes, body: str, parts: list[tuple[bytes, bytes]], *, sent: str, message_id: bytes
) -> bytes:
    """A multipart message written byte by byte as an old GBK client (Foxmail, Outlook 2007) writes it.

    ``parts`` are (headers, payload); each payload goes in base64.
    """
    boundary = b"----=_NextPart_000_0010_01D50487.5C1E2A30"
    lines = [
        b"From: " + sender,
        b"To: 18083554@qq.com",
        b"Subject: " + subject,
        b"Date: " + sent.encode(),
        b"Message-ID: " + message_id,
        b"MIME-Version: 1.0",
        b'Content-Type: multipart/mixed; boundary="' + boundary + b'"',
        b"",
        b"--" + boundary,
        b"Content-Type: text/plain; charset=gbk",
        b"Content-Transfer-Encoding: base64",
        b"",
        _base64_lines(body.encode("gbk")),
    ]
    for headers, payload in parts:
        lines += [b"--" + boundary, headers, b"Content-Transfer-Encoding: base64", b"", _base64_lines(payload)]
    lines += [b"--" + boundary + b"--", b""]
    return b"\r\n".join(lines)


def _base64_lines(data: bytes) -> bytes:
    encoded = base64.b64encode(data)
    return b"\r\n".join(encoded[i : i + 76] for i in range(0, len(encoded), 76))


def gbk_name_part(name: str, data_type: str = DOCX_TYPE) -> bytes:
    """Headers naming a file in a GBK encoded word inside the quotes (Foxmail's way)."""
    word = encoded_word(name, "GBK")
    disposition = f'Content-Disposition: attachment;\r\n\tfilename="{word}"'
    return f'Content-Type: {data_type};\r\n\tname="{word}"\r\n{disposition}'.encode()


def raw_gbk_name_part(name: str, data_type: str = DOCX_TYPE) -> bytes:
    """Headers naming a file in raw 8-bit GBK, no encoding at all."""
    return (
        f'Content-Type: {data_type}\r\nContent-Disposition: attachment; filename="'.encode() + name.encode("gbk") + b'"'
    )


def rfc2231_part(name: str, label: str = "GB18030", data_type: str = "image/jpeg") -> bytes:
    """Headers naming a file the RFC 2231 way, in ``label``."""
    quoted = urllib.parse.quote(name.encode(label.lower()))
    return f"Content-Type: {data_type}\r\nContent-Disposition: attachment; filename*={label}''{quoted}".encode()


def windows_program() -> bytes:
    """The first bytes of a Windows program (MZ, then a PE header's signature)."""
    return b"MZ\x90\x00" + b"\x00" * 60 + b"PE\x00\x00" + b"\x00" * 200
