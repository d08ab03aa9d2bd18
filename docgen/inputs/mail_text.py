"""The words of an e-mail's headers as Chinese mail clients write them: subjects, senders and file names.

Mail reaches a school's mailbox from every client there is, and many label their text wrongly:
a subject labelled gb2312 holding GBK-only characters (珺, 镕), a GBK name split between two
encoded words in the middle of a character, a file name in raw 8-bit GBK with no label at all,
an RFC 2231 name in GB18030. ``email``'s own decoders get each of these wrong in one policy or
the other, so the words are decoded here, by one set of rules:

- a label from the GB family (gb2312, gbk, cp936 …) is read as GB18030, which holds them all;
- unlabelled 8-bit text is UTF-8 when it is valid UTF-8, else GB18030;
- adjacent encoded words of one charset are joined as bytes before they are decoded;
- only charsets of text are honoured (a label such as ``punycode`` or ``unicode_escape`` is
  read as unlabelled text), and nothing ever raises: what cannot be decoded is replaced.

Everything is bounded: a header is cut at ``MAX_HEADER_CHARS`` before it is looked at, and only
the first ``MAX_ENCODED_WORDS`` encoded words are decoded, so no header costs more than a few
milliseconds whatever it holds.
"""

from __future__ import annotations

import binascii
import codecs
import re
import unicodedata
from email.message import Message

MAX_HEADER_CHARS = 8192  # of one header's raw value; a subject is a line, a name a few dozen characters
MAX_ENCODED_WORDS = 200
MAX_NAME_CHARS = 255  # a decoded file name, before it is made safe
# the GB family: each a subset of GB18030, and often used to label text of the wider sets
_GB_FAMILY = {"gb2312", "gbk", "x-gbk", "cp936", "ms936", "euc-cn", "x-euc-cn", "gb_2312-80", "csgb2312", "gb2312-80"}
_UNLABELLED = {"", "unknown-8bit", "x-unknown", "8bit", "us-ascii", "ascii", "default"}
_TEXT_CHARSET = re.compile(
    r"utf-?(?:8|16|32)(?:-?[bl]e)?|utf-7|gb18030|big5(?:-?hkscs)?|cp950|iso-?8859-\d{1,2}|latin-?[1-9]"
    r"|iso-2022-(?:jp|kr|cn)(?:-\d|-ext)?|(?:windows|cp)-?\d{3,4}|koi8-[rut]|euc-(?:jp|kr|jis-2004)"
    r"|shift_?jis(?:-2004)?|sjis|hz(?:-gb-2312)?|tis-620|ks_c_5601-1987|x-mac-[a-z]+|mac-?[a-z]+"
)
_ENCODED_WORD = re.compile(r"=\?([^?\s]{1,60})\?([bBqQ])\?([^?\s]{0,4000})\?=")
_FOLD = re.compile(r"\r?\n(?=[ \t])")
_BREAKS = re.compile(r"[\r\n]+")
_HIDDEN_START = re.compile(r"^(?:[.\s]|~\$)+")


def charset_codec(label: str | None) -> str | None:
    """The codec that reads text labelled ``label``, or None where the label says nothing usable.

    RFC 2231 allows a language after the charset (``utf-8*zh``); the GB family reads as GB18030.
    """
    name = (label or "").strip().strip("\"'").split("*", 1)[0].lower()
    if name in _UNLABELLED:
        return None
    if name in _GB_FAMILY:
        return "gb18030"
    if not _TEXT_CHARSET.fullmatch(name):
        return None
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_text(data: bytes, label: str | None) -> str:
    """``data`` as text: by its label where it has a usable one, else UTF-8 where valid, else GB18030.

    A label that does not fit the bytes (UTF-8 labelled gbk, or the other way round) is tried
    after UTF-8 and GB18030; what none of them reads is replaced, never an error.
    """
    return _decode_as(data, charset_codec(label))


def _decode_as(data: bytes, codec: str | None) -> str:
    tried = [c for c in (codec, "utf-8", "gb18030") if c is not None]
    for name in dict.fromkeys(tried):
        try:
            return data.decode(name)
        except (UnicodeDecodeError, LookupError):
            continue
    return data.decode(codec or "gb18030", errors="replace")


def raw_bytes(text: str) -> bytes:
    """A header value as the bytes parser kept it, back to its bytes.

    The parser keeps 8-bit bytes as surrogates (U+DC80–U+DCFF); a character that came from a
    ``str`` (no parser) is written as UTF-8.
    """
    out = bytearray()
    for char in text:
        code = ord(char)
        if code < 0x80:
            out.append(code)
        elif 0xDC80 <= code <= 0xDCFF:
            out.append(code - 0xDC00)
        else:
            out += char.encode("utf-8", errors="replace")
    return bytes(out)


