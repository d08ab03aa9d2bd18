"""docgen's cache folder: what can be made again, kept between runs so that it is not (templates, PDFs, layouts).

Where: ``DOCGEN_CACHE_DIR`` when set, else the user's cache folder as each system names it
(``$XDG_CACHE_HOME/docgen`` or ``~/.cache/docgen`` on Linux, ``~/Library/Caches/docgen`` on
macOS, ``%LOCALAPPDATA%/docgen/Cache`` on Windows: what platformdirs answers, in a few lines
of the standard library rather than one more import at every start). ``DOCGEN_NO_CACHE=1`` (the
command line's ``--no-cache``), or ``DOCGEN_CACHE_DIR`` set empty, turns it off: nothing is read
or written.

Each kind of entry (``templates``, ``texts``, ``pdf``, ``layout``) has a folder of its own and a
size bound; an entry is one file named by the SHA-256 of its key. Safety:
- Concurrent writers: an entry is written to a temporary file in its folder and renamed into
  place, so a reader sees a whole entry or none, and the last of two writers of the same key wins
  with an entry as good as the other's.
- Corrupt entries: a file starts with a magic line and the SHA-256 of what follows; one that does
  not match (truncated, edited, written by another version) is removed and the caller makes the
  value again. What it holds is decoded by ``marshal``, which builds only plain values (numbers,
  text, bytes, tuples, lists, dicts, sets, code objects), never instances of arbitrary classes.
- Trust: a compiled template's code is run, so the cache is trusted as much as the user's own
  files are. docgen assumes the folder is the user's own: it creates it readable and writable by
  the user alone, and does not use a folder that another user owns or that others may write to.
- Bounded: after a write, the least recently used entries of that kind (by modification time,
  which a read renews) are removed until the kind is within its bound.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import stat
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from docgen.version import __version__

CACHE_ENV = "DOCGEN_CACHE_DIR"
NO_CACHE_ENV = "DOCGEN_NO_CACHE"
_MAGIC = b"docgen-cache 1\n"
_DIGEST = 32
_SUFFIX = ".entry"


def cache_dir() -> Path:
    """The folder docgen keeps its cache in (it may not exist yet)."""
    given = os.environ.get(CACHE_ENV)
    if given:
        return Path(given)
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "docgen" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "docgen"
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    return (Path(xdg) if Path(xdg).is_absolute() else Path.home() / ".cache") / "docgen"


def cache_enabled() -> bool:
    """Whether the cache is used: not when ``DOCGEN_NO_CACHE`` is set (but to 0), nor ``DOCGEN_CACHE_DIR`` set empty."""
    return os.environ.get(NO_CACHE_ENV, "") in ("", "0") and os.environ.get(CACHE_ENV) != ""


def clear_cache() -> int:
    """Remove every entry docgen cached (compiled templates, PDFs, page layouts); the number of files removed."""
    root = cache_dir()
    removed = 0
    if not root.is_dir():
        return 0
    for kind in root.iterdir():
        if not kind.is_dir() or kind.is_symlink():
            continue
        for entry in kind.iterdir():
            if entry.suffix == _SUFFIX or entry.name.startswith(".tmp"):
                with contextlib.suppress(OSError):
                    entry.unlink()
                    removed += 1
    return removed


def entry_key(*parts: str | bytes) -> str:
    """A key made of several parts, docgen's version among them: a new docgen never reads an old entry."""
    digest = hashlib.sha256(__version__.encode())
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "little") + data)
    return digest.hexdigest()


def code_stamp(*files: Path) -> str:
    """The sizes and times of source files that shape what an entry holds: changed when docgen is edited.

    A key holds docgen's version, which an installed docgen changes on upgrade; in a checkout the
    version stays while the code changes, and an entry made by older code must not be read.
    """
    stamps = []
    for path in files:
        try:
            info = path.stat()
            stamps.append(f"{path.name}:{info.st_size}:{info.st_mtime_ns}")
        except OSError:
            stamps.append(path.name)
    return ",".join(stamps)


class Store:
    """The entries of one kind (``templates``, ``pdf``), at most ``max_bytes`` together."""

    def __init__(self, kind: str, max_bytes: int) -> None:
        self.kind = kind
        self.max_bytes = max_bytes

    def _folder(self, create: bool) -> Path | None:
        """The kind's folder, made on demand; None when the cache is off or the folder is not the user's alone."""
        if not cache_enabled():
            return None
        root = cache_dir()
        folder = root / self.kind
        try:
            if create:
                root.mkdir(mode=0o700, parents=True, exist_ok=True)
                folder.mkdir(mode=0o700, exist_ok=True)
            return folder if _private(root) and _private(folder) else None
        except OSError:
            return None

    def get(self, key: str) -> Any | None:
        """The value stored under ``key``; None when there is none or it is not sound (then it is removed)."""
        folder = self._folder(create=False)
        if folder is None:
            return None
        path = folder / (key + _SUFFIX)
        try:
            data = path.read_bytes()
        except OSError:
            return None
        head, payload = data[: len(_MAGIC) + _DIGEST], data[len(_MAGIC) + _DIGEST :]
        sound = head == _MAGIC + hashlib.sha256(payload).digest()
        try:
            value = marshal.loads(payload) if sound else None
        except (ValueError, EOFError, TypeError):
            value = None
        if value is None:
            with contextlib.suppress(OSError):
                path.unlink()
            return None
        with contextlib.suppress(OSError):
            os.utime(path)  # recently used: kept when the kind is trimmed
        return value

    def held(self, keys: Iterable[str]) -> set[str]:
        """Those of ``keys`` that have an entry, found in one listing of the folder (not a read per key)."""
        folder = self._folder(create=False)
        if folder is None:
            return set()
        try:
            names = {entry.name for entry in os.scandir(folder)}
        except OSError:
            return set()
        return {key for key in keys if key + _SUFFIX in names}

    def put(self, key: str, value: Any) -> None:
        """Keep ``value`` (plain values and code objects only) under ``key``; skipped where it cannot be written."""
        folder = self._folder(create=True)
        if folder is None:
            return
        payload = marshal.dumps(value)
        data = _MAGIC + hashlib.sha256(payload).digest() + payload
        try:
            handle, name = tempfile.mkstemp(prefix=".tmp", dir=folder)
            try:
                with os.fdopen(handle, "wb") as file:
                    file.write(data)
                Path(name).replace(folder / (key + _SUFFIX))
            except BaseException:
                with contextlib.suppress(OSError):
                    Path(name).unlink()
                raise
        except OSError:
            return
        self._trim(folder)

    def _trim(self, folder: Path) -> None:
        """Remove the least recently used entries until the kind is within its bound."""
        entries = []
        with contextlib.suppress(OSError):
            for path in _entries(folder):
                with contextlib.suppress(OSError):
                    info = path.stat()
                    entries.append((info.st_mtime_ns, info.st_size, path))
        total = sum(size for _, size, _ in entries)
        for _, size, path in sorted(entries, key=lambda e: e[0]):
            if total <= self.max_bytes:
                break
            with contextlib.suppress(OSError):
                path.unlink()
            total -= size


def _entries(folder: Path) -> Iterator[Path]:
    return (path for path in folder.iterdir() if path.suffix == _SUFFIX)


def _private(folder: Path) -> bool:
    """Whether ``folder`` is a real folder of this user that nobody else may write to."""
    info = folder.lstat()
    if not stat.S_ISDIR(info.st_mode):
        return False
    if not hasattr(os, "getuid"):
        return True  # Windows: the user's own profile folder
    return info.st_uid == os.getuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
