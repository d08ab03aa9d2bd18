"""``render``: a plan in, every requested document out, all or nothing, in named steps.

read the plan (``plan_to_render``) → decide the documents and their templates
(``documents_to_render``) → check the targets and the user's templates (``check_run``) →
render each document from its context into a staging folder (``rendering.workers``) → PDFs and
the print file (``documents.print_file``) → commit (``rendering.outputs``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docgen.documents.declared import declared_problems
from docgen.documents.fit_cache import FITTED_KINDS, recall_layouts
from docgen.documents.kinds import KINDS, all_kinds, kind_aliases, plan_documents
from docgen.documents.print_file import PDF_KIND, PRINT_CONTENTS, PRINT_FILE, PRINT_KIND, make_pdfs
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
from docgen.progress import Progress, as_progress
from docgen.rendering.jobs import Document
from docgen.rendering.outputs import check_targets, commit, staging
from docgen.rendering.workers import compile_templates, render_into
from docgen.resources import templates_dir

if TYPE_CHECKING:
    from docgen.plan.files import CheckReport


class UnknownKindError(FindingsError):
    """Raised when ``--only`` names a document kind docgen does not make."""


def parse_kinds(
    only: str | Sequence[str] | None, known: Sequence[str] = KINDS, aliases: Mapping[str, str] | None = None
) -> list[str] | None:
    """``"notice,form"`` or a list -> validated kinds; None means every kind, and naming none is refused.

    ``known`` are the kinds there are (the built-in ones, and the plan's own: ``all_kinds``);
    ``aliases`` other names for them (a declared document's template file: ``kind_aliases``).
    """
    if only is None:
        return None
    names = [n.strip() for n in (only.split(",") if isinstance(only, str) else only) if n.strip()]
    names = [(aliases or {}).get(n, n) for n in names]
    if not names:  # --only "": rendering nothing and saying it went well would hide the slip
        raise UnknownKindError([Finding("no-kind", {"known": ", ".join(known)})])
    problems = []
    for name in names:
        if name not in known:
            import difflib  # only for a mistyped kind

            guess = difflib.get_close_matches(name, known, n=1, cutoff=0.5)
            code = "unknown-kind-suggest" if guess else "unknown-kind"
            problems.append(
                Finding(code, {"kind": name, "suggestion": guess[0] if guess else "", "known": ", ".join(known)})
            )
    if problems:
        raise UnknownKindError(problems)
    return names


@dataclass(frozen=True)
class PlanToRender:
    """A plan ready to render: its text filled in, and where it came from (for templates and pictures)."""

    plan: Plan
    path: Path | None = None
    source: SourceMap | None = None

    @property
    def folder(self) -> Path | None:
        """The plan file's folder, where its pictures are (None for a plan built in code)."""
        return self.path.parent if self.path is not None else None


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
    progress: Progress | Callable[[int, int], None] | None = None,
) -> list[Path]:
    """Render the plan's documents into ``out_dir`` and return the paths written.

    ``plan`` is a loaded ``Plan``, the ``CheckReport`` of a plan without errors (its text is
    already filled in), or the path of a plan file. ``only`` limits the kinds
    (``notice``, ``form``, ``letter``, ``task-sheet``, ``unit-form``); ``unit`` (id, name or
    full name) limits task sheets and unit forms to one unit. ``templates`` is a folder
    of the user's own copies of the templates (same file names); a template it lacks comes from
    the plan's project (``templates/`` beside the plan file or one level up), else from the
    shipped ones. With ``dry_run`` nothing is written, but the plan, the targets and the
    templates are checked and every document is rendered in memory. Files docgen wrote
    before are replaced; any other file in the way needs ``force``.
    With ``pdf`` a PDF is made beside every .docx (a document converted before, the same
    bytes, takes its PDF from docgen's cache; the others are converted by one LibreOffice per
    core, or ``jobs`` side by side when ``jobs`` is given), with ``打印/全部文件.pdf`` joining them
    in print order and ``打印/目录.txt`` listing it, all committed with the documents, so a
    failed conversion leaves OUT as it was (``print_file=False`` leaves the joined file out).
    ``jobs`` processes render in parallel (default: one for small runs, every core for many);
    ``progress`` (a ``docgen.progress.Progress``) hears each step (``check``, ``render``,
    ``convert``, ``print-file``) and its count; a plain ``progress(done, total)`` callback is
    called as documents are rendered.
    Raises a ``DocgenError`` (nothing written) when any document fails.

    The run, step by step (each a function of this module): ``plan_to_render`` reads and
    checks the plan; ``documents_to_render`` decides the documents and their templates;
    ``check_run`` makes sure the targets are free and the user's templates sound, before
    anything is written; the documents are rendered into a staging folder (each context
    built where it is rendered, ``rendering.workers``), PDFs made there too
    (``documents.print_file``); ``rendering.outputs.commit`` moves them into place, all or nothing.
    """
    progress = as_progress(progress)
    if isinstance(plan, (str, Path)):
        progress.step("check")
    to_render = plan_to_render(plan)
    documents = documents_to_render(to_render, only, templates, unit)
    out = Path(out_dir)
    targets = check_run(documents, out, pdf=pdf, print_file=print_file, force=force, plan_path=to_render.path)
    compile_templates(documents, Path())  # the documents name their templates by full path
    if dry_run:
        render_in_memory(documents)  # fails exactly where the render would
        return targets
    if pdf:
        from docgen.office.programs import find_office

        find_office()  # before anything is written
    with staging(out) as stage:
        progress.step("render", len(documents))
        rendered = render_into(stage, documents, Path(), jobs=jobs, progress=progress, keyed=FITTED_KINDS)
        keys = rendered.keys
        changed = recall_layouts(stage, keys)  # what a measured render of the same content settled
        if pdf:  # the layout pass may adjust any 公文 again
            changed |= set(keys)
        hashes = {path: digest for path, digest in rendered.hashes.items() if path not in changed}  # digested on commit
        outputs = {document.path: document.kind for document in documents}
        if pdf:
            outputs |= make_pdfs(
                stage, documents, jobs=jobs, print_file=print_file, layout_keys=keys, progress=progress
            )
        progress.step("write")
        replaced = _replaced_kinds(to_render.plan, only, unit, pdf=pdf, print_file=print_file)
        commit(out, stage, outputs, replaced_kinds=replaced, hashes=hashes, force=force)
    return targets


def plan_to_render(plan: Plan | CheckReport | str | Path) -> PlanToRender:
    """Step 1: the plan read, checked and its running text filled in; ``PlanError`` when it has errors."""
    from docgen.documents.checks import checked_plan
    from docgen.plan.files import CheckReport
    from docgen.plan.placeholders import resolve_plan

    if isinstance(plan, Plan):
        return PlanToRender(resolve_plan(plan))
    report = plan if isinstance(plan, CheckReport) else checked_plan(plan)
    if report.resolved is None:
        raise PlanError(report.problems)
    return PlanToRender(report.resolved, report.path, report.source)


def documents_to_render(
    to_render: PlanToRender,
    only: str | Sequence[str] | None = None,
    templates: str | Path | None = None,
    unit: str | None = None,
) -> list[Document]:
    """Step 2: the documents asked for, each naming the template file it will use by its full path.

    Raises ``UnknownKindError`` for a kind there is not, ``PlanError`` for a declared document
    that cannot be made, ``TemplateError`` for a missing templates folder.
    """
    plan = to_render.plan
    kinds = parse_kinds(only, all_kinds(plan), kind_aliases(plan))
    folders = template_folders(to_render.path, templates)
    declared = declared_problems(plan, folders, KINDS, to_render.source)
    if declared:
        raise PlanError(declared)
    documents = plan_documents(plan, kinds, unit, source=to_render.source, plan_folder=to_render.folder)
    return with_template_paths(documents, folders)


def check_run(
    documents: Sequence[Document],
    out: Path,
    *,
    pdf: bool,
    print_file: bool,
    force: bool,
    plan_path: Path | None = None,
) -> list[Path]:
    """Step 3, before anything is written: the targets are free, the user's templates sound; the targets.

    ``pdf``: a PDF beside each document, and with ``print_file`` the joined print file and its list.
    No target may be the plan (``plan_path``) or a template read, even with ``force``.
    docgen's own templates are checked by its tests, not on every run (they cost 0.15 s a run).
    """
    paths = [d.path for d in documents]
    if pdf:
        paths += [p.with_suffix(".pdf") for p in paths] + ([PRINT_FILE, PRINT_CONTENTS] if print_file else [])
    check_targets(out, paths, force=force, inputs=[plan_path, *{d.template for d in documents}])
    shipped = templates_dir().resolve()
    theirs = {t for t in {d.template for d in documents} if Path(t).resolve().is_relative_to(shipped)}  # once each
    yours = [d for d in documents if d.template not in theirs]
    problems = [problem for problem in check_templates(yours) if problem.is_error]
    if problems:
        raise TemplateError(problems)
    return [out / p for p in paths]


def _replaced_kinds(
    plan: Plan, only: str | Sequence[str] | None, unit: str | None, *, pdf: bool, print_file: bool
) -> set[str]:
    """The kinds whose earlier files this run replaces (none for one unit's documents: the others stay)."""
    if unit:
        return set()
    replaced = set(parse_kinds(only, all_kinds(plan), kind_aliases(plan)) or all_kinds(plan))
    if pdf:
        replaced |= {kind + PDF_KIND for kind in replaced} | ({PRINT_KIND} if print_file else set())
    return replaced


def default_out(plan: Plan) -> Path:
    """Where documents go when no folder is given: ``out/2019``, so that next year's run keeps this year's."""
    return Path("out") / str(plan.year)


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
