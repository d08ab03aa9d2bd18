"""Rules on what a document says: document numbers, dates, punctuation, the signature, attachments, the 版记.

A finding whose fix is mechanical carries ``offset``, ``length`` and ``replacement`` (in the
paragraph's text), which ``docgen.auditing.fixing`` applies.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from typing import Any

from docgen import chinese
from docgen.auditing.document import Document, Paragraph, is_han
from docgen.auditing.layout_rules import CHARS, Found, place
from docgen.auditing.structure import Parts, heading_level

HALF_TO_FULL = {",": "，", ".": "。", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
TITLE_END = "，。、；：,.;:!?！？"
NOTE_END = "。，；：.,;:"
TOLERANCE = 0.6  # characters


def _fix(paragraph: Paragraph, code: str, offset: int, length: int, replacement: str, **extra: Any) -> Found:
    where, params = place(paragraph)
    found = paragraph.text[offset : offset + length]
    fix = {"offset": offset, "length": length, "replacement": replacement, "found": found, "corrected": replacement}
    return code, where, {**params, **fix, **extra}


def number_and_date_rules(document: Document) -> Iterator[Found]:
    """发文字号 as 〔2019〕9号 (7.2.4) and dates in Arabic numerals without zero padding (7.3.5.1)."""
    for paragraph in document.paragraphs:
        for slip in chinese.document_number_slips(paragraph.text):
            yield _fix(paragraph, "document-number", slip.start, slip.end - slip.start, slip.corrected)
        for slip in chinese.date_slips(paragraph.text):
            yield _fix(paragraph, "date-form", slip.start, slip.end - slip.start, slip.corrected)


def _cjk(char: str) -> bool:
    return is_han(char) or "\u3000" <= char <= "\u303f" or "\uff00" <= char <= "\uffef" or char in "“”‘’《》"


def punctuation_rules(document: Document) -> Iterator[Found]:
    """Half-width , . ; : ? ! ( ) beside Chinese text take their full-width forms (GB/T 15834)."""
    for paragraph in document.paragraphs:
        text = paragraph.text
        for i, char in enumerate(text):
            if char not in HALF_TO_FULL:
                continue
            before = text[i - 1] if i else ""
            after = text[i + 1] if i + 1 < len(text) else ""
            if char == "." and (not (before and is_han(before)) or (after.isascii() and after.isalnum())):
                continue  # 1. and 3.5 and a.com keep their stop, and so does 开放日.mp4, a file's name
            if (before and _cjk(before)) or (char in "(:" and after and is_han(after)):
                yield _fix(paragraph, "half-width-punctuation", i, 1, HALF_TO_FULL[char])


def title_rules(parts: Parts) -> Iterator[Found]:
    """A title ends without punctuation (7.3.1); heading 1. takes a half-width stop (7.3.3)."""
    if parts.title:
        last = parts.title[-1]
        text = last.text.rstrip()
        if text and text[-1] in TITLE_END:
            yield _fix(last, "title-punctuation", len(text) - 1, 1, "")
    for paragraph in parts.main:
        match = re.match(r"^(\d{1,3})([．、])(?!\d)", paragraph.text)
        if match and heading_level(paragraph.text) == 3:
            yield _fix(paragraph, "heading-number-form", match.start(2), 1, ".")


def _width(text: str) -> float:
    """Width in characters of 三号 text: ASCII half a character, an ASCII space a quarter; the gap Han|Latin a fifth."""
    width = sum(0.25 if c == " " else 0.5 if ord(c) < 0x2E80 else 1.0 for c in text)
    kinds = ["latin" if c.isascii() and c.isalnum() else "han" if is_han(c) else "other" for c in text]
    return width + 0.2 * sum(1 for a, b in itertools.pairwise(kinds) if {a, b} == {"han", "latin"})


def _span(paragraph: Paragraph) -> tuple[float, float]:
    """Where a one-line paragraph's text starts and how far its end stands from the right, in characters."""
    text = paragraph.text.replace("\t", " ")
    visible = text.strip(" \u3000")
    lead = _width(text[: len(text) - len(text.lstrip(" \u3000"))])
    trail = _width(text[len(text.rstrip(" \u3000")) :])
    width = _width(visible)
    if paragraph.jc == "right":
        right = paragraph.right + trail
        return CHARS - right - width, right
    if paragraph.jc == "center":
        free = CHARS - paragraph.left - paragraph.right - width - lead - trail
        left = paragraph.left + free / 2 + lead
        return left, CHARS - left - width
    left = paragraph.left + paragraph.first_line + lead
    return left, CHARS - left - width


