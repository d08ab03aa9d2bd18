"""The one context every template receives: the whole plan under the names its file uses.

Every template, built-in or declared in the plan, gets ``plan_context``: ``institution``,
``year``, ``campaign``, ``issued``, ``period``, ``units``, ``tasks``, ``deadlines``,
``contact`` and the rest, with the plan's placeholders already filled in. A document adds
its own names on top (``unit`` for a document made per unit, ``task`` per task, the notice's
``body``); where one of them takes a plan name's place (a task sheet's ``tasks`` are that
unit's), the plan's value is still ``plan.NAME``. ``CONTEXT_NAMES`` lists them all with a
line each: README's template section and ``docgen context`` are checked against it.

The plan context is built once per plan and shared by every document of a run (a plan with
10,000 units would otherwise rebuild its unit list per document).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from docgen import chinese
from docgen.documents.body import paragraphs, when_text
from docgen.documents.deadlines import calendar_grid, deadline_text, last_due_after
from docgen.documents.forms import attachment_note, attachment_pages, form_context
from docgen.documents.layout import HeadingCounter, contact_line, period_text, signature
from docgen.documents.plan_cache import PlanCache
from docgen.documents.titles import notice_title_lines
from docgen.plan.model import Deadline, Plan, Task, Unit
from docgen.rendering.values import Record, Records, to_plain

CONTEXT_NAMES: dict[str, str] = {
    "institution": "the institution, 吉林职业医学院",
    "year": "the plan's year, a number",
    "campaign": "the campaign's name, 职业教育宣传月",
    "issuer": "the issuing unit (a unit, printed as its name), or nothing",
    "issued": "the date of the notice (prints as 2019年4月26日; | md, | ymd, | weekday), or nothing",
    "period": "the period as every document writes it (4月28日至5月28日), with .start and .end dates",
    "theme": "the theme, or empty",
    "ideology": "指导思想, or empty",
    "policies": "the policies (each with .issuer, .title, .number); {{ policies | cite }} quotes them",
    "notice": "the notice: .title, .title_lines, .salutation, .openings (paragraphs)",
    "units": "every unit (each printed as its name, with .id, .name, .full_name, .members); units.ID finds one",
    "tasks": "the tasks in order (each printed as its title, with .id, .number 一 style, .units, .work, .when …)",
    "requirements": "the requirements (each with .number, .title, .text, .duty, .units)",
    "deadlines": "the deadlines (each printed as a sentence, with .date, .weekday, .action …); deadlines.KEY finds one",
    "contact": "whom units report to, printed as the contact line, with .name, .unit, .phone, .email; or nothing",
    "organization": "组织机构 (.rows padded for printing, .note, .leaders, .lead, .cooperating …), or nothing",
    "letter": "the letter (.title, .salutation, .body paragraphs, .closing, .hotline, .website, .address), or nothing",
    "form": "the blank form as form.docx prints it (.title, .columns, .rows, .table, .remark …), or nothing",
    "attachments": "the notice's attachment pages (each with .label, .title, .table …)",
    "attachment_note": "the notice's 附件说明 lines",
    "signature": "the notice's signature lines (each .text and .padding, the spaces that place it), the date last",
    "calendar": "the month grid of the period with every deadline (.weekdays, .weeks of days with .label, .marks)",
    "images": 'the plan\'s pictures by name, for {{ image("logo", width_mm=30) }} (see Pictures)',
    "heading": "heading(level): the next heading number at that level (一、 （一） 1. （1）)",
    "plan": "the names above but images and heading, as the plan gives them, also where a document's own name"
    " takes their place",
}
UNIT_NAMES: dict[str, str] = {
    "unit": "for a document made per unit: the unit (printed as its name), with .tasks, .duties and .deadlines",
}
TASK_NAMES: dict[str, str] = {"task": "for a document made per task: the task, with .units"}

_shared = PlanCache()
_CONTEXT = "plan context"  # the key of the plan's names, beside per_plan's keys


def plan_context(plan: Plan) -> dict[str, Any]:
    """What every template receives from the plan (``plan`` resolved: its running text filled in).

    Built once per plan and shared: templates cannot change it (the sandbox is immutable).
    """
    context: dict[str, Any] = _shared.get(plan, _CONTEXT, lambda: _build(plan))
    return context


def per_plan(plan: Plan, key: Any, build: Callable[[], Any]) -> Any:
    """``build()`` once per plan and ``key``: what many documents of a run share (a month grid per set of deadlines).

    The value is shared by the documents that ask for it, which templates cannot change.
    """
    return _shared.get(plan, ("per plan", key), build)


def with_plan(build: Callable[..., dict[str, Any]], plan: Plan, *args: Any) -> dict[str, Any]:
    """A document's own names (``build(plan, *args)``) over the plan's: what its template receives.

    A document's ``build`` is this, partly applied: picklable for worker processes.
    """
    return document_context(plan, build(plan, *args))


def document_context(plan: Plan, own: dict[str, Any]) -> dict[str, Any]:
    """The plan's names, then a document's ``own`` names over them, with ``plan`` and a fresh ``heading``."""
    base = plan_context(plan)
    return {**base, "heading": HeadingCounter(), **own, "plan": base}


def _build(plan: Plan) -> dict[str, Any]:
    units = Records((unit_record(u) for u in plan.units), [u.id for u in plan.units])
    tasks = Records((_task(plan, n, t, units) for n, t in enumerate(plan.tasks, 1)), [t.id for t in plan.tasks])
    deadlines = Records(
        (deadline_record(k, d, last=last_due_after(plan, k)) for k, d in plan.deadlines.items()),
        [str(k) for k in plan.deadlines],
    )
    return {
        "institution": plan.institution,
        "year": plan.year,
        "campaign": plan.campaign,
        "issuer": units[plan.issuer] if plan.issuer is not None else None,
        "issued": plan.issued,
        "period": Record(period_text(plan), start=plan.period.start, end=plan.period.end),
        "theme": plan.theme or "",
        "ideology": plan.ideology or "",
        "policies": Records(
            Record(f"《{p.title}》", issuer=p.issuer or "", title=p.title, number=p.number or "") for p in plan.policies
        ),
        "notice": Record(
            plan.notice_title,
            title=plan.notice_title,
            title_lines=notice_title_lines(plan),
            salutation=plan.notice.salutation or "",
            openings=paragraphs(plan.notice.opening),
        ),
        "units": units,
        "tasks": tasks,
        "requirements": Records(_requirement(plan, n, units) for n in range(1, len(plan.requirements) + 1)),
        "deadlines": deadlines,
        "contact": _contact(plan, units),
        "organization": _organization(plan, units),
        "letter": _letter(plan, units),
        "form": form_context(plan) if plan.form is not None else None,
        "attachments": attachment_pages(plan),
        "attachment_note": attachment_note(plan),
        "signature": notice_signature(plan),
        "calendar": calendar_grid(plan, list(plan.deadlines.values())),
    }


def notice_signature(plan: Plan) -> list[dict[str, Any]]:
    """The notice's issuers (the issuer, then those signing with it) and its date; the issuers alone without one."""
    names = [plan.unit(i).name for i in (plan.issuer, *plan.joint_issuers) if i is not None]
    if plan.issued is None:
        return signature(names, "")[:-1] if names else []
    return signature(names, plan.issued)