def decode_header(raw: str, limit: int = MAX_HEADER_CHARS) -> str:
    """A header's raw value (RFC 2047 encoded words, raw 8-bit or plain) as one line of text.

    Folded lines are unfolded; white space between two encoded words is dropped, as RFC 2047
    says; adjacent encoded words of one charset are joined before decoding, so a character
    split between them survives. Line breaks left in the text become spaces.
    """
    text = _FOLD.sub("", raw[:limit])
    pieces: list[tuple[bytes, str | None, bool]] = []  # (bytes, codec, from an encoded word)
    position = 0
    for count, match in enumerate(_ENCODED_WORD.finditer(text)):
        if count >= MAX_ENCODED_WORDS:
            break
        between = text[position : match.start()]
        if between and not (between.isspace() and pieces and pieces[-1][2]):
            pieces.append((raw_bytes(between), None, False))
        word = _word_bytes(match.group(2), match.group(3))
        if word is None:
            pieces.append((raw_bytes(match.group(0)), None, False))
        else:
            pieces.append((word, charset_codec(match.group(1)), True))
        position = match.end()
    if position < len(text):
        pieces.append((raw_bytes(text[position:]), None, False))
    words: list[str] = []
    joined, codec = b"", None
    for data, piece_codec, _ in pieces:
        if piece_codec == codec or not joined:
            joined, codec = joined + data, piece_codec
            continue
        words.append(_decode_as(joined, codec))
        joined, codec = data, piece_codec
    words.append(_decode_as(joined, codec))
    return _BREAKS.sub(" ", "".join(words)).strip()


def _word_bytes(encoding: str, encoded: str) -> bytes | None:
    """The bytes of one encoded word's text, or None where it is not valid base64."""
    if encoding in "qQ":
        return binascii.a2b_qp(encoded.encode("ascii", "replace"), header=True)
    padded = encoded + "=" * (-len(encoded) % 4)
    try:
        return binascii.a2b_base64(padded.encode("ascii", "replace"))
    except binascii.Error:
        return None


def header_value(part: Message, name: str) -> str | None:
    """The raw value of the first header ``name`` of ``part``, as the parser kept it (None when absent)."""
    wanted = name.lower()
    for key, value in part.raw_items():
        if key.lower() == wanted:
            return str(value)
    return None


def attachment_name(part: Message) -> str | None:
    """The file name a part carries: Content-Disposition's ``filename``, else Content-Type's ``name``.

    Reads RFC 2231 names (any charset, split into numbered pieces), RFC 2047 encoded words
    inside the quotes, and raw 8-bit UTF-8 or GBK. The name comes back decoded, without any
    folder before it and without control or invisible format characters (a right-to-left mark
    can make ``fdp.exe`` look like ``exe.pdf``); None when the part names no file.
    """
    for header, param in (("content-disposition", "filename"), ("content-type", "name")):
        raw = header_value(part, header)
        if raw is None:
            continue
        value = _parameter(raw, header, param)
        if value:
            name = plain_name(value)
            if name:
                return name
    return None


def _parameter(raw: str, header: str, param: str) -> str | None:
    """A parameter of a raw header, decoded; an RFC 2231 value is preferred to a plain one of the same name."""
    holder = Message()  # compat32's parameter parser leaves encoded words and 8-bit bytes alone
    latin = _BREAKS.sub(" ", raw_bytes(_FOLD.sub("", raw[:MAX_HEADER_CHARS])).decode("latin-1"))
    holder[header] = latin
    try:
        params = holder.get_params(header=header) or []
    except (ValueError, TypeError, LookupError, IndexError):  # e.g. a piece numbered with 5,000 digits
        return None
    found: list[object] = [value for key, value in params[1:] if key.lower() == param]  # RFC 2231: a 3-tuple
    extended = [value for value in found if isinstance(value, tuple) and len(value) == 3]
    if extended:
        label, _language, text = extended[0]
        return decode_text(str(text).encode("latin-1", errors="replace"), str(label or "") or None)
    if not found:
        return None
    text = str(found[0])
    surrogates = text.encode("latin-1", errors="replace").decode("ascii", errors="surrogateescape")
    return decode_header(surrogates)


def plain_name(name: str) -> str:
    """A sender's file name without folders, control or invisible characters, at most ``MAX_NAME_CHARS`` long.

    A leading dot or ``~$`` goes too: a folder listing hides such a file (a hidden file, Word's
    lock file), and so would ``status``.
    """
    text = unicodedata.normalize("NFC", name)
    text = "".join(c for c in text if unicodedata.category(c) not in {"Cc", "Cf", "Cs", "Co"})
    text = re.split(r"[/\\]", text)[-1].strip()
    text = _HIDDEN_START.sub("", text)
    return text[-MAX_NAME_CHARS:] if len(text) > MAX_NAME_CHARS else text
