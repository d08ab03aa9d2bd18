"""What a template must not carry into documents: macros, and anything fetched from elsewhere.

A .docx template is copied into every document docgen makes, and LibreOffice opens those to
make PDFs. A macro project (``vbaProject.bin``) or ActiveX control would travel into every
output; a relationship with ``TargetMode="External"`` (a linked picture, an attached template,
an OLE link) makes Word or LibreOffice fetch a URL when the document is opened. Both are
refused when the template is loaded, before any document is made, and by ``check --templates``.
So is a field that reads a file or the network when fields are updated (INCLUDETEXT
"/etc/passwd", INCLUDEPICTURE "http://…", LINK, DDE): it would carry that into every output.
Hyperlinks stay: they are only followed when a reader clicks them.
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
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_FIELD_PART = re.compile(r"word/[^/]+\.xml")
# fields that fetch what they show from a file, a program or the network when Word updates them
_FETCHING = re.compile(
    r"\s*(INCLUDETEXT|INCLUDEPICTURE|INCLUDE|LINK|DDE|DDEAUTO|IMPORT|DATABASE)\b\s*(.*)", re.I | re.S
)


def refusals(entries: Iterable[tuple[ZipInfo, bytes]]) -> list[tuple[str, dict[str, str]]]:
    """The template's macro parts and external relationships, as (code, params); empty when it has none."""
    found: list[tuple[str, dict[str, str]]] = []
    for info, data in entries:
        name = info.filename
        if _MACRO_PART.search(name) or (name == "[Content_Types].xml" and _MACRO_TYPE.search(data)):
            found.append(("template-macros", {"part": name}))
        elif name.endswith(".rels"):
            found += [("template-external", {"part": name, "target": t, "kind": k}) for t, k in _external(data)]
        elif _FIELD_PART.fullmatch(name) and (b"instr" in data):
            found += [("template-field", {"part": name, "field": f, "target": t}) for f, t in fetching_fields(data)]
    return found


def fetching_fields(data: bytes) -> list[tuple[str, str]]:
    """The fields of a part that fetch a file or a URL (INCLUDETEXT, INCLUDEPICTURE, LINK, DDE…): name and target.

    A field is a ``w:fldSimple`` (its ``w:instr``) or runs from a ``w:fldChar`` begin to its
    separate, its instruction spread over ``w:instrText`` runs; fields nest.
    """
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError:
        return []
    instructions = [simple.get(_W + "instr", "") for simple in root.iter(_W + "fldSimple")]
    fields: list[list[str] | None] = []  # open fields, innermost last: the instruction so far, None once read
    for node in root.iter(_W + "fldChar", _W + "instrText"):
        kind = "text" if node.tag == _W + "instrText" else node.get(_W + "fldCharType")
        if kind == "begin":
            fields.append([])
        elif not fields:
            continue
        elif kind == "text" and fields[-1] is not None:
            fields[-1].append(node.text or "")
        elif kind in ("separate", "end"):
            read = fields.pop() if kind == "end" else fields[-1]
            if read is not None:
                instructions.append("".join(read))
            if kind == "separate":
                fields[-1] = None
    found = []
    for instruction in instructions:
        match = _FETCHING.match(instruction)
        if match:
            target = " ".join(match[2].split())
            found.append((match[1].upper(), target if len(target) <= 120 else target[:117] + "..."))
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
