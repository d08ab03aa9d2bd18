"""Commands on a plan: check, schema, render, preview, new-year, init, list, calendar."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import click

from docgen.cli.group import FORCE_OPTION, PLAN_ARGUMENT, TEMPLATES_OPTION, PathParam, echo_problems, main, wrote
from docgen.messages.language import N_, gettext, ngettext

if TYPE_CHECKING:
    from pathlib import Path

    from docgen.documents.render_run import RenderRun
    from docgen.office.doctor import MachineCheck
    from docgen.plan.files import CheckReport

_Command = TypeVar("_Command", bound=Callable[..., Any])

_ONLY = click.option(
    "--only",
    metavar="KINDS",
    help=N_("Comma-separated kinds: notice, form, letter, task-sheet, unit-form, issuing-notice."),
)
_UNIT = click.option("--unit", metavar="ID_OR_NAME", help=N_("Only this unit's task sheet and form."))


def _document_choice(command: _Command) -> _Command:
    """The options that choose which of a plan's documents a command makes: --only, --unit, --templates."""
    return _ONLY(_UNIT(TEMPLATES_OPTION(command)))


@main.command()
@PLAN_ARGUMENT
@click.option("--strict", is_flag=True, help=N_("Treat warnings as errors (exit 1 when there are any)."))
@click.option("--notes", is_flag=True, help=N_("Also print the notes: facts about the plan that ask nothing of you."))
@click.option(
    "--templates",
    type=PathParam(),
    help=N_("Also check the templates the plan would use from this folder (templates/ beside PLAN is checked anyway)."),
)
def check(plan: Path, strict: bool, notes: bool, templates: Path | None) -> None:
    """Validate PLAN and print a summary, or every problem with its line."""
    from docgen.documents.checks import check_project

    outcome = check_project(plan, templates)
    echo_problems(outcome.findings(notes))
    if outcome.plan_warnings_counted:
        count = len(outcome.report.warnings)
        note = ngettext(
            "{count} warning about the plan: 'docgen check' without --templates shows it",
            "{count} warnings about the plan: 'docgen check' without --templates shows them",
            count,
        )
        click.echo(note.format(count=count), err=True)
    if outcome.failed:
        sys.exit(1)
    if outcome.templates:
        click.echo(gettext("templates OK: {files}").format(files=", ".join(str(f) for f in outcome.templates)))
    if strict and outcome.warned:
        sys.exit(1)
    click.echo(f"{plan}: {_summary(outcome.report, notes)}")


def _summary(report: CheckReport, notes: bool) -> str:
    """The line ``docgen check`` ends with: the plan in numbers, its warnings, the notes not shown."""
    from docgen.messages import format_date, format_period_end

    p = report.plan
    assert p is not None
    tasks, units, deadlines, warnings = len(p.tasks), len(p.units), len(p.deadlines), len(report.warnings)
    summary = gettext(
        "OK: {year}, {tasks}, {units} ({responsible} responsible), period {start} to {end}, {deadlines}, {warnings}"
    ).format(
        year=p.year,
        tasks=ngettext("{count} task", "{count} tasks", tasks).format(count=tasks),
        units=ngettext("{count} unit", "{count} units", units).format(count=units),
        responsible=len(p.responsible_units()),
        start=format_date(p.period.start),
        end=format_period_end(p.period.start, p.period.end),
        deadlines=ngettext("{count} deadline", "{count} deadlines", deadlines).format(count=deadlines),
        warnings=ngettext("{count} warning", "{count} warnings", warnings).format(count=warnings),
    )
    if report.notes and not notes:
        count = len(report.notes)
        summary += ngettext(
            ", {count} note (facts to know: --notes shows it)",
            ", {count} notes (facts to know: --notes shows them)",
            count,
        ).format(count=count)
    return summary


@main.command()
def schema() -> None:
    """Print the plan's JSON Schema (for editor completion and validation)."""
    from docgen.plan.schema import plan_schema_text

    click.echo(plan_schema_text(), nl=False)


