r"""Control characters in printed values, as docxtpl makes them Word's: tabs, line, paragraph and page breaks.

docxtpl users print ``"a\tb"`` for a tab, ``"a\nb"`` for a line break, ``"a\ab"`` to start a new
paragraph with the same paragraph and run formatting, and ``"a\fb"`` for a page break in a
paragraph of its own, in plain values as in ``RichText`` and ``Listing``. ``\a`` and ``\f`` are
characters XML cannot hold, so the text of each ``w:t`` is first rewritten with markers in their
place; once the part is read as XML each marker splits its paragraph where it stands.
"""

from __future__ import annotations

import copy
import re

from lxml import etree

from docgen.rendering.tags import W

_TEXT = re.compile(r"(<w:t(?: [^>]*)?>)([^<]*[\t\n\a\f][^<]*)</w:t>")
_OPEN_TEXT = '<w:t xml:space="preserve">'
_PARAGRAPH = "docgenParagraphBreak"  # a marker element in the w namespace, never left in a document
_PAGE = "docgenPageBreak"
_MARKS = {
    "\t": "<w:tab/>",
    "\n": "<w:br/>",
    "\a": f"<w:{_PARAGRAPH}/>",
    "\f": f"<w:{_PAGE}/>",
}
_MARK = re.compile("[\t\n\a\f]")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def has_controls(xml: str) -> bool:
    """Whether some text may hold a tab or a break (most parts hold none)."""
    return "\t" in xml or "\a" in xml or "\f" in xml or xml.find("\n", xml.find("?>") + 3) >= 0


def mark_controls(xml: str) -> str:
    """Tabs and line breaks in text made Word's; paragraph and page breaks made markers; other controls dropped."""

    def marked(match: re.Match[str]) -> str:
        text = _MARK.sub(lambda m: "</w:t>" + _MARKS[m.group()] + _OPEN_TEXT, match.group(2))
        return match.group(1) + text + "</w:t>"

    return _NOT_XML.sub("", _TEXT.sub(marked, xml))


def xml_text(text: str) -> str:
    """``text`` without the control characters XML cannot hold."""
    return _NOT_XML.sub("", text)


def split_paragraphs(root: etree._Element) -> bool:
    """Split each paragraph at its markers (``mark_controls``); True when any was found."""
    markers = [m for m in root.iter(W + _PARAGRAPH, W + _PAGE)]
    for marker in markers:
        paragraph = _split(marker)
        if marker.tag == W + _PAGE:
            page = etree.Element(W + "p")
            etree.SubElement(etree.SubElement(page, W + "r"), W + "br").set(W + "type", "page")
            paragraph.addprevious(page)
    return bool(markers)


def _split(marker: etree._Element) -> etree._Element:
    """End the paragraph holding ``marker`` there; what followed it goes into a new paragraph, returned.

    Each element between the marker and its paragraph (the run, a hyperlink) is continued in the
    new paragraph by a copy with the same properties, so the text after the break keeps its format.
    """
    element = marker
    carried: etree._Element | None = None
    while True:
        container = element.getparent()
        assert container is not None  # a marker stands in a run, in a paragraph
        clone = etree.Element(container.tag, dict(container.attrib))
        properties = container.find(W + "rPr" if container.tag == W + "r" else W + "pPr")
        if container.tag in (W + "r", W + "p") and properties is not None:
            clone.append(copy.deepcopy(properties))
        if carried is not None:
            clone.append(carried)
        for sibling in list(element.itersiblings()):
            clone.append(sibling)
        if element is marker:
            container.remove(marker)
        carried, element = clone, container
        if container.tag == W + "p":
            break
    section = element.find(f"{W}pPr/{W}sectPr")
    if section is not None:  # the copy in the new paragraph ends the section now
        section.getparent().remove(section)
    element.addnext(carried)
    return carried
