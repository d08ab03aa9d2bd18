"""WordprocessingML pieces for building docgen's templates: package parts, styles, paragraphs.

Element order inside pPr, rPr, sectPr and tblPr follows the ECMA-376 schema sequences, which
Word enforces (LibreOffice does not). Lengths are twips (1/20 pt) unless named otherwise.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable
from xml.sax.saxutils import escape, quoteattr

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
ZIP_DATE = (1980, 1, 1, 0, 0, 0)

# Fonts the templates name; fontTable gives Word/WPS a fallback where one is not installed.
FANGSONG, KAITI, HEITI, XIAOBIAOSONG, SONG, TIMES = (
    "仿宋_GB2312",
    "楷体_GB2312",
    "黑体",
    "方正小标宋简体",
    "宋体",
    "Times New Roman",
)
FONT_FALLBACK = {FANGSONG: "仿宋", KAITI: "楷体", XIAOBIAOSONG: "宋体", HEITI: "SimHei", SONG: "SimSun"}

PT = 20  # twips per point
SIZE_2, SIZE_3, SIZE_4, SIZE_XIAO4 = 44, 32, 28, 24  # half-points: 二号 22 pt, 三号 16, 四号 14, 小四 12
LINE_PITCH = 579  # 28.95 pt: 22 lines fill the 225 mm text block
CHAR = 16 * PT  # one 三号 character, for indents counted in characters
# Body character spacing, twips: -6 (-0.3 pt) sets 28 characters of 三号 to a line in LibreOffice 7.4
# (plain 16 pt gives 27). -5 (-0.25 pt) also gives 28, but leaves only 1.2 pt of the line free: a
# justified line whose 29th character is a mark that may not start a line (，、。) then loses that
# mark in LibreOffice's PDF (left-aligned lines keep it, w:overflowPunct changes nothing). With -6
# the mark is kept, hanging into the margin as Word and WPS hang it.
BODY_SPACING = -6

# GB/T 9704-2012: A4, margins top 37 mm, bottom 35, left 28, right 26.
A4 = (11906, 16838)
MARGINS = {"top": 2098, "bottom": 1984, "left": 1587, "right": 1474, "header": 851, "footer": 1304}
LANDSCAPE_MARGINS = {"top": 1587, "bottom": 1474, "left": 1984, "right": 1984, "header": 851, "footer": 1134}


def xml_text(text: str) -> str:
    """Escape text for a w:t element."""
    return escape(text)


def run_properties(
    *,
    font: str | None = None,
    size: int | None = None,
    bold: bool = False,
    spacing: int | None = None,
    underline: bool = False,
) -> str:
    """A w:rPr with the East Asian slot set wherever a font is named."""
    parts = []
    if font:
        latin = TIMES if font in (FANGSONG, KAITI, XIAOBIAOSONG, HEITI) else font
        parts.append(f'<w:rFonts w:ascii="{latin}" w:hAnsi="{latin}" w:eastAsia="{font}" w:cs="{latin}"/>')
    if bold:
        parts.append("<w:b/><w:bCs/>")
    if spacing is not None:
        parts.append(f'<w:spacing w:val="{spacing}"/>')
    if size:
        parts.append(f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>')
    if underline:
        parts.append('<w:u w:val="single"/>')
    return f"<w:rPr>{''.join(parts)}</w:rPr>" if parts else ""


def paragraph_properties(
    *,
    style: str | None = None,
    keep_next: bool = False,
    page_break: bool = False,
    tabs: Iterable[tuple[str, int]] = (),
    grid: bool = True,
    line: int | None = None,
    line_rule: str = "exact",
    before: int | None = None,
    after: int | None = None,
    first_line_chars: int | None = None,
    left: int | None = None,
    right: int | None = None,
    jc: str | None = None,
    outline: int | None = None,
    rpr: str = "",
    sect: str = "",
) -> str:
    """A w:pPr with its children in schema order; ``grid=False`` frees small text from the 22-line grid."""
    parts = []
    if style:
        parts.append(f'<w:pStyle w:val="{style}"/>')
    if keep_next:
        parts.append("<w:keepNext/>")
    if page_break:
        parts.append("<w:pageBreakBefore/>")
    tabs = list(tabs)
    if tabs:
        parts.append("<w:tabs>" + "".join(f'<w:tab w:val="{k}" w:pos="{p}"/>' for k, p in tabs) + "</w:tabs>")
    if not grid:
        parts.append('<w:snapToGrid w:val="0"/>')
    if line is not None or before is not None or after is not None:
        attrs = ""
        if before is not None:
            attrs += f' w:before="{before}"'
        if after is not None:
            attrs += f' w:after="{after}"'
        if line is not None:
            attrs += f' w:line="{line}" w:lineRule="{line_rule}"'
        parts.append(f"<w:spacing{attrs}/>")
    if first_line_chars is not None or left is not None or right is not None:
        attrs = ""
        if left is not None:
            attrs += f' w:left="{left}"'
        if right is not None:
            attrs += f' w:right="{right}"'
        if first_line_chars is not None:
            attrs += f' w:firstLineChars="{first_line_chars}" w:firstLine="{first_line_chars * CHAR // 100}"'
        parts.append(f"<w:ind{attrs}/>")
    if jc:
        parts.append(f'<w:jc w:val="{jc}"/>')
    if outline is not None:
        parts.append(f'<w:outlineLvl w:val="{outline}"/>')
    parts.append(rpr)
    parts.append(sect)
    body = "".join(parts)
    return f"<w:pPr>{body}</w:pPr>" if body else ""


def run(text: str, rpr: str = "") -> str:
    """A run of text; leading or trailing spaces are kept."""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{xml_text(text)}</w:t></w:r>'


def tab_run() -> str:
    """A run holding one tab character."""
    return "<w:r><w:tab/></w:r>"


def paragraph(text: str = "", style: str | None = None, *, runs: str | None = None, **ppr: object) -> str:
    """A paragraph of one run (or of the given runs) in a style."""
    content = runs if runs is not None else (run(text) if text else "")
    return f"<w:p>{paragraph_properties(style=style, **ppr)}{content}</w:p>"  # type: ignore[arg-type]


def tag(text: str) -> str:
    """A paragraph holding only a docxtpl tag such as ``{%p for x in xs %}``: it vanishes on render."""
    return f"<w:p>{run(text)}</w:p>"


def section_properties(*, landscape: bool = False, footers: bool = True, numbered: bool = True) -> str:
    """A w:sectPr: A4 with GB/T 9704 margins and a 22-line grid; footers on odd and even pages.

    ``numbered=False`` gives the section empty footers (the 版记's page carries no number, GB/T
    9704-2012 7.5); the package must then hold them (``package(..., blank_footer=True)``).
    """
    width, height = A4
    margins = MARGINS
    orient = ""
    if landscape:
        width, height = height, width
        margins = LANDSCAPE_MARGINS
        orient = ' w:orient="landscape"'
    refs = ""
    if footers and numbered:
        refs = (
            '<w:footerReference w:type="even" r:id="rIdFooterEven"/>'
            '<w:footerReference w:type="default" r:id="rIdFooterOdd"/>'
        )
    elif footers:  # a section without a reference would inherit the numbered footers of the one before
        refs = (
            '<w:footerReference w:type="even" r:id="rIdFooterBlank"/>'
            '<w:footerReference w:type="default" r:id="rIdFooterBlank"/>'
        )
    mar = " ".join(f'w:{k}="{v}"' for k, v in margins.items())
    grid = '<w:docGrid w:type="lines" w:linePitch="579"/>' if not landscape else '<w:docGrid w:linePitch="312"/>'
    return (
        f'<w:sectPr>{refs}<w:pgSz w:w="{width}" w:h="{height}"{orient}/>'
        f'<w:pgMar {mar} w:gutter="0"/><w:cols w:space="425"/>{grid}</w:sectPr>'
    )


def text_width(landscape: bool = False) -> int:
    """Width of the text block in twips."""
    width, height = A4
    margins = LANDSCAPE_MARGINS if landscape else MARGINS
    page = height if landscape else width
    return page - margins["left"] - margins["right"]


def table(columns: list[tuple[str, int]], header_cells: str, body_rows: str, *, width: int) -> str:
    """A bordered table with a header row repeated on every page; ``columns`` are (label, weight)."""
    total = sum(w for _, w in columns)
    widths = [width * w // total for _, w in columns]
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    border = "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    return (
        f'<w:tbl><w:tblPr><w:tblW w:w="{width}" w:type="dxa"/><w:jc w:val="center"/>'
        f'<w:tblBorders>{border}</w:tblBorders><w:tblLayout w:type="fixed"/>'
        '<w:tblCellMar><w:left w:w="85" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar>'
        '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" '
        'w:noHBand="0" w:noVBand="1"/></w:tblPr>'
        f"<w:tblGrid>{grid}</w:tblGrid>{header_cells}{body_rows}</w:tbl>"
    )


def cell(content: str, width: int, *, span: int = 1, valign: str = "center") -> str:
    """A table cell of the given width, vertically centred (or ``valign``); ``span`` grid columns wide."""
    grid_span = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
    return (
        f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{grid_span}<w:vAlign w:val="{valign}"/></w:tcPr>'
        f"{content}</w:tc>"
    )


def row(cells: str, *, header: bool = False, height: int | None = None) -> str:
    """A table row; a header row repeats at the top of every page and never splits."""
    props = "<w:cantSplit/>"
    if height:
        props += f'<w:trHeight w:val="{height}"/>'
    if header:
        props += "<w:tblHeader/>"
    return f"<w:tr><w:trPr>{props}</w:trPr>{cells}</w:tr>"


def document_xml(body: str) -> str:
    """The main document part around a body."""
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body>{body}</w:body></w:document>'
    )


def footer_xml(align: str) -> str:
    """A footer with the page number as "— 1 —", 四号 宋体, one character in from its edge."""
    indent = {"right": 'w:right="280"', "left": 'w:left="280"'}[align]
    rpr = run_properties(font=SONG, size=SIZE_4)
    field = (
        f'<w:r>{rpr}<w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r>{rpr}<w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
        f'<w:r>{rpr}<w:fldChar w:fldCharType="separate"/></w:r>'
        f"<w:r>{rpr}<w:t>1</w:t></w:r>"
        f'<w:r>{rpr}<w:fldChar w:fldCharType="end"/></w:r>'
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:ftr xmlns:w="{W_NS}" xmlns:r="{R_NS}">'
        f'<w:p><w:pPr><w:pStyle w:val="Footer"/><w:ind {indent}/><w:jc w:val="{align}"/></w:pPr>'
        f"{run('— ', rpr)}{field}{run(' —', rpr)}</w:p></w:ftr>"
    )


def _style(
    kind: str,
    style_id: str,
    name: str,
    ppr: str = "",
    rpr: str = "",
    *,
    based_on: str | None = None,
    default: bool = False,
    next_style: str | None = None,
) -> str:
    attrs = ' w:default="1"' if default else ""
    based = f'<w:basedOn w:val="{based_on}"/>' if based_on else ""
    nxt = f'<w:next w:val="{next_style}"/>' if next_style else ""
    return (
        f'<w:style w:type="{kind}"{attrs} w:styleId="{style_id}"><w:name w:val="{name}"/>{based}{nxt}'
        f"<w:qFormat/>{ppr}{rpr}</w:style>"
    )


def styles_xml() -> str:
    """Only the styles the templates use: body 仿宋 三号, title 小标宋 二号, headings 黑体 and 楷体."""
    body_rpr = run_properties(font=FANGSONG, size=SIZE_3, spacing=BODY_SPACING)
    defaults = (
        "<w:docDefaults><w:rPrDefault><w:rPr>"
        f'<w:rFonts w:ascii="{TIMES}" w:hAnsi="{TIMES}" w:eastAsia="{FANGSONG}" w:cs="{TIMES}"/>'
        f'<w:kern w:val="2"/><w:sz w:val="{SIZE_3}"/><w:szCs w:val="{SIZE_3}"/>'
        '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>'
        '<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault>'
        "</w:docDefaults>"
    )
    indented = {"line": LINE_PITCH, "first_line_chars": 200}
    styles = [
        _style("paragraph", "Normal", "Normal", paragraph_properties(jc="both", **indented), body_rpr, default=True),
        _style(
            "paragraph",
            "Title",
            "Title",
            # off the grid: on it, LibreOffice gives 二号 text two grid lines, a blank line between title lines
            paragraph_properties(grid=False, line=LINE_PITCH, first_line_chars=0, jc="center"),
            run_properties(font=XIAOBIAOSONG, size=SIZE_2),
            based_on="Normal",
            next_style="Normal",
        ),
        _style(
            "paragraph",
            "Heading1",
            "heading 1",
            paragraph_properties(keep_next=True, outline=0),
            run_properties(font=HEITI),
            based_on="Normal",
            next_style="Normal",
        ),
        _style(
            "paragraph",
            "Heading2",
            "heading 2",
            paragraph_properties(keep_next=True, outline=1),
            run_properties(font=KAITI),
            based_on="Normal",
            next_style="Normal",
        ),
        _style(
            "paragraph",
            "Heading3",
            "heading 3",
            paragraph_properties(keep_next=True, outline=2),
            run_properties(font=FANGSONG),
            based_on="Normal",
            next_style="Normal",
        ),
        _style("paragraph", "NoIndent", "No Indent", paragraph_properties(first_line_chars=0), based_on="Normal"),
        _style(
            "paragraph",
            "Signature",
            "Signature",
            paragraph_properties(first_line_chars=0, jc="left"),
            based_on="Normal",
        ),
        _style(
            "paragraph",
            "AttachmentLabel",
            "Attachment Label",
            paragraph_properties(first_line_chars=0, jc="left"),
            run_properties(font=HEITI),
            based_on="Normal",
            next_style="Title",
        ),
        _style(
            "paragraph",
            "TableText",
            "Table Text",
            paragraph_properties(grid=False, line=280, first_line_chars=0, jc="center"),
            run_properties(font=FANGSONG, size=SIZE_XIAO4, spacing=0),
            based_on="Normal",
        ),
        _style(
            "paragraph",
            "TableHeading",
            "Table Heading",
            "",
            run_properties(font=HEITI, size=SIZE_XIAO4),
            based_on="TableText",
        ),
        _style(
            "paragraph",
            "FormNote",
            "Form Note",
            paragraph_properties(line=360, line_rule="auto", first_line_chars=0, jc="left"),
            run_properties(font=FANGSONG, size=SIZE_4, spacing=0),
            based_on="Normal",
        ),
        _style(
            "paragraph",
            "CalendarDay",
            "Calendar Day",
            paragraph_properties(keep_next=True, grid=False, line=240, line_rule="auto", first_line_chars=0, jc="left"),
            run_properties(font=HEITI, size=SIZE_XIAO4, spacing=0),
            based_on="Normal",
        ),
        _style(
            "paragraph",
            "CalendarMark",
            "Calendar Mark",
            # exact 10.5 pt lines for the 9 pt marks: a day with several marks stays a short row
            paragraph_properties(keep_next=True, grid=False, line=210, first_line_chars=0, jc="left"),
            run_properties(font=FANGSONG, size=18, spacing=0),
            based_on="Normal",
        ),
        _style(
            "paragraph",
            "Footer",
            "footer",
            paragraph_properties(line=240, line_rule="auto", first_line_chars=0),
            run_properties(font=SONG, size=SIZE_4, spacing=0),
            based_on="Normal",
        ),
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
        '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style>',
        '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
        '<w:semiHidden/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar>'
        '<w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/>'
        '<w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>',
    ]
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles xmlns:w="{W_NS}">'
        f"{defaults}{''.join(styles)}</w:styles>"
    )


def settings_xml() -> str:
    """Odd and even footers differ (page numbers right and left); CJK punctuation compressed."""
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:settings xmlns:w="{W_NS}">'
        '<w:zoom w:percent="100"/><w:defaultTabStop w:val="420"/><w:evenAndOddHeaders/>'
        '<w:characterSpacingControl w:val="compressPunctuation"/>'
        '<w:compat><w:compatSetting w:name="compatibilityMode" '
        'w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>'
        '<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/></w:settings>'
    )


def font_table_xml() -> str:
    """Declares the Chinese fonts with alternatives a reader without them should use."""
    fonts = []
    for name, family in (
        (TIMES, "roman"),
        (FANGSONG, "modern"),
        (KAITI, "modern"),
        (HEITI, "modern"),
        (XIAOBIAOSONG, "script"),
        (SONG, "auto"),
    ):
        alt = f'<w:altName w:val="{FONT_FALLBACK[name]}"/>' if name in FONT_FALLBACK else ""
        charset = "00" if name == TIMES else "86"
        fonts.append(
            f'<w:font w:name={quoteattr(name)}>{alt}<w:charset w:val="{charset}"/>'
            f'<w:family w:val="{family}"/><w:pitch w:val="variable"/></w:font>'
        )
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:fonts xmlns:w="{W_NS}" '
        f'xmlns:r="{R_NS}">{"".join(fonts)}</w:fonts>'
    )


def core_xml(title: str) -> str:
    """Document properties; the title is a docxtpl tag so each output carries its own title."""
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{xml_text(title)}</dc:title><dc:creator>docgen</dc:creator></cp:coreProperties>"
    )


def blank_footer_xml() -> str:
    """A footer with one empty paragraph: a page without a page number."""
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:ftr xmlns:w="{W_NS}" xmlns:r="{R_NS}">'
        '<w:p><w:pPr><w:pStyle w:val="Footer"/></w:pPr></w:p></w:ftr>'
    )


def content_types_xml(blank_footer: bool = False) -> str:
    """[Content_Types].xml for the parts ``package`` writes."""
    wml = "application/vnd.openxmlformats-officedocument.wordprocessingml"
    overrides = {
        "/word/document.xml": f"{wml}.document.main+xml",
        "/word/styles.xml": f"{wml}.styles+xml",
        "/word/settings.xml": f"{wml}.settings+xml",
        "/word/fontTable.xml": f"{wml}.fontTable+xml",
        "/word/footer1.xml": f"{wml}.footer+xml",
        "/word/footer2.xml": f"{wml}.footer+xml",
        **({"/word/footer3.xml": f"{wml}.footer+xml"} if blank_footer else {}),
        "/docProps/core.xml": "application/vnd.openxmlformats-package.core-properties+xml",
    }
    items = "".join(f'<Override PartName="{k}" ContentType="{v}"/>' for k, v in overrides.items())
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        f'<Default Extension="xml" ContentType="application/xml"/>{items}</Types>'
    )


def _rels(items: list[tuple[str, str, str]]) -> str:
    rels = "".join(f'<Relationship Id="{i}" Type="{t}" Target="{target}"/>' for i, t, target in items)
    head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    return f'{head}<Relationships xmlns="{REL_NS}">{rels}</Relationships>'


def package(body: str, title: str, *, blank_footer: bool = False) -> bytes:
    """A complete .docx around a body, byte for byte the same on every build.

    ``blank_footer`` adds the empty footer that sections with ``numbered=False`` refer to.
    """
    blank = [("rIdFooterBlank", RT + "footer", "footer3.xml")] if blank_footer else []
    parts = {
        "[Content_Types].xml": content_types_xml(blank_footer),
        "_rels/.rels": _rels(
            [
                ("rId1", RT + "officeDocument", "word/document.xml"),
                (
                    "rId2",
                    "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
                    "docProps/core.xml",
                ),
            ]
        ),
        "docProps/core.xml": core_xml(title),
        "word/document.xml": document_xml(body),
        "word/_rels/document.xml.rels": _rels(
            [
                ("rIdStyles", RT + "styles", "styles.xml"),
                ("rIdSettings", RT + "settings", "settings.xml"),
                ("rIdFonts", RT + "fontTable", "fontTable.xml"),
                ("rIdFooterOdd", RT + "footer", "footer1.xml"),
                ("rIdFooterEven", RT + "footer", "footer2.xml"),
                *blank,
            ]
        ),
        "word/styles.xml": styles_xml(),
        "word/settings.xml": settings_xml(),
        "word/fontTable.xml": font_table_xml(),
        "word/footer1.xml": footer_xml("right"),
        "word/footer2.xml": footer_xml("left"),
        **({"word/footer3.xml": blank_footer_xml()} if blank_footer else {}),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            info = zipfile.ZipInfo(name, ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, text.encode("utf-8"))
    return buffer.getvalue()
