"""Running text with placeholders: the sandboxed Jinja environment, its context and filters.

The plan's running-text fields may say ``{{ deadlines.schedule | md }}`` instead of repeating a
date, so every fact stands once in the file. Rendering happens once per run, while the plan
is checked (``check_texts``), or in ``resolve_plan``; templates then receive plain text.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from decimal import Decimal
from functools import lru_cache
from typing import Any, NamedTuple

from jinja2 import StrictUndefined, Template, nodes
from jinja2.exceptions import TemplateError, TemplateSyntaxError

from docgen.errors import Finding, PlanError
from docgen.inputs.budget import Budget, BudgetSandbox, LimitExceeded, OutputTooLarge, budget, render_bounded
from docgen.plan.model import Deadline, Model, Plan, Unit
from docgen.plan.sourcemap import PlanPath, dotted
from docgen.plan.text_cache import store_text, stored_text
from docgen.plan.text_fields import jinja_fields, validated_with
from docgen.plan.text_filters import TextError, filter_cite, filter_md, filter_weekday, filter_ymd

__all__ = [  # importers found these here before
    "TextError",
    "filter_cite",
    "filter_md",
    "filter_weekday",
    "filter_ymd",
    "jinja_fields",
]

MAX_TEXT_CHARS = 200_000  # one running-text field once filled in: far more than any paragraph
TEXT_STEPS = 200_000  # loop steps and calls for all the running text of one plan together
TEXT_SECONDS = 5.0  # wall-clock time for all the running text of one plan together
_TAGS = re.compile(r"\{[{%#]")


class NotTextError(TextError):
    """A placeholder gave a structure (a date, a record, a list, nothing) where text belongs."""

    def __init__(self, kind: str) -> None:
        super().__init__(f"a placeholder gives {kind}, not text")
        self.kind = kind


class HoldsTagsError(TextError):
    """A placeholder gave text that holds placeholders itself (another running-text field)."""


class Unfilled(str):
    """A running-text field in the context whose placeholders are not filled in yet."""

    __slots__ = ()


def _kind(value: Any) -> str:
    if isinstance(value, (dt.date, Deadline)):
        return "date"
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "truth"
    if isinstance(value, (list, tuple)):
        return "list"
    return "record"


def _text_only(value: Any) -> Any:
    """What a placeholder prints: text or a number; a structure or unfilled text is refused."""
    if isinstance(value, Unfilled):
        raise HoldsTagsError("the text placed here holds placeholders itself")
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return value
    if isinstance(value, Unit):
        return value.name  # a unit reads as its name (docs/reference/plan.md: {{ units.ID }})
    raise NotTextError(_kind(value))


@lru_cache(maxsize=1)
def environment() -> BudgetSandbox:
    """The sandbox for running text, with the budget templates have: undefined names and structures are errors."""
    filters = {"md": filter_md, "ymd": filter_ymd, "weekday": filter_weekday, "cite": filter_cite}
    sandbox = BudgetSandbox(extra_filters=filters, undefined=StrictUndefined, autoescape=False, finalize=_text_only)
    sandbox.value_check = _refuse_unfilled  # `{{ organization.note | upper }}` waits for the note, like the note itself
    return sandbox


def _refuse_unfilled(value: Any) -> None:
    if isinstance(value, Unfilled):
        raise HoldsTagsError("the text used here holds placeholders itself")


def text_context(plan: Plan) -> dict[str, Any]:
    """The names a placeholder may use; the placeholder table of docs/reference/plan.md lists the same.

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
        organization = plan.organization.as_dict()
        lead = plan.organization.lead
        organization["lead"] = units.get(lead, lead) if lead is not None else None
        organization["cooperating"] = [units.get(u, u) for u in plan.organization.cooperating]
        context["organization"] = organization
    if plan.contact is not None:
        contact = plan.contact.as_dict()
        contact["unit"] = units.get(plan.contact.unit, plan.contact.unit)
        context["contact"] = contact
    if plan.letter is not None:
        letter = plan.letter.as_dict(exclude={"body", "closing"})
        letter["sender"] = units.get(plan.letter.sender, plan.letter.sender)
        context["letter"] = letter
    if plan.form is not None:
        context["form"] = {"title": plan.form_title}
    return context


