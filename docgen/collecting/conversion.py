r"""Reports in the older formats (.doc, .wps, .odt, .rtf) turned into .docx, to be read like any Word report.

The conversion is LibreOffice's, through ``docgen.office.convert`` as ``render --pdf`` runs it:
one process for the batch, a throw-away profile, no network, a timeout. A file is converted only
when its first bytes say it is a document LibreOffice reads (Word 97-2003 and WPS files are
compound files, an ODT a zip, an RTF starts ``{\rtf``, Word's web page saved as .doc is HTML):
a text renamed .doc is not handed to LibreOffice, and a .docx renamed .doc is read as it is. Each
converted file is kept in ``converted`` under its SHA-256, so that it is converted once however
often it is read. Where LibreOffice is missing or fails, the file is only listed, with a warning
saying what to install or what went wrong.
"""

from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path

from docgen.errors import Finding, OfficeError, Severity
from docgen.rendering.package import file_format

OLD_SUFFIXES = {".doc", ".wps", ".odt", ".rtf", ".wpt", ".dot"}
MAX_OLD_BYTES = 100 * 1024 * 1024
CONVERT_TIMEOUT = 180.0  # seconds for one batch
_HEAD = 4096


def needs_conversion(path: Path) -> bool:
    """Whether the file is named as a report in an older format LibreOffice reads (.doc, .wps, .odt, .rtf)."""
    return path.suffix.lower() in OLD_SUFFIXES


def converted_copies(paths: list[Path], converted: Path | None) -> tuple[dict[Path, Path], list[Finding]]:
    """Each file's .docx (kept in ``converted``, else in a folder that lasts for the process), and the warnings.

    A file that is not what its name says, is too large, or that LibreOffice cannot convert is
    left out, with a warning naming it.
    """
    found: dict[Path, Path] = {}
    problems: list[Finding] = []
    pending: list[tuple[Path, Path]] = []
    folder = converted if converted is not None else _session_folder()
    for path in paths:
        try:
            size = path.stat().st_size
            if size > MAX_OLD_BYTES:
                problems.append(_warning("report-too-large", path, limit=MAX_OLD_BYTES // (1024 * 1024)))
                continue
            target = folder / f"{_sha256(path)}.docx"
        except OSError as exc:
            problems.append(_warning("file-unreadable", path, reason=exc.strerror or str(exc)))
            continue
        kind = _kind(path)
        if kind == "docx":  # a .docx saved under an older name: read as it is
            found[path] = path
        elif kind not in ("doc", "rtf", "odt", "html"):
            problems.append(_warning("report-not-its-format", path, suffix=path.suffix.lower()))
        elif target.is_file() and target.stat().st_size > 0:
            found[path] = target
        else:
            pending.append((path, target))
    if pending:
        made, failed = _convert(pending)
        found.update(made)
        problems += failed
    return found, problems


def _convert(pending: list[tuple[Path, Path]]) -> tuple[dict[Path, Path], list[Finding]]:
    from docgen.office.convert import convert_documents
    from docgen.office.programs import PACKAGES

    once = {target: source for source, target in pending}  # the same file twice is converted once
    try:
        made = convert_documents(
            list(once.values()), to="docx", targets=list(once), skip_failed=True, timeout=CONVERT_TIMEOUT
        )
    except OfficeError as exc:
        if any(p.code == "office-missing" for p in exc.problems):
            return {}, [_warning("report-needs-office", source, packages=PACKAGES) for source, _ in pending]
        detail = "; ".join(str(p) for p in exc.problems)[:300]
        return {}, [_warning("report-not-converted", source, detail=detail) for source, _ in pending]
    found = {source: target for source, target in pending if target in made}
    failed = [_warning("report-not-converted", s, detail="no .docx came out") for s, _ in pending if s not in found]
    return found, failed


def _kind(path: Path) -> str | None:
    """doc, rtf, html, odt, docx or unknown: what the file's first bytes say it is."""
    try:
        with path.open("rb") as handle:
            head = handle.read(_HEAD)
    except OSError:
        return None
    kind = file_format(head)
    if kind is not None:
        return kind
    return "odt" if b"mimetypeapplication/vnd.oasis.opendocument.text" in head else "docx"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1024 * 1024):
            digest.update(chunk)
    return digest.hexdigest()


def _warning(code: str, path: Path, **params: object) -> Finding:
    return Finding(code, params, file=str(path), severity=Severity.WARNING)


_SESSION: list[tempfile.TemporaryDirectory[str]] = []


def _session_folder() -> Path:
    """A folder for conversions made without a place to keep them: removed when the process ends."""
    if not _SESSION:
        _SESSION.append(tempfile.TemporaryDirectory(prefix="docgen-converted-"))
    return Path(_SESSION[0].name)
