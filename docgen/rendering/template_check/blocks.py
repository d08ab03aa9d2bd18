"""Blocks in a template (``if``/``endif``, ``for``/``endfor``): balanced, written alike, inside one container.

Jinja reports an unbalanced block where it gives up, often at the end of the part, and knows
nothing of paragraphs and tables. Here the typed tags are matched as a stack, so each mistake
is reported at the tag that makes it: a block never closed, a closing tag that closes nothing
or the wrong block, a ``{%p if %}`` closed by a plain ``{% endif %}`` (docxtpl removes only the
paragraphs of ``{%p`` tags, so the XML would break), and a block that starts in one table cell
and ends in another or outside the table. Last, a cell whose every paragraph lies in ``{%p``
blocks is reported: when they are left out the cell holds no paragraph, which Word refuses.
"""

from __future__ import annotations

from pathlib import Path

from docgen.errors import Finding
from docgen.rendering.tags import PartTags, Tag

_OPENERS = frozenset({"if", "for", "macro", "call", "filter", "with", "autoescape", "block", "trans", "raw"})
_MIDDLES = {"elif": {"if"}, "else": {"if", "for"}, "pluralize": {"trans"}}


def _opens(tag: Tag) -> bool:
    keyword = tag.keyword
    return keyword in _OPENERS or (keyword == "set" and "=" not in tag.text)


def _container(tag: Tag) -> tuple[int, ...] | None:
    """Where a block's tags must all stand: the row's table for ``{%tr``, the row for ``{%tc``, else the cell."""
    if tag.cell is None:
        return None
    if tag.level == "tr":
        return tag.cell[:1]
    if tag.level == "tc":
        return tag.cell[:2]
    return tag.cell


def _closer_for(opener: Tag) -> str:
    level = opener.level
    return "{%" + (level + " " if level else " ") + "end" + opener.keyword + " %}"


def _problem(code: str, path: Path, tag: Tag, **params: str) -> Finding:
    return Finding(code, {"template": str(path), "tag": tag.shown, **params}, file=str(path), path=str(tag.place))


def _agree(path: Path, opener: Tag, tag: Tag) -> Finding | None:
    """A problem when ``tag`` (a middle or closing tag) is written otherwise or stands elsewhere than ``opener``."""
    if tag.level != opener.level:
        body = tag.text[2:-2].strip()[len(tag.level) :].strip()
        wanted = "{%" + (opener.level + " " if opener.level else " ") + body + " %}"
        return _problem("block-levels", path, tag, opener=opener.shown, place=str(opener.place), suggestion=wanted)
    if _container(tag) != _container(opener):
        return _problem("block-crosses", path, tag, opener=opener.shown, place=str(opener.place))
    return None


def block_problems(path: Path, typed: PartTags) -> list[Finding]:
    """Every block mistake of a part, each at the tag that makes it."""
    problems: list[Finding] = []
    stack: list[Tag] = []
    raw = False
    for tag in typed.tags:
        keyword = tag.keyword
        if tag.kind != "{%" or tag.deleted or tag.end_paragraph != tag.paragraph:
            continue
        if raw and keyword != "endraw":
            continue
        if keyword in _MIDDLES:
            if not stack or stack[-1].keyword not in _MIDDLES[keyword]:
                problems.append(_problem("block-stray", path, tag))
            elif (problem := _agree(path, stack[-1], tag)) is not None:
                problems.append(problem)
        elif keyword.startswith("end"):
            wanted = keyword[3:]
            depth = next((i for i in range(len(stack) - 1, -1, -1) if stack[i].keyword == wanted), None)
            if depth is None:
                problems.append(_problem("block-unopened", path, tag))
                continue
            for unclosed in stack[depth + 1 :]:
                problems.append(_problem("block-unclosed", path, unclosed, suggestion=_closer_for(unclosed)))
            opener = stack[depth]
            del stack[depth:]
            raw = False
            if (problem := _agree(path, opener, tag)) is not None:
                problems.append(problem)
        elif _opens(tag):
            stack.append(tag)
            raw = keyword == "raw"
    for unclosed in stack:
        problems.append(_problem("block-unclosed", path, unclosed, suggestion=_closer_for(unclosed)))
    return problems + _bare_cells(path, typed)


def _bare_cells(path: Path, typed: PartTags) -> list[Finding]:
    """Cells whose every paragraph a ``{%p`` block can leave out."""
    p_tags: dict[int, Tag] = {}
    for tag in typed.tags:
        if tag.level == "p" and tag.kind == "{%":
            p_tags.setdefault(tag.paragraph, tag)
    problems = []
    for keys in typed.cell_paragraphs.values():
        first = next((p_tags[key] for key in keys if key in p_tags), None)
        if first is None:
            continue
        in_cell = [p_tags[key] for key in keys if key in p_tags]
        if sum(map(_opens, in_cell)) != sum(t.keyword.startswith("end") for t in in_cell):
            continue  # a block running out of the cell, reported as such
        depth, kept = 0, False
        for key in keys:
            p_tag = p_tags.get(key)
            if p_tag is None:
                kept = kept or depth == 0
            elif _opens(p_tag):
                depth += 1
            elif p_tag.keyword.startswith("end"):
                depth = max(0, depth - 1)
        if not kept:
            problems.append(_problem("cell-without-paragraph", path, first))
    return problems
