"""The contract between the plan's builder and the readers of its parts (tasks, organization, attachments).

The readers return data; what they need of the builder is this: the year, the registry of
units, running text made into the plan's Jinja text, and the review to add to. Kept in a module
of its own that imports no reader and no builder, so that the package has no import circle.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from docgen.errors import Severity
from docgen.importing.facts import Units
from docgen.importing.lines import Paragraph


class Reader(Protocol):
    """What a part's reader may ask of the builder."""

    @property
    def year(self) -> int:
        """The plan's year: dates written without one are in it."""
        ...

    @property
    def units(self) -> Units:
        """The registry the import builds."""
        ...

    def running(self, line: Paragraph, text: str | None = None, task: str | None = None) -> str:
        """One paragraph (or ``text`` read from it) as Jinja text; ``task``: the task whose text it is."""
        ...

    def text(self, lines: Sequence[Paragraph], task: str | None = None) -> str | None:
        """Paragraphs as one Jinja text field, a blank line between two; None for none."""
        ...

    def literal(self, line: Paragraph, text: str) -> str:
        """Text kept as written but for slips of punctuation (reviewed)."""
        ...

    def note(self, code: str, line: Paragraph | None, severity: Severity = Severity.NOTE, **params: Any) -> None:
        """Add a review item about ``line``."""
        ...
