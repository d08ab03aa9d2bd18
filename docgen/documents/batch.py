"""``render``: a plan in, every requested document out, all or nothing."""

from __future__ import annotations

import difflib
import itertools
from collections.abc import Mapping, Sequence
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from docgen.documents.declared import declared_problems
from docgen.documents.kinds import KINDS, all_kinds, kind_aliases, plan_documents
from docgen.documents.template_files import (
    check_templates,
    render_in_memory,
    template_folders,
    template_path,
    with_template_paths,
)
from docgen.errors import Finding, FindingsError, PlanError, TemplateError
from docgen.plan.model import Plan
from docgen.plan.sourcemap import SourceMap
from docgen.rendering.jobs import Document
from docgen.rendering.outputs import check_targets, commit, staging
from docgen.rendering.workers import Progress, compile_templates, render_into
from docgen.resources import templates_dir

if TYPE_CHECKING:
    from docgen.plan.files import CheckReport


PDF_KIND = ".pdf"  # appended to a document's kind in the manifest for the PDF made from it
PRINT_KIND = "print"  # the joined file to print and its list of contents
PRINT_FILE = PurePosixPath("打印/全部文件.pdf")
PRINT_CONTENTS = PurePosixPath("打印/目录.txt")


class UnknownKindError(FindingsError):
    """Raised when ``--only`` names a document kind docgen does not make."""


def parse_kinds(
    only: str | Sequence[str] | None, known: Sequence[str] = KINDS, aliases: Mapping[str, str] | None = None
) -> list[str] | None:
    """``"notice,form"`` or a list -> validated kinds; None means every kind.

    ``known`` are the kinds there are (the built-in ones, and the plan's own: ``all_kinds``);
    ``aliases`` other names for them (a declared document's template file: ``kind_aliases``).
    """
    if only is None:
        return None
    names = [n.strip() for n in (only.split(",") if isinstance(only, str) else only) if n.strip()]
    names = [(aliases or {}).get(n, n) for n in names]
    problems = []
    for name in names:
        if name not in known:
            guess = difflib.get_close_matches(name, known, n=1, cutoff=0.5)
            code = "unknown-kind-suggest" if guess else "unknown-kind"
            problems.append(
                Finding(code, {"kind": name, "suggestion": guess[0] if guess else "", "known": ", ".join(known)})
            )
    if problems:
        raise UnknownKindError(problems)
    return names


def render(
    plan: Plan | CheckReport | str | Path,
    out_dir: str | Path = "out",
    only: str | Sequence[str] | None = None,
    templates: str | Path | None = None,
    *,
    unit: str | None = None,
    dry_run: bool = False,
    force: bool = False,
    pdf: bool = False,
    print_file: bool = True,
    jobs: int | None = None,
    progress: Progress | None = None,
) -> list[Path]:
    """Render the plan's documents into ``out_dir`` and return the paths written.

    ``plan`` is a loaded ``Plan``, the ``CheckReport`` of a plan without errors (its text is
    already filled in), or the path of a plan file. ``only`` limits the kinds
    (``notice``, ``form``, ``letter``, ``task-sheet``, ``unit-form``); ``unit`` (id, name or
    full name) limits task sheets and unit forms to one unit. ``templates`` is a folder
    of the user's own copies of the templates (same file names); a template it lacks comes from
    ``templates/`` beside the plan file, else from the shipped ones. With ``dry_run`` nothing is
    written, but the plan, the targets and the templates are checked and every document is
    rendered in memory. Files docgen wrote
    before are replaced; any other file in the way needs ``force``.
    With ``pdf`` a PDF is made beside every .docx (one LibreOffice run for the batch, or
    ``jobs`` runs side by side when ``jobs`` is given), with ``打印/全部文件.pdf`` joining them
    in print order and ``打印/目录.txt`` listing it, all committed with the documents, so a
    failed conversion leaves OUT as it was (``print_file=False`` leaves the joined file out).
    ``jobs`` processes render in parallel (default: one for small runs, every core for many);
    ``progress(done, total)`` is called as documents are finished.
    Raises a ``DocgenError`` (nothing written) when any document fails.
    """
    from docgen.plan.files import CheckReport, checked_plan
    from docgen.plan.placeholders import resolve_plan

    plan_path: Path | None = None
    source = None
    if isinstance(plan, Plan):
        resolved = resolve_plan(plan)
    else:
        report = plan if isinstance(plan, CheckReport) else checked_plan(plan)
        if report.resolved is None:
            raise PlanError(report.problems)
        resolved, plan_path, source = report.resolved, report.path, report.source
    kinds = parse_kinds(only, all_kinds(resolved), kind_aliases(resolved))
    folders = template_folders(plan_path, templates)
    declared = declared_problems(resolved, folders, KINDS, source)
    if declared:
        raise PlanError(declared)
    plan_folder = plan_path.parent if plan_path is not None else None  # the plan's pictures are beside it
    documents = with_template_paths(
        plan_documents(resolved, kinds, unit, source=source, plan_folder=plan_folder), folders
    )
    out = Path(out_dir)
    paths = [d.path for d in documents]
    if pdf:
        paths += [p.with_suffix(".pdf") for p in paths] + ([PRINT_FILE, PRINT_CONTENTS] if print_file else [])
    check_targets(out, paths, force=force)
    targets = [out / p for p in paths]
    # a broken template fails the run (or the dry run) before OUT is touched, with every mistake in it;
    # docgen's own templates are checked by its tests, not on every run (they cost 0.15 s a run)
    shipped = templates_dir().resolve()
    yours = [d for d in documents if not Path(d.template).resolve().is_relative_to(shipped)]
    problems = [problem for problem in check_templates(yours) if problem.is_error]
    if problems:
        raise TemplateError(problems)
    folder = Path()  # the documents name their templates by full path
    compile_templates(documents, folder)
    if dry_run:
        render_in_memory(documents)  # fails exactly where the render would
        return targets
    if pdf:
        from docgen.office.convert import find_office

        find_office()  # before anything is written
    with staging(out) as stage:
        hashes = render_into(stage, documents, folder, jobs=jobs, progress=progress)
        outputs = {document.path: document.kind for document in documents}
        if pdf:
            outputs |= _convert_staged(stage, outputs, jobs)
            if print_file:
                outputs |= _print_file(stage, documents)
        replaced = set() if unit else set(kinds or all_kinds(resolved))
        if pdf:
            replaced |= {kind + PDF_KIND for kind in replaced} | ({PRINT_KIND} if print_file else set())
        commit(out, stage, outputs, replaced_kinds=replaced, hashes=hashes, force=force)
    return targets


