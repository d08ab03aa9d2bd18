"""Returned 活动安排 forms -> one checked list of activities, and every problem with its file and row.

``collect`` only reads the files it is given; it never prints or writes. Rows with problems are
kept aside (for the spreadsheet's problem sheet) and never reach the schedule or the calendar.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from docgen.collecting.cells import is_phone, match_task, phone_numbers, squeeze
from docgen.collecting.docx_reading import FormDocument, read_form
from docgen.collecting.when import When, WhenError, parse_when
from docgen.errors import Finding, FormError, PlanError, Severity
from docgen.plan.model import Form, Plan, Unit

HEADER_SEARCH_ROWS = 10  # the header is looked for in the first rows of each table
_DATE_OR_GAP = re.compile(r"\t|\s{2,}|\d{2,4}\s*年|年\s*月")
ITEM, CONTENT, TIME, PLACE, DEPARTMENT, PERSON, PHONE = range(7)


@dataclass(frozen=True)
class Activity:
    """One filled, checked row of a returned form."""

    task: int
    task_title: str
    content: str
    when: When
    time_text: str
    place: str
    unit: Unit
    department: str
    person: str
    phone: str
    file: str
    row: int


@dataclass(frozen=True)
class RejectedRow:
    """A filled row left out of the schedule, with what is wrong with it."""

    file: str
    row: int
    unit: str
    cells: tuple[str, ...]
    problems: tuple[Finding, ...]


@dataclass(frozen=True)
class Collection:
    """What the returned forms say: activities by task and date, rows left out, every problem."""

    plan: Plan
    activities: list[Activity]
    rejected: list[RejectedRow]
    problems: list[Finding]
    returned: dict[str, str] = field(default_factory=dict)
    missing: list[Unit] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        """True when nothing at all was reported."""
        return not self.problems


@dataclass(eq=False)
class _ReturnedForm:
    path: Path
    order: int
    unit: Unit | None
    activities: list[Activity]
    rejected: list[RejectedRow]
    problems: list[Finding]


def form_of(plan: Plan) -> Form:
    """The plan's form; ``collect`` refuses a plan without one before anything reads it."""
    assert plan.form is not None, "collect needs a plan with a form"
    return plan.form


def collect(paths: Iterable[Path | str], plan: Plan) -> Collection:
    """Read each returned form and gather their activities; unreadable files are reported and skipped.

    ``plan`` is the plan as loaded (its running text is resolved here). When one unit returned
    several forms, the one modified last wins and both are named in a problem.
    """
    from docgen.plan.placeholders import resolve_plan

    if plan.form is None:
        raise PlanError([Finding("plan-without-form")])
    plan = resolve_plan(plan)
    seen: set[Path] = set()
    forms: list[_ReturnedForm] = []
    problems: list[Finding] = []
    for order, raw in enumerate(paths):
        path = Path(raw)
        key = path.resolve()
        if key in seen:
            continue
        seen.add(key)
        try:
            document = read_form(path)
        except FormError as exc:
            problems.extend(exc.problems)
            continue
        form = _read_returned(path, order, document, plan)
        problems.extend(form.problems)
        forms.append(form)
    kept, duplicate_problems = _latest_per_unit(forms)
    problems.extend(duplicate_problems)
    activities = sorted(
        (a for f in kept for a in f.activities),
        key=lambda a: (a.task, a.when.start, a.when.start_time or dt.time(0), a.when.end, a.file, a.row),
    )
    rejected = [r for f in forms if f.unit is None or f in kept for r in f.rejected]
    returned = {f.unit.id: str(f.path) for f in kept if f.unit is not None}
    # the issuer collects the forms: its own is not awaited from anyone
    awaited = [m for u in plan.responsible_units() if u.id != plan.issuer for m in u.returners()]
    missing = [u for u in awaited if u.id not in returned]
    problems.extend(Finding("unit-not-returned", {"unit": u.name}, severity=Severity.WARNING) for u in missing)
    return Collection(plan, activities, rejected, problems, returned, missing)


