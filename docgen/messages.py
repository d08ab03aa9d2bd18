"""The words for every problem code: a message and, where one helps, how to fix it.

Kept apart from the code that finds problems so that a problem stays data (code, place,
parameters) and its text can come in the user's language: every message is marked with
``N_`` for Babel's extractor and translated through ``docgen.i18n`` where it is shown.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from docgen.errors import Problem
from docgen.i18n import ENGLISH, N_, current_language, translations
from docgen.places import describe

if TYPE_CHECKING:
    from docgen.review import ReviewItem

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
    # templates
    "template-missing": (
        N_("template not found"),
        N_("copy the default templates with 'docgen init DIR', or fix --templates"),
    ),
    "template-unreadable": (
        N_("not a readable .docx template: {detail}"),
        N_("open it in Word or WPS and save it again as .docx"),
    ),
    "template-too-large": (N_("template is larger than {limit} MiB"), ""),
    "template-syntax": (
        N_("template tag error in {part}: {detail} (paragraph: {paragraph})"),
        N_("check the {{{{ }}}} and {{% %}} tags in that paragraph"),
    ),
    "template-undefined": (
        N_("the template uses a name the plan does not give: {detail} (paragraph: {paragraph})"),
        N_("see the README's list of template names"),
    ),
    "template-unsafe": (
        N_("the template tried something the sandbox forbids: {detail}"),
        N_("templates may only use the names docgen gives them"),
    ),
    "template-failed": (N_("the template failed in {part}: {detail} (paragraph: {paragraph})"), ""),
    "template-limit": (
        N_("the template went past a limit in {part}: {detail} (paragraph: {paragraph})"),
        N_("check its loops, macros and repeated text: a document needs far less"),
    ),
    "template-too-big-output": (
        N_("the template produced more than {limit} characters in {part}"),
        N_("check its loops"),
    ),
    "template-bad-xml": (
        N_("the template produced a broken document part {part}: {detail}"),
        N_("check the template's tags, e.g. a {{%p %}} tag beside other text"),
    ),
    # outputs
    "unknown-unit-name": (N_("no unit is called '{unit}'"), N_("units: {known}")),
    "unknown-unit-name-suggest": (N_("no unit is called '{unit}'"), N_("did you mean {suggestion}?")),
    "unknown-kind": (N_("unknown document kind '{kind}'"), N_("kinds: {known}")),
    "unknown-kind-suggest": (N_("unknown document kind '{kind}'"), N_("did you mean '{suggestion}'?")),
    "output-outside": (N_("output path {path} would leave the output folder"), ""),
    "output-symlink": (
        N_("{path} is a symbolic link or leads outside the output folder; docgen will not write through it"),
        N_("remove the link or choose another -o folder"),
    ),
    "output-not-file": (
        N_("a folder or link stands where docgen would write a document"),
        N_("move it away or choose another -o folder"),
    ),
    "output-folder-is-file": (N_("this is a file, not a folder for the outputs"), N_("give a folder with -o")),
    "output-exists": (
        N_("this file was not written by docgen (or was changed since); it is not overwritten"),
        N_("move it away, or pass --force to replace it"),
    ),
    "output-busy": (
        N_("another docgen run has been writing into this folder for more than {seconds} seconds"),
        N_("wait for it to finish, or choose another -o folder"),
    ),
    "worker-died": (
        N_("a rendering process stopped before it finished its documents; nothing was written"),
        N_("run again; if it happens again, the system may be short of memory: try --jobs 1"),
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
        N_("tell the units when that week's report is due, e.g. the working day before, {suggestion}"),
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
    "document-number": (N_("document number {number} is from {year}"), N_("check that it is still the one to cite")),
    "old-year-text": (
        N_("the text mentions the old year {year}: {excerpt}"),
        N_("change it if it means the campaign's year"),
    ),
    "old-year-comment": (
        N_("a comment mentions the old year {year}: {excerpt}"),
        N_("comments are kept as written; update it if it describes this plan"),
    ),
    "feb-29-moved": (N_("{old} has no counterpart in {year}; it became {new}"), N_("check the date")),
    # LibreOffice and poppler (PDF output and previews)
    "office-missing": (
        N_("LibreOffice (soffice) is not installed or not on PATH; it is needed for PDF output and previews"),
        N_("on Debian or Ubuntu: sudo apt-get install {packages}"),
    ),
    "tool-missing": (
        N_("{tool} is not installed or not on PATH"),
        N_("on Debian or Ubuntu: sudo apt-get install {package}"),
    ),
    "office-timeout": (
        N_("LibreOffice did not finish converting {count} files within {seconds} seconds and was stopped"),
        N_("try again; if it keeps happening, convert fewer documents at once with --only or --unit"),
    ),
    "office-failed": (
        N_("LibreOffice failed (exit status {code}): {detail}"),
        N_("run 'soffice --headless --version' to check the installation"),
    ),
    "pdf-not-produced": (
        N_("LibreOffice wrote no PDF for this file (it said: {detail})"),
        N_("open the file in LibreOffice Writer or Word to see whether it is damaged"),
    ),
    "pdf-name-clash": (N_("two documents would be converted to this same PDF"), N_("give them different file names")),
    "preview-failed": (N_("pdftoppm could not draw the pages: {detail}"), ""),
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
    # writing files
    "file-exists": (N_("the file already exists"), N_("use --force to overwrite it")),
    "write-failed": (N_("cannot write here: {reason}"), N_("choose another place, or check the disk")),
    "write-denied": (
        N_("no permission to write here"),
        N_("choose a folder you may write to (-o), or ask for the right to write to this one"),
    ),
    "write-read-only": (N_("this place is read-only"), N_("choose another folder (-o)")),
    "write-disk-full": (N_("the disk is full"), N_("free some space, or choose a folder on another disk (-o)")),
    "write-no-folder": (
        N_("the folder to write into does not exist and cannot be made"),
        N_("check the path given with -o"),
    ),
}

# the words for ``ReviewKind`` values, shown before each review item ("warning" also before a problem)
REVIEW_KINDS = {"edit": N_("edit"), "warning": N_("warning"), "note": N_("note")}

# Parameters whose value is one of docgen's own words (a kind of value, a weekday, a holiday),
# translated like the message; any other parameter is the user's text or a number, shown as is.
_WORD_PARAMS = frozenset({"expected", "found", "what", "weekday", "holiday", "end", "bound", "measure"})
_WORD_VALUE_CODES = frozenset({"wrong-type"})  # "got a list": the value is a word when it is not shown itself
_WORDS = (
    # kinds of YAML value (docgen.loading)
    N_("text"),
    N_("a whole number"),
    N_("a number"),
    N_("a list"),
    N_("a mapping"),
    N_("a date"),
    N_("true or false"),
    N_("nothing (an empty value)"),
    N_("list"),
    # limits of numbers and lengths (docgen.loading)
    N_("at least"),
    N_("at most"),
    N_("more than"),
    N_("less than"),
    N_("no fewer than"),
    N_("no more than"),
    N_("characters"),
    N_("items"),
    # the ends of the campaign period (docgen.review)
    N_("start"),
    N_("end"),
    # weekdays (docgen.review)
    N_("Monday"),
    N_("Tuesday"),
    N_("Wednesday"),
    N_("Thursday"),
    N_("Friday"),
    N_("Saturday"),
    N_("Sunday"),
    # holidays, as chinese_calendar and the holidays package name them (docgen.workdays)
    N_("New Year's Day"),
    N_("Spring Festival"),
    N_("Chinese New Year (Spring Festival)"),
    N_("Chinese New Year's Eve"),
    N_("Tomb-sweeping Day"),
    N_("Tomb-Sweeping Day"),
    N_("Labour Day"),
    N_("Labor Day"),
    N_("Dragon Boat Festival"),
    N_("Mid-autumn Festival"),
    N_("Mid-Autumn Festival"),
    N_("National Day"),
    N_("Anti-Fascist 70th Day"),
)
_DATE = N_("{year}-{month:02d}-{day:02d}")
_WITH_HINT = N_("{message} ({hint})")
_AT_PLACE = N_("{place}: {message}")
_WORD_SEPARATOR = N_("; ")

Gettext = Callable[[str], str]


def format_problem(problem: Problem, language: str | None = None) -> str:
    """One line: ``FILE:LINE:COL: [warning: ]path: message (hint)``; parts that are unknown are left out.

    ``language`` defaults to the current one (``docgen.i18n``). The prefix is the same in every
    language but for the word "warning"; a translated message starts with the place in words.
    """
    language = language or current_language()
    gettext = translations(language).gettext
    where = ":".join(str(part) for part in (problem.file, problem.line, problem.column) if part is not None)
    prefix = f"{where}: " if where else ""
    if not problem.is_error:
        prefix += f"{gettext(REVIEW_KINDS['warning'])}: "
    if problem.path:
        prefix += f"{problem.path}: "
    return prefix + _message(problem.code, problem.params, problem.path, gettext, language)


def format_review_item(item: ReviewItem, language: str | None = None) -> str:
    """One line: ``FILE:LINE: kind: path: message (hint)``, the kind being edit, warning or note."""
    language = language or current_language()
    gettext = translations(language).gettext
    where = ":".join(str(part) for part in (item.file, item.line) if part is not None)
    prefix = f"{where}: " if where else ""
    prefix += f"{gettext(REVIEW_KINDS[item.kind.value])}: "
    if item.path:
        prefix += f"{item.path}: "
    return prefix + _message(item.code, item.params, item.path, gettext, language)


def format_date(day: dt.date, language: str | None = None) -> str:
    """A day as the language writes it: 2019-05-09, or 2019年5月9日."""
    return _date(day, translations(language or current_language()).gettext)


def _message(code: str, raw_params: Mapping[str, Any], path: str | None, gettext: Gettext, language: str) -> str:
    message, hint = MESSAGES.get(code, ("{code}", ""))
    params: dict[str, Any] = {"code": code, **{k: _show(code, k, v, gettext) for k, v in raw_params.items()}}
    text = _fill(gettext(message), params)
    if hint:
        text = gettext(_WITH_HINT).format(message=text, hint=_fill(gettext(hint), params))
    place = describe(path, gettext) if language != ENGLISH else ""
    if place:
        text = gettext(_AT_PLACE).format(place=place, message=text)
    return text


def _show(code: str, name: str, value: Any, gettext: Gettext) -> Any:
    """A parameter as the message shows it: dates in the language's form, docgen's words translated."""
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return _date(value, gettext)
    if isinstance(value, str) and (name in _WORD_PARAMS or (name == "value" and code in _WORD_VALUE_CODES)):
        return gettext(_WORD_SEPARATOR).join(gettext(word) for word in value.split("; "))
    return value.isoformat() if hasattr(value, "isoformat") else value


def _date(day: dt.date, gettext: Gettext) -> str:
    return gettext(_DATE).format(year=day.year, month=day.month, day=day.day)


def _fill(template: str, params: dict[str, Any]) -> str:
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return template
