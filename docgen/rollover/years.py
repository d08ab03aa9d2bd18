"""Rolling a plan's text to another year, and the list of what a person must still decide.

Only the ``year:`` value and the ISO date scalars change, edited in place at the positions
PyYAML's node marks give: loading and dumping would lose the comments, the key order and the
quoting that office staff rely on. Text that mentions the old year (a policy's title, a
document number such as 吉教职成办函[2019]9号) is left as it is and named in the review.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

import yaml

from docgen.errors import Finding, PlanError, Severity
from docgen.plan.files import check_loaded
from docgen.plan.holidays import holiday_review
from docgen.plan.model import Plan
from docgen.plan.reading import STR_TAG, compose
from docgen.plan.sourcemap import PlanPath, dotted
from docgen.plan.validation import validate

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DOCUMENT_NUMBER = re.compile(r"[\[〔［【]\s*(\d{4})\s*[\]〕］】]")
_EXCERPT_CHARS = 24  # of a clause on each side of a mention, at most
_CLAUSE_ENDS = "，。；！？,;!?"
_COMMENT_START = re.compile(r"(?:^|(?<=[ \t]))#", re.MULTILINE)
_LINE_END = re.compile(r"[\r\n]")
_EDGES = " \t\r\"'|>-#"


@dataclass(frozen=True)
class _Edit:
    """Replace ``text[start:end]`` by ``new``."""

    start: int
    end: int
    new: str


def new_year(
    text: str,
    year: int,
    same_weekday: bool = False,
    *,
    file: str = "<plan>",
    output_file: str | None = None,
) -> tuple[str, list[Finding]]:
    """The plan ``text`` rolled to ``year``, and its review list; raises ``PlanError`` for an invalid plan.

    ``file`` names the source in errors; review items name ``output_file`` (the new plan, whose
    lines are the same), or ``file`` when it is not given.
    """
    plan, root = _valid_plan(text, file)
    shift = year - plan.year
    edits: list[_Edit] = []
    review: list[Finding] = []
    where = output_file or file
    year_node = _year_node(root)
    edits.append(_replace_value(text, year_node, str(year)))
    date_fields = {tuple(map(str, path)) for path, _ in plan.dates()}
    for path, node in _scalars(root, ()):
        old = _iso_date(node)
        if old is None:
            continue
        if tuple(map(str, path)) not in date_fields:
            continue  # a date as the whole of a text (letter.address: 2019-04-30) is the user's words; reviewed below
        new = _shifted(old, shift, same_weekday)
        edits.append(_replace_value(text, node, new.isoformat()))
        if (old.month, old.day) == (2, 29) and not same_weekday and new.day != 29:
            params = {"old": old, "new": new, "year": new.year}
            review.append(_item_at(text, node.start_mark.index, where, path, "feb-29-moved", params, Severity.EDIT))
    changed = {edit.start for edit in edits}
    if shift:
        review += _old_year_mentions(root, text, plan.year, changed, where)
        review += _old_year_comments(root, text, plan.year, where)
        review += _issuing_number(root, text, plan, where)
    new_text = _apply(text, edits)
    review += _holiday_review(new_text, where)
    review.sort(key=lambda item: (item.line or 0, item.column or 0))
    return new_text, review


def _valid_plan(text: str, file: str) -> tuple[Plan, yaml.MappingNode]:
    """The plan in ``text`` and its composed nodes; every error (not warning) found by ``docgen check`` is raised."""
    loaded = compose(text, file)
    report = check_loaded(loaded, file)
    if report.plan is None:
        raise PlanError(report.errors)
    if not isinstance(loaded.root, yaml.MappingNode):  # pragma: no cover - a valid plan is a mapping
        raise AssertionError("a valid plan is a mapping")
    return report.plan, loaded.root


def _holiday_review(text: str, file: str) -> list[Finding]:
    loaded = compose(text, file)
    plan, _ = validate(loaded)
    if plan is None:  # pragma: no cover - only years and dates changed, both still valid
        raise AssertionError("the rolled plan no longer validates")
    return holiday_review(plan, loaded.source)


def _year_node(root: yaml.MappingNode) -> yaml.ScalarNode:
    for key, value in root.value:
        if key.value == "year" and isinstance(value, yaml.ScalarNode):
            return value
    raise AssertionError("a valid plan has a scalar 'year:'")  # pragma: no cover


def _scalars(
    node: yaml.Node, path: PlanPath, seen: set[int] | None = None
) -> Iterator[tuple[PlanPath, yaml.ScalarNode]]:
    """Every value scalar (not mapping keys) with its path, in file order; an aliased node once."""
    seen = set() if seen is None else seen
    if id(node) in seen:
        return
    seen.add(id(node))
    if isinstance(node, yaml.ScalarNode):
        yield path, node
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            yield from _scalars(item, (*path, i), seen)
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            yield from _scalars(value, (*path, str(key.value)), seen)


def _iso_date(node: yaml.ScalarNode) -> dt.date | None:
    """The date a scalar holds when it is exactly an ISO date (``2019-05-09``, quoted or not)."""
    if node.tag != STR_TAG or node.style in ("|", ">") or not _ISO_DATE.fullmatch(node.value):
        return None
    try:
        return dt.date.fromisoformat(node.value)
    except ValueError:
        return None


def _shifted(day: dt.date, shift: int, same_weekday: bool) -> dt.date:
    """``day`` moved by ``shift`` years: same month and day, or whole weeks to the nearest same weekday."""
    year = day.year + shift
    leap_day_lost = (day.month, day.day) == (2, 29) and not calendar.isleap(year)
    target = dt.date(year, day.month, 28 if leap_day_lost else day.day)
    if not same_weekday:
        return target
    ahead = (day.weekday() - target.weekday()) % 7
    nearest = target + dt.timedelta(days=ahead if ahead <= 3 else ahead - 7)
    if nearest.year != year:
        nearest += dt.timedelta(weeks=1 if nearest.year < year else -1)
    return nearest


def _replace_value(text: str, node: yaml.ScalarNode, new: str) -> _Edit:
    """An edit that swaps the scalar's value inside its quotes, keeping its quoting style."""
    start, end = node.start_mark.index, node.end_mark.index
    offset = text.find(node.value, start, end)
    if offset < 0:  # pragma: no cover - a year or ISO date has nothing to escape
        raise AssertionError(f"cannot find {node.value!r} at line {node.start_mark.line + 1}")
    return _Edit(offset, offset + len(node.value), new)