def form_unit(path: Path, plan: Plan) -> Unit | None:
    """The unit that returned the 活动安排 form at ``path``; None when it is no form or names no known unit.

    Reads the file as ``collect`` does (safely, bounded) but checks no rows and reports nothing:
    for telling which unit a file came from, not whether it was filled in well.
    """
    if plan.form is None:
        return None
    try:
        document = read_form(path)
    except FormError:
        return None
    found = _find_table(document, plan.form.columns)
    if isinstance(found, Finding):
        return None
    rows, columns = found
    unit, _ = _submitting_unit(document, rows, columns, plan, str(path))
    return unit


def _latest_per_unit(forms: list[_ReturnedForm]) -> tuple[list[_ReturnedForm], list[Finding]]:
    """One form per unit (or member): the latest by modification time (then by order given); the rest named.

    A form under a group's own name (各院部) may rightly come several times, once from each
    college: all of them are kept. A member's form (护理学院) counts once, like a unit's.
    """
    by_unit: dict[str, list[_ReturnedForm]] = {}
    kept, problems = [], []
    for form in forms:
        if form.unit is not None and form.unit.is_group:
            kept.append(form)
        elif form.unit is not None:
            by_unit.setdefault(form.unit.id, []).append(form)
    for group in by_unit.values():
        group.sort(key=lambda f: (_mtime(f.path), f.order))
        winner = group[-1]
        kept.append(winner)
        for loser in group[:-1]:
            assert winner.unit is not None
            problems.append(
                Finding(
                    "form-duplicate-unit",
                    {"unit": winner.unit.name, "kept": str(winner.path), "ignored": str(loser.path)},
                    file=str(loser.path),
                    severity=Severity.WARNING,
                )
            )
    return kept, problems