def _convert_staged(stage: Path, documents: dict[PurePosixPath, str], jobs: int | None) -> dict[PurePosixPath, str]:
    """PDFs of the staged documents, made in one LibreOffice run beside them: path -> kind.

    A PDF is recorded under its own kind (``notice.pdf``), so that a later run without
    ``--pdf`` replaces the documents and leaves the PDFs where they are.
    """
    from docgen.office.convert import convert_to_pdf

    convert_to_pdf([stage / p for p in documents], processes=jobs or 1)
    return {p.with_suffix(".pdf"): kind + PDF_KIND for p, kind in documents.items()}


def print_order(documents: Sequence[Document]) -> list[Document]:
    """The order an office prints in: notice, form, letter, then each unit's task sheet and its form."""
    sheets = [d for d in documents if d.kind == "task-sheet"]
    forms = [d for d in documents if d.kind == "unit-form"]
    ordered = [d for d in documents if d.kind not in ("task-sheet", "unit-form")]
    for pair in itertools.zip_longest(sheets, forms):
        ordered += [d for d in pair if d is not None]
    return ordered


def _print_file(stage: Path, documents: Sequence[Document]) -> dict[PurePosixPath, str]:
    """``打印/全部文件.pdf`` (every PDF in print order, each from an odd page) and its ``目录.txt``."""
    from docgen.office.printing import print_file

    ordered = [(d.path.with_suffix("").as_posix(), stage / d.path.with_suffix(".pdf")) for d in print_order(documents)]
    (stage / PRINT_FILE).parent.mkdir(parents=True, exist_ok=True)
    print_file(ordered, stage / PRINT_FILE, stage / PRINT_CONTENTS)
    return {PRINT_FILE: PRINT_KIND, PRINT_CONTENTS: PRINT_KIND}


def default_out(plan: Plan) -> Path:
    """Where documents go when no folder is given: ``out/2019``, so that next year's run keeps this year's."""
    return Path("out") / str(plan.year)


def stale_pdfs(out_dir: str | Path) -> list[Path]:
    """PDFs docgen made in ``out_dir`` that are older than their document (after a run without ``--pdf``)."""
    from docgen.rendering.outputs import read_manifest

    out = Path(out_dir)
    stale = []
    for key, entry in read_manifest(out).items():
        pdf, source = out / key, (out / key).with_suffix(".docx")
        ours = entry.get("kind", "").endswith(PDF_KIND) and pdf.is_file() and source.is_file()
        if ours and source.stat().st_mtime_ns > pdf.stat().st_mtime_ns:
            stale.append(pdf)
    return sorted(stale)


def template_context(
    plan: Plan,
    kind: str,
    unit: str | None = None,
    task: str | None = None,
    *,
    source: SourceMap | None = None,
    plan_folder: Path | None = None,
) -> dict[str, Any]:
    """What the template of ``kind`` receives for one document (the first, or ``unit``'s, or ``task``'s).

    ``kind`` is a built-in kind or one the plan declares; ``unit`` an id, name or full name,
    ``task`` a task id; ``plan_folder`` the plan file's folder, where its pictures are (the
    current folder when None). Raises ``UnknownKindError`` for a kind there is not, and
    ``TemplateError`` (``no-document``) when the plan gives no such document.
    """
    kinds = parse_kinds([kind], all_kinds(plan), kind_aliases(plan))
    for document in plan_documents(plan, kinds, unit, source=source, plan_folder=plan_folder):
        context = document.context
        if task is None or _is_task(context.get("task"), task):
            return context
    raise TemplateError([Finding("no-document", {"kind": kind, "unit": unit or "", "task": task or ""})])


def kind_template(
    plan: Plan, kind: str, plan_path: str | Path | None = None, templates: str | Path | None = None
) -> Path:
    """The template file the documents of ``kind`` render through, found as ``render`` finds it.

    ``templates`` first, else the ``templates/`` folder of the project of ``plan_path``, else
    docgen's own; raises ``UnknownKindError`` for a kind there is not.
    """
    from docgen.documents.kinds import TEMPLATE_OF

    (name,) = parse_kinds([kind], all_kinds(plan), kind_aliases(plan)) or [kind]
    file = TEMPLATE_OF.get(name) or next(d.template for d in plan.documents if d.kind == name)
    return template_path(file, template_folders(plan_path, templates))


def _is_task(value: Any, wanted: str) -> bool:
    return value is not None and wanted in (getattr(value, "id", None), str(value))
