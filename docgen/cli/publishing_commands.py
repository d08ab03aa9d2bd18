"""Commands that publish from the units' reports: digest (工作简报 and the web column), summary (活动总结)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from docgen.cli.group import (
    FORCE_OPTION,
    PLAN_ARGUMENT,
    RETURNS_OPTION,
    TEMPLATES_OPTION,
    PathParam,
    echo_problems,
    main,
    wrote,
)
from docgen.cli.status_commands import DEFAULT_RETURNS
from docgen.messages.language import N_, gettext, ngettext

if TYPE_CHECKING:
    import datetime
    from pathlib import Path

_DATE_FORMATS = ["%Y-%m-%d"]


@main.command()
@PLAN_ARGUMENT
@RETURNS_OPTION
@click.option("--week", type=click.IntRange(min=1), required=True, help=N_("The week of the 简报 (第N周), from 1."))
@click.option(
    "--date",
    "day",
    type=click.DateTime(formats=_DATE_FORMATS),
    help=N_("The 简报's date, YYYY-MM-DD (default: today)."),
)
@click.option("-o", "--out", "out_dir", type=PathParam(), default="out", show_default=True, help=N_("Output folder."))
@TEMPLATES_OPTION
@FORCE_OPTION
def digest(
    plan: Path,
    returns_dir: Path | None,
    week: int,
    day: datetime.datetime | None,
    out_dir: Path,
    templates: Path | None,
    force: bool,
) -> None:
    """The week's 工作简报 (OUT/简报/…第N期.docx) and the web column (OUT/专栏/) from the units' reports.

    Reads what each unit sent for week N of the weekly deadline: Word reports, pictures, PDFs,
    videos (listed only). Files that cannot be read are left out and reported as warnings.
    """
    import datetime as dt
    from pathlib import Path

    from docgen.cli.progress import TerminalProgress

    with TerminalProgress() as progress:
        progress.step("check")  # before the stage's imports: on a terminal, at once
        from docgen.plan.files import resolved_plan
        from docgen.publishing.writing import write_digest

        written = write_digest(
            resolved_plan(plan),
            returns_dir or Path(DEFAULT_RETURNS),
            week,
            out_dir,
            day=day.date() if day is not None else dt.date.today(),
            templates=templates,
            plan_path=plan,
            force=force,
            progress=progress,
        )
    echo_problems(written.problems)
    issue = written.issue
    assert issue is not None
    items = len(issue.items)
    click.echo(
        gettext("第{number}期 (week {week}): {items}, {missing} sent nothing").format(
            number=issue.number,
            week=issue.week,
            items=ngettext("{count} report", "{count} reports", items).format(count=items),
            missing=ngettext("{count} unit", "{count} units", len(issue.missing)).format(count=len(issue.missing)),
        )
    )
    for path in written.paths:
        click.echo(wrote(path))


@main.command()
@PLAN_ARGUMENT
@RETURNS_OPTION
@click.option(
    "--on", type=click.DateTime(formats=_DATE_FORMATS), help=N_("Count the returns as of this day (default: today).")
)
@click.option("-o", "--out", "out_dir", type=PathParam(), default="out", show_default=True, help=N_("Output folder."))
@TEMPLATES_OPTION
@FORCE_OPTION
def summary(
    plan: Path,
    returns_dir: Path | None,
    on: datetime.datetime | None,
    out_dir: Path,
    templates: Path | None,
    force: bool,
) -> None:
    """A draft of the campaign's 活动总结 (OUT/总结/), every figure counted from the record.

    Writes the draft (.docx) and 活动总结-数据来源.txt, which lists the files behind each figure.
    Section 三 is left for you: an empty highlighted paragraph.
    """
    import datetime as dt
    from pathlib import Path

    from docgen.plan.files import resolved_plan
    from docgen.publishing.writing import write_summary

    written = write_summary(
        resolved_plan(plan),
        returns_dir or Path(DEFAULT_RETURNS),
        out_dir,
        on=on.date() if on is not None else dt.date.today(),
        templates=templates,
        plan_path=plan,
        force=force,
    )
    echo_problems(written.problems)
    for path in written.paths:
        click.echo(wrote(path))
