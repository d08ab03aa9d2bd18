"""Fuzzing the message reader with hypothesis: MIME trees built from hostile pieces, and plain noise.

Whatever a message holds, reading it gives a message or a refusal (``InputRefusedError``),
never another error; names come back without folders or control characters, text without line
breaks where it is one line, and no file is larger than the message it came in.
"""

from __future__ import annotations

import base64
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from docgen.inputs.bounded import InputRefusedError
from docgen.inputs.mail import MailLimits, MailMessage, read_message

LIMITS = MailLimits(parts=40, depth=6, message_bytes=2 * 1024 * 1024)
LABELS = ["utf-8", "gbk", "gb2312", "GB18030", "big5", "punycode", "x-unknown", "utf-8*zh", "", "unicode_escape"]
TEXTS = st.text(alphabet=st.characters(codec="utf-8"), max_size=40) | st.sampled_from(["教务处", "第二周", "总结"])


@st.composite
def encoded_words(draw: st.DrawFn) -> str:
    label = draw(st.sampled_from(LABELS))
    payload = draw(st.binary(max_size=30)) if draw(st.booleans()) else draw(TEXTS).encode("utf-8")
    if draw(st.booleans()):
        return f"=?{label}?B?{base64.b64encode(payload).decode()}?="
    return f"=?{label}?Q?{''.join(f'={b:02X}' for b in payload)}?="


@st.composite
def header_values(draw: st.DrawFn) -> bytes:
    pieces = draw(
        st.lists(
            encoded_words().map(str.encode)
            | TEXTS.map(lambda t: t.encode("gbk", errors="replace"))
            | st.sampled_from([b";", b'"', b"*", b"%", b"\\", b"\r\n ", b"=?", b"?=", b"''"])
            | st.binary(max_size=8),
            max_size=12,
        )
    )
    return b"".join(pieces).replace(b"\r\n\r\n", b"\r\n ")


@st.composite
def parts(draw: st.DrawFn, depth: int = 0) -> bytes:
    headers = []
    name = draw(header_values())
    if draw(st.booleans()):
        star = draw(st.sampled_from([b"filename", b"filename*", b"filename*0*", b"filename*1"]))
        headers.append(b"Content-Disposition: attachment; " + star + b'="' + name + b'"')
    if depth < 4 and draw(st.integers(0, 3)) == 0:
        boundary = draw(st.sampled_from([b"B", b"B", b"C", b"=_x"]))  # reused boundaries too
        children = draw(st.lists(parts(depth + 1), max_size=4))
        kind = draw(st.sampled_from([b"multipart/mixed", b"multipart/alternative", b"multipart/digest"]))
        headers.append(b"Content-Type: " + kind + b'; boundary="' + boundary + b'"')
        body = b"".join(b"--" + boundary + b"\r\n" + child + b"\r\n" for child in children)
        body += draw(st.sampled_from([b"--" + boundary + b"--\r\n", b""]))
    else:
        kind = draw(st.sampled_from([b"text/plain", b"text/html", b"image/jpeg", b"message/rfc822", b"x/y"]))
        label = draw(st.sampled_from(LABELS)).encode()
        headers.append(b"Content-Type: " + kind + b"; charset=" + label + b"; name=" + name)
        encoding = draw(st.sampled_from([b"base64", b"quoted-printable", b"x-uuencode", b"8bit", b"bogus"]))
        headers.append(b"Content-Transfer-Encoding: " + encoding)
        body = draw(st.binary(max_size=200))
        if encoding == b"base64" and draw(st.booleans()):
            body = base64.encodebytes(body)
    return b"\r\n".join(headers) + b"\r\n\r\n" + body


@st.composite
def messages(draw: st.DrawFn) -> bytes:
    top = [
        b"From: " + draw(header_values()),
        b"Subject: " + draw(header_values()),
        b"Date: " + draw(header_values()),
        b"Message-ID: " + draw(header_values()),
    ]
    raw = b"\r\n".join(top) + b"\r\n" + draw(parts())
    return raw.replace(b"\r\n", b"\n") if draw(st.booleans()) else raw


def _holds(message: MailMessage, raw: bytes) -> None:
    for name in [f.name for f in message.files] + [r.name for r in message.refused]:
        if name is not None:
            assert "/" not in name and "\\" not in name and len(name) <= 255
            assert not any(unicodedata.category(c) in {"Cc", "Cf"} for c in name), name
    assert "\n" not in message.subject and "\r" not in message.subject
    assert sum(len(f.data) for f in message.files) <= len(raw)
    assert message.sender == message.sender.lower()


def _read_or_refused(raw: bytes) -> None:
    try:
        message = read_message(raw, LIMITS)
    except InputRefusedError as refused:
        assert refused.code.startswith("mail-")
        return
    _holds(message, raw)


@given(messages())
def test_any_mime_tree_is_read_or_refused(raw: bytes) -> None:
    _read_or_refused(raw)


@given(st.binary(max_size=4000))
def test_noise_is_read_or_refused(raw: bytes) -> None:
    _read_or_refused(raw)
