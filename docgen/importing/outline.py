"""The parts of a notice as people type them: title, salutation, opening, numbered sections, signature, attachments.

Numbers are read from the text (一、 （一） 1. 1、 （1）), Word's automatic numbers having been turned
into text by ``wordfile``; a numbered line that is short and ends without a full stop is a
heading, a longer one is an item of running text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from docgen.importing.wordfile import Block

_NUMERALS = "一二三四五六七八九十百零〇"
_LEVELS = (
    (1, re.compile(rf"^([{_NUMERALS}]+)\s*[、,，.．]\s*")),
    (2, re.compile(rf"^[（(]\s*([{_NUMERALS}]+)\s*[）)]\s*[、.．]?\s*")),
    (3, re.compile(r"^(\d{1,3})\s*(?:[、．]|\.(?!\d))\s*")),
    (4, re.compile(r"^[（(]\s*(\d{1,3})\s*[）)]\s*[、.．]?\s*")),
    (5, re.compile(r"^([①-⑳])\s*")),
)
DATE_LINE = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$")
_CN_DATE_LINE = re.compile(
    r"^([〇零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日$"
)
_ATTACHMENT_LINE = re.compile(r"^附\s*件\s*(\d*)\s*[：:]\s*(.*)$")
_ATTACHMENT_LABEL = re.compile(r"^附\s*件\s*(\d*)\s*[：:]?$")
HEADING_CHARS = 36


def numbered(text: str) -> tuple[int, str] | None:
    """(level, text after the number) for a numbered line; None for an unnumbered one."""
    for level, pattern in _LEVELS:
        match = pattern.match(text)
        if match and text[match.end() :].strip():
            return level, text[match.end() :].strip()
    return None


def is_heading_text(text: str) -> bool:
    """A heading: short, and not a sentence (no full stop, no label before a colon's value)."""
    return len(text) <= HEADING_CHARS and not re.search(r"[。；;：:]\s*\S", text) and not text.endswith("。")


def date_of_line(text: str) -> tuple[int, int, int] | None:
    """(year, month, day) of a line that is only a date: 2019年4月30日, 二〇一九年四月三十日."""
    match = DATE_LINE.match(text)
    if match:
        return int(match.group(1)), int(match.group(2)), int(match.group(3))
    match = _CN_DATE_LINE.match(text)
    if match:
        digits = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0}
        year = int("".join(str(digits[c]) for c in match.group(1)))
        return year, _small(match.group(2)), _small(match.group(3))
    return None


def _small(text: str) -> int:
    digits = {c: i for i, c in enumerate("零一二三四五六七八九")}
    if "十" not in text:
        return digits.get(text, 0)
    tens, _, ones = text.partition("十")
    return (digits.get(tens, 1) if tens else 1) * 10 + (digits.get(ones, 0) if ones else 0)


@dataclass
class Paragraph:
    """A line of the body with where it came from (its paragraph number in the Word file)."""

    number: int
    text: str
    level: int = 0  # 0: unnumbered; 1-5: 一、 （一） 1. （1） ①
    rest: str = ""  # the text after the number


@dataclass
class Part:
    """A numbered section: its heading line and what follows until the next one."""

    heading: Paragraph
    lines: list[Paragraph] = field(default_factory=list)
    tables: list[tuple[int, Block]] = field(default_factory=list)  # (index among lines, table)


@dataclass
class Attachment:
    """One attachment page: its label and title, the lines around its table, the table."""

    title: str
    before: list[Paragraph] = field(default_factory=list)
    table: Block | None = None
    after: list[Paragraph] = field(default_factory=list)


@dataclass
class Outline:
    """The notice cut into its parts."""

    title: list[Paragraph] = field(default_factory=list)
    salutation: Paragraph | None = None
    opening: list[Paragraph] = field(default_factory=list)
    parts: list[Part] = field(default_factory=list)
    issuer: Paragraph | None = None
    date: tuple[int, int, int] | None = None
    attachment_note: list[str] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    loose_tables: list[Block] = field(default_factory=list)


def _paragraph(block: Block) -> Paragraph:
    text = block.text.strip()
    found = numbered(text)
    if found is None:
        return Paragraph(block.number, text)
    return Paragraph(block.number, text, found[0], found[1])


