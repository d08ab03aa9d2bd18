"""Commands on what the units send back: receive (file and record a return), collect (the 活动安排 forms)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from docgen.cli.group import (
    DEFAULT_PLAN,
    FORCE_OPTION,
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

    from docgen.tracking.receiving import Filing

_PLAN_HELP = N_("The plan the forms were sent out with.")


def echo_filing(filing: Filing, at: datetime.datetime) -> None:
    """The line saying where a received file went, for whom and when, and the file it replaces."""
    from docgen.tracking.state import moment_text

    assert filing.unit is not None and filing.due is not None
    line = gettext("{name} -> {path} ({unit}, {due}, received {at})")
    click.echo(
        line.format(name=filing.name, path=filing.path, unit=filing.unit.name, due=filing.due.title, at=moment_text(at))
    )
    if filing.replaces is not None:
        click.echo("  " + gettext("it replaces {path}, sent before").format(path=filing.replaces))


@main.command()
@click.argument("forms", nargs=-1, type=PathParam())
@click.option("--plan", "plan_path", type=PathParam(), default=DEFAULT_PLAN, show_default=True, help=_PLAN_HELP)
@click.option(
    "--returns",
    "returns_dir",
    type=PathParam(exists=True, file_okay=False),
    help=N_("Read the latest form of each unit from this returns folder."),
)
@click.option("-o", "--out", "out_dir", required=True, type=PathParam(), help=N_("Folder for the outputs."))
@TEMPLATES_OPTION
@FORCE_OPTION
def collect(
    forms: tuple[Path, ...],
    plan_path: Path,
    returns_dir: Path | None,
    out_dir: Path,
    templates: Path | None,
    force: bool,
) -> None:
    """Collect returned 活动安排 forms (FORM: .docx files or folders) into a schedule, a spreadsheet and a calendar.

    A returns folder (given as FORM or with --returns) stands for the latest form each unit
    returned into it. Prints every problem (FILE: row N: ...) and a summary; exits 1 when
    anything was reported.
    """
    import datetime

    from docgen.collecting.forms import collect as collect_forms
    from docgen.collecting.schedule import write_collection
    from docgen.plan.files import load_plan
    from docgen.tracking.folders import form_files

    if not forms and returns_dir is None:
        raise click.UsageError(gettext("give the forms (files or folders), or --returns DIR"))
    plan = load_plan(plan_path)
    files = form_files(plan, forms, returns_dir)
    collection = collect_forms(files, plan)
    stamp = datetime.datetime.now(datetime.UTC)
    written = write_collection(collection, out_dir, stamp=stamp, templates=templates, plan_path=plan_path, force=force)
    echo_problems(collection.problems)
    errors = sum(1 for p in collection.problems if p.is_error)
    warnings = len(collection.problems) - errors
    returned, missing = len(collection.returned), len(collection.missing)
    activities, rejected = len(collection.activities), len(collection.rejected)
    summary = gettext(
        "{files}: {returned} returned a form, {activities}, {rejected} left out, "
        "{missing} missing, {errors}, {warnings}"
    ).format(
        files=ngettext("{count} file", "{count} files", len(files)).format(count=len(files)),
        returned=ngettext("{count} unit", "{count} units", returned).format(count=returned),
        activities=ngettext("{count} activity", "{count} activities", activities).format(count=activities),
        rejected=ngettext("{count} row", "{count} rows", rejected).format(count=rejected),
        missing=ngettext("{count} unit", "{count} units", missing).format(count=missing),
        errors=ngettext("{count} error", "{count} errors", errors).format(count=errors),
        warnings=ngettext("{count} warning", "{count} warnings", warnings).format(count=warnings),
    )
    click.echo(summary)
    for path in written:
        click.echo(wrote(path))
    if collection.problems:
        sys.exit(1)


@main.command()
@click.argument("files", nargs=-1, required=True, type=PathParam(exists=True, dir_okay=False))
@click.option(
    "--plan", "plan_path", type=PathParam(), default=DEFAULT_PLAN, show_default=True, help=N_("The campaign's plan.")
)
@RETURNS_OPTION
@click.option("--unit", metavar="UNIT", help=N_("The unit that sent them (its name or id); else found in each file."))
@click.option("--deadline", metavar="KEY", help=N_("What they are for (the deadline's key in the plan); else found."))
@click.option(
    "--week", type=click.IntRange(min=1), help=N_("The week of a weekly deadline; else the week they came in.")
)
@click.option(
    "--at",
    metavar="TIME",
    type=click.DateTime(formats=["%Y-%m-%d %H:%M", "%Y-%m-%d"]),
    help=N_("When they came, YYYY-MM-DD HH:MM (default: now)."),
)
def receive(
    files: tuple[Path, ...],
    plan_path: Path,
    returns_dir: Path | None,
    unit: str | None,
    deadline: str | None,
    week: int | None,
    at: datetime.datetime | None,
) -> None:
    """File received files into the returns folder, each under its unit's name, and record when they came.

    Each FILE goes into its deadline's (and week's) folder, never over another file; a file
    already in the returns folder (in 未识别/, say) is moved there. The unit, deadline and week
    are found as 'docgen status' finds them unless given; a file for which they cannot be found
    is refused with the choices, and then nothing is filed. Prints where each file went.
    """
    from pathlib import Path

    from docgen.plan.files import load_plan
    from docgen.tracking.receiving import receive_files

    plan = load_plan(plan_path)
    filings = receive_files(
        plan,
        returns_dir or Path(DEFAULT_RETURNS),
        files,
        at=at.astimezone() if at is not None else None,
        unit=unit,
        deadline=deadline,
        week=week,
    )
    for filing in filings:
        assert filing.unit is not None and filing.due is not None and filing.received_at is not None
        if filing.outcome == "already":
            click.echo(gettext("{name}: already received as {path}").format(name=filing.name, path=filing.path))
            continue
        echo_filing(filing, filing.received_at)
