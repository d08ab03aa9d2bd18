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
    "import-too-much-text": (
        N_("the Word file holds more than {limit} characters of text; a notice or a plan has far fewer"),
        N_("import the notice itself, without the material appended to it"),
    ),
    "import-plan-too-large": (
        N_("the plan made from this file would be larger than {limit} MiB, more than docgen reads as a plan"),
        N_("import the notice itself, without the material appended to it"),
    ),
    "import-encrypted": (
        N_("the .docx is protected by a password; docgen cannot read it"),
        N_("open it in Word or WPS, remove the password (File > Info > Protect Document) and save it again"),
    ),
    "import-table-too-large": (
        N_(
            "table {table} is wider than {columns} columns or holds more than {cells} cells; docgen reads no such table"
        ),
        N_("split the table, or copy its text out of it"),
    ),
    # the review
    "import-punctuation": (
        N_("paragraph {paragraph} ({excerpt}): half-width {marks} between Chinese characters made full-width"),
        "",
    ),
    "import-no-year": (N_("no year found in the title or the date"), N_("set 'year'")),
    "import-no-title": (
        N_("no title found before the opening; the notice is printed without one"),
        N_("write the title in notice.title_lines"),
    ),
    "import-header": (
        N_("paragraph {paragraph} ({excerpt}): kept as a line above the title (a red head or a document number)"),
        N_("for a 公文 with a red head, see 'issuing'"),
    ),
    "import-no-institution": (
        N_("no school named in the title, the header or the signature; 'institution' is set to {institution}"),
        N_("write the school's name"),
    ),
    "import-institution-from": (
        N_("paragraph {paragraph} ({excerpt}): the school {institution} is read from this line"),
        "",
    ),
    "import-joint-issuers": (
        N_(
            "paragraph {paragraph} ({excerpt}): the signature names {count} units; the first issues the notice,"
            " the others sign with it (joint_issuers)"
        ),
        "",
    ),
    "import-bad-date": (
        N_("paragraph {paragraph}: the date under the signature ({date}) is not a day"),
        N_("set 'issued'"),
    ),
    "import-no-date": (N_("paragraph {paragraph} ({excerpt}): the signature has no date"), N_("set 'issued'")),
    "import-no-period": (
        N_(
            "paragraph {paragraph} ({excerpt}): no campaign period found; it is set to the date under the signature,"
            " {day}"
        ),
        N_("set period.start and period.end"),
    ),
    "import-no-period-or-date": (
        N_("no campaign period and no date found; the period is set to {day}"),
        N_("set period.start and period.end"),
    ),
    "import-period-from-opening": (
        N_("paragraph {paragraph} ({excerpt}): the campaign period, {start} to {end}, is read from the opening"),
        "",
    ),
    "import-period-from-tasks": (
        N_(
            "paragraph {paragraph} ({excerpt}): no campaign period is written; it is set to the tasks' days,"
            " {start} to {end}"
        ),
        N_("check period.start and period.end"),
    ),
    "import-period-start-from-issue-date": (
        N_("paragraph {paragraph} ({excerpt}): 即日起 (from today) is read as the date under the signature, {day}"),
        N_("check period.start"),
    ),
    "import-day-assumed": (
        N_("paragraph {paragraph} ({excerpt}): {words} is read as the days {start} to {end}"),
        N_("the notice prints the words as written; correct the days if they are meant otherwise"),
    ),
    "import-next-year": (
        N_("paragraph {paragraph} ({excerpt}): {date} is read in {year}, the year after the campaign starts"),
        "",
    ),
    "import-taken-as-tasks": (
        N_("paragraph {paragraph} ({excerpt}): its {count} items name units or days, so they are read as the tasks"),
        N_("check 'tasks'; if they are not tasks, make the section one of the plan's own"),
    ),
    "import-units-in-text": (
        N_("paragraph {paragraph} ({excerpt}): the units {units} are read from the sentence"),
        N_("check the task's units"),
    ),
    "import-requirement-units": (
        N_("paragraph {paragraph} ({excerpt}): the requirement gives {units} a duty; it goes on their task sheets"),
        "",
    ),
    "import-contact-unlabelled": (
        N_("paragraph {paragraph} ({excerpt}): read as the contact ({names}), though it has no 联系人 label"),
        N_("check 'contact'"),
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
    "import-untitled": (
        N_("paragraph {paragraph} ({excerpt}): kept as text where it stands, between the numbered sections"),
        "",
    ),
    "import-row-without-title": (
        N_("paragraph {paragraph}: row {row} of the events table has no name"),
        N_("give the task a title"),
    ),
    "import-after-table": (
        N_("paragraph {paragraph} ({excerpt}): the text after the events table is kept after it, without a heading"),
        "",
    ),
    "import-attachment-file": (
        N_("paragraph {paragraph}: the attachment {title} has no page in the file; the plan names the file {file}"),
        N_("put that file beside the plan, or remove the attachment"),
    ),
    "import-attachment-text": (
        N_(
            "paragraph {paragraph} ({excerpt}): text of an attachment page that is not a table is kept at the end"
            " of the notice's body"
        ),
        N_("move it to a file of its own and name that file as the attachment"),
    ),
}
