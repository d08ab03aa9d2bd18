"""The tags of a template part as its author typed them, each with the place a person can find it.

docxtpl patches a part's XML before Jinja sees it (tags Word split across runs joined, ``{%p``
paragraphs replaced by their tag), so Jinja's line numbers and text describe the patched part,
not the document the author edited. Here the part is read as it is saved: its text in document
order (tracked deletions and field codes included, since docxtpl sees them too), every tag in
it, and where each one stands: the part (body, header, footer, document properties), the
paragraph number outside tables, or the table, row and column inside one.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from lxml import etree

from docgen.rendering.part_names import W, part_label

__all__ = ["QUOTES", "TAG", "PartTags", "Place", "Tag", "W", "normalized", "part_label", "scan_part"]
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_TEXT = {W + "t", W + "delText", W + "instrText"}
_DELETED = {W + "del", W + "moveFrom"}
TAG = re.compile(r"\{%.*?%\}|\{#.*?#\}|\{\{.*?\}\}", re.DOTALL)
_LEVEL = re.compile(r"^\{([{%#])(tr|tc|p|r)\s")
_STATEMENT = re.compile(r"^\{%[-+]?\s*(?:(?:tr|tc|p|r)\s+)?(\w*)")
# quotes Word's autocorrect and Chinese input methods put into a tag, and the straight quote each means
QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "＂": '"', "‘": "'", "’": "'", "‚": "'", "＇": "'"})
# XML's references: LibreOffice writes " as &quot; and ' as &apos;, every suite & as &amp;
_REFERENCE = re.compile(r"&(?:(amp|lt|gt|quot|apos)|#([0-9]{1,7})|#[xX]([0-9a-fA-F]{1,6}));")
_ENTITIES = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}
_LITERAL = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"", re.DOTALL)


@dataclass(frozen=True)
class Place:
    """Where in a part: a paragraph outside tables, a table cell, or a document property."""

    part: str
    paragraph: int | None = None  # counted outside tables, from 1
    table: int | None = None  # tables counted in document order, nested ones too, from 1
    row: int | None = None
    column: int | None = None
    prop: str | None = None

    def __str__(self) -> str:
        if self.prop is not None:
            return f"{self.part}, {self.prop}"
        if self.table is not None:
            return f"{self.part}, table {self.table}, row {self.row}, column {self.column}"
        if self.paragraph is not None:
            return f"{self.part}, paragraph {self.paragraph}"
        return self.part


@dataclass
class Paragraph:
    """One paragraph (or document property) and the text in it, tags included."""

    key: int
    place: Place
    cell: tuple[int, int, int] | None  # (table, row, column) of the innermost cell holding it
    text: str = ""


@dataclass(frozen=True)
class Tag:
    """One ``{{ }}``, ``{% %}`` or ``{# #}`` tag as typed, with its place."""

    index: int
    text: str
    place: Place
    paragraph: int  # key of the paragraph where it starts
    end_paragraph: int  # key of the paragraph where it ends
    cell: tuple[int, int, int] | None
    deleted: bool  # any of it in text deleted with track changes
    head: str = ""  # for a tag running over paragraphs: the part of it in the first one

    @property
    def level(self) -> str:
        """Docxtpl's prefix: ``p``, ``tr``, ``tc``, ``r`` or '' for a plain tag."""
        match = _LEVEL.match(self.text)
        return match.group(2) if match else ""

    @property
    def kind(self) -> str:
        """``{{``, ``{%`` or ``{#``."""
        return self.text[:2]

    @property
    def keyword(self) -> str:
        """The statement's first word (``if``, ``endfor``), '' for expressions and comments."""
        match = _STATEMENT.match(self.text)
        return match.group(1) if match and self.kind == "{%" else ""

    @property
    def shown(self) -> str:
        """The tag for a message: one line, at most 60 characters."""
        text = " ".join((self.head or self.text).split())
        return text if len(text) <= 60 else text[:57] + "..."


@dataclass
class PartTags:
    """A part's paragraphs, its tags, and the text of each row and cell (for ``{%tr`` and ``{%tc``)."""

    name: str
    paragraphs: list[Paragraph] = field(default_factory=list)
    tags: list[Tag] = field(default_factory=list)
    cell_text: dict[tuple[int, int, int], str] = field(default_factory=dict)
    row_text: dict[tuple[int, int], str] = field(default_factory=dict)
    cell_paragraphs: dict[tuple[int, int, int], list[int]] = field(default_factory=dict)


class _Walker:
    """Reads a part's tree once, in document order."""

    def __init__(self, result: PartTags) -> None:
        self.result = result
        self.label = part_label(result.name)
        self.body_paragraphs = 0
        self.tables = 0
        self.cells: list[tuple[int, int, int]] = []  # the open cells, innermost last
        self.rows: list[list[int]] = []  # per open table: [table, row, column]
        self.pieces: list[tuple[str, int, bool]] = []  # text, paragraph key, deleted
        self.open: list[int] = []  # keys of the paragraphs being read (one in a text box holds another)

    def walk(self, element: etree._Element, deleted: bool = False) -> None:
        tag = element.tag
        if tag == _MC_FALLBACK:  # the same content again, for old readers: counted once
            return
        if tag == W + "tbl":
            self.tables += 1
            self.rows.append([self.tables, 0, 0])
            self._children(element, deleted)
            self.rows.pop()
            return
        if tag == W + "tr" and self.rows:
            self.rows[-1][1] += 1
            self.rows[-1][2] = 0
        if tag == W + "tc" and self.rows:
            table, row, column = self.rows[-1]
            self.cells.append((table, row, column + 1))
            self._children(element, deleted)
            self.cells.pop()
            span = element.find(f"{W}tcPr/{W}gridSpan")
            width = span.get(W + "val") if span is not None else None
            self.rows[-1][2] = column + (int(width) if width and width.isdigit() else 1)
            return
        if tag == W + "p":
            self._paragraph(element, deleted)
            return
        if tag in _TEXT and element.text and self.open:
            self.pieces.append((element.text, self.open[-1], deleted or tag == W + "delText"))
        self._children(element, deleted or tag in _DELETED)

    def _children(self, element: etree._Element, deleted: bool) -> None:
        for child in element:
            if isinstance(child.tag, str):
                self.walk(child, deleted)

    def _paragraph(self, element: etree._Element, deleted: bool) -> None:
        cell = self.cells[-1] if self.cells else None
        if cell is None:
            self.body_paragraphs += 1
            place = Place(self.label, paragraph=self.body_paragraphs)
        else:
            place = Place(self.label, table=cell[0], row=cell[1], column=cell[2])
        key = len(self.result.paragraphs)
        self.result.paragraphs.append(Paragraph(key, place, cell))
        if cell is not None:
            self.result.cell_paragraphs.setdefault(cell, []).append(key)
        self.open.append(key)
        self._children(element, deleted)
        self.open.pop()


def scan_part(name: str, xml: bytes) -> PartTags:
    """Every tag of the part ``name`` with its place; raises ``etree.XMLSyntaxError`` for broken XML."""
    root = etree.fromstring(xml, etree.XMLParser(resolve_entities=False, huge_tree=True))
    result = PartTags(name)
    if part_label(name) == "document properties":
        return _scan_properties(result, root)
    walker = _Walker(result)
    walker.walk(root)
    _collect(result, walker.pieces)
    return result


def _scan_properties(result: PartTags, root: etree._Element) -> PartTags:
    pieces = []
    for element in root:
        if isinstance(element.tag, str) and element.text:
            key = len(result.paragraphs)
            prop = etree.QName(element).localname
            result.paragraphs.append(Paragraph(key, Place("document properties", prop=prop), None))
            pieces.append((element.text, key, False))
    _collect(result, pieces)
    return result


def _collect(result: PartTags, pieces: list[tuple[str, int, bool]]) -> None:
    """Join the text as docxtpl does (across runs and paragraphs) and find the tags in it."""
    text = "".join(piece for piece, _, _ in pieces)
    owner: list[tuple[int, int, bool]] = []  # (end offset, paragraph key, deleted) per piece
    offset = 0
    for piece, key, deleted in pieces:
        offset += len(piece)
        owner.append((offset, key, deleted))
        paragraph = result.paragraphs[key]
        paragraph.text += piece
        if paragraph.cell is not None:
            table, row, _ = paragraph.cell
            result.cell_text[paragraph.cell] = result.cell_text.get(paragraph.cell, "") + piece
            result.row_text[(table, row)] = result.row_text.get((table, row), "") + piece

    def piece_at(position: int, start: int) -> int:
        while owner[start][0] <= position:
            start += 1
        return start

    first = 0
    for match in TAG.finditer(text):
        first = piece_at(match.start(), first)
        last = piece_at(match.end() - 1, first)
        key = owner[first][1]
        paragraph = result.paragraphs[key]
        deleted = any(owner[i][2] for i in range(first, last + 1))
        head = ""
        if owner[last][1] != key:
            end = first
            while owner[end + 1][1] == key:
                end += 1
            head = text[match.start() : owner[end][0]]
        tag = Tag(len(result.tags), match.group(), paragraph.place, key, owner[last][1], paragraph.cell, deleted, head)
        result.tags.append(tag)


def decoded(xml_text: str) -> str:
    """Text as saved in a part's XML, its character and entity references read as the characters they stand for."""

    def character(match: re.Match[str]) -> str:
        name, decimal, hexadecimal = match.groups()
        if name:
            return _ENTITIES[name]
        code = int(decimal) if decimal else int(hexadecimal, 16)
        return chr(code) if code <= 0x10FFFF else match.group()

    return _REFERENCE.sub(character, xml_text) if "&" in xml_text else xml_text


def jinja_tag(xml_tag: str, *, escape_literals: bool = False) -> str:
    """A tag from a part's XML as Jinja should read it: references decoded, typographic quotes straightened.

    Any office suite saves a tag's ``&`` as ``&amp;`` and LibreOffice its quotes as ``&quot;``;
    read as typed, ``{{ x | default("R&D") }}`` prints R&D (escaped again on the way out by
    autoescape). Where the output is not escaped (``escape_literals``), string literals keep
    ``&``, ``<`` and ``>`` escaped, so that what they print is still well-formed XML.
    """
    text = decoded(xml_tag).translate(QUOTES)
    if escape_literals:
        text = _LITERAL.sub(lambda m: html.escape(m.group(), quote=False), text)
    return text


def normalized(tag: str) -> str:
    """A tag reduced to what survives docxtpl's patching, for matching patched tags to typed ones."""
    text = jinja_tag(tag)
    text = _LEVEL.sub(lambda m: "{" + m.group(1), text)
    return re.sub(r"\s+", "", text).replace("{%-", "{%").replace("-%}", "%}")
