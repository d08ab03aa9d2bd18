"""One document to render: which template, where under OUT, and what the template receives.

The documents stage makes these from a plan, the collecting stage makes one for the collected
schedule; the workers render them without knowing where they came from.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any


@dataclass(frozen=True)
class Document:
    """One output: which template, where under OUT, and how to build what the template receives.

    The context is built on demand, so a parallel run builds contexts in its workers.
    """

    kind: str
    template: str
    path: PurePosixPath
    build: Callable[[], dict[str, Any]]

    @property
    def context(self) -> dict[str, Any]:
        """What the template receives (built afresh on each access)."""
        return self.build()
