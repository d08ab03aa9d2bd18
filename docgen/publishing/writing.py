"""Where the 简报, the column and the summary touch the disk: OUT, through ``rendering.outputs``.

Each run is staged and committed all or nothing, recorded in OUT's manifest, and never
replaces a file a person wrote or edited unless ``force``. A 简报 (.docx) is kept per 期; the
column is rewritten whole at each run (all 期 up to the week asked for), so a late report that
reached an earlier week shows there too.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from docgen.errors import Finding, FormError
from docgen.plan.model import Plan
from docgen.progress import Progress
from docgen.publishing.issues import Issue

KIND_COLUMN = "digest-column"
KIND_SUMMARY = "summary"
SUMMARY_DOCX = PurePosixPath("总结") / "活动总结（草稿）.docx"
SUMMARY_SOURCES = PurePosixPath("总结") / "活动总结-数据来源.txt"


@dataclass(frozen=True)
class Written:
    """What a run wrote, and the warnings (files it could not read, left out) to show the user."""

    paths: list[Path]
    problems: list[Finding] = field(default_factory=list)
    issue: Issue | None = None


def _digest_kind(issue: Issue) -> str:
    return f"digest-{issue.number}"


def _write(out: Path, outputs: dict[PurePosixPath, tuple[str, bytes]], replaced: set[str], force: bool) -> list[Path]:
    from docgen.rendering.outputs import write_files

    return write_files(out, outputs, replaced_kinds=replaced, force=force)


def write_digest(
    plan: Plan,
    returns_dir: Path | str,
    week: int,
    out_dir: Path | str,
    *,
    day: dt.date,
    templates: Path | None = None,
    force: bool = False,
    progress: Progress | None = None,
) -> Written:
    """Write week ``week``'s 简报 (.docx, dated ``day``) and the column of every 期 so far into ``out_dir``.

    ``plan`` is a resolved plan (``resolve_plan``): the task titles are printed as they stand.

    Raises ``FormError`` (digest-empty-week) when nobody sent anything for that week, and the
    errors of ``gather_issues``; pictures that cannot be read are left out and returned as warnings.
    ``progress`` hears the steps ``read-reports`` and ``write``.
    """
    from docgen.publishing.bulletin import digest_file, render_digest
    from docgen.publishing.column import column_pages
    from docgen.publishing.issues import gather_issues

    progress = progress or Progress()
    progress.step("read-reports")
    issues = gather_issues(plan, returns_dir, week)
    current = next((i for i in issues if i.week == week), None)
    if current is None:
        raise FormError([Finding("digest-empty-week", {"week": week}, file=str(returns_dir))])
    progress.step("write")
    docx, problems = render_digest(plan, current, day, templates)
    pages = column_pages(plan, issues)
    outputs = {digest_file(plan, current): (_digest_kind(current), docx)}
    outputs.update({path: (KIND_COLUMN, data) for path, data in pages.files.items()})
    paths = _write(Path(out_dir), outputs, {_digest_kind(current), KIND_COLUMN}, force)
    unique = list(dict.fromkeys(problems + pages.problems + [p for item in current.items for p in item.problems]))
    return Written(paths, unique, current)


def write_summary(
    plan: Plan,
    returns_dir: Path | str,
    out_dir: Path | str,
    *,
    on: dt.date,
    templates: Path | None = None,
    force: bool = False,
) -> Written:
    """Write the 活动总结 draft (.docx) and the list of the files behind its figures into ``out_dir``.

    ``plan`` is a resolved plan (``resolve_plan``); ``on`` decides which deadlines count as due.
    """
    from docgen.publishing.summary import campaign_figures, sources_text, summary_context
    from docgen.rendering.templates import compiled
    from docgen.resources import templates_dir

    figures = campaign_figures(plan, returns_dir, on)
    template = compiled((templates if templates is not None else templates_dir()) / "summary.docx", mend_layout=True)
    outputs = {
        SUMMARY_DOCX: (KIND_SUMMARY, template.render(summary_context(plan, figures))),
        SUMMARY_SOURCES: (KIND_SUMMARY, sources_text(figures).encode("utf-8")),
    }
    return Written(_write(Path(out_dir), outputs, {KIND_SUMMARY}, force))
