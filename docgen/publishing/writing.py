"""Where the 简报, the column and the summary touch the disk: OUT, through ``rendering.outputs``.

Each run is staged and committed all or nothing, recorded in OUT's manifest, and never
replaces a file a person wrote or edited unless ``force``. A 简报 (.docx) is kept per 期, and
recorded in the returns folder's record once written (期号, week, date, the files it used):
writing the same week again replaces that record, it does not add one. The column is rewritten
whole at each run from the issues written, each as it was written.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from docgen import chinese
from docgen.errors import Finding, FormError, Severity
from docgen.plan.model import Plan
from docgen.progress import Progress
from docgen.publishing.issues import Issue

if TYPE_CHECKING:
    from docgen.tracking.status import Column

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


def _write(
    out: Path, outputs: dict[PurePosixPath, tuple[str, bytes]], replaced: set[str], force: bool, read: list[Path | None]
) -> list[Path]:
    from docgen.rendering.outputs import write_files

    return write_files(out, outputs, replaced_kinds=replaced, force=force, inputs=read)


def write_digest(
    plan: Plan,
    returns_dir: Path | str,
    week: int,
    out_dir: Path | str,
    *,
    day: dt.date,
    templates: Path | None = None,
    plan_path: Path | None = None,
    force: bool = False,
    now: dt.datetime | None = None,
    progress: Progress | None = None,
) -> Written:
    """Write week ``week``'s 简报 (.docx, dated ``day``) and the column of every 期 written into ``out_dir``.

    ``plan`` is a resolved plan (``resolve_plan``): the task titles are printed as they stand.
    The issue is made from the files used now and recorded in the returns folder's record
    (``now`` is when, default this moment); its number is the one the week was written with
    before, else the next. Raises ``FormError`` (digest-empty-week) when nobody sent anything
    for that week, (digest-no-such-week) for a week the deadline has not, the errors of
    ``track_returns``; pictures that cannot be read are left out and returned as warnings.
    ``progress`` hears the steps ``read-reports`` and ``write``.
    """
    import dataclasses

    from docgen.publishing.bulletin import digest_file, render_digest
    from docgen.publishing.column import column_pages
    from docgen.publishing.issues import digest_columns, draft_issue, written_issues
    from docgen.tracking.record import opened_record
    from docgen.tracking.record_rows import IssueRow
    from docgen.tracking.recording import now as clock
    from docgen.tracking.recording import recorded_files
    from docgen.tracking.status import status_report
    from docgen.tracking.tally import digest_deadline

    key = digest_deadline(plan)
    folder, out = Path(returns_dir), Path(out_dir)
    if not folder.is_dir():
        raise FormError([Finding("status-no-returns-folder", {}, file=str(folder))])
    if out.resolve() == folder.resolve():
        raise FormError([Finding("digest-out-is-returns", {}, file=str(out))])
    moment = now if now is not None else clock()
    progress = progress or Progress()
    progress.step("read-reports")
    with opened_record(folder) as record:
        files = recorded_files(plan, folder, record, moment)
        report = status_report(plan, files, dt.date.max, key, issues=record.issues(), folder=folder)
        columns = digest_columns(plan, report)
        if not 1 <= week <= len(columns):
            raise FormError([Finding("digest-no-such-week", {"week": week, "weeks": len(columns)})])
        # the issue holds what had come by the end of its own day, numbered among every issue written
        by_day = status_report(plan, files, day, key, issues=record.issues(), folder=folder)
        column = digest_columns(plan, by_day)[week - 1]
        current = draft_issue(plan, by_day, column, report.issues)
        if current is None:
            raise FormError([Finding("digest-empty-week", {"week": week}, file=str(returns_dir))])
        later = _came_later(columns[week - 1], column, day, week)
        items = tuple((item.unit.id, tuple(f.record_id for f in item.files)) for item in current.items)
        row = IssueRow(current.number, key, week, day, moment, items)
        kept = [r for r in report.issues if r.number != row.number and (r.deadline, r.week) != (key, week)]
        issues = written_issues(plan, dataclasses.replace(report, issues=sorted([*kept, row], key=lambda r: r.number)))
        progress.step("write")
        docx, problems = render_digest(plan, current, day, templates, plan_path)
        pages = column_pages(plan, issues)
        outputs = {digest_file(plan, current): (_digest_kind(current), docx)}
        outputs.update({path: (KIND_COLUMN, data) for path, data in pages.files.items()})
        read = [plan_path, *(f.path for f in report.files)]
        paths = _write(out, outputs, {_digest_kind(current), KIND_COLUMN}, force, read)
        record.save_issue(row)
    unique = list(dict.fromkeys(problems + pages.problems + [p for item in current.items for p in item.problems]))
    return Written(paths, [*record.notes, *later, *unique], current)


def _came_later(whole: Column, by_day: Column, day: dt.date, week: int) -> list[Finding]:
    """A note on the files for the week that came after the issue's day: not in it, until the week is written again."""
    used = {f.record_id for cell in by_day.cells.values() for f in cell.files}
    later = {f.record_id for cell in whole.cells.values() for f in cell.files} - used
    if not later:
        return []
    params = {"count": len(later), "week": week, "day": chinese.full_date(day)}
    return [Finding("digest-files-came-later", params, severity=Severity.NOTE)]


def write_summary(
    plan: Plan,
    returns_dir: Path | str,
    out_dir: Path | str,
    *,
    on: dt.date,
    templates: Path | None = None,
    plan_path: Path | None = None,
    force: bool = False,
) -> Written:
    """Write the 活动总结 draft (.docx) and the list of the files behind its figures into ``out_dir``.

    ``plan`` is a resolved plan (``resolve_plan``); ``on`` decides which deadlines count as due,
    which files have come and which 简报 issues were written: every figure is counted from the record.
    summary.docx comes from ``templates``, else from the project of ``plan_path``, else docgen's own.
    """
    from docgen.publishing.summary import campaign_figures, sources_text, summary_context
    from docgen.rendering.folders import template_folders, template_path
    from docgen.rendering.templates import compiled

    figures = campaign_figures(plan, returns_dir, on)
    template = compiled(template_path("summary.docx", template_folders(plan_path, templates)), mend_layout=True)
    outputs = {
        SUMMARY_DOCX: (KIND_SUMMARY, template.render(summary_context(plan, figures))),
        SUMMARY_SOURCES: (KIND_SUMMARY, sources_text(figures).encode("utf-8")),
    }
    read = [plan_path, template.path, *figures.read]
    return Written(_write(Path(out_dir), outputs, {KIND_SUMMARY}, force, read), figures.notes)
