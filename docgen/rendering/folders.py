"""Where a template is found: ``--templates DIR``, else ``templates/`` beside the plan, else the shipped ones.

One file at a time, so a folder holding only the templates a user changed is enough; used by
``render`` and ``check`` (docgen.documents) and by ``collect`` (docgen.collecting) alike.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from docgen.errors import Problem, TemplateError
from docgen.resources import templates_dir

TEMPLATES_FOLDER = "templates"


def template_folders(plan_path: str | Path | None = None, templates: str | Path | None = None) -> list[Path]:
    """Where templates are looked for, in order; raises ``TemplateError`` when ``templates`` does not exist."""
    folders = []
    if templates is not None:
        folder = Path(templates)
        if not folder.is_dir():
            raise TemplateError([Problem("templates-folder-missing", {}, file=str(folder))])
        folders.append(folder)
    if plan_path is not None:
        beside = Path(plan_path).parent / TEMPLATES_FOLDER
        if beside.is_dir():
            folders.append(beside)
    folders.append(templates_dir())
    return folders


def template_path(name: str, folders: Sequence[Path]) -> Path:
    """The first of ``folders`` holding the template ``name`` (the first folder when none does)."""
    for folder in folders:
        if (folder / name).exists():
            return folder / name
    return folders[0] / name
