"""Reading rendered documents back the way a person sees them: text in order, tables, styles."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import docx
from docx.document import Document as DocumentObject
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph


def open_docx(path: Path) -> DocumentObject:
    return docx.Document(str(path))


def blocks(document: DocumentObject) -> list[Paragraph | Table]:
    """Paragraphs and tables of the body in document order."""
    out: list[Paragraph | Table] = []
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            out.append(Paragraph(child, document))
        elif child.tag == qn("w:tbl"):
            out.append(Table(child, document))
    return out


def lines(document: DocumentObject) -> list[str]:
    """Every paragraph's text, table cells row by row, in document order."""
    out: list[str] = []
    for block in blocks(document):
        if isinstance(block, Paragraph):
            out.append(block.text)
        else:
            for row in block.rows:
                out.extend(cell.text for cell in row.cells)
    return out


def full_text(path: Path) -> str:
    return "\n".join(lines(open_docx(path)))


def east_asian_font(style: object) -> str | None:
    """The w:eastAsia font a style names (python-docx only exposes the Latin slots)."""
    rpr = style.element.rPr  # type: ignore[attr-defined]
    if rpr is None or rpr.rFonts is None:
        return None
    return rpr.rFonts.get(qn("w:eastAsia"))


def file_content_key(path: Path) -> str:
    """A written document's content key as the layout memory defines it: each part's name, NUL, SHA-256, in order.

    Read from the file, independently of ``CompiledTemplate.content_key``, which makes it while rendering.
    """
    digest = hashlib.sha256()
    with zipfile.ZipFile(path) as package:
        for info in package.infolist():
            digest.update(info.filename.encode("utf-8") + b"\0" + hashlib.sha256(package.read(info)).digest())
    return digest.hexdigest()
