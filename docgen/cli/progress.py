"""Progress drawn on a terminal: the step a command is on, with a count and a bar where it counts.

Only when stderr is a terminal: a script or a CI log gets the command's own lines and nothing
else. One status line, rewritten in place (a carriage return) and cleared when the command ends, so the
lines the command prints afterwards (``wrote …``) stand as they would without it. The first
step is drawn before the command imports its stage, so a person sees within a fraction of a
second what docgen is doing.
"""

from __future__ import annotations

import sys
import threading
import time
from typing import IO

from docgen.messages.language import N_, gettext
from docgen.progress import Progress

STEP_WORDS = {
    "check": N_("checking the plan"),
    "render": N_("rendering the documents"),
    "convert": N_("making PDFs with LibreOffice"),
    "print-file": N_("joining the PDFs into the print file"),
    "pages": N_("making page images"),
    "read-returns": N_("reading the returns folder"),
    "read-reports": N_("reading the units' reports"),
    "read-word": N_("reading the Word file"),
    "write": N_("writing the files"),
}
_BAR = 24  # characters
_EVERY = 0.1  # seconds between two drawings of a count


class TerminalProgress(Progress):
    """Draws each step on ``stream`` (stderr) while it is a terminal; elsewhere draws nothing."""

    def __init__(self, stream: IO[str] | None = None) -> None:
        self._stream = stream if stream is not None else sys.stderr
        self._shown = self._stream.isatty()
        self._lock = threading.Lock()  # LibreOffice's processes report from threads
        self._label, self._total, self._drawn_at = "", 0, 0.0

    def __enter__(self) -> TerminalProgress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.clear()

    def step(self, name: str, total: int = 0) -> None:
        """Show the step's words, and its count from 0 where it has one."""
        if self._shown:
            with self._lock:
                self._label, self._total = gettext(STEP_WORDS.get(name, name)), total
                self._draw(0)

    def advance(self, done: int) -> None:
        """Show the count, at most ten times a second, and always the last."""
        if self._shown and self._total:
            with self._lock:
                if done >= self._total or time.monotonic() - self._drawn_at >= _EVERY:
                    self._draw(done)

    def clear(self) -> None:
        """Take the status line away (the command's own lines follow)."""
        if self._shown and self._label:
            with self._lock:
                self._stream.write("\r\x1b[K")
                self._stream.flush()
                self._label = ""

    def _draw(self, done: int) -> None:
        text = f"{self._label} …"
        if self._total:
            filled = _BAR * min(done, self._total) // self._total
            text = f"{self._label}  [{'#' * filled}{'-' * (_BAR - filled)}]  {done}/{self._total}"
        self._stream.write(f"\r\x1b[K{text}")
        self._stream.flush()
        self._drawn_at = time.monotonic()
