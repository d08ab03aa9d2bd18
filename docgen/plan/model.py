"""The typed campaign plan: what ``data/campaign.yaml`` may hold, field by field.

Running-text fields (marked "Jinja text" in their descriptions) may refer to other fields
with ``{{ ... }}`` placeholders; names, titles and numbers are literal.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator
from pydantic_core import PydanticCustomError

UnitId = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Za-z][A-Za-z0-9_]*$", max_length=64),
    Field(description="A unit's id from the `units` registry (letters, digits, underscores)."),
]
Name = Annotated[str, StringConstraints(min_length=1, max_length=200)]


class JinjaMarker:
    """Marks a string field as running text that may hold ``{{ ... }}`` placeholders."""


JinjaText = Annotated[
    str,
    StringConstraints(min_length=1),
    JinjaMarker(),
    Field(description="Jinja text: may use placeholders such as {{ deadlines.schedule | md }}."),
]


class Model(BaseModel):
    """Base of every plan model: unknown keys are errors, not silently ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)


class Policy(Model):
    """A higher authority's document the plan rests on, quoted literally."""

    issuer: Name | None = Field(None, description="Issuing authority, where the plan names it.")
    title: Name = Field(description="Title without the book-title marks 《》.")
    number: Name = Field(description="Document number, e.g. 吉教职成办函[2019]9号.")


class Notice(Model):
    """The notice (方案) itself."""

    title: Name = Field(description="Title after the year and campaign name, e.g. 活动方案.")
    opening: JinjaText = Field(description="Opening paragraph (Jinja text).")


class Organization(Model):
    """二、组织机构: the leadership group and who leads and cooperates."""

    leaders: list[Name] = Field(min_length=1, description="组长, names without padding.")
    deputy_leaders: list[Name] = Field(default_factory=list, description="副组长.")
    members: Name = Field(description="组员, as the plan words them.")
    lead: UnitId = Field(description="The lead department (unit id).")
    cooperating: list[UnitId] = Field(default_factory=list, description="Cooperating units (ids).")
    note: JinjaText = Field(description="The sentence naming the lead and cooperating units.")


class Period(Model):
    """The campaign period, both days included."""

    start: dt.date
    end: dt.date
    separator: Literal["至", "-", "—", "～"] = Field(
        "至", description="Between the two days wherever the period is written: 4月28日至5月28日."
    )


