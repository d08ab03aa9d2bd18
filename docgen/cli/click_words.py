"""Click's own messages (its command-line errors), so that they too come in the user's language.

Click marks its texts with the standard library's ``gettext``, bound when each click module is
imported, and so reads no catalog of docgen's. The messages a user meets when a command line
is mistyped are listed here for extraction, and for one run the click modules' ``_`` and
``ngettext`` are pointed at docgen's catalog.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import click.exceptions

from docgen.messages import language as i18n
from docgen.messages.language import N_


def ngettext(singular: str, plural: str, count: int) -> tuple[str, str]:
    """Mark a singular and plural pair for extraction (Babel knows the name); translates nothing."""
    return singular, plural


MESSAGES = (
    N_("Error: {message}"),
    N_("Try '{command} {option}' for help."),
    N_("Invalid value: {message}"),
    N_("Invalid value for {param_hint}: {message}"),
    N_("Missing argument"),
    N_("Missing option"),
    N_("Missing parameter"),
    N_("Missing {param_type}"),
    N_("Missing parameter: {param_name}"),
    N_("No such option {name!r}."),
    N_("No such command {name!r}."),
    N_("Missing command."),
    N_("Option {name!r} does not take a value."),
    N_("Argument {name!r} takes {nargs} values."),
    N_("{value!r} is not a valid {number_type}."),
    N_("{value} is not in the range {range}."),
    N_("{name} {filename!r} does not exist."),
    N_("{name} {filename!r} is a file."),
    N_("{name} {filename!r} is a directory."),
    N_("{name} {filename!r} is not readable."),
    N_("{name} {filename!r} is not writable."),
    N_("Aborted!"),
)
PLURAL_MESSAGES = (
    ngettext("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)", 2),
    ngettext("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})", 2),
    ngettext("{value!r} is not {choice}.", "{value!r} is not one of {choices}.", 2),
)
_SENTENCE = N_("{sentence}.")  # click ends "Missing option '--week'" with an ASCII full stop of its own
_CLICK_MODULES = ("click.core", "click.exceptions", "click.parser", "click.types", "click.decorators", "click.utils")


@contextmanager
def click_speaks_current_language() -> Iterator[None]:
    """Inside the block, click's messages come from docgen's catalog in the run's language.

    English too: the standard library's gettext, which click calls, would look for a catalog of
    click's in the system's folders at every call, and import ``locale`` to do so (1 ms of
    ``docgen --help``); docgen's English catalog gives click's own words back.
    """
    saved: list[tuple[object, str, Any]] = []
    for name in _CLICK_MODULES:
        module = sys.modules.get(name)
        for attribute, replacement in (("_", i18n.gettext), ("ngettext", i18n.ngettext)):
            if module is not None and hasattr(module, attribute):
                saved.append((module, attribute, getattr(module, attribute)))
                setattr(module, attribute, replacement)
    missing = click.exceptions.MissingParameter
    saved.append((missing, "format_message", missing.format_message))
    missing.format_message = _missing_message(missing.format_message)  # type: ignore[method-assign]
    try:
        yield
    finally:
        for module, attribute, original in reversed(saved):
            setattr(module, attribute, original)


def _missing_message(original: Callable[[click.exceptions.MissingParameter], str]) -> Callable[..., str]:
    """Click's "Missing option '--week'." with the language's full stop (缺少选项 '--week'。)."""

    def format_message(self: click.exceptions.MissingParameter) -> str:
        text = original(self)
        if not text.endswith("."):
            return text
        return i18n.gettext(_SENTENCE).format(sentence=text[:-1])

    return format_message
