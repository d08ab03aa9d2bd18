"""Where the files docgen ships (templates, the sample plan, the schema) are found.

In a wheel they live in ``docgen/shipped/``; in a source checkout, at the project's top level.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def shipped(relative: str) -> Path:
    """The shipped file or folder ``relative`` (e.g. ``templates``) in a wheel or a checkout."""
    for base in (_PACKAGE / "shipped", _PACKAGE.parent):
        candidate = base / relative
        if candidate.exists():
            return candidate
    return _PACKAGE / "shipped" / relative


def templates_dir() -> Path:
    """The default templates folder."""
    return shipped("templates")
