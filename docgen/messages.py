"""The words for every problem code: a message and, where one helps, how to fix it.

Kept apart from the code that finds problems so that a problem stays data (code, place,
parameters) and its text can come in the user's language.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from docgen.errors import Problem

if TYPE_CHECKING:
    from docgen.review import ReviewItem


def N_(text: str) -> str:  # noqa: N802 - the conventional gettext marker name
    """Mark a message for extraction; it is translated where it is shown."""
    return text


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
    "yaml-bad-start": (
        N_("a value cannot start with '{char}' in YAML"),
        N_("put the whole value in quotes"),
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
    "unknown-key-suggest": (N_("unknown key '{key}'"), N_("did you mean '{suggestion}'?")),
    "invalid-date": (N_("'{value}' is not a valid date"), N_("write an existing day as YYYY-MM-DD, e.g. 2019-05-09")),
    "wrong-type": (N_("expected {expected}, got {value}"), ""),
    "bad-format": (N_("{value} is not a valid {field}"), ""),
    "bad-id": (
        N_("{value} is not a valid id"),
        N_("an id is letters, digits and underscores, starting with a letter, e.g. publicity"),
    ),
    "empty-value": (N_("the {what} is empty"), N_("fill it in, or remove the key if it is optional")),
    "bad-length": (N_("{detail}"), ""),
    "out-of-range": (N_("{value} is out of range: {detail}"), ""),
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
    "output-exists": (
        N_("this file was not written by docgen (or was changed since); it is not overwritten"),
        N_("move it away, or pass --force to replace it"),
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
    "feb-29-moved": (N_("{old} has no counterpart in {year}; it became {new}"), N_("check the date")),
    # writing files
    "file-exists": (N_("the file already exists"), N_("use --force to overwrite it")),
    "write-failed": (N_("cannot write the file: {reason}"), ""),
}

# the words for ``ReviewKind`` values, shown before each review item
REVIEW_KINDS = {"edit": N_("edit"), "warning": N_("warning"), "note": N_("note")}


def format_problem(problem: Problem, gettext: Callable[[str], str] = str) -> str:
    """One line: ``FILE:LINE:COL: [warning: ]path: message (hint)``; parts that are unknown are left out."""
    where = ":".join(str(part) for part in (problem.file, problem.line, problem.column) if part is not None)
    prefix = f"{where}: " if where else ""
    if not problem.is_error:
        prefix += "warning: "
    if problem.path:
        prefix += f"{problem.path}: "
    return prefix + _message(problem.code, problem.params, gettext)


def format_review_item(item: ReviewItem, gettext: Callable[[str], str] = str) -> str:
    """One line: ``FILE:LINE: kind: path: message (hint)``, the kind being edit, warning or note."""
    where = ":".join(str(part) for part in (item.file, item.line) if part is not None)
    prefix = f"{where}: " if where else ""
    prefix += f"{gettext(REVIEW_KINDS[item.kind.value])}: "
    if item.path:
        prefix += f"{item.path}: "
    return prefix + _message(item.code, item.params, gettext)


def _message(code: str, raw_params: Mapping[str, Any], gettext: Callable[[str], str]) -> str:
    message, hint = MESSAGES.get(code, ("{code}", ""))
    params: dict[str, Any] = {"code": code, **{k: _show(v) for k, v in raw_params.items()}}
    text = _fill(gettext(message), params)
    if hint:
        text += f" ({_fill(gettext(hint), params)})"
    return text


def _show(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


def _fill(template: str, params: dict[str, Any]) -> str:
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return template
