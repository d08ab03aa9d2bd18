"""A killed LibreOffice's sockets are found by its profile's name and removed, and nothing else is.

That the name is LibreOffice's own is checked against a running office in test_warm.py.
"""

from __future__ import annotations

import os
import socket
from pathlib import Path

from docgen.office.pipes import PIPE_FOLDERS, profile_pipe, remove_pipes


def test_the_name_follows_links_as_libreoffice_does(tmp_path: Path) -> None:
    (tmp_path / "real" / "资料 profile").mkdir(parents=True)
    (tmp_path / "link").symlink_to(tmp_path / "real")
    name = profile_pipe(tmp_path / "link" / "资料 profile")
    assert name == profile_pipe(tmp_path / "real" / "资料 profile")
    assert name.startswith("SingleOfficeIPC_") and 32 <= len(name) <= 48  # 16 bytes, each in one or two hex digits


def test_only_this_users_sockets_of_that_name_are_removed(tmp_path: Path) -> None:
    name = f"docgen-test-{os.getpid()}-{tmp_path.name}"
    folder = PIPE_FOLDERS[0]
    plain = folder / f"OSL_PIPE_{os.getuid()}_{name}-file"
    plain.write_text("not a socket", encoding="utf-8")
    listening = folder / f"OSL_PIPE_{os.getuid()}_{name}"
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(listening))
        remove_pipes(f"{name}-file", name, f"{name}-absent")
        assert plain.exists() and not listening.exists()
    finally:
        server.close()
        plain.unlink()
        listening.unlink(missing_ok=True)
