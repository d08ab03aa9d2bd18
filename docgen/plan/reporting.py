"""The plan's optional keys for what is published from the units' reports: the 简报 and the 宣传评比.

Kept apart from ``model`` (which holds the campaign itself); both blocks are optional, and a
plan without them gets a 简报 with default settings and a tally of counts only.
"""

from __future__ import annotations

from typing import Literal

from docgen.plan.fields import Field
from docgen.plan.types import Model, Name, UnitId, empty_dict


class Digest(Model):
    """The weekly 工作简报 built from the units' reports (``docgen digest``); every key optional."""

    title: Name | None = Field(
        default=None, description="The masthead's name (default: the campaign's name + 工作简报)."
    )
    deadline: UnitId | None = Field(
        default=None,
        description="The weekly deadline whose reports it gathers (default: the first weekly one for all units).",
    )
    excerpt: int | None = Field(
        default=None, ge=50, le=100_000, description="Cut each report's text after this many characters, marked 〔略〕."
    )
    first_issue: int = Field(default=1, ge=1, le=9999, description="The number of the campaign's first 简报 (第N期).")
    list_missing: bool = Field(
        default=False,
        description="End the .docx 简报 with the units that sent nothing that week (never on the web column).",
    )


EvaluationItem = Literal["on_time", "late", "missing", "activities", "pictures", "videos", "digest_items"]


class Evaluation(Model):
    """The 宣传评比: points per counted item. Without it, or without weights, only counts are shown."""

    weights: dict[EvaluationItem, float] = Field(
        default_factory=empty_dict,
        description="Points for each report on time, late or missing, activity, picture, video and item in a 简报.",
    )
