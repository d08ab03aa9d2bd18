"""A context for every template docgen ships, as its documents receive it from the sample plan.

The plan's documents (notice, form, letter, task sheet, issuing notice) come from the sample
plan; the month's documents (催报, 简报, summary, schedule) from a returns folder laid out and
filled by ``report_samples``, two units' 活动安排 forms among them. Each template gets the
contexts of its documents (a task sheet per unit), built afresh for each render (a task
sheet's ``heading()`` counts its headings), and the pictures they place (the 简报's photos).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from docgen.collecting.forms import collect
from docgen.collecting.schedule import schedule_context
from docgen.documents.batch import render
from docgen.documents.kinds import plan_documents
from docgen.plan.files import resolved_plan
from docgen.publishing.bulletin import digest_context
from docgen.publishing.issues import gather_issues
from docgen.publishing.summary import campaign_figures, summary_context
from docgen.rendering.pictures import PicturePart
from docgen.tracking.reminders import owed_units, reminder_context
from docgen.tracking.status import track_returns
from tests.support.paths import SHIPPED_PLAN
from tests.support.plans import issuing_plan
from tests.support.report_samples import SCHEDULE, build_report_returns

MAY_9 = dt.date(2019, 5, 9)
MAY_28 = dt.date(2019, 5, 28)


Builder = Callable[[], dict[str, Any]]


class TemplateContexts:
    """Each shipped template's name, how to build the contexts of its documents, and the pictures they place."""

    def __init__(self) -> None:
        self.builders: dict[str, list[Builder]] = {}  # a document's, or a task sheet per unit
        self.pictures: dict[str, list[PicturePart]] = {}

    def __repr__(self) -> str:
        return f"TemplateContexts({', '.join(self.builders)})"

    def context(self, name: str, document: int = 0) -> dict[str, Any]:
        """A fresh context for the template ``name`` (of its first document, or of the one at ``document``)."""
        return self.builders[name][document]()

    def contexts(self, name: str) -> list[dict[str, Any]]:
        """Fresh contexts of every document the template ``name`` makes."""
        return [build() for build in self.builders[name]]


def shipped_contexts(folder: Path) -> TemplateContexts:
    """The contexts of each shipped template; ``folder`` receives the returns folder and the issuing plan."""
    found = TemplateContexts()
    plan = resolved_plan(SHIPPED_PLAN)
    issuing = resolved_plan(issuing_plan(folder))
    kinds: dict[str, str] = {}  # the kind whose documents stand for a template (form.docx: the blank form)
    for document in [*plan_documents(plan), *plan_documents(issuing, ["issuing-notice"])]:
        if kinds.setdefault(document.template, document.kind) == document.kind:
            found.builders.setdefault(document.template, []).append(document.build)
    forms = render(SHIPPED_PLAN, folder / "forms", only="unit-form")
    blank = {form.name.split("-")[0]: form for form in forms}
    returns = build_report_returns(plan, folder / "回收", blank)
    report = track_returns(plan, returns, MAY_28)
    found.builders["reminder.docx"] = [partial(reminder_context, report, u) for u in owed_units(report)]
    issue = gather_issues(plan, returns, 2)[-1]
    digest, found.pictures["digest.docx"] = digest_context(plan, issue, MAY_9)
    found.builders["digest.docx"] = [lambda: dict(digest)]
    figures = campaign_figures(plan, returns, MAY_28)
    found.builders["summary.docx"] = [partial(summary_context, plan, figures)]
    returned = sorted((returns / SCHEDULE).glob("*.docx"))
    found.builders["schedule.docx"] = [partial(schedule_context, collect(returned, plan))]
    return found