@main.command()
@PLAN_ARGUMENT
@click.option(
    "-o",
    "--out",
    "out_dir",
    type=PathParam(),
    help=N_("Folder for the documents (default: out/YEAR, so that each year's documents stay apart)."),
)
@_document_choice
@click.option("--dry-run", is_flag=True, help=N_("List what would be written; write nothing."))
@FORCE_OPTION
@click.option("--pdf", is_flag=True, help=N_("Also write a PDF beside every .docx (needs LibreOffice)."))
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    help=N_("Render in N processes (default: one for small runs, every core for many documents)."),
)
def render(
    plan: Path,
    out_dir: Path | None,
    only: str | None,
    unit: str | None,
    templates: Path | None,
    dry_run: bool,
    force: bool,
    pdf: bool,
    jobs: int | None,
) -> None:
    """Render PLAN's documents into OUT (all or nothing)."""
    from docgen.cli.progress import TerminalProgress

    with TerminalProgress() as progress:
        progress.step("check")  # before the stage's imports: on a terminal, at once
        from docgen.documents.checks import checked_plan
        from docgen.documents.render_run import render_run

        fonts = None
        if pdf and not dry_run:
            from docgen.office.doctor import font_problems_soon

            fonts = font_problems_soon()  # fontconfig answers while the plan is read
        report = checked_plan(plan)
        if fonts is not None:
            progress.clear()
            _warn_of_fonts(fonts.result())
        run = render_run(
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
    _echo_run(run)


def _echo_run(run: RenderRun) -> None:
    """What ``render`` wrote (or would write), then what it found in OUT and the plan's warnings counted."""
    line = gettext("would write {path}") if run.dry_run else gettext("wrote {path}")
    for path in run.paths:
        click.echo(line.format(path=path))
    if run.still_mixed:
        mixed = gettext(
            "a run into {out} was stopped while it moved its files: its {kinds} documents may mix old and new"
            " ones; render them again"
        )
        click.echo(mixed.format(out=run.out_dir, kinds=", ".join(run.still_mixed)), err=True)
    elif run.mended:
        click.echo(
            gettext("{out} had been left half-written by a stopped run; it is whole again").format(out=run.out_dir)
        )
    if run.stale_pdfs:
        note = ngettext(
            "{count} PDF in {out} was made from the previous documents: 'docgen render --pdf' updates it",
            "{count} PDFs in {out} were made from the previous documents: 'docgen render --pdf' updates them",
            len(run.stale_pdfs),
        )
        click.echo(note.format(count=len(run.stale_pdfs), out=run.out_dir), err=True)
    echo_problems(run.older_templates)
    if run.report.warnings:
        count = len(run.report.warnings)
        note = ngettext(
            "{count} warning about the plan: 'docgen check' shows it",
            "{count} warnings about the plan: 'docgen check' shows them",
            count,
        )
        click.echo(note.format(count=count), err=True)


def _warn_of_fonts(problems: list[MachineCheck] | None = None) -> None:
    """A line for each font the PDFs will draw in a stand-in face, or in none (``docgen doctor`` tells more).

    ``problems``: ``font_problems()`` where the caller asked it already.
    """
    from docgen.messages import REVIEW_KINDS, describe_code
    from docgen.office.doctor import font_problems

    for problem in font_problems() if problems is None else problems:
        line = describe_code(problem.code, problem.params)
        more = gettext("'docgen doctor' says how to install the face")
        click.echo(f"{gettext(REVIEW_KINDS['warning'])}: {line} ({more})", err=True)


@main.command()
@PLAN_ARGUMENT
@click.option("-o", "--out", "out_dir", type=PathParam(), required=True, help=N_("Folder for the PNG images."))
@_document_choice
@click.option(
    "--resolution",
    type=click.IntRange(20, 300),
    default=150,
    show_default=True,
    help=N_("Pixels per inch of the images."),
)
@FORCE_OPTION
def preview(
    plan: Path, out_dir: Path, only: str | None, unit: str | None, templates: Path | None, resolution: int, force: bool
) -> None:
    """Write PNG images of the pages of PLAN's documents into OUT (needs LibreOffice and poppler)."""
    from docgen.cli.progress import TerminalProgress

    with TerminalProgress() as progress:
        progress.step("check")  # before the stage's imports: on a terminal, at once
        from docgen.documents.preview import preview as preview_pages

        progress.clear()
        _warn_of_fonts()
        images = preview_pages(
            plan, out_dir, only, unit=unit, templates=templates, resolution=resolution, force=force, progress=progress
        )
    for image in images:
        click.echo(wrote(image))


@main.command("new-year")
@PLAN_ARGUMENT
@click.option("--year", required=True, type=click.IntRange(1900, 2999), help=N_("The year of the new plan."))
@click.option(
    "-o",
    "--output",
    "new",
    type=PathParam(dir_okay=False),
    help=N_("Where to write the new plan; default: PLAN-YEAR.yaml beside PLAN (data/campaign-2020.yaml)."),
)
@click.option("--same-weekday", is_flag=True, help=N_("Move each date by whole weeks to keep its weekday."))
@click.option("--force", is_flag=True, help=N_("Overwrite NEW when it exists."))
def new_year(plan: Path, year: int, new: Path | None, same_weekday: bool, force: bool) -> None:
    """Write next year's plan from PLAN: only the year and the dates change.

    Prints the review list (old document numbers, text naming the old year, dates on days off
    or on 调休 working days) as FILE:LINE lines of the new plan, then 'wrote NEW'.
    """
    from docgen.messages import format_review_item
    from docgen.plan.reading import read_text_encoded
    from docgen.rendering.outputs import write_text_atomic
    from docgen.rollover.years import new_year

    new = new or plan.parent / f"{plan.stem}-{year}.yaml"
    text, problems, encoding = read_text_encoded(plan)
    echo_problems(problems)
    new_text, review = new_year(text, year, same_weekday, file=str(plan), output_file=str(new))
    write_text_atomic(
        new, new_text, force=force, encoding=encoding, inputs=[plan]
    )  # as the person's editor saved the plan
    for item in review:
        click.echo(format_review_item(item))
    click.echo(wrote(new))


@main.command()
@click.argument("directory", type=PathParam())
@click.option("--force", is_flag=True, help=N_("Overwrite files that already exist there."))
@click.option(
    "--update-templates",
    is_flag=True,
    help=N_(
        "Copy nothing new: replace the unedited copies of older built-in templates in DIRECTORY/templates "
        "with the new ones (edited ones are left)."
    ),
)
def init(directory: Path, force: bool, update_templates: bool) -> None:
    """Start a new folder with the sample plan, its schema and the default templates."""
    if update_templates:
        _update_templates(directory)
        return
    from docgen.documents.scaffold import init_project

    for path in init_project(directory, force=force):
        click.echo(wrote(path))
    from docgen.messages import command_word

    next_steps = f"cd {command_word(directory)} && docgen check && docgen render --templates templates"
    click.echo(gettext("next: {commands}").format(commands=next_steps))


def _update_templates(directory: Path) -> None:
    """``init --update-templates``: the copies replaced, the edited ones left, or that none was older."""
    from docgen.documents.template_updates import update_templates

    update = update_templates(directory)
    echo_problems(update.edited)
    for path in update.replaced:
        click.echo(gettext("replaced {path} with the new built-in template").format(path=path))
    if not update.replaced:
        click.echo(
            gettext("no template in {folder} is an unedited copy of an older built-in one").format(
                folder=directory / "templates"
            )
        )


@main.command()
@click.argument("kind")
@PLAN_ARGUMENT
@click.option("--unit", metavar="ID_OR_NAME", help=N_("The document of this unit (for a document made per unit)."))
@click.option("--task", metavar="ID", help=N_("The document of this task (for a document made per task)."))
@TEMPLATES_OPTION
def context(kind: str, plan: Path, unit: str | None, task: str | None, templates: Path | None) -> None:
    """Print, as YAML, what the template of KIND receives from PLAN (a record's text is what it prints)."""
    from docgen.documents.batch import kind_template, template_context
    from docgen.documents.checks import checked_plan
    from docgen.documents.context import context_yaml

    report = checked_plan(plan)
    assert report.resolved is not None
    values = template_context(report.resolved, kind, unit, task, source=report.source, plan_folder=report.path.parent)
    template = kind_template(report.resolved, kind, plan, templates)
    headers = (
        gettext("this document's own names (where one has a plan name, the plan's value is plan.NAME)"),
        gettext("the plan's names, which every template receives"),
    )
    click.echo("# " + gettext("the template: {path}").format(path=template))
    click.echo(context_yaml(values, report.resolved, headers), nl=False)


@main.command("list")
@PLAN_ARGUMENT
def list_units(plan: Path) -> None:
    """Show the document kinds and, for each unit, the tasks and duties it carries."""
    from docgen.chinese import section_number
    from docgen.documents.kinds import KINDS
    from docgen.plan.files import resolved_plan

    loaded = resolved_plan(plan)
    click.echo(gettext("kinds: {kinds}").format(kinds=", ".join(KINDS)))
    for declared in loaded.documents:
        shown = {None: gettext("once"), "unit": gettext("one per unit"), "task": gettext("one per task")}[declared.per]
        line = gettext("your document {kind}: {template}, {how}, as {output}")
        output = declared.output_source
        click.echo(line.format(kind=declared.kind, template=declared.template, how=shown, output=output))
    for unit in loaded.responsible_units():
        click.echo(f"{unit.name} ({unit.id})")
        for number, task in loaded.tasks_of(unit.id):
            click.echo(f"  {section_number(2, number)}{task.title}")
        for number, requirement in loaded.requirements_of(unit.id):
            line = gettext("requirement {number} {title}")
            click.echo("  " + line.format(number=section_number(2, number), title=requirement.title))


@main.command()
@PLAN_ARGUMENT
@click.option("--unit", metavar="ID_OR_NAME", help=N_("Only the deadlines that concern this unit."))
@click.option(
    "-o",
    "--output",
    required=True,
    type=PathParam(dir_okay=False),
    help=N_("The .ics file to write."),
)
@click.option("--force", is_flag=True, help=N_("Overwrite OUTPUT even when docgen did not write it."))
def calendar(plan: Path, unit: str | None, output: Path, force: bool) -> None:
    """Write PLAN's period and deadlines as an iCalendar file for phone and desktop calendars."""
    import datetime

    from docgen.documents.deadline_calendar import deadlines_calendar, write_calendar
    from docgen.documents.kinds import find_unit
    from docgen.plan.files import resolved_plan

    loaded = resolved_plan(plan)
    chosen = find_unit(loaded, unit) if unit is not None else None
    made = deadlines_calendar(loaded, datetime.datetime.now(datetime.UTC), chosen)
    write_calendar(output, made, force=force, plan_path=plan)
    click.echo(wrote(output))
