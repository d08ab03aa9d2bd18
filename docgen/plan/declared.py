"""Documents a plan declares beside the built-in kinds: a template of the user's, rendered once or per unit or task."""

from __future__ import annotations

from typing import Annotated, Literal

from docgen.plan.fields import Field, StringConstraints
from docgen.plan.types import Model, Name

TemplateName = Annotated[
    str,
    StringConstraints(pattern=r"^[^/\\]+\.[dD][oO][cC][xX]$", max_length=200),
    Field(description="A .docx file in the templates folder (a file name, no folders), e.g. 新闻稿.docx."),
]
KindName = Annotated[
    str,
    StringConstraints(pattern=r"^[^,/\\\s]+$", max_length=80),
    Field(description="The name `render --only` and the manifest use; default: the template's name without .docx."),
]


class DeclaredDocument(Model):
    """A document of the user's own: which template, how often, and where under OUT it goes."""

    template: TemplateName
    output: Name | None = Field(
        default=None,
        description="The file under OUT, with placeholders of the template context and / between folders, e.g."
        " 评比表/{{ unit.name }}-评比表.docx; default: the template's name, in a folder of that name when made"
        " per unit or per task.",
    )
    per: Literal["unit", "task"] | None = Field(
        default=None,
        description="unit: one per unit that gets a task sheet (the template receives `unit`); task: one per task"
        " (`task`); absent: one document.",
    )
    name: KindName | None = None

    @property
    def kind(self) -> str:
        """The document kind: its ``name``, else the template's name without .docx."""
        return self.name or self.template[: -len(".docx")]

    @property
    def output_source(self) -> str:
        """The output name as written, or the default for its ``per``."""
        if self.output is not None:
            return self.output
        stem = self.kind
        if self.per == "unit":
            return f"{stem}/{{{{ unit.name }}}}-{stem}.docx"
        if self.per == "task":
            return f"{stem}/{{{{ task.index }}}}-{{{{ task.title }}}}.docx"
        return f"{stem}.docx"
