"""Commands on what the units send back: collect."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from docgen.cli.group import DEFAULT_PLAN, PathParam, echo_problems, main, wrote
from docgen.messages.language import N_, gettext, ngettext

if TYPE_CHECKING:
    from pathlib import Path


def _form_files(forms: tuple[Path, ...]) -> list[Path]:
    """The files named, a folder standing for the files in it (not hidden ones, not Word's ~$ lock files)."""
    files: list[Path] = []
    for path in forms:
        if path.is_dir():
            files += sorted(p for p in path.iterdir() if p.is_file() and not p.name.startswith((".", "~$")))
        else:
            files.append(path)
    return files


@main.command()
@click.argument("forms", nargs=-1, required=True, type=PathParam())
@click.option(
    "--plan",
    "plan_path",
    type=PathParam(),
    default=DEFAULT_PLAN,
    show_default=True,
    help=N_("The plan the forms were sent out with."),
)
@click.option("-o", "--out", "out_dir", required=True, type=PathParam(), help=N_("Folder for the outputs."))
@click.option("--templates", type=PathParam(), help=N_("Folder with your own copies of the templates."))
@click.option("--force", is_flag=True, help=N_("Replace files in OUT that docgen did not write."))
def collect(forms: tuple[Path, ...], plan_path: Path, out_dir: Path, templates: Path | None, force: bool) -> None:
    """Collect returned 活动安排 forms (FORM: .docx files or folders) into a schedule, a spreadsheet and a calendar.

    Prints every problem (FILE: row N: ...) and a summary; exits 1 when anything was reported.
    """
    import datetime

    from docgen.collecting.forms import collect as collect_forms
    from docgen.collecting.schedule import write_collection
    from docgen.plan.files import load_plan

    plan = load_plan(plan_path)
    files = _form_files(forms)
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
