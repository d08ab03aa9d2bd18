"""The shapes a notice can take: its title, sections, numbered items at any depth, tables and attachments.

A plan that says none of this gets the 2019 plan's shape (``Plan.notice_sections``).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from docgen.plan.fields import Field, RuleError, StringConstraints, model_validator
from docgen.plan.types import JinjaText, Label, Model, Name, empty_dict, empty_list


class Policy(Model):
    """A higher authority's document the plan rests on, quoted literally."""

    issuer: Name | None = Field(default=None, description="Issuing authority, where the plan names it.")
    title: Name = Field(description="Title without the book-title marks 《》.")
    number: Name | None = Field(
        default=None, description="Document number, e.g. 吉教职成办函〔2019〕9号, where it has one."
    )


class Notice(Model):
    """The notice (方案 or 通知) itself: its title, salutation and opening."""

    header: list[Name] = Field(
        default_factory=empty_list,
        max_length=4,
        description="Lines printed above the title as the original has them, e.g. a red head's 蓝田理工学院文件"
        " and its document number.",
    )
    title: Name | None = Field(default=None, description="Title after the year and campaign name, e.g. 活动方案.")
    title_lines: list[JinjaText] | None = Field(
        default=None,
        max_length=4,
        description="The title as printed, line by line (Jinja text), e.g. [关于开展{{ year }}年“安全宣传月”"
        "活动的通知]; [] prints no title; default: the institution, then the year, campaign and title.",
    )
    salutation: Name | None = Field(default=None, description="Addressees before the opening, e.g. 各单位：")
    opening: JinjaText | None = Field(
        default=None, description="Opening paragraphs (Jinja text; a blank line between two)."
    )


class Item(Model):
    """A numbered item at any depth: a title, a text, or both, and items of its own."""

    title: JinjaText | None = Field(default=None, description="Shown as a heading (Jinja text).")
    text: JinjaText | None = Field(default=None, description="Paragraphs (Jinja text; a blank line between two).")
    items: list[Item] = Field(default_factory=empty_list, max_length=999, description="Items one level deeper.")

    @model_validator(mode="before")
    @classmethod
    def _plain_text(cls, value: Any) -> Any:
        # "- 上交作品" is an item with a text and nothing else
        return {"text": value} if isinstance(value, str) else value

    @model_validator(mode="after")
    def _title_or_text(self) -> Item:
        if self.title is None and self.text is None:
            raise RuleError("item-empty", "give 'title' or 'text'")
        return self


Width = Annotated[int, Field(ge=0)]
"""A column's relative width: one below 0 would make a table no word processor need accept (0 is a warning)."""


class Form(Model):
    """The attachment form (活动安排) that every unit fills in and returns."""

    title: Name = Field(description="Title after the year and campaign name, e.g. 活动安排.")
    submitter: Name = Field(description="Label of the submitting unit's line.")
    columns: list[Name] = Field(min_length=1, max_length=12)
    widths: list[Width] | None = Field(
        default=None, description="Relative column widths, one per column (default: by the headings' lengths)."
    )
    blank_rows: int = Field(ge=0, le=200)
    remark: Name | None = Field(default=None, description="Start of the remark; the tasks are listed after it.")
    list_tasks: bool = Field(default=True, description="List the tasks after the remark (活动项目包括：1. … 2. …).")


SectionKey = Literal["ideology", "organization", "time_and_theme", "time", "theme", "tasks", "requirements", "contact"]
TaskLabel = Literal["units", "organisers", "when", "place", "participants", "work"]
TaskField = Literal[
    "number", "group", "title", "work", "when", "date", "time", "place", "participants", "units", "organisers"
]
NumberStyle = Literal["一、", "（一）", "1.", "1、", "（1）", "①"]


class Column(Model):
    """A column of the tasks' table: which field it shows, under which heading."""

    field: TaskField
    heading: Name | None = Field(
        default=None, description="The column's heading; default by the field (序号, 活动内容 ...)."
    )
    width: int | None = Field(default=None, ge=1, le=100, description="Relative width.")


