"""Warm LibreOffices for one ``render --pdf``: started while the plan is checked and rendered, fed a document at a time.

``convert_to_pdf`` starts its LibreOffice processes once the documents exist, so their start
(about a second of processor time each) follows the render. ``OfficePool`` starts them through
LibreOffice's API (``warm.WarmConverter``) as soon as a run knows it wants PDFs, so the start
overlaps the Python work; each office then takes the next document as it finishes one (a
long 方案 does not hold up a share of short task sheets), and the layout pass's second
conversions go to the same offices. Without LibreOffice's ``uno`` the pool converts the cold
way (``convert_to_pdf``), as before.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

from docgen.errors import Finding, OfficeError
from docgen.office.warm import WarmConverter, uno_python


class OfficePool:
    """Up to ``size`` warm LibreOffices converting .docx files to PDFs beside them.

    Lifecycle: ``pool = OfficePool()``; ``pool.grow(n)`` starts offices in the background until
    ``n`` are there (or starting); ``pool.convert(paths)`` converts, waiting for the offices;
    ``pool.close()`` stops them at once. Raises ``OfficeError``
    as ``convert_to_pdf`` does. ``warm`` says whether the offices are warm ones (False: no ``uno``).
    """

    def __init__(self) -> None:
        self.offices: list[WarmConverter] = []
        self._starts: list[threading.Thread] = []
        self._closed = False
        self.warm = True

    def grow(self, size: int) -> None:
        """Start offices in the background until there are ``size``."""
        while not self._closed and self.warm and len(self.offices) < size:
            office = WarmConverter()
            start = threading.Thread(target=self._start, args=(office,), name="docgen-office-start", daemon=True)
            self.offices.append(office)
            self._starts.append(start)
            start.start()

    def _start(self, office: WarmConverter) -> None:
        if uno_python() is None:  # probed once a process
            self.warm = False
            return
        with contextlib.suppress(OfficeError):  # not running then: ``convert`` goes the cold way
            office.start()

    def convert(self, docx_paths: Sequence[Path], converted: Callable[[], None] | None = None) -> list[Path]:
        """Each .docx converted to a PDF beside it (the PDFs, in order); ``converted()`` after each.

        Each office takes documents as soon as it is ready; one that is not ready when the
        others have finished is not waited for. With no office ready (no ``uno``, or none would
        start through it) they are converted the cold way, which says what is wrong, if anything.
        """
        sources = [Path(p) for p in docx_paths]
        if not sources:
            return []
        self.grow(1)
        batch = _Batch(list(reversed(sources)), len(self.offices), converted)
        for office, start in zip(self.offices, self._starts, strict=True):
            threading.Thread(target=batch.work, args=(office, start), daemon=True).start()
        batch.wait()
        if batch.problems:
            raise OfficeError(batch.problems)
        if batch.waiting:
            from docgen.office.convert import convert_to_pdf

            return convert_to_pdf(sources, processes=max(1, len(self.offices)), converted=converted)
        return [source.with_suffix(".pdf") for source in sources]

    def close(self) -> None:
        """Stop every office at once (the PDFs are written; one still starting is not waited for)."""
        self._closed = True
        for office in self.offices:
            office.kill()  # a start under way then fails, and returns
        for start in self._starts:
            start.join()
        closing = [threading.Thread(target=office.close) for office in self.offices[1:]]  # profiles removed at once
        for thread in closing:
            thread.start()
        for office in self.offices[:1]:
            office.close()
        for thread in closing:
            thread.join()


class _Batch:
    """The documents of one ``convert`` call, taken one at a time by the offices that are ready."""

    def __init__(self, waiting: list[Path], workers: int, converted: Callable[[], None] | None) -> None:
        self.waiting = waiting  # the next document last
        self.problems: list[Finding] = []
        self._converted = converted
        self._busy = 0
        self._workers = workers
        self._changed = threading.Condition()

    def work(self, office: WarmConverter, start: threading.Thread) -> None:
        """Once ``office`` has started, convert documents until none is left (or an office stopped)."""
        start.join()
        try:
            while office.running:
                with self._changed:
                    if not self.waiting or self.problems:
                        return
                    source = self.waiting.pop()
                    self._busy += 1
                try:
                    office.convert([source])
                    if self._converted is not None:
                        self._converted()
                except OfficeError as exc:
                    with self._changed:
                        self.problems.extend(exc.problems)
                finally:
                    with self._changed:
                        self._busy -= 1
                        self._changed.notify_all()
        finally:
            with self._changed:
                self._workers -= 1
                self._changed.notify_all()

    def wait(self) -> None:
        """Until every document is done (or failed), or no office is left to take the rest."""
        with self._changed:
            while self._workers and (self._busy or (self.waiting and not self.problems)):
                self._changed.wait()
