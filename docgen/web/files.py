"""Files the workbench shows: only inside the plan's folder, the output folder and the returns folder.

An address names a root (``plan``, ``out``, ``returns``) and a path inside it. The path is
walked one folder at a time from the root, each step opened without following a link, so
neither ``..``, nor a link, nor a folder swapped for a link while the walk runs leads out; hidden
files (docgen's record and manifest, a staging folder) are not served. A file is sent as a
download unless it is a PDF, a picture or plain text, and always with a sandboxing policy: a
returned report that is a web page cannot run anything on the workbench's address.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator, Mapping
from pathlib import Path, PurePosixPath
from urllib.parse import quote

INLINE_TYPES = {
    ".pdf": "application/pdf",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".txt": "text/plain; charset=utf-8",
}
DOWNLOAD_TYPES = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".ics": "text/calendar",
}
MAX_PARTS = 32  # folders deep; the returns folder's deepest file is three down
_CHUNK = 1 << 16
_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)


class NotServedError(Exception):
    """Raised for an address that names no file the workbench may show (answered as 404)."""


def safe_parts(relative: str) -> tuple[str, ...]:
    """The steps of a path inside a root; ``NotServedError`` for an absolute, hidden, ``..`` or odd one."""
    if not relative or "\\" in relative or "\x00" in relative or len(relative) > 4096:
        raise NotServedError(relative)
    parts = PurePosixPath(relative).parts
    if not parts or len(parts) > MAX_PARTS or PurePosixPath(relative).is_absolute():
        raise NotServedError(relative)
    for part in parts:
        if part in (".", "..") or part.startswith((".", "~$")) or any(ord(c) < 32 for c in part):
            raise NotServedError(relative)
    return parts


def open_served(roots: Mapping[str, Path], root: str, relative: str) -> tuple[int, int]:
    """The file at ``relative`` inside ``roots[root]``, opened: (descriptor, size); ``NotServedError`` otherwise.

    The caller closes the descriptor (``read_chunks`` does, once it has read the file).
    """
    base = roots.get(root)
    if base is None:
        raise NotServedError(root)
    parts = safe_parts(relative)
    # Windows opens no file relative to a folder: there each step is looked at, then the file opened
    handle = _walk(base, parts) if os.open in os.supports_dir_fd else _checked_open(base, parts)
    try:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode):
            raise NotServedError(relative)
    except BaseException:
        os.close(handle)
        raise
    return handle, info.st_size


def _walk(base: Path, parts: tuple[str, ...]) -> int:
    """Open each folder from ``base`` and then the file, none through a link."""
    try:
        folder = os.open(base, _FLAGS | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        raise NotServedError(str(base)) from None
    try:
        for part in parts[:-1]:
            try:
                inner = os.open(part, _FLAGS | getattr(os, "O_DIRECTORY", 0), dir_fd=folder)
            except OSError:
                raise NotServedError(part) from None
            os.close(folder)
            folder = inner
        try:
            return os.open(parts[-1], _FLAGS | getattr(os, "O_NONBLOCK", 0), dir_fd=folder)
        except OSError:
            raise NotServedError(parts[-1]) from None
    finally:
        os.close(folder)


def _checked_open(base: Path, parts: tuple[str, ...]) -> int:  # pragma: no cover - Windows
    path = base
    for part in parts:
        path = path / part
        if path.is_symlink():
            raise NotServedError(str(path))
    if not path.resolve().is_relative_to(base.resolve()):
        raise NotServedError(str(path))
    try:
        return os.open(path, _FLAGS)
    except OSError:
        raise NotServedError(str(path)) from None


def read_chunks(handle: int, size: int) -> Iterator[bytes]:
    """The file's bytes in chunks, at most ``size`` of them (a file that grows is sent as it was); then closes it."""
    try:
        left = size
        while left > 0:
            chunk = os.read(handle, min(_CHUNK, left))
            if not chunk:
                return
            left -= len(chunk)
            yield chunk
    finally:
        os.close(handle)


def answer_headers(name: str, *, download: bool) -> tuple[str, dict[str, str]]:
    """The media type and headers for sending the file ``name``: inline only for harmless types."""
    suffix = PurePosixPath(name).suffix.lower()
    inline = suffix in INLINE_TYPES and not download
    media = INLINE_TYPES.get(suffix) or DOWNLOAD_TYPES.get(suffix) or "application/octet-stream"
    disposition = "inline" if inline else "attachment"
    headers = {
        "content-disposition": f"{disposition}; filename*=UTF-8''{quote(name, safe='')}",
        "content-security-policy": "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'",
    }
    return media, headers
