"""Changes to a rendered document's layout within GB/T 9704-2012's latitude, and the document as blocks.

GB/T 9704-2012 7.3.5.4 lets a 公文 adjust line and character spacing (行距、字距) so that the
signature does not stand on a page of its own and the body stays under its head; the font
size never changes. An ``Adjustment`` is one such change to a range of the body's blocks
(its paragraphs and tables, counted in document order): an exact line height, or keeping
paragraphs with the next one. Applying the same adjustments to the same rendered document
always gives the same bytes, so a plain ``render`` can repeat what a layout pass measured.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from docgen.rendering.wordml import set_paragraph_property
from docgen.rendering.zipwriter import archive, deflate

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
DOCUMENT = "word/document.xml"
KINDS = ("line", "gap", "keep")
MIN_LINE = 500  # twips: 25 pt, the tightest exact line of text the pass sets (the grid's is 579, 28.95 pt)
MIN_GAP = 360  # twips: 18 pt, the tightest an empty line (空一行) gets
MAX_LINE = 579


@dataclass(frozen=True)
class Adjustment:
    """One change to blocks ``first`` to ``last`` of the body.

    ``line``: an exact line height (twips) for their paragraphs; ``gap``: the same for the empty
    ones among them only (an empty line gives more than a line of text); ``keep``: kept with the next.
    """

    kind: str
    first: int
    last: int
    value: int = 0

    def valid(self, blocks: int) -> bool:
        """Whether it names blocks the document has and keeps within the latitude (a remembered one may not)."""
        if self.kind not in KINDS or not 0 <= self.first <= self.last < blocks:
            return False
        least = {"line": MIN_LINE, "gap": MIN_GAP}.get(self.kind)
        return least is None or least <= self.value <= MAX_LINE


@dataclass(frozen=True)
class Block:
    """A paragraph or table of the body as the layout pass sees it: its place, style and text (no white space)."""

    index: int
    table: bool
    style: str | None
    text: str


def body_blocks(document: etree._Element) -> list[etree._Element]:
    """The body's paragraphs and tables, in order (the section properties at its end left out)."""
    body = document.find(W + "body")
    return [] if body is None else [e for e in body if e.tag in (W + "p", W + "tbl")]


def blocks_of(docx: Path) -> list[Block]:
    """The blocks of a rendered .docx."""
    return [_block(i, e) for i, e in enumerate(body_blocks(_document(read_package(docx))))]


def _block(index: int, element: etree._Element) -> Block:
    style = element.find(f"{W}pPr/{W}pStyle")
    text = "".join("".join(t.text or "" for t in element.iter(W + "t")).split())
    return Block(index, element.tag == W + "tbl", style.get(W + "val") if style is not None else None, text)


def read_package(docx: Path) -> dict[str, bytes]:
    """The members of a .docx docgen wrote, in order (name -> bytes)."""
    with zipfile.ZipFile(docx) as package:
        return {info.filename: package.read(info) for info in package.infolist()}


def _document(members: dict[str, bytes]) -> etree._Element:
    return etree.fromstring(members[DOCUMENT], etree.XMLParser(resolve_entities=False, huge_tree=True))


def apply_adjustments(docx: Path, adjustments: Sequence[Adjustment]) -> bool:
    """Rewrite ``docx`` with ``adjustments`` made; False (and nothing written) when none is valid for it."""
    members = read_package(docx)
    document = _document(members)
    blocks = body_blocks(document)
    valid = [a for a in adjustments if a.valid(len(blocks))]
    if not valid:
        return False
    for adjustment in valid:
        for element in blocks[adjustment.first : adjustment.last + 1]:
            empty = not "".join(t.text or "" for t in element.iter(W + "t")).strip()
            if element.tag == W + "p" and (adjustment.kind != "gap" or empty):
                _adjust(element, adjustment)
    members[DOCUMENT] = etree.tostring(document, xml_declaration=True, encoding="UTF-8", standalone=True)
    docx.write_bytes(archive([deflate(name, data) for name, data in members.items()]))
    return True


def _adjust(paragraph: etree._Element, adjustment: Adjustment) -> None:
    properties = paragraph.find(W + "pPr")
    if properties is None:
        properties = etree.Element(W + "pPr")
        paragraph.insert(0, properties)
    if adjustment.kind == "keep":
        set_paragraph_property(properties, "keepNext", {})
        return
    spacing = properties.find(W + "spacing")
    kept = {
        k: v for k, v in (spacing.attrib.items() if spacing is not None else ()) if k in (W + "before", W + "after")
    }
    set_paragraph_property(properties, "snapToGrid", {W + "val": "0"})  # off the 22-line grid, or the grid's pitch wins
    set_paragraph_property(properties, "spacing", {**kept, W + "line": str(adjustment.value), W + "lineRule": "exact"})


def to_data(adjustments: Iterable[Adjustment]) -> list[list[object]]:
    """Adjustments as plain data for the cache: ``[kind, first, last, value]`` each."""
    return [[a.kind, a.first, a.last, a.value] for a in adjustments]


def from_data(data: object) -> list[Adjustment]:
    """Adjustments from plain data; anything that does not read as one is left out."""
    found = []
    for item in data if isinstance(data, list) else []:
        if isinstance(item, list) and len(item) == 4:
            kind, first, last, value = item
            if isinstance(kind, str) and all(type(n) is int for n in (first, last, value)):
                found.append(Adjustment(kind, first, last, value))
    return found