def _mtime(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return 0


def _read_returned(path: Path, order: int, document: FormDocument, plan: Plan) -> _ReturnedForm:
    """Find the form's table and unit line, then check every filled row under the header."""
    file = str(path)
    found = _find_table(document, form_of(plan).columns)
    if isinstance(found, Finding):
        return _ReturnedForm(path, order, None, [], [], [Finding(found.code, found.params, file=file)])
    rows, columns = found
    unit, unit_problems = _submitting_unit(document, rows, columns, plan, file)
    titles = [t.title for t in plan.tasks]
    activities, rejected, problems = [], [], list(unit_problems)
    header_keys = [squeeze(label) for label in form_of(plan).columns]
    for number, raw in enumerate(rows, 1):
        cells = tuple(raw[c].strip() if c is not None and c < len(raw) else "" for c in columns)
        if not any(cells) or [squeeze(c) for c in cells] == header_keys:
            continue
        if not any(cells[i] for i in (CONTENT, TIME, PLACE, PERSON, PHONE)):
            item = cells[ITEM] or cells[DEPARTMENT]
            problem = row_problem("row-not-filled", {"item": item}, file, number, Severity.WARNING)
            problems.append(problem)
            rejected.append(RejectedRow(file, number, unit.name if unit is not None else "", cells, (problem,)))
            continue
        row_problems, activity = _check_row(cells, titles, plan, unit, file, number)
        problems.extend(row_problems)
        if activity is not None and unit is not None and not row_problems:
            activities.append(activity)
        else:
            unit_name = unit.name if unit is not None else ""
            reasons = tuple(row_problems) or tuple(unit_problems)
            rejected.append(RejectedRow(file, number, unit_name, cells, reasons))
    return _ReturnedForm(path, order, unit, activities, rejected, problems)


def _find_table(document: FormDocument, labels: Sequence[str]) -> tuple[list[list[str]], list[int | None]] | Finding:
    """The rows under the form's header and, for each plan column, its grid column there."""
    keys = [squeeze(label) for label in labels]
    best: list[str] = []
    for table in document.tables:
        for index, row in enumerate(table[:HEADER_SEARCH_ROWS]):
            cells = [squeeze(c) for c in row]
            columns = [cells.index(k) if k in cells else None for k in keys]
            if all(c is not None for c in columns):
                return table[index + 1 :], columns
            matched = [labels[i] for i, c in enumerate(columns) if c is not None]
            if len(matched) > len(best):
                best = matched
    if len(best) >= 3:
        missing = [label for label in labels if label not in best]
        return Finding("form-columns-missing", {"missing": "、".join(missing)})
    return Finding("form-no-table", {"columns": "、".join(labels)})


def _submitting_unit(
    document: FormDocument, rows: list[list[str]], columns: list[int | None], plan: Plan, file: str
) -> tuple[Unit | None, list[Finding]]:
    """The unit on the 上报部门 line (id, name or full name); else the one all rows name, with a warning."""
    written = _submitter_text(document.paragraphs, form_of(plan).submitter)
    if written:
        unit = _unit_named(plan, written)
        if unit is not None:
            return unit, []
        names = [n for u in plan.units for n in (u.name, u.full_name) if n]
        guess = difflib.get_close_matches(written, names, n=1, cutoff=0.4)
        code = "form-unknown-unit-suggest" if guess else "form-unknown-unit"
        return None, [Finding(code, {"unit": written, "suggestion": guess[0] if guess else ""}, file=file)]
    department = columns[DEPARTMENT]
    named = {squeeze(r[department]) for r in rows if department is not None and department < len(r)} - {""}
    if len(named) == 1:
        unit = _unit_named(plan, named.pop())
        if unit is not None:
            return unit, [Finding("form-unit-from-rows", {"unit": unit.name}, file=file, severity=Severity.WARNING)]
    return None, [Finding("form-no-unit", {"label": form_of(plan).submitter}, file=file)]


def _submitter_text(paragraphs: list[str], label: str) -> str:
    """What follows the 上报部门（院部）： label, up to a tab, a wide gap or the date."""
    stem = squeeze(re.split(r"[（(]", label)[0]) or squeeze(label)
    for text in paragraphs:
        if stem not in squeeze(text):
            continue
        value = re.split(r"[:：]", unicodedata.normalize("NFKC", text), maxsplit=1)
        if len(value) < 2:
            return ""
        return _DATE_OR_GAP.split(value[1])[0].strip()
    return ""


def _unit_named(plan: Plan, written: str) -> Unit | None:
    """The unit, or the member of a group unit, that ``written`` names."""
    key = squeeze(written)
    for unit in plan.units:
        for candidate in [unit, *unit.returners()] if unit.members else [unit]:
            if key in (squeeze(candidate.id), squeeze(candidate.name), squeeze(candidate.full_name or candidate.name)):
                return candidate
    return None


def row_problem(
    code: str, params: dict[str, object], file: str, row: int, severity: Severity = Severity.ERROR
) -> Finding:
    """A problem of row ``row`` under the header: shown as ``FILE: row N: ...``, the row kept in params."""
    return Finding(code, {**params, "row": row}, file=file, path=f"row {row}", severity=severity)


def _check_row(
    cells: tuple[str, ...], titles: list[str], plan: Plan, unit: Unit | None, file: str, number: int
) -> tuple[list[Finding], Activity | None]:
    """Every problem of one filled row, and the activity it makes when it has none."""
    problems: list[Finding] = []

    def problem(code: str, **params: object) -> Finding:
        return row_problem(code, params, file, number)

    match = match_task(cells[ITEM], titles)
    if not cells[ITEM]:
        problems.append(problem("row-no-item"))
    elif match.number is None:
        code = "row-unknown-item-suggest" if match.suggestion else "row-unknown-item"
        params = {"item": cells[ITEM], "suggestion": match.suggestion, "count": len(titles)}
        problems.append(problem(code, **params))
    when = None
    try:
        when = parse_when(cells[TIME], plan.year)
    except WhenError as exc:
        problems.append(problem(f"row-{exc.code}", text=exc.text))
    period = plan.period
    if when is not None and (when.start < period.start or when.end > period.end):
        params = {"text": cells[TIME], "start": period.start, "end": period.end}
        problems.append(problem("row-date-outside", **params))
    if not cells[PERSON]:
        problems.append(problem("row-no-person"))
    numbers = phone_numbers(cells[PHONE])
    if not numbers:
        problems.append(problem("row-no-phone"))
    elif not all(is_phone(n) for n in numbers):
        problems.append(problem("row-bad-phone", phone=cells[PHONE]))
    if problems or when is None or match.number is None or unit is None:
        return problems, None
    activity = Activity(
        task=match.number,
        task_title=titles[match.number - 1],
        content=cells[CONTENT],
        when=when,
        time_text=cells[TIME],
        place=cells[PLACE],
        unit=unit,
        department=cells[DEPARTMENT] or unit.name,
        person=cells[PERSON],
        phone=cells[PHONE],
        file=file,
        row=number,
    )
    return problems, activity
