"""A part's tags read one by one, and put together again, for a part Jinja cannot read as a whole.

Jinja stops at a part's first syntax error and reads nothing after it. Here each tag is parsed
on its own (an opening tag with its end added, ``elif`` and ``else`` inside an ``if``, a closing
tag after its opening), so every tag that cannot be read is found, each at its place. Then the
tags that can be read are put together, one a line, with the blocks as the author meant them
(a closing tag that closes nothing is left out, a block never closed ends where its parent
does), so that names, loops and printed values are still judged with their scopes.
"""

from __future__ import annotations

from dataclasses import dataclass

from jinja2 import Environment, nodes
from jinja2.exceptions import TemplateSyntaxError

from docgen.rendering.patching import PatchedPart
from docgen.rendering.tags import PartTags, Tag, jinja_tag

# a block's opening tag as short as Jinja takes it, to read a middle or closing tag inside its block
_OPENING = {
    "if": "{% if true %}",
    "for": "{% for _ in () %}",
    "macro": "{% macro _() %}",
    "call": "{% call _() %}",
    "filter": "{% filter upper %}",
    "with": "{% with %}",
    "autoescape": "{% autoescape true %}",
    "block": "{% block _ %}",
    "set": "{% set _ %}",
    "raw": "{% raw %}",
}
_MIDDLES = {"elif": ("if",), "else": ("if", "for")}
_DOCXTPL = ("vm", "hm", "colspan", "cellbg")  # docxtpl's own tags, patched into others before Jinja reads them
_MAX_REPAIRS = 50


@dataclass(frozen=True)
class Sketch:
    """What the tags said: each unreadable tag with Jinja's error, and the template of the readable ones."""

    errors: list[tuple[int, TemplateSyntaxError]]  # typed tag index, the error
    tree: nodes.Template | None
    lines: PatchedPart


def source(tag: Tag) -> str:
    """The tag as Jinja reads it: references decoded, quotes straightened, docxtpl's level prefix gone."""
    text = jinja_tag(tag.text)
    if tag.level:
        text = text[:2] + " " + text[2 + len(tag.level) :].lstrip()
    keyword = tag.keyword
    if keyword in ("colspan", "cellbg"):
        return "{{ " + text[2:-2].strip()[len(keyword) :].strip() + " }}"
    if keyword in ("vm", "hm"):
        return "{% if loop.first %}{% endif %}"
    return text


def _opens(tag: Tag, text: str) -> bool:
    keyword = tag.keyword
    return keyword in _OPENING and not (keyword == "set" and "=" in text)


def _probe(tag: Tag, text: str) -> str:
    """The tag completed so that it parses alone when it is written right."""
    keyword = tag.keyword
    if _opens(tag, text):
        return text + "{% end" + keyword + " %}"
    if keyword in _MIDDLES:
        return "{% if true %}" + text + "{% endif %}"
    if keyword.startswith("end") and keyword[3:] in _OPENING:
        return _OPENING[keyword[3:]] + text
    return text


def sketch(typed: PartTags, jinja: Environment, skipped: set[int]) -> Sketch:
    """Every tag of ``typed`` (but the indexes in ``skipped``) read alone, and the readable ones together."""
    errors: list[tuple[int, TemplateSyntaxError]] = []
    readable: list[tuple[Tag, str]] = []
    raw = False  # inside {% raw %}: text, not tags
    for tag in typed.tags:
        if tag.index in skipped or tag.kind == "{#" or tag.deleted or tag.end_paragraph != tag.paragraph:
            continue
        if raw or tag.keyword == "raw":
            raw = tag.keyword != "endraw"
            continue
        text = source(tag)
        try:
            jinja.parse(_probe(tag, text))
        except TemplateSyntaxError as exc:
            errors.append((tag.index, exc))
            continue
        readable.append((tag, text))
    lines, owners = _balanced(readable)
    tree = None
    for _ in range(_MAX_REPAIRS):
        try:
            tree = jinja.parse("\n".join(lines))
            break
        except TemplateSyntaxError as exc:
            line = min(max(exc.lineno, 1), len(lines))
            owner = owners[line]
            if owner is not None:
                errors.append((owner, exc))  # wrong only beside the others: a second else
            del lines[line - 1]
            del owners[line]
    return Sketch(errors, tree, PatchedPart("", tuple(owners)))


def _balanced(readable: list[tuple[Tag, str]]) -> tuple[list[str], list[int | None]]:
    """The tags a line each, blocks balanced; for each line (from 1) the typed tag it came from."""
    lines: list[str] = []
    owners: list[int | None] = [None]
    stack: list[str] = []

    def add(text: str, owner: int | None) -> None:
        lines.append(" ".join(text.split()))
        owners.append(owner)

    for tag, text in readable:
        keyword = tag.keyword
        if stack and stack[-1] == "raw" and keyword != "endraw":
            continue
        if keyword in _MIDDLES:
            if stack and stack[-1] in _MIDDLES[keyword]:
                add(text, tag.index)
        elif keyword.startswith("end") and keyword[3:] in _OPENING:
            if keyword[3:] in stack:
                while stack[-1] != keyword[3:]:
                    add("{% end" + stack.pop() + " %}", None)
                stack.pop()
                add(text, tag.index)
        else:
            if _opens(tag, text):
                stack.append(keyword)
            add(text, tag.index)
    while stack:
        add("{% end" + stack.pop() + " %}", None)
    return lines, owners
