"""One LibreOffice kept running for a session, so that a preview after each save costs a conversion, not a start.

``convert_to_pdf`` starts LibreOffice for every batch: right for ``render --pdf``, a second or
more too slow for a workbench (``docgen serve``) that shows the notice again after each save.
``WarmConverter`` starts it once and hands it documents through LibreOffice's own API (UNO),
with the same private profile, fonts and offline settings as ``convert_to_pdf``. The UNO side
runs in a Python that has LibreOffice's bindings (``uno_worker``); docgen talks to it through
its standard input and output.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import shutil
import signal
import subprocess
import tempfile
import threading
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from docgen.errors import Finding, OfficeError
from docgen.office.convert import (
    OWNER_FILE,
    WORK_PREFIX,
    isolated,
    new_profile,
    office_environment,
    sweep_leftovers,
)
from docgen.office.pipes import profile_pipe, remove_pipes
from docgen.office.programs import find_office

UNO_PACKAGE = "python3-uno"
START_TIMEOUT = 90.0
CONVERT_TIMEOUT = 120.0
_WORKER = Path(__file__).resolve().parent / "uno_worker.py"


@functools.cache
def uno_python() -> str | None:
    """A Python that can import LibreOffice's ``uno``: LibreOffice's own, else the system's; None when none can."""
    office = Path(find_office()).resolve()
    candidates = [office.parent / "python", office.parent / "python.exe", Path("/usr/bin/python3")]
    found = shutil.which("python3")
    candidates += [Path(found)] if found else []
    for python in candidates:
        if not python.is_file():
            continue
        try:
            probe = subprocess.run([str(python), "-c", "import uno"], capture_output=True, timeout=30, check=False)
        except (OSError, subprocess.SubprocessError):
            continue
        if probe.returncode == 0:
            return str(python)
    return None


