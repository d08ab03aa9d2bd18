"""Write docgen's default templates (docgen/shipped/templates/*.docx) from code, the same bytes every time.

Run it after changing a template's layout: ``python scripts/build_templates.py``. A test fails
when a committed template differs from what this script builds. The templates are ordinary
.docx files with docxtpl tags; a user may copy and edit them in Word, WPS or LibreOffice.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from issuing_template import issuing_notice
from ooxml import (
    HEITI,
    XIAOBIAOSONG,
    cell,
    package,
    paragraph,
    row,
    run,
    run_properties,
    section_properties,
    tab_run,
    table,
    tag,
    text_width,
)

from docgen.documents.form_fit import (  # the estimate that picks the row height counts these heights
    LABEL_LINE,
    META_LINE,
    REMARK_LINE,
    TITLE_LINE,
)
from docgen.rendering.stamps import stamped

TEMPLATES = Path(__file__).resolve().parent.parent / "docgen" / "shipped" / "templates"


def signature(sect: str = "") -> str:
    """Issuer lines and date, each centred in a block that ends two characters from the right.

    ``signature`` in the context lists the lines with the spaces that place them (GB/T 9704, no
    seal); the last line carries the section break when ``sect`` is given.
    """
    return (
        paragraph()
        + tag("{%p for line in signature[:-1] %}")
        + paragraph("{{ line.padding }}{{ line.text }}", "Signature")
        + tag("{%p endfor %}")
        + paragraph("{{ signature[-1].padding }}{{ signature[-1].text }}", "Signature", sect=sect)
    )


def tag_row(text: str, widths: list[int]) -> str:
    """A table row holding a docxtpl row tag (``{%tr ... %}``); the whole row vanishes on render."""
    return row(cell(paragraph(text, "TableText"), widths[0]) + "".join(cell(paragraph(), w) for w in widths[1:]))


def column_widths(width: int, weights: list[int]) -> list[int]:
    """``width`` shared among columns in proportion to ``weights``."""
    return [width * w // sum(weights) for w in weights]


def heading_row(names: str, widths: list[int], height: int | None = None) -> str:
    """A repeated header row whose cells show ``names[0]``, ``names[1]``, ... from the context."""
    cells = "".join(cell(paragraph(f"{{{{ {names}[{i}] }}}}", "TableHeading"), w) for i, w in enumerate(widths))
    return row(cells, header=True, height=height)


def attachment_page(name: str, *, label: str | None) -> str:
    """One attachment page from ``name`` in the context: label, title, who fills it in, the table, remarks.

    The table itself comes from the context as XML (``{{p name.table }}``): its columns are the
    plan's, any number of them.
    """
    width = text_width(landscape=True)
    meta = paragraph(
        style="NoIndent",
        tabs=[("right", width)],
        line=META_LINE,
        runs=run(f"{{{{ {name}.submitter_label }}}}：{{{{ {name}.submitter }}}}")
        + tab_run()
        + run(f"{{{{ {name}.year }}}}年{{{{ {name}.month_blank }}}}月{{{{ {name}.day_blank }}}}日"),
    )
    return (
        (paragraph(label, "AttachmentLabel", line=LABEL_LINE) if label else "")
        + paragraph(f"{{{{ {name}.title }}}}", "Title", line=TITLE_LINE)
        + tag(f"{{%p if {name}.submitter_label %}}")
        + meta
        + tag("{%p endif %}")
        + paragraph(f"{{{{p {name}.table }}}}")
        + tag(f"{{%p if {name}.remark_line %}}")
        + paragraph(
            style="FormNote", line=REMARK_LINE, runs=run(f"备注：{{{{ {name}.remark_line }}}}", run_properties(size=24))
        )
        + tag("{%p endif %}")
    )


def notice() -> bytes:
    """The notice: title lines, salutation, opening, the plan's sections as blocks, attachments.

    The sections come from the context as a list of blocks (headings already numbered, paragraphs,
    tables), so a plan decides which sections there are, in which order and under which headings.
    The notice's section (portrait) ends with the signature when attachment pages follow; a
    section left empty by the conditions is dropped by docgen's renderer.
    """
    last_line = "{{ signature[-1].padding }}{{ signature[-1].text }}"
    body = (
        tag("{%p for line in title_lines %}")
        + paragraph("{{ line }}", "Title")
        + tag("{%p endfor %}")
        + paragraph()
        + tag("{%p if salutation %}")
        + paragraph("{{ salutation }}", "NoIndent")
        + tag("{%p endif %}")
        + tag("{%p for text in openings %}")
        + paragraph("{{ text }}")
        + tag("{%p endfor %}")
        + tag("{%p for block in body %}")
        + tag('{%p if block.kind == "h1" %}')
        + paragraph("{{ block.text }}", "Heading1")
        + tag('{%p elif block.kind == "h2" %}')
        + paragraph("{{ block.text }}", "Heading2")
        + tag('{%p elif block.kind == "table" %}')
        + paragraph("{{p block.table }}")
        + tag("{%p elif loop.last and signature %}")
        + paragraph("{{ block.text }}", keep_next=True)  # GB/T 9704 7.3.5.4: no signature page without body text
        + tag("{%p else %}")
        + paragraph("{{ block.text }}")
        + tag("{%p endif %}")
        + tag("{%p endfor %}")
        + tag("{%p if attachment_note %}")
        + paragraph(keep_next=True)
        + tag("{%p for line in attachment_note %}")
        + paragraph("{{ line }}", keep_next=True)
        + tag("{%p endfor %}")
        + tag("{%p endif %}")
        + tag("{%p if signature %}")
        + paragraph(keep_next=True)
        + tag("{%p for line in signature[:-1] %}")
        + paragraph("{{ line.padding }}{{ line.text }}", "Signature", keep_next=True)
        + tag("{%p endfor %}")
        + tag("{%p if attachments %}")
        + paragraph(last_line, "Signature", sect=section_properties())
        + tag("{%p else %}")
        + paragraph(last_line, "Signature")
        + tag("{%p endif %}")
        + tag("{%p elif attachments %}")
        + paragraph(sect=section_properties())
        + tag("{%p endif %}")
        + tag("{%p for attachment in attachments %}")
        + tag("{%p if not loop.first %}")
        + paragraph(runs='<w:r><w:br w:type="page"/></w:r>', style="NoIndent")
        + tag("{%p endif %}")
        + attachment_page("attachment", label="{{ attachment.label }}")
        + tag("{%p endfor %}")
        + tag("{%p if attachments %}")
        + paragraph(sect=section_properties(landscape=True))
        + tag("{%p endif %}")
        + section_properties()
    )
    return package(body, "{{ title }}")


def form() -> bytes:
    """The 活动安排 form on its own, blank or prefilled for one unit."""
    return package(attachment_page("form", label=None) + section_properties(landscape=True), "{{ form.title }}")


def letter() -> bytes:
    """The letter to graduates and parents; optional contact lines appear only when given."""
    optional = "".join(
        tag(f"{{%p if letter.{key} %}}") + paragraph(f"{label}：{{{{ letter.{key} }}}}") + tag("{%p endif %}")
        for key, label in (("hotline", "招生咨询电话"), ("website", "学校网址"), ("address", "学校地址"))
    )
    body = (
        paragraph("{{ letter.title }}", "Title")
        + paragraph()
        + paragraph("{{ letter.salutation }}", "NoIndent")
        + tag("{%p for text in letter.body %}")
        + paragraph("{{ text }}")
        + tag("{%p endfor %}")
        + optional
        + paragraph("{{ letter.closing }}")
        + signature()
        + section_properties()
    )
    return package(body, "{{ letter.title }}")


def calendar_table() -> str:
    """A month-at-a-glance grid of the campaign: weeks as rows, 一 to 日 as columns."""
    width = text_width()
    widths = [width // 7] * 7
    header = heading_row("calendar.weekdays", widths)
    day = "".join(
        cell(
            paragraph(f"{{{{ week[{i}].label }}}}", "CalendarDay")
            + paragraph(f"{{{{ week[{i}].marks }}}}", "CalendarMark"),
            w,
            valign="top",  # day numbers on one line across the week, however many marks a day has
        )
        for i, w in enumerate(widths)
    )
    legend = row(  # the legend under the grid, in the table: it moves with the calendar and reads as its note
        cell(
            paragraph(style="CalendarMark", runs=run("{{ calendar.legend }}", LEGEND), grid=False, line=300),
            width,
            span=7,
        )
    )
    rows = (
        tag_row("{%tr for week in calendar.weeks %}", widths)
        + row(day, height=680)  # at least a day and two lines of marks; more marks, a taller row
        + tag_row("{%tr endfor %}", widths)
        + legend
    )
    return table([(str(i), 1) for i in range(7)], header, rows, width=width)


LEGEND = run_properties(size=21)  # 五号, 10.5 pt: the legend reads more easily than the 9 pt marks


def task_sheet() -> bytes:
    """One unit's task sheet: its tasks and duties, every deadline, contacts, the calendar."""
    body = (
        tag("{%p for line in title_lines %}")
        + paragraph("{{ line }}", "Title")
        + tag("{%p endfor %}")
        + paragraph()
        + paragraph("责任部门：{{ unit }}", "NoIndent")
        + paragraph("活动主题：{{ theme }}", "NoIndent")
        + paragraph("活动时间：{{ period }}", "NoIndent")
        + tag("{%p if tasks %}")
        + paragraph("{{ heading(1) }}承担的工作任务", "Heading1")
        + tag("{%p for task in tasks %}")
        + paragraph("{{ task.number }}{{ task.title }}", "Heading2")
        + paragraph("{{ task.partners }}", keep_next=True)
        + tag("{%p if task.work %}")
        + paragraph("工作任务：{{ task.work }}")
        + tag("{%p endif %}")
        + tag("{%p endfor %}")
        + tag("{%p endif %}")
        + tag("{%p if duties %}")
        + paragraph("{{ heading(1) }}工作要求中的职责", "Heading1")
        + tag("{%p for duty in duties %}")
        + paragraph("{{ duty.number }}{{ duty.title }}", "Heading2")
        + paragraph("{{ duty.text }}")
        + tag("{%p endfor %}")
        + tag("{%p endif %}")
        + paragraph("{{ heading(1) }}时间节点", "Heading1")
        + tag("{%p for deadline in deadlines %}")
        + paragraph("{{ heading(4) }}{{ deadline }}")  # （1）5月9日: "1.5月9日" would read like a decimal
        + tag("{%p endfor %}")
        + paragraph("{{ heading(1) }}联系方式", "Heading1")
        + paragraph("{{ contact }}", keep_next=True)  # with the line below it: no page starts with 本部门联络员
        + paragraph(runs=run("本部门联络员：") + run("{{ blank }}") + run("　联系电话：") + run("{{ blank }}"))
        + paragraph("{{ heading(1) }}活动日历", "Heading1")
        + calendar_table()
        + section_properties()
    )
    return package(body, "{{ unit }}{{ title }}")


