"""docgen: one YAML plan of a recurring campaign -> every document the campaign needs.

The public API is listed in ``__all__``. Names are imported on first use so that
``docgen --help`` does not pay for pydantic, docxtpl and Babel.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS = {
    "load_plan": "docgen.planfile",
    "check_plan": "docgen.planfile",
    "CheckReport": "docgen.planfile",
    "Plan": "docgen.plan",
    "Unit": "docgen.plan",
    "Task": "docgen.plan",
    "Requirement": "docgen.plan",
    "Deadline": "docgen.plan",
    "Contact": "docgen.plan",
    "Form": "docgen.plan",
    "Letter": "docgen.plan",
    "plan_schema": "docgen.schema",
    "resolve_plan": "docgen.text",
    "render": "docgen.batch",
    "init_project": "docgen.scaffold",
    "DocgenError": "docgen.errors",
    "PlanError": "docgen.errors",
    "TemplateError": "docgen.errors",
    "FormError": "docgen.errors",
    "UnknownUnitError": "docgen.errors",
    "OutputExistsError": "docgen.errors",
    "WriteError": "docgen.errors",
    "OfficeError": "docgen.errors",
    "Problem": "docgen.errors",
    "Severity": "docgen.errors",
    "format_problem": "docgen.messages",
    "format_review_item": "docgen.messages",
    "new_year": "docgen.newyear",
    "collect": "docgen.collecting",
    "Collection": "docgen.collecting",
    "Activity": "docgen.collecting",
    "RejectedRow": "docgen.collecting",
    "write_collection": "docgen.schedule",
    "deadlines_calendar": "docgen.calendars",
    "activities_calendar": "docgen.calendars",
    "ReviewItem": "docgen.review",
    "ReviewKind": "docgen.review",
}

__all__ = [
    "Activity",
    "CheckReport",
    "Collection",
    "Contact",
    "Deadline",
    "DocgenError",
    "Form",
    "FormError",
    "Letter",
    "OfficeError",
    "OutputExistsError",
    "Plan",
    "PlanError",
    "Problem",
    "RejectedRow",
    "Requirement",
    "ReviewItem",
    "ReviewKind",
    "Severity",
    "Task",
    "TemplateError",
    "Unit",
    "UnknownUnitError",
    "WriteError",
    "__version__",
    "activities_calendar",
    "check_plan",
    "collect",
    "deadlines_calendar",
    "format_problem",
    "format_review_item",
    "init_project",
    "load_plan",
    "new_year",
    "plan_schema",
    "render",
    "resolve_plan",
    "write_collection",
]

if TYPE_CHECKING:
    from docgen.batch import render
    from docgen.calendars import activities_calendar, deadlines_calendar
    from docgen.collecting import Activity, Collection, RejectedRow, collect
    from docgen.errors import (
        DocgenError,
        FormError,
        OfficeError,
        OutputExistsError,
        PlanError,
        Problem,
        Severity,
        TemplateError,
        UnknownUnitError,
        WriteError,
    )
    from docgen.messages import format_problem, format_review_item
    from docgen.newyear import new_year
    from docgen.plan import Contact, Deadline, Form, Letter, Plan, Requirement, Task, Unit
    from docgen.planfile import CheckReport, check_plan, load_plan
    from docgen.review import ReviewItem, ReviewKind
    from docgen.scaffold import init_project
    from docgen.schedule import write_collection
    from docgen.schema import plan_schema
    from docgen.text import resolve_plan


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'docgen' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
