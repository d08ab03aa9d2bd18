"""Rules that span fields (references, dates against the period and year), and where in the file a text problem stands.

They run on a plan that already passed the schema, and return located problems; what makes a
document wrong is an error, what a careful reader would question is a warning, and a fact worth
knowing that asks nothing of anyone (a campaign that starts before its notice is dated, a letter
without a hotline) is a note, shown by ``docgen check --notes``.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from docgen import chinese
from docgen.errors import Finding, Severity
from docgen.plan.image_checks import image_findings
from docgen.plan.issuing_checks import issuing_findings
from docgen.plan.model import Plan
from docgen.plan.placeholders import TextProblem
from docgen.plan.shape_checks import shape_findings
from docgen.plan.sourcemap import PlanPath, SourceMap, Unlocated, dotted

_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_ERROR, _WARNING, _NOTE = Severity.ERROR, Severity.WARNING, Severity.NOTE
MAX_CALENDAR_DAYS = 400  # the period and the dated deadlines, as a task sheet's calendar shows them


def check(plan: Plan, source: SourceMap, texts: list[tuple[PlanPath, str]]) -> list[Finding]:
    """Every cross-field problem of a schema-valid plan, located in its source file.

    ``texts`` is every text of the plan's data as read from YAML, with its path, in file order
    (``LoadedYaml.strings``).
    """
    folder = Path(source.file).parent if source.file else None
    # pictures are looked for beside a plan file, not beside a text named "<plan>" or not written yet
    pictures = folder if source.file and Path(source.file).is_file() else None
    findings = [
        *_forbidden_characters(texts),
        *_registry(plan, source),
        *_references(plan),
        *_dates(plan),
        *_calendar_span(plan),
        *_duties(plan),
        *_contacts(plan),
        *_letter(plan),
        *shape_findings(plan, folder),
        *_conventions(plan, texts),
        *issuing_findings(plan),
        *image_findings(plan, pictures),
    ]
    problems = []
    written: dict[PlanPath, str] = {}  # the texts by path, made for the first forbidden character
    for path, code, params, severity in findings:
        line, column = source.locate(path)
        if code == "forbidden-character":
            written = written or dict(texts)
            line, column = source.locate_in_text(path, written[path], params["offset"])
        problems.append(Finding(code, params, source.file, line, column, dotted(path), severity))
    return problems


def located_texts(found: list[TextProblem], source: SourceMap) -> list[Finding]:
    """Running-text problems (``text.check_texts``) located in the source file, inside the text itself."""
    problems = []
    for text in found:
        line, column = source.locate_in_text(text.path, text.text, text.offset)
        problems.append(Finding(text.code, text.params, source.file, line, column, dotted(text.path)))
    return problems


def _forbidden_characters(texts: list[tuple[PlanPath, str]]) -> Iterator[Unlocated]:
    for path, text in texts:
        match = _XML_FORBIDDEN.search(text)
        if match:
            params = {"code": f"U+{ord(match.group()):04X}", "offset": match.start()}
            yield path, "forbidden-character", params, _ERROR


def _registry(plan: Plan, source: SourceMap) -> Iterator[Unlocated]:
    seen: dict[str, int] = {}
    for i, unit in enumerate(plan.units):
        if unit.id in seen:
            first_line, _ = source.locate(("units", seen[unit.id], "id"))
            yield ("units", i, "id"), "duplicate-unit-id", {"id": unit.id, "first_line": first_line}, _ERROR
        else:
            seen[unit.id] = i
    names: dict[str, int] = {}
    for i, unit in enumerate(plan.units):
        if unit.name in names:
            yield ("units", i, "name"), "duplicate-unit-name", {"name": unit.name}, _WARNING
        names.setdefault(unit.name, i)
    task_ids: set[str] = set()
    for i, task in enumerate(plan.tasks):
        if task.id in task_ids:
            yield ("tasks", i, "id"), "duplicate-task-id", {"id": task.id}, _ERROR
        task_ids.add(task.id)
        named: set[str] = set()  # a task may name thousands of units: no scan of those before each
        for j, unit_id in enumerate(task.units):
            if unit_id in named:
                yield ("tasks", i, "units", j), "repeated-unit", {"id": unit_id}, _WARNING
            named.add(unit_id)


def _unit_references(plan: Plan) -> Iterator[tuple[PlanPath, str]]:
    if plan.issuer is not None:
        yield ("issuer",), plan.issuer
    for i, unit_id in enumerate(plan.joint_issuers):
        yield ("joint_issuers", i), unit_id
    if plan.organization is not None:
        if plan.organization.lead is not None:
            yield ("organization", "lead"), plan.organization.lead
        for i, unit_id in enumerate(plan.organization.cooperating):
            yield ("organization", "cooperating", i), unit_id
    for i, task in enumerate(plan.tasks):
        for j, unit_id in enumerate(task.units):
            yield ("tasks", i, "units", j), unit_id
        for j, unit_id in enumerate(task.organisers):
            yield ("tasks", i, "organisers", j), unit_id
    for i, requirement in enumerate(plan.requirements):
        for j, unit_id in enumerate(requirement.units):
            yield ("requirements", i, "units", j), unit_id
    for key, deadline in plan.deadlines.items():
        if deadline.to is not None:
            yield ("deadlines", key, "to"), deadline.to
        for j, unit_id in enumerate(deadline.units):
            yield ("deadlines", key, "units", j), unit_id
    if plan.contact is not None:
        yield ("contact", "unit"), plan.contact.unit
    if plan.letter is not None:
        yield ("letter", "sender"), plan.letter.sender


def _references(plan: Plan) -> Iterator[Unlocated]:
    unit_ids = list(dict.fromkeys(u.id for u in plan.units))
    known_units = set(unit_ids)  # a list would make this quadratic in the number of units
    for path, unit_id in _unit_references(plan):
        if unit_id not in known_units:
            yield path, *_unknown("unknown-unit", unit_id, unit_ids)
    task_ids = [t.id for t in plan.tasks]
    known_tasks = set(task_ids)
    for key, deadline in plan.deadlines.items():
        if deadline.task is not None and deadline.task not in known_tasks:
            yield ("deadlines", key, "task"), *_unknown("unknown-task", deadline.task, task_ids)


def _unknown(code: str, value: str, known: list[str]) -> tuple[str, dict[str, Any], Severity]:
    guess = difflib.get_close_matches(value, known, n=1, cutoff=0.5)
    params = {"id": value, "suggestion": guess[0] if guess else "", "known": ", ".join(known)}
    return (code + "-suggest" if guess else code), params, _ERROR


def _dates(plan: Plan) -> Iterator[Unlocated]:
    start, end = plan.period.start, plan.period.end
    if end < start:
        yield ("period", "end"), "period-reversed", {"start": start, "end": end}, _ERROR
    for path, day in plan.dates():
        if day.year != plan.year:
            yield path, "date-outside-year", {"date": day, "year": plan.year}, _WARNING
    if plan.issued is not None and plan.issued > start:
        yield ("issued",), "issued-after-start", {"issued": plan.issued, "start": start}, _NOTE
    for key, deadline in plan.deadlines.items():
        if deadline.date is None:
            continue
        day = deadline.date
        # a deadline before the period is common (apply by 5月24日 for an event on 5月25日);
        # one before the notice is issued, or after the end without 'after_end', is not
        if plan.issued is not None and day < plan.issued:
            yield ("deadlines", key, "date"), "deadline-before-issued", {"date": day, "issued": plan.issued}, _WARNING
        elif day > end and not deadline.after_end:
            yield (
                ("deadlines", key, "date"),
                "deadline-outside-period",
                {"date": day, "start": start, "end": end},
                _WARNING,
            )
        if deadline.after_end and day <= end:
            yield ("deadlines", key, "date"), "summary-before-end", {"date": day, "end": end}, _WARNING


def _calendar_span(plan: Plan) -> Iterator[Unlocated]:
    """A task sheet's calendar shows every week from the first date to the last one.

    Dates centuries apart (a typo in a year) would make it thousands of pages long.
    """
    dated = [(path, day) for path, day in plan.dates() if path[0] in ("period", "deadlines")]
    first = min(day for _, day in dated)
    last = max(day for _, day in dated)
    if (last - first).days > MAX_CALENDAR_DAYS:
        start, end = plan.period.start, plan.period.end
        path, _ = max(dated, key=lambda item: max((start - item[1]).days, (item[1] - end).days))
        params = {"first": first, "last": last, "limit": MAX_CALENDAR_DAYS}
        yield path, "calendar-too-long", params, _ERROR


def _duties(plan: Plan) -> Iterator[Unlocated]:
    responsible = {u.id for u in plan.responsible_units()}
    # the issuers and the contact's unit receive what the others send: they need no duty of their own;
    # a task's organisers and the units a deadline names have theirs in those
    receiving = {plan.issuer, *plan.joint_issuers, plan.contact.unit if plan.contact is not None else None}
    receiving |= {u for t in plan.tasks for u in t.organisers} | {u for d in plan.deadlines.values() for u in d.units}
    for i, unit in enumerate(plan.units):
        if unit.id not in responsible and unit.id not in receiving:
            yield ("units", i, "id"), "unit-without-duty", {"id": unit.id, "name": unit.name}, _WARNING


def _contacts(plan: Plan) -> Iterator[Unlocated]:
    """A note naming the units that owe returns but list no 联络员: reminders show 未登记联络员 for them."""
    if not plan.deadlines:
        return
    receiving = {plan.issuer, plan.contact.unit if plan.contact is not None else None}
    without = [u.name for u in plan.responsible_units() if u.id not in receiving and u.contact is None]
    if without:
        yield ("units",), "unit-without-contact", {"units": "、".join(without), "count": len(without)}, Severity.NOTE


def _letter(plan: Plan) -> Iterator[Unlocated]:
    if plan.letter is None:
        return
    for name in ("hotline", "website", "address"):
        if getattr(plan.letter, name) is None:
            yield ("letter",), "letter-optional-missing", {"field": name}, _NOTE


def _conventions(plan: Plan, texts: list[tuple[PlanPath, str]]) -> Iterator[Unlocated]:
    """GB/T 9704-2012 writing: document numbers as 〔2019〕9号, dates in Arabic numerals (warnings)."""
    for i, policy in enumerate(plan.policies):
        if policy.number is None:
            continue
        for slip in chinese.document_number_slips(policy.number):
            params = {"number": policy.number, "found": slip.found, "corrected": slip.corrected}
            yield ("policies", i, "number"), "document-number-form", params, _WARNING
    yield from _chinese_dates(texts)


def _chinese_dates(texts: list[tuple[PlanPath, str]]) -> Iterator[Unlocated]:
    """Dates in Chinese numerals (二〇一九年四月三十日) in the plan's text: GB/T 9704-2012 writes 2019年4月30日."""
    for path, text in texts:
        for slip in chinese.date_slips(text):
            yield path, "date-chinese-numerals", {"found": slip.found, "corrected": slip.corrected}, _WARNING