def outline(blocks: list[Block]) -> Outline:
    """Cut the Word file's blocks into title, opening, sections, signature and attachment pages."""
    items: list[Block] = []
    page_break = False  # a page break in an empty paragraph belongs to the next block
    for block in blocks:
        if block.is_table or block.text.strip():
            block.page_break = block.page_break or page_break
            items.append(block)
            page_break = False
        else:
            page_break = page_break or block.page_break
    out = Outline()
    end = _signature_end(items, out)
    body, tail = items[:end], items[end:]
    first_heading = next((i for i, b in enumerate(body) if not b.is_table and _paragraph(b).level == 1), len(body))
    _front(body[:first_heading], out)
    _sections(body[first_heading:], out)
    _attachments(tail, out)
    return out


def _signature_end(items: list[Block], out: Outline) -> int:
    """Find the signature (issuer and date lines); returns where the attachment pages start."""
    dated = [i for i, b in enumerate(items) if not b.is_table and date_of_line(re.sub(r"\s+", "", b.text))]
    chosen = next((i for i in dated if _ends_the_body(items, i)), None)
    if chosen is None:
        return len(items)
    day = date_of_line(re.sub(r"\s+", "", items[chosen].text))
    assert day is not None
    out.date = day
    start = chosen
    if chosen > 0 and not items[chosen - 1].is_table:
        before = _paragraph(items[chosen - 1])
        if before.level == 0 and len(before.text) <= 30 and not re.search(r"[。：:；，,]", before.text):
            out.issuer = before
            start = chosen - 1
    del items[start : chosen + 1]
    return start


def _ends_the_body(items: list[Block], at: int) -> bool:
    """A date line ends the body when the file ends there or an attachment page follows.

    A date alone on a line inside a section (the day of a one-day event) is not the signature.
    """
    following = items[at + 1 : at + 4]
    if not following:
        return True
    first = following[0]
    if first.is_table or first.page_break or items[at].page_break:
        return True
    if re.match(r"^附\s*件", first.text.strip()):
        return True
    return any(b.is_table for b in following[1:]) and all(numbered(b.text.strip()) is None for b in following[:1])


def _front(blocks: list[Block], out: Outline) -> None:
    lines = [_paragraph(b) for b in blocks if not b.is_table]
    out.loose_tables += [b for b in blocks if b.is_table]
    i = 0
    while i < len(lines) and i < 4 and len(lines[i].text) <= 40 and not re.search(r"[。：:；]$", lines[i].text):
        if i > 0 and lines[i].text.startswith(("各", "全体")) and len(lines) > i + 1:
            break
        out.title.append(lines[i])
        i += 1
    if not lines[i:] and out.title and len(out.title) > 1:
        i -= 1
        out.title.pop()
    if i < len(lines) and len(lines[i].text) <= 40 and re.search(r"[：:]$", lines[i].text):
        out.salutation = lines[i]
        i += 1
    out.opening = lines[i:]


def _sections(blocks: list[Block], out: Outline) -> None:
    for block in blocks:
        if block.is_table:
            if out.parts:
                out.parts[-1].tables.append((len(out.parts[-1].lines), block))
            else:
                out.loose_tables.append(block)
            continue
        line = _paragraph(block)
        note = _ATTACHMENT_LINE.match(line.text)
        if note:
            out.attachment_note.append(note.group(2))
            continue
        if out.attachment_note and line.level == 3:
            out.attachment_note.append(line.rest)
            continue
        if line.level == 1 and is_heading_text(line.rest):
            out.parts.append(Part(line))
        elif out.parts:
            out.parts[-1].lines.append(line)
        else:
            out.opening.append(line)


def _attachments(blocks: list[Block], out: Outline) -> None:
    """Attachment pages: a label (附件, 附件1) or a title line, lines, a table, more lines."""
    current: Attachment | None = None
    for block in blocks:
        if block.is_table:
            if current is None:
                current = Attachment("")
                out.attachments.append(current)
            if current.table is None:
                current.table = block
            else:
                out.loose_tables.append(block)
            continue
        line = _paragraph(block)
        label = _ATTACHMENT_LABEL.match(line.text)
        labelled = _ATTACHMENT_LINE.match(line.text)
        if label or labelled:
            current = Attachment(labelled.group(2) if labelled and not label else "")
            out.attachments.append(current)
        elif current is None:
            current = Attachment(line.text)
            out.attachments.append(current)
        elif not current.title and current.table is None and not current.before:
            current.title = line.text
        else:
            (current.before if current.table is None else current.after).append(line)
