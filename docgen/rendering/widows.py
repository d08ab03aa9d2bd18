"""Widows: a paragraph whose last printed line holds one or two characters ("模。").

A reader of an official document sees a lone character on the last line as careless. The
rendered body paragraphs are set, in advance, the way the office suite will break them on
GB/T 9704's grid (三号 characters 15.7 pt apart on the 156 mm line, a mark that may not start a
line hanging at the end of the previous one), and a paragraph that would end in a widow gets
a slightly different character spacing on its runs: tighter, so that 29 characters fit a line
and the last characters move up, or, where that is not enough, plain 16 pt, so that 27 fit and
more characters move down. Both keep at least 2.6 pt free on a full line, which LibreOffice
needs to keep a hanging mark (see scripts/ooxml.py, BODY_SPACING).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
LINE_PT = 156 * 72 / 25.4
EM_PT = 16.0
BODY_SPACING = -6  # twips, the body style's character spacing (scripts/ooxml.py)
# Character spacings (twips) tried on a paragraph that would end in a widow, in order of preference.
REMEDIES = (-17, 0)
WIDOW_CHARS = 2
# Styles of body text and their first-line indents in points (the Normal style indents two characters).
BODY_STYLES = {None: 2 * EM_PT, "Normal": 2 * EM_PT, "NoIndent": 0.0}
NO_LINE_START = set("，。、；：？！）》」』】〕”’…·%,.;:?!)]")
NO_LINE_END = set("（《「『【〔“‘([")
AUTOSPACE_PT = 3.2  # LibreOffice's gap between a Chinese character and a Latin letter or digit


def _script(char: str) -> str:
    if char.isascii() and char.isalnum():
        return "latin"
    return "han" if "\u3400" <= char <= "\u9fff" else "other"


def _advance(char: str, spacing_pt: float) -> float:
    if char == " ":
        return EM_PT / 4 + spacing_pt
    return (EM_PT / 2 if ord(char) < 0x2E80 else EM_PT) + spacing_pt


@lru_cache(maxsize=4096)
def line_lengths(text: str, indent_pt: float, spacing_twips: int) -> tuple[int, ...]:
    """How many characters each printed line of ``text`` holds, as the office suite breaks it.

    Remembered: a batch's documents repeat the same paragraphs (a task's work on every sheet).
    """
    spacing = spacing_twips / 20
    lines: list[int] = []
    start, x, limit = 0, indent_pt, LINE_PT
    i = 0
    while i < len(text):
        char = text[i]
        width = _advance(char, spacing)
        if i > start and {_script(char), _script(text[i - 1])} == {"han", "latin"}:
            width += AUTOSPACE_PT
        if x + width - spacing > limit and i > start:
            if char in NO_LINE_START:  # hangs into the margin at the end of this line
                i += 1
            else:
                while i - 1 > start and (
                    text[i - 1] in NO_LINE_END or _script(text[i - 1]) == _script(text[i]) == "latin"
                ):
                    i -= 1  # an opening mark or a Latin word moves down whole
            lines.append(i - start)
            start, x = i, 0.0
            continue
        x += width
        i += 1
    if start < len(text):
        lines.append(len(text) - start)
    return tuple(lines)


def ends_in_widow(lengths: Sequence[int]) -> bool:
    """True when the last of several lines holds one or two characters."""
    return len(lengths) > 1 and lengths[-1] <= WIDOW_CHARS


def _style(paragraph: etree._Element) -> str | None:
    style = paragraph.find(f"{W}pPr/{W}pStyle")
    return style.get(f"{W}val") if style is not None else None


def _plain_body(paragraph: etree._Element) -> bool:
    """A body paragraph (the caller walks only the body's own), with text in plain runs (no tabs or sizes)."""
    if _style(paragraph) not in BODY_STYLES:
        return False
    if paragraph.find(f".//{W}tab") is not None or paragraph.find(f"{W}pPr/{W}jc") is not None:
        return False
    return all(run.find(f"{W}rPr/{W}sz") is None for run in paragraph.iter(f"{W}r"))


def mend_widows(document: etree._Element) -> int:
    """Give each body paragraph that would end in a widow the spacing that avoids it; return how many."""
    mended = 0
    body = document.find(f"{W}body")
    for paragraph in body.iterchildren(f"{W}p") if body is not None else ():
        text = "".join(t.text or "" for t in paragraph.iter(f"{W}t"))
        if len(text) * (EM_PT + AUTOSPACE_PT) <= LINE_PT - 2 * EM_PT or not _plain_body(paragraph):
            continue  # fits one line even at the widest (tables' paragraphs are never walked)
        indent = BODY_STYLES[_style(paragraph)]
        if not ends_in_widow(line_lengths(text, indent, BODY_SPACING)):
            continue
        for spacing in REMEDIES:
            if not ends_in_widow(line_lengths(text, indent, spacing)):
                _set_spacing(paragraph, spacing)
                mended += 1
                break
    return mended


def _set_spacing(paragraph: etree._Element, twips: int) -> None:
    for run in paragraph.iter(f"{W}r"):
        rpr = run.find(f"{W}rPr")
        if rpr is None:
            rpr = etree.Element(f"{W}rPr")
            run.insert(0, rpr)
        for old in rpr.findall(f"{W}spacing"):
            rpr.remove(old)
        etree.SubElement(rpr, f"{W}spacing").set(f"{W}val", str(twips))
