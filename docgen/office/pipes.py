"""LibreOffice's sockets in /tmp, which a killed LibreOffice leaves behind.

A LibreOffice makes a socket for its profile (``OSL_PIPE_<uid>_SingleOfficeIPC_<digest>``, where
another start with the same profile finds it) and one for ``--accept=pipe,name=N``
(``OSL_PIPE_<uid>_N``). It removes them when it ends; killed (a conversion past its timeout, an
office that hung, one a killed docgen left running), it cannot. docgen's profiles are its own and
thrown away, so once their office is gone the sockets named after them are litter.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
from pathlib import Path

PIPE_FOLDERS = (Path("/tmp"), Path("/var/tmp"))
"""Where LibreOffice makes its sockets, whatever TMPDIR says."""


def profile_pipe(profile: Path) -> str:
    """The name LibreOffice gives the socket of the profile at ``profile`` (after ``OSL_PIPE_<uid>_``).

    The MD5 of the profile's URL as LibreOffice holds it (links resolved, in UTF-16), each byte in
    hex without a leading zero: checked against a running LibreOffice by the tests.
    """
    digest = hashlib.md5(profile.resolve().as_uri().encode("utf-16-le"), usedforsecurity=False).digest()
    return "SingleOfficeIPC_" + "".join(format(byte, "x") for byte in digest)


def remove_pipes(*names: str) -> None:
    """Remove this user's LibreOffice sockets of these names; call it once their office is gone."""
    if not hasattr(os, "getuid"):
        return  # Windows: LibreOffice's pipes are named pipes, gone with their process
    uid = os.getuid()
    for folder in PIPE_FOLDERS:
        for name in names:
            socket = folder / f"OSL_PIPE_{uid}_{name}"
            with contextlib.suppress(OSError):
                info = socket.lstat()
                if stat.S_ISSOCK(info.st_mode) and info.st_uid == uid:
                    socket.unlink()