def unit_record(unit: Unit, text: str | None = None, **more: Any) -> Record:
    """A unit: printed as its name (or ``text``), with its id, names, members and contact."""
    contact = unit.contact.as_dict() if unit.contact is not None else None
    return Record(
        unit.name if text is None else text,
        id=unit.id,
        name=unit.name,
        full_name=unit.display_full_name,
        members=list(unit.members),
        contact=contact,
        **more,
    )


def task_record(plan: Plan, number: int, **more: Any) -> Record:
    """Task ``number`` (1-based) as ``tasks`` holds it, with ``more`` fields (a task sheet's ``partners``).

    Made from the plan context's record, so its units are not listed again for every document.
    """
    record = plan_context(plan)["tasks"][number - 1]
    return Record(str(record), **{**record.fields(), **more})


def requirement_record(plan: Plan, number: int, *, as_duty: bool = False) -> Record:
    """Requirement ``number`` (1-based) as ``requirements`` holds it.

    ``as_duty``: as a task sheet lists it, with the duty (where the plan words one) as its text.
    """
    record: Record = plan_context(plan)["requirements"][number - 1]
    if not as_duty:
        return record
    return Record(str(record), **{**record.fields(), "text": record.duty})


def _task(plan: Plan, number: int, task: Task, units: Records) -> Record:
    """Task ``number`` (1-based): printed as its title, numbered as the notice numbers it."""
    fields = task.as_dict(exclude={"id", "title", "units", "work", "items"})
    return Record(
        task.title,
        id=task.id,
        index=number,
        number=chinese.section_number(2, number),
        title=task.title,
        units=Records((units[u] for u in task.units), task.units),
        work=task.work or "",
        when=when_text(task),
        items=[item.as_dict() for item in task.items],
        **fields,
    )


