"""Babel's extraction method for docgen: gettext calls, and the docstrings click shows as help.

A click command's docstring is its help text, which ``docgen.cli.help`` translates when it is
shown; Babel's Python extractor only sees calls such as ``N_("...")``, so this method adds
each command's docstring, cleaned as click and ``inspect.cleandoc`` clean it. ``babel.cfg``
names it; ``make catalog`` and the catalog test use it. Only extraction imports this module.
"""

from __future__ import annotations

import ast
from collections.abc import Collection, Iterator, Mapping
from typing import IO, Any

from babel.messages.extract import extract_python

Extracted = tuple[int, str, Any, list[str]]
_COMMENT = "click help of a command; keep PLAN, OUT and the other upper-case names as they are"


def extract(
    fileobj: IO[bytes], keywords: Mapping[str, Any], comment_tags: Collection[str], options: Mapping[str, Any]
) -> Iterator[Extracted]:
    """Everything ``extract_python`` finds, then the docstring of each ``@….command``/``@….group`` function."""
    yield from extract_python(fileobj, keywords, comment_tags, options)  # type: ignore[arg-type, misc]
    fileobj.seek(0)
    tree = ast.parse(fileobj.read())
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and any(_makes_command(d) for d in node.decorator_list):
            docstring = ast.get_docstring(node)
            if docstring:
                yield node.body[0].lineno, "", docstring, [_COMMENT]


def _makes_command(decorator: ast.expr) -> bool:
    """``@main.command(...)``, ``@click.group(...)`` and the like."""
    target = decorator.func if isinstance(decorator, ast.Call) else decorator
    name = target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", "")
    return name in {"command", "group"}
