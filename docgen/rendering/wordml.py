"""What Word needs of a rendered part that Jinja cannot know: line breaks and tabs, and table grids.

A newline or a tab inside ``<w:t>`` is shown by no office suite as what it is (Word shows a
space, or nothing): they become ``<w:br/>`` and ``<w:tab/>`` in the same run. And a ``{%tc``
loop makes rows with more or fewer cells than the table's grid declares, which Word lays out
wrongly; the grid is given one column per cell, keeping the table's width, as docxtpl does.
A section a template's conditions left empty at the end would print a blank page: it is dropped.
"""

from __future__ import annotations

import re
import threading
from xml.parsers import expat

from lxml import etree

from docgen.rendering.part_names import W

# A text up to its first break without backtracking (not ``[^<]*[\n\t\r]``): the same matches, in 37 µs
# for a task sheet's body instead of 62 µs, a twentieth of its render.
_TEXT_WITH_BREAKS = re.compile(r"<w:t(?:>| [^>]*>)([^<\n\t\r]*[\n\t\r][^<]*)</w:t>")
_OPEN_TEXT = '<w:t xml:space="preserve">'
_BREAKS = {"\n": "</w:t><w:br/>" + _OPEN_TEXT, "\t": "</w:t><w:tab/>" + _OPEN_TEXT}


def _may_have_breaks(xml: str) -> bool:
    """Whether the part holds a newline or a tab anywhere after its declaration (most parts have none)."""
    body = xml.find("?>") + 2  # the line break after the XML declaration is no text
    return xml.find("\n", body + 2) >= 0 or xml.find("\t", body) >= 0 or xml.find("\r", body + 2) >= 0


def text_breaks(xml: str) -> str:
    """Newlines (also Windows' CR LF) and tabs inside text turned into Word's breaks and tabs (``xml`` if none)."""
    if not _may_have_breaks(xml):
        return xml  # the quick look: no character to turn, so no text to search for one

    def split(match: re.Match[str]) -> str:
        text = match.group(1).replace("\r\n", "\n").replace("\r", "\n")
        return _OPEN_TEXT + text.replace("\n", _BREAKS["\n"]).replace("\t", _BREAKS["\t"]) + "</w:t>"

    return _TEXT_WITH_BREAKS.sub(split, xml)


def _cells(row: etree._Element) -> int:
    """The grid columns a row's cells take, spans and the columns skipped before and after it counted."""
    total = 0
    for skipped in ("gridBefore", "gridAfter"):
        mark = row.find(f"{W}trPr/{W}{skipped}")
        value = mark.get(W + "val") if mark is not None else None
        total += int(value) if value and value.isdigit() else 0
    for cell in row.findall(W + "tc"):
        span = cell.find(f"{W}tcPr/{W}gridSpan")
        value = span.get(W + "val") if span is not None else None
        total += int(value) if value and value.isdigit() else 1
    return total