def _apply(text: str, edits: list[_Edit]) -> str:
    out, last = [], 0
    for edit in sorted(edits, key=lambda e: e.start):
        out += [text[last : edit.start], edit.new]
        last = edit.end
    return "".join([*out, text[last:]])


def _old_year_mentions(root: yaml.Node, text: str, old_year: int, changed: set[int], file: str) -> Iterator[Finding]:
    """Document numbers, and any other mention of the old year, in text scalars left unchanged."""
    year_pattern = re.compile(rf"(?<!\d){old_year}(?!\d)")
    for path, node in _scalars(root, ()):
        start, end = node.start_mark.index, node.end_mark.index
        if node.tag != STR_TAG or any(start <= index < end for index in changed):
            continue
        raw = text[start:end]
        numbered: set[int] = set()
        for match in _DOCUMENT_NUMBER.finditer(raw):
            number_year = int(match.group(1))
            numbered.add(match.start(1))
            number = _document_number(raw, match)
            if number_year == old_year:
                params, code, kind = {"number": number, "year": number_year}, "old-year-number", Severity.EDIT
            else:
                params, code, kind = {"number": number, "year": number_year}, "cited-number", Severity.NOTE
            yield _item_at(text, start + match.start(), file, path, code, params, kind)
        for match in year_pattern.finditer(raw):
            if match.start() in numbered:
                continue
            params = {"year": old_year, "excerpt": _excerpt(raw, match)}
            yield _item_at(text, start + match.start(), file, path, "old-year-text", params, Severity.EDIT)


