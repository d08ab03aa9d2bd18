"""Templates built in tests with python-docx: tags split over runs, proofing marks, bookmarks, tracked changes."""

from __future__ import annotations

import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

Cell = str | Sequence[str]  # one paragraph, or several


def build(path: Path, blocks: Iterable[str | Sequence[Sequence[Cell]]], *, title: str = "") -> Path:
    """A .docx whose body holds paragraphs (strings) and tables (rows of cells), in order."""
    document = docx.Document()
    for block in blocks:
        if isinstance(block, str):
            document.add_paragraph(block)
            continue
        rows = list(block)
        table = document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
        for row, cells in zip(table.rows, rows, strict=True):
            for cell, content in zip(row.cells, cells, strict=False):
                texts = [content] if isinstance(content, str) else list(content)
                cell.paragraphs[0].text = texts[0] if texts else ""
                for text in texts[1:]:
                    cell.add_paragraph(text)
    if title:
        document.core_properties.title = title
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path


def split_runs(paragraph: Paragraph, pieces: Sequence[str], *, rsids: bool = True) -> None:
    """Write the paragraph's text as one run per piece, with proofing marks and a bookmark between them,
    as Word leaves a paragraph that was typed in several sittings and spell-checked."""
    element = paragraph._p
    for run in list(element.iter(qn("w:r"))):
        run.getparent().remove(run)
    for number, piece in enumerate(pieces):
        if number == 1:
            start = OxmlElement("w:proofErr")
            start.set(qn("w:type"), "spellStart")
            element.append(start)
            mark = OxmlElement("w:bookmarkStart")
            mark.set(qn("w:id"), "7")
            mark.set(qn("w:name"), "_GoBack")
            element.append(mark)
        run = paragraph.add_run(piece)
        if rsids:
            run._r.set(qn("w:rsidR"), f"00A{number:05d}")
        if number == 1:
            end = OxmlElement("w:bookmarkEnd")
            end.set(qn("w:id"), "7")
            element.append(end)
            stop = OxmlElement("w:proofErr")
            stop.set(qn("w:type"), "spellEnd")
            element.append(stop)


def delete_tracked(paragraph: Paragraph, text: str) -> None:
    """Append ``text`` as a tracked deletion (what Word keeps when changes are tracked)."""
    deletion = OxmlElement("w:del")
    deletion.set(qn("w:id"), "1")
    deletion.set(qn("w:author"), "王老师")
    deletion.set(qn("w:date"), "2019-04-01T00:00:00Z")
    run = OxmlElement("w:r")
    deleted = OxmlElement("w:delText")
    deleted.text = text
    run.append(deleted)
    deletion.append(run)
    paragraph._p.append(deletion)


def part_text(path: Path, part: str = "word/document.xml") -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read(part).decode("utf-8")
