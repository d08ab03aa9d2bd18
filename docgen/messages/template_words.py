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
    "tag-unclosed": (
        N_("'{tag}' opens a tag that is never closed"),
        N_("close it with {end} in this paragraph, or delete it"),
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
    "tag-level-percent": (
        N_("{tag}: a {{%{level} tag cannot hold a '%' or a '}}': the render would not read it and fail"),
        N_("compute the value before, e.g. {{% set odd = x is odd %}} in a plain tag, and test that here"),
    ),
    # names, loops and printed values, judged where each tag stands (template_check.scopes)
    "template-loop-name": (
        N_("{tag} uses '{name}', which exists only inside the loop {opener} ({place})"),
        N_("move the tag between {opener} and {closer}, or use a name given everywhere"),
    ),
    "template-loop-outside": (
        N_("{tag} uses 'loop', which exists only inside a {{% for %}} loop"),
        N_("move the tag into the loop, or remove it"),
    ),
    "template-not-text-mapping": (
        N_("{tag} prints '{name}', a group of values with no text of its own"),
        N_("print one of its values, e.g. {suggestion} ('docgen context' lists them)"),
    ),
    "template-not-text-list": (
        N_("{tag} prints '{name}', a list, which has no text of its own"),
        N_("join its items into one text: {suggestion}, or repeat a paragraph for each with {{%p for %}}"),
    ),
    "template-not-text-function": (
        N_("{tag} prints '{name}', which is a function, not a text"),
        N_("call it: {suggestion}"),
    ),
    "template-not-iterable": (
        N_("{tag} loops over '{name}', a single value, not a list"),
        N_("loop over a list; 'docgen context' shows which names are lists"),
    ),
    "template-markup-inline": (
        N_("{tag} prints '{name}', a table or paragraphs, inside a line of text, which Word cannot open"),
        N_("give it a paragraph of its own and write {suggestion} there"),
    ),
    "template-markup-changed": (
        N_("{tag} changes '{name}', a table or paragraphs, and the changed document could not be opened"),
        N_("print it as it is: {suggestion}"),
    ),
    "template-text-field": (
        N_("{tag} uses '{name}', but '{base}' is a plain value with no parts of its own"),
        N_("print '{base}' itself, or use a name 'docgen context' lists"),
    ),
    "template-unsafe-name": (
        N_("{tag} uses '{name}': names starting with _ are closed to templates"),
        N_("use the names 'docgen context' lists"),
    ),
    "template-loads-other": (
        N_("{tag} loads another template, which a .docx template cannot do"),
        N_("put that text into this template, or repeat it with {{%p for %}}"),
    ),
    # tags Jinja cannot read (template_check.syntax)
    "template-syntax-and": (N_("{tag}: && is not how a tag says 'and'"), N_("write {suggestion}")),
    "template-syntax-or": (N_("{tag}: || is not how a tag says 'or'"), N_("write {suggestion}")),
    "template-syntax-equals": (
        N_("{tag}: a single = sets a value; a condition compares with =="),
        N_("write {suggestion}"),
    ),
    "template-syntax-for": (
        N_("{tag}: a loop is written with the word 'in'"),
        N_("write it as {suggestion}, with a name for each item and the list it walks"),
    ),
    "template-syntax-extra": (
        N_("{tag}: '{got}' stands where the tag should end"),
        N_("join two values with an operator (~ joins texts: {{{{ a ~ b }}}}), or end the tag before '{got}'"),
    ),
    "template-syntax-empty": (
        N_("{tag} is empty"),
        N_("write a name between the braces, e.g. {{{{ year }}}}, or delete it"),
    ),
    "template-syntax-brace": (
        N_("{tag} has a brace too few or too many"),
        N_("a value is written {{{{ name }}}} and a statement {{% if … %}}: two braces, or a brace and %, each side"),
    ),
    "template-syntax-quote": (
        N_("{tag}: a quote {char} is opened and never closed"),
        N_('close the text in quotes with the same kind of quote, e.g. "R&D"'),
    ),
    "template-syntax-wide": (
        N_("{tag}: '{char}' is typed with the Chinese input method, and a tag cannot read it"),
        N_("type it with the English input method: {suggestion}"),
    ),
    "template-syntax-unknown-tag": (
        N_("{tag}: '{name}' is no statement a tag knows"),
        N_("statements are {known} …; a value is written {{{{ name }}}}"),
    ),
    "template-syntax-unknown-tag-suggest": (
        N_("{tag}: '{name}' is no statement a tag knows"),
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
    "template-older-copy": (
        N_(
            "this is an unedited copy of an older docgen built-in template ({name}); the built-in one has changed since"
        ),
        N_("delete this file to use the built-in one, or copy the new one over it: {command}"),
    ),
    "template-older-copy-elsewhere": (
        N_(
            "this is an unedited copy of an older docgen built-in template ({name}); the built-in one has changed since"
        ),
        N_("delete this file to use the built-in one, or copy the new one over it from {builtin}"),
    ),
    "template-edited-copy": (
        N_("this copy of an older docgen built-in template ({name}) was edited, so it was left as it is"),
        N_("compare it with the new built-in one, {builtin}, and bring your changes over if you wish"),
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
