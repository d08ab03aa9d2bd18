"""The plan file as an editor holds it: read with what its editor saved it in, saved back only over the same file.

The workbench (``docgen serve``) shows the plan's text in a browser and writes it back as typed.
A browser's text has LF line ends, so the file's own (CRLF from Windows editors), its
encoding (a BOM, GB18030) and its permissions are put back on save: only the lines the person
changed change. Saving is compare-and-replace under the plan folder's lock: the file is replaced
(atomically, through a temporary file beside it) only when it still holds the bytes the editor
read, so a change made meanwhile in another editor is never lost.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from docgen.errors import Finding, PlanChangedError, PlanError
from docgen.plan.reading import MAX_FILE_BYTES, decode_plan, read_plan_bytes
from docgen.rendering.lock import folder_locked
from docgen.rendering.targets import write_error

SAVE_PATIENCE = 10.0  # seconds a save waits for another writer of the plan's folder


@dataclass(frozen=True)
class PlanText:
    """A plan file's text (line ends as LF), and how to write it back: encoding, line end, and the version read.

    ``digest`` is the SHA-256 of the bytes on disk; ``save_plan_text`` refuses to write unless the
    file still has them.
    """

    text: str
    encoding: str
    newline: str
    digest: str


def read_plan_text(path: Path | str) -> PlanText:
    """The plan file's text and how it is stored; ``PlanError`` when it cannot be read as a plan's text."""
    raw = read_plan_bytes(Path(path))
    text, _, encoding = decode_plan(raw, str(path))
    crlf = raw.count(b"\r\n")
    newline = "\r\n" if crlf and crlf * 2 >= raw.count(b"\n") else "\n"
    return PlanText(plain_newlines(text), encoding, newline, hashlib.sha256(raw).hexdigest())


def plain_newlines(text: str) -> str:
    """``text`` with every line end as LF (a browser's form sends CRLF)."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def save_plan_text(path: Path | str, text: str, since: str) -> PlanText:
    """Write ``text`` to the plan file, in its encoding and line ends, if it still holds the version ``since``.

    ``since`` is the ``digest`` of the ``PlanText`` the text was edited from. A link to the plan
    stays a link: the file it points to is written. Returns the file as it is now. Raises
    ``PlanChangedError`` when the file changed (or went) since, ``PlanError`` when the text is too
    large for a plan or has characters its encoding cannot hold, ``WriteError`` when it cannot
    be written; the file is then as it was.
    """
    shown = Path(path)
    target = shown.resolve()
    with folder_locked(target.parent, patience=SAVE_PATIENCE):
        try:
            current = read_plan_text(target)
        except PlanError:
            current = None
        if current is None or current.digest != since:
            raise PlanChangedError([Finding("plan-changed-on-disk", {}, file=str(shown))])
        try:
            data = plain_newlines(text).replace("\n", current.newline).encode(current.encoding)
        except UnicodeEncodeError as exc:
            params = {"char": exc.object[exc.start : exc.end], "encoding": current.encoding}
            raise PlanError([Finding("plan-text-unencodable", params, file=str(shown))]) from None
        if len(data) > MAX_FILE_BYTES:
            limit = MAX_FILE_BYTES // (1024 * 1024)
            raise PlanError([Finding("file-too-large", {"limit": limit}, file=str(shown))])
        _replace(target, data, shown)
    return PlanText(plain_newlines(text), current.encoding, current.newline, hashlib.sha256(data).hexdigest())


def _replace(target: Path, data: bytes, shown: Path) -> None:
    """Put ``data`` in place of ``target`` all at once, keeping its permissions; ``WriteError`` naming ``shown``."""
    temporary = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
    try:
        mode = target.stat().st_mode & 0o7777
        with temporary.open("xb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        temporary.chmod(mode)
        temporary.replace(target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise write_error(exc, shown) from exc
