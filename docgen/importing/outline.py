"""The parts of a notice as people type them: header, title, salutation, opening, sections, signature, attachments.

Numbered level-1 headings (一、) cut the body into sections; what stands between the opening
and the first heading (a schedule table, numbered activities in a notice with no headings) is a
part without a heading. The signature is one or more unit lines above a date, or unit lines
that end the body without one; the 附件 lines name the attachments, with or without a colon,
and the pages after the signature hold them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from docgen.importing.lines import Paragraph, date_of_line, is_section_heading, paragraph
from docgen.importing.wordfile import Block

_ATTACHMENT_LINE = re.compile(r"^(?:文档)?附\s*件\s*(\d*)\s*(?:[：:]\s*|(?<=\d)\s+)(.*)$")
_ATTACHMENT_LABEL = re.compile(r"^附\s*件\s*(\d*)\s*[：:]?$")
_HEADER_LINE = re.compile(
    r"^.{2,30}文件$|^.{0,20}[〔\[［(（]\s*\d{4}\s*[〕\]］)）]\s*\d+\s*号$|^.{2,20}\(\d{4}-\d+号\)$"
)
_SIGNER_END = re.compile(
    r"(?:处|部|室|办|中心|委|科|馆|院|会|系|队|站|组|团委|委员会|总支|支部|学校|大学|学院|协会|公司|政府|局|厅)$"
)
_SALUTATION_START = ("各", "全体", "校内", "校属", "院属", "全校")


@dataclass
class Part:
    """A numbered section (or, without a heading, what stands before the first one) and its lines and tables."""

    heading: Paragraph | None
    lines: list[Paragraph] = field(default_factory=list)
    tables: list[tuple[int, Block]] = field(default_factory=list)  # (index among lines, table)


@dataclass
class Attachment:
    """One attachment page: its label and title, the lines around its table, the table."""

    title: str
    label: Paragraph | None = None
    before: list[Paragraph] = field(default_factory=list)
    table: Block | None = None
    after: list[Paragraph] = field(default_factory=list)


@dataclass
class Outline:
    """The notice cut into its parts."""

    header: list[Paragraph] = field(default_factory=list)
    title: list[Paragraph] = field(default_factory=list)
    salutation: Paragraph | None = None
    opening: list[Paragraph] = field(default_factory=list)
    parts: list[Part] = field(default_factory=list)
    issuers: list[Paragraph] = field(default_factory=list)
    date: tuple[int, int, int] | None = None
    date_line: Paragraph | None = None
    attachment_note: list[Paragraph] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)

    @property
    def issuer(self) -> Paragraph | None:
        """The first line of the signature."""
        return self.issuers[0] if self.issuers else None


def _line(block: Block) -> Paragraph:
    return paragraph(block.number, block.text)


def outline(blocks: list[Block]) -> Outline:
    """Cut the Word file's blocks into header, title, opening, sections, signature and attachment pages."""
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
    end, tail = _signature(items, out)
    body = items[:end]
    first_heading = next(
        (i for i, b in enumerate(body) if not b.is_table and is_section_heading(_line(b))),
        len(body),
    )
    _front(body[:first_heading], out)
    _sections(body[first_heading:], out)
    _attachments(tail, out)
    return out


def _is_signer(block: Block) -> bool:
    """A line that can be (part of) a signature: short, unnumbered, no sentence, no digits."""
    if block.is_table:
        return False
    text = block.text.strip()
    line = _line(block)
    return (
        line.level == 0
        and 2 <= len(text) <= 30
        and not re.search(r"[。：:；;，,、\d（）()“”《》]", text)
        and not _ATTACHMENT_LINE.match(text)
    )


def _signature(items: list[Block], out: Outline) -> tuple[int, list[Block]]:
    """Find the signature: where the body ends, and the blocks after it (the attachment pages)."""
    dated = [i for i, b in enumerate(items) if not b.is_table and date_of_line(re.sub(r"\s+", "", b.text))]
    chosen = next((i for i in dated if i > 0 and _ends_the_body(items, i)), None)
    if chosen is not None:
        day = date_of_line(re.sub(r"\s+", "", items[chosen].text))
        assert day is not None
        out.date, out.date_line = day, _line(items[chosen])
        start = chosen
        while start > 0 and chosen - start < 3 and _is_signer(items[start - 1]):
            if start < chosen and not _SIGNER_END.search(items[start - 1].text.strip()):
                break  # a second line above the first must look like a unit's name
            start -= 1
        out.issuers = _signers(items[start:chosen])
        return start, items[chosen + 1 :]
    end = len(items)
    while end > 0 and not items[end - 1].is_table and _is_note(items[end - 1]) and not items[end - 1].page_break:
        end -= 1  # 附件 lines after an undated signature stay notes
    start = end
    while start > 1 and end - start < 3 and _is_signer(items[start - 1]):
        if not _SIGNER_END.search(items[start - 1].text.strip()):
            break
        start -= 1
    if start == end:
        return len(items), []
    out.issuers = _signers(items[start:end])
    return start, items[end:]


def _is_note(block: Block) -> bool:
    return _is_note_line(_line(block))


