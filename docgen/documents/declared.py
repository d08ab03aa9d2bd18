"""Documents the plan declares under ``documents:``: the user's own templates, once, per unit or per task.

Each receives the one context every template receives (``docgen.documents.context``), with
``unit`` or ``task`` for a document made per unit or per task. Its file name is a text with
placeholders of that context (``评比表/{{ unit.name }}-评比表.docx``), made safe piece by piece;
``declared_documents`` returns the documents and every problem with them (a name that does not
render, a file name two documents share, a kind named twice) at once, located in the plan file
when its source map is given.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache, partial
from pathlib import Path, PurePosixPath
from typing import Any

from jinja2 import StrictUndefined, Template
from jinja2.exceptions import TemplateError as JinjaTemplateError

from docgen.documents.context import task_record, with_plan
from docgen.documents.task_sheet import unit_values
from docgen.errors import Finding
from docgen.inputs.budget import Budget, BudgetSandbox, LimitExceeded, budget, render_bounded
from docgen.plan.declared import DeclaredDocument
from docgen.plan.model import Plan, Unit
from docgen.plan.sourcemap import SourceMap, dotted
from docgen.rendering.filenames import safe_stem
from docgen.rendering.folders import template_path
from docgen.rendering.jobs import Document
from docgen.rendering.values import FILTERS, printed

MAX_NAME_CHARS = 1000  # a file name once filled in: far more than any path under OUT
NAME_STEPS = 10_000
NAME_SECONDS = 2.0


@lru_cache(maxsize=1)
def _environment() -> BudgetSandbox:
    """File names: the template context's names and filters, no escaping (a name is no XML)."""
    return BudgetSandbox(autoescape=False, undefined=StrictUndefined, finalize=printed, extra_filters=FILTERS)


@lru_cache(maxsize=256)
def _compiled(source: str) -> Template:
    return _environment().from_string(source)


def output_path(source: str, context: dict[str, Any]) -> PurePosixPath:
    """The file under OUT that ``source`` names in ``context``: each folder and the name made safe, .docx last.

    Raises jinja2's errors, ``LimitExceeded``, ``TypeError``/``ValueError`` (a list printed
    whole, a filter given the wrong value) and ``ValueError`` for a name of another type.
    """
    with budget(Budget(NAME_STEPS, NAME_SECONDS)):
        text = render_bounded(_compiled(source), context, MAX_NAME_CHARS)
    pieces = [piece for piece in text.replace("\\", "/").split("/") if piece.strip(" .")]
    if not pieces:
        raise ValueError("the name is empty once filled in")
    name = pieces[-1]
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        stem, suffix = name, "docx"
    elif suffix.lower() != "docx":
        raise ValueError(f"the file would be a .{suffix}, not a .docx")
    folders = [safe_stem(piece) for piece in pieces[:-1]]
    return PurePosixPath(*folders, safe_stem(stem) + ".docx")


def _own_none(_plan: Plan) -> dict[str, Any]:
    return {}


def _own_unit(plan: Plan, unit: Unit, member: Unit) -> dict[str, Any]:
    return {"unit": unit_values(plan, unit, member)}


def _own_task(plan: Plan, number: int) -> dict[str, Any]:
    return {"task": task_record(plan, number)}


def _instances(plan: Plan, declared: DeclaredDocument, units: Sequence[Unit]) -> list[tuple[Any, ...]]:
    """The ``own`` builder and its arguments for each document ``declared`` gives."""
    if declared.per == "unit":
        return [(_own_unit, u, member) for u in units for member in u.returners()]
    if declared.per == "task":
        return [(_own_task, number) for number in range(1, len(plan.tasks) + 1)]
    return [(_own_none,)]


def declared_documents(
    plan: Plan,
    kinds: Sequence[str] | None,
    units: Sequence[Unit],
    taken: dict[str, str],
    source: SourceMap | None = None,
) -> tuple[list[Document], list[Finding]]:
    """The documents of the plan's ``documents:`` whose kind is asked for, and every problem with them.

    ``units`` are the units a per-unit document is made for; ``taken`` maps the paths already
    used (case folded) to the kind that uses them, and receives these documents' paths.
    """
    documents: list[Document] = []
    problems: list[Finding] = []
    for index, declared in enumerate(plan.documents):
        if kinds is not None and declared.kind not in kinds:
            continue
        where = ("documents", index, "output")
        for own, *args in _instances(plan, declared, units):
            build = partial(with_plan, own, plan, *args)
            try:
                path = output_path(declared.output_source, build())
            except (JinjaTemplateError, LimitExceeded, TypeError, ValueError, ArithmeticError, LookupError) as exc:
                detail = getattr(exc, "message", None) or str(exc) or type(exc).__name__
                shown = declared.output_source
                problems.append(_problem("declared-output-invalid", where, source, output=shown, detail=detail))
                break
            key = path.as_posix().casefold()
            if key in taken:
                code = "declared-output-taken-per" if declared.per else "declared-output-taken"
                problems.append(_problem(code, where, source, path=path.as_posix(), other=taken[key]))
                break
            taken[key] = declared.kind
            documents.append(Document(declared.kind, declared.template, path, build))
    return documents, problems


def declared_problems(
    plan: Plan, folders: Sequence[Path], builtin_kinds: Sequence[str], source: SourceMap | None = None
) -> list[Finding]:
    """What is wrong with the plan's ``documents:`` beside their output names: kinds and templates."""
    problems = []
    seen: set[str] = set()
    for index, declared in enumerate(plan.documents):
        if declared.kind in builtin_kinds or declared.kind.casefold() in seen:
            where = ("documents", index, "name" if declared.name else "template")
            problems.append(_problem("declared-kind-taken", where, source, kind=declared.kind))
        seen.add(declared.kind.casefold())
        if not template_path(declared.template, folders).is_file():
            where = ("documents", index, "template")
            shown = ", ".join(str(folder) for folder in folders[:-1]) or "templates/"
            problem = _problem("declared-template-missing", where, source, template=declared.template, folders=shown)
            problems.append(problem)
    return problems


def _problem(code: str, at: tuple[str | int, ...], source: SourceMap | None, /, **params: Any) -> Finding:
    if source is None:
        return Finding(code, params, path=dotted(at))
    line, column = source.locate(at)
    return Finding(code, params, source.file, line, column, dotted(at))
