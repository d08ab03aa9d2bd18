"""The serve command: the workbench, one local web page for the plan, its documents, the month and the templates."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from docgen.cli.group import PLAN_ARGUMENT, RETURNS_OPTION, TEMPLATES_OPTION, PathParam, main
from docgen.cli.status_commands import DEFAULT_RETURNS
from docgen.messages.language import N_, gettext

if TYPE_CHECKING:
    from pathlib import Path


@main.command()
@PLAN_ARGUMENT
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=0,
    help=N_("The port on 127.0.0.1 (default: a free one)."),
)
@click.option("--no-browser", is_flag=True, help=N_("Print the address; do not open it in the browser."))
@RETURNS_OPTION
@click.option(
    "-o", "--out", "out_dir", type=PathParam(), help=N_("Folder for the documents (default: out/YEAR, as render).")
)
@TEMPLATES_OPTION
def serve(
    plan: Path, port: int, no_browser: bool, returns_dir: Path | None, out_dir: Path | None, templates: Path | None
) -> None:
    """Open the workbench: PLAN, its documents, the month's returns and the templates in one local web page.

    Serves on 127.0.0.1 only. The first line printed is the address with a fresh token
    (http://127.0.0.1:PORT/?token=...); only a browser that opened it gets in. Ctrl-C stops it.
    """
    from pathlib import Path

    from docgen.web.server import missing_packages

    missing = missing_packages()
    if missing:
        raise click.ClickException(
            gettext("docgen serve needs {packages}: pip install 'docgen[serve]'").format(packages=", ".join(missing))
        )
    from docgen.web.server import WorkbenchServer

    if not plan.is_file():
        raise click.BadParameter(gettext("no plan file here: {path}").format(path=plan), param_hint="PLAN")
    try:
        server = WorkbenchServer(
            plan, port=port, returns_dir=returns_dir or Path(DEFAULT_RETURNS), out_dir=out_dir, templates=templates
        )
    except OSError as exc:
        raise click.ClickException(
            gettext("cannot listen on 127.0.0.1:{port}: {reason}").format(port=port, reason=exc.strerror or exc)
        ) from None
    click.echo(server.url)
    click.echo(gettext("the workbench is open at the address above; Ctrl-C stops it"), err=True)
    if not no_browser:
        import webbrowser

        webbrowser.open(server.url)
    server.run()
    click.echo(gettext("the workbench has stopped"), err=True)