def _signers(blocks: list[Block]) -> list[Paragraph]:
    """The signature's unit lines; several units on one line, set apart by spaces, are several lines."""
    lines: list[Paragraph] = []
    for block in blocks:
        parts = block.text.split()
        if len(parts) > 1 and all(_SIGNER_END.search(p) and len(p) >= 2 for p in parts):
            lines += [Paragraph(block.number, p) for p in parts]
        else:
            lines.append(Paragraph(block.number, re.sub(r"\s+", "", block.text)))
    return lines


def _ends_the_body(items: list[Block], at: int) -> bool:
    """A date line ends the body when the file ends there or an attachment page or list follows.

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
    return any(b.is_table for b in following[1:]) and all(_line(b).level == 0 for b in following[:1])


def _front(blocks: list[Block], out: Outline) -> None:
    """Header, title, salutation and opening; a table or a numbered line after them starts a part without a heading."""
    lines = [_line(b) for b in blocks if not b.is_table]
    first_table = next((n for n, b in enumerate(blocks) if b.is_table), None)
    until = len(lines) if first_table is None else sum(1 for b in blocks[:first_table] if not b.is_table)
    i = 0
    while i < min(until, 3) and _HEADER_LINE.match(re.sub(r"\s+", "", lines[i].text)):
        out.header.append(lines[i])
        i += 1
    while i < until and len(out.title) < 4 and _is_title_line(lines[i], out.title):
        if out.title and lines[i].text.startswith(_SALUTATION_START) and i + 1 < len(lines):
            break
        out.title.append(lines[i])
        i += 1
    if i >= len(lines) and len(out.title) > 1:
        i -= 1  # the last short line is the whole of the body: an opening, not a title
        out.title.pop()
    if i < until and len(lines[i].text) <= 60 and re.search(r"[：:]$", lines[i].text) and lines[i].level == 0:
        out.salutation = lines[i]
        i += 1
    opening_end = i
    while opening_end < until and lines[opening_end].level == 0 and not _is_note_line(lines[opening_end]):
        opening_end += 1
    if opening_end >= len(lines) and first_table is None:
        out.opening = lines[i:]
        return
    out.opening = lines[i:opening_end]
    part = Part(None)
    out.parts.append(part)
    seen = 0
    for block in blocks:
        if block.is_table:
            part.tables.append((len(part.lines), block))
            continue
        if seen >= opening_end:
            _add_line(_line(block), out, part)
        seen += 1


def _is_title_line(line: Paragraph, title: list[Paragraph]) -> bool:
    text = line.text
    if line.level or re.search(r"[。：:；;]$", text) or _is_note_line(line):
        return False
    if len(text) <= 40:
        return True
    return not title and len(text) <= 80 and bool(re.search(r"关于|通知|方案|安排$", text))


def _sections(blocks: list[Block], out: Outline) -> None:
    for block in blocks:
        if block.is_table:
            if not out.parts:
                out.parts.append(Part(None))
            out.parts[-1].tables.append((len(out.parts[-1].lines), block))
            continue
        line = _line(block)
        if is_section_heading(line):
            out.parts.append(Part(line))
            continue
        if not out.parts:
            out.parts.append(Part(None))
        _add_line(line, out, out.parts[-1])


def _is_note_line(line: Paragraph) -> bool:
    return bool(_ATTACHMENT_LINE.match(line.text) or _ATTACHMENT_LABEL.match(line.text))


def _add_line(line: Paragraph, out: Outline, part: Part) -> None:
    """A line of a part, or of the 附件 note: 附件：名称, 附件1 名称, 附件： then a list of names."""
    if _is_note_line(line) or (out.attachment_note and _continues_note(line, out.attachment_note, part)):
        out.attachment_note.append(line)
    else:
        part.lines.append(line)


def _continues_note(line: Paragraph, note: list[Paragraph], part: Part) -> bool:
    """A line after 附件： that names one more attachment: 2.名称, or 名称.docx."""
    last = note[-1]
    if part.lines and part.lines[-1].number > last.number:
        return False
    if line.number != last.number + 1:
        return False
    return (line.level == 3 and len(line.rest) <= 40) or bool(
        re.search(r"\.(?:docx?|xlsx?|pdf|wps|zip|rar)$", line.text)
    )


def _attachments(blocks: list[Block], out: Outline) -> None:
    """Attachment pages (a label or a title line, lines, a table, more lines); without a table, names in a list."""
    if not any(b.is_table or b.page_break for b in blocks):
        out.attachment_note += [_line(b) for b in blocks]
        return
    current: Attachment | None = None
    for block in blocks:
        if block.is_table:
            if current is None or current.table is not None:
                current = Attachment("")
                out.attachments.append(current)
            current.table = block
            continue
        line = _line(block)
        label = _ATTACHMENT_LABEL.match(line.text)
        labelled = _ATTACHMENT_LINE.match(line.text)
        if label or labelled or block.page_break or current is None:
            title = labelled.group(2) if labelled and not label else "" if label else line.text
            current = Attachment(title, line)
            out.attachments.append(current)
        elif not current.title and current.table is None and not current.before:
            current.title = line.text
        else:
            (current.before if current.table is None else current.after).append(line)
