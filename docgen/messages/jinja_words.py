"""Jinja's own error messages in the user's language.

Jinja writes its messages in English; the common ones are matched here and translated through
the catalog like docgen's own, with the names and tags they quote kept as they are. A message
that matches none of them is shown as Jinja wrote it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from docgen.messages.language import N_

_PATTERNS = (
    (
        r"Encountered unknown tag '(?P<tag>[^']*)'\. Jinja was looking for the following tags: (?P<wanted>.+)\. "
        r"The innermost block that needs to be closed is '(?P<block>[^']*)'\.",
        N_("unknown tag '{tag}'; Jinja expected {wanted} to close the block '{block}'"),
    ),
    (
        r"Unexpected end of template\. Jinja was looking for the following tags: (?P<wanted>.+)\. "
        r"The innermost block that needs to be closed is '(?P<block>[^']*)'\.",
        N_("the template ends before the block '{block}' is closed with {wanted}"),
    ),
    (r"Encountered unknown tag '(?P<tag>[^']*)'\.", N_("unknown tag '{tag}'")),
    (r"unexpected end of template, expected '(?P<wanted>.+)'\.", N_("the template ends where '{wanted}' is expected")),
    (r"expected token '(?P<wanted>.+)', got '(?P<got>.*)'", N_("expected '{wanted}' but found '{got}'")),
    (r"unexpected '(?P<got>.*)', expected '(?P<wanted>.+)'", N_("unexpected '{got}'; expected '{wanted}'")),
    (r"unexpected char '(?P<got>.*)' at \d+", N_("a character Jinja does not understand: '{got}'")),
    (r"unexpected '(?P<got>.*)'", N_("unexpected '{got}'")),
    (r"Expected an expression, got '(?P<got>.*)'", N_("a value is missing before '{got}'")),
    (r"tag name expected", N_("a tag name is missing after '{{%'")),
    (r"'(?P<name>[^']*)' is undefined", N_("'{name}' is not defined")),
    (r"'(?P<what>[^']*)' has no attribute '(?P<name>[^']*)'", N_("'{what}' has no attribute '{name}'")),
    (r"(?P<what>.+) has no element (?P<name>.+)", N_("{what} has no element {name}")),
    (r"'(?P<what>[^']*)' object is not iterable", N_("a '{what}' value cannot be looped over")),
    (r"No filter named '(?P<name>[^']*)'\.?", N_("there is no filter '{name}'")),
    (r"No test named '(?P<name>[^']*)'\.?", N_("there is no test '{name}'")),
)


@cache
def _compiled() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(pattern + r"\Z", re.DOTALL), text) for pattern, text in _PATTERNS)


def jinja_detail(detail: str, gettext: Callable[[str], str]) -> str:
    """``detail`` in the language of ``gettext``; unchanged where no translation fits or none is wanted."""
    for pattern, text in _compiled():
        match = pattern.match(detail)
        if match:
            translated = gettext(text)
            if translated == text:  # English: Jinja's own words
                return detail
            try:
                return translated.format(**match.groupdict())
            except (KeyError, IndexError, ValueError):
                return detail
    return detail