def render_text(source: str, context: dict[str, Any], spending: Budget | None = None) -> str:
    """Render one running-text value under a budget (raises jinja2 errors, ``TextError`` and ``LimitExceeded``)."""
    if "{" not in source:
        return source
    with budget(spending or Budget(TEXT_STEPS, TEXT_SECONDS)):
        return render_bounded(_template(source), context, MAX_TEXT_CHARS)


@lru_cache(maxsize=4096)
def _template(source: str) -> Template:
    """Each distinct text is compiled once, though check and render both need it; kept for the next run."""
    env = environment()
    stored = stored_text(source)
    code = stored[1] if stored is not None else env.compile(source)
    if stored is None:
        store_text(source, _name_chains(source), code)
    return env.template_class.from_code(env, code, env.make_globals(None), None)


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
    stored = stored_text(source)
    if stored is not None:
        return stored[0]
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
    if isinstance(value, Model):
        return [*type(value).model_fields, *(n for n in ("display_full_name",) if hasattr(value, n))]
    return None


class TextProblem(NamedTuple):
    """A running-text field that will not render; ``offset`` is where in ``text`` it goes wrong."""

    path: PlanPath
    code: str
    params: dict[str, Any]
    text: str
    offset: int


class TextCheck(NamedTuple):
    """What ``check_texts`` found: the fields that will not render, and those that did."""

    problems: list[TextProblem]
    rendered: dict[PlanPath, str]


def check_texts(plan: Plan) -> TextCheck:
    """Render every running-text field, keeping the text of each that renders and the place where each fails.

    A render run checks the plan first; the texts rendered here are the ones its documents
    use (``with_texts``), so each text is rendered once per run. All the running text of a
    plan shares one budget. A text that places another running text holding placeholders
    (``{{ organization.note }}``) gets that text filled in: it is rendered again once the other is.
    """
    fields = list(jinja_fields(plan))
    context = _with_rendered(text_context(plan), {p: Unfilled(s) for p, s in fields if _TAGS.search(s)})
    found: list[TextProblem] = []
    rendered: dict[PlanPath, str] = {}
    spending = Budget(TEXT_STEPS, TEXT_SECONDS)
    waiting: list[tuple[PlanPath, str]] = []
    for path, source in fields:
        if len(source) > MAX_TEXT_CHARS:  # as written, placeholders or not: no document lays out 3 million letters
            found.append(TextProblem(path, "text-too-long-written", {"limit": MAX_TEXT_CHARS}, source, MAX_TEXT_CHARS))
        elif "{" not in source:
            rendered[path] = source
        elif not _check_one(path, source, context, spending, found, rendered, waiting):
            return TextCheck(found, rendered)  # the budget is spent: the rest would fail the same way
    for _ in range(_MAX_PASSES):
        if not waiting:
            break
        context = _with_rendered(context, rendered)
        retry, waiting = waiting, []
        for path, source in retry:
            if not _check_one(path, source, context, spending, found, rendered, waiting):
                return TextCheck(found, rendered)
    for path, source in waiting:
        found.append(TextProblem(path, "text-holds-placeholders", {}, source, source.index("{")))
    return TextCheck(found, rendered)


_MAX_PASSES = 4  # a text placing a text placing a text...; deeper, or in a circle, is refused


