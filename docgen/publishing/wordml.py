"""WordprocessingML for the 简报 and the summary: paragraphs and pictures, in the templates' styles.

The templates place a body built here with ``{{p body }}`` (as ``documents.tables`` does for
tables), in the templates' own styles; every text is escaped. A picture is an inline drawing
(``docgen.rendering.pictures``) that points at a relationship id; the template's render is given
the picture parts (``CompiledTemplate.render(context, pictures)``) and puts each one's media,
relationship and content type into the package as it writes it.
"""

from __future__ import annotations

from markupsafe import Markup

from docgen.rendering.pictures import EMU_PER_MM, inline_drawing
from docgen.rendering.wordml import xml_text

PICTURE_MAX_WIDTH_MM = 140  # within the GB/T 9704 text block (156 mm)
PICTURE_MAX_HEIGHT_MM = 95  # two pictures with their captions to a page


def paragraph(text: str, style: str = "Normal", *, center: bool = False) -> str:
    """A paragraph of plain text in a template style."""
    jc = '<w:jc w:val="center"/>' if center else ""
    run = f'<w:r><w:t xml:space="preserve">{xml_text(text)}</w:t></w:r>' if text else ""
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
    return (
        '<w:p><w:pPr><w:pStyle w:val="NoIndent"/><w:keepNext/><w:snapToGrid w:val="0"/>'
        '<w:spacing w:before="120" w:line="240" w:lineRule="auto"/><w:jc w:val="center"/></w:pPr>'
        f"<w:r>{inline_drawing(rid, number, cx, cy, description)}</w:r></w:p>"
    )


def body(blocks: list[str]) -> Markup:
    """Blocks joined for ``{{p body }}``: markup the template engine leaves as it is."""
    return Markup("".join(blocks))
