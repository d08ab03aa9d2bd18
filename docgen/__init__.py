"""docgen: one YAML plan of a recurring campaign -> every document the campaign needs.

The public API is listed in ``__all__``. Names are imported on first use so that
``docgen --help`` does not pay for pydantic, docxtpl and Babel.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from docgen.version import __version__

_EXPORTS = {
    "load_plan": "docgen.plan.files",
    "check_plan": "docgen.documents.checks",
    "check_project": "docgen.documents.checks",
    "ProjectCheck": "docgen.documents.checks",
    "check_template": "docgen.rendering.template_check",
    "CheckReport": "docgen.plan.files",
    "Plan": "docgen.plan.model",
    "Unit": "docgen.plan.model",
    "Task": "docgen.plan.model",
    "Requirement": "docgen.plan.model",
    "Deadline": "docgen.plan.model",
    "Contact": "docgen.plan.model",
    "Form": "docgen.plan.model",
    "Letter": "docgen.plan.model",
    "plan_schema": "docgen.plan.schema",
    "resolve_plan": "docgen.plan.placeholders",
    "render": "docgen.documents.batch",
    "template_context": "docgen.documents.batch",
    "kind_template": "docgen.documents.batch",
    "init_project": "docgen.documents.scaffold",
    "update_templates": "docgen.documents.template_updates",
    "TemplateUpdate": "docgen.documents.template_updates",
    "DocgenError": "docgen.errors",
    "PlanError": "docgen.errors",
    "TemplateError": "docgen.errors",
    "FormError": "docgen.errors",
    "UnknownUnitError": "docgen.errors",
    "OutputExistsError": "docgen.errors",
    "WriteError": "docgen.errors",
    "OfficeError": "docgen.errors",
    "Finding": "docgen.errors",
    "Severity": "docgen.errors",
    "format_problem": "docgen.messages",
    "format_review_item": "docgen.messages",
    "new_year": "docgen.rollover.years",
    "import_plan": "docgen.importing.plans",
    "WordFileError": "docgen.errors",
    "collect": "docgen.collecting.forms",
    "Collection": "docgen.collecting.forms",
    "Activity": "docgen.collecting.forms",
    "RejectedRow": "docgen.collecting.forms",
    "write_collection": "docgen.collecting.schedule",
    "deadlines_calendar": "docgen.documents.deadline_calendar",
    "activities_calendar": "docgen.collecting.activity_calendar",
    "audit": "docgen.auditing.audit",
    "AuditReport": "docgen.auditing.audit",
    "fix_document": "docgen.auditing.fixing",
    "FixReport": "docgen.auditing.fixing",
    "format_audit_finding": "docgen.messages",
    "UnknownDeadlineError": "docgen.errors",
    "Due": "docgen.plan.dues",
    "dues": "docgen.plan.dues",
    "owing_units": "docgen.tracking.dues",
    "returns_folder": "docgen.tracking.dues",
    "StatusReport": "docgen.tracking.status",
    "track_returns": "docgen.tracking.status",
    "init_returns": "docgen.tracking.folders",
    "write_status": "docgen.tracking.folders",
    "tally": "docgen.tracking.tally",
    "receive_file": "docgen.tracking.receiving",
    "receive_files": "docgen.tracking.receiving",
    "Filing": "docgen.tracking.receiving",
    "Choices": "docgen.tracking.deciding",
    "returns_state": "docgen.tracking.state",
    "status_data": "docgen.tracking.state",
    "dashboard_html": "docgen.tracking.dashboard",
    "RecordError": "docgen.errors",
    "ReceiveError": "docgen.errors",
    "fetch_mail": "docgen.tracking.mail.fetching",
    "mail_account": "docgen.tracking.mail.fetching",
    "MailReport": "docgen.tracking.mail.fetching",
    "MailError": "docgen.errors",
    "gather_issues": "docgen.publishing.issues",
    "write_digest": "docgen.publishing.writing",
    "write_summary": "docgen.publishing.writing",
    "DocxTemplate": "docgen.rendering.docxtpl_compat",
    "RichText": "docgen.rendering.docxtpl_compat",
    "R": "docgen.rendering.docxtpl_compat",
    "RichTextParagraph": "docgen.rendering.docxtpl_compat",
    "RP": "docgen.rendering.docxtpl_compat",
    "Listing": "docgen.rendering.docxtpl_compat",
    "InlineImage": "docgen.rendering.docxtpl_compat",
    "Subdoc": "docgen.rendering.docxtpl_compat",
    "doctor": "docgen.office.doctor",
    "MachineReport": "docgen.office.doctor",
    "clear_cache": "docgen.cache",
    "WarmConverter": "docgen.office.warm",
}

__all__ = [
    "RP",
    "Activity",
    "AuditReport",
    "CheckReport",
    "Choices",
    "Collection",
    "Contact",
    "Deadline",
    "DocgenError",
    "DocxTemplate",
    "Due",
    "Filing",
    "Finding",
    "FixReport",
    "Form",
    "FormError",
    "InlineImage",
    "Letter",
    "Listing",
    "MachineReport",
    "MailError",
    "MailReport",
    "OfficeError",
    "OutputExistsError",
    "Plan",
    "PlanError",
    "ProjectCheck",
    "R",
    "ReceiveError",
    "RecordError",
    "RejectedRow",
    "Requirement",
    "RichText",
    "RichTextParagraph",
    "Severity",
    "StatusReport",
    "Subdoc",
    "Task",
    "TemplateError",
    "TemplateUpdate",
    "Unit",
    "UnknownDeadlineError",
    "UnknownUnitError",
    "WarmConverter",
    "WordFileError",
    "WriteError",
    "__version__",
    "activities_calendar",
    "audit",
    "check_plan",
    "check_project",
    "check_template",
    "clear_cache",
    "collect",
    "dashboard_html",
    "deadlines_calendar",
    "doctor",
    "dues",
    "fetch_mail",
    "fix_document",
    "format_audit_finding",
    "format_problem",
    "format_review_item",
    "gather_issues",
    "import_plan",
    "init_project",
    "init_returns",
    "kind_template",
    "load_plan",
    "mail_account",
    "new_year",
    "owing_units",
    "plan_schema",
    "receive_file",
    "receive_files",
    "render",
    "resolve_plan",
    "returns_folder",
    "returns_state",
    "status_data",
    "tally",
    "template_context",
    "track_returns",
    "update_templates",
    "write_collection",
    "write_digest",
    "write_status",
    "write_summary",
]

if TYPE_CHECKING:
    from docgen.auditing.audit import AuditReport, audit
    from docgen.auditing.fixing import FixReport, fix_document
    from docgen.cache import clear_cache
    from docgen.collecting.activity_calendar import activities_calendar
    from docgen.collecting.forms import Activity, Collection, RejectedRow, collect
    from docgen.collecting.schedule import write_collection
    from docgen.documents.batch import kind_template, render
    from docgen.documents.checks import ProjectCheck, check_plan, check_project
    from docgen.documents.deadline_calendar import deadlines_calendar
    from docgen.documents.scaffold import init_project
    from docgen.documents.template_updates import TemplateUpdate, update_templates
    from docgen.errors import (
        DocgenError,
        Finding,
        FormError,
        MailError,
        OfficeError,
        OutputExistsError,
        PlanError,
        ReceiveError,
        RecordError,
        Severity,
        TemplateError,
        UnknownDeadlineError,
        UnknownUnitError,
        WordFileError,
        WriteError,
    )
    from docgen.importing.plans import import_plan
    from docgen.messages import format_audit_finding, format_problem, format_review_item
    from docgen.office.doctor import MachineReport, doctor
    from docgen.office.warm import WarmConverter
    from docgen.plan.dues import Due, dues
    from docgen.plan.files import CheckReport, load_plan
    from docgen.plan.model import Contact, Deadline, Form, Letter, Plan, Requirement, Task, Unit
    from docgen.plan.placeholders import resolve_plan
    from docgen.plan.schema import plan_schema
    from docgen.publishing.issues import gather_issues
    from docgen.publishing.writing import write_digest, write_summary
    from docgen.rendering.docxtpl_compat import (
        RP,
        DocxTemplate,
        InlineImage,
        Listing,
        R,
        RichText,
        RichTextParagraph,
        Subdoc,
    )
    from docgen.rendering.template_check import check_template
    from docgen.rollover.years import new_year
    from docgen.tracking.dashboard import dashboard_html
    from docgen.tracking.deciding import Choices
    from docgen.tracking.dues import owing_units, returns_folder
    from docgen.tracking.folders import init_returns, write_status
    from docgen.tracking.mail.fetching import MailReport, fetch_mail, mail_account
    from docgen.tracking.receiving import Filing, receive_file, receive_files
    from docgen.tracking.state import returns_state, status_data
    from docgen.tracking.status import StatusReport, track_returns
    from docgen.tracking.tally import tally


# Names of docgen 0.1 for what is now one type: a finding (``Finding``) and its severity (``Severity``).
_RENAMED = {"Problem": "Finding", "ReviewItem": "Finding", "ReviewKind": "Severity"}


def __getattr__(name: str) -> Any:
    if name in _RENAMED:
        import warnings

        warnings.warn(f"docgen.{name} is now docgen.{_RENAMED[name]}", DeprecationWarning, stacklevel=2)
        name = _RENAMED[name]
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'docgen' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)


# The words for findings: loaded with the package so that ``str()`` of any error reads well.
# Only the standard library's gettext comes with it, so start-up stays fast.
from docgen import messages as _messages  # noqa: E402, F401
