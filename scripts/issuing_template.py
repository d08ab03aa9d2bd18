"""The 印发通知 template (templates/issuing-notice.docx): 版头, notice, the 方案 attached, the 版记.

Kept beside build_templates.py, which registers it; it uses the same pieces (``ooxml``) and the
same styles, adding direct formatting only where the 公文 apparatus needs it (hanging indents
of the 附件说明, the 版记's rules and its bottom-aligned section).
"""

from __future__ import annotations

from ooxml import (
    CHAR,
    FANGSONG,
    LINE_PITCH,
    SIZE_4,
    package,
    paragraph,
    run,
    run_properties,
    section_properties,
    tag,
    text_width,
)

RECORD_CHAR = 14 * 20  # one 4号 character, twips
RULE_THICK, RULE_THIN = 8, 6  # eighths of a point: 1 pt (0.35 mm) and 0.75 pt (0.25 mm)


def _note_paragraph(text: str, left_chars: int, hanging_chars: int) -> str:
    """A 附件说明 line whose wrapped lines align under the attachment's name."""
    ppr = (
        '<w:pPr><w:pStyle w:val="NoIndent"/><w:keepNext/>'
        f'<w:ind w:left="{left_chars * CHAR}" w:hanging="{hanging_chars * CHAR}"/></w:pPr>'
    )
    return f"<w:p>{ppr}{run(text)}</w:p>"


def attachment_note() -> str:
    """附件：name (wrapped under the name), or 附件：1. name / 2. name (wrapped under each name)."""
    return (
        tag("{%p if attachment_note %}")
        + paragraph(keep_next=True)
        + tag("{%p for line in attachment_note %}")
        + tag('{%p if line.place == "only" %}')
        + _note_paragraph("{{ line.text }}", 5, 3)
        + tag('{%p elif line.place == "first" %}')
        + _note_paragraph("{{ line.text }}", 6, 4)
        + tag("{%p else %}")
        + _note_paragraph("{{ line.text }}", 6, 1)
        + tag("{%p endif %}")
        + tag("{%p endfor %}")
        + tag("{%p endif %}")
    )


def _rule(side: str, size: int) -> str:
    return f'<w:{side} w:val="single" w:sz="{size}" w:space="0" w:color="000000"/>'


def _record_paragraph(
    runs: str, *, top: int | None, bottom: int, left: int, hanging: int = 0, tab: bool = False
) -> str:
    """A 版记 line: 4号 仿宋 on the body's grid, 左右各空一字, ruled above and/or below."""
    borders = (_rule("top", top) if top else "") + _rule("bottom", bottom)
    tabs = f'<w:tabs><w:tab w:val="right" w:pos="{text_width() - RECORD_CHAR}"/></w:tabs>' if tab else ""
    indent = f'<w:ind w:left="{left}" w:right="{RECORD_CHAR}" w:hanging="{hanging}"/>'
    ppr = (
        f'<w:pPr><w:pStyle w:val="NoIndent"/><w:pBdr>{borders}</w:pBdr>{tabs}<w:snapToGrid w:val="0"/>'
        f'<w:spacing w:before="0" w:after="0" w:line="{LINE_PITCH}" w:lineRule="exact"/>{indent}'
        f'<w:jc w:val="left"/></w:pPr>'
    )
    return f"<w:p>{ppr}{runs}</w:p>"


def record() -> str:
    """版记: 抄送 (wrapped lines aligned after the colon), then 印发机关 left and 印发日期 right.

    The first and last rules 0.35 mm, the one between 0.25 mm. The last rule lies on the 版心's
    last line: a spacer of exact height (``record.spacer``, from the number of 抄送 lines) fills
    the page above, which every office suite honours alike; the section is also aligned to the
    bottom for Word and WPS (LibreOffice ignores that, and drops a frame whose lines are ruled).
    """
    rpr = run_properties(font=FANGSONG, size=SIZE_4, spacing=0)
    spacer = paragraph("{{p record.spacer }}")
    copy_to = _record_paragraph(
        run("抄送：", rpr) + run("{{ record.copy_to }}", rpr),
        top=RULE_THICK,
        bottom=RULE_THIN,
        left=RECORD_CHAR * 4,
        hanging=RECORD_CHAR * 3,
    )
    imprint_runs = (
        run("{{ record.printed_by }}", rpr) + "<w:r>" + rpr + "<w:tab/></w:r>" + run("{{ record.printed_on }}", rpr)
    )
    return (
        spacer
        + tag("{%p if record.copy_to %}")
        + copy_to
        + _record_paragraph(imprint_runs, top=None, bottom=RULE_THICK, left=RECORD_CHAR, tab=True)
        + tag("{%p else %}")
        + _record_paragraph(imprint_runs, top=RULE_THICK, bottom=RULE_THICK, left=RECORD_CHAR, tab=True)
        + tag("{%p endif %}")
    )


