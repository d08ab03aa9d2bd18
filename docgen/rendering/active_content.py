"""What a template must not carry into documents: macros, and anything fetched from elsewhere.

A .docx template is copied into every document docgen makes, and LibreOffice opens those to
make PDFs. A macro project (``vbaProject.bin``) or ActiveX control would travel into every
output; a relationship with ``TargetMode="External"`` (a linked picture, an attached template,
an OLE link) makes Word or LibreOffice fetch a URL when the document is opened. Both are
refused when the template is loaded, before any document is made. Hyperlinks stay: they are
only followed when a reader clicks them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from zipfile import ZipInfo

from lxml import etree

_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
_MACRO_PART = re.compile(r"(^|/)(vbaProject\.bin|vbaData\.xml|activeX/)", re.IGNORECASE)
_MACRO_TYPE = re.compile(rb"macroEnabled|vbaProject|activeX", re.IGNORECASE)
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


def refusals(entries: Iterable[tuple[ZipInfo, bytes]]) -> list[tuple[str, dict[str, str]]]:
    """The template's macro parts and external relationships, as (code, params); empty when it has none."""
    found: list[tuple[str, dict[str, str]]] = []
    for info, data in entries:
        name = info.filename
        if _MACRO_PART.search(name) or (name == "[Content_Types].xml" and _MACRO_TYPE.search(data)):
            found.append(("template-macros", {"part": name}))
        elif name.endswith(".rels"):
            found += [("template-external", {"part": name, "target": t, "kind": k}) for t, k in _external(data)]
    return found


def _external(data: bytes) -> list[tuple[str, str]]:
    """The targets and kinds of a relationships part's external relationships, hyperlinks aside."""
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError:
        return []  # a broken part fails later, where its XML is read
    links = []
    for relationship in root.iter(_REL):
        kind = relationship.get("Type", "")
        if relationship.get("TargetMode", "").lower() == "external" and kind != _HYPERLINK:
            target = relationship.get("Target", "")
            links.append((target if len(target) <= 120 else target[:117] + "...", kind.rsplit("/", 1)[-1]))
    return links