def fit_grids(root: etree._Element) -> bool:
    """Give every table's grid as many columns as its widest row; True when any table changed."""
    changed = False
    for table in root.iter(W + "tbl"):
        grid = table.find(W + "tblGrid")
        rows = table.findall(W + "tr")
        if grid is None or not rows:
            continue
        columns = grid.findall(W + "gridCol")
        wanted = max(_cells(row) for row in rows)
        if wanted == len(columns) or wanted == 0:
            continue
        widths = [int(c.get(W + "w", "0") or 0) for c in columns]
        total = sum(widths)
        for column in columns:
            grid.remove(column)
        for _ in range(wanted):
            etree.SubElement(grid, W + "gridCol", {W + "w": str(total // wanted)})
        changed = True
    return changed


# The order of a paragraph's properties (w:pPr) in the WordprocessingML schema: Word refuses another.
PARAGRAPH_PROPERTIES = (  # noqa: SIM905 - one line of the schema reads better than forty
    "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers pBdr shd tabs "
    "suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi "
    "adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc textDirection "
    "textAlignment textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange"
).split()


def set_paragraph_property(properties: etree._Element, name: str, attributes: dict[str, str]) -> etree._Element:
    """Give a w:pPr the child ``name`` with ``attributes`` (replacing one it had), in the schema's order."""
    old = properties.find(W + name)
    if old is not None:
        properties.remove(old)
    rank = PARAGRAPH_PROPERTIES.index(name)
    position = sum(1 for child in properties if _rank(child) < rank)
    element = etree.Element(W + name)
    for key, value in attributes.items():
        element.set(key, value)
    properties.insert(position, element)
    return element


def _rank(child: etree._Element) -> int:
    name = etree.QName(child).localname
    return PARAGRAPH_PROPERTIES.index(name) if name in PARAGRAPH_PROPERTIES else len(PARAGRAPH_PROPERTIES)


_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_ATTRIBUTE_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})


def xml_text(text: str) -> str:
    """``text`` as XML character data: ``&``, ``<`` and ``>`` escaped (what ``xml.sax.saxutils.escape`` gives)."""
    return text.translate(_ESCAPES)


def xml_attribute(value: str) -> str:
    """``value`` quoted as an XML attribute, as ``xml.sax.saxutils.quoteattr`` quotes it.

    Written here because ``xml.sax.saxutils`` imports urllib and http (a tenth of a render's start-up).
    """
    escaped = value.translate(_ATTRIBUTE_ESCAPES)
    if '"' not in escaped:
        return f'"{escaped}"'
    if "'" not in escaped:
        return f"'{escaped}'"
    return '"' + escaped.replace('"', "&quot;") + '"'


_SECTION_BEFORE_END = re.compile(rb"</w:sectPr>\s*</w:pPr>(?:(?!<w:p[ >]|<w:tbl[ >]).)*</w:p>\s*<w:sectPr[ >]", re.S)


def ends_with_empty_section(xml: bytes) -> bool:
    """Whether a paragraph's section break is followed by nothing but the body's own section."""
    return _SECTION_BEFORE_END.search(xml, max(0, len(xml) - 20_000)) is not None


def drop_empty_last_section(root: etree._Element) -> bytes:
    """Make the last paragraph's section break the body's own: an empty last section prints no blank page.

    A template's conditions can leave a section empty (the attachments' section of a notice
    without attachments); Word and LibreOffice would print it as a blank page.
    """
    body = root.find(f"{W}body")
    assert body is not None
    children = list(body)
    last, ending = children[-2], children[-1]
    sect = last.find(f"{W}pPr/{W}sectPr")
    if last.tag == f"{W}p" and ending.tag == f"{W}sectPr" and sect is not None:
        body.replace(ending, sect)
        if not "".join(last.itertext()).strip() and last.find(f".//{W}drawing") is None:
            body.remove(last)
    xml: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return xml


_parsers = threading.local()


def surely_well_formed(xml: bytes) -> bool:
    """True where expat reads the part as well-formed XML, its namespace prefixes declared; False: lxml must say.

    expat builds no tree: a task sheet's body is read in 0.12 ms, where lxml builds its tree in
    0.2 ms, a tenth of the document's render, for parts that need no tree afterwards. A part
    with a document type declaration (Word's have none) is lxml's, which expands no entity.
    """
    if b"<!DOCTYPE" in xml:
        return False
    try:
        expat.ParserCreate(namespace_separator=" ").Parse(xml, True)
    except expat.ExpatError:
        return False
    return True


def xml_parser() -> etree.XMLParser:
    """The parser for rendered parts of this thread (made once: a new one per part costs a tenth of a millisecond)."""
    parser: etree.XMLParser | None = getattr(_parsers, "parser", None)
    if parser is None:
        parser = _parsers.parser = etree.XMLParser(resolve_entities=False, huge_tree=True)
    return parser
