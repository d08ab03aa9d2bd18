"""Messages about importing a Word file (docgen import): why it cannot be read, and its review.

Each entry is a code: (message, hint), both marked for Babel; ``docgen.messages`` joins the tables.
A review item names the paragraph of the Word file it is about (counted from 1) and its start.
"""

from __future__ import annotations

from docgen.messages.language import N_

MESSAGES: dict[str, tuple[str, str]] = {
    # the Word file cannot be read
    "import-missing": (N_("file not found"), N_("check the path")),
    "import-is-directory": (N_("this is a folder, not a file"), N_("give the path of a .docx file")),
    "import-old-format": (
        N_("a {suffix} file cannot be read; docgen reads .docx files"),
        N_("open it in Word or WPS and save it as .docx (Word document), then import that"),
    ),
    "import-damaged": (
        N_("the file is damaged or is not a Word document (.docx): {detail}"),
        N_("open it in Word or WPS and save it as .docx again"),
    ),
    "import-too-large": (N_("the file or a part of it is larger than {limit} MiB; it is not read"), ""),
    # the review
    "import-punctuation": (
        N_("paragraph {paragraph} ({excerpt}): half-width {marks} between Chinese characters made full-width"),
        "",
    ),
    "import-no-year": (N_("no year found in the title or the date"), N_("set 'year'")),
    "import-no-title": (N_("no title found before the opening"), N_("set notice.title_lines")),
    "import-no-institution": (
        N_("no school named in the title; 'institution' is set to {institution}"),
        N_("write the school's name"),
    ),
    "import-bad-date": (N_("the date under the signature ({date}) is not a day"), N_("set 'issued'")),
    "import-no-date": (N_("paragraph {paragraph} ({excerpt}): the signature has no date"), N_("set 'issued'")),
    "import-no-period": (
        N_("no campaign period found; it is set to {day}"),
        N_("set period.start and period.end"),
    ),
    "import-kept-as-own": (
        N_(
            "paragraph {paragraph} ({excerpt}): the section {heading} does not have the shape docgen knows;"
            " it is kept as a section of the plan's own"
        ),
        N_("keep it, or move its facts into the plan's keys"),
    ),
    "import-own-section": (
        N_("paragraph {paragraph} ({excerpt}): kept as a section of the plan's own, its text as written"),
        "",
    ),
    "import-table-as-text": (
        N_("paragraph {paragraph} ({excerpt}): a second table in this section is kept as lines of text"),
        N_("make it an attachment, or the tasks' table"),
    ),
    "import-table-left-out": (
        N_("paragraph {paragraph}: a table outside the sections was left out"),
        N_("add it to the plan as an attachment"),
    ),
    "import-row-without-title": (
        N_("paragraph {paragraph}: row {row} of the events table has no name"),
        N_("give the task a title"),
    ),
    "import-after-table": (
        N_("paragraph {paragraph} ({excerpt}): text after the events table is kept as items after it"),
        "",
    ),
    "import-text-before-table": (
        N_("paragraph {paragraph} ({excerpt}): text after a table is kept, but before the table"),
        N_("number it to keep it after the table, as an item"),
    ),
    "import-attachment-file": (
        N_("the attachment {title} has no page in the file; the plan names the file {file}"),
        N_("put that file beside the plan, or remove the attachment"),
    ),
    "import-remark-list": (
        N_("the form's remark does not list the tasks; docgen lists them after it"),
        N_("check the form's remark"),
    ),
}
