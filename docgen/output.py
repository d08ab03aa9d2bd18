"""Writing the files docgen makes: never over a user's file unasked, never half-written.

A file is written to a temporary name in the same folder and then renamed over the target, so a
crash or a full disk leaves either the old file or the new one, not a truncated plan.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path

from docgen.errors import OutputExistsError, ProblemsError, problem_error


def write_text_atomic(path: Path, text: str, *, force: bool = False) -> None:
    """Write ``text`` as UTF-8 to ``path`` (creating its folder); an existing file is replaced only with ``force``."""
    if path.exists() and not force:
        raise problem_error(OutputExistsError, "output-exists", path)
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with temporary.open("xb") as handle:
            handle.write(text.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        temporary.replace(path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            temporary.unlink()
        reason = exc.strerror or str(exc)
        raise problem_error(ProblemsError, "write-failed", path, reason=reason) from exc
