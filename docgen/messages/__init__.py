"""The words for every finding: a message and, where one helps, how to fix it, in the user's language.

Part of the shared base: every stage may use it; it uses only ``docgen.errors``. Kept apart
from the code that finds problems so that a finding stays data (code, place, parameters) and
its text can come in the user's language: every message is marked with ``N_`` for Babel's
extractor and translated through ``docgen.messages.language`` where it is shown. Loading
this package makes ``str()`` of findings and errors use these words.

- ``language``: the language of the run and its gettext catalog (``locale/``).
- ``plan_words``, ``issuing_words``, ``picture_words``, ``output_words``, ``returns_words``, ``record_words``,
  ``audit_words``, ``import_words``, ``template_words``, ``machine_words``, ``mail_words``, ``workbench_words``:
  the message tables, by stage; a code is in one table only.
- ``places``: a dotted plan path in words (task 3's unit 1).
- ``jinja_words``, ``detail_words``: Jinja's, PyYAML's and SQLite's English problems in the user's language.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from functools import cache
from typing import TYPE_CHECKING, Any

from docgen.errors import Finding, Severity, describe_with
from docgen.messages.language import ENGLISH, N_, current_language, translations

if TYPE_CHECKING:  # datetime and the place words are loaded on first use: ``docgen --help`` needs neither
    import datetime as dt


@cache
def message_table() -> dict[str, tuple[str, str]]:
    """Every code's (message, hint), from the stages' tables; loaded on first use, not by ``--help``.

    A code means one thing everywhere: the same code in two tables is a mistake in docgen (one
    message would silently replace the other, with parameters its callers do not give), so it
    raises ``DuplicateMessageCodeError`` here, on the first message shown.
    """
    from docgen.messages import (
        audit_words,
        import_words,
        issuing_words,
        machine_words,
        mail_words,
        output_words,
        picture_words,
        plan_words,
        record_words,
        returns_words,
        template_words,
        workbench_words,
    )

    tables = (
        plan_words,
        issuing_words,
        picture_words,
        output_words,
        returns_words,
        record_words,
        audit_words,
        template_words,
        import_words,
        machine_words,
        mail_words,
        workbench_words,
    )
    return merged_tables({table.__name__: table.MESSAGES for table in tables})


class DuplicateMessageCodeError(Exception):
    """Two message tables give the same code (a mistake in docgen's code, not the user's)."""


def merged_tables(tables: Mapping[str, Mapping[str, tuple[str, str]]]) -> dict[str, tuple[str, str]]:
    """The tables, by name, as one; ``DuplicateMessageCodeError`` naming each code that two of them give."""
    merged: dict[str, tuple[str, str]] = {}
    owner: dict[str, str] = {}
    clashes = []
    for name, table in tables.items():
        for code, words in table.items():
            if code in merged:
                clashes.append(f"{code!r} in {owner[code]} and {name}")
            merged[code], owner[code] = words, name
    if clashes:
        raise DuplicateMessageCodeError("message codes given twice: " + "; ".join(clashes))
    return merged


# the words for the severities of review items, shown before each review item ("warning" also before a problem)
REVIEW_KINDS = {"edit": N_("edit"), "warning": N_("warning"), "note": N_("note")}

# Parameters whose value is one of docgen's own words (a kind of value, a weekday, a holiday),
# translated like the message; any other parameter is the user's text or a number, shown as is.
_WORD_PARAMS = frozenset({"expected", "found", "what", "weekday", "holiday", "end", "bound", "measure", "role", "flaw"})
_UNSET_PARAMS = frozenset({("font-slot", "latin"), ("font-slot", "found")})
_NOT_SET = N_("not set")
_WORD_VALUE_CODES = frozenset({"wrong-type"})  # "got a list": the value is a word when it is not shown itself
_WORDS = (
    # kinds of YAML value (docgen.plan.reading)
    N_("text"),
    N_("a whole number"),
    N_("a number"),
    N_("a list"),
    N_("a mapping"),
    N_("a date"),
    N_("true or false"),
    N_("nothing (an empty value)"),
    N_("list"),
    # what a path names instead of a regular file (docgen.inputs.bounded)
    N_("a folder"),
    N_("a pipe (FIFO)"),
    N_("a device"),
    N_("a socket"),
    N_("a symbolic link"),
    N_("a special file"),
    # a font the file does not name (docgen.auditing.layout_rules)
    N_("the application's default font"),
    # limits of numbers and lengths (docgen.plan.reading)
    N_("at least"),
    N_("at most"),
    N_("more than"),
    N_("less than"),
    N_("no fewer than"),
    N_("no more than"),
    N_("characters"),
    N_("items"),
    # the ends of the campaign period (docgen.plan.holidays)
    N_("start"),
    N_("end"),
    # weekdays (docgen.plan.holidays)
    N_("Monday"),
    N_("Tuesday"),
    N_("Wednesday"),
    N_("Thursday"),
    N_("Friday"),
    N_("Saturday"),
    N_("Sunday"),
    # holidays, as chinese_calendar and the holidays package name them (docgen.calendar.workdays)
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


def format_problem(problem: Finding, language: str | None = None) -> str:
    """One line: ``FILE:LINE:COL: [warning: ]path: message (hint)``; parts that are unknown are left out.

    ``language`` defaults to the current one (``docgen.messages.language``). The prefix is the same in every
    language but for the word "warning"; a translated message starts with the place in words, which
    replaces the path when it is a place in a template (正文第3段: no English in a Chinese line).
    """
    language = language or current_language()
    gettext = translations(language).gettext
    where = ":".join(str(part) for part in (problem.file, problem.line, problem.column) if part is not None)
    prefix = f"{where}: " if where else ""
    if not problem.is_error:
        prefix += f"{gettext(REVIEW_KINDS[problem.severity.value])}: "
    if problem.path and not (language != ENGLISH and _in_words(problem.path)):
        prefix += f"{problem.path}: "  # a template's place, a form's row: said in the message's own words instead
    return one_line(prefix + _message(problem.code, problem.params, problem.path, gettext, language))


def _in_words(path: str) -> bool:
    from docgen.messages.places import in_template, is_row

    return in_template(path) or is_row(path)


def format_review_item(item: Finding, language: str | None = None) -> str:
    """One line: ``FILE:LINE: kind: path: message (hint)``, the kind being edit, warning or note."""
    language = language or current_language()
    gettext = translations(language).gettext
    where = ":".join(str(part) for part in (item.file, item.line) if part is not None)
    prefix = f"{where}: " if where else ""
    prefix += f"{gettext(REVIEW_KINDS[item.severity.value])}: "
    if item.path:
        prefix += f"{item.path}: "
    return one_line(prefix + _message(item.code, item.params, item.path, gettext, language))


# compiled by ``re`` when first used, and kept there: compiling it with the module cost ``docgen --help`` 1.5 %
_LINE_BREAKING = "[\x00-\x1f\x7f-\x9f\u2028\u2029]"


def one_line(text: str) -> str:
    """``text`` with control characters and line breaks escaped, as Python writes them in a string.

    A file name or a cell's text may hold a newline; printed as it is, it would forge a line of
    docgen's output that a person or a script takes for a problem or a summary of its own. The
    bytes of a name that is no UTF-8 are shown as replacement characters (``shown_name``).
    """
    return re.sub(_LINE_BREAKING, lambda m: m.group().encode("unicode_escape").decode("ascii"), shown_name(text))


_SURROGATES = "[\ud800-\udfff]"


def shown_name(name: str | os.PathLike[str]) -> str:
    """A file or folder name as a person sees it: each byte that is no UTF-8 as U+FFFD (�).

    Python keeps such a byte of a name (a GBK name from a Windows zip) as a lone surrogate
    (``surrogateescape``), so that the file can still be opened; written into a page, a
    spreadsheet, a document, a database or a terminal it would fail to encode.
    """
    return re.sub(_SURROGATES, "\ufffd", os.fspath(name))


def command_word(text: str | os.PathLike[str]) -> str:
    """A path or name as one word of a command line docgen prints for a person to run: quoted when needed.

    Plain words (Chinese ones too) stay as they are; one with a space, a quote, ``;`` or ``$``
    is quoted as a POSIX shell reads it, so that a folder's name cannot add a command.
    """
    import shlex

    word = shown_name(text)
    return word if re.fullmatch(r"[\w@%+=:,./-]+", word) else shlex.quote(word)


def describe_code(code: str, params: Mapping[str, Any], language: str | None = None) -> str:
    """A code's message (and hint) with its parameters, in ``language``: a line of its own, with no place."""
    language = language or current_language()
    return one_line(_message(code, params, None, translations(language).gettext, language))


