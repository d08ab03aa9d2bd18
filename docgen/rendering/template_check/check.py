"""Every mistake in a template at once, each at its place, with the tag as typed and how to fix it.

``check_template(path, names)`` reads a .docx template without rendering it and reports: files
that are no Word package, tags typed with full-width braces or percent signs, tags in tracked
deletions or running over two paragraphs, ``{{p``/``{{r`` values, ``{%p``/``{%tr``/``{%tc`` tags
beside text docxtpl would drop, outside a table or holding a ``%``, blocks left open, closing
nothing, closed the wrong way or cutting through a table, cells a block can leave without a
paragraph, every tag Jinja cannot read (``skeleton``, ``syntax``: one error does not hide the
rest), pictures the render would refuse, and what ``scopes`` finds: names the context does not
give where they stand, loop variables after their loop, values with no text printed as text,
filters and tests that do not exist. A template it passes renders with that context.
Quotes Word's autocorrect put into a tag and LibreOffice's ``&quot;`` are no mistake: a tag
reads as typed (``docgen.rendering.tags.jinja_tag``).
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from jinja2 import Environment
from jinja2.compiler import generate
from jinja2.exceptions import TemplateSyntaxError
from lxml import etree

from docgen.errors import Finding
from docgen.inputs.bounded import InputRefusedError, read_regular
from docgen.rendering import templates as engine
from docgen.rendering.active_content import refusals
from docgen.rendering.locating import located_problem
from docgen.rendering.package import file_format, package_format
from docgen.rendering.patching import PatchedPart, patch_part
from docgen.rendering.tags import PartTags, Tag, part_label, scan_part
from docgen.rendering.template_check.blocks import block_problems
from docgen.rendering.template_check.names import ContextNames
from docgen.rendering.template_check.pictures import picture_problems
from docgen.rendering.template_check.scopes import scope_problems
from docgen.rendering.template_check.skeleton import Sketch, sketch
from docgen.rendering.template_check.syntax import diagnosis
from docgen.rendering.templates import TAGGED_PARTS, environment

Names = Mapping[str, Any] | Iterable[str] | Iterable[Mapping[str, Any]]
_FULL_WIDTH = re.compile(r"[{｛][{｛%％#](?:(?![{｛][{｛%％]).)*?[}｝%％#][}｝]|[{｛][{｛%％]|[}｝%％][}｝]")
_WIDE = str.maketrans({"｛": "{", "｝": "}", "％": "%"})
_PART_ORDER = {"body": 0, "header": 1, "footer": 2, "footnotes": 3, "endnotes": 4, "document properties": 5}
_OPENED = re.compile(r"\{[{%#]")
_BLOCK_MESSAGES = ("Encountered unknown tag 'end", "Encountered unknown tag 'el", "Unexpected end of template")


def check_template(path: str | Path, names: Names | None = None, jinja: Environment | None = None) -> list[Finding]:
    """Every problem of the template at ``path``, in document order; [] for a good one.

    ``names`` describes what the template will receive: sample values (a mapping, as a
    document's context), the contexts of all the documents it makes (a list of mappings), or
    dotted names (``contact.phone``, ``tasks[].title``); without it names are not checked.
    ``jinja`` is the environment it renders in (docgen's by default).
    """
    path = Path(path)
    file = str(path)
    try:
        raw = read_regular(path, engine.MAX_TEMPLATE_BYTES)  # a FIFO or a link to /dev/zero is refused, not read
        kind = file_format(raw[:16])
        if kind is not None:
            return [_problem("template-not-word", path, format=kind)]
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            members = engine.CompiledTemplate.members(archive)
        entries = {info.filename: data for info, data in members if not info.is_dir()}
    except FileNotFoundError:
        return [_problem("template-missing", path)]
    except InputRefusedError as exc:
        if exc.code == "input-too-large":
            return [_problem("template-too-large", path, limit=engine.MAX_TEMPLATE_BYTES // (1024 * 1024))]
        return [exc.problem(path)]
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, NotImplementedError) as exc:
        return [_problem("template-unreadable", path, detail=str(exc))]
    kind = package_format(set(entries), entries.get("mimetype"))
    if kind is not None:
        return [Finding("template-not-word", {"template": file, "format": kind}, file=file)]
    context = ContextNames(names) if names is not None else None
    # what the render refuses too: macros, links to outside resources, fields that fetch files or URLs
    problems = [_problem(code, path, **params) for code, params in refusals(members)]
    for name, data in sorted(entries.items(), key=lambda entry: _PART_ORDER.get(part_label(entry[0]), 9)):
        if TAGGED_PARTS.match(name):
            try:
                typed = scan_part(name, data)
            except etree.XMLSyntaxError as exc:
                problems.append(_problem("template-unreadable", path, detail=f"{name}: {exc}"))
                continue
            if typed.tags or _FULL_WIDTH.search("".join(p.text for p in typed.paragraphs)):
                problems += _check_part(path, typed, data.decode("utf-8", "replace"), context, jinja or environment())
    return problems


def _problem(code: str, path: Path, **params: Any) -> Finding:
    return Finding(code, {"template": str(path), **params}, file=str(path))


def tag_problem(code: str, path: Path, tag: Tag, **params: Any) -> Finding:
    """A problem at a typed tag."""
    return Finding(code, {"template": str(path), "tag": tag.shown, **params}, file=str(path), path=str(tag.place))


def _check_part(
    path: Path, typed: PartTags, xml: str, context: ContextNames | None, jinja: Environment
) -> list[Finding]:
    problems, wide = _full_width(path, typed)
    unclosed, open_keys = _unclosed(path, typed, set(wide))
    problems += unclosed
    troubled = set(wide) | open_keys  # paragraphs already reported: Jinja's errors there would only repeat them
    for tag in typed.tags:
        found = _tag_problems(path, typed, tag, context)
        if found:
            troubled.add(tag.paragraph)
        problems += found
    blocks = block_problems(path, typed)
    problems += blocks
    lines = patch_part(xml, typed)
    try:
        problems += _jinja_problems(path, typed, lines, context, jinja, troubled, set(wide), bool(blocks))
    except (RecursionError, MemoryError, ValueError, OverflowError) as exc:
        # tags nested thousands deep, or a constant Jinja folds into a number too long to print
        problems.append(_at_line("template-limit", path, typed, lines, None, detail=str(exc) or type(exc).__name__))
    order: dict[str, int] = {}
    for paragraph in typed.paragraphs:
        order.setdefault(str(paragraph.place), paragraph.key)
    return sorted(problems, key=lambda problem: order.get(problem.path or "", -1))


def _jinja_problems(
    path: Path,
    typed: PartTags,
    lines: PatchedPart,
    context: ContextNames | None,
    jinja: Environment,
    troubled: set[int],
    wide: set[int],
    blocks: bool,
) -> list[Finding]:
    """Jinja's syntax errors, every one; then names, loops, printed values, filters, tests and pictures."""
    problems = []
    try:
        tree = jinja.parse(lines.source)
    except TemplateSyntaxError as exc:
        sketched = sketch(typed, jinja, _wide_tags(typed, wide))
        problems += _unreadable_tags(path, typed, lines, sketched, exc, troubled, blocks)
        if sketched.tree is None:
            return problems
        tree, lines = sketched.tree, sketched.lines
    for found in scope_problems(tree, context, jinja):
        if found.code == "template-markup-inline" and _level_at(typed, lines, found.lineno) == "p":
            continue  # document XML where it belongs: {{p … }} alone in its paragraph
        params = dict(found.params)
        if found.related is not None:
            opener = lines.tag_at(found.related)
            if opener is not None:
                loop = typed.tags[opener]
                closer = "{%" + (loop.level + " " if loop.level else " ") + "endfor %}"
                params.update(opener=loop.shown, place=str(loop.place), closer=closer)
        problems.append(_at_line(found.code, path, typed, lines, found.lineno, **params))
    for lineno, code, params in picture_problems(tree, context, typed.name):
        problems.append(_at_line(code, path, typed, lines, lineno, **params))
    if lines.source:  # the part as the render compiles it: what only compiling finds (a block defined twice)
        try:
            generate(tree, jinja, None, None)
        except TemplateSyntaxError as exc:
            problems.append(_syntax_at_line(path, typed, lines, exc))
    return problems


def _unreadable_tags(
    path: Path,
    typed: PartTags,
    lines: PatchedPart,
    sketched: Sketch,
    whole: TemplateSyntaxError,
    troubled: set[int],
    blocks: bool,
) -> list[Finding]:
    """A part that does not parse as a whole: each tag that cannot be read, and Jinja's error unless it repeats one."""
    problems = [_unreadable(path, typed, typed.tags[index], error) for index, error in sketched.errors]
    reported = troubled | {typed.tags[index].paragraph for index, _ in sketched.errors}
    if reported and not lines.on_tag(whole.lineno):
        return problems  # in text after a tag: the text an unclosed tag runs into, already reported
    at = lines.tag_at(whole.lineno)
    if at is not None and typed.tags[at].paragraph in reported:
        return problems
    if blocks and (whole.message or "").startswith(_BLOCK_MESSAGES):
        return problems  # a block left open or closed twice, reported at its tag
    return [*problems, _syntax_at_line(path, typed, lines, whole)]


def _syntax_at_line(path: Path, typed: PartTags, lines: PatchedPart, error: TemplateSyntaxError) -> Finding:
    at = lines.tag_at(error.lineno)
    if at is not None:
        return _unreadable(path, typed, typed.tags[at], error)
    return _at_line("template-syntax", path, typed, lines, error.lineno, detail=error.message or str(error))


def _level_at(typed: PartTags, lines: PatchedPart, lineno: int) -> str:
    at = lines.tag_at(lineno)
    return typed.tags[at].level if at is not None else ""


def _unreadable(path: Path, typed: PartTags, tag: Tag, error: TemplateSyntaxError) -> Finding:
    """A tag Jinja cannot read, with what to type instead where docgen can tell."""
    code, params = diagnosis(error.message or str(error), tag.text, tag.keyword)
    return tag_problem(code, path, tag, part=typed.name, **params)


def _at_line(code: str, path: Path, typed: PartTags, lines: PatchedPart, lineno: int | None, **params: Any) -> Finding:
    return located_problem(code, path, typed.name, typed, lines, lineno, **params)


def _wide_tags(typed: PartTags, wide: set[int]) -> set[int]:
    """Tags in paragraphs with full-width braces, which Jinja does not see as the author meant them."""
    return {tag.index for tag in typed.tags if tag.paragraph in wide or tag.end_paragraph in wide}


def _full_width(path: Path, typed: PartTags) -> tuple[list[Finding], list[int]]:
    """Tags typed with full-width braces or percent signs: Jinja does not see them, they print as typed."""
    problems, keys = [], []
    for paragraph in typed.paragraphs:
        for match in _FULL_WIDTH.finditer(paragraph.text):
            text = match.group()
            if text == text.translate(_WIDE):
                continue
            shown = " ".join(text.split())[:60]
            problems.append(
                Finding(
                    "tag-full-width",
                    {"template": str(path), "tag": shown, "suggestion": shown.translate(_WIDE)},
                    file=str(path),
                    path=str(paragraph.place),
                )
            )
            keys.append(paragraph.key)
    return problems, keys


def _unclosed(path: Path, typed: PartTags, wide: set[int]) -> tuple[list[Finding], set[int]]:
    """Tags opened and never closed (``{{ theme }`` at the part's end): Jinja reads on to the end and gives up."""
    problems, keys = [], set()
    spanned = {
        key
        for tag in typed.tags
        if tag.end_paragraph != tag.paragraph
        for key in range(tag.paragraph, tag.end_paragraph + 1)
    }
    for paragraph in typed.paragraphs:
        own = [tag for tag in typed.tags if tag.paragraph == paragraph.key]
        if paragraph.key in wide or paragraph.key in spanned:
            continue  # reported as typed with full-width signs, or as a tag running over paragraphs
        text = paragraph.text
        for tag in own:
            text = text.replace(tag.text, "", 1)
        opened = _OPENED.search(text)
        if opened is not None:
            shown = _short(" ".join(text[opened.start() :].split()))
            end = "}}" if opened.group() == "{{" else opened.group()[1] + "}"
            params = {"template": str(path), "tag": shown, "end": end}
            problems.append(Finding("tag-unclosed", params, file=str(path), path=str(paragraph.place)))
            keys.add(paragraph.key)
    return problems, keys


def _without(text: str, tags: Iterable[Tag]) -> str:
    for tag in tags:
        text = text.replace(tag.text, "", 1)
    return " ".join(text.split())


def _tag_problems(path: Path, typed: PartTags, tag: Tag, context: ContextNames | None = None) -> list[Finding]:
    """What is wrong with one tag where it stands (``{{p x }}`` is right where ``x`` is document XML)."""
    if tag.deleted:
        return [tag_problem("tag-deleted", path, tag)]
    if tag.end_paragraph != tag.paragraph:
        return [tag_problem("tag-split-paragraphs", path, tag)]
    level = tag.level
    if level and ("%" in tag.text[2 + len(level) : -2] or "}" in tag.text[2 + len(level) : -2]):
        return [tag_problem("tag-level-percent", path, tag, level=level)]  # docxtpl's patch would not see the tag
    expression = tag.text[2 + len(level) : -2].strip() if tag.kind == "{{" else ""
    if tag.kind == "{{" and level == "p" and context is not None and context.places_markup(expression):
        return []
    if tag.kind == "{{" and level:
        plain = "{{ " + tag.text[2 + len(level) : -2].strip() + " }}"
        return [tag_problem("tag-level-value", path, tag, level=level, suggestion=plain)]
    if level == "p":
        rest = _without(typed.paragraphs[tag.paragraph].text, [tag])
        if rest:
            return [tag_problem("tag-p-beside-text", path, tag, text=_short(rest))]
    if level in ("tr", "tc"):
        if tag.cell is None:
            plain = "{%p " + tag.text[2 + len(level) :].strip()
            return [tag_problem(f"tag-{level}-outside-table", path, tag, suggestion=plain)]
        if level == "tr":
            table, row, _ = tag.cell
            others = [t for t in typed.tags if t.cell is not None and t.cell[:2] == (table, row) and t.level == "tr"]
            rest = _without(typed.row_text.get((table, row), ""), others)
        else:
            others = [t for t in typed.tags if t.cell == tag.cell and t.level == "tc"]
            rest = _without(typed.cell_text.get(tag.cell, ""), others)
        if rest:
            return [tag_problem(f"tag-{level}-beside-text", path, tag, text=_short(rest))]
    return []


def _short(text: str) -> str:
    return text if len(text) <= 40 else text[:37] + "..."
