"""Each kind of document: its template, its file name and its context, built from the plan.

Contexts are plain data (strings, lists, dicts), so they can cross process boundaries and a
template author can see exactly what a template receives.
"""

from __future__ import annotations

import contextlib
import dataclasses
import difflib
from collections.abc import Sequence
from functools import partial
from pathlib import Path, PurePosixPath

from docgen.documents.context import with_plan
from docgen.documents.declared import declared_documents
from docgen.documents.forms import blank_form_context, unit_form_context
from docgen.documents.issuing import issuing_context, issuing_title
from docgen.documents.letter import letter_context
from docgen.documents.notice import notice_context
from docgen.documents.pictures import picture_context, with_pictures
from docgen.documents.task_sheet import task_sheet_context
from docgen.errors import Finding, PlanError, UnknownUnitError
from docgen.plan.model import Plan, Unit
from docgen.plan.sourcemap import SourceMap
from docgen.rendering.filenames import safe_stem
from docgen.rendering.jobs import Document

KINDS = ("notice", "form", "letter", "task-sheet", "unit-form", "issuing-notice")
TEMPLATE_OF = {
    "notice": "notice.docx",
    "form": "form.docx",
    "letter": "letter.docx",
    "task-sheet": "task-sheet.docx",
    "unit-form": "form.docx",
    "issuing-notice": "issuing-notice.docx",
}
TASK_SHEET_FOLDER = "任务单"
UNIT_FORM_FOLDER = "活动安排表"  # the 2019 plan's; a plan's own form gets its title's folder


def _form_folder(title: str) -> str:
    """活动安排 -> 活动安排表, 活动申报表 -> 活动申报表: the folder of the units' prefilled forms."""
    return title if title.endswith("表") else f"{title}表"


def find_unit(plan: Plan, wanted: str) -> Unit:
    """The unit named by id, name or full name; ``UnknownUnitError`` with suggestions otherwise.

    An id is looked up in the plan's index; a name, which no index holds, in one pass.
    """
    with contextlib.suppress(KeyError):
        return plan.unit(wanted)
    for unit in plan.units:
        if wanted in (unit.name, unit.full_name):
            return unit
    names = [n for u in plan.units for n in (u.id, u.name)]
    guesses = difflib.get_close_matches(wanted, names, n=3, cutoff=0.4)
    code = "unknown-unit-name-suggest" if guesses else "unknown-unit-name"
    known = ", ".join(f"{u.id} ({u.name})" for u in plan.units)  # each unit once, id and name together
    raise UnknownUnitError([Finding(code, {"unit": wanted, "suggestion": "、".join(guesses), "known": known})])


def _unit_path(folder: str, unit: Unit, suffix: str, taken: set[str]) -> PurePosixPath:
    stem = safe_stem(f"{unit.name}-{suffix}")
    if stem in taken:
        stem = safe_stem(f"{unit.name}-{unit.id}-{suffix}")
    taken.add(stem)
    return PurePosixPath(f"{folder}/{stem}.docx")


def all_kinds(plan: Plan) -> list[str]:
    """The built-in kinds, then the kinds the plan declares under ``documents:``."""
    return [*KINDS, *(declared.kind for declared in plan.documents)]


def kind_aliases(plan: Plan) -> dict[str, str]:
    """Other names ``--only`` accepts for a declared document: its template's file name (新闻稿.docx)."""
    return {declared.template: declared.kind for declared in plan.documents}


def plan_documents(
    plan: Plan,
    only: Sequence[str] | None = None,
    unit: str | None = None,
    *,
    source: SourceMap | None = None,
    plan_folder: Path | None = None,
) -> list[Document]:
    """Every document of the requested kinds (all when ``only`` is None), in a stable order.

    ``unit`` (id, name or full name) limits task sheets, unit forms and documents declared
    per unit to that unit. A group unit with ``members`` gets a sheet and a form for each
    member. The plan's own documents (``documents:``) come last; ``PlanError`` lists every
    file name of theirs that does not work out (located with the plan's ``source``).
    ``plan_folder`` is the plan file's (the current folder when None): the plan's pictures are found there.
    """
    kinds = KINDS if only is None else [k for k in KINDS if k in only]
    units = plan.responsible_units()
    if unit is not None:
        chosen = find_unit(plan, unit)
        units = [u for u in units if u.id == chosen.id]
    campaign = safe_stem(f"{plan.year}年{plan.campaign}")
    documents: list[Document] = []
    for kind in kinds:
        template = TEMPLATE_OF[kind]
        if kind == "notice":
            path = PurePosixPath(safe_stem(plan.notice_title) + ".docx")
            documents.append(Document(kind, template, path, partial(with_plan, notice_context, plan)))
        elif kind == "form" and plan.form is not None:
            path = PurePosixPath(safe_stem(plan.form_title) + ".docx")
            documents.append(Document(kind, template, path, partial(with_plan, blank_form_context, plan)))
        elif kind == "letter" and plan.letter is not None:
            path = PurePosixPath(safe_stem(plan.letter.title) + ".docx")
            documents.append(Document(kind, template, path, partial(with_plan, letter_context, plan)))
        elif kind == "task-sheet":
            taken: set[str] = set()
            for u in units:
                for member in u.returners():
                    path = _unit_path(TASK_SHEET_FOLDER, member, f"{campaign}任务单", taken)
                    build = partial(with_plan, task_sheet_context, plan, u, member)
                    documents.append(Document(kind, template, path, build))
        elif kind == "unit-form" and plan.form is not None:
            taken = set()
            folder = _form_folder(plan.form.title)
            for u in units:
                for member in u.returners():
                    path = _unit_path(folder, member, f"{campaign}{plan.form.title}", taken)
                    documents.append(
                        Document(kind, template, path, partial(with_plan, unit_form_context, plan, u, member))
                    )
        elif kind == "issuing-notice" and plan.issuing is not None:
            path = PurePosixPath(safe_stem(issuing_title(plan)) + ".docx")
            documents.append(Document(kind, template, path, partial(with_plan, issuing_context, plan)))
    documents = _distinct_paths(documents)
    used = {d.path.as_posix().casefold(): d.kind for d in documents}
    declared, problems = declared_documents(plan, only, units, used, source)
    if problems:
        raise PlanError(problems)
    pictures = picture_context(plan, plan_folder)
    # made directly: dataclasses.replace looks up the fields each time, 2 ms for 1,000 documents
    return [
        Document(d.kind, d.template, d.path, partial(with_pictures, d.build, pictures)) for d in documents + declared
    ]


def _distinct_paths(documents: list[Document]) -> list[Document]:
    """Documents whose paths differ even where case does not count (Windows, macOS).

    Titles and names are free text, so two documents can end up with one file name (a letter
    titled like the notice, units whose names agree in their first 80 characters); a later
    one gets "-2", "-3" and so on, rather than overwriting the earlier one.
    """
    taken: set[str] = set()
    distinct = []
    for document in documents:
        path, n, key = document.path, 1, document.path.as_posix().casefold()
        while key in taken:
            n += 1
            path = document.path.with_name(f"{document.path.stem}-{n}{document.path.suffix}")
            key = path.as_posix().casefold()
        taken.add(key)
        distinct.append(dataclasses.replace(document, path=path) if path != document.path else document)
    return distinct