def format_date(day: dt.date, language: str | None = None) -> str:
    """A day as the language writes it: 2019-05-09, or 2019年5月9日."""
    return _date(day, translations(language or current_language()).gettext)


def format_period_end(start: dt.date, end: dt.date, language: str | None = None) -> str:
    """A period's last day as the language writes it after its first: 2019-05-28, or 5月28日 after 2019年4月28日.

    Chinese does not write again what the end shares with the start (2019年4月28日至5月28日).
    """
    from docgen import chinese

    full = format_date(end, language)
    if full != chinese.full_date(end) or start == end:
        return full
    return chinese.date_range(start, end).split("至", 1)[1]


def format_moment(moment: dt.datetime, language: str | None = None) -> str:
    """A moment for a person, in this computer's time zone, to the minute: 2019-04-29 09:15, 2019年4月29日 09:15.

    Scripts get ISO 8601 (``--json``); a line a person reads gets the day as the language writes it.
    """
    local = moment.astimezone()
    return f"{format_date(local.date(), language)} {local:%H:%M}"


def _message(code: str, raw_params: Mapping[str, Any], path: str | None, gettext: Gettext, language: str) -> str:
    message, hint = message_table().get(code, ("{code}", ""))
    params: dict[str, Any] = {"code": code, **{k: _show(code, k, v, gettext) for k, v in raw_params.items()}}
    text = _fill(gettext(message), params)
    if hint:
        text = gettext(_WITH_HINT).format(message=text, hint=_fill(gettext(hint), params))
    from docgen.messages.places import describe

    place = describe(path, gettext) if language != ENGLISH else ""
    if place:
        text = gettext(_AT_PLACE).format(place=place, message=text)
    return text


