"""The converter a long-running program keeps for its lifetime: a warm LibreOffice, or the cold path when none can stay.

``docgen serve`` shows the notice again after each save. With ``convert_to_pdf`` every preview
waits for LibreOffice to start (several seconds on a busy machine); ``SessionConverter`` starts
one ``WarmConverter`` in the background as the session begins, hands it every conversion, and
stops it when the session ends. Where a warm office cannot start (no ``uno`` bindings, an
office that fails at start) it says so (``notes``) and converts each batch the cold way,
as ``render --pdf`` does, so the preview still works, only slower.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path

from docgen.errors import Finding, OfficeError, Severity
from docgen.office.warm import WarmConverter

_STOPPED = {"office-failed", "office-timeout"}  # the office stopped mid-batch (it is stopped on a timeout)


class SessionConverter:
    """Converts .docx files to PDFs in a folder (a ``documents.preview.Converter``) through one warm LibreOffice.

    Lifecycle: ``SessionConverter()`` runs nothing; ``start_in_background()`` starts LibreOffice
    in a thread and returns at once (optional: the first conversion starts it otherwise);
    calling it converts, waiting for the start if it is under way; ``close()`` stops LibreOffice
    and waits for a start under way. After a failed start ``notes`` holds warnings (``office-warm-unavailable``,
    then why) and every batch is converted by a LibreOffice run of its own.
    ``warm_batches`` and ``cold_batches`` count the batches each way converted.
    """

    def __init__(self, warm: WarmConverter | None = None) -> None:
        self.warm = warm if warm is not None else WarmConverter()
        self.notes: list[Finding] = []
        self.warm_batches = 0
        self.cold_batches = 0
        self._starting: threading.Thread | None = None
        self._lock = threading.Lock()
        self._closed = False

    def start_in_background(self) -> None:
        """Start the warm LibreOffice in a thread, unless it is running or starting."""
        with self._lock:
            if self._closed or self.notes or (self._starting is not None and self._starting.is_alive()):
                return
            self._starting = threading.Thread(target=self._start, name="docgen-warm-office", daemon=True)
            self._starting.start()

    def __call__(self, documents: Sequence[Path], folder: Path) -> list[Path]:
        """The PDFs of ``documents`` in ``folder``, in order; raises ``OfficeError`` as ``convert_to_pdf`` does."""
        self._wait_for_start()
        for attempt in (1, 2):  # an office that stopped mid-batch is started again, once
            if self.notes or self._closed:
                break
            try:
                self.warm.start()  # at once when it is running; again when it died since
            except OfficeError as exc:
                self._give_up(exc)
                break
            try:
                pdfs = self.warm.convert(documents, folder)
            except OfficeError as exc:
                if not {p.code for p in exc.problems} & _STOPPED:
                    raise  # a file it could not convert: so would the cold way
                if attempt == 2:
                    self._give_up(exc)
                continue
            self.warm_batches += 1
            return pdfs
        return self._convert_cold(documents, folder)

    def close(self) -> None:
        """Stop the warm LibreOffice (after a start under way) and remove its profile; later batches go cold."""
        with self._lock:
            self._closed = True
        self._wait_for_start()
        self.warm.close()

    def _start(self) -> None:
        try:
            self.warm.start()
        except OfficeError as exc:
            self._give_up(exc)

    def _wait_for_start(self) -> None:
        starting = self._starting
        if starting is not None:
            starting.join()

    def _convert_cold(self, documents: Sequence[Path], folder: Path) -> list[Path]:
        from docgen.office.convert import convert_to_pdf

        folder.mkdir(parents=True, exist_ok=True)
        pdfs = convert_to_pdf(documents, folder)
        self.cold_batches += 1
        return pdfs

    def _give_up(self, error: OfficeError) -> None:
        why = [problem.as_warning() for problem in error.problems]
        self.notes = [Finding("office-warm-unavailable", {}, severity=Severity.WARNING), *why]
        self.warm.close()
