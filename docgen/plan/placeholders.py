"""Running text with placeholders: the sandboxed Jinja environment, its context and filters.

The plan's running-text fields may say ``{{ deadlines.schedule | md }}`` instead of repeating a
date, so every fact stands once in the file. Rendering happens once per run, while the plan
is checked (``check_texts``), or in ``resolve_plan``; templates then receive plain text.
"""

from __future__ import annotations

import datetime as dt
import difflib
import types
import typing
from collections.abc import Iterator
from functools import lru_cache
from typing import Any, NamedTuple

from jinja2 import StrictUndefined, Template, nodes
from jinja2.exceptions import TemplateError, TemplateSyntaxError
from jinja2.sandbox import ImmutableSandboxedEnvironment
from pydantic import BaseModel

from docgen import chinese
from docgen.errors import PlanError, Problem
from docgen.plan.model import Deadline, JinjaMarker, Plan, Policy
from docgen.plan.sourcemap import dotted

PathT = tuple[str | int, ...]


class TextError(ValueError):
    """A filter was given a value it cannot format (a weekly deadline has no single date)."""


def _date_of(value: Any) -> dt.date:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, Deadline):
        if value.date is None:
            raise TextError("this deadline recurs weekly and has no single date; use | weekday")
        return value.date
    raise TextError(f"expected a date, got {type(value).__name__}")


def filter_md(value: Any) -> str:
    """``{{ deadlines.schedule | md }}`` -> 5月9日."""
    return chinese.month_day(_date_of(value))


def filter_ymd(value: Any) -> str:
    """``{{ issued | ymd }}`` -> 2019年4月30日."""
    return chinese.full_date(_date_of(value))


def filter_weekday(value: Any) -> str:
    """A date, a deadline (dated or weekly) or 1-7 -> 周三."""
    if isinstance(value, Deadline) and value.weekday is not None:
        return chinese.weekday_name(value.weekday)
    if isinstance(value, int) and 1 <= value <= 7:
        return chinese.weekday_name(value)
    return chinese.weekday_of(_date_of(value))


def filter_cite(policies: Any) -> str:
    """Policies as the opening quotes them: 吉林省教育厅《title》（number）、《title》（number）."""
    if not isinstance(policies, list) or not all(isinstance(p, Policy) for p in policies):
        raise TextError("| cite is for the plan's policies")
    parts = []
    for policy in policies:
        parts.append(f"{policy.issuer or ''}《{policy.title}》（{policy.number}）")
    return "、".join(parts)


@lru_cache(maxsize=1)
def environment() -> ImmutableSandboxedEnvironment:
    """The sandbox for running text: no access to internals, undefined names are errors."""
    env = ImmutableSandboxedEnvironment(undefined=StrictUndefined, autoescape=False)
    env.filters.update(md=filter_md, ymd=filter_ymd, weekday=filter_weekday, cite=filter_cite)
    return env


def text_context(plan: Plan) -> dict[str, Any]:
    """The names a placeholder may use; README's placeholder table lists the same.

    A part the plan does not have (a contact, a letter, an organization) is not a name, so a
    placeholder that uses it is reported by ``docgen check`` rather than printed empty.
    """
    units = {u.id: u for u in plan.units}
    context: dict[str, Any] = {
        "institution": plan.institution,
        "year": plan.year,
        "campaign": plan.campaign,
        "period": {"start": plan.period.start, "end": plan.period.end},
        "policies": list(plan.policies),
        "units": units,
        "deadlines": dict(plan.deadlines),
        "notice": {"title": plan.notice_title},
    }
    if plan.theme is not None:
        context["theme"] = plan.theme
    if plan.issued is not None:
        context["issued"] = plan.issued
    if plan.issuer is not None:
        context["issuer"] = units.get(plan.issuer, plan.issuer)
    if plan.organization is not None:
        organization = plan.organization.model_dump()
        lead = plan.organization.lead
        organization["lead"] = units.get(lead, lead) if lead is not None else None
        organization["cooperating"] = [units.get(u, u) for u in plan.organization.cooperating]
        context["organization"] = organization
    if plan.contact is not None:
        contact = plan.contact.model_dump()
        contact["unit"] = units.get(plan.contact.unit, plan.contact.unit)
        context["contact"] = contact
    if plan.letter is not None:
        letter = plan.letter.model_dump(exclude={"body", "closing"})
        letter["sender"] = units.get(plan.letter.sender, plan.letter.sender)
        context["letter"] = letter
    if plan.form is not None:
        context["form"] = {"title": plan.form_title}
    return context


