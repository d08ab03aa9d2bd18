"""A tag Jinja cannot read, said as what is wrong with it and what to type instead.

Jinja's syntax errors describe its parser ("expected token 'end of print statement', got
'b'"); a template author needs to hear that ``&&`` is written ``and``, that a comparison takes
``==``, that a comma typed with the Chinese input method is no comma. The common mistakes are
recognised here from the error and the tag; any other error keeps Jinja's words (translated by
``docgen.messages.jinja_words``).
"""

from __future__ import annotations

import difflib
import re
from typing import Any

# punctuation a Chinese input method types, and what a tag means by it
_WIDE = str.maketrans(
    {
        "，": ",", "。": ".", "．": ".", "：": ":", "；": ";", "（": "(", "）": ")", "【": "[", "】": "]",
        "［": "[", "］": "]", "｜": "|", "＝": "=", "＜": "<", "＞": ">", "＋": "+", "－": "-", "＊": "*",
        "／": "/", "！": "!", "？": "?", "、": ",", "　": " ", "～": "~", "＆": "&", "％": "%",
    }
)  # fmt: skip
_LITERAL = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"", re.DOTALL)
_UNEXPECTED_CHAR = re.compile(r"unexpected char '(.)' at \d+")
_EXTRA = re.compile(r"expected token 'end of (?:print statement|statement block)', got '(.*)'")
_UNKNOWN_TAG = re.compile(r"Encountered unknown tag '([^']*)'\.")
_SINGLE_EQUALS = re.compile(r"(?<![=!<>])=(?!=)")
_AND = re.compile(r"\s*&&\s*")
_OR = re.compile(r"\s*\|\|\s*")
_STATEMENTS = (
    "if", "elif", "else", "endif", "for", "endfor", "set", "endset", "macro", "endmacro", "call", "endcall",
    "filter", "endfilter", "with", "endwith", "raw", "endraw", "autoescape", "endautoescape",
)  # fmt: skip
_MISTYPED = {"elseif": "elif", "elsif": "elif", "elsf": "elif"}


def _outside_literals(text: str, change: Any) -> str:
    """``text`` with ``change`` applied to what lies outside its string literals."""
    pieces, last = [], 0
    for match in _LITERAL.finditer(text):
        pieces += [change(text[last : match.start()]), match.group()]
        last = match.end()
    return "".join([*pieces, change(text[last:])])


def diagnosis(message: str, tag: str, keyword: str) -> tuple[str, dict[str, str]]:
    """The code and parameters of the mistake Jinja's ``message`` reports in ``tag`` (as typed).

    ``keyword`` is the tag's statement word (``if``, ``for``; '' for ``{{ }}``). The parameters
    hold ``suggestion``: the tag as it should be typed, where docgen can tell.
    """
    char = _UNEXPECTED_CHAR.fullmatch(message)
    if char is not None:
        return _unexpected(char.group(1), tag, message)
    if message.startswith("expected token 'name', got '|'") and "||" in tag:
        return "template-syntax-or", {"suggestion": _outside_literals(tag, lambda t: _OR.sub(" or ", t))}
    if message.startswith("expected token 'end of statement block', got '='") and keyword in ("if", "elif"):
        fixed = _outside_literals(tag, lambda t: _SINGLE_EQUALS.sub("==", t))
        return "template-syntax-equals", {"suggestion": fixed}
    if message.startswith("expected token 'in'") and keyword == "for":
        return "template-syntax-for", {"suggestion": "{% for item in list %}"}
    extra = _EXTRA.fullmatch(message)
    if extra is not None and extra.group(1) != "=":
        return "template-syntax-extra", {"got": extra.group(1)}
    if message.startswith("Expected an expression") and not tag[2:-2].strip(" -+p"):
        return "template-syntax-empty", {}
    if message == "unexpected '}'":
        return "template-syntax-brace", {}
    unknown = _UNKNOWN_TAG.match(message)
    if unknown is not None and "Jinja was looking for" not in message:
        word = unknown.group(1)
        guess = _MISTYPED.get(word) or next(iter(difflib.get_close_matches(word, _STATEMENTS, n=1, cutoff=0.6)), "")
        if guess:
            return "template-syntax-unknown-tag-suggest", {"name": word, "suggestion": guess}
        return "template-syntax-unknown-tag", {"name": word, "known": ", ".join(_STATEMENTS[:8])}
    return "template-syntax", {"detail": message}


def _unexpected(char: str, tag: str, message: str) -> tuple[str, dict[str, str]]:
    if char == "&" and "&&" in tag:
        return "template-syntax-and", {"suggestion": _outside_literals(tag, lambda t: _AND.sub(" and ", t))}
    if char in "\"'":
        return "template-syntax-quote", {"char": char}
    if char.translate(_WIDE) != char or "\uff01" <= char <= "\uff5e":
        wanted = _outside_literals(tag, lambda t: _halfwidth(t.translate(_WIDE)))
        return "template-syntax-wide", {"char": char, "suggestion": wanted}
    return "template-syntax", {"detail": message}


def _halfwidth(text: str) -> str:
    """Full-width letters, digits and signs (ＡＢ１２) as the ASCII ones a tag needs."""
    return "".join(chr(ord(c) - 0xFEE0) if "\uff01" <= c <= "\uff5e" else c for c in text)
