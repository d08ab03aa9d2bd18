"""Which template file each document uses, and every mistake in them, found before anything is written.

A template is looked up in ``--templates DIR`` when one is given, else in the plan's project
(``templates/`` beside the plan or one level up), else among the templates docgen ships, one file
at a time: a folder holding only the templates a user changed is enough. ``check_templates``
checks each template with the context its documents receive (so a misspelt name is found with a
suggestion); ``render_in_memory`` renders every document without writing, so a dry run fails
exactly where a render would.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docgen.errors import Finding, FindingsError, PlanError, TemplateError
from docgen.plan.model import Plan
from docgen.rendering.folders import TEMPLATES_FOLDER, project_templates, template_folders, template_path
from docgen.rendering.jobs import Document

if TYPE_CHECKING:
    from docgen.plan.files import CheckReport

__all__ = [
    "TEMPLATES_FOLDER",
    "check_plan_documents",
    "check_plan_templates",
    "check_templates",
    "has_own_templates",
    "render_in_memory",
    "template_folders",
    "template_path",
    "with_template_paths",
]


def with_template_paths(documents: Sequence[Document], folders: Sequence[Path]) -> list[Document]:
    """The documents, each naming the template file it will use by its full path."""
    found: dict[str, str] = {}
    for document in documents:
        if document.template not in found:
            found[document.template] = str(template_path(document.template, folders).absolute())
    return [Document(d.kind, found[d.template], d.path, d.build) for d in documents]


def check_templates(documents: Sequence[Document]) -> list[Finding]:
    """Every problem of the templates ``documents`` use, each checked with its documents' contexts.

    A template is checked with what all of its documents receive (a task sheet per unit: the
    names any unit's gives), so that it renders for each of them; a template several kinds
    share (the blank and the prefilled form) is checked for each kind. A problem found twice
    is listed once.
    """
    if not documents:
        return []  # docgen's own templates only: the template check is not even imported
    from docgen.rendering.template_check import check_template

    contexts: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for document in documents:
        contexts.setdefault((document.template, document.kind), []).append(document.context)
    problems: dict[Finding, None] = {}
    for (template, _kind), samples in contexts.items():
        for problem in check_template(Path(template), samples):
            problems.setdefault(problem)
    return list(problems)


def render_in_memory(documents: Sequence[Document]) -> None:
    """Render every document and keep nothing; raises ``TemplateError`` listing each distinct failure."""
    from docgen.rendering.templates import compiled

    problems: dict[Finding, None] = {}
    for document in documents:
        try:
            compiled(Path(document.template), mend_layout=True).render(document.context)
        except FindingsError as exc:
            for problem in exc.problems:
                problems.setdefault(problem)
    if problems:
        raise TemplateError(list(problems))


def check_plan_templates(
    plan: Plan, plan_path: str | Path | None = None, templates: str | Path | None = None
) -> tuple[list[Path], list[Finding]]:
    """The template files a plan's documents would use, and every problem in them.

    Looked up as ``render`` looks them up (``templates``, else the project of
    ``plan_path``, else the shipped ones); each is checked with its documents' context.
    """
    from docgen.documents.kinds import plan_documents

    folder = Path(plan_path).parent if plan_path is not None else None
    documents = with_template_paths(plan_documents(plan, plan_folder=folder), template_folders(plan_path, templates))
    files = [Path(name) for name in dict.fromkeys(d.template for d in documents)]
    return files, check_templates(documents)


def check_plan_documents(report: CheckReport, templates: str | Path | None = None) -> list[Finding]:
    """Every problem of the documents a checked plan declares (``documents:``), located in its file.

    Their templates must be found (``templates``, the plan's project, or docgen's
    own), their kinds must differ from each other and from the built-in ones, and each file name
    must fill in and name a .docx no other document has.
    """
    from docgen.documents.declared import declared_problems
    from docgen.documents.kinds import KINDS, plan_documents

    plan = report.resolved
    if plan is None or not plan.documents:
        return []
    problems = declared_problems(plan, template_folders(report.path, templates), KINDS, report.source)
    try:
        plan_documents(plan, source=report.source)
    except PlanError as exc:
        problems += exc.problems
    return problems


def has_own_templates(plan_path: str | Path, templates: str | Path | None = None) -> bool:
    """Whether a user's templates would be used: a ``templates`` folder given, or one in the plan's project."""
    return templates is not None or bool(project_templates(plan_path))
