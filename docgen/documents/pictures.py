"""The plan's pictures as every template receives them: ``images``, for ``{{ image(...) }}``.

Plain data, like every context (contexts are pickled to worker processes and printed as YAML):
for each name, the picture file's full path or the QR code's text, its default width and its
description. ``picture_context`` is the one place they enter a context.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from docgen.plan.model import Plan


def picture_context(plan: Plan, folder: Path | None) -> dict[str, Any]:
    """``{"images": {name: {...}}}``: the plan's pictures, files resolved against ``folder`` (the plan file's)."""
    base = (folder if folder is not None else Path()).absolute()
    images = {
        name: {
            "name": name,
            "file": str(base / picture.file) if picture.file is not None else "",
            "qr": picture.qr or "",
            "width_mm": picture.width_mm,
            "description": picture.description or "",
        }
        for name, picture in plan.images.items()
    }
    return {"images": images}


def with_pictures(build: Callable[[], dict[str, Any]], pictures: dict[str, Any]) -> dict[str, Any]:
    """The context ``build()`` makes, with the plan's pictures added."""
    return {**build(), **pictures}