def _issuing_number(root: yaml.Node, text: str, plan: Plan, file: str) -> Iterator[Finding]:
    """The 印发通知's 发文字号 is the old year's: a new year's document takes a new serial number."""
    if plan.issuing is None or plan.issuing.number is None:
        return
    path: PlanPath = ("issuing", "number")
    node = next((n for p, n in _scalars(root, ()) if p[:2] == path), None)
    if node is not None:
        params = {"prefix": plan.issuing.number.prefix, "number": plan.issuing.number.number}
        yield _item_at(text, node.start_mark.index, file, path, "issuing-number-new-year", params, Severity.EDIT)


def _old_year_comments(root: yaml.Node, text: str, old_year: int, file: str) -> Iterator[Finding]:
    """Comments that mention the old year: kept as written, but a person should read them again."""
    year_pattern = re.compile(rf"(?<!\d){old_year}(?!\d)")
    for start, comment in _comments(root, text):
        match = year_pattern.search(comment)
        if match:
            params = {"year": old_year, "excerpt": _excerpt(comment, match)}
            yield _item_at(text, start + match.start(), file, (), "old-year-comment", params, Severity.NOTE)


def _comments(root: yaml.Node, text: str) -> Iterator[tuple[int, str]]:
    """Each comment in the text, with the index of its ``#``.

    PyYAML keeps no comments, so they are found around the nodes: a ``#`` at a line's start or
    after a space, outside every scalar.
    """
    spans = sorted((node.start_mark.index, node.end_mark.index) for node in _scalar_nodes(root, set()))
    starts = [start for start, _ in spans]
    line_end = -1
    for match in _COMMENT_START.finditer(text):
        at = bisect.bisect_right(starts, match.start()) - 1
        if match.start() < line_end or (at >= 0 and match.start() < spans[at][1]):
            continue  # inside a comment already found, or inside a value
        line_end = len(text) if (found := _LINE_END.search(text, match.start())) is None else found.start()
        yield match.start(), text[match.start() : line_end]


def _scalar_nodes(node: yaml.Node, seen: set[int]) -> Iterator[yaml.ScalarNode]:
    """Every scalar node, keys included; an aliased node once."""
    if id(node) in seen:
        return
    seen.add(id(node))
    if isinstance(node, yaml.ScalarNode):
        yield node
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _scalar_nodes(item, seen)
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            yield from _scalar_nodes(key, seen)
            yield from _scalar_nodes(value, seen)


def _document_number(raw: str, match: re.Match[str]) -> str:
    """The whole number around ``[2019]``: the issuer's prefix before it and ``9号`` after it."""
    before = re.search(r"[^\s，。、；：“”《》,;:\"']*$", raw[: match.start()])
    after = re.match(r"\d*号?", raw[match.end() :])
    head = before.group() if before else ""
    tail = after.group() if after else ""
    return head + match.group() + tail


def _excerpt(raw: str, match: re.Match[str]) -> str:
    """The clause of its line a mention stands in, to recognise it by.

    It runs from the punctuation that ends the clause before (，。；) to the one that ends its
    own, or the line's ends; a clause longer than ``_EXCERPT_CHARS`` on a side is cut there,
    marked ….
    """
    head = raw[: match.start()].split("\n")[-1]
    head = head[max(head.rfind(mark) for mark in _CLAUSE_ENDS) + 1 :].lstrip(_EDGES)
    tail = raw[match.end() :].split("\n")[0]
    tail = tail[: min([i for i in map(tail.find, _CLAUSE_ENDS) if i >= 0], default=len(tail))].rstrip(_EDGES)
    if len(head) > _EXCERPT_CHARS:
        head = "…" + head[-_EXCERPT_CHARS:]
    if len(tail) > _EXCERPT_CHARS:
        tail = tail[:_EXCERPT_CHARS] + "…"
    return f"“{head}{match.group()}{tail}”"


def _item_at(
    text: str, index: int, file: str, path: PlanPath, code: str, params: dict[str, object], kind: Severity
) -> Finding:
    """An item at character ``index`` of ``text``, in the value at ``path``."""
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return Finding(code, params, file, line, column, dotted(path) or None, kind)
