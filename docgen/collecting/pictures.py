"""Pictures the units send, read as every picture is (``docgen.inputs.pictures``), refusals named as the unit's file.

A picture that cannot be used becomes a ``FormError`` naming the file; the 简报 and the
column leave it out with a warning, so one broken photo does not stop them.
"""

from __future__ import annotations

from docgen.errors import FormError
from docgen.inputs import pictures
from docgen.inputs.bounded import InputRefusedError
from docgen.inputs.pictures import ScaledPicture


def scale_picture(data: bytes, name: str, max_width: int, max_height: int) -> ScaledPicture:
    """``data`` upright and scaled to fit ``max_width`` × ``max_height`` pixels (never enlarged).

    ``FormError`` (picture-too-large, picture-too-many-pixels, picture-format,
    picture-unreadable) when it is too big or no picture docgen can show; ``name`` names it.
    """
    try:
        return pictures.scale_picture(data, max_width, max_height)
    except InputRefusedError as exc:
        raise FormError([exc.problem(name)]) from None