def jinja_fields(model: BaseModel, path: PathT = ()) -> Iterator[tuple[PathT, str]]:
    """Every running-text value in a plan, with its path: what gets rendered and checked."""
    for name, (annotation, metadata) in _text_bearing_fields(type(model)).items():
        yield from _walk(getattr(model, name), annotation, metadata, (*path, name))


@lru_cache(maxsize=64)
def _text_bearing_fields(cls: type[BaseModel]) -> dict[str, tuple[Any, list[Any]]]:
    """The fields of a model that hold running text, directly or deeper down (units hold none)."""
    return {
        name: (info.annotation, info.metadata)
        for name, info in cls.model_fields.items()
        if any(isinstance(m, JinjaMarker) for m in info.metadata) or _bears_text(info.annotation, frozenset({cls}))
    }


def _bears_text(annotation: Any, seen: frozenset[type] = frozenset()) -> bool:
    """Whether running text may stand in a value of this type (``seen``: models on the way, for items in items)."""
    if _is_jinja(annotation):
        return True
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if annotation in seen:
            return False  # the model refers to itself: its own fields decide
        return any(
            any(isinstance(m, JinjaMarker) for m in info.metadata) or _bears_text(info.annotation, seen | {annotation})
            for info in annotation.model_fields.values()
        )
    return any(_bears_text(arg, seen) for arg in typing.get_args(annotation) if arg is not type(None))


def _walk(value: Any, annotation: Any, metadata: list[Any], path: PathT) -> Iterator[tuple[PathT, str]]:
    if value is None:
        return
    if isinstance(value, BaseModel):
        yield from jinja_fields(value, path)
        return
    if isinstance(value, str):
        if any(isinstance(m, JinjaMarker) for m in metadata) or _is_jinja(annotation):
            yield path, value
        return
    inner = _inner(annotation)
    if isinstance(value, list):
        for i, item in enumerate(value):
            yield from _walk(item, inner, [], (*path, i))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _walk(item, inner, [], (*path, key))


_JINJA_ANNOTATIONS: dict[int, tuple[Any, bool]] = {}


def _is_jinja(annotation: Any) -> bool:
    """Whether an annotation marks running text; remembered, as the walk meets it thousands of times."""
    known = _JINJA_ANNOTATIONS.get(id(annotation))
    if known is None or known[0] is not annotation:
        known = (annotation, any(isinstance(m, JinjaMarker) for m in _metadata(annotation)))
        _JINJA_ANNOTATIONS[id(annotation)] = known
    return known[1]


def _metadata(annotation: Any) -> list[Any]:
    found: list[Any] = []
    while annotation is not None:
        if typing.get_origin(annotation) is typing.Annotated:
            found.extend(annotation.__metadata__)
            annotation = typing.get_args(annotation)[0]
        elif typing.get_origin(annotation) in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = args[0] if len(args) == 1 else None
        else:
            break
    return found


def _inner(annotation: Any) -> Any:
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    args = typing.get_args(annotation)
    origin = typing.get_origin(annotation)
    if origin is list and args:
        return args[0]
    if origin is dict and len(args) == 2:
        return args[1]
    if args:
        non_none = [a for a in args if a is not type(None)]
        return _inner(non_none[0]) if len(non_none) == 1 else None
    return None


def render_text(source: str, context: dict[str, Any]) -> str:
    """Render one running-text value (raises jinja2 errors and ``TextError``)."""
    if "{" not in source:
        return source
    return _template(source).render(context)


@lru_cache(maxsize=4096)
def _template(source: str) -> Template:
    """Each distinct text is compiled once, though check and render both need it."""
    return environment().from_string(source)


def unknown_placeholders(source: str, context: dict[str, Any]) -> list[tuple[str, str]]:
    """Dotted names in ``source`` that the context does not hold, each with a suggestion."""
    found: list[tuple[str, str]] = []
    for chain in _name_chains(source):
        problem = _resolve(chain, context)
        if problem and problem not in found:
            found.append(problem)
    return found


@lru_cache(maxsize=4096)
def _name_chains(source: str) -> tuple[list[str], ...]:
    """The dotted names a text reads (not those it binds itself); parsed once per distinct text."""
    tree = environment().parse(source)
    bound = {n.name for n in tree.find_all(nodes.Name) if n.ctx in ("store", "param")}
    chains = (_chain(node) for node in tree.find_all((nodes.Getattr, nodes.Name)))
    return tuple(chain for chain in chains if chain is not None and chain[0] not in bound)


