"""The plan's pictures (``images:``): files beside the plan, and QR codes made from a text.

A name maps to a path (``logo: images/校徽.png``, relative to the plan file's folder) or to a
mapping with ``file`` or ``qr`` and, optionally, ``width_mm`` and ``description``. Templates place
them by name (``{{ image("logo", width_mm=30) }}``). The key is optional; a plan without it
renders as before.
"""

from __future__ import annotations

from typing import Annotated, Any

from docgen.plan.fields import BeforeValidator, Field, RuleError, StringConstraints, model_validator
from docgen.plan.types import Model, Name

TEXT_BLOCK_WIDTH_MM = 156  # GB/T 9704-2012: the 版心 is 156 mm wide
TEXT_BLOCK_HEIGHT_MM = 225  # and 225 mm high
MIN_PICTURE_MM = 1.0  # narrower is no picture on paper (1e-300 placed a 0×0 one)

PictureName = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Za-z][A-Za-z0-9_]*$", max_length=64),
    Field(description="A picture's name, as templates write it: letters, digits, underscores."),
]


class Picture(Model):
    """One picture a template may place: a file beside the plan, or a QR code made from a text."""

    file: Annotated[str, StringConstraints(min_length=1, max_length=1000)] | None = Field(
        default=None, description="A PNG, JPEG, GIF, BMP or WebP file, relative to the plan file's folder."
    )
    qr: Annotated[str, StringConstraints(min_length=1, max_length=4000)] | None = Field(
        default=None, description="A text (a web address) to make a QR code of."
    )
    width_mm: float | None = Field(
        default=None,
        ge=MIN_PICTURE_MM,
        le=TEXT_BLOCK_WIDTH_MM,
        description="Width on the page in millimetres when the template gives none (the text block is 156 mm wide).",
    )
    description: Name | None = Field(default=None, description="What the picture shows, for readers who cannot see it.")

    @model_validator(mode="after")
    def _file_or_qr(self) -> Picture:
        if (self.file is None) == (self.qr is None):
            raise RuleError("image-file-or-qr", "give either file or qr")
        return self


def _shorthand(value: Any) -> Any:
    """``logo: images/校徽.png`` is ``logo: {file: images/校徽.png}``."""
    return {"file": value} if isinstance(value, str) else value


Pictures = dict[PictureName, Annotated[Picture, BeforeValidator(_shorthand, json_schema_input_type=str | Picture)]]
