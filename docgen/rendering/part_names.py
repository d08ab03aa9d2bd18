"""The parts of a Word package as a user knows them (body, header, footer ...), and WordprocessingML's namespace.

Apart from ``tags`` (which reads a part's tags as typed), so that rendering a compiled template
needs neither that reader nor its imports: they are for compiling and for locating an error.
"""

from __future__ import annotations

import re

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_PARTS = (
    (re.compile(r"word/document\.xml"), "body"),
    (re.compile(r"word/header\d*\.xml"), "header"),
    (re.compile(r"word/footer\d*\.xml"), "footer"),
    (re.compile(r"word/footnotes\.xml"), "footnotes"),
    (re.compile(r"word/endnotes\.xml"), "endnotes"),
    (re.compile(r"docProps/core\.xml"), "document properties"),
)


def part_label(name: str) -> str:
    """The part a user knows: body, header, footer, footnotes, endnotes or document properties."""
    for pattern, label in _PARTS:
        if pattern.fullmatch(name):
            return label
    return name
