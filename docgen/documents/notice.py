"""The notice (方案 or 通知): the plan's sections in GB/T 9704 layout, then its attachment pages."""

from __future__ import annotations

from typing import Any

from docgen import chinese
from docgen.documents.body import notice_body, paragraphs
from docgen.documents.forms import attachment_note, attachment_pages, form_context
from docgen.documents.layout import ENUMERATION, HeadingCounter, period_text, signature, unit_names
from docgen.plan.model import Plan


def notice_context(plan: Plan) -> dict[str, Any]:
    """The notice (``plan`` must be resolved: its running text already rendered).

    ``title_lines``, ``salutation``, ``openings``, ``body``, ``attachment_note`` and
    ``attachments`` are what the shipped template prints; the names a template of docgen 0.1
    used (``ideology``, ``organization``, ``tasks`` …) are kept for templates adapted from it.
    """
    openings = paragraphs(plan.notice.opening)
    return {
        "heading": HeadingCounter(),
        "institution": plan.institution,
        "title": plan.notice_title,
        "title_lines": plan.title_lines,
        "salutation": plan.notice.salutation or "",
        "opening": openings[0] if openings else "",
        "openings": openings,
        "body": notice_body(plan),
        "attachment_note": attachment_note(plan),
        "attachments": attachment_pages(plan),
        "signature": _signature(plan),
        **_legacy(plan),
    }


def _signature(plan: Plan) -> list[dict[str, Any]]:
    """The issuer and the date, where the plan names an issuer and a date."""
    if plan.issued is None:
        return []
    lines = [plan.unit(plan.issuer).name] if plan.issuer is not None else []
    return signature(lines, plan.issued)


def _legacy(plan: Plan) -> dict[str, Any]:
    """The names docgen 0.1's notice template used, for templates adapted from it."""
    org = plan.organization
    rows = []
    if org is not None:
        if org.leaders:
            rows.append(
                {"label": chinese.pad_name("组长"), "names": ENUMERATION.join(chinese.pad_name(n) for n in org.leaders)}
            )
        if org.deputy_leaders:
            rows.append({"label": "副组长", "names": ENUMERATION.join(chinese.pad_name(n) for n in org.deputy_leaders)})
        if org.members:
            rows.append({"label": chinese.pad_name("组员"), "names": org.members})
    return {
        "ideology": plan.ideology or "",
        "organization": {"rows": rows, "note": (org.note or "") if org is not None else ""},
        "period": period_text(plan),
        "theme": plan.theme or "",
        "tasks": [{"title": t.title, "units": unit_names(plan, t.units), "work": t.work or ""} for t in plan.tasks],
        "requirements": [{"title": r.title or "", "text": r.text} for r in plan.requirements],
        "form": form_context(plan, attachment=True) if plan.form is not None else {},
    }


def _padded(names: list[str]) -> str:
    return ENUMERATION.join(chinese.pad_name(n) for n in names)
