"""File names made from plan text that are safe on Linux, macOS and Windows alike."""

from __future__ import annotations

import re
import unicodedata

_QUOTES = re.compile(r'[\u201c\u201d\u2018\u2019"]')
_SPACES = re.compile(r"\s+")
_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*\u201c\u201d\u2018\u2019\u200b-\u200f\u202a-\u202e\u2066-\u2069]')
_WINDOWS_RESERVED = {
    "CON",
    "PRN",
    "AUX",
    "NUL",
    "CONIN$",
    "CONOUT$",
    *(f"{port}{n}" for port in ("COM", "LPT") for n in [*"0123456789", "¹", "²", "³"]),
}
MAX_STEM = 80
# Linux and macOS limit a name to 255 bytes; 80 emoji are 320. Room is left for ".docx".
MAX_STEM_BYTES = 200


def safe_stem(text: str, fallback: str = "文档") -> str:
    """A file name stem from ``text``: no separators, quotes or control marks, at most 80 characters.

    The stem is also at most 200 bytes in UTF-8 and never a name Windows reserves for a device.

    Quotation marks are dropped rather than replaced (2019年“职业教育宣传月”活动方案 becomes
    2019年职业教育宣传月活动方案); other unsafe characters become "_".
    """
    text = unicodedata.normalize("NFC", text)
    # invisible format characters (U+2060 word joiner, U+FEFF, soft hyphen, U+061C, bidi marks)
    # would make two names that look alike differ, or a name that looks harmless read backwards
    if not text.isprintable():  # printable text holds no format character (nearly every name: no walk)
        text = "".join(c for c in text if unicodedata.category(c) != "Cf")
    text = _QUOTES.sub("", text)
    stem = _SPACES.sub(" ", _UNSAFE.sub("_", text))
    stem = stem.replace("..", "_").strip(" ._")
    if len(stem) > MAX_STEM:
        stem = stem[:MAX_STEM].rstrip(" ._")
    while len(stem.encode("utf-8")) > MAX_STEM_BYTES:
        stem = stem[:-1].rstrip(" ._")
    if not stem:
        stem = fallback
    if stem.split(".")[0].rstrip(" ").upper() in _WINDOWS_RESERVED:
        stem = "_" + stem
    return stem
