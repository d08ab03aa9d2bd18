"""Where the files docgen ships (its templates, the sample plan, the schema) are found: inside the package.

``docgen/shipped/`` holds them in a checkout and in a wheel alike, so the library never reads a
user's working copies by accident: in a checkout, ``data/campaign.yaml`` and ``templates/`` are
the user's files, found the way any plan's files are found (``docgen.rendering.folders``).
"""

from __future__ import annotations

from pathlib import Path

SHIPPED = Path(__file__).resolve().parent / "shipped"
SAMPLE_PLAN = "data/campaign.yaml"


def shipped(relative: str) -> Path:
    """The shipped file or folder ``relative`` (e.g. ``templates`` or ``data/campaign.yaml``)."""
    return SHIPPED / relative


def templates_dir() -> Path:
    """The templates docgen ships, used where a plan has none of its own."""
    return SHIPPED / "templates"


def sample_plan() -> Path:
    """The sample plan docgen ships (the 2019 职业教育宣传月 plan), what ``docgen init`` copies out."""
    return SHIPPED / SAMPLE_PLAN