# The summary schedule's columns: number, content, time, place, unit, person, phone.
SCHEDULE_WEIGHTS = [6, 28, 15, 14, 12, 12, 15]  # 联系电话 holds 0431-84825237 on one line at 小四


def schedule() -> bytes:
    """The collected 活动安排汇总: one table, a heading row per task, then its activities by date."""
    width = text_width(landscape=True)
    widths = column_widths(width, SCHEDULE_WEIGHTS)
    header = heading_row("columns", widths, height=567)
    group_row = row(  # a task's heading row keeps with its first activity, never alone at a page foot
        cell(paragraph("{{ group.heading }}", "TableHeading", keep_next=True, jc="left"), width, span=len(widths)),
        height=454,
    )
    activity_row = row(
        "".join(cell(paragraph(f"{{{{ activity[{i}] }}}}", "TableText"), w) for i, w in enumerate(widths)),
        height=454,
    )
    rows = (
        tag_row("{%tr for group in groups %}", widths)
        + group_row
        + tag_row("{%tr for activity in group.activities %}", widths)
        + activity_row
        + tag_row("{%tr endfor %}", widths)
        + tag_row("{%tr endfor %}", widths)
    )
    body = (
        paragraph("{{ institution }}", "Title")
        + paragraph("{{ title }}", "Title")
        + paragraph("{{ summary }}", "FormNote", before=120)
        + table([(str(i), w) for i, w in enumerate(SCHEDULE_WEIGHTS)], header, rows, width=width)
        + tag("{%p if missing %}")
        + paragraph("{{ missing }}", "FormNote", before=120)
        + tag("{%p endif %}")
        + section_properties(landscape=True)
    )
    return package(body, "{{ title }}")


