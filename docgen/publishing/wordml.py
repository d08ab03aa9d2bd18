"""WordprocessingML for the 简报 and the summary: paragraphs, pictures, and the picture parts.

The templates place a body built here with ``{{p body }}`` (as ``documents.tables`` does for
tables), in the templates' own styles; every text is escaped. A picture is a ``wp:inline``
drawing that points at a relationship id; after the template is rendered, ``add_pictures``
puts each picture's part, relationship and content type into the package, so the rendering
machinery never needs to know about images.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from io import BytesIO
from xml.sax.saxutils import escape, quoteattr

from lxml import etree
from markupsafe import Markup

from docgen.rendering.zipwriter import Member, archive, deflate

EMU_PER_MM = 36_000
PICTURE_MAX_WIDTH_MM = 140  # within the GB/T 9704 text block (156 mm)
PICTURE_MAX_HEIGHT_MM = 95  # two pictures with their captions to a page
RELS = "word/_rels/document.xml.rels"
CONTENT_TYPES = "[Content_Types].xml"
_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
_IMAGE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"
_WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_PIC = "http://schemas.openxmlformats.org/drawingml/2006/picture"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


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


def paragraph(text: str, style: str = "Normal", *, center: bool = False) -> str:
    """A paragraph of plain text in a template style."""
    jc = '<w:jc w:val="center"/>' if center else ""
    run = f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>' if text else ""
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{jc}</w:pPr>{run}</w:p>'


def highlighted_blank() -> str:
    """An empty paragraph shaded yellow with a highlighted mark: a place the officer writes into.

    No placeholder text: whatever is typed there takes the highlight, which shows what is new.
    """
    return (
        '<w:p><w:pPr><w:pStyle w:val="Normal"/><w:shd w:val="clear" w:color="auto" w:fill="FFFF00"/>'
        '<w:rPr><w:highlight w:val="yellow"/></w:rPr></w:pPr></w:p>'
    )


def picture_size(width_px: int, height_px: int) -> tuple[int, int]:
    """The picture's size on the page in EMU: within the text block, two to a page at most."""
    width = PICTURE_MAX_WIDTH_MM * EMU_PER_MM
    height = width * height_px // max(width_px, 1)
    limit = PICTURE_MAX_HEIGHT_MM * EMU_PER_MM
    if height > limit:
        width, height = width * limit // height, limit
    return width, height


def picture(rid: str, number: int, width_px: int, height_px: int, description: str) -> str:
    """A centred paragraph holding one picture, scaled to the page (exact line spacing would clip it)."""
    cx, cy = picture_size(width_px, height_px)
    name = quoteattr(f"图片{number}")
    descr = quoteattr(description)
    drawing = (
        f'<w:drawing><wp:inline xmlns:wp="{_WP}" distT="0" distB="0" distL="0" distR="0">'
        f'<wp:extent cx="{cx}" cy="{cy}"/><wp:docPr id="{number}" name={name} descr={descr}/>'
        f'<wp:cNvGraphicFramePr><a:graphicFrameLocks xmlns:a="{_A}" noChangeAspect="1"/></wp:cNvGraphicFramePr>'
        f'<a:graphic xmlns:a="{_A}"><a:graphicData uri="{_PIC}"><pic:pic xmlns:pic="{_PIC}">'
        f'<pic:nvPicPr><pic:cNvPr id="{number}" name={name}/><pic:cNvPicPr/></pic:nvPicPr>'
        f'<pic:blipFill><a:blip xmlns:r="{_R}" r:embed="{rid}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
        f'<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic>'
        "</wp:inline></w:drawing>"
    )
    return (
        '<w:p><w:pPr><w:pStyle w:val="NoIndent"/><w:keepNext/><w:snapToGrid w:val="0"/>'
        '<w:spacing w:before="120" w:line="240" w:lineRule="auto"/><w:jc w:val="center"/></w:pPr>'
        f"<w:r>{drawing}</w:r></w:p>"
    )


def body(blocks: list[str]) -> Markup:
    """Blocks joined for ``{{p body }}``: markup the template engine leaves as it is."""
    return Markup("".join(blocks))


def add_pictures(docx: bytes, pictures: list[PicturePart]) -> bytes:
    """The rendered package with each picture's part, relationship and content type added."""
    if not pictures:
        return docx
    members: list[Member] = []
    with zipfile.ZipFile(BytesIO(docx)) as package:
        for info in package.infolist():
            data = package.read(info)
            if info.filename == RELS:
                data = _with_relationships(data, pictures)
            elif info.filename == CONTENT_TYPES:
                data = _with_content_types(data, {p.extension for p in pictures})
            members.append(deflate(info.filename, data))
    members += [deflate(p.part, p.data, level=1) for p in pictures]
    return archive(members)


def _with_relationships(xml: bytes, pictures: list[PicturePart]) -> bytes:
    root = etree.fromstring(xml, etree.XMLParser(resolve_entities=False))
    for picture in pictures:
        relationship = etree.SubElement(root, f"{{{_REL_NS}}}Relationship")
        relationship.set("Id", picture.rid)
        relationship.set("Type", _IMAGE_REL)
        relationship.set("Target", picture.part.removeprefix("word/"))
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def _with_content_types(xml: bytes, extensions: set[str]) -> bytes:
    root = etree.fromstring(xml, etree.XMLParser(resolve_entities=False))
    known = {str(d.get("Extension")).lower() for d in root.iter(f"{{{_CT_NS}}}Default")}
    for extension in sorted(extensions - known):
        default = etree.Element(f"{{{_CT_NS}}}Default")
        default.set("Extension", extension)
        default.set("ContentType", f"image/{extension}")
        root.insert(0, default)  # Defaults come before Overrides
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))
