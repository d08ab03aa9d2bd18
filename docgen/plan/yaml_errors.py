"""YAML parser errors told in plain words, at the place a person should look.

libyaml names what it expected ("did not find expected key"), not what the person wrote; the
common mistakes in a plan (a tab, an unclosed quote or bracket, a second ': ', a value that
starts with a placeholder or another character YAML reserves) are recognised from the text.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from docgen.errors import Finding

MAX_DEPTH = 50
_SHOWN_CHARS = 16  # of a value, in a suggested correction
# The start of a line up to its value: indentation, list dashes and a plain key.
# A key glued to its value by a colon without a space (start:2019-04-28) or by a full-width one.
_GLUED_KEY = re.compile(r"^\s*(?:-\s+)*(?P<key>[A-Za-z_][A-Za-z0-9_-]*)\s*(?:：|:(?=[^\s/:]))")
_AFTER_A_KEY = ("mapping values are not allowed", "did not find expected key", "could not find expected ':'")
_VALUE_LINE = re.compile(r"^(?P<lead>\s*(?:-\s+)*(?:[^\s:#'\"{\[*&!|>%@`-][^:#]*?:\s+)?)(?P<value>\S.*?)\s*$")


def syntax_problem(exc: yaml.MarkedYAMLError, text: str, name: str) -> Finding:
    """A parser error as a problem at the place a person should look, named as plainly as we can.

    libyaml reports an unclosed quote at the end of the file, and a tab only as a character
    that "cannot start any token"; both are located and named here from the text itself.
    """
    problem, context = exc.problem or "", exc.context or ""
    mark = exc.problem_mark or exc.context_mark
    params: dict[str, Any] = {"detail": problem or context or "invalid YAML"}
    code = "yaml-syntax"
    if "quoted scalar" in context and "end of stream" in problem and exc.context_mark is not None:
        code, mark = "yaml-unclosed-quote", exc.context_mark
    elif context.startswith(("while parsing a flow sequence", "while parsing a flow mapping")) and exc.context_mark:
        code, mark, stop = "yaml-unclosed-bracket", exc.context_mark, exc.problem_mark or exc.context_mark
        params.update(bracket=_char_at(text, mark) or "[", stop_line=stop.line + 1, stop_column=stop.column + 1)
    elif "nesting depth" in problem:
        code, params = "yaml-too-deep", {"limit": MAX_DEPTH}
    elif context == "while scanning a simple key" and exc.context_mark is not None:
        # libyaml reports the line after; the line that lacks its ': ' is where the scan began
        mark = exc.context_mark
        code, params = _key_without_colon(_line(text, mark)[mark.column :])
    elif mark is not None and _char_at(text, mark) == "\t":
        code = "yaml-tab"
    elif mark is not None and (spaced := _fullwidth_indented(text, mark)) is not None:
        code, mark = "yaml-fullwidth-space", spaced
    elif mark is not None and (quoting := _quoting_problem(text, mark, name)) is not None:
        return quoting
    elif mark is not None and "cannot start any token" in problem:
        code, params["char"] = "yaml-bad-start", _char_at(text, mark)
    elif mark is not None and problem.startswith(_AFTER_A_KEY) and (colon := _colon_above(text, mark)) is not None:
        code, params, mark = colon  # 'start:2019' or 'start：2019' read as text; the next line trips
    elif mark is not None and problem.startswith("mapping values are not allowed"):
        # "key: a: b" has a second ': ' in a value; otherwise a line is indented too far.
        code = "yaml-colon-in-value" if ": " in _line(text, mark)[: mark.column] else "yaml-indentation"
    elif problem.startswith(("did not find expected key", "did not find expected '-' indicator")):
        code = "yaml-indentation"
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (None, None)
    return Finding(code, params, file=name, line=line, column=column)


def _colon_above(text: str, mark: yaml.Mark) -> tuple[str, dict[str, Any], yaml.Mark] | None:
    """A ``key:value`` or ``key：value`` on the nearest line above the error's that holds anything.

    YAML reads such a line as text, not as a key, and trips on the line after it; the person
    should look at the line with the colon.
    """
    lines = text.splitlines()
    number = mark.line - 1
    while number >= 0 and (not lines[number].strip() or lines[number].lstrip().startswith("#")):
        number -= 1
    if number < 0:
        return None
    found = _GLUED_KEY.match(lines[number])
    if found is None:
        return None
    code, params = _key_without_colon(lines[number][found.start("key") :])
    column = found.start("key")
    index = sum(len(line) + 1 for line in lines[:number]) + column
    return code, params, yaml.Mark(mark.name, index, number, column, None, 0)


def _key_without_colon(written: str) -> tuple[str, dict[str, Any]]:
    """What is wrong with a line that should read ``key: value``, and how it should read."""
    colon = re.search(r"[:：]", written)
    if colon is None or " " in written[: colon.start()].strip():
        return "yaml-missing-colon", {}
    key, rest = written[: colon.start()].strip(), written[colon.end() :].strip()
    shown = rest if len(rest) <= _SHOWN_CHARS else rest[:_SHOWN_CHARS] + "…"
    params = {"key": key, "suggestion": f"{key}: {shown}"}
    return ("yaml-fullwidth-colon" if colon.group() == "：" else "yaml-colon-without-space"), params


def _quoting_problem(text: str, mark: yaml.Mark, name: str) -> Finding | None:
    """A value on the error's line that needed quotes: ``{{ year }}年``, ``[重点] 文字``, ``"甲" 乙``, ``*注意``.

    YAML reads ``{`` and ``[`` as the start of a mapping or a list, ``*`` and ``&`` as an alias
    or an anchor, ``- `` as a list item, and a quoted value as ending at its closing quote, so
    the text that follows trips the parser further on, where libyaml reports it.
    """
    found = _VALUE_LINE.match(_line(text, mark))
    if found is None or mark.column < found.start("value"):
        return None
    value, lead = found.group("value"), found.group("lead")
    closing = value.find(value[0], 1) if value[0] in "\"'" else -1
    if value.startswith("{{"):
        code = "yaml-unquoted-placeholder"
    elif value[0] in "{[*&" or (value.startswith("- ") and lead.rstrip().endswith(":")):
        code = "yaml-quote-value"
    elif closing > 0 and value[closing + 1 :].strip() and not value[closing + 1 :].lstrip().startswith("#"):
        code = "yaml-text-after-quote"
    else:
        return None
    params = {"char": value[0], "suggestion": quoted(value)}
    return Finding(code, params, file=name, line=mark.line + 1, column=found.start("value") + 1)


def quoted(value: str) -> str:
    """``value`` as one quoted YAML scalar: double quotes, or single ones when it holds double quotes."""
    if '"' in value:
        return "'" + value.replace("'", "''") + "'"
    return '"' + value.replace("\\", "\\\\") + '"'


def _fullwidth_indented(text: str, mark: yaml.Mark) -> yaml.Mark | None:
    """Where a full-width space stands in the indentation of the error's line or the line before.

    YAML takes U+3000 for text, not indentation, so the parser trips on that line or the next.
    """
    lines = text.splitlines()
    for number in (mark.line, mark.line - 1):
        if 0 <= number < len(lines) and "\u3000" in _indentation(lines[number]):
            column = lines[number].index("\u3000")
            index = sum(len(line) + 1 for line in lines[:number]) + column
            return yaml.Mark(mark.name, index, number, column, None, 0)
    return None


def _indentation(line: str) -> str:
    """The white space a line starts with, full-width spaces included (YAML counts only ASCII ones)."""
    return line[: len(line) - len(line.lstrip(" \t\u3000"))]


def _char_at(text: str, mark: yaml.Mark) -> str:
    """The character a parser mark points at ('' past the end of its line)."""
    column: int = mark.column
    return _line(text, mark)[column : column + 1]


def _line(text: str, mark: yaml.Mark) -> str:
    """The text of the line a parser mark is on."""
    lines = text.splitlines()
    number: int = mark.line
    return lines[number] if number < len(lines) else ""


def character_problem(exc: yaml.reader.ReaderError, text: str, name: str) -> Finding:
    """A character YAML refuses in a file (a raw control character), located by searching for it."""
    character = exc.character if isinstance(exc.character, str) else chr(exc.character)
    params = {"code": f"U+{ord(character):04X}"}
    index = text.find(character)
    if index < 0:
        return Finding("yaml-bad-character", params, file=name)
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return Finding("yaml-bad-character", params, file=name, line=line, column=column)
