"""Checks on the ``images:`` block: every file there and readable as a picture, every QR text one a QR code holds.

Like ``docgen.plan.checks`` they yield (path, code, parameters, severity). A picture that
``docgen check`` passes is one the render can place; the render reports the same codes at the
template's tag when a file changed or went away since.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from docgen.errors import Severity
from docgen.inputs.bounded import InputRefusedError
from docgen.inputs.pictures import qr_picture, read_picture
from docgen.plan.images import TEXT_BLOCK_HEIGHT_MM, Picture
from docgen.plan.model import Plan
from docgen.plan.sourcemap import Unlocated

QR_MIN_MODULE_MM = 0.3  # smaller modules than this, phones no longer read a printed QR code
_REFUSALS = {
    "input-not-file": "image-not-file",
    "picture-too-large": "image-file-too-large",
    "picture-too-many-pixels": "image-too-many-pixels",
    "picture-format": "image-format",
    "picture-unknown": "image-unknown",
    "picture-unreadable": "image-unreadable",
    "qr-empty": "image-qr-empty",
    "qr-too-long": "image-qr-too-long",
}


def refusal(exc: InputRefusedError | OSError, shown: str) -> tuple[str, dict[str, Any]]:
    """The code and parameters of a picture that cannot be placed; ``shown`` is its file as the plan names it."""
    if isinstance(exc, FileNotFoundError):
        return "image-file-missing", {"picture": shown}
    if isinstance(exc, OSError):
        return "image-unreadable", {"picture": shown, "detail": exc.strerror or type(exc).__name__}
    params: dict[str, Any] = {"picture": shown, **exc.params}
    if exc.code not in _REFUSALS:
        params.setdefault("detail", exc.code)
    return _REFUSALS.get(exc.code, "image-unreadable"), params


def qr_too_small(modules: int, width_mm: float) -> dict[str, Any] | None:
    """The parameters of ``image-qr-too-small`` when a QR code of ``modules`` is too small at ``width_mm``."""
    if width_mm / modules >= QR_MIN_MODULE_MM:
        return None
    return {"width": f"{width_mm:g}", "modules": modules, "minimum": math.ceil(modules * QR_MIN_MODULE_MM)}


def image_findings(plan: Plan, folder: Path | None) -> Iterator[Unlocated]:
    """Every problem of the plan's pictures; files are looked for in ``folder`` (skipped when None)."""
    for name, picture in plan.images.items():
        if picture.qr is not None:
            yield from _qr(name, picture)
        elif picture.file is not None and folder is not None:
            yield from _file(name, picture, folder / picture.file)


def _file(name: str, picture: Picture, path: Path) -> Iterator[Unlocated]:
    assert picture.file is not None
    try:
        placed = read_picture(path)
    except (InputRefusedError, OSError) as exc:
        code, params = refusal(exc, picture.file)
        yield ("images", name, "file"), code, params, Severity.ERROR
        return
    if picture.width_mm is not None:
        height = picture.width_mm * placed.height / placed.width
        if height > TEXT_BLOCK_HEIGHT_MM:
            params = {"height": f"{height:.0f}", "limit": f"{TEXT_BLOCK_HEIGHT_MM:g}"}
            yield ("images", name, "width_mm"), "image-too-tall", params, Severity.ERROR


def _qr(name: str, picture: Picture) -> Iterator[Unlocated]:
    assert picture.qr is not None
    try:
        modules = qr_picture(picture.qr).modules
    except InputRefusedError as exc:
        code, params = refusal(exc, "")
        yield ("images", name, "qr"), code, params, Severity.ERROR
        return
    small = qr_too_small(modules, picture.width_mm) if picture.width_mm is not None else None
    if small is not None:
        yield ("images", name, "width_mm"), "image-qr-too-small", small, Severity.ERROR
