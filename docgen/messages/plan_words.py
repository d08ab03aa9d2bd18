"""Messages about plan files: reading, YAML, the schema, checks across fields, working days, the new-year review.

Each entry is a code: (message, hint), both marked for Babel; ``docgen.messages`` joins the tables.
"""

from __future__ import annotations

from docgen.messages.language import N_

MESSAGES: dict[str, tuple[str, str]] = {
    "message": (N_("{text}"), ""),
    # reading files
    "file-missing": (N_("file not found"), N_("check the path, or run 'docgen init DIR' to start a plan")),
    "file-is-directory": (N_("this is a folder, not a file"), N_("give the path of a .yaml file")),
    "file-unreadable": (N_("cannot read the file: {reason}"), ""),
    "file-too-large": (N_("file is larger than {limit} MiB"), N_("a plan is a few dozen KiB; check the file")),
    "not-utf8": (N_("file is not UTF-8 text"), N_("save it as UTF-8 (in Notepad: Save As, Encoding UTF-8)")),
    "gb18030-file": (N_("file is GBK/GB18030 text; it was read, but other tools expect UTF-8"), N_("save it as UTF-8")),
    "empty-file": (
        N_("the file is empty (or holds only comments)"),
        N_("start from data/campaign.yaml or run 'docgen init DIR'"),
    ),
    "not-a-mapping": (
        N_("the plan is {found}, but it must be a mapping of keys"),
        N_("start the file with lines such as 'year: 2019' and 'tasks:', as data/campaign.yaml does"),
    ),
    # YAML
    "yaml-syntax": (N_("YAML syntax error: {detail}"), N_("check indentation, quotes and brackets near this place")),
    "yaml-tab": (N_("a tab character is used for indentation"), N_("indent with spaces only")),
    "yaml-fullwidth-space": (
        N_("a full-width space (　) is used for indentation"),
        N_("indent with ASCII spaces only (switch the input method to half-width)"),
    ),
    "yaml-bad-start": (
        N_("a value cannot start with '{char}' in YAML"),
        N_("put the whole value in quotes"),
    ),
    "yaml-missing-colon": (
        N_("this line has no ': ' after its key"),
        N_("write 'key: value'; if the line continues the text above, join it to that line or indent it"),
    ),
    "yaml-fullwidth-colon": (
        N_("the key '{key}' is followed by a full-width colon '：'"),
        N_("write an ASCII colon and a space: {suggestion}"),
    ),
    "yaml-colon-without-space": (
        N_("the colon after the key '{key}' needs a space after it"),
        N_("write {suggestion}"),
    ),
    "yaml-unquoted-placeholder": (
        N_("a value that starts with a placeholder must be in quotes: YAML reads '{{{{' as the start of a mapping"),
        N_("write it as {suggestion}"),
    ),
    "yaml-quote-value": (
        N_("a value that starts with '{char}' must be in quotes: YAML gives '{char}' a meaning of its own here"),
        N_("write it as {suggestion}"),
    ),
    "yaml-text-after-quote": (
        N_("text follows the closing quote; YAML takes only the quoted part as the value"),
        N_("put the whole value in one pair of quotes: {suggestion}"),
    ),
    "yaml-unclosed-quote": (
        N_("the quoted text that starts here is never closed"),
        N_("add the closing quote at the end of the value"),
    ),
    "yaml-unclosed-bracket": (
        N_("this '{bracket}' is not closed (reading stopped on line {stop_line}, column {stop_column}: {detail})"),
        N_("close the bracket on this line, or put commas between the items"),
    ),
    "yaml-colon-in-value": (
        N_("a value holds ': ', which YAML reads as the start of another key"),
        N_("put the whole value in quotes, or write the colon full-width (：)"),
    ),
    "yaml-indentation": (
        N_("this line does not line up with the lines above it ({detail})"),
        N_("indent the keys of one mapping by the same number of spaces"),
    ),
    "yaml-bad-character": (
        N_("the file holds the control character {code}, which YAML does not allow"),
        N_("delete it; it is invisible in most editors"),
    ),
    "yaml-too-deep": (
        N_("the YAML is nested too deeply (more than {limit} levels)"),
        N_("a plan needs only a few levels; look for brackets or aliases that never end"),
    ),
    "yaml-too-many-nodes": (
        N_("the YAML expands to more than {limit} values (aliases?)"),
        N_("remove the anchors and aliases (&name, *name)"),
    ),
    "yaml-unsafe-tag": (
        N_("the tag {tag} is not allowed"),
        N_("remove it: plans hold plain text, numbers, lists and mappings"),
    ),
    "yaml-tag-value": (
        N_("{value} cannot be read as {tag}"),
        N_("remove the tag {tag} or correct the value"),
    ),
    "yaml-number-too-long": (
        N_("this number has {digits} digits; no number in a plan needs so many"),
        N_("correct the value (a year has four digits)"),
    ),
    "yaml-complex-key": (N_("a key must be plain text"), N_("write the key as a single word followed by ':'")),
    "duplicate-key": (
        N_("key '{key}' is given twice in this mapping (first on line {first_line})"),
        N_("keep one of them"),
    ),
    # schema
    "missing-field": (
        N_("the required key '{field}' is missing here"),
        N_("add '{field}:' to this mapping; data/campaign.yaml shows an example"),
    ),
    "unknown-key": (N_("unknown key '{key}'"), N_("allowed here: {known}")),
    "key-fullwidth-space": (
        N_("a full-width space (　) is written beside the key '{key}'"),
        N_("delete it: YAML takes only ASCII spaces as spaces (switch the input method to half-width)"),
    ),
    "unknown-key-suggest": (N_("unknown key '{key}'"), N_("did you mean '{suggestion}'?")),
    "invalid-date": (N_("'{value}' is not a valid date"), N_("write an existing day as YYYY-MM-DD, e.g. 2019-05-09")),
    "wrong-type": (N_("expected {expected}, got {value}"), ""),
    "list-dash-without-space": (
        N_("expected {expected}, got {value}"),
        N_("start each item of a list on its own line with '- ', a dash and a space"),
    ),
    "bad-format": (N_("{value} is not a valid {field}"), ""),
    "bad-id": (
        N_("{value} is not a valid id"),
        N_("an id is letters, digits and underscores, starting with a letter, e.g. publicity"),
    ),
    "empty-value": (N_("the {what} is empty"), N_("fill it in, or remove the key if it is optional")),
    "bad-length": (N_("the length must be {bound} {limit} {measure}"), ""),
    "out-of-range": (N_("{value} is out of range: it must be {bound} {limit}"), ""),
    "date-or-weekday": (N_("give exactly one of 'date' and 'weekday'"), ""),
    "role-empty": (N_("this role has neither names nor a text"), N_("give 'names: [...]' or 'text: ...'")),
    "item-empty": (
        N_("this item has neither a title nor a text"),
        N_("give 'title' or 'text', or write the item as text"),
    ),
    "section-without-heading": (
        N_("a section of the plan's own needs a heading"),
        N_("give 'heading: ...', or 'use: tasks' (ideology, organization ...) for a section docgen knows"),
    ),
    "attachment-kind": (
        N_("an attachment is one of: the plan's form ('- form'), a 'table', or a 'file'"),
        N_("give exactly one of them"),
    ),
    "attachment-without-title": (N_("this attachment has no title"), N_("give 'title: ...'")),
    "invalid-value": (N_("{detail}"), ""),
    # checks across fields
    "forbidden-character": (
        N_("holds the control character {code}, which documents cannot contain"),
        N_("delete it, or the escape (such as \\x01) that writes it"),
    ),
    "duplicate-unit-id": (
        N_("unit id '{id}' is already used by the unit on line {first_line}"),
        N_("give each unit its own id"),
    ),
    "duplicate-unit-name": (N_("two units are named '{name}'"), N_("merge them or tell them apart")),
    "duplicate-task-id": (N_("task id '{id}' is used twice"), N_("give each task its own id")),
    "repeated-unit": (N_("unit '{id}' is listed twice"), N_("remove the repetition")),
    "unknown-unit": (N_("unknown unit id '{id}'"), N_("register it under 'units:' or use one of: {known}")),
    "unknown-unit-suggest": (N_("unknown unit id '{id}'"), N_("did you mean '{suggestion}'?")),
    "unknown-task": (N_("unknown task id '{id}'"), N_("use one of: {known}")),
    "unknown-task-suggest": (N_("unknown task id '{id}'"), N_("did you mean '{suggestion}'?")),
    "period-reversed": (N_("the period ends ({end}) before it starts ({start})"), N_("swap or correct the dates")),
    "date-outside-year": (N_("{date} is not in the plan's year {year}"), N_("check the date or 'year:'")),
    "issued-after-start": (
        N_("the campaign starts ({start}) before the notice is dated ({issued})"),
        N_("check 'issued' and 'period.start'"),
    ),
    "deadline-outside-period": (N_("deadline {date} lies outside the period {start} to {end}"), N_("check the date")),
    "deadline-before-issued": (
        N_("deadline {date} comes before the notice is issued on {issued}"),
        N_("check the date or 'issued'"),
    ),
    "notice-without-title": (
        N_("the notice has no title"),
        N_("give notice.title (e.g. 活动方案) or notice.title_lines"),
    ),
    "notice-without-opening": (
        N_("the notice has no opening paragraph"),
        N_("give notice.opening if the notice should say why it is issued"),
    ),
    "notice-without-signature": (
        N_("the notice has no signature: '{missing}' is not given"),
        N_("give 'issuer' (a unit id) and 'issued' (a date) to sign the notice"),
    ),
    "deadlines-without-contact": (
        N_("the plan has deadlines but no contact: no document says whom to send things to"),
        N_("add 'contact:' with name, unit, phone and email"),
    ),
    "section-without-content": (
        N_("this section uses '{use}', but the plan has no '{key}'"),
        N_("add '{key}:' to the plan, or remove the section"),
    ),
    "section-repeated": (N_("the section '{use}' is printed twice"), N_("remove one of them")),
    "table-view-for-tasks-only": (
        N_("only the tasks can be shown as a table, not '{use}'"),
        N_("remove 'view: table', or put it on the section with 'use: tasks'"),
    ),
    "widths-mismatch": (
        N_("{widths} widths for {columns} columns"),
        N_("give one width per column, or leave 'widths' out"),
    ),
    "width-zero": (
        N_("the column '{column}' has width 0: it prints too narrow to hold a character"),
        N_("give each column a width of 1 or more, or leave 'widths' out"),
    ),
    "row-too-long": (N_("this row has {cells} cells, but the table has {columns} columns"), N_("check the row")),
    "merge-out-of-range": (
        N_("column {column} does not exist; the table has {columns} columns"),
        N_("count the columns from 1"),
    ),
    "attachment-without-form": (
        N_("the attachment is the plan's form, but the plan has no 'form'"),
        N_("add 'form:' to the plan, or remove this attachment"),
    ),
    "attachment-file-missing": (
        N_("the attachment file '{file}' is not there (it is named in the notice but cannot be sent with it)"),
        N_("put the file beside the plan, or correct the path"),
    ),
    "task-end-before-start": (
        N_("the task ends ({end}) before it starts ({date})"),
        N_("give 'date' and an 'end_date' on or after it"),
    ),
    "summary-before-end": (
        N_("due {date}, before the campaign ends on {end}, though 'after_end: true' says it comes after the end"),
        N_("check the date, the period or 'after_end'"),
    ),
    "calendar-too-long": (
        N_("the period and the deadlines span {first} to {last}, more than {limit} days"),
        N_("check the year of this date; a task sheet's calendar shows every week between them"),
    ),
    "unit-without-duty": (
        N_("unit '{name}' has no task or duty, so it gets no task sheet"),
        N_("assign it a task or remove it"),
    ),
    "form-rows-overflow": (
        N_("{rows} blank rows do not fit one landscape page even {mm} mm high: {forms} will run onto a second page"),
        N_("lower form.blank_rows or shorten the task titles; the header repeats on the second page"),
    ),
    "letter-optional-missing": (
        N_("the letter has no '{field}'; that line is left out"),
        N_("add letter.{field} if the letter should give it"),
    ),
    "text-syntax": (
        N_("placeholder syntax error: {detail}"),
        N_("write placeholders as {{{{ name }}}}; to print braces literally write {{{{ '{{{{' }}}}"),
    ),
    "unknown-placeholder": (
        N_("the placeholder '{name}' names nothing in the plan"),
        N_("see the placeholder list in the README"),
    ),
    "unknown-placeholder-suggest": (
        N_("the placeholder '{name}' names nothing in the plan"),
        N_("did you mean '{suggestion}'?"),
    ),
    "text-error": (N_("the text cannot be filled in: {detail}"), ""),
    "text-renders-empty": (
        N_("this text is empty once its placeholders are filled in"),
        N_("write the text itself, or use a placeholder that gives some"),
    ),
    "text-limit": (
        N_("the text went past a limit while its placeholders were filled in: {detail}"),
        N_("check its loops and repeated text: a paragraph needs far less"),
    ),
    "text-too-long-written": (
        N_("the text is longer than {limit} characters"),
        N_("a paragraph needs far less: put long material into an attachment of its own"),
    ),
    "text-too-long": (
        N_("the text grew past {limit} characters once its placeholders were filled in"),
        N_("check its loops and repeated text: a paragraph needs far less"),
    ),
    "text-gives-date": (
        N_("{{{{ {expression} }}}} gives a date, not text"),
        N_("write {{{{ {expression} | md }}}} (5月9日) or {{{{ {expression} | ymd }}}} (2019年5月9日)"),
    ),
    "text-gives-record": (
        N_("{{{{ {expression} }}}} gives a group of fields, not text"),
        N_("name one of its fields, e.g. {{{{ {expression}.name }}}}; see the placeholder list in the README"),
    ),
    "text-gives-list": (
        N_("{{{{ {expression} }}}} gives a list, not text"),
        N_("write {{{{ {expression} | cite }}}} for the policies, or {{{{ {expression} | join('、') }}}}"),
    ),
    "text-gives-truth": (
        N_("{{{{ {expression} }}}} gives true or false, not text"),
        N_("choose a text with {{% if {expression} %}}…{{% endif %}}"),
    ),
    "text-gives-nothing": (
        N_("{{{{ {expression} }}}} is empty in this plan"),
        N_("fill in that field of the plan, or write the text itself"),
    ),
    "text-holds-placeholders": (
        N_(
            "a placeholder here gives a text whose own placeholders cannot be filled in"
            " (nested too deep or in a circle)"
        ),
        N_("write that text out here instead of placing it"),
    ),
    # working days (docgen check and the new-year review)
    "date-in-holiday": (
        N_("{date} ({weekday}) falls in the {holiday} holiday"),
        N_("date it the working day before, {suggestion}"),
    ),
    "date-on-weekend": (N_("{date} is a {weekday}"), N_("date it the working day before, {suggestion}")),
    "deadline-in-holiday": (
        N_("due before {date} ({weekday}), which falls in the {holiday} holiday"),
        N_("make it the working day before, {suggestion}"),
    ),
    "deadline-on-weekend": (
        N_("due before {date}, a {weekday}"),
        N_("make it the working day before, {suggestion}"),
    ),
    "weekly-deadline-in-holiday": (
        N_("this weekly deadline falls on {date} ({weekday}), in the {holiday} holiday"),
        N_("the task sheets' calendars move it to the working day before, {suggestion}"),
    ),
    "weekly-deadline-weekend": (
        N_("this weekly deadline falls on a {weekday}, a day off"),
        N_("choose a working day (1 = Monday ... 5 = Friday)"),
    ),
    "period-in-holiday": (
        N_("the campaign's {end} day {date} ({weekday}) falls in the {holiday} holiday"),
        N_("check that this is meant"),
    ),
    "adjusted-workday": (
        N_("{date} is a {weekday} but an official working day (调休) of the {holiday} arrangement"),
        "",
    ),
    "arrangement-unknown": (
        N_(
            "the official holiday arrangement for {year} is not published yet; holidays were taken from "
            "the fixed-date and lunar calendar, without adjusted working days (调休)"
        ),
        N_("check the dates against the State Council's notice once it is out"),
    ),
    # the new-year review
    "old-year-number": (
        N_("document number {number} is from the old year {year}"),
        N_("cite this year's document, or keep it if it still applies"),
    ),
    "cited-number": (N_("document number {number} is from {year}"), N_("check that it is still the one to cite")),
    "old-year-text": (
        N_("the text mentions the old year {year}: {excerpt}"),
        N_("change it if it means the campaign's year"),
    ),
    "old-year-comment": (
        N_("a comment mentions the old year {year}: {excerpt}"),
        N_("comments are kept as written; update it if it describes this plan"),
    ),
    "feb-29-moved": (N_("{old} has no counterpart in {year}; it became {new}"), N_("check the date")),
    # GB/T 9704-2012 conventions in the plan's text
    "document-number-form": (
        N_("the document number {number} writes '{found}'"),
        N_(
            "GB/T 9704-2012 7.2.4 writes '{corrected}' (六角括号 〔〕, no leading zeros, no 第); "
            "docgen renders it as you wrote it"
        ),
    ),
    "date-chinese-numerals": (
        N_("the date '{found}' is in Chinese numerals"),
        N_("GB/T 9704-2012 writes dates in Arabic numerals: '{corrected}'"),
    ),
}
