"""Line breaks the reader notices: widows, and phrases cut across two lines.

A reader of an official document sees a lone character on the last line ("模。") as careless,
and a date, a blank to fill in or a short bracketed phrase cut at a line's end (请于＿＿ /
＿月, （5月2日至5月8 / 日）) as a slip. The rendered body paragraphs are set, in advance, the way the
office suite will break them on GB/T 9704's grid (三号 characters 15.7 pt apart on the 156 mm
line, a comma or stop that may not start a line hanging at the end of the previous one, a
closing bracket or quote taking the character before it to the next line), and a
paragraph with such a flaw gets a slightly different character spacing on its runs (字距,
which GB/T 9704 lets a line adjust): tighter, so that 29 characters fit a line, or plain
16 pt (27), or a little wider (26), whichever leaves the fewest flaws. All keep at least 2.6 pt
free on a full line, which LibreOffice needs to keep a hanging mark (see scripts/ooxml.py,
BODY_SPACING).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from functools import lru_cache

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
LINE_PT = 156 * 72 / 25.4
EM_PT = 16.0
BODY_SPACING = -6  # twips, the body style's character spacing (scripts/ooxml.py)
# Character spacings (twips) tried on a paragraph with a flaw, in order of preference.
REMEDIES = (-17, 0, 10)
WIDOW_CHARS = 2
MARGIN = 2  # characters a kept phrase stands from a line's end in the model (see ``flaws``)
STRETCH_PT = 1.5 * 16  # a line this much short of the measure is visibly spread out by justification
# Phrases a line break may not cut: a blank with its 月 and 日, a date, a short bracketed phrase.
KEPT_WHOLE = re.compile(r"[＿_]+月[＿_]+日|[＿_]{2,}|\d{4}年\d{1,2}月\d{1,2}日|\d{1,2}月\d{1,2}日|（[^（）]{1,12}）")
# Styles of body text and their first-line indents in points (the Normal style indents two characters).
BODY_STYLES = {None: 2 * EM_PT, "Normal": 2 * EM_PT, "NoIndent": 0.0}
HANGING = set("，。、；：？！,.;:?!")  # may not start a line: hangs into the margin at the end of the one before
CLOSING = set("）》」』】〕”’·%)]")  # may not start a line either, and takes the character before it down
NO_LINE_START = HANGING | CLOSING
NO_LINE_END = set("（《「『【〔“‘([")
AUTOSPACE_PT = 3.2  # LibreOffice's gap between a Chinese character and a Latin letter or digit


def _script(char: str) -> str:
    if char.isascii() and char.isalnum():
        return "latin"
    return "han" if "\u3400" <= char <= "\u9fff" else "other"


def _word(chars: str) -> bool:
    """Characters of one Latin word, number or address (18083554@qq.com): the office suite breaks none of them."""
    return all(c.isascii() and not c.isspace() for c in chars)


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
            if char in HANGING and not _word(text[i - 1 : i + 2]):  # hangs into the margin at the end of this line
                i += 1
            else:
                overflow = i
                if char in CLOSING and i - 1 > start:
                    i -= 1  # measured in LibreOffice 7.4: 测） goes down together
                while i - 1 > start and (text[i - 1] in NO_LINE_END or _word(text[i - 1 : i + 1])):
                    i -= 1  # an opening mark, a Latin word or an address (a@b.com) moves down whole
                if i - 1 <= start and _word(text[start:overflow]):
                    i = overflow  # a word longer than the line is broken where the line ends, as the suite does
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


@lru_cache(maxsize=4096)
def flaws(text: str, indent_pt: float, spacing_twips: int) -> int:
    """How many flaws ``text`` has when set at ``spacing_twips``: a widow, each phrase cut, each line stretched.

    A line is stretched when a word that cannot break (an e-mail address, a long number) moved
    down whole and left the line more than ``STRETCH_PT`` short, which justification spreads out.
    """
    lengths = line_lengths(text, indent_pt, spacing_twips)
    ends = list(itertools.accumulate(lengths))
    # a phrase that ends a line, or starts one, counts as cut too: the office suite may set a line
    # a character longer or shorter than this model when it holds many digits
    cut = sum(
        1 for m in KEPT_WHOLE.finditer(text) if any(m.start() - MARGIN < end < m.end() + MARGIN for end in ends[:-1])
    )
    stretched = 0
    for number, (start, end) in enumerate(itertools.pairwise([0, *ends[:-1]])):
        used = (indent_pt if number == 0 else 0.0) + _natural(text[start:end], spacing_twips / 20)
        stretched += LINE_PT - used > STRETCH_PT
    return cut + stretched + ends_in_widow(lengths)


def _natural(line: str, spacing: float) -> float:
    """The width of a line of text as set, before justification spreads it."""
    gaps = sum(1 for a, b in itertools.pairwise(line) if {_script(a), _script(b)} == {"han", "latin"})
    return sum(_advance(c, spacing) for c in line) + gaps * AUTOSPACE_PT


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
    """Give each body paragraph with a widow or a cut phrase the spacing that mends it best; return how many."""
    mended = 0
    body = document.find(f"{W}body")
    for paragraph in body.iterchildren(f"{W}p") if body is not None else ():
        text = "".join(t.text or "" for t in paragraph.iter(f"{W}t"))
        if len(text) * (EM_PT + AUTOSPACE_PT) <= LINE_PT - 2 * EM_PT or not _plain_body(paragraph):
            continue  # fits one line even at the widest (tables' paragraphs are never walked)
        indent = BODY_STYLES[_style(paragraph)]
        found = flaws(text, indent, BODY_SPACING)
        if not found:
            continue
        counted = [(flaws(text, indent, spacing), spacing) for spacing in REMEDIES]
        fewest, spacing = min(counted, key=lambda c: c[0])  # the first of the best, in order of preference
        if fewest < found:
            _set_spacing(paragraph, spacing)
            mended += 1
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
