"""The notice (方案 or 通知): the plan's sections in GB/T 9704 layout, then its attachment pages."""

from __future__ import annotations

from typing import Any

from docgen.documents.body import notice_body, paragraphs
from docgen.documents.forms import form_context
from docgen.plan.model import Plan


def notice_context(plan: Plan) -> dict[str, Any]:
    """The notice's own names, over the plan's (``plan`` must be resolved: its running text rendered).

    ``title_lines``, ``salutation``, ``openings``, ``body``, ``attachment_note`` and
    ``attachments`` are what the shipped template prints; ``opening`` and ``form`` (with the
    row height of a form printed under the 附件 line) serve templates adapted from docgen 0.1,
    whose other names (``ideology``, ``organization``, ``tasks`` …) are the plan's.
    """
    openings = paragraphs(plan.notice.opening)
    own: dict[str, Any] = {
        "title": plan.notice_title,
        "title_lines": [*plan.notice.header, *plan.title_lines],
        "salutation": plan.notice.salutation or "",
        "opening": openings[0] if openings else "",
        "openings": openings,
        "body": notice_body(plan),
        "form": form_context(plan, attachment=True) if plan.form is not None else {},
    }
    if plan.organization is None:
        own["organization"] = {"rows": [], "note": ""}  # docgen 0.1's template printed these unconditionally
    return own
