"""Messages about returned forms and returns folders (docgen collect, docgen status).

Each entry is a code: (message, hint), both marked for Babel; ``docgen.messages`` joins the tables.
"""

from __future__ import annotations

from docgen.messages.language import N_

MESSAGES: dict[str, tuple[str, str]] = {
    "plan-without-form": (
        N_("the plan has no 'form', so no returned forms can be read against it"),
        N_("add 'form:' with its columns to the plan"),
    ),
    # returned forms (docgen collect)
    "form-missing": (N_("file not found"), N_("check the path")),
    "form-too-large": (
        N_("the file is larger than {limit} MiB; it is not read"),
        N_("a filled form is a few dozen KiB"),
    ),
    "form-old-word": (
        N_("this is an old Word 97-2003 (.doc) file, not .docx"),
        N_("open it in Word or WPS and save it as .docx"),
    ),
    "form-encrypted": (
        N_("the .docx is protected by a password; docgen cannot read it"),
        N_("open it in Word or WPS, remove the password (File > Info > Protect Document) and save it again"),
    ),
    "form-not-zip": (N_("not a .docx file (a .docx is a zip package)"), N_("return the form as .docx")),
    "form-not-docx": (N_("a zip file, but not a Word document (.docx)"), N_("return the form as .docx")),
    "form-corrupt": (N_("the .docx is damaged: {detail}"), N_("open it in Word or WPS and save it again")),
    "form-member-too-large": (
        N_("the part {member} inflates past {limit} MiB; it is not read"),
        N_("a filled form is far smaller; check the file"),
    ),
    "form-bad-xml": (N_("the document's XML is broken: {detail}"), N_("open it in Word or WPS and save it again")),
    "form-doctype": (
        N_("the document's XML carries a DOCTYPE, which Word never writes; it is not read"),
        N_("open it in Word or WPS and save it again"),
    ),
    "form-too-many-rows": (
        N_("a table of the document has {count} rows; docgen reads at most {limit}, so none of them is read"),
        N_("split the rows into several forms and collect them together"),
    ),
    "form-too-many-cells": (N_("the document has more than {limit} table cells; it is not read"), ""),
    "form-no-table": (
        N_("no 活动安排 table found (a header row with {columns})"),
        N_("fill in the form docgen sent, keeping its header row"),
    ),
    "form-columns-missing": (
        N_("the form's table lacks the column(s) {missing}"),
        N_("keep every column of the form docgen sent"),
    ),
    "form-unknown-unit": (N_("unknown unit '{unit}' on the 上报部门 line"), N_("write the unit's name as in the plan")),
    "form-unknown-unit-suggest": (N_("unknown unit '{unit}' on the 上报部门 line"), N_("did you mean {suggestion}?")),
    "form-no-unit": (
        N_("the {label} line names no unit"),
        N_("write the unit's name after '{label}：'"),
    ),
    "form-unit-from-rows": (N_("the 上报部门 line is empty; the unit {unit} was taken from the rows"), ""),
    "form-duplicate-unit": (
        N_("{unit} returned two forms; {kept} (modified later) is used, {ignored} is ignored"),
        N_("remove the one that is out of date"),
    ),
    "unit-not-returned": (N_("{unit} has not returned its form"), ""),
    "row-not-filled": (N_("only the item {item} is filled in; the row is left out"), N_("fill it in or delete it")),
    "row-no-item": (N_("the activity item (活动项目) is empty"), N_("write the task's title or its number")),
    "row-unknown-item": (
        N_("the item '{item}' is not one of the plan's tasks"),
        N_("write a task's title or its number 1-{count}"),
    ),
    "row-unknown-item-suggest": (
        N_("the item '{item}' is not one of the plan's tasks"),
        N_("did you mean '{suggestion}'?"),
    ),
    "row-when-empty": (N_("the date (活动时间) is empty"), N_("write it as 5月10日 or 5月10日-12日")),
    "row-when-unreadable": (
        N_("cannot read the date '{text}'"),
        N_("write one day or range, e.g. 5月10日, 5月10日-12日, 5月10日 14:30"),
    ),
    "row-when-no-such-day": (N_("'{text}' names a day that does not exist"), N_("check the month and day")),
    "row-when-reversed": (N_("'{text}' ends before it starts"), N_("check the order of the dates or times")),
    "row-date-outside": (
        N_("'{text}' is outside the campaign period {start} to {end}"),
        N_("check the date"),
    ),
    "row-no-person": (N_("the contact person (负责人或联络人) is empty"), N_("name the person to contact")),
    "row-no-phone": (N_("the phone (联系电话) is empty"), N_("give an 8-digit, area-code or mobile number")),
    "row-bad-phone": (
        N_("'{phone}' is not a phone number"),
        N_("write 8 digits (84825237), with area code (0431-84825237), or an 11-digit mobile"),
    ),
    # returns folders (docgen status)
    "status-unknown-deadline": (
        N_("the plan has no deadline '{key}'"),
        N_("give one of the keys under 'deadlines': {known}"),
    ),
    "status-no-returns-folder": (
        N_("the returns folder does not exist or is not a folder"),
        N_("make it with 'docgen status --init DIR', or check the path"),
    ),
    "returns-too-many-files": (
        N_("more than {limit} files here in the returns folder; docgen counts none rather than only some"),
        N_("move what is no unit's return (a photo library, an unpacked archive) out of the returns folder"),
    ),
    "returns-too-deep": (
        N_("this folder lies more than {limit} folders deep in the returns folder; docgen counts none, not only some"),
        N_("move it out of the returns folder, or unpack it less deep"),
    ),
    # units' reports, the 简报 and the summary (docgen digest, docgen summary)
    "report-pictures-cut": (
        N_("{count} pictures of the report are left out: a 简报 takes the first {limit} pictures of a unit's reports"),
        N_("choose the pictures that matter and send those"),
    ),
    "report-text-cut": (
        N_("the report goes on past {paragraphs} paragraphs or {chars} characters; the rest is left out"),
        N_("ask the unit for a shorter report"),
    ),
    "report-too-large": (
        N_("the report is larger than {limit} MiB; it is not read"),
        N_("send the pictures beside the report instead of inside it"),
    ),
    "report-pdf-unreadable": (N_("the PDF cannot be read: {detail}"), N_("ask the unit for a Word file instead")),
    "picture-too-large": (
        N_("the picture is larger than {limit} MiB; it is left out"),
        N_("ask the unit for a smaller copy"),
    ),
    "picture-too-many-pixels": (
        N_("the picture says it is {width}×{height} pixels, too many to open safely; it is left out"),
        N_("ask the unit for a smaller copy"),
    ),
    "picture-format": (
        N_("the picture is a {format} file, which docgen cannot show; it is left out"),
        N_("ask the unit for a .jpg"),
    ),
    "picture-unknown": (
        N_("the file is no picture docgen can show (PNG, JPEG, GIF, BMP, WebP); it is left out"),
        N_("ask the unit for a .jpg"),
    ),
    "picture-unreadable": (
        N_("the picture cannot be read ({detail}); it is left out"),
        N_("open it and save it again as .jpg"),
    ),
    "digest-no-weekly-deadline": (
        N_("the plan has no weekly deadline '{key}' for the 简报"),
        N_("set 'digest: deadline:' to the key of a deadline with 'weekday:'"),
    ),
    "digest-no-such-week": (
        N_("there is no week {week}: the weekly deadline falls due {weeks} times in the period"),
        N_("give a week from 1 to {weeks}"),
    ),
    "digest-empty-week": (
        N_("nobody has sent anything for week {week}, so there is no 简报 to make"),
        N_("run 'docgen status' to see who owes the week's report"),
    ),
    "digest-files-came-later": (
        N_("{count} file(s) for week {week} came after {day} and are not in this 简报"),
        N_("they go in when the week is written again with a later --date"),
    ),
}
