"""Where a template is found: ``--templates DIR``, else the plan's project, else the templates docgen ships.

A plan's project keeps its templates in a ``templates/`` folder beside the plan or one level
up: ``docgen init`` and a docgen checkout both lay out ``data/campaign.yaml`` with ``templates/``
beside ``data/``, and a plan may also sit beside its own ``templates/``. Lookup is one file at a
time, so a folder holding only the templates a user changed is enough. ``render``, ``check``,
``context``, ``collect`` and the month's documents (催报, 简报, summary) all look up so.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from docgen.errors import Finding, TemplateError
from docgen.resources import templates_dir

TEMPLATES_FOLDER = "templates"


def project_templates(plan_path: str | Path) -> list[Path]:
    """The ``templates/`` folders of a plan's project that exist: beside the plan, then one level up.

    docgen's own templates are not a project's, even for the sample plan that ships beside them.
    """
    folder = Path(plan_path).absolute().parent
    candidates = [folder / TEMPLATES_FOLDER, folder.parent / TEMPLATES_FOLDER]
    own = templates_dir()
    return [c for c in dict.fromkeys(candidates) if c.is_dir() and c != own]


def template_folders(plan_path: str | Path | None = None, templates: str | Path | None = None) -> list[Path]:
    """Where templates are looked for, in order; raises ``TemplateError`` when ``templates`` does not exist."""
    folders = []
    if templates is not None:
        folder = Path(templates)
        if not folder.is_dir():
            raise TemplateError([Finding("templates-folder-missing", {}, file=str(folder))])
        folders.append(folder)
    if plan_path is not None:
        folders += project_templates(plan_path)
    folders.append(templates_dir())
    return folders


def template_path(name: str, folders: Sequence[Path]) -> Path:
    """The first of ``folders`` holding the template ``name`` (the first folder when none does)."""
    for folder in folders:
        if (folder / name).exists():
            return folder / name
    return folders[0] / name
