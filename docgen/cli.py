"""The ``docgen`` command: each subcommand parses options, calls one library function, prints.

This is the only module that prints or exits. Heavy modules are imported inside the commands
so that ``docgen --help`` starts fast. Everything printed is in the language chosen for the
run (``--lang``, ``DOCGEN_LANG``, the locale: see ``docgen.i18n``); texts are marked with
``N_``/``gettext``/``ngettext`` for Babel, and command docstrings are extracted as help.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from docgen import __version__
from docgen.clickwords import click_speaks_current_language
from docgen.clihelp import TranslatedGroup
from docgen.i18n import N_, choose_language, gettext, ngettext, system_language, use_language

if TYPE_CHECKING:
    from docgen.errors import Problem

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
            self._bar = click.progressbar(length=total, label=gettext("rendering"), file=sys.stderr)
            self._bar.render_progress()
        self._bar.update(done - self._shown)
        self._shown = done


class DocgenGroup(TranslatedGroup):
    """Speaks the user's language for the whole run; turns every ``DocgenError`` into located lines."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        """Choose the language before click parses anything, so that help and errors use it.

        ``--lang`` is read from the arguments here rather than by an option callback: click
        handles ``--help`` as soon as it meets it, which may be before ``--lang`` or without it.
        """
        argv = args[0] if args else kwargs.get("args")
        asked = _lang_argument(sys.argv[1:] if argv is None else argv)
        language, unknown = choose_language(asked, os.environ, system_language())
        with use_language(language), click_speaks_current_language():
            if unknown is not None:
                click.echo(gettext(_UNKNOWN_LANGUAGE).format(language=unknown), err=True)
            return super().main(*args, **kwargs)

    def invoke(self, ctx: click.Context) -> Any:
        """Run the command; a user's mistake ends in its message, not a traceback."""
        from docgen.errors import DocgenError  # here, not above: ``docgen --help`` never gets this far

        try:
            return super().invoke(ctx)
        except DocgenError as exc:
            echo_problems(exc.problems)
            ctx.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo(gettext("interrupted"), err=True)
            ctx.exit(130)


_UNKNOWN_LANGUAGE = N_("docgen: no messages in the language '{language}'; using English")


def _lang_argument(args: Sequence[str]) -> str | None:
    """The value of the group's ``--lang``, which comes before the command's name."""
    for i, arg in enumerate(args):
        if arg == "--lang":
            return args[i + 1] if i + 1 < len(args) else None
        if arg.startswith("--lang="):
            return arg.removeprefix("--lang=")
        if arg == "--" or not arg.startswith("-"):
            return None
    return None


def _print_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        click.echo(gettext("{program}, version {version}").format(program="docgen", version=__version__))
        ctx.exit()


@click.group(cls=DocgenGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--lang",
    metavar="LANG",
    expose_value=False,
    is_eager=True,
    help=N_("Language of messages and help: zh_CN or en (else DOCGEN_LANG, else the locale, else English)."),
)
@click.option(
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_print_version,
    help=N_("Show the version and exit."),
)
def main() -> None:
    """Turn one campaign plan (YAML) into every document the campaign needs."""


@main.command()
@PLAN_ARGUMENT
@click.option("--strict", is_flag=True, help=N_("Treat warnings as errors (exit 1 when there are any)."))
def check(plan: Path, strict: bool) -> None:
    """Validate PLAN and print a summary, or every problem with its line."""
    from docgen.messages import format_date
    from docgen.planfile import check_plan

    report = check_plan(plan)
    echo_problems(report.problems)
    if report.plan is None or (strict and report.warnings):
        sys.exit(1)
    p = report.plan
    tasks, units, deadlines, warnings = len(p.tasks), len(p.units), len(p.deadlines), len(report.warnings)
    summary = gettext(
        "OK: {year}, {tasks}, {units} ({responsible} responsible), period {start} to {end}, {deadlines}, {warnings}"
    ).format(
        year=p.year,
        tasks=ngettext("{count} task", "{count} tasks", tasks).format(count=tasks),
        units=ngettext("{count} unit", "{count} units", units).format(count=units),
        responsible=len(p.responsible_units()),
        start=format_date(p.period.start),
        end=format_date(p.period.end),
        deadlines=ngettext("{count} deadline", "{count} deadlines", deadlines).format(count=deadlines),
        warnings=ngettext("{count} warning", "{count} warnings", warnings).format(count=warnings),
    )
    click.echo(f"{plan}: {summary}")