def reminder() -> bytes:
    """A 催报 notice: title, the units still missing, what the plan asks, a blank new date, contact, signature."""
    body = (
        tag("{%p for line in title_lines %}")
        + paragraph("{{ line }}", "Title")
        + tag("{%p endfor %}")
        + paragraph()
        + paragraph("{{ addressees }}", "NoIndent")
        + tag("{%p for text in body %}")
        + paragraph("{{ text }}")
        + tag("{%p endfor %}")
        + tag("{%p for line in contact_lines %}")
        + paragraph("{{ line }}")
        + tag("{%p endfor %}")
        + signature()
        + section_properties()
    )
    return package(body, "{{ title }}")


RED = "FF0000"
MASTHEAD_SIZE = 72  # half-points: 小初, 36 pt (eleven characters fit the 156 mm line)


def _red(rpr: str) -> str:
    """Run properties with the masthead's red added (w:color comes before w:sz in the schema)."""
    return rpr.replace("<w:sz ", f'<w:color w:val="{RED}"/><w:sz ', 1)


def digest() -> bytes:
    """The weekly 工作简报: red masthead, 第N期, issuer and date over a red line, the items, who sent nothing.

    The items (task headings, units' reports, pictures and captions) come from the context as
    XML (``{{p body }}``); docgen adds the pictures' parts after rendering.
    """
    width = text_width()
    masthead = paragraph(
        runs=run("{{ masthead }}", _red(run_properties(font=XIAOBIAOSONG, size=MASTHEAD_SIZE))),
        style="NoIndent",
        grid=False,
        line=240,
        line_rule="auto",
        before=240,
        jc="center",
    )
    issuer_line = (
        '<w:p><w:pPr><w:pStyle w:val="NoIndent"/>'
        f'<w:pBdr><w:bottom w:val="single" w:sz="18" w:space="4" w:color="{RED}"/></w:pBdr>'
        f'<w:tabs><w:tab w:val="right" w:pos="{width}"/></w:tabs></w:pPr>'
        + run("{{ issuer }}")
        + tab_run()
        + run("{{ date }}")
        + "</w:p>"
    )
    body = (
        masthead
        + paragraph("第{{ number }}期", "NoIndent", jc="center")
        + issuer_line
        + paragraph()
        + paragraph("{{p body }}")
        + tag("{%p if missing %}")
        + paragraph()
        + paragraph(runs=run("本周未报送材料的部门：", run_properties(font=HEITI)) + run("{{ missing }}"))
        + tag("{%p endif %}")
        + section_properties()
    )
    return package(body, "{{ masthead }}第{{ number }}期")


