"""The 版头 of a 公文 (GB/T 9704-2012 7.2) as WordprocessingML for a ``{{p head }}`` tag.

Its sizes depend on the plan (the 发文机关标志's length decides its font size), and a size or a
spacing computed per document cannot be a template tag inside an XML attribute, so the head
is built here, like the tables. Three modes:

- ``red``: 发文机关标志 in red 小标宋, centred, its top 35 mm below the 版心's top; the 发文字号
  two lines below it, centred; the red line 4 mm below the 发文字号, as wide as the 版心.
- ``preprinted`` (套打): the same space, the 发文字号 in its place, the red parts left out,
  for paper with the red head already printed on it.
- ``plain``: the 发文字号 alone, centred, above the title.

Vertical places are exact line heights and spacings, so Word, WPS and LibreOffice put them
at the same distance from the top margin. The constants below place the ink, not the line
box; they were measured in LibreOffice (Word and WPS, with the real 方正小标宋, may differ by
a millimetre).
"""

from __future__ import annotations

from markupsafe import Markup

from docgen.rendering.wordml import xml_text

RED = "FF0000"
MM = 56.7  # twips per millimetre
LINE_PITCH = 579  # the body's grid: 22 lines of 28.95 pt
MARK_TOP = 35 * MM  # GB/T 9704-2012 7.2.3: the mark's top edge 35 mm below the 版心's top
RULE_GAP = 4 * MM  # 7.2.5: the red line 4 mm below the 发文字号
TEXT_WIDTH_MM = 156
MARK_MAX_PT = 42.0  # a character no wider than 15 mm
MARK_MIN_PT = 22.0
RED_RULE = 8  # eighths of a point: 1 pt, about 0.35 mm
# Where the ink of CJK text of size S stands in an exact line box S high: INK_TOP * S below the
# box's top (negative: above it); measured in LibreOffice 7.4 with Noto Serif CJK SC.
INK_TOP = -0.033
NUMBER_INK_BOTTOM = 5.8  # points from the 发文字号's ink bottom to the bottom of its 28.95 pt line


def mark_size(mark: str) -> float:
    """The 发文机关标志's size in points: as large as fits one line of the 版心, at most 15 mm a character."""
    fitting = TEXT_WIDTH_MM * 0.95 / max(len(mark), 1) / 25.4 * 72
    return max(MARK_MIN_PT, min(MARK_MAX_PT, int(fitting * 2) / 2))


def _run(text: str, *, font: str, size_half_points: int, color: str | None = None) -> str:
    latin = "Times New Roman"
    color_xml = f'<w:color w:val="{color}"/>' if color else ""
    return (
        f'<w:r><w:rPr><w:rFonts w:ascii="{latin}" w:hAnsi="{latin}" w:eastAsia="{font}" w:cs="{latin}"/>'
        f'{color_xml}<w:spacing w:val="0"/><w:sz w:val="{size_half_points}"/><w:szCs w:val="{size_half_points}"/>'
        f'</w:rPr><w:t xml:space="preserve">{xml_text(text)}</w:t></w:r>'
    )


def _paragraph(
    runs: str, *, line: int, before: int = 0, after: int = 0, border: str = "", style: str = "NoIndent"
) -> str:
    """A centred paragraph of exact height, off the grid; pPr children in schema order."""
    border_xml = f"<w:pBdr>{border}</w:pBdr>" if border else ""
    return (
        f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{border_xml}<w:snapToGrid w:val="0"/>'
        f'<w:spacing w:before="{before}" w:after="{after}" w:line="{line}" w:lineRule="exact"/>'
        f'<w:ind w:left="0" w:right="0" w:firstLine="0"/><w:jc w:val="center"/></w:pPr>{runs}</w:p>'
    )


def head_xml(mode: str, mark: str, number: str) -> Markup:
    """The 版头's paragraphs for ``mode`` (red, preprinted or plain); empty when there is nothing to print."""
    number_run = _run(number, font="仿宋_GB2312", size_half_points=32) if number else ""
    if mode == "plain":
        if not number:
            return Markup("")
        return Markup(_paragraph(number_run, line=LINE_PITCH) + _paragraph("", line=LINE_PITCH))
    size = mark_size(mark)
    mark_line = round(size * 20)  # an exact line as high as the mark's size
    before = max(round(MARK_TOP - INK_TOP * size * 20), 0)
    red = mode == "red"
    mark_runs = _run(mark, font="方正小标宋简体", size_half_points=round(size * 2), color=RED) if red else ""
    rule_space = max(round((RULE_GAP / 20) - NUMBER_INK_BOTTOM), 0)  # points between the line box and the rule
    rule = f'<w:bottom w:val="single" w:sz="{RED_RULE}" w:space="{rule_space}" w:color="{RED}"/>' if red else ""
    after = 0 if red else rule_space * 20 + RED_RULE * 20 // 8
    # two blank lines of the grid between the mark and the number, and between the line and the title
    blank = _paragraph("", line=LINE_PITCH)
    return Markup(
        _paragraph(mark_runs, line=mark_line, before=before)
        + blank * 2
        + _paragraph(number_run, line=LINE_PITCH, after=after, border=rule)
        + blank * 2
    )


def spacer_xml(height: int) -> Markup:
    """An empty paragraph exactly ``height`` twips high (none when there is no room): space kept the same everywhere."""
    if height <= 0:
        return Markup("")
    return Markup(_paragraph("", line=height))
