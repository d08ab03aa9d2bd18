"""``docgen init DIR --update-templates``: a project's unedited copies of older built-in templates replaced.

``docgen init`` copied the built-in templates into ``DIR/templates``; after an upgrade of docgen,
the copies nobody edited still hold the old layout and are used before the new built-in ones.
This replaces exactly those (``docgen.rendering.stamps`` tells them apart), all or nothing: an
edited copy is the user's and is reported and left, a template of the user's own is not looked
at, and a built-in template the project has no copy of is not added (it is used as it is).
"""

from __future__ import annotations

import contextlib
import secrets
import shutil
from dataclasses import dataclass
from pathlib import Path

from docgen.errors import Finding, Severity, TemplateError
from docgen.rendering.folders import TEMPLATES_FOLDER
from docgen.rendering.lock import folder_locked
from docgen.rendering.stamps import Copy, project_copies
from docgen.rendering.targets import write_error
from docgen.resources import templates_dir


@dataclass(frozen=True)
class TemplateUpdate:
    """What ``update_templates`` did: the copies it replaced, and the edited ones it left."""

    replaced: list[Path]
    edited: list[Finding]
    """A warning for each copy of an older built-in template that its user edited: left as it is."""


def update_templates(directory: str | Path) -> TemplateUpdate:
    """Replace each unedited copy of an older built-in template in ``directory/templates`` with the new one.

    All or nothing: every new copy is written beside its file first, then each is renamed over
    the old one; a failure leaves every file as it was. Raises ``TemplateError`` when
    ``directory`` holds no ``templates`` folder, ``WriteError`` when the folder cannot be written.
    """
    folder = Path(directory) / TEMPLATES_FOLDER
    if not folder.is_dir():
        raise TemplateError([Finding("templates-folder-missing", {}, file=str(folder))])
    with folder_locked(folder, patience=10.0):
        copies = project_copies(folder)
        older = [path for path, copy in copies.items() if copy is Copy.OLDER]
        staged: dict[Path, Path] = {}
        current = folder
        try:
            for path in older:
                current = path
                staged[path] = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
                shutil.copyfile(templates_dir() / path.name, staged[path])
            for path, temporary in staged.items():
                current = path
                temporary.replace(path)  # a link there is replaced, not written through
        except OSError as exc:
            for temporary in staged.values():
                with contextlib.suppress(OSError):
                    temporary.unlink()
            raise write_error(exc, current) from exc
    edited = [_edited(path) for path, copy in copies.items() if copy is Copy.EDITED]
    return TemplateUpdate(older, edited)


def _edited(path: Path) -> Finding:
    params = {"name": path.name, "builtin": str(templates_dir() / path.name)}
    return Finding("template-edited-copy", params, str(path), severity=Severity.WARNING)
