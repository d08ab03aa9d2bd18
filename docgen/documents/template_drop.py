"""A template given as bytes (dropped on the workbench's 模板 page): checked, then saved into the plan's templates.

It goes into the folder ``render`` looks in first: ``--templates DIR`` when one was given, else
the project's ``templates/`` (beside the plan or one level up), else a new ``templates/`` beside
the plan, which holds only the templates a person changed (the others still come from docgen).
It is checked as ``docgen check --templates`` checks it, with the context of every document
that uses a template of its name, before it is put in place: one with errors is not saved, and
a template already there is replaced only when asked, under the folder's lock.
"""

from __future__ import annotations

import dataclasses
import os
import secrets
from pathlib import Path, PurePosixPath

from docgen.documents.template_files import check_templates
from docgen.errors import Finding, FindingsError, OutputExistsError
from docgen.plan.model import Plan
from docgen.rendering.folders import TEMPLATES_FOLDER, project_templates
from docgen.rendering.lock import folder_locked
from docgen.rendering.targets import write_error
from docgen.rendering.templates import MAX_TEMPLATE_BYTES

MAX_NAME = 120  # characters of a template's file name


def templates_target(plan_path: Path, templates: Path | None = None) -> Path:
    """The folder a new template of the plan's goes into (see the module's docstring); it may not exist yet."""
    if templates is not None:
        return templates
    found = project_templates(plan_path)
    return found[0] if found else plan_path.absolute().parent / TEMPLATES_FOLDER


def add_template(
    plan: Plan | None,
    plan_path: Path,
    data: bytes,
    name: str,
    *,
    templates: Path | None = None,
    replace: bool = False,
) -> tuple[Path | None, list[Finding]]:
    """Check the template ``data`` (a .docx named ``name``) and save it among the plan's templates.

    ``plan`` is the resolved plan (its documents give the context to check with; None checks the
    tags alone). Returns where it was saved (None when it has errors: then nothing was saved)
    and every finding, located at that file. Raises ``FindingsError`` for a name that is no plain
    .docx file name or a file too large, ``OutputExistsError`` when a template of that name is
    there and ``replace`` is not given, ``WriteError`` when the folder cannot be written.
    """
    name = _checked_name(name)
    if len(data) > MAX_TEMPLATE_BYTES:
        limit = MAX_TEMPLATE_BYTES // (1024 * 1024)
        raise FindingsError([Finding("upload-too-large", {"limit": limit}, file=name)])
    folder = templates_target(plan_path, templates)
    target = folder / name
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise write_error(exc, folder) from exc
    with folder_locked(folder, patience=10.0):
        if os.path.lexists(target) and (not replace or target.is_symlink() or not target.is_file()):
            raise OutputExistsError([Finding("template-upload-exists", {"name": name}, file=str(target))])
        temporary = folder / f".{name}.{secrets.token_hex(4)}.tmp"
        try:
            temporary.write_bytes(data)
            problems = [_at(problem, temporary, target) for problem in _check(plan, plan_path, name, temporary)]
            if any(problem.is_error for problem in problems):
                return None, problems
            temporary.replace(target)
        except OSError as exc:
            raise write_error(exc, target) from exc
        finally:
            temporary.unlink(missing_ok=True)
    return target, problems


def _checked_name(name: str) -> str:
    """The name if it is a plain .docx file name; ``FindingsError`` otherwise."""
    plain = PurePosixPath(name.replace("\\", "/")).name
    if (
        plain != name
        or not plain
        or len(plain) > MAX_NAME
        or plain.startswith((".", "~$"))
        or any(ord(c) < 32 or c in '<>:"|?*' for c in plain)
    ):
        raise FindingsError([Finding("upload-bad-name", {"name": name[:MAX_NAME]})])
    if not plain.lower().endswith(".docx"):
        raise FindingsError([Finding("template-upload-not-docx", {"name": plain})])
    return plain


def _check(plan: Plan | None, plan_path: Path, name: str, file: Path) -> list[Finding]:
    """``check --templates`` of ``file`` with the context of each document whose template is called ``name``."""
    from docgen.documents.kinds import plan_documents
    from docgen.rendering.template_check import check_template

    documents = plan_documents(plan, plan_folder=plan_path.parent) if plan is not None else []
    users = [dataclasses.replace(d, template=str(file)) for d in documents if PurePosixPath(d.template).name == name]
    return check_templates(users) if users else check_template(file)


def _at(problem: Finding, temporary: Path, target: Path) -> Finding:
    """The finding located at the template's own name, not the temporary file it was checked as."""
    file = problem.file.replace(str(temporary), str(target)) if problem.file is not None else None
    params = {k: v.replace(str(temporary), str(target)) if isinstance(v, str) else v for k, v in problem.params.items()}
    return Finding(problem.code, params, file, problem.line, problem.column, problem.path, problem.severity)