class Section(Model):
    """A numbered section of the notice (一、二、…): one docgen knows by ``use``, or one of the plan's own."""

    use: SectionKey | None = Field(
        default=None, description="A section made from the plan's keys (tasks, requirements ...)."
    )
    heading: Name | None = Field(default=None, description="The heading as the plan words it, without its number.")
    text: JinjaText | None = Field(default=None, description="Paragraphs after the heading (Jinja text).")
    items: list[Item] = Field(default_factory=empty_list, max_length=999, description="Numbered items （一） 1. （1）.")
    table: Table | None = Field(
        default=None, description="A table of the section's own, after its text and before its items."
    )
    untitled: bool = Field(
        default=False, description="Printed without a heading or number: text or a table between the numbered sections."
    )
    numbering: list[NumberStyle] = Field(
        default_factory=empty_list,
        max_length=3,
        description="The numbers of its levels below the heading, as written (default: （一）, 1., （1））.",
    )
    view: Literal["list", "table", "paragraphs"] = Field(
        default="list",
        description="For tasks: one after another with labelled lines, as a table, or as paragraphs (each task's"
        " number, then its work as written).",
    )
    columns: list[Column] = Field(default_factory=empty_list, description="For tasks shown as a table.")
    labels: dict[TaskLabel, Label] = Field(
        default_factory=empty_dict,
        description="For tasks: the labels of their lines (units: 责任部门, work: 工作任务, when: 活动时间,"
        " place: 活动地点, participants: 参加人员); an empty label leaves the line unlabelled.",
    )

    @model_validator(mode="after")
    def _own_sections_have_a_heading(self) -> Section:
        if self.use is None and self.heading is None and not self.untitled:
            raise RuleError("section-without-heading", "give 'use' or a 'heading'")
        return self


class Table(Model):
    """A table of the plan's own: headings and rows of text; equal neighbours in a column may be merged."""

    columns: list[Name] = Field(min_length=1, max_length=20)
    rows: list[list[Annotated[str, StringConstraints(max_length=2000)]]] = Field(
        default_factory=empty_list, max_length=2000, description="Rows of cells; a cell may be empty."
    )
    widths: list[Width] | None = Field(default=None, description="Relative column widths.")
    merge: list[int] = Field(
        default_factory=empty_list, description="Columns (counted from 1) whose equal neighbours are merged."
    )


class Attachment(Model):
    """One attachment (附件1, 附件2 …): the plan's ``form``, a table, a form of its own, or a file."""

    use: Literal["form"] | None = Field(default=None, description="'form': the plan's form (the one units return).")
    title: JinjaText | None = Field(default=None, description="The attachment's title (Jinja text).")
    table: Table | None = Field(default=None, description="A table printed as the attachment.")
    submitter: Name | None = Field(default=None, description="With a table: the label of a line for who fills it in.")
    blank_rows: int = Field(default=0, ge=0, le=200, description="With a table: blank rows to fill in.")
    remark: JinjaText | None = Field(default=None, description="A remark under the table.")
    file: str | None = Field(default=None, description="An existing file, relative to the plan, sent with the notice.")
    landscape: bool | None = Field(
        default=None, description="The page turned (default: for tables of five columns or more)."
    )

    @model_validator(mode="before")
    @classmethod
    def _plain_form(cls, value: Any) -> Any:
        # "- form" names the plan's form
        return {"use": value} if isinstance(value, str) else value

    @model_validator(mode="after")
    def _one_kind(self) -> Attachment:
        kinds = [k for k in (self.use, self.table, self.file) if k is not None]
        if len(kinds) != 1:
            raise RuleError("attachment-kind", "give exactly one of 'use: form', 'table' and 'file'")
        if self.use is None and self.title is None:
            raise RuleError("attachment-without-title", "give the attachment a 'title'")
        return self
