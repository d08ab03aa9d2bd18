"""Reading a returned .docx safely: its body paragraphs and its tables as grids of text.

Returned forms come from anyone's computer, so they are opened by ``docgen.inputs.wordfiles``
under limits, not by python-docx: the file must be a regular file and a zip holding a Word
document, the main part may not inflate past a limit, the XML may not carry a DOCTYPE (no
entity tricks), and only so many rows and cells are looked at. Every failure is a
``FormError`` naming the file; nothing here can hang or exhaust memory on a hostile file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from docgen.errors import Finding, FormError
from docgen.inputs.wordfiles import (
    Reason,
    W,
    WordRefusedError,
    cell_text,
    children,
    grid_before,
    grid_cells,
    open_word,
    paragraph_text,
)

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_DOCUMENT_XML = 20 * 1024 * 1024
MAX_RELS_XML = 1024 * 1024
MAX_ROWS = 2_000
MAX_CELLS_PER_ROW = 64
MAX_CELLS = 50_000
MAX_CELL_CHARS = 10_000

FORM_REFUSALS: dict[Reason, str] = {
    "folder": "file-is-directory",
    "missing": "form-missing",
    "too-large": "form-too-large",
    "old-word": "form-old-word",
    "encrypted": "form-encrypted",
    "not-zip": "form-not-zip",
    "not-docx": "form-not-docx",
    "corrupt": "form-corrupt",
    "member-too-large": "form-member-too-large",
    "doctype": "form-doctype",
    "bad-xml": "form-bad-xml",
}  # the codes of a Word file that is not read, for forms and units' reports alike


@dataclass(frozen=True)
class FormDocument:
    """What a returned form holds that docgen reads: body paragraphs, and tables as text grids.

    Each table is a list of rows; each row lists its cells' text by grid column, a cell of
    several paragraphs joined with newlines. A cell merged across columns gives its text to
    its first column; a cell merged down from the row above repeats the text above.
    """

    paragraphs: list[str]
    tables: list[list[list[str]]]


def _error(path: Path, code: str, **params: object) -> FormError:
    return FormError([Finding(code, dict(params), file=str(path))])


def read_form(path: Path) -> FormDocument:
    """The paragraphs and tables of the .docx at ``path``; ``FormError`` when it cannot be read safely."""
    try:
        with open_word(path, MAX_FILE_BYTES) as word:
            root = word.xml(word.main_part(MAX_RELS_XML), MAX_DOCUMENT_XML)
    except WordRefusedError as exc:
        raise FormError([exc.problem(path, FORM_REFUSALS)]) from None
    return _extract(path, root)


def _extract(path: Path, root: etree._Element) -> FormDocument:
    body = root.find(W + "body")
    if body is None:
        raise _error(path, "form-not-docx")
    paragraphs = [paragraph_text(p) for p in children(body, W + "p")]
    budget = [MAX_CELLS]
    tables = [_table(path, t, budget) for t in body.iter(W + "tbl")]
    return FormDocument(paragraphs, tables)


def _table(path: Path, table: etree._Element, budget: list[int]) -> list[list[str]]:
    """A table as rows of cell texts by grid column, merged cells resolved."""
    rows: list[list[str]] = []
    found = children(table, W + "tr")
    if len(found) > MAX_ROWS:
        raise _error(path, "form-too-many-rows", count=len(found), limit=MAX_ROWS)
    for tr in found:
        row = [""] * grid_before(tr)
        for cell in grid_cells(tr):
            if len(row) >= MAX_CELLS_PER_ROW:
                break
            budget[0] -= 1
            if budget[0] < 0:
                raise _error(path, "form-too-many-cells", limit=MAX_CELLS)
            if cell.merge == "continue" and rows:
                above = rows[-1]
                text = above[cell.column] if cell.column < len(above) else ""
            else:
                text = cell_text(cell.element)[:MAX_CELL_CHARS]
            row.append(text)
            row.extend([""] * (cell.span - 1))
        rows.append(row)
    return rows
