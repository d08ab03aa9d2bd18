"""Pictures in a Word package: the inline drawing that shows one, and the parts that hold it.

A picture in WordprocessingML is a ``wp:inline`` drawing in a run, pointing by a relationship
id at a media part; the relationship lives in the ``.rels`` file of the part that shows it
(``word/_rels/document.xml.rels``, ``word/_rels/footer2.xml.rels``), and ``[Content_Types].xml``
names the media's type. Both the template engine (``{{ image(...) }}``) and the 简报 (pictures
from the units' reports) place pictures through here.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from lxml import etree

from docgen.rendering.wordml import xml_attribute

EMU_PER_MM = 36_000
CONTENT_TYPES = "[Content_Types].xml"
_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
_IMAGE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"
HYPERLINK_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
_RELS_TYPE = "application/vnd.openxmlformats-package.relationships+xml"
# picture extensions whose media type is not image/<extension>
_MEDIA_TYPES = {"jpg": "image/jpeg", "tif": "image/tiff", "emf": "image/x-emf", "wmf": "image/x-wmf"}
_WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_PIC = "http://schemas.openxmlformats.org/drawingml/2006/picture"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_EMPTY_RELS = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{_REL_NS}"/>'.encode()


@dataclass(frozen=True)
class PicturePart:
    """A picture to add to the package under ``rid``: its bytes and kind (``jpeg`` or ``png``)."""

    rid: str
    data: bytes
    extension: str

    @property
    def part(self) -> str:
        """Where it lies in the package."""
        return f"word/media/{self.rid}.{self.extension}"


def inline_drawing(rid: str, number: int, cx: int, cy: int, description: str) -> str:
    """A ``w:drawing`` showing the picture of relationship ``rid`` at ``cx`` × ``cy`` EMU, in line with the text.

    ``number`` is its drawing id, unique in the document; ``description`` its alternative text.
    """
    return f"<w:drawing>{inline_picture(rid, number, cx, cy, description)}</w:drawing>"


def inline_picture(rid: str, number: int, cx: int, cy: int, description: str, name: str | None = None) -> str:
    """The ``wp:inline`` element of ``inline_drawing``, which declares every namespace it uses but ``w``.

    ``name`` is the picture's own name (its file name); the drawing's name by default.
    """
    shown = xml_attribute(f"图片{number}")
    own = xml_attribute(name) if name is not None else shown
    descr = xml_attribute(description)
    return (
        f'<wp:inline xmlns:wp="{_WP}" distT="0" distB="0" distL="0" distR="0">'
        f'<wp:extent cx="{cx}" cy="{cy}"/><wp:docPr id="{number}" name={shown} descr={descr}/>'
        f'<wp:cNvGraphicFramePr><a:graphicFrameLocks xmlns:a="{_A}" noChangeAspect="1"/></wp:cNvGraphicFramePr>'
        f'<a:graphic xmlns:a="{_A}"><a:graphicData uri="{_PIC}"><pic:pic xmlns:pic="{_PIC}">'
        f'<pic:nvPicPr><pic:cNvPr id="{number}" name={own}/><pic:cNvPicPr/></pic:nvPicPr>'
        f'<pic:blipFill><a:blip xmlns:r="{_R}" r:embed="{rid}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
        f'<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic>'
        "</wp:inline>"
    )


def relationships_part(part: str) -> str:
    """The ``.rels`` file of ``part``: ``word/footer2.xml`` -> ``word/_rels/footer2.xml.rels``."""
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{name}.rels")


def relationship_ids(xml: bytes) -> set[str]:
    """The ids a ``.rels`` file already uses."""
    root = etree.fromstring(xml, etree.XMLParser(resolve_entities=False))
    return {str(r.get("Id")) for r in root.iter(f"{{{_REL_NS}}}Relationship")}


def with_relationships(xml: bytes | None, targets: Mapping[str, str], links: Mapping[str, str] | None = None) -> bytes:
    """A ``.rels`` file (a new one when ``xml`` is None) with an image relationship for each id -> target.

    ``links`` adds an external hyperlink relationship for each id -> address.
    """
    root = etree.fromstring(xml if xml is not None else _EMPTY_RELS, etree.XMLParser(resolve_entities=False))
    for rid, target in targets.items():
        relationship = etree.SubElement(root, f"{{{_REL_NS}}}Relationship")
        relationship.set("Id", rid)
        relationship.set("Type", _IMAGE_REL)
        relationship.set("Target", target)
    for rid, address in (links or {}).items():
        relationship = etree.SubElement(root, f"{{{_REL_NS}}}Relationship")
        relationship.set("Id", rid)
        relationship.set("Type", HYPERLINK_REL)
        relationship.set("Target", address)
        relationship.set("TargetMode", "External")
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def with_content_types(xml: bytes, extensions: Iterable[str]) -> bytes:
    """``[Content_Types].xml`` naming the type of every picture extension (and of ``.rels`` files)."""
    root = etree.fromstring(xml, etree.XMLParser(resolve_entities=False))
    known = {str(d.get("Extension")).lower() for d in root.iter(f"{{{_CT_NS}}}Default")}
    wanted = {extension: _MEDIA_TYPES.get(extension, f"image/{extension}") for extension in extensions}
    wanted["rels"] = _RELS_TYPE
    for extension in sorted(set(wanted) - known):
        default = etree.Element(f"{{{_CT_NS}}}Default")
        default.set("Extension", extension)
        default.set("ContentType", wanted[extension])
        root.insert(0, default)  # Defaults come before Overrides
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))
