"""``docgen render`` as a run into a folder: the documents written, and what the folder says after it.

``render`` writes the documents. Whoever runs it also wants to know what it met in OUT: a run
stopped before it (whose files are whole again now, or whose kinds may still mix old and new
ones), and PDFs older than the documents they were made from. ``render_run`` gathers that
around one ``render``; the command line prints it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from docgen.documents.batch import default_out, render
from docgen.documents.print_file import stale_pdfs
from docgen.plan.files import CheckReport
from docgen.progress import Progress
from docgen.rendering.outputs import interrupted_kinds


@dataclass(frozen=True)
class RenderRun:
    """What ``render_run`` did and found: the paths written (or that would be) and the state of OUT."""

    report: CheckReport
    out_dir: Path
    paths: list[Path]
    dry_run: bool
    still_mixed: list[str]
    """Kinds a stopped run was moving into OUT that this run did not render again: they may mix old and new."""
    mended: bool
    """OUT had been left half-written by a stopped run and this run made it whole."""
    stale_pdfs: list[Path]
    """PDFs in OUT made from the documents before this run (a run without PDFs leaves them)."""


def render_run(
    report: CheckReport,
    out_dir: Path | str | None = None,
    only: str | Sequence[str] | None = None,
    templates: Path | str | None = None,
    *,
    unit: str | None = None,
    dry_run: bool = False,
    force: bool = False,
    pdf: bool = False,
    jobs: int | None = None,
    progress: Progress | None = None,
) -> RenderRun:
    """``render`` the checked plan of ``report`` into ``out_dir`` (default: ``out/YEAR``) and look at OUT after it.

    The options are ``render``'s; it raises what ``render`` raises.
    """
    assert report.plan is not None, "render_run takes the report of a plan without errors"
    out = Path(out_dir) if out_dir is not None else default_out(report.plan)
    interrupted = interrupted_kinds(out)
    paths = render(
        report, out, only, templates, unit=unit, dry_run=dry_run, force=force, pdf=pdf, jobs=jobs, progress=progress
    )
    still = interrupted_kinds(out)
    stale = [] if dry_run or pdf else stale_pdfs(out)
    return RenderRun(report, out, paths, dry_run, still, bool(interrupted) and not still and not dry_run, stale)
