"""LibreOffice conversion of .docx files to PDF, with the fonts a Chinese official document needs.

The whole batch goes through one ``soffice`` process: starting LibreOffice costs seconds, a
document a fraction of one. The process gets a private, throw-away profile (so it neither
clashes with an office the user has open nor leaves state behind), a timeout after which its
whole process group is killed, and docgen's own fontconfig file, which maps the Windows font
names in the templates (仿宋_GB2312, 黑体, 楷体 ...) to Debian's free CJK fonts.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import logging
import os
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from docgen.errors import OfficeError, Problem

log = logging.getLogger(__name__)

PACKAGES = "libreoffice-writer-nogui fonts-noto-cjk fonts-lxgw-wenkai fonts-arphic-ukai fonts-liberation2 poppler-utils"
DEFAULT_TIMEOUT = 300.0
_OFFICE_NAMES = ("soffice", "libreoffice")
_FONTS_CONF = Path(__file__).resolve().parent / "fonts" / "fonts.conf"


def fontconfig_file() -> Path:
    """The shipped fontconfig file that maps the templates' font names to installed fonts."""
    return _FONTS_CONF


def find_office() -> str:
    """The LibreOffice executable on PATH; ``OfficeError`` naming the packages when there is none."""
    for name in _OFFICE_NAMES:
        found = shutil.which(name)
        if found:
            return found
    raise OfficeError([Problem("office-missing", {"packages": PACKAGES})])


def find_tool(name: str) -> str:
    """A poppler tool (``pdftoppm``, ``pdftotext`` ...) on PATH, or ``OfficeError`` naming its package."""
    found = shutil.which(name)
    if found is None:
        raise OfficeError([Problem("tool-missing", {"tool": name, "package": "poppler-utils"})])
    return found


def convert_to_pdf(
    docx_paths: Sequence[Path],
    out_dir: Path | None = None,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    processes: int = 1,
) -> list[Path]:
    """Convert every .docx in one LibreOffice run (or ``processes`` runs side by side); return the PDFs.

    Each PDF is written beside its .docx, or into ``out_dir`` when one is given. The inputs are
    copied under numbered names first, because ``soffice --outdir`` puts every result in one
    folder by stem: two ``报告.docx`` from different folders would overwrite each other. With
    several processes each gets its own share of the files and its own profile (two
    LibreOffice processes cannot share one), for about that many times the speed on as many cores.
    Raises ``OfficeError`` when LibreOffice is missing, fails, times out or skips a file;
    then no PDF is written.
    """
    sources = [Path(p) for p in docx_paths]
    targets = [(out_dir if out_dir is not None else s.parent) / (s.stem + ".pdf") for s in sources]
    if not sources:
        return []
    clashes = {t for t in targets if targets.count(t) > 1}
    if clashes:
        raise OfficeError([Problem("pdf-name-clash", {}, file=str(t)) for t in sorted(clashes)])
    office = find_office()
    with tempfile.TemporaryDirectory(prefix="docgen-office-") as temporary:
        work = Path(temporary)
        inputs = [work / "in" / f"{n:04d}.docx" for n in range(len(sources))]
        inputs[0].parent.mkdir()
        for source, copy in zip(sources, inputs, strict=True):
            try:
                shutil.copyfile(source, copy)
            except OSError as exc:
                reason = exc.strerror or str(exc)
                raise OfficeError([Problem("file-unreadable", {"reason": reason}, file=str(source))]) from exc
        produced = work / "out"
        count = max(1, min(processes, len(inputs)))
        shares = [inputs[i::count] for i in range(count)]
        commands = [_command(office, work / f"profile{i}", produced, share) for i, share in enumerate(shares)]
        if count == 1:
            outputs = [_run(commands[0], timeout, len(inputs))]
        else:
            with concurrent.futures.ThreadPoolExecutor(count) as pool:
                runs = [pool.submit(_run, c, timeout, len(share)) for c, share in zip(commands, shares, strict=True)]
                outputs = [run.result() for run in runs]
        output = " | ".join(o for o in outputs if o.strip())
        missing = [
            Problem("pdf-not-produced", {"detail": _tail(output)}, file=str(source))
            for source, copy in zip(sources, inputs, strict=True)
            if not _nonempty(produced / (copy.stem + ".pdf"))
        ]
        if missing:
            raise OfficeError(missing)
        for copy, target in zip(inputs, targets, strict=True):
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(produced / (copy.stem + ".pdf"), target)
    return targets


def _command(office: str, profile: Path, produced: Path, inputs: Sequence[Path]) -> list[str]:
    """One soffice call converting ``inputs`` into ``produced`` with its own throw-away profile."""
    return [
        office,
        "--headless",
        "--norestore",
        "--nolockcheck",
        f"-env:UserInstallation={profile.as_uri()}",
        "--convert-to",
        "pdf:writer_pdf_Export",
        "--outdir",
        str(produced),
        *map(str, inputs),
    ]


def _run(command: list[str], timeout: float, count: int) -> str:
    """Run LibreOffice in its own process group with docgen's fonts; kill the group on timeout."""
    env = {**os.environ, "FONTCONFIG_FILE": str(fontconfig_file())}
    log.debug("converting %d files: %s", count, command)
    process = subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env=env,
        start_new_session=True,
    )
    try:
        output, _ = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill_group(process)
        raise OfficeError([Problem("office-timeout", {"seconds": timeout, "count": count})]) from None
    except BaseException:
        _kill_group(process)
        raise
    text = output.decode("utf-8", errors="replace")
    if process.returncode != 0:
        raise OfficeError([Problem("office-failed", {"code": process.returncode, "detail": _tail(text)})])
    return text


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    """Stop soffice and the soffice.bin it started (they share the new session's group)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.communicate()


def _nonempty(path: Path) -> bool:
    return path.is_file() and path.stat().st_size > 0


def _tail(text: str, lines: int = 3) -> str:
    """The last lines LibreOffice printed, for the error message ("" when it said nothing)."""
    kept = [line.strip() for line in text.splitlines() if line.strip()]
    return " | ".join(kept[-lines:])
