"""Each kind of document: its template, its file name and its context, built from the plan.

Contexts are plain data (strings, lists, dicts), so they can cross process boundaries and a
template author can see exactly what a template receives.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import PurePosixPath
from typing import Any

from docgen import chinese
from docgen.deadlines import calendar_grid, deadline_text
from docgen.errors import Problem, UnknownUnitError
from docgen.filenames import safe_stem
from docgen.plan import Plan, Unit

KINDS = ("notice", "form", "letter", "task-sheet", "unit-form")
TEMPLATE_OF = {
    "notice": "notice.docx",
    "form": "form.docx",
    "letter": "letter.docx",
    "task-sheet": "task-sheet.docx",
    "unit-form": "form.docx",
}
ENUMERATION = "、"
LINE_CHARS = 28  # GB/T 9704-2012: 28 characters of 三号 to a line
AUTOSPACE = 0.2  # the gap LibreOffice 7.4 draws between 年 and 4, in characters
TASK_SHEET_FOLDER = "任务单"
UNIT_FORM_FOLDER = "活动安排表"


@dataclass(frozen=True)
class Document:
    """One output: which template, where under OUT, and how to build what the template receives.

    The context is built on demand, so a parallel run builds contexts in its workers.
    """

    kind: str
    template: str
    path: PurePosixPath
    build: Callable[[], dict[str, Any]]

    @property
    def context(self) -> dict[str, Any]:
        """What the template receives (built afresh on each access)."""
        return self.build()


class HeadingCounter:
    """``{{ heading(1) }}`` in a template: the next number at that level (一、 （一） 1. （1）).

    Numbers come from counting, never from typing, so two sections cannot both be "三".
    """

    def __init__(self) -> None:
        self.counts = [0, 0, 0, 0]

    def __call__(self, level: int) -> str:
        """The next number at ``level``; deeper levels start again from one."""
        self.counts[level - 1] += 1
        for deeper in range(level, 4):
            self.counts[deeper] = 0
        return chinese.section_number(level, self.counts[level - 1])


def _width(text: str) -> float:
    """Width in characters of 三号 text: Latin letters and digits count half.

    Word and LibreOffice put a little space (about a fifth of a character) between Chinese and
    Latin letters or digits ("2019年4月"): counted here, so a date's width comes out right.
    """
    width = sum(0.5 if ord(c) < 0x2E80 else 1.0 for c in text)
    kinds = [_script(c) for c in text]
    return width + AUTOSPACE * sum(1 for a, b in itertools.pairwise(kinds) if {a, b} == {"han", "latin"})


def _script(char: str) -> str:
    if char.isascii() and char.isalnum():
        return "latin"
    return "han" if "\u3400" <= char <= "\u9fff" else "other"


def signature(lines: Sequence[str], date: dt.date) -> list[dict[str, Any]]:
    """Signature lines and the date, each centred in one block two characters from the right.

    GB/T 9704 for a document without a seal: when the date is the longest line it stands two
    characters in from the right and the issuer is centred above it. Each line's place is
    given as leading spaces (``padding``) in a left-aligned paragraph, counted on the standard's
    28 characters a line, because an indent computed per line would have to be a template tag
    inside an XML attribute, which Word rejects as unreadable content when opening the template.
    """
    texts = [*lines, chinese.full_date(date)]
    block = max(_width(t) for t in texts)
    return [{"text": t, "padding": _padding(LINE_CHARS - 2 - block + (block - _width(t)) / 2)} for t in texts]


def _padding(chars: float) -> str:
    """Spaces ``chars`` characters wide: ideographic spaces, then a quarter-width space (Times) per quarter."""
    chars = max(chars, 0.0)
    whole = int(chars)
    return chinese.IDEOGRAPHIC_SPACE * whole + " " * round((chars - whole) * 4)


def unit_names(plan: Plan, ids: Sequence[str]) -> str:
    """Unit ids as the documents list them: 招生就业处、学生工作处、教务处."""
    return ENUMERATION.join(plan.unit(i).name for i in ids)


def form_context(
    plan: Plan, *, submitter: str = "", filled: Sequence[Sequence[str]] = (), blank_rows: int | None = None
) -> dict[str, Any]:
    """The 活动安排 form: prefilled rows first, then blank rows (the plan's number by default)."""
    width = len(plan.form.columns)
    rows = [list(r) + [""] * (width - len(r)) for r in filled]
    rows += [[""] * width for _ in range(plan.form.blank_rows if blank_rows is None else blank_rows)]
    return {
        "title": plan.form_title,
        "submitter_label": plan.form.submitter,
        "submitter": submitter,
        "year": plan.year,
        "month_blank": chinese.IDEOGRAPHIC_SPACE * 2,
        "day_blank": chinese.IDEOGRAPHIC_SPACE * 2,
        "columns": list(plan.form.columns),
        "rows": rows,
        "remark": plan.form.remark,
        "activities": [f"{n}.{task.title}" for n, task in enumerate(plan.tasks, 1)],
    }


def notice_context(plan: Plan) -> dict[str, Any]:
    """The 方案 (``plan`` must be resolved: its running text already rendered)."""
    org = plan.organization
    rows = [{"label": chinese.pad_name("组长"), "names": ENUMERATION.join(chinese.pad_name(n) for n in org.leaders)}]
    if org.deputy_leaders:
        rows.append({"label": "副组长", "names": ENUMERATION.join(chinese.pad_name(n) for n in org.deputy_leaders)})
    rows.append({"label": chinese.pad_name("组员"), "names": org.members})
    return {
        "heading": HeadingCounter(),
        "institution": plan.institution,
        "title": plan.notice_title,
        "opening": plan.notice.opening,
        "ideology": plan.ideology,
        "organization": {"rows": rows, "note": org.note},
        "period": f"{chinese.month_day(plan.period.start)}-{chinese.month_day(plan.period.end)}",
        "theme": plan.theme,
        "tasks": [{"title": t.title, "units": unit_names(plan, t.units), "work": t.work} for t in plan.tasks],
        "requirements": [{"title": r.title, "text": r.text} for r in plan.requirements],
        "signature": signature([plan.unit(plan.issuer).name], plan.issued),
        "form": form_context(plan),
    }


def letter_context(plan: Plan) -> dict[str, Any]:
    """The letter to graduates and parents, signed by the institution and the sending office."""
    letter = plan.letter
    return {
        "letter": {
            "title": letter.title,
            "salutation": letter.salutation,
            "body": list(letter.body),
            "closing": letter.closing,
            "hotline": letter.hotline or "",
            "website": letter.website or "",
            "address": letter.address or "",
        },
        "signature": signature([plan.institution, plan.unit(letter.sender).name], letter.date or plan.issued),
    }


def task_sheet_context(plan: Plan, unit: Unit) -> dict[str, Any]:
    """What one unit owes: its tasks (numbered as in the notice), duties, deadlines, contacts."""
    tasks = []
    for number, task in plan.tasks_of(unit.id):
        partners = [u for u in task.units if u != unit.id]
        shared = "与" + unit_names(plan, partners) + "共同承担。" if partners else "本部门独立承担。"
        tasks.append(
            {"number": chinese.section_number(2, number), "title": task.title, "partners": shared, "work": task.work}
        )
    duties = [
        {"number": chinese.section_number(2, n), "title": r.title, "text": r.duty or r.text}
        for n, r in plan.requirements_of(unit.id)
    ]
    deadlines = [d for _, d in plan.deadlines_of(unit.id)]
    contact = plan.contact
    return {
        "heading": HeadingCounter(),
        "institution": plan.institution,
        "title": f"{plan.year}年“{plan.campaign}”任务单",
        "unit": unit.name,
        "theme": plan.theme,
        "period": f"{chinese.full_date(plan.period.start)}至{chinese.month_day(plan.period.end)}",
        "tasks": tasks,
        "duties": duties,
        "deadlines": [deadline_text(d) for d in deadlines],
        "contact": f"{plan.unit(contact.unit).name}{contact.name}　电话：{contact.phone}　邮箱：{contact.email}",
        "blank": "\uff3f" * 7,  # full-width low lines: an underline that every office suite prints
        "calendar": calendar_grid(plan, deadlines),
    }


def unit_form_context(plan: Plan, unit: Unit) -> dict[str, Any]:
    """The form prefilled for one unit: one row per task it carries, then blank rows."""
    filled = [[task.title, "", "", "", unit.name, "", ""] for _, task in plan.tasks_of(unit.id)]
    blank = max(plan.form.blank_rows - len(filled), 5)
    return {"form": form_context(plan, submitter=unit.name, filled=filled, blank_rows=blank)}


def find_unit(plan: Plan, wanted: str) -> Unit:
    """The unit named by id, name or full name; ``UnknownUnitError`` with suggestions otherwise."""
    for unit in plan.units:
        if wanted in (unit.id, unit.name, unit.full_name):
            return unit
    names = [n for u in plan.units for n in (u.id, u.name)]
    guesses = difflib.get_close_matches(wanted, names, n=3, cutoff=0.4)
    code = "unknown-unit-name-suggest" if guesses else "unknown-unit-name"
    known = ", ".join(f"{u.id} ({u.name})" for u in plan.units)  # each unit once, id and name together
    raise UnknownUnitError([Problem(code, {"unit": wanted, "suggestion": "、".join(guesses), "known": known})])


def _blank_form_context(plan: Plan) -> dict[str, Any]:
    return {"form": form_context(plan)}


def _unit_path(folder: str, unit: Unit, suffix: str, taken: set[str]) -> PurePosixPath:
    stem = safe_stem(f"{unit.name}-{suffix}")
    if stem in taken:
        stem = safe_stem(f"{unit.name}-{unit.id}-{suffix}")
    taken.add(stem)
    return PurePosixPath(f"{folder}/{stem}.docx")


def plan_documents(plan: Plan, only: Sequence[str] | None = None, unit: str | None = None) -> list[Document]:
    """Every document of the requested kinds (all when ``only`` is None), in a stable order.

    ``unit`` (id, name or full name) limits task sheets and unit forms to that unit.
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
            documents.append(Document(kind, template, path, partial(notice_context, plan)))
        elif kind == "form":
            path = PurePosixPath(safe_stem(plan.form_title) + ".docx")
            documents.append(Document(kind, template, path, partial(_blank_form_context, plan)))
        elif kind == "letter":
            path = PurePosixPath(safe_stem(plan.letter.title) + ".docx")
            documents.append(Document(kind, template, path, partial(letter_context, plan)))
        elif kind == "task-sheet":
            taken: set[str] = set()
            for u in units:
                path = _unit_path(TASK_SHEET_FOLDER, u, f"{campaign}任务单", taken)
                documents.append(Document(kind, template, path, partial(task_sheet_context, plan, u)))
        elif kind == "unit-form":
            taken = set()
            for u in units:
                path = _unit_path(UNIT_FORM_FOLDER, u, f"{campaign}{plan.form.title}", taken)
                documents.append(Document(kind, template, path, partial(unit_form_context, plan, u)))
    return _distinct_paths(documents)


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
