"""Messages about what is wrong in a template, each found at its place (``docgen check --templates``).

Each entry is a code: (message, hint), both marked for Babel; ``docgen.messages`` joins the tables.
``{tag}`` is the tag as the author typed it; the place (part, paragraph or table cell) is the
finding's path, shown before the message.
"""

from __future__ import annotations

from docgen.messages.language import N_

MESSAGES: dict[str, tuple[str, str]] = {
    "template-not-word": (
        N_("this is {format}, not a Word document (.docx), though its name ends in .docx"),
        N_("open it in Word, WPS or LibreOffice and save it as 'Word document (*.docx)'"),
    ),
    "tag-full-width": (
        N_("{tag} is typed with full-width braces or percent signs, so it is no tag and would print as typed"),
        N_("type it with the English input method: {suggestion}"),
    ),
    "tag-deleted": (
        N_("{tag} stands in text deleted with track changes, yet it would still run"),
        N_("accept or reject the tracked changes (Review) in Word or WPS, then save"),
    ),
    "tag-split-paragraphs": (
        N_("{tag} starts in this paragraph and ends in a later one"),
        N_("close every tag in the paragraph where it starts"),
    ),
    "tag-level-value": (
        N_("{tag}: '{level}' puts the value where no office suite shows it"),
        N_("write {suggestion}"),
    ),
    "tag-p-beside-text": (
        N_("{tag} shares its paragraph with '{text}', which would be dropped"),
        N_("put the {{%p %}} tag alone in a paragraph of its own"),
    ),
    "tag-tr-outside-table": (
        N_("{tag} stands outside any table, so there is no row to repeat"),
        N_("put it in a table row of its own, or write {suggestion} outside tables"),
    ),
    "tag-tc-outside-table": (
        N_("{tag} stands outside any table, so there is no cell to repeat"),
        N_("put it in a table cell, or write {suggestion} outside tables"),
    ),
    "tag-tr-beside-text": (
        N_("{tag} shares its table row with '{text}', which would be dropped"),
        N_("give the {{%tr %}} tag a row of its own"),
    ),
    "tag-tc-beside-text": (
        N_("{tag} shares its table cell with '{text}', which would be dropped"),
        N_("give the {{%tc %}} tag a cell of its own"),
    ),
    "block-unclosed": (N_("{tag} is never closed"), N_("add {suggestion} where the block ends")),
    "block-unopened": (
        N_("{tag} closes no block"),
        N_("remove it, or add the tag that opens its block before it"),
    ),
    "block-stray": (N_("{tag} stands in no block it could belong to"), N_("remove it, or move it into its block")),
    "block-levels": (
        N_("{tag} belongs to {opener} ({place}), which is written another way"),
        N_("write it {suggestion}: a block's tags are all {{%p, all {{%tr, all {{%tc or all plain"),
    ),
    "block-crosses": (
        N_("{tag} ends the block {opener} ({place}) in another table cell, row or outside the table"),
        N_("a block starts and ends in the same cell, or both outside tables; to repeat rows use {{%tr %}}"),
    ),
    "cell-without-paragraph": (
        N_("this table cell keeps no paragraph when the block {tag} is left out, and Word refuses such a file"),
        N_("add an empty paragraph to the cell, outside the block"),
    ),
    "template-name": (
        N_("{tag} uses '{name}', which this template is not given"),
        N_("names it is given here: {known}"),
    ),
    "template-name-suggest": (
        N_("{tag} uses '{name}', which this template is not given"),
        N_("did you mean '{suggestion}'?"),
    ),
    "template-unknown-filter": (N_("{tag} uses the filter '{name}', which does not exist"), ""),
    "template-unknown-filter-suggest": (
        N_("{tag} uses the filter '{name}', which does not exist"),
        N_("did you mean '{suggestion}'?"),
    ),
    "template-unknown-test": (N_("{tag} uses the test '{name}', which does not exist"), ""),
    "template-unknown-test-suggest": (
        N_("{tag} uses the test '{name}', which does not exist"),
        N_("did you mean '{suggestion}'?"),
    ),
    "templates-folder-missing": (
        N_("the templates folder does not exist"),
        N_("give the folder your templates are in with --templates, or copy them with 'docgen init DIR'"),
    ),
    # documents the plan declares (documents:)
    "declared-template-missing": (
        N_("the template {template} is in none of the templates folders ({folders}) nor among docgen's own"),
        N_("put {template} in the templates folder beside the plan, or give its folder with --templates"),
    ),
    "declared-kind-taken": (
        N_("another document is already called '{kind}'"),
        N_("give this document a 'name' of its own (it names it for render --only)"),
    ),
    "declared-output-invalid": (
        N_("the file name '{output}' does not work out: {detail}"),
        N_("use the names 'docgen context' lists, and end the name in .docx"),
    ),
    "declared-output-taken": (
        N_("the file {path} would also be written by the document '{other}'"),
        N_("give this document an 'output' name of its own"),
    ),
    "declared-output-taken-per": (
        N_("the file {path} would be written more than once (also by '{other}')"),
        N_("put the unit's or the task's name in 'output', e.g. {{{{ unit.name }}}} or {{{{ task.title }}}}"),
    ),
}

# the kinds of file a template may be instead of a Word document (docgen.rendering.package)
FORMATS = {
    "doc": N_("an old Word or WPS file (.doc, .wps)"),
    "rtf": N_("an RTF file"),
    "html": N_("a web page or XML file"),
    "odt": N_("an OpenDocument text (.odt)"),
    "xlsx": N_("a spreadsheet"),
    "pptx": N_("a presentation"),
    "zip": N_("a zip archive"),
    "unknown": N_("a file of an unknown kind"),
}

# the parts of a template (docgen.rendering.tags.part_label)
PARTS = {
    "body": N_("body"),
    "header": N_("header"),
    "footer": N_("footer"),
    "footnotes": N_("footnotes"),
    "endnotes": N_("endnotes"),
    "document properties": N_("document properties"),
}
