"""``docgen doctor``: what docgen's commands need on this machine, what is missing, and how to get it.

Returns data, one ``MachineCheck`` per need, each a message code and its parameters (the words
are in ``docgen.messages.machine_words``), its readiness and, for what is missing or standing in,
how to install it on Debian/Ubuntu, Windows and macOS. The CLI prints it; a script may read it.
LibreOffice and a face for each font the documents name are needed (``MISSING`` makes the
command exit 1); a face standing in for another, poppler (previews, the print file) and
Chromium (the dashboard's browser test) are warnings.
"""

from __future__ import annotations

import concurrent.futures
import enum
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docgen.office.font_check import FaceStatus, FontCheck, font_checks
from docgen.office.programs import INSTALL, locate_office, office_version

POPPLER_TOOLS = ("pdftoppm", "pdftotext", "pdfinfo", "pdfunite")
_BROWSERS = ("chromium", "chromium-browser", "google-chrome")


class Readiness(enum.Enum):
    """Whether a need is met: ``MISSING`` stops the commands that need it, ``WARNING`` does not."""

    READY = "ok"
    WARNING = "warning"
    MISSING = "missing"


@dataclass(frozen=True)
class MachineCheck:
    """One need, as found on this machine: a message code and its parameters, and how to get it."""

    code: str
    params: Mapping[str, Any]
    readiness: Readiness
    install: Mapping[str, str] = field(default_factory=dict)
    """How to get what is missing or better, by system (``debian``, ``windows``, ``macos``); empty when ready."""


@dataclass(frozen=True)
class MachineReport:
    """Every check ``doctor`` made, in the order it prints them."""

    checks: list[MachineCheck]

    @property
    def missing(self) -> list[MachineCheck]:
        """What stops a command: LibreOffice, a font with no usable face, an output folder that cannot be written."""
        return [check for check in self.checks if check.readiness is Readiness.MISSING]

    @property
    def ready(self) -> bool:
        """True when nothing is missing (warnings allowed)."""
        return not self.missing


def doctor(out: Path | str = "out", *, fontconfig: Path | None = None) -> MachineReport:
    """Check this machine for what docgen's commands need; writes nothing but a temporary file in ``out``.

    ``fontconfig`` replaces docgen's own fontconfig file for the font check (tests use it to
    show a machine without a face).
    """
    fonts = font_checks(fontconfig)
    if all(check.status is FaceStatus.UNCHECKED for check in fonts):
        families = ", ".join(check.need.family for check in fonts)
        font_lines = [MachineCheck("machine-fonts-unchecked", {"families": families}, Readiness.READY)]
    else:
        font_lines = [_font(check) for check in fonts]
    return MachineReport([_python(), _office(), *font_lines, _poppler(), _chromium(), _output(Path(out))])


def font_problems(fontconfig: Path | None = None) -> list[MachineCheck]:
    """The fonts the documents use whose face is missing or a stand-in here (``render --pdf`` warns of them)."""
    return [line for line in map(_font, font_checks(fontconfig)) if line.readiness is not Readiness.READY]


def font_problems_soon(fontconfig: Path | None = None) -> concurrent.futures.Future[list[MachineCheck]]:
    """``font_problems`` begun now in a thread of its own, its answer in the future returned.

    ``render --pdf`` asks it as it starts: fontconfig answers (six ``fc-match`` processes, 35 ms)
    while the plan is read and checked, instead of after.
    """
    pool = concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="docgen-fonts")
    future = pool.submit(font_problems, fontconfig)
    pool.shutdown(wait=False)  # the thread ends with its one task
    return future


def _python() -> MachineCheck:
    """The Python running docgen (an older one than 3.11 cannot install it, so it is never missing here)."""
    version = ".".join(map(str, sys.version_info[:3]))
    return MachineCheck("machine-python", {"version": version, "path": sys.executable}, Readiness.READY)


def _office() -> MachineCheck:
    """LibreOffice, and whether docgen can read its version (else each start runs LibreOffice's self-tests)."""
    office = locate_office()
    if office is None:
        return MachineCheck("machine-office-missing", {}, Readiness.MISSING, INSTALL["libreoffice"])
    params = {"path": office, "version": _reported_version(office)}
    if office_version(office) is None:  # see docgen.office.convert.new_profile
        return MachineCheck("machine-office-self-tests", params, Readiness.WARNING)
    return MachineCheck("machine-office", params, Readiness.READY)


def _reported_version(office: str) -> str:
    """What ``soffice --version`` says (LibreOffice 7.4.7.2 …), or "" when it says nothing in time."""
    try:
        run = subprocess.run([office, "--version"], capture_output=True, text=True, timeout=60, check=False)
    except (OSError, subprocess.SubprocessError):
        return ""
    return run.stdout.strip().splitlines()[0] if run.stdout.strip() else ""


def _font(check: FontCheck) -> MachineCheck:
    need = check.need
    params = {"family": need.family, "role": need.role, "face": check.face, "meant": need.faces[0]}
    if check.status in (FaceStatus.MEANT, FaceStatus.UNCHECKED):
        return MachineCheck("machine-font", params, Readiness.READY)
    if check.status is FaceStatus.STAND_IN:
        code = "machine-font-stand-in-flaw" if need.flaw else "machine-font-stand-in"
        return MachineCheck(code, {**params, "flaw": need.flaw}, Readiness.WARNING, need.packages)
    return MachineCheck("machine-font-missing", params, Readiness.MISSING, need.packages)


def _poppler() -> MachineCheck:
    found = {tool: shutil.which(tool) for tool in POPPLER_TOOLS}
    missing = [tool for tool, path in found.items() if path is None]
    if missing:
        return MachineCheck(
            "machine-poppler-missing", {"tools": ", ".join(missing)}, Readiness.WARNING, INSTALL["poppler"]
        )
    return MachineCheck("machine-poppler", {"path": str(Path(str(found["pdftoppm"])).parent)}, Readiness.READY)


def _chromium() -> MachineCheck:
    """Chromium and its driver, as the browser tests look for them (``DOCGEN_CHROMIUM`` first)."""
    browser = _program(os.environ.get("DOCGEN_CHROMIUM"), *_BROWSERS)
    driver = _program(os.environ.get("DOCGEN_CHROMEDRIVER"), "chromedriver")
    if browser is None or driver is None:
        missing = ", ".join(name for name, path in (("chromium", browser), ("chromedriver", driver)) if path is None)
        return MachineCheck("machine-chromium-missing", {"missing": missing}, Readiness.WARNING, INSTALL["chromium"])
    return MachineCheck("machine-chromium", {"browser": browser, "driver": driver}, Readiness.READY)


def _program(chosen: str | None, *names: str) -> str | None:
    if chosen:
        return shutil.which(chosen)
    return next((found for name in names if (found := shutil.which(name))), None)


def _output(out: Path) -> MachineCheck:
    """Whether docgen can write into ``out``: a file made and removed there, or in the folder it would be made in."""
    folder = out
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    params: dict[str, Any] = {"folder": str(out)}
    if not folder.is_dir():
        return MachineCheck("machine-output-unwritable", {**params, "reason": str(folder)}, Readiness.MISSING)
    try:
        with tempfile.TemporaryFile(dir=folder, prefix=".docgen-doctor-"):
            pass
    except OSError as exc:
        reason = exc.strerror or str(exc)
        return MachineCheck("machine-output-unwritable", {**params, "reason": reason}, Readiness.MISSING)
    return MachineCheck("machine-output", params, Readiness.READY)