def _show(code: str, name: str, value: Any, gettext: Gettext) -> Any:
    """A parameter as the message shows it: dates in the language's form, docgen's words translated."""
    import datetime as dt

    from docgen.messages.places import describe

    if isinstance(value, dt.datetime):
        return value.isoformat()
    if value == "" and (code, name) in _UNSET_PARAMS:
        return gettext(_NOT_SET)  # a font no style or run names: 西文字体为“未指定”
    if isinstance(value, dt.date):
        return _date(value, gettext)
    if name == "place" and isinstance(value, str):
        return describe(value, gettext) or value
    if name == "format" and isinstance(value, str):
        from docgen.messages.template_words import FORMATS

        return gettext(FORMATS.get(value, value)) if value else value
    if name == "detail" and isinstance(value, str) and code.startswith(("yaml-", "record-damaged")):
        from docgen.messages.detail_words import record_detail, yaml_detail

        return (yaml_detail if code.startswith("yaml-") else record_detail)(value, gettext)
    if name == "detail" and isinstance(value, str):
        from docgen.messages.jinja_words import jinja_detail

        return jinja_detail(value, gettext)
    if isinstance(value, str) and (name in _WORD_PARAMS or (name == "value" and code in _WORD_VALUE_CODES)):
        # gettext("") is the catalog's header: an empty word stays empty
        return gettext(_WORD_SEPARATOR).join(gettext(word) if word else word for word in value.split("; "))
    return value.isoformat() if hasattr(value, "isoformat") else value


def _date(day: dt.date, gettext: Gettext) -> str:
    return gettext(_DATE).format(year=day.year, month=day.month, day=day.day)


def _fill(template: str, params: dict[str, Any]) -> str:
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return template


def finding_words(finding: Finding, language: str | None = None) -> str:
    """What a finding says and how to fix it, with the place in words where the language has them; no file or line.

    For a page that shows the line and the severity itself (the workbench).
    """
    language = language or current_language()
    gettext = translations(language).gettext
    path = finding.path if language != ENGLISH else None
    text = _message(finding.code, finding.params, path, gettext, language)
    return one_line(f"{finding.path}: {text}" if finding.path and language == ENGLISH else text)


def format_finding(finding: Finding, language: str | None = None) -> str:
    """A finding as its line: review items (edit, note) as ``format_review_item``, others as ``format_problem``."""
    if finding.severity in (Severity.EDIT, Severity.NOTE):
        return format_review_item(finding, language)
    return format_problem(finding, language)


def format_audit_finding(finding: Finding, language: str | None = None) -> str:
    """One line of ``docgen audit``: ``FILE: paragraph N (“excerpt”): what is wrong (clause, how to fix it)``."""
    from docgen.messages.audit_words import PLACES

    language = language or current_language()
    gettext = translations(language).gettext
    kind = (finding.path or "document").split()[0]
    params = {k: gettext(v) if k == "which" else v for k, v in finding.params.items()}
    place = _fill(gettext(PLACES.get(kind, PLACES["document"])), params)
    text = _message(finding.code, finding.params, None, gettext, language)
    return f"{finding.file}: {place}: {text}" if finding.file else f"{place}: {text}"


# the sides of a page, as page-number findings name them
_SIDES = (N_("left"), N_("right"), N_("center"))

describe_with(format_finding)