def _wrote(path: Path) -> str:
    return gettext("wrote {path}").format(path=path)


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
    help=N_("Folder for the documents."),
)
@click.option("--only", metavar="KINDS", help=N_("Comma-separated kinds: notice, form, letter, task-sheet, unit-form."))
@click.option("--unit", metavar="ID_OR_NAME", help=N_("Only this unit's task sheet and form."))
@click.option("--templates", type=click.Path(path_type=Path), help=N_("Folder with your own copies of the templates."))
@click.option("--dry-run", is_flag=True, help=N_("List what would be written; write nothing."))
@click.option("--force", is_flag=True, help=N_("Replace files in OUT that docgen did not write."))
@click.option("--pdf", is_flag=True, help=N_("Also write a PDF beside every .docx (needs LibreOffice)."))
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    help=N_("Render in N processes (default: one for small runs, every core for many documents)."),
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
    from docgen.planfile import checked_plan

    report = checked_plan(plan)
    with ProgressBar() as progress:
        paths = render_plan(
            report,
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
    line = gettext("would write {path}") if dry_run else gettext("wrote {path}")
    for path in paths:
        click.echo(line.format(path=path))
    if report.warnings:
        count = len(report.warnings)
        note = ngettext(
            "{count} warning about the plan: 'docgen check' shows it",
            "{count} warnings about the plan: 'docgen check' shows them",
            count,
        )
        click.echo(note.format(count=count), err=True)


@main.command()
@PLAN_ARGUMENT
@click.option(
    "-o", "--out", "out_dir", type=click.Path(path_type=Path), required=True, help=N_("Folder for the PNG images.")
)
@click.option("--only", metavar="KINDS", help=N_("Comma-separated kinds: notice, form, letter, task-sheet, unit-form."))
@click.option("--unit", metavar="ID_OR_NAME", help=N_("Only this unit's task sheet and form."))
@click.option("--templates", type=click.Path(path_type=Path), help=N_("Folder with your own copies of the templates."))
@click.option(
    "--resolution",
    type=click.IntRange(20, 300),
    default=80,
    show_default=True,
    help=N_("Pixels per inch of the images."),
)
@click.option("--force", is_flag=True, help=N_("Replace files in OUT that docgen did not write."))
def preview(
    plan: Path, out_dir: Path, only: str | None, unit: str | None, templates: Path | None, resolution: int, force: bool
) -> None:
    """Write PNG images of the pages of PLAN's documents into OUT (needs LibreOffice and poppler)."""
    from docgen.preview import preview as preview_pages

    for image in preview_pages(plan, out_dir, only, unit=unit, templates=templates, resolution=resolution, force=force):
        click.echo(_wrote(image))


@main.command("new-year")
@PLAN_ARGUMENT
@click.option("--year", required=True, type=click.IntRange(1900, 2999), help=N_("The year of the new plan."))
@click.option(
    "-o",
    "--output",
    "new",
    type=click.Path(dir_okay=False, path_type=Path),
    help=N_("Where to write the new plan; default: PLAN-YEAR.yaml beside PLAN (data/campaign-2020.yaml)."),
)
@click.option("--same-weekday", is_flag=True, help=N_("Move each date by whole weeks to keep its weekday."))
@click.option("--force", is_flag=True, help=N_("Overwrite NEW when it exists."))
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
    click.echo(_wrote(new))


@main.command()
@click.argument("directory", type=click.Path(path_type=Path))
@click.option("--force", is_flag=True, help=N_("Overwrite files that already exist there."))
def init(directory: Path, force: bool) -> None:
    """Start a new folder with the sample plan, its schema and the default templates."""
    from docgen.scaffold import init_project

    for path in init_project(directory, force=force):
        click.echo(_wrote(path))
    next_steps = f"cd {directory} && docgen check && docgen render --templates templates"
    click.echo(gettext("next: {commands}").format(commands=next_steps))


@main.command("list")
@PLAN_ARGUMENT
def list_units(plan: Path) -> None:
    """Show the document kinds and, for each unit, the tasks and duties it carries."""
    from docgen.chinese import section_number
    from docgen.documents import KINDS
    from docgen.planfile import resolved_plan

    loaded = resolved_plan(plan)
    click.echo(gettext("kinds: {kinds}").format(kinds=", ".join(KINDS)))
    for unit in loaded.responsible_units():
        click.echo(f"{unit.name} ({unit.id})")
        for number, task in loaded.tasks_of(unit.id):
            click.echo(f"  {section_number(2, number)}{task.title}")
        for number, requirement in loaded.requirements_of(unit.id):
            line = gettext("requirement {number} {title}")
            click.echo("  " + line.format(number=section_number(2, number), title=requirement.title))


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
    help=N_("The plan the forms were sent out with."),
)
@click.option(
    "-o", "--out", "out_dir", required=True, type=click.Path(path_type=Path), help=N_("Folder for the outputs.")
)
@click.option("--force", is_flag=True, help=N_("Replace files in OUT that docgen did not write."))
def collect(forms: tuple[Path, ...], plan_path: Path, out_dir: Path, force: bool) -> None:
    """Collect returned 活动安排 forms (FORM: .docx files or folders) into a schedule, a spreadsheet and a calendar.

    Prints every problem (FILE: row N: ...) and a summary; exits 1 when anything was reported.
    """
    import datetime

    from docgen.collecting import collect as collect_forms
    from docgen.planfile import load_plan
    from docgen.schedule import write_collection

    plan = load_plan(plan_path)
    files = _form_files(forms)
    collection = collect_forms(files, plan)
    written = write_collection(collection, out_dir, stamp=datetime.datetime.now(datetime.UTC), force=force)
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
        click.echo(_wrote(path))
    if collection.problems:
        sys.exit(1)


@main.command()
@PLAN_ARGUMENT
@click.option("--unit", metavar="ID_OR_NAME", help=N_("Only the deadlines that concern this unit."))
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help=N_("The .ics file to write."),
)
@click.option("--force", is_flag=True, help=N_("Overwrite OUTPUT even when docgen did not write it."))
def calendar(plan: Path, unit: str | None, output: Path, force: bool) -> None:
    """Write PLAN's period and deadlines as an iCalendar file for phone and desktop calendars."""
    import datetime

    from docgen.calendars import deadlines_calendar, write_calendar
    from docgen.documents import find_unit
    from docgen.planfile import resolved_plan

    loaded = resolved_plan(plan)
    chosen = find_unit(loaded, unit) if unit is not None else None
    write_calendar(output, deadlines_calendar(loaded, datetime.datetime.now(datetime.UTC), chosen), force=force)
    click.echo(_wrote(output))
