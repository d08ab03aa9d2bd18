"""Reading a file someone else made: only a regular file, only so many bytes, zip members bounded as they inflate.

A path may name a FIFO (reading waits forever), a device such as /dev/zero (reading never
ends), a folder, or a link to any of these; a zip may hold a member whose real size is
gigabytes whatever its header says. Every input docgen opens (the plan, a template, a returned
form, the manifest) goes through here, so each of these is a clear refusal, never a hang.
"""

from __future__ import annotations

import os
import stat
import zipfile
from pathlib import Path
from typing import BinaryIO

from docgen.errors import Finding

_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a pipe (FIFO)"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISLNK, "a symbolic link"),
)


class InputRefusedError(Exception):
    """The file is not a regular file, or is larger than docgen reads; ``problem`` says which."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params

    def problem(self, file: Path | str) -> Finding:
        """The refusal as a finding about ``file``."""
        return Finding(self.code, dict(self.params), file=str(file))


def kind_of(mode: int) -> str:
    """What a file that is not a regular one is, in words (``a folder``, ``a device``): a message's ``what``."""
    return next((kind for test, kind in _KINDS if test(mode)), "a special file")


def open_regular(path: Path, limit: int) -> BinaryIO:
    """The regular file at ``path`` (links followed) opened for reading, when it holds at most ``limit`` bytes.

    For a file read in parts, such as a zip whose members are read one by one: raises
    ``InputRefusedError`` for anything but a regular file (a pipe is opened without waiting for
    a writer, then refused) or a larger file, and ``OSError`` (``FileNotFoundError`` included) as
    ``open`` does. The caller closes the file.
    """
    descriptor = os.open(path, _OPEN_FLAGS)
    handle = os.fdopen(descriptor, "rb", closefd=True)
    try:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise InputRefusedError("input-not-file", what=kind_of(info.st_mode))
        if info.st_size > limit:
            raise InputRefusedError("input-too-large", limit=mebibytes(limit))
        if hasattr(os, "set_blocking"):
            os.set_blocking(handle.fileno(), True)
    except BaseException:
        handle.close()
        raise
    return handle


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of the regular file at ``path`` (links followed), at most ``limit`` of them.

    Raises ``InputRefusedError`` for anything else (a pipe is opened without waiting for a
    writer, then refused) or a larger file, and ``OSError`` (``FileNotFoundError`` included) as
    ``open`` does.
    """
    with open_regular(path, limit) as handle:
        data = handle.read(limit + 1)  # the file may have grown since it was opened
    if len(data) > limit:
        raise InputRefusedError("input-too-large", limit=mebibytes(limit))
    return data


def check_regular(path: Path, limit: int) -> os.stat_result:
    """``path``'s status when it is a regular file of at most ``limit`` bytes (see ``read_regular``)."""
    info = path.stat()
    if not stat.S_ISREG(info.st_mode):
        raise InputRefusedError("input-not-file", what=kind_of(info.st_mode))
    if info.st_size > limit:
        raise InputRefusedError("input-too-large", limit=mebibytes(limit))
    return info


def read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    """A zip member's bytes, refused once more than ``limit`` of them inflate (its header is not trusted)."""
    if info.file_size > limit:
        raise InputRefusedError("input-member-too-large", member=info.filename, limit=mebibytes(limit))
    with archive.open(info) as stream:
        data = stream.read(limit + 1)
    if len(data) > limit:
        raise InputRefusedError("input-member-too-large", member=info.filename, limit=mebibytes(limit))
    return data


def mebibytes(limit: int) -> int | float:
    """A limit in bytes as the MiB a message states: whole from 1 MiB, else to two decimals."""
    mib = limit / (1024 * 1024)
    return int(mib) if mib >= 1 else round(mib, 2)
