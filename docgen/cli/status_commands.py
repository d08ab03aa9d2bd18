"""The status command: the returns folders laid out, and who has sent what (dashboard, reminders)."""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

import click

from docgen.cli.group import FORCE_OPTION, PLAN_ARGUMENT, TEMPLATES_OPTION, PathParam, echo_problems, main, wrote
from docgen.messages.language import N_, gettext, ngettext

if TYPE_CHECKING:
    import datetime
    from pathlib import Path

    from docgen.tracking.status import StatusReport

DEFAULT_RETURNS = "回收"
_UNPLACED = {
    "no-deadline": N_("in no deadline's folder (or in a weekly one's, on a day of no week)"),
    "no-unit": N_("names no unit"),
    "several-units": N_("names several units: {units}"),
    "not-owed": N_("{units} does not owe this"),
}


def _width(text: str) -> int:
    """Columns a terminal gives ``text``: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _table(rows: list[list[str]]) -> list[str]:
    """Rows as lines of left-aligned columns, two spaces apart."""
    widths = [max(_width(row[i]) for row in rows) for i in range(len(rows[0]))]
    return ["  ".join(c + " " * (w - _width(c)) for c, w in zip(row, widths, strict=True)).rstrip() for row in rows]


def _echo_report(report: StatusReport) -> None:
    from docgen import chinese
    from docgen.messages import format_date
    from docgen.tracking.status import Mark

    columns = report.due_columns
    if not columns:
        click.echo(gettext("nothing is due by {day}").format(day=format_date(report.on)))
    else:
        header = [gettext("due"), gettext("deadline"), gettext("owed"), gettext("received"), gettext("of which late")]
        rows = [[*header, gettext("missing")]]
        for c in columns:
            counts = [len(c.owing), len(c.received), len(c.late), len(c.missing)]
            rows.append([chinese.month_day(c.due.day), c.due.title, *(str(n) for n in counts)])
        for line in _table(rows):
            click.echo(line)
        for c in columns:
            if c.missing:
                names = "、".join(u.name for u in c.missing)
                click.echo(gettext("missing {title}: {units}").format(title=c.due.title, units=names))
            today = c.units_marked(Mark.DUE_TODAY)
            if today:
                names = "、".join(u.name for u in today)
                click.echo(gettext("due today {title}: {units}").format(title=c.due.title, units=names))
    for file, why in report.unplaced:
        reason = gettext(_UNPLACED[why.value]).format(units="、".join(u.name for u in file.units))
        click.echo(gettext("not counted: {path}: {reason}").format(path=file.shown, reason=reason))


@main.command()
@PLAN_ARGUMENT
@click.option("--init", "init_dir", type=PathParam(file_okay=False), help=N_("Make the returns folders in DIR."))
@click.option(
    "--returns",
    "returns_dir",
    type=PathParam(file_okay=False),
    help=N_("The returns folder to look at (default: 回收)."),
)
@click.option(
    "--on",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help=N_("Count the deadlines due by this day, YYYY-MM-DD (default: today)."),
)
@click.option("--deadline", metavar="KEY", help=N_("Only this deadline (its key in the plan, e.g. schedule)."))
@click.option(
    "-o",
    "--out",
    "out_dir",
    type=PathParam(),
    default="out",
    show_default=True,
    help=N_("Folder for the dashboard and the reminders."),
)
@TEMPLATES_OPTION
@FORCE_OPTION
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help=N_("Print the state as JSON for scripts (and write nothing into OUT)."),
)
def status(
    plan: Path,
    init_dir: Path | None,
    returns_dir: Path | None,
    on: datetime.datetime | None,
    deadline: str | None,
    out_dir: Path,
    templates: Path | None,
    force: bool,
    as_json: bool,
) -> None:
    """Who has sent what: make the returns folders (--init DIR), or report on them (--returns DIR).

    With --returns, prints who owes, has sent, sent late or is missing each deadline as of the
    end of --on (a past day is replayed: files that came later do not count yet), and writes
    OUT/status.html, OUT/status.xlsx and one 催报 notice per unit owing anything into OUT/催报/.
    With --json, prints the state as one JSON document instead. Missing returns are news, not
    an error: the exit status is 0.
    """
    import datetime as dt
    from pathlib import Path

    from docgen.cli.progress import TerminalProgress

    if init_dir is not None and returns_dir is not None:
        raise click.UsageError(gettext("give either --init DIR or --returns DIR, not both"))
    if init_dir is not None and as_json:
        raise click.UsageError(gettext("--json reports on the returns; it does not go with --init"))
    with TerminalProgress() as progress:
        progress.step("check")  # before the stage's imports: on a terminal, at once
        from docgen.plan.files import load_plan

        loaded = load_plan(plan)
    if init_dir is not None:
        from docgen.tracking.folders import init_returns

        written = init_returns(loaded, init_dir, deadline, plan_path=plan)
        for path in written:
            click.echo(wrote(path))
        count = len(written)
        click.echo(ngettext("{count} new folder note", "{count} new folder notes", count).format(count=count))
        return
    from docgen.tracking.folders import write_status
    from docgen.tracking.status import track_returns

    day = on.date() if on is not None else dt.date.today()
    if as_json:
        import json

        from docgen.tracking.state import status_data

        report = track_returns(loaded, returns_dir or Path(DEFAULT_RETURNS), day, deadline)
        echo_problems(report.notes)
        click.echo(json.dumps(status_data(report), ensure_ascii=False, indent=2))
        return
    with TerminalProgress() as progress:
        report = track_returns(loaded, returns_dir or Path(DEFAULT_RETURNS), day, deadline, progress=progress)
        progress.step("write")
        paths = write_status(report, out_dir, templates=templates, plan_path=plan, force=force)
    echo_problems(report.notes)
    _echo_report(report)
    for path in paths:
        click.echo(wrote(path))