def _chain(node: nodes.Node) -> list[str] | None:
    names: list[str] = []
    while isinstance(node, nodes.Getattr):
        names.append(node.attr)
        node = node.node
    if not isinstance(node, nodes.Name) or node.ctx != "load":
        return None
    return [node.name, *reversed(names)]


def _resolve(chain: list[str], context: dict[str, Any]) -> tuple[str, str] | None:
    value: Any = context
    for depth, name in enumerate(chain):
        options = _names(value)
        if options is None:
            return None
        if name not in options:
            guess = difflib.get_close_matches(name, options, n=1, cutoff=0.6)
            prefix = ".".join(chain[:depth])
            suggestion = f"{prefix}.{guess[0]}" if prefix and guess else (guess[0] if guess else "")
            return ".".join(chain[: depth + 1]), suggestion
        value = value[name] if isinstance(value, dict) else getattr(value, name)
    return None


def _names(value: Any) -> list[str] | None:
    if isinstance(value, dict):
        return [str(k) for k in value]
    if isinstance(value, BaseModel):
        return [*type(value).model_fields, *(n for n in ("display_full_name",) if hasattr(value, n))]
    return None


class TextProblem(NamedTuple):
    """A running-text field that will not render; ``offset`` is where in ``text`` it goes wrong."""

    path: PathT
    code: str
    params: dict[str, Any]
    text: str
    offset: int


class TextCheck(NamedTuple):
    """What ``check_texts`` found: the fields that will not render, and those that did."""

    problems: list[TextProblem]
    rendered: dict[PathT, str]


def check_texts(plan: Plan) -> TextCheck:
    """Render every running-text field, keeping the text of each that renders and the place where each fails.

    A render run checks the plan first; the texts rendered here are the ones its documents
    use (``with_texts``), so each text is rendered once per run.
    """
    context = text_context(plan)
    found: list[TextProblem] = []
    rendered: dict[PathT, str] = {}
    for path, source in jinja_fields(plan):
        if "{" not in source:
            rendered[path] = source
            continue
        first_brace = source.index("{")
        try:
            unknown = unknown_placeholders(source, context)
        except TemplateSyntaxError as exc:
            params = {"detail": exc.message or str(exc), "text_line": exc.lineno}
            found.append(TextProblem(path, "text-syntax", params, source, _line_offset(source, exc.lineno)))
            continue
        for name, suggestion in unknown:
            code = "unknown-placeholder-suggest" if suggestion else "unknown-placeholder"
            offset = source.find(name)
            params = {"name": name, "suggestion": suggestion}
            found.append(TextProblem(path, code, params, source, offset if offset >= 0 else first_brace))
        if unknown:
            continue
        try:
            text = render_text(source, context)
        except (TemplateError, TextError, TypeError, ValueError, ArithmeticError) as exc:
            found.append(TextProblem(path, "text-error", {"detail": str(exc)}, source, first_brace))
            continue
        if not text.strip():
            found.append(TextProblem(path, "text-renders-empty", {}, source, first_brace))
        rendered[path] = text
    return TextCheck(found, rendered)


def _line_offset(source: str, lineno: int | None) -> int:
    """Where line ``lineno`` (1-based) of ``source`` starts."""
    offset = 0
    for _ in range(max((lineno or 1) - 1, 0)):
        found = source.find("\n", offset)
        if found < 0:
            break
        offset = found + 1
    return offset


def resolve_plan(plan: Plan) -> Plan:
    """A copy of the plan with every running-text field rendered to plain text.

    Raises ``PlanError`` naming each field that will not render (a plan read from a file was
    checked already; one built in a script may not have been).
    """
    texts = check_texts(plan)
    if texts.problems:
        raise PlanError([Problem(p.code, p.params, path=dotted(p.path)) for p in texts.problems])
    return with_texts(plan, texts.rendered)


def with_texts(plan: Plan, rendered: dict[PathT, str]) -> Plan:
    """A copy of the plan with the running-text fields at the given paths replaced."""
    data = plan.model_dump()
    for path, text in rendered.items():
        target: Any = data
        for part in path[:-1]:
            target = target[part]
        target[path[-1]] = text
    return Plan.model_validate(data)
