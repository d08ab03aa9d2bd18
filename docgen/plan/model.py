"""The typed campaign plan: what ``data/campaign.yaml`` may hold, field by field.

Running-text fields (marked "Jinja text" in their descriptions) may refer to other fields
with ``{{ ... }}`` placeholders; names, titles and numbers are literal.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Literal

from docgen.plan.contact import Contact, Email, MailAccount
from docgen.plan.declared import DeclaredDocument
from docgen.plan.fields import Field, JinjaMarker, RuleError, model_validator
from docgen.plan.images import Picture, Pictures
from docgen.plan.index import PlanIndex
from docgen.plan.issuing import DocumentNumber, Issuing
from docgen.plan.reporting import Digest, Evaluation
from docgen.plan.sections import Attachment, Column, Form, Item, Notice, Policy, Section, SectionKey, Table, TaskField
from docgen.plan.types import Day, JinjaText, Model, Name, UnitId, empty_dict, empty_list, empty_tuple

__all__ = [
    "Attachment",
    "Column",
    "Contact",
    "Deadline",
    "DeclaredDocument",
    "Digest",
    "DocumentNumber",
    "Evaluation",
    "Form",
    "Issuing",
    "Item",
    "JinjaMarker",
    "JinjaText",
    "Letter",
    "MailAccount",
    "Model",
    "Name",
    "Notice",
    "Organization",
    "Period",
    "Picture",
    "Plan",
    "Policy",
    "Requirement",
    "Role",
    "Section",
    "SectionKey",
    "Table",
    "Task",
    "TaskField",
    "Unit",
    "UnitId",
]


class Role(Model):
    """One line of a leadership group: a label and the people, or a description of them."""

    label: Name = Field(description="The role as the plan words it: 组长, 副组长, 成员, 活动领导 ...")
    names: list[Name] = Field(default_factory=empty_list, description="People, names without padding.")
    text: Name | None = Field(default=None, description="Who, in words, where no names are given: 主管院领导.")

    @model_validator(mode="after")
    def _names_or_text(self) -> Role:
        if not self.names and self.text is None:
            raise RuleError("role-empty", "give 'names' or 'text'")
        return self


class Organization(Model):
    """组织机构 / 组织领导: the leadership group, its office, and who leads and cooperates.

    A group is written with ``leaders`` / ``deputy_leaders`` / ``members`` (组长, 副组长, 组员),
    or with ``roles`` under labels of the plan's own, or in prose (``text``); any of them.
    """

    text: JinjaText | None = Field(default=None, description="Prose before the group, or the whole group in prose.")
    leaders: list[Name] = Field(default_factory=empty_list, description="组长, names without padding.")
    deputy_leaders: list[Name] = Field(default_factory=empty_list, description="副组长.")
    members: Name | None = Field(default=None, description="组员, as the plan words them.")
    roles: list[Role] = Field(default_factory=empty_list, description="Lines with labels of the plan's own.")
    office: JinjaText | None = Field(default=None, description="Where the group's office is, e.g. 办公室设在保卫处.")
    lead: UnitId | None = Field(default=None, description="The lead department (unit id).")
    cooperating: list[UnitId] = Field(default_factory=empty_list, description="Cooperating units (ids).")
    note: JinjaText | None = Field(default=None, description="The sentence naming the lead and cooperating units.")


class Period(Model):
    """The campaign period, both days included."""

    start: Day
    end: Day
    wording: JinjaText | None = Field(
        default=None,
        description="How every document writes the period (Jinja text), e.g. {{ period.start | ymd }}"
        "至{{ period.end.day }}日; default: the two days with the separator between them.",
    )
    separator: Literal["至", "-", "—", "～"] = Field(
        default="至", description="Between the two days wherever the period is written: 4月28日至5月28日."
    )


class UnitContact(Model):
    """The person to call at a unit about what it owes (its 联络员)."""

    name: Name
    phone: Name | None = Field(default=None, description="Phone number, quoted so YAML keeps leading zeros.")
    email: Email | None = None


class Unit(Model):
    """A department that the plan makes responsible for something."""

    id: UnitId
    name: Name = Field(description="The name documents use, e.g. 宣传部.")
    full_name: Name | None = Field(default=None, description="Full name where it differs, e.g. 党委宣传部.")
    contact: UnitContact | None = Field(
        default=None, description="Its 联络员 (name, phone, email), shown in its reminders."
    )
    members: list[Name] = Field(
        default_factory=empty_list,
        description="For a group such as 各院部: its members (护理学院, 药学院 ...); each gets its own sheet and form.",
    )

    def __str__(self) -> str:
        return self.name

    @property
    def is_group(self) -> bool:
        """A group of units (各院部, 各党总支): members listed, or a name that says "each" (各)."""
        return bool(self.members) or self.name.startswith("各")

    def returners(self) -> list[Unit]:
        """Who fills in and returns a form: each member (as a unit of its own), else the unit itself.

        A member's id is the group's id, a slash and its number (``colleges/1``); it cannot clash
        with a registered id, which has no slash.
        """
        if not self.members:
            return [self]
        return [
            Unit.model_construct(id=f"{self.id}/{n}", name=name, full_name=None, members=[])
            for n, name in enumerate(self.members, 1)
        ]

    @property
    def display_full_name(self) -> str:
        """The full name, or the name where no full name is given."""
        return self.full_name or self.name


class Task(Model):
    """One of the tasks or activities (主要工作任务, 活动内容), numbered by its place in the list."""

    id: UnitId = Field(description="A short stable id, used by deadlines that concern one task.")
    title: JinjaText = Field(description="Heading of the task (Jinja text).")
    units: tuple[UnitId, ...] = Field(default_factory=empty_tuple, description="Responsible units in the plan's order.")
    organisers: tuple[UnitId, ...] = Field(
        default_factory=empty_tuple,
        description="Units that carry it out with them (承办单位, 配合部门); no task sheet of their own.",
    )
    work: JinjaText | None = Field(default=None, description="工作任务: what is to be done (Jinja text).")
    group: Name | None = Field(
        default=None, description="The activity it belongs to; a table shows it once for the group."
    )
    date: Day | None = Field(default=None, description="The day it takes place.")
    end_date: Day | None = Field(default=None, description="The last day, for an activity over several days.")
    time: Name | None = Field(default=None, description="The time of day as the plan words it, e.g. 上午9:00.")
    rough_date: Name | None = Field(
        default=None,
        description="The day(s) as written where not exact (4月中旬, 5月底): printed; date and end_date are assumed.",
    )
    place: Name | None = Field(default=None, description="Where it takes place.")
    participants: Name | None = Field(default=None, description="Who takes part.")
    items: list[Item] = Field(default_factory=empty_list, max_length=999, description="Sub-items 1. 2. 3.")


class Requirement(Model):
    """One of the work requirements (工作要求), with or without a title."""

    title: JinjaText | None = None
    text: JinjaText
    units: tuple[UnitId, ...] = Field(
        default_factory=empty_tuple, description="Units this requirement gives a duty to."
    )
    duty: JinjaText | None = Field(default=None, description="The duty in a sentence, for those units' task sheets.")


class Deadline(Model):
    """A date something is due, or a weekday it is due every week."""

    date: Day | None = Field(default=None, description="Due on (before) this day.")
    weekday: int | None = Field(default=None, ge=1, le=7, description="Due every week on this day, 1 = Monday.")
    action: Name = Field(description="What is due, e.g. 上报活动安排表.")
    time: Name | None = Field(default=None, description="Time of day as the plan words it, e.g. 中午12点.")
    how: Name | None = Field(default=None, description="How to hand it in.")
    task: UnitId | None = Field(default=None, description="Only for the units of this task (task id).")
    units: tuple[UnitId, ...] = Field(
        default_factory=empty_tuple, description="Only for these units (ids): 各学院于…前."
    )
    to: UnitId | None = Field(default=None, description="The unit it is handed to.")
    after_end: bool = Field(default=False, description="Meant for after the campaign ends (a summary).")

    @model_validator(mode="after")
    def _one_of_date_or_weekday(self) -> Deadline:
        if (self.date is None) == (self.weekday is None):
            # its own error type, so that docgen.messages words it in the user's language
            raise RuleError("date-or-weekday", "give exactly one of 'date' and 'weekday'")
        return self

    def days(self, start: dt.date, end: dt.date) -> Iterator[dt.date]:
        """The days it falls due between ``start`` and ``end`` (a weekly one every week)."""
        if self.date is not None:
            if start <= self.date <= end:
                yield self.date
            return
        assert self.weekday is not None
        week = dt.timedelta(weeks=1)
        day = start + dt.timedelta(days=(self.weekday - start.isoweekday()) % 7)
        while day <= end:
            yield day
            if end - day < week:  # the last: a week later may lie past 9999-12-31, where dates end
                return
            day += week


class Letter(Model):
    """The letter to graduates and parents that task (一) sends out."""

    title: Name = Field(description="Title without 《》; written once, used everywhere.")
    sender: UnitId = Field(description="The office that sends the letter.")
    salutation: Name
    body: list[JinjaText] = Field(min_length=1, description="Paragraphs (Jinja text).")
    closing: JinjaText
    date: Day | None = Field(default=None, description="Letter date; the notice's date when absent.")
    hotline: Name | None = None
    website: Name | None = None
    address: Name | None = None


class Plan(Model):
    """A whole campaign plan, as loaded from one YAML file."""

    __slots__ = ("__weakref__", "_index")  # the index outside __dict__: vars(plan) holds the fields alone

    institution: Name
    year: int = Field(ge=1900, le=2999)
    campaign: Name
    issuer: UnitId | None = Field(default=None, description="The issuing unit (id); the signature names it.")
    joint_issuers: tuple[UnitId, ...] = Field(
        default_factory=empty_tuple, description="Units that sign with the issuer (ids), each on a line below it."
    )
    issued: Day | None = Field(default=None, description="The date of the notice, under the signature.")
    policies: list[Policy] = Field(default_factory=empty_list)
    notice: Notice = Field(default_factory=lambda: Notice.model_construct())
    sections: list[Section] | None = Field(
        default=None,
        max_length=99,
        description="The notice's sections in order (default: 指导思想, 组织机构, 活动时间及活动主题,"
        " 主要工作任务及责任部门, 工作要求, each where the plan has it).",
    )
    ideology: JinjaText | None = None
    organization: Organization | None = None
    period: Period
    theme: Name | None = None
    units: tuple[Unit, ...] = Field(default_factory=empty_tuple)
    tasks: tuple[Task, ...] = Field(
        default_factory=empty_tuple, max_length=999, description="Numbered （一） to （九百九十九）."
    )
    requirements: tuple[Requirement, ...] = Field(default_factory=empty_tuple, max_length=999)
    deadlines: dict[UnitId, Deadline] = Field(default_factory=empty_dict)
    contact: Contact | None = None
    mail: MailAccount | None = Field(
        default=None, description="The mailbox docgen fetch-mail reads (never its password)."
    )
    form: Form | None = None
    attachments: list[Attachment] | None = Field(
        default=None, max_length=20, description="附件1, 附件2 … in order (default: the form, where the plan has one)."
    )
    letter: Letter | None = None
    digest: Digest | None = Field(default=None, description="The weekly 工作简报 (optional).")
    evaluation: Evaluation | None = Field(default=None, description="The 宣传评比's weights (optional).")
    issuing: Issuing | None = Field(
        default=None,
        description="How the 方案 is issued as a 公文 (印发通知, 发文字号, 主送, 版记, red head); optional.",
    )
    documents: list[DeclaredDocument] = Field(
        default_factory=empty_list,
        max_length=100,
        description="Documents of your own templates, beside the built-in ones.",
    )
    images: Pictures = Field(
        default_factory=empty_dict,
        max_length=100,
        description="Pictures templates place by name: files beside the plan, QR codes made from a text (optional).",
    )

    def _indexed(self) -> PlanIndex[Unit]:
        """Units by id and duties by unit, built once: documents ask per unit, and a plan may have thousands.

        Kept in a slot of its own, not among the fields nor in ``vars(plan)`` (``Plan(**vars(plan))``
        makes the plan again, as it did when the index was pydantic's private attribute); copies
        and pickles leave it, and are indexed anew when asked.
        """
        index: PlanIndex[Unit] | None = getattr(self, "_index", None)
        if index is None or not index.indexes(self.units, self.tasks, self.requirements):
            index = PlanIndex(self.units, self.tasks, self.requirements)
            object.__setattr__(self, "_index", index)  # frozen to its users, not to its own index
        return index

    def unit(self, unit_id: str) -> Unit:
        """The registered unit with this id (KeyError when there is none)."""
        return self._indexed().by_id[unit_id]

    @property
    def notice_title(self) -> str:
        """The notice's full title, e.g. 2019年“职业教育宣传月”活动方案 (the title lines, where given)."""
        if self.notice.title_lines is not None:
            return "".join(self.notice.title_lines[1:] if len(self.notice.title_lines) > 1 else self.notice.title_lines)
        return f"{self.year}年“{self.campaign}”{self.notice.title or ''}"

    @property
    def title_lines(self) -> list[str]:
        """The title as the notice prints it, line by line."""
        if self.notice.title_lines is not None:
            return list(self.notice.title_lines)
        return [self.institution, self.notice_title]

    @property
    def form_title(self) -> str:
        """The attachment form's full title, e.g. 2019年“职业教育宣传月”活动安排."""
        return f"{self.year}年“{self.campaign}”{self.form.title if self.form is not None else ''}"

    def notice_sections(self) -> list[Section]:
        """The sections the notice prints, in order: the plan's, or the 2019 plan's where it has them."""
        if self.sections is not None:
            return list(self.sections)
        keys: list[SectionKey] = []
        if self.ideology is not None:
            keys.append("ideology")
        if self.organization is not None:
            keys.append("organization")
        keys.append("time_and_theme" if self.theme is not None else "time")
        if self.tasks:
            keys.append("tasks")
        if self.requirements:
            keys.append("requirements")
        return [Section.model_construct(use=key) for key in keys]  # valid: nothing to check

    def notice_attachments(self) -> list[Attachment]:
        """The attachments, in order: the plan's, or its form where it has one."""
        if self.attachments is not None:
            return list(self.attachments)
        return [Attachment.model_construct(use="form")] if self.form is not None else []

    def responsible_units(self) -> list[Unit]:
        """Units a task or a requirement names, in registry order."""
        named = {u for t in self.tasks for u in t.units} | {u for r in self.requirements for u in r.units}
        return [u for u in self.units if u.id in named]

    def tasks_of(self, unit_id: str) -> list[tuple[int, Task]]:
        """The tasks a unit carries, with their 1-based numbers."""
        return [(n, self.tasks[n - 1]) for n in self._indexed().tasks_of.get(unit_id, [])]

    def requirements_of(self, unit_id: str) -> list[tuple[int, Requirement]]:
        """The requirements that give a unit a duty, with their 1-based numbers."""
        return [(n, self.requirements[n - 1]) for n in self._indexed().requirements_of.get(unit_id, [])]

    def dates(self) -> list[tuple[tuple[str | int, ...], dt.date]]:
        """Every fixed date in the plan with its path: what checks and the holiday review look at."""
        found: list[tuple[tuple[str | int, ...], dt.date]] = []
        if self.issued is not None:
            found.append((("issued",), self.issued))
        found += [(("period", "start"), self.period.start), (("period", "end"), self.period.end)]
        found += [(("deadlines", k, "date"), d.date) for k, d in self.deadlines.items() if d.date is not None]
        for i, task in enumerate(self.tasks):
            found += [(("tasks", i, name), day) for name in ("date", "end_date") if (day := getattr(task, name))]
        if self.letter is not None and self.letter.date is not None:
            found.append((("letter", "date"), self.letter.date))
        if self.issuing is not None and self.issuing.printed_on is not None:
            found.append((("issuing", "printed_on"), self.issuing.printed_on))
        return found

    def deadlines_of(self, unit_id: str) -> list[tuple[str, Deadline]]:
        """The deadlines that concern a unit: all general ones, those of tasks it carries, those naming it."""
        carried = {t.id for _, t in self.tasks_of(unit_id)}
        return [
            (k, d)
            for k, d in self.deadlines.items()
            if (d.task is None and not d.units) or d.task in carried or unit_id in d.units
        ]
