"""What a write may replace, and folders made without leaving the chosen root.

Outputs are only ever regular files: a target that is a folder, a device, a pipe or a socket, or
that is one of the run's own inputs (the same file, however it is reached: a hard link, a
symbolic link, ``./``), is refused with or without ``--force``. Folders are made inside a
chosen root without following a link out of it (``make_folders``). An operating system's
refusal to write becomes a finding (``write_error``).
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from docgen.errors import Finding, OutputExistsError, WriteError
from docgen.inputs.bounded import kind_of

Inputs = Iterable[str | Path | None]
"""The files a run reads (the plan, templates, the file imported or fixed): never one of its outputs."""


def identities(inputs: Inputs) -> dict[tuple[int, int], str]:
    """Each input that exists by its device and inode (what ``os.path.samefile`` compares), to its path."""
    found = {}
    for path in inputs:
        if path is None:
            continue
        try:
            info = Path(path).stat()
        except (OSError, ValueError):
            continue
        found[(info.st_dev, info.st_ino)] = str(path)
    return found


def target_problem(path: Path, inputs: Inputs = ()) -> Finding | None:
    """Why one file cannot be written at ``path`` whatever ``--force`` says, or None.

    A link is followed (what it points to is what a person means): a folder, a device, a pipe
    or a socket there is refused, and so is any of ``inputs``, the same file by whatever name
    (a hard link, a link, ``./`` or an absolute path), so that no command writes over what it reads.
    """
    try:
        info = path.stat()
    except (OSError, ValueError):
        return None  # nothing there (or no way to it): the write itself says what is wrong
    if not stat.S_ISREG(info.st_mode):
        return Finding("output-not-regular", {"what": kind_of(info.st_mode)}, file=str(path))
    source = identities(inputs).get((info.st_dev, info.st_ino))
    if source is not None:
        return Finding("output-is-input", {"input": source}, file=str(path))
    return None


def make_folders(root: Path, relative: PurePosixPath | str) -> Path:
    """``root/relative`` made folder by folder, never through a link: the folder, inside ``root``.

    ``root`` is the folder a person chose (made as given); each folder below it that is already
    there must be a real folder, not a link that would lead the writes out of ``root``.
    Raises ``OutputExistsError`` (``folder-is-link``, ``output-folder-is-file``) or ``WriteError``.
    """
    relative = PurePosixPath(relative)
    if relative.is_absolute() or ".." in relative.parts:
        raise OutputExistsError([Finding("output-outside", {"path": str(relative)}, file=str(root / relative))])
    folder = root
    try:
        root.mkdir(parents=True, exist_ok=True)
        for part in relative.parts:
            folder = folder / part
            with contextlib.suppress(FileExistsError):
                folder.mkdir()
            mode = os.lstat(folder).st_mode
            if stat.S_ISLNK(mode):
                raise OutputExistsError([Finding("folder-is-link", {"root": str(root)}, file=str(folder))])
            if not stat.S_ISDIR(mode):
                raise OutputExistsError([Finding("output-folder-is-file", {}, file=str(folder))])
    except OSError as exc:
        raise write_error(exc, folder) from exc
    return folder


def check_output_file(path: Path, inputs: Inputs = ()) -> None:
    """Raise ``OutputExistsError`` when ``path`` can never be written (``target_problem``): before the work starts."""
    problem = target_problem(path, inputs)
    if problem is not None:
        raise OutputExistsError([problem])


_WRITE_CODES = {
    errno.EACCES: "write-denied",
    errno.EPERM: "write-denied",
    errno.EROFS: "write-read-only",
    errno.ENOSPC: "write-disk-full",
    getattr(errno, "EDQUOT", errno.ENOSPC): "write-disk-full",  # disk quota; not every system has it
    errno.ENOENT: "write-no-folder",
}


def write_error(exc: OSError, path: Path) -> WriteError:
    """An operating system's refusal to write, as a problem in the user's language.

    It names ``path``, the file or folder the user chose, not the staging or temporary file
    docgen was writing when it failed.
    """
    code = _WRITE_CODES.get(exc.errno or 0, "write-failed")
    return WriteError([Finding(code, {"reason": exc.strerror or str(exc)}, file=str(path))])