def _check_one(
    path: PlanPath,
    source: str,
    context: dict[str, Any],
    spending: Budget,
    found: list[TextProblem],
    rendered: dict[PlanPath, str],
    waiting: list[tuple[PlanPath, str]],
) -> bool:
    """Check and render one text into ``found``, ``rendered`` or ``waiting``; False once the budget is spent."""
    first_brace = source.index("{")
    try:
        unknown = unknown_placeholders(source, context)
    except TemplateSyntaxError as exc:
        params = {"detail": exc.message or str(exc), "text_line": exc.lineno}
        found.append(TextProblem(path, "text-syntax", params, source, _line_offset(source, exc.lineno)))
        return True
    except (RecursionError, MemoryError, ValueError, OverflowError) as exc:
        found.append(TextProblem(path, "text-limit", {"detail": _limit_detail(exc)}, source, first_brace))
        return True
    for name, suggestion in unknown:
        code = "unknown-placeholder-suggest" if suggestion else "unknown-placeholder"
        offset = source.find(name)
        params = {"name": name, "suggestion": suggestion}
        found.append(TextProblem(path, code, params, source, offset if offset >= 0 else first_brace))
    if unknown:
        return True
    try:
        text = render_text(source, context, spending)
    except HoldsTagsError:
        waiting.append((path, source))
        return True
    except NotTextError as exc:
        expression, offset = _culprit(source, context, first_brace)
        params = {"expression": expression or source[first_brace : first_brace + 40]}
        found.append(TextProblem(path, f"text-gives-{exc.kind}", params, source, offset))
        return True
    except OutputTooLarge as exc:
        found.append(TextProblem(path, "text-too-long", {"limit": exc.limit}, source, first_brace))
        return True
    except (LimitExceeded, RecursionError, MemoryError) as exc:
        found.append(TextProblem(path, "text-limit", {"detail": _limit_detail(exc)}, source, first_brace))
        return spending.steps_left >= 0 and not spending.expired()
    except (TemplateError, TextError, TypeError, ValueError, ArithmeticError, LookupError) as exc:
        found.append(TextProblem(path, "text-error", {"detail": str(exc)}, source, first_brace))
        return True
    if not text.strip():
        found.append(TextProblem(path, "text-renders-empty", {}, source, first_brace))
    rendered[path] = text
    return True


def _limit_detail(exc: BaseException) -> str:
    if isinstance(exc, RecursionError):
        return "placeholders nested or calling themselves too deeply"
    if isinstance(exc, MemoryError):
        return "a value too large to hold"
    return str(exc) or type(exc).__name__


_PRINTED = re.compile(r"\{\{-?\s*(.*?)\s*-?\}\}", re.DOTALL)


def _culprit(source: str, context: dict[str, Any], default: int) -> tuple[str, int]:
    """The first ``{{ expression }}`` of ``source`` that gives no text, and where it stands (for the message)."""
    for match in _PRINTED.finditer(source):
        try:
            with budget(Budget(1000, 1.0)):
                _text_only(environment().compile_expression(match.group(1))(**context))
        except NotTextError:
            return match.group(1), match.start()
        except Exception:  # an expression that fails alone (a loop variable) is not it
            continue
    return "", default


def _with_rendered(context: dict[str, Any], rendered: dict[PlanPath, str]) -> dict[str, Any]:
    """The context with the running text it holds (``organization.note``) replaced: marked unfilled, or rendered."""
    updated = dict(context)
    for path, text in rendered.items():
        head, key = (path[0], path[1]) if len(path) == 2 else ("", "")
        if not isinstance(head, str) or not isinstance(updated.get(head), dict) or key not in updated[head]:
            continue
        if updated[head] is context.get(head):
            updated[head] = dict(updated[head])  # the caller's context stays as it was
        updated[head][key] = text
    return updated


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
        raise PlanError([Finding(p.code, p.params, path=dotted(p.path)) for p in texts.problems])
    return with_texts(plan, texts.rendered)


def with_texts(plan: Plan, rendered: dict[PlanPath, str]) -> Plan:
    """A copy of the plan with the running-text fields at the given paths replaced, all of it validated again.

    For a plan from anywhere: one built in a script may hold parts no validator saw
    (``model_construct``, ``model_copy(update=...)``), which this refuses or converts as a plan
    read from a file would be. A plan validated from its data a moment ago needs only the models
    on the way to a changed text made again (``text_fields.with_replaced``, as ``check_plan`` does).
    """
    return validated_with(plan, rendered)
