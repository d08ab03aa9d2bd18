"""The notice (方案): the plan's sections in GB/T 9704 layout, with the form as its attachment."""

from __future__ import annotations

from typing import Any

from docgen import chinese
from docgen.documents.forms import form_context
from docgen.documents.layout import ENUMERATION, HeadingCounter, period_text, signature, unit_names
from docgen.plan.model import Plan


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
        "period": period_text(plan),
        "theme": plan.theme,
        "tasks": [{"title": t.title, "units": unit_names(plan, t.units), "work": t.work} for t in plan.tasks],
        "requirements": [{"title": r.title, "text": r.text} for r in plan.requirements],
        "signature": signature([plan.unit(plan.issuer).name], plan.issued),
        "form": form_context(plan, attachment=True),
    }