def summary() -> bytes:
    """The campaign's 活动总结 draft: title in lines, the sections as XML (``{{p body }}``), the signature."""
    body = (
        tag("{%p for line in title_lines %}")
        + paragraph("{{ line }}", "Title")
        + tag("{%p endfor %}")
        + paragraph()
        + paragraph("{{p body }}")
        + paragraph()
        + tag("{%p for line in signature %}")
        + paragraph("{{ line.padding }}{{ line.text }}", "Signature")
        + tag("{%p endfor %}")
        + section_properties()
    )
    return package(body, "{{ title }}")


BUILDERS: dict[str, Callable[[], bytes]] = {
    "notice.docx": notice,
    "form.docx": form,
    "letter.docx": letter,
    "task-sheet.docx": task_sheet,
    "schedule.docx": schedule,
    "reminder.docx": reminder,
    "issuing-notice.docx": lambda: issuing_notice(attachment_page),
    "digest.docx": digest,
    "summary.docx": summary,
}


def build_all() -> dict[str, bytes]:
    """Every template's bytes by file name, each stamped with its name and its parts' SHA-256.

    The stamp (the package's zip comment) lets docgen tell a project's unedited copy of an older
    build from a template the user edited (``docgen.rendering.stamps``).
    """
    return {name: stamped(build(), name) for name, build in BUILDERS.items()}


def main() -> None:
    TEMPLATES.mkdir(exist_ok=True)
    for name, data in build_all().items():
        (TEMPLATES / name).write_bytes(data)
        print(f"wrote {TEMPLATES / name}")


if __name__ == "__main__":
    main()
