"""Which paragraph of a 公文 is which: title, headings, body, 附件说明, signature, attachment label, 版记.

A Word file says nothing about its parts, so they are recognised as a reader would: the
title is the centred text at the top, a heading starts with its number (一、 （一） 1. （1）),
the signature is the date standing alone at the end of the main text with the issuer above
it, the attachment starts at a line reading 附件 (or 附件1) and the 版记 at 抄送 or at the
line ending in 印发.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from docgen.auditing.document import Document, Paragraph
from docgen.inputs.wordfiles import W

_HEX_COLOUR = re.compile("[0-9A-F]{6}")  # w:color's RRGGBB (auto and anything else: not red)

HEADING_NUMBERS = (
    (1, re.compile(r"^[一二三四五六七八九十百]+、")),
    (2, re.compile(r"^（[一二三四五六七八九十百]+）")),
    (3, re.compile(r"^\d{1,3}[.．、](?!\d)")),
    (4, re.compile(r"^[（(]\d{1,3}[）)]")),
)
DATE_LINE = re.compile(
    r"^\s*(?:\d{4}|[〇零○Ｏ一二三四五六七八九]{4})\s*年\s*[\d一二三四五六七八九十]{1,3}\s*月\s*[\d一二三四五六七八九十]{1,3}\s*日\s*$"
)
ATTACHMENT_LABEL = re.compile(r"^\s*附\s*件\s*\d*\s*[:：]?\s*$")
ATTACHMENT_NOTE = re.compile(r"^\s*附件\s*[:：]")
COPY_TO = re.compile(r"^\s*抄送\s*[:：]")
IMPRINT = re.compile(r"印发\s*$")


def heading_level(text: str) -> int | None:
    """The level (1-4) a paragraph's number gives it, None when it starts with no heading number."""
    for level, pattern in HEADING_NUMBERS:
        if pattern.match(text):
            return level
    return None


def _red(paragraph: Paragraph) -> bool:
    for color in paragraph.element.iter(W + "color"):
        value = (color.get(W + "val") or "").upper()
        if _HEX_COLOUR.fullmatch(value) and int(value[0:2], 16) > 0xA0 > int(value[2:4], 16):  # not ZZZZZZ
            return True
    return False


@dataclass(frozen=True)
class Parts:
    """Paragraph numbers (1-based) of each part; ``main`` is every paragraph of the main text, in order."""

    head: list[Paragraph]  # 发文机关标志 and 发文字号 (red or centred lines above the title)
    title: list[Paragraph]
    main: list[Paragraph]
    note: list[Paragraph]  # 附件说明, with the lines of further attachments
    issuer: list[Paragraph]
    date: Paragraph | None
    labels: list[Paragraph]  # attachment labels (附件, 附件1)
    record: list[Paragraph]  # 版记

    def role(self, paragraph: Paragraph) -> str:
        """The part a paragraph belongs to: head, title, note, issuer, date, label, record, main or other."""
        for name in ("head", "title", "note", "issuer", "labels", "record"):
            if paragraph in getattr(self, name):
                return name
        if paragraph is self.date:
            return "date"
        return "main" if paragraph in self.main else "other"


def starts_page(document: Document, paragraph: Paragraph) -> bool:
    """Whether a paragraph begins a page: the first, one after a page or section break."""
    index = paragraph.number - 1
    if paragraph.page_break_before or index == 0:
        return True
    previous = document.paragraphs[index - 1]
    ppr = previous.element.find(W + "pPr")
    return ppr is not None and ppr.find(W + "sectPr") is not None


def find_parts(document: Document) -> Parts:
    """The parts of ``document``, recognised from its text and layout."""
    body = [p for p in document.paragraphs if not p.in_table]
    labels = [p for p in body if ATTACHMENT_LABEL.match(p.text) and p.text.strip() and starts_page(document, p)]
    end = labels[0].number if labels else None
    record_start = next((p.number for p in body if COPY_TO.match(p.text)), None)
    if record_start is None:
        record_start = next((p.number for p in reversed(body) if IMPRINT.search(p.text) and len(p.text) < 60), None)
    record = [p for p in body if record_start is not None and p.number >= record_start]
    if end is None or (record_start is not None and record_start < end):
        end = record_start
    main_all = [p for p in body if end is None or p.number < end]
    head: list[Paragraph] = []
    title: list[Paragraph] = []
    for paragraph in main_all:
        if not paragraph.text.strip():
            if title:
                break
            continue
        if paragraph.jc != "center":
            break
        if not title and (
            _red(paragraph) or re.search(r"〔\d{4}〕|[\[【(（]\d{4}[\]】)）]\s*\d+\s*号", paragraph.text)
        ):
            head.append(paragraph)
        else:
            title.append(paragraph)
    date = next((p for p in reversed(main_all) if DATE_LINE.match(p.text)), None)
    issuer: list[Paragraph] = []
    if date is not None:
        index = main_all.index(date) - 1
        while index >= 0 and main_all[index].text.strip() and len(issuer) < 3:
            issuer.insert(0, main_all[index])
            index -= 1
    note: list[Paragraph] = []
    for paragraph in main_all:
        if note and paragraph.text.strip() and re.match(r"^\s*\d+[.．]", paragraph.text) and paragraph not in issuer:
            note.append(paragraph)
        elif ATTACHMENT_NOTE.match(paragraph.text) and paragraph.text.strip().rstrip("：:") != "附件":
            note = [paragraph]
        elif note and paragraph.text.strip():
            break
    special = {id(p) for p in [*head, *title, *issuer, *note, *([date] if date else [])]}
    main = [p for p in main_all if id(p) not in special]
    return Parts(head, title, main, note, issuer, date, labels, record)
