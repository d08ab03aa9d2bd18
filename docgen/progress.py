"""Progress of long work: what a library function is doing, and how far through it, for whoever shows it.

Library code never prints. A function that can run for seconds takes a ``progress`` argument
and reports each step as it begins (``progress.step("convert", total=37)``) and, where it can
count, the items of the step done so far (``progress.advance(12)``). The CLI draws that on a
terminal (``docgen.cli.progress``); a script may log it, or pass nothing. Steps are named by
code; their words live with the CLI, which is what shows them:

``check`` (reading and checking a plan), ``render`` (documents), ``convert`` (LibreOffice),
``print-file`` (joining the PDFs), ``pages`` (page images), ``read-returns`` (a returns folder),
``read-reports`` (the units' reports), ``read-word`` (a Word file), ``write`` (the outputs).
"""

from __future__ import annotations

import threading
from collections.abc import Callable

STEPS = ("check", "render", "convert", "print-file", "pages", "read-returns", "read-reports", "read-word", "write")


class Progress:
    """Receives the steps of long work; this base class ignores them (pass it, or None, for no progress)."""

    def step(self, name: str, total: int = 0) -> None:
        """Step ``name`` (one of ``STEPS``) begins; ``total`` items are to be done in it (0: not counted)."""

    def advance(self, done: int) -> None:
        """``done`` items of the current step are finished (a running count, not an increment)."""


class DocumentCount(Progress):
    """``render``'s callback of docgen 0.1, ``progress(done, total)``, called as documents are rendered."""

    def __init__(self, callback: Callable[[int, int], None]) -> None:
        self._callback = callback
        self._total = 0
        self._counting = False

    def step(self, name: str, total: int = 0) -> None:
        """Only the ``render`` step's documents are counted, as before."""
        self._counting, self._total = name == "render", total

    def advance(self, done: int) -> None:
        """Pass the count on during ``render``."""
        if self._counting:
            self._callback(done, self._total)


class Tally:
    """A count that several threads advance (one per LibreOffice process), reported as one total."""

    def __init__(self, progress: Progress) -> None:
        self._progress = progress
        self._done = 0
        self._lock = threading.Lock()

    def add(self, count: int = 1) -> None:
        """``count`` more items are done."""
        with self._lock:
            self._done += count
            self._progress.advance(self._done)


def as_progress(progress: Progress | Callable[[int, int], None] | None) -> Progress:
    """A ``Progress`` for what a caller passed: one, a ``(done, total)`` callback, or nothing."""
    if progress is None:
        return Progress()
    if isinstance(progress, Progress):
        return progress
    return DocumentCount(progress)
