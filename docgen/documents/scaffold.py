"""``docgen init``: a new folder with the sample plan, its schema and the default templates."""

from __future__ import annotations

import contextlib
import secrets
import shutil
from pathlib import Path

from docgen.errors import Finding, OutputExistsError
from docgen.rendering.targets import make_folders, target_problem, write_error
from docgen.resources import SAMPLE_PLAN, shipped, templates_dir

STARTER_FILES = (SAMPLE_PLAN, "schema/plan.schema.json")


def init_project(directory: str | Path, *, force: bool = False) -> list[Path]:
    """Copy the plan, schema and templates into ``directory``; never over a file unless ``force``.

    The layout matches a docgen checkout (``data/``, ``schema/``, ``templates/``), so the plan's
    schema line keeps working and every command finds the copied templates (``templates/`` one
    level up from ``data/campaign.yaml``) without ``--templates``.
    """
    target = Path(directory)
    sources = {Path(name): shipped(name) for name in STARTER_FILES}
    for template in sorted(templates_dir().glob("*.docx")):
        sources[Path("templates") / template.name] = template
    # a symbolic link counts as a file there, even one that points nowhere yet
    existing = [target / rel for rel in sources if (target / rel).exists() or (target / rel).is_symlink()]
    refused = [p for p in (target_problem(target / rel, [source]) for rel, source in sources.items()) if p]
    if refused:  # a folder or a device in the way, or docgen's own file: not even with force
        raise OutputExistsError(refused)
    if existing and not force:
        raise OutputExistsError([Finding("file-exists", {}, file=str(path)) for path in existing])
    written = []
    for relative, source in sources.items():
        destination = target / relative
        # copy beside it, then rename over it: a link is replaced, not written through
        temporary = destination.with_name(f".{destination.name}.{secrets.token_hex(4)}.tmp")
        make_folders(target, relative.parent.as_posix())  # a linked data/ or templates/ is not written through
        try:
            shutil.copyfile(source, temporary)
            temporary.replace(destination)
        except OSError as exc:
            with contextlib.suppress(OSError):
                temporary.unlink()
            raise write_error(exc, destination) from exc
        written.append(destination)
    return written