def signature_rules(parts: Parts) -> Iterator[Found]:
    """The signature as 7.3.5.2 (no seal) or 7.3.5.1 (sealed) lays it out."""
    if parts.date is None or not parts.issuer:
        return
    date_left, date_right = _span(parts.date)
    issuer_left, issuer_right = _span(parts.issuer[-1])
    width_date = CHARS - date_left - date_right
    width_issuer = CHARS - issuer_left - issuer_right
    unsealed = abs(date_left - issuer_left - 2) <= TOLERANCE and abs(min(date_right, issuer_right) - 2) <= TOLERANCE
    centre_date, centre_issuer = date_left + width_date / 2, issuer_left + width_issuer / 2
    sealed = abs(date_right - 4) <= TOLERANCE and abs(centre_date - centre_issuer) <= TOLERANCE
    if not (unsealed or sealed):
        where, params = place(parts.date)
        found = {"date_right": f"{date_right:.1f}", "offset_chars": f"{date_left - issuer_left:.1f}"}
        yield "signature-layout", where, {**params, **found}


def attachment_rules(document: Document, parts: Parts) -> Iterator[Found]:
    """附件说明 (7.3.4) and each attachment's label (7.3.7)."""
    if parts.note:
        first = parts.note[0]
        index = first.number - 2
        if index >= 0 and document.paragraphs[index].text.strip():
            yield ("attachment-note-blank", *place(first))
        if abs(first.first_line + first.left - 2) > TOLERANCE:
            where, params = place(first)
            yield "attachment-note-indent", where, {**params, "found": f"{first.first_line + first.left:g}"}
        colon = re.match(r"^\s*附件\s*(:)", first.text)
        if colon:
            yield _fix(first, "attachment-note-colon", colon.start(1), 1, "：")
        for paragraph in parts.note:
            text = paragraph.text.rstrip()
            if text and text[-1] in NOTE_END:
                yield _fix(paragraph, "attachment-note-punctuation", len(text) - 1, 1, "")
    for label in parts.labels:
        colon = re.search(r"[:：]\s*$", label.text)
        if colon:
            yield _fix(label, "attachment-label-colon", colon.start(), len(label.text) - colon.start(), "")
        if abs(label.first_line) + abs(label.left) > 0.25 or label.jc != "left":
            yield ("attachment-label-place", *place(label))
    if parts.note and not parts.labels:
        yield ("attachment-label-missing", *place(parts.note[0]))


def record_rules(document: Document, parts: Parts) -> Iterator[Found]:
    """The 版记 (7.4): 抄送 punctuated, 印发机关 and 印发日期 on one line, ruled, at the very end."""
    if not parts.record:
        return
    texts = [p for p in parts.record if p.text.strip()]
    copy_to = next((p for p in texts if re.match(r"^\s*抄送", p.text)), None)
    if copy_to is not None:
        colon = re.match(r"^\s*抄送\s*(:)", copy_to.text)
        if colon:
            yield _fix(copy_to, "copy-to-colon", colon.start(1), 1, "：")
        text = copy_to.text.rstrip()
        if not text.endswith("。"):
            end = text[-1] in "，,；;、.：:"
            yield _fix(copy_to, "copy-to-stop", len(text) - (1 if end else 0), 1 if end else 0, "。")
    imprint = next((p for p in reversed(texts) if re.search(r"印发\s*$", p.text)), None)
    if imprint is None:
        yield ("record-imprint-missing", *place(texts[-1] if texts else parts.record[0]))
        return
    if texts[-1] is not imprint:
        yield ("record-position", *place(texts[-1]))
    first, last = texts[0], imprint
    top = first.borders.get("top", 0.0) or _border_above(document, first)
    bottom = last.borders.get("bottom", 0.0)
    if not (0.8 <= top <= 1.2 and 0.8 <= bottom <= 1.2) and not first.in_table:
        where, params = place(first)
        yield "record-rules", where, {**params, "top": f"{top:g}", "bottom": f"{bottom:g}"}


def _border_above(document: Document, paragraph: Paragraph) -> float:
    """The bottom rule of the paragraph above (a rule may be drawn there instead)."""
    index = paragraph.number - 2
    return document.paragraphs[index].borders.get("bottom", 0.0) if index >= 0 else 0.0