def record_section() -> str:
    """The last section, holding the 版记: on an even page, its content at the bottom, its page unnumbered.

    GB/T 9704-2012 7.5: the 版记 stands on the back of the last sheet, and neither it nor the
    blank page an office suite inserts before it (when the text ends on an even page) is numbered.
    """
    sect = section_properties(numbered=False)
    sect = sect.replace("<w:pgSz ", '<w:type w:val="evenPage"/><w:pgSz ', 1)
    return sect.replace("<w:docGrid ", '<w:vAlign w:val="bottom"/><w:docGrid ', 1)


def blocks(name: str) -> str:
    """The 方案's sections as the notice template prints them: headings, paragraphs, tables."""
    return (
        tag(f"{{%p for block in {name} %}}")
        + tag('{%p if block.kind == "h1" %}')
        + paragraph("{{ block.text }}", "Heading1")
        + tag('{%p elif block.kind == "h2" %}')
        + paragraph("{{ block.text }}", "Heading2")
        + tag('{%p elif block.kind == "table" %}')
        + paragraph("{{p block.table }}")
        + tag("{%p else %}")
        + paragraph("{{ block.text }}")
        + tag("{%p endif %}")
        + tag("{%p endfor %}")
    )


def issuing_notice(attachment_page: object) -> bytes:
    """The 印发通知, then 附件(1) the 方案 on a new page, then the plan's attachments, then the 版记.

    ``attachment_page`` is build_templates' builder of a form or table page, so the attachments
    look as they do in the notice.
    """
    page = attachment_page("attachment", label="{{ attachment.label }}")  # type: ignore[operator]
    body = (
        tag("{%p if head %}")
        + paragraph("{{p head }}")
        + tag("{%p endif %}")
        + tag("{%p for line in title_lines %}")
        + paragraph("{{ line }}", "Title")
        + tag("{%p endfor %}")
        + paragraph()
        + tag("{%p if to %}")
        + paragraph("{{ to }}", "NoIndent")
        + tag("{%p endif %}")
        + tag("{%p for text in openings %}")
        + tag("{%p if loop.last and signature %}")
        + paragraph("{{ text }}", keep_next=True)
        + tag("{%p else %}")
        + paragraph("{{ text }}")
        + tag("{%p endif %}")
        + tag("{%p endfor %}")
        + attachment_note()
        + tag("{%p if signature %}")
        + paragraph(keep_next=True)
        + tag("{%p for line in signature %}")
        + tag("{%p if loop.last %}")
        + paragraph("{{ line.padding }}{{ line.text }}", "Signature")
        + tag("{%p else %}")
        + paragraph("{{ line.padding }}{{ line.text }}", "Signature", keep_next=True)
        + tag("{%p endif %}")
        + tag("{%p endfor %}")
        + tag("{%p endif %}")
        + paragraph("{{ annex.label }}", "AttachmentLabel", page_break=True)
        + paragraph()  # GB/T 9704-2012 7.3.7 (as commonly quoted): the title on the page's third line
        + tag("{%p for line in annex.title_lines %}")
        + paragraph("{{ line }}", "Title")
        + tag("{%p endfor %}")
        + paragraph()
        + tag("{%p if annex.salutation %}")
        + paragraph("{{ annex.salutation }}", "NoIndent")
        + tag("{%p endif %}")
        + tag("{%p for text in annex.openings %}")
        + paragraph("{{ text }}")
        + tag("{%p endfor %}")
        + blocks("annex.body")
        + paragraph(sect=section_properties())
        + tag("{%p if attachments %}")
        + tag("{%p for attachment in attachments %}")
        + tag("{%p if not loop.first %}")
        + paragraph(runs='<w:r><w:br w:type="page"/></w:r>', style="NoIndent")
        + tag("{%p endif %}")
        + page
        + tag("{%p endfor %}")
        + paragraph(sect=section_properties(landscape=True))
        + tag("{%p endif %}")
        + record()
        + record_section()
    )
    return package(body, "{{ title }}", blank_footer=True)