class WarmConverter:
    """A LibreOffice kept running for a session, converting .docx files to PDF on request.

    Lifecycle::

        converter = WarmConverter()        # nothing runs yet
        converter.start()                  # LibreOffice starts (half a second); optional
        converter.convert([docx], folder)  # -> [pdf]; starts LibreOffice first if it is not running
        converter.close()                  # LibreOffice stops, its profile is removed

    or ``with WarmConverter() as converter: ...``, which closes it at the end. ``convert`` is
    safe from several threads: conversions run one at a time, callers wait their turn. A
    LibreOffice that died (killed, crashed) is started again by the next ``convert``. The PDFs
    are the ones ``convert_to_pdf`` writes (same filter, fonts and profile settings; offline).

    Raises ``OfficeError``: ``office-missing`` (no LibreOffice), ``office-uno-missing`` (no Python
    with LibreOffice's ``uno``: install ``python3-uno``), ``office-timeout`` (it did not start or
    convert in time: it is stopped), ``office-failed`` (it stopped), ``pdf-not-produced``
    (it could not convert a file; it keeps running).
    """

    def __init__(self, *, start_timeout: float = START_TIMEOUT, convert_timeout: float = CONVERT_TIMEOUT) -> None:
        self.start_timeout = start_timeout
        self.convert_timeout = convert_timeout
        self._lock = threading.Lock()
        self._process: subprocess.Popen[str] | None = None
        self._work: Path | None = None
        self._pipe: str | None = None

    def __enter__(self) -> WarmConverter:
        self.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    @property
    def running(self) -> bool:
        """Whether LibreOffice is running and ready for a conversion."""
        return self._process is not None and self._process.poll() is None

    def start(self) -> None:
        """Start LibreOffice, unless it is running; returns when it is ready to convert."""
        with self._lock:
            self._start()

    def convert(self, docx_paths: Sequence[Path], out_dir: Path | None = None) -> list[Path]:
        """Convert each .docx to a PDF beside it (or in ``out_dir``); the PDFs, in order."""
        sources = [Path(p).resolve() for p in docx_paths]
        targets = [(out_dir.resolve() if out_dir is not None else s.parent) / (s.stem + ".pdf") for s in sources]
        if not sources:
            return []
        for target in targets:
            target.parent.mkdir(parents=True, exist_ok=True)
        with self._lock:
            self._start()
            answer = self._ask({"convert": [[str(s), str(t)] for s, t in zip(sources, targets, strict=True)]})
        if "error" in answer:
            raise OfficeError([Finding("pdf-not-produced", {"detail": answer["error"]}, file=str(sources[0]))])
        missing = [s for s, t in zip(sources, targets, strict=True) if not (t.is_file() and t.stat().st_size)]
        if missing:
            raise OfficeError([Finding("pdf-not-produced", {"detail": ""}, file=str(s)) for s in missing])
        return targets

    def close(self) -> None:
        """Stop LibreOffice and remove its profile; the converter may be started again."""
        with self._lock:
            self._stop()

    def _start(self) -> None:
        if self.running:
            return
        self._stop()  # what is left of one that died
        python = uno_python()
        if python is None:
            raise OfficeError([Finding("office-uno-missing", {"packages": UNO_PACKAGE})])
        office = find_office()
        sweep_leftovers()
        self._work = Path(tempfile.mkdtemp(prefix=WORK_PREFIX))
        profile = self._work / "profile0"
        new_profile(profile, office)
        pipe = self._pipe = f"docgen-{os.getpid()}-{self._work.name}"
        command = [*isolated(office), python, str(_WORKER), office, profile.as_uri(), pipe]
        self._process = subprocess.Popen(
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=office_environment(self._work / "tmp"),
            text=True,
            encoding="utf-8",
            start_new_session=True,
        )
        (self._work / f"{OWNER_FILE}0").write_text(f"{os.getpid()} {self._process.pid}\n", encoding="utf-8")
        ready = self._read(self.start_timeout, starting=True)
        if not ready.get("ready"):
            self._stop()
            raise OfficeError([Finding("office-failed", {"code": -1, "detail": str(ready)})])

    def _ask(self, request: dict[str, Any]) -> dict[str, Any]:
        assert self._process is not None and self._process.stdin is not None
        try:
            self._process.stdin.write(json.dumps(request) + "\n")
            self._process.stdin.flush()
        except OSError:
            code = self._process.poll()
            self._stop()
            raise OfficeError([Finding("office-failed", {"code": code, "detail": "it stopped"})]) from None
        return self._read(self.convert_timeout, starting=False, count=len(request["convert"]))

    def _read(self, timeout: float, *, starting: bool, count: int = 0) -> dict[str, Any]:
        """The worker's next answer; the worker is stopped when it gives none in ``timeout`` seconds."""
        process = self._process
        assert process is not None and process.stdout is not None
        answer: list[str] = []
        reader = threading.Thread(target=_read_line, args=(process.stdout, answer), daemon=True)
        reader.start()
        reader.join(timeout)
        if reader.is_alive():
            self._stop()
            raise OfficeError([Finding("office-timeout", {"seconds": timeout, "count": 0 if starting else count})])
        if not answer or not answer[0].strip():
            code = process.poll()
            self._stop()
            raise OfficeError([Finding("office-failed", {"code": code, "detail": "it stopped"})])
        try:
            result: dict[str, Any] = json.loads(answer[0])
        except ValueError:
            result = {"error": answer[0].strip()}
        return result

    def _stop(self) -> None:
        process, self._process = self._process, None
        if process is not None:
            with contextlib.suppress(OSError):
                if process.stdin is not None:
                    process.stdin.close()  # the worker closes LibreOffice at the end of its input
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=10)
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(process.pid, signal.SIGKILL)  # LibreOffice too: the worker's session is its group
            process.wait()
        if self._work is not None:
            # a LibreOffice killed leaves its sockets behind: the profile's, and the one it listened on
            remove_pipes(profile_pipe(self._work / "profile0"), *([self._pipe] if self._pipe else []))
            shutil.rmtree(self._work, ignore_errors=True)
            self._work = None
        self._pipe = None


def _read_line(stream: IO[str], into: list[str]) -> None:
    into.append(stream.readline())