def _requirement(plan: Plan, number: int, units: Records) -> Record:
    """Requirement ``number`` (1-based): printed as its title, else its text."""
    requirement = plan.requirements[number - 1]
    return Record(
        requirement.title or requirement.text,
        index=number,
        number=chinese.section_number(2, number),
        title=requirement.title or "",
        text=requirement.text,
        duty=requirement.duty or requirement.text,
        units=Records((units[u] for u in requirement.units), requirement.units),
    )


def deadline_record(key: str, deadline: Deadline, *, receiver: bool = False, last: dt.date | None = None) -> Record:
    """A deadline: printed as the sentence a task sheet gives (5月9日（周四）前上报活动安排表).

    ``last``: a weekly one's last due day after the period (``deadlines.last_due_after``).
    """
    return Record(deadline_text(deadline, receiver=receiver, last=last), key=key, **deadline.as_dict())


def _contact(plan: Plan, units: Records) -> Record | None:
    contact = plan.contact
    if contact is None:
        return None
    return Record(
        contact_line(plan),
        name=contact.name,
        unit=units[contact.unit],
        phone=contact.phone or "",
        email=contact.email or "",
    )


def _organization(plan: Plan, units: Records) -> dict[str, Any] | None:
    org = plan.organization
    if org is None:
        return None
    rows = []
    if org.leaders:
        rows.append({"label": chinese.pad_name("组长"), "names": "、".join(chinese.pad_name(n) for n in org.leaders)})
    if org.deputy_leaders:
        rows.append({"label": "副组长", "names": "、".join(chinese.pad_name(n) for n in org.deputy_leaders)})
    if org.members:
        rows.append({"label": chinese.pad_name("组员"), "names": org.members})
    return {
        **org.as_dict(exclude={"lead", "cooperating"}),
        "text": org.text or "",
        "note": org.note or "",
        "office": org.office or "",
        "members": org.members or "",
        "rows": rows,
        "lead": units[org.lead] if org.lead is not None else None,
        "cooperating": Records((units[u] for u in org.cooperating), org.cooperating),
    }


def _letter(plan: Plan, units: Records) -> dict[str, Any] | None:
    letter = plan.letter
    if letter is None:
        return None
    return {
        "title": letter.title,
        "salutation": letter.salutation,
        "body": list(letter.body),
        "closing": letter.closing,
        "hotline": letter.hotline or "",
        "website": letter.website or "",
        "address": letter.address or "",
        "sender": units[letter.sender],
        "date": letter.date or plan.issued or plan.period.start,
    }


def context_yaml(context: dict[str, Any], plan: Plan, headers: tuple[str, str] | None = None) -> str:
    """``context`` as YAML for a template author: the document's own names first, then the plan's.

    A record shows its ``text`` (what ``{{ name }}`` prints) beside its fields; ``headers`` are
    the comments above the two parts (English by default; the command line translates them).
    """
    import yaml

    class Dumper(yaml.SafeDumper):
        """Lists of plain values on one line each (a table row, the columns), everything else in blocks."""

        def ignore_aliases(self, data: Any) -> bool:
            return True  # the issuer is also among the units: show it in full in both places

        def represent_sequence(self, tag: str, sequence: Any, flow_style: bool | None = None) -> yaml.SequenceNode:
            flat = all(not isinstance(item, (dict, list)) for item in sequence)
            return super().represent_sequence(tag, sequence, flow_style=flat and bool(sequence))

    base = plan_context(plan)
    own = {
        k: v for k, v in context.items() if k != "plan" and (base[k] is not v if k in base else k not in CONTEXT_NAMES)
    }
    shared = {k: v for k, v in context.items() if k != "plan" and k not in own}

    def dump(values: dict[str, Any]) -> str:
        return str(yaml.dump(to_plain(values), Dumper=Dumper, allow_unicode=True, sort_keys=False, width=100))

    return "\n".join(
        [
            f"# {(headers or HEADERS)[0]}",
            dump(own).rstrip(),
            f"# {(headers or HEADERS)[1]}",
            dump(shared).rstrip(),
            "",
        ]
    )


HEADERS = (
    "this document's own names (where one has a plan name, the plan's value is plan.NAME)",
    "the plan's names, which every template receives",
)
