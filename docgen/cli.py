"""The ``docgen`` command: each subcommand parses options, calls one library function, prints.

This is the only module that prints or exits. Heavy modules are imported inside the commands
so that ``docgen --help`` starts fast.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

import click

from docgen import __version__
from docgen.errors import DocgenError, Problem

DEFAULT_PLAN = Path("data/campaign.yaml")
PLAN_ARGUMENT = click.argument("plan", type=click.Path(path_type=Path), default=DEFAULT_PLAN, required=False)


def echo_problems(problems: list[Problem]) -> None:
    """Print problems to stderr, one line each."""
    from docgen.messages import format_problem

    for problem in problems:
        click.echo(format_problem(problem), err=True)


class ProgressBar:
    """A progress bar on stderr for long runs, shown only when stderr is a terminal."""

    SHOWN_FROM = 100  # documents

    def __init__(self) -> None:
        self._bar: Any = None
        self._shown = 0

    def __enter__(self) -> ProgressBar:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.render_finish()

    def __call__(self, done: int, total: int) -> None:
        """Advance to ``done`` of ``total`` documents."""
        if self._bar is None:
            if total < self.SHOWN_FROM or not sys.stderr.isatty():
                return
            self._bar = click.progressbar(length=total, label="rendering", file=sys.stderr)
            self._bar.render_progress()
        self._bar.update(done - self._shown)
        self._shown = done


class DocgenGroup(click.Group):
    """Turns every ``DocgenError`` into located lines on stderr and its exit code: no traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        """Run the command; a user's mistake ends in its message, not a traceback."""
        try:
            return super().invoke(ctx)
        except DocgenError as exc:
            echo_problems(exc.problems)
            ctx.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            ctx.exit(130)


@click.group(cls=DocgenGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="docgen")
def main() -> None:
    """Turn one campaign plan (YAML) into every document the campaign needs."""


@main.command()
@PLAN_ARGUMENT
@click.option("--strict", is_flag=True, help="Treat warnings as errors (exit 1 when there are any).")
def check(plan: Path, strict: bool) -> None:
    """Validate PLAN and print a summary, or every problem with its line."""
    from docgen.planfile import check_plan

    report = check_plan(plan)
    echo_problems(report.problems)
    if report.plan is None or (strict and report.warnings):
        sys.exit(1)
    p = report.plan
    click.echo(
        f"{plan}: OK: {p.year}, {len(p.tasks)} tasks, {len(p.units)} units "
        f"({len(p.responsible_units())} responsible), period {p.period.start} to {p.period.end}, "
        f"{len(p.deadlines)} deadlines, {len(report.warnings)} warnings"
    )


@main.command()
def schema() -> None:
    """Print the plan's JSON Schema (for editor completion and validation)."""
    from docgen.schema import plan_schema_text

    click.echo(plan_schema_text(), nl=False)


@main.command()
@PLAN_ARGUMENT
@click.option(
    "-o",
    "--out",
    "out_dir",
    type=click.Path(path_type=Path),
    default=Path("out"),
    show_default=True,
    help="Folder for the documents.",
)
@click.option("--only", metavar="KINDS", help="Comma-separated kinds: notice, form, letter, task-sheet, unit-form.")
@click.option("--unit", metavar="ID_OR_NAME", help="Only this unit's task sheet and form.")
@click.option("--templates", type=click.Path(path_type=Path), help="Folder with your own copies of the templates.")
@click.option("--dry-run", is_flag=True, help="List what would be written; write nothing.")
@click.option("--force", is_flag=True, help="Replace files in OUT that docgen did not write.")
@click.option("--pdf", is_flag=True, help="Also write a PDF beside every .docx (needs LibreOffice).")
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    help="Render in N processes (default: one for small runs, every core for many documents).",
)
def render(
    plan: Path,
    out_dir: Path,
    only: str | None,
    unit: str | None,
    templates: Path | None,
    dry_run: bool,
    force: bool,
    pdf: bool,
    jobs: int | None,
) -> None:
    """Render PLAN's documents into OUT (all or nothing)."""
    from docgen.batch import render as render_plan

    with ProgressBar() as progress:
        paths = render_plan(
            plan,
            out_dir,
            only,
            templates,
            unit=unit,
            dry_run=dry_run,
            force=force,
            pdf=pdf,
            jobs=jobs,
            progress=progress,
        )
    verb = "would write" if dry_run else "wrote"
    for path in paths:
        click.echo(f"{verb} {path}")


@main.command()
@PLAN_ARGUMENT
@click.option(
    "-o", "--out", "out_dir", type=click.Path(path_type=Path), required=True, help="Folder for the PNG images."
)
@click.option("--only", metavar="KINDS", help="Comma-separated kinds: notice, form, letter, task-sheet, unit-form.")
@click.option("--unit", metavar="ID_OR_NAME", help="Only this unit's task sheet and form.")
@click.option("--templates", type=click.Path(path_type=Path), help="Folder with your own copies of the templates.")
@click.option(
    "--resolution", type=click.IntRange(20, 300), default=80, show_default=True, help="Pixels per inch of the images."
)
def preview(
    plan: Path, out_dir: Path, only: str | None, unit: str | None, templates: Path | None, resolution: int
) -> None:
    """Write PNG images of the pages of PLAN's documents into OUT (needs LibreOffice and poppler)."""
    from docgen.preview import preview as preview_pages

    for image in preview_pages(plan, out_dir, only, unit=unit, templates=templates, resolution=resolution):
        click.echo(f"wrote {image}")


