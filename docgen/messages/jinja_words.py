"""Jinja's own error messages in the user's language, and the limits' details beside them.

Jinja writes its messages in English; the common ones are matched here and translated through
the catalog like docgen's own, with the names and tags they quote kept as they are. So are the
details of a limit a template or a running text went past (``text-limit``, ``template-limit``):
the budget's own words (``docgen.inputs.budget``) and those of the errors Python raises for
runaway values (recursion, memory, numbers too long to print). A message that matches none of
them is shown as it was written.
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
    (r"expected name or number", N_("a name or a number is missing after the dot")),
    (r"Missing end of comment tag", N_("the comment is never closed with '#}}'")),
    (r"invalid syntax for function call expression", N_("the values given to the call are written the wrong way")),
    (r"can't assign to '(?P<what>[^']*)'", N_("a value cannot be set to '{what}'")),
    (r"block '(?P<name>[^']*)' defined twice", N_("the block '{name}' is defined twice")),
    (r"'(?P<name>[^']*)' is undefined", N_("'{name}' is not defined")),
    (r"'(?P<what>[^']*)' has no attribute '(?P<name>[^']*)'", N_("'{what}' has no attribute '{name}'")),
    (r"(?P<what>.+) has no element (?P<name>.+)", N_("{what} has no element {name}")),
    (r"'(?P<what>[^']*)' object is not iterable", N_("a '{what}' value cannot be looped over")),
    (r"No filter named '(?P<name>[^']*)'\.?", N_("there is no filter '{name}'")),
    (r"No test named '(?P<name>[^']*)'\.?", N_("there is no test '{name}'")),
    # the budget's limits (docgen.inputs.budget, docgen.plan.placeholders)
    (r"more than (?P<steps>\d+) loop steps and calls", N_("more than {steps} loop steps and calls")),
    (r"rendering took longer than (?P<seconds>[\d.]+) seconds", N_("filling it in took longer than {seconds} seconds")),
    (
        r"a value grew past (?P<limit>\d+) characters or items",
        N_("a value grew past {limit} characters or items"),
    ),
    (r"a number grew past (?P<bits>\d+) bits", N_("a number grew past {bits} binary digits")),
    (
        r"a format string asks for a width or precision too large for a document",
        N_("a format string asks for a width or precision too large for a document"),
    ),
    (
        r"a call was given the number (?P<value>-?\d+), above (?P<limit>\d+)",
        N_("a call was given the number {value}, above {limit}"),
    ),
    (r"(?P<left>-?\d+) \*\* (?P<right>-?\d+) is too large a number", N_("{left} ** {right} is too large a number")),
    (
        r"repeating a value (?P<count>-?\d+) times makes it too large",
        N_("repeating a value {count} times makes it too large"),
    ),
    (r"the product is too large a number", N_("the product is too large a number")),
    (r"the output grew past (?P<limit>\d+) characters", N_("the output grew past {limit} characters")),
    (
        r"placeholders nested or calling themselves too deeply",
        N_("placeholders nested or calling themselves too deeply"),
    ),
    (r"a value too large to hold|MemoryError", N_("a value too large to hold")),
    # Python's own, for values that run away
    (r"maximum recursion depth exceeded.*", N_("tags nested or calling themselves too deeply")),
    (
        r"Exceeds the limit \((?P<digits>\d+) digits\) for integer string conversion.*",
        N_("a number longer than {digits} digits cannot be written out"),
    ),
    (r".*int too large.*|cannot fit 'int' into an index-sized integer", N_("a number too large for this use")),
    (r"\(34, 'Numerical result out of range'\)|.*result too large", N_("a number out of range")),
)


# Jinja's names for the pieces of a tag, as a template author types or calls them
_TOKENS = {
    "end of print statement": "}}",
    "end of statement block": "%}",
    "begin of print statement": "{{",
    "begin of statement block": "{%",
    "end of template": N_("the end of the part"),
    "name": N_("a name"),
    "integer": N_("a number"),
    "float": N_("a number"),
    "string": N_("a text in quotes"),
    "template data / text": N_("text"),
}


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
            words = {key: _token(value, gettext) for key, value in match.groupdict().items()}
            try:
                return translated.format(**words)
            except (KeyError, IndexError, ValueError):
                return detail
    return detail


def _token(value: str | None, gettext: Callable[[str], str]) -> str:
    """A piece Jinja names in its own terms (``end of print statement``) as the author types it (``}}``)."""
    if value is None:
        return ""
    token = _TOKENS.get(value)
    return value if token is None else token if token[0] in "{}%" else gettext(token)