class Unit(Model):
    """A department that the plan makes responsible for something."""

    id: UnitId
    name: Name = Field(description="The name documents use, e.g. 宣传部.")
    full_name: Name | None = Field(None, description="Full name where it differs, e.g. 党委宣传部.")
    members: list[Name] = Field(
        default_factory=list,
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
    """One of the main tasks (四、主要工作任务及责任部门), numbered by its place in the list."""

    id: UnitId = Field(description="A short stable id, used by deadlines that concern one task.")
    title: JinjaText = Field(description="Heading of the task (Jinja text).")
    units: list[UnitId] = Field(min_length=1, description="Responsible units in the plan's order.")
    work: JinjaText = Field(description="工作任务 (Jinja text).")


class Requirement(Model):
    """One of the work requirements (工作要求)."""

    title: JinjaText
    text: JinjaText
    units: list[UnitId] = Field(default_factory=list, description="Units this requirement gives a duty to.")
    duty: JinjaText | None = Field(None, description="The duty in a sentence, for those units' task sheets.")


class Deadline(Model):
    """A date something is due, or a weekday it is due every week."""

    date: dt.date | None = Field(None, description="Due on (before) this day.")
    weekday: int | None = Field(None, ge=1, le=7, description="Due every week on this day, 1 = Monday.")
    action: Name = Field(description="What is due, e.g. 上报活动安排表.")
    how: Name | None = Field(None, description="How to hand it in.")
    task: UnitId | None = Field(None, description="Only for the units of this task (task id).")
    to: UnitId | None = Field(None, description="The unit it is handed to.")
    after_end: bool = Field(False, description="Meant for after the campaign ends (a summary).")

    @model_validator(mode="after")
    def _one_of_date_or_weekday(self) -> Deadline:
        if (self.date is None) == (self.weekday is None):
            # its own error type, so that docgen.messages words it in the user's language
            raise PydanticCustomError("date-or-weekday", "give exactly one of 'date' and 'weekday'")
        return self

    def days(self, start: dt.date, end: dt.date) -> Iterator[dt.date]:
        """The days it falls due between ``start`` and ``end`` (a weekly one every week)."""
        if self.date is not None:
            if start <= self.date <= end:
                yield self.date
            return
        assert self.weekday is not None
        day = start + dt.timedelta(days=(self.weekday - start.isoweekday()) % 7)
        while day <= end:
            yield day
            day += dt.timedelta(weeks=1)


class Contact(Model):
    """The person units report to."""

    name: Name
    unit: UnitId
    phone: Name = Field(description="Phone number, quoted so YAML keeps leading zeros.")
    email: Annotated[str, StringConstraints(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")]


class Form(Model):
    """The attachment form (活动安排) that every unit fills in and returns."""

    title: Name = Field(description="Title after the year and campaign name, e.g. 活动安排.")
    submitter: Name = Field(description="Label of the submitting unit's line.")
    columns: list[Name] = Field(min_length=1, max_length=12)
    blank_rows: int = Field(ge=0, le=200)
    remark: Name = Field(description="Start of the remark; the tasks are listed after it.")


class Letter(Model):
    """The letter to graduates and parents that task (一) sends out."""

    title: Name = Field(description="Title without 《》; written once, used everywhere.")
    sender: UnitId = Field(description="The office that sends the letter.")
    salutation: Name
    body: list[JinjaText] = Field(min_length=1, description="Paragraphs (Jinja text).")
    closing: JinjaText
    date: dt.date | None = Field(None, description="Letter date; the notice's date when absent.")
    hotline: Name | None = None
    website: Name | None = None
    address: Name | None = None


class Plan(Model):
    """A whole campaign plan, as loaded from one YAML file."""

    institution: Name
    year: int = Field(ge=1900, le=2999)
    campaign: Name
    issuer: UnitId
    issued: dt.date
    policies: list[Policy] = Field(default_factory=list)
    notice: Notice
    ideology: JinjaText
    organization: Organization
    period: Period
    theme: Name
    units: list[Unit] = Field(min_length=1)
    tasks: list[Task] = Field(min_length=1, max_length=999, description="Numbered （一） to （九百九十九）.")
    requirements: list[Requirement] = Field(default_factory=list, max_length=999)
    deadlines: dict[UnitId, Deadline] = Field(default_factory=dict)
    contact: Contact
    form: Form
    letter: Letter

    def unit(self, unit_id: str) -> Unit:
        """The registered unit with this id (KeyError when there is none)."""
        for unit in self.units:
            if unit.id == unit_id:
                return unit
        raise KeyError(unit_id)

    @property
    def notice_title(self) -> str:
        """The notice's full title, e.g. 2019年“职业教育宣传月”活动方案."""
        return f"{self.year}年“{self.campaign}”{self.notice.title}"

    @property
    def form_title(self) -> str:
        """The attachment form's full title, e.g. 2019年“职业教育宣传月”活动安排."""
        return f"{self.year}年“{self.campaign}”{self.form.title}"

    def responsible_units(self) -> list[Unit]:
        """Units a task or a requirement names, in registry order."""
        named = {u for t in self.tasks for u in t.units} | {u for r in self.requirements for u in r.units}
        return [u for u in self.units if u.id in named]

    def tasks_of(self, unit_id: str) -> list[tuple[int, Task]]:
        """The tasks a unit carries, with their 1-based numbers."""
        return [(n, t) for n, t in enumerate(self.tasks, 1) if unit_id in t.units]

    def requirements_of(self, unit_id: str) -> list[tuple[int, Requirement]]:
        """The requirements that give a unit a duty, with their 1-based numbers."""
        return [(n, r) for n, r in enumerate(self.requirements, 1) if unit_id in r.units]

    def dates(self) -> list[tuple[tuple[str, ...], dt.date]]:
        """Every fixed date in the plan with its path: what checks and the holiday review look at."""
        found: list[tuple[tuple[str, ...], dt.date]] = [
            (("issued",), self.issued),
            (("period", "start"), self.period.start),
            (("period", "end"), self.period.end),
        ]
        found += [(("deadlines", k, "date"), d.date) for k, d in self.deadlines.items() if d.date is not None]
        if self.letter.date is not None:
            found.append((("letter", "date"), self.letter.date))
        return found

    def deadlines_of(self, unit_id: str) -> list[tuple[str, Deadline]]:
        """The deadlines that concern a unit: all general ones, and those of tasks it carries."""
        carried = {t.id for _, t in self.tasks_of(unit_id)}
        return [(k, d) for k, d in self.deadlines.items() if d.task is None or d.task in carried]