@main.command("new-year")
@PLAN_ARGUMENT
@click.option("--year", required=True, type=click.IntRange(1900, 2999), help="The year of the new plan.")
@click.option(
    "-o",
    "--output",
    "new",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where to write the new plan; default: PLAN-YEAR.yaml beside PLAN (data/campaign-2020.yaml).",
)
@click.option("--same-weekday", is_flag=True, help="Move each date by whole weeks to keep its weekday.")
@click.option("--force", is_flag=True, help="Overwrite NEW when it exists.")
def new_year(plan: Path, year: int, new: Path | None, same_weekday: bool, force: bool) -> None:
    """Write next year's plan from PLAN: only the year and the dates change.

    Prints the review list (old document numbers, text naming the old year, dates on days off
    or on 调休 working days) as FILE:LINE lines of the new plan, then 'wrote NEW'.
    """
    from docgen.loading import read_text
    from docgen.messages import format_review_item
    from docgen.newyear import new_year
    from docgen.outputs import write_text_atomic

    new = new or plan.parent / f"{plan.stem}-{year}.yaml"
    text, problems = read_text(plan)
    echo_problems(problems)
    new_text, review = new_year(text, year, same_weekday, file=str(plan), output_file=str(new))
    write_text_atomic(new, new_text, force=force)
    for item in review:
        click.echo(format_review_item(item))
    click.echo(f"wrote {new}")


@main.command()
@click.argument("directory", type=click.Path(path_type=Path))
@click.option("--force", is_flag=True, help="Overwrite files that already exist there.")
def init(directory: Path, force: bool) -> None:
    """Start a new folder with the sample plan, its schema and the default templates."""
    from docgen.scaffold import init_project

    for path in init_project(directory, force=force):
        click.echo(f"wrote {path}")
    click.echo(f"next: cd {directory} && docgen check && docgen render --templates templates")


@main.command("list")
@PLAN_ARGUMENT
def list_units(plan: Path) -> None:
    """Show the document kinds and, for each unit, the tasks and duties it carries."""
    from docgen.chinese import section_number
    from docgen.documents import KINDS
    from docgen.planfile import load_plan
    from docgen.text import resolve_plan

    loaded = resolve_plan(load_plan(plan))
    click.echo("kinds: " + ", ".join(KINDS))
    for unit in loaded.responsible_units():
        click.echo(f"{unit.name} ({unit.id})")
        for number, task in loaded.tasks_of(unit.id):
            click.echo(f"  {section_number(2, number)}{task.title}")
        for number, requirement in loaded.requirements_of(unit.id):
            click.echo(f"  工作要求{section_number(2, number)}{requirement.title}")


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
@click.argument("forms", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--plan",
    "plan_path",
    type=click.Path(path_type=Path),
    default=DEFAULT_PLAN,
    show_default=True,
    help="The plan the forms were sent out with.",
)
@click.option("-o", "--out", "out_dir", required=True, type=click.Path(path_type=Path), help="Folder for the outputs.")
@click.option("--force", is_flag=True, help="Replace files in OUT that docgen did not write.")
def collect(forms: tuple[Path, ...], plan_path: Path, out_dir: Path, force: bool) -> None:
    """Collect returned 活动安排 forms (FORM: .docx files or folders) into a schedule, a spreadsheet and a calendar.

    Prints every problem (FILE: row N: ...) and a summary; exits 1 when anything was reported.
    """
    from docgen.collecting import collect as collect_forms
    from docgen.planfile import load_plan
    from docgen.schedule import write_collection

    plan = load_plan(plan_path)
    files = _form_files(forms)
    collection = collect_forms(files, plan)
    written = write_collection(collection, out_dir, stamp=dt.datetime.now(dt.UTC), force=force)
    echo_problems(collection.problems)
    errors = sum(1 for p in collection.problems if p.is_error)
    click.echo(
        f"{len(files)} files: {len(collection.returned)} units returned a form, "
        f"{len(collection.activities)} activities, {len(collection.rejected)} rows left out, "
        f"{len(collection.missing)} units missing, {errors} errors, {len(collection.problems) - errors} warnings"
    )
    for path in written:
        click.echo(f"wrote {path}")
    if collection.problems:
        sys.exit(1)


@main.command()
@PLAN_ARGUMENT
@click.option("--unit", metavar="ID_OR_NAME", help="Only the deadlines that concern this unit.")
@click.option(
    "-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path), help="The .ics file to write."
)
@click.option("--force", is_flag=True, help="Overwrite OUTPUT even when docgen did not write it.")
def calendar(plan: Path, unit: str | None, output: Path, force: bool) -> None:
    """Write PLAN's period and deadlines as an iCalendar file for phone and desktop calendars."""
    from docgen.calendars import deadlines_calendar, write_calendar
    from docgen.documents import find_unit
    from docgen.planfile import load_plan
    from docgen.text import resolve_plan

    loaded = resolve_plan(load_plan(plan))
    chosen = find_unit(loaded, unit) if unit is not None else None
    write_calendar(output, deadlines_calendar(loaded, dt.datetime.now(dt.UTC), chosen), force=force)
    click.echo(f"wrote {output}")
