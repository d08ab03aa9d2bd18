"""One docgen run at a time in an output folder.

Two runs into one folder (``make render`` started twice, two people on a shared drive) would
clear each other's staging folder and race on the manifest. A run holds an exclusive lock on
the folder while it stages and commits; a second run waits for it, then goes on. The
operating system drops the lock when its holder ends, however it ends, so a killed run never
leaves the folder locked. On Linux and macOS the folder itself is locked (nothing is added to
it); Windows cannot lock a folder, so there the lock is the file ``.docgen-lock`` in it. Where
the file system cannot lock at all (some network drives), the run goes on unlocked.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from docgen.errors import Finding, FindingsError

WINDOWS_LOCK_FILE = ".docgen-lock"
PATIENCE = 120.0  # seconds a run waits for another to finish with the folder
_POLL = 0.1
# what flock and msvcrt.locking say when another process holds the lock
_BUSY = {getattr(errno, name) for name in ("EAGAIN", "EACCES", "EWOULDBLOCK", "EDEADLK") if hasattr(errno, name)}


class FolderBusyError(FindingsError):
    """Raised when another docgen run kept the output folder longer than a run waits."""


@contextlib.contextmanager
def folder_locked(folder: Path, patience: float | None = None) -> Iterator[None]:
    """Hold the folder's lock for the block, waiting up to ``patience`` seconds (``PATIENCE``) for another run."""
    patience = PATIENCE if patience is None else patience
    handle = _open(folder)
    try:
        deadline = time.monotonic() + patience
        while not _try_lock(handle):
            if time.monotonic() >= deadline:
                raise FolderBusyError([Finding("output-busy", {"seconds": int(patience)}, file=str(folder))])
            time.sleep(_POLL)
        yield
    finally:
        os.close(handle)  # closing it releases the lock


if sys.platform == "win32":
    import msvcrt

    def _open(folder: Path) -> int:
        return os.open(folder / WINDOWS_LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)

    def _try_lock(handle: int) -> bool:
        try:
            msvcrt.locking(handle, msvcrt.LK_NBLCK, 1)
        except OSError as exc:
            return exc.errno not in _BUSY  # locked by another run: wait; cannot lock here: go on
        return True

else:
    import fcntl

    def _open(folder: Path) -> int:
        return os.open(folder, os.O_RDONLY)

    def _try_lock(handle: int) -> bool:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            return exc.errno not in _BUSY  # locked by another run: wait; cannot lock here: go on
        return True
