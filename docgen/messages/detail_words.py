"""What PyYAML and SQLite say went wrong, in the user's language.

Both write their problems in English ("mapping values are not allowed here", "file is not a
database"); the ones a plan or a returns folder's record meets are matched here and said in the
catalog's words. One that matches none is shown as it was written in English and, in any other
language, as a plain "could not read" (no English inside a Chinese line): the place and the
hint say where to look.
"""

from __future__ import annotations

from collections.abc import Callable

from docgen.messages.language import N_

_PROBLEMS = (
    ("mapping values are not allowed", N_("a 'key: value' where no key can start")),
    ("did not find expected key", N_("a line where the next key of the mapping was expected")),
    ("did not find expected '-' indicator", N_("a line where the next list item ('- ') was expected")),
    ("could not find expected ':'", N_("a key without its ': '")),
    ("found character that cannot start any token", N_("a character that cannot start a value")),
    ("found unexpected end of stream", N_("the file ends before what was opened is closed")),
    ("found undefined alias", N_("an alias (*name) that names no anchor")),
    ("found unknown escape character", N_("an unknown escape (\\) inside double quotes")),
    ("expected ',' or ']'", N_("a list in [ ] that is not closed")),
    ("expected ',' or '}'", N_("a mapping in { } that is not closed")),
    ("expected <block end>", N_("a line that does not line up with the block it is in")),
    ("expected <document start>", N_("text where a new key was expected")),
    ("found unexpected ':'", N_("a ':' where none may stand")),
    ("found a tab character", N_("a tab character")),
    ("found duplicate anchor", N_("an anchor (&name) given twice")),
    ("while scanning a quoted scalar", N_("a quote that is not closed")),
)
_UNKNOWN = N_("YAML cannot read the text here")
_DATABASE_PROBLEMS = (
    ("file is not a database", N_("the file is not a database")),
    ("database disk image is malformed", N_("the database file is damaged")),
    ("no such table", N_("the database lacks docgen's tables")),
    ("no such column", N_("the database lacks docgen's columns")),
)
_DATABASE_UNKNOWN = N_("the database cannot be read")


def yaml_detail(detail: str, gettext: Callable[[str], str]) -> str:
    """``detail`` (PyYAML's problem) in the language of ``gettext``: PyYAML's own words in English."""
    return _said(detail, _PROBLEMS, _UNKNOWN, gettext)


def record_detail(detail: str, gettext: Callable[[str], str]) -> str:
    """``detail`` (SQLite's problem with the record) in the language of ``gettext``: SQLite's words in English."""
    return _said(detail, _DATABASE_PROBLEMS, _DATABASE_UNKNOWN, gettext)


def _said(detail: str, known: tuple[tuple[str, str], ...], unknown: str, gettext: Callable[[str], str]) -> str:
    for start, text in known:
        if start in detail:
            translated = gettext(text)
            return detail if translated == text else translated
    translated = gettext(unknown)
    return detail if translated == unknown else translated
