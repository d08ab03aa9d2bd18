"""Word files of several shapes, built with python-docx, and the text a reader sees in them."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from difflib import SequenceMatcher
from pathlib import Path

import docx
from docx.document import Document as DocumentObject
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

Row = Sequence[str | tuple[str, int] | None]
"""A table row: a cell's text, (text, columns it spans), or None under a cell merged down."""


def seed_document(seed_text: str) -> DocumentObject:
    """A Word copy of the seed's text: its paragraphs, then the attachment page with its table."""
    body, _, form = seed_text.partition("[bookmark: _GoBack]")
    document = docx.Document()
    for line in body.splitlines():
        if line.strip():
            document.add_paragraph(line.rstrip())
    lines = form.splitlines()
    title = document.add_paragraph()
    title.add_run().add_break(WD_BREAK.PAGE)
    title.add_run(lines[0].strip())
    document.add_paragraph(lines[2].rstrip())
    rows: list[list[str]] = []
    current: list[str] = []
    remark: list[str] = []
    for line in lines[3:]:
        if line.startswith("\t"):
            current.append(line.strip())
        elif not line.strip():
            if current:
                rows.append(current)
                current = []
        else:
            remark.append(line.rstrip())
    add_table(document, rows)
    for line in remark:
        if line.strip():
            document.add_paragraph(line)
    return document


def add_table(document: DocumentObject, rows: Sequence[Row]) -> Table:
    """A table; ``None`` continues the cell above, (text, n) spans n columns, a line break starts a paragraph."""
    width = max(sum(c[1] if isinstance(c, tuple) else 1 for c in row) for row in rows)
    table = document.add_table(rows=len(rows), cols=width)
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        column = 0
        for value in row:
            span = value[1] if isinstance(value, tuple) else 1
            cell = table.cell(r, column)
            if value is None:
                top = r
                while rows[top][_index(rows[top], column)] is None:
                    top -= 1
                table.cell(top, column).merge(cell)
            else:
                if span > 1:
                    cell = cell.merge(table.cell(r, column + span - 1))
                first, *more = (value[0] if isinstance(value, tuple) else value).split("\n")
                cell.text = first
                for line in more:  # one paragraph a line, as people type in a cell
                    cell.add_paragraph(line)
            column += span
    return table


def _index(row: Row, column: int) -> int:
    at = 0
    for i, value in enumerate(row):
        if at == column:
            return i
        at += value[1] if isinstance(value, tuple) else 1
    raise IndexError(column)


def add_numbered(document: DocumentObject, text: str, num_id: int, level: int) -> Paragraph:
    """A paragraph numbered by Word (w:numPr), not by typed text."""
    paragraph = document.add_paragraph(text)
    props = paragraph._p.get_or_add_pPr()
    num_pr = OxmlElement("w:numPr")
    ilvl = OxmlElement("w:ilvl")
    ilvl.set(qn("w:val"), str(level))
    num = OxmlElement("w:numId")
    num.set(qn("w:val"), str(num_id))
    num_pr.append(ilvl)
    num_pr.append(num)
    props.append(num_pr)
    return paragraph


def add_chinese_numbering(document: DocumentObject) -> int:
    """A list definition like the one WPS makes: 一、 / （一） / 1. / （1）; returns its numId."""
    numbering = document.part.numbering_part.element
    abstract = OxmlElement("w:abstractNum")
    abstract.set(qn("w:abstractNumId"), "90")
    for level, (fmt, text) in enumerate(
        [("chineseCounting", "%1、"), ("chineseCounting", "（%2）"), ("decimal", "%3."), ("decimal", "（%4）")]
    ):
        lvl = OxmlElement("w:lvl")
        lvl.set(qn("w:ilvl"), str(level))
        for tag, value in (("w:start", "1"), ("w:numFmt", fmt), ("w:lvlText", text)):
            element = OxmlElement(tag)
            element.set(qn("w:val"), value)
            lvl.append(element)
        abstract.append(lvl)
    numbering.insert(0, abstract)
    num = OxmlElement("w:num")
    num.set(qn("w:numId"), "90")
    ref = OxmlElement("w:abstractNumId")
    ref.set(qn("w:val"), "90")
    num.append(ref)
    numbering.append(num)
    return 90


def visible_text(path: Path, numbers: Sequence[str] = ()) -> str:
    """Paragraphs and table cells in order, a merged cell once; ``numbers`` go before numbered paragraphs."""
    document = docx.Document(str(path))
    out: list[str] = []
    queue = list(numbers)
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            numbered = child.find(f"{qn('w:pPr')}/{qn('w:numPr')}") is not None
            out.append((queue.pop(0) if numbered and queue else "") + Paragraph(child, document).text)
        elif child.tag == qn("w:tbl"):
            seen: list[object] = []  # the cells' elements, kept alive so that each is compared by identity
            for row in Table(child, document).rows:
                for cell in row.cells:
                    if not any(cell._tc is s for s in seen) and not _continues(cell._tc):
                        seen.append(cell._tc)
                        out.append(cell.text)
    return "\n".join(out)


def _continues(tc: object) -> bool:
    merge = tc.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")  # type: ignore[attr-defined]
    return merge is not None and merge.get(qn("w:val")) in (None, "continue")


def similarity(a: str, b: str) -> float:
    """difflib's ratio over NFKC text with white space removed."""

    def squeeze(text: str) -> str:
        return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))

    return SequenceMatcher(None, squeeze(a), squeeze(b), autojunk=False).ratio()
