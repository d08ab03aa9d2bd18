"""The command that looks at this machine: doctor."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from docgen.cli.group import PathParam, main
from docgen.messages.language import N_, gettext

if TYPE_CHECKING:
    from pathlib import Path

    from docgen.office.doctor import MachineCheck

_SYSTEMS = {"debian": "Debian/Ubuntu", "windows": "Windows", "macos": "macOS"}


_OUT_HELP = N_("The folder the documents will go to: docgen must be able to write there.")


@main.command()
@click.option("-o", "--out", "out_dir", type=PathParam(), default="out", show_default=True, help=_OUT_HELP)
def doctor(out_dir: Path) -> None:
    """Check what docgen needs on this machine (LibreOffice, fonts, poppler) and say how to get it.

    Each need is one line: ok, warning (docgen works, not quite as it should) or missing, and
    below what is not ok, how to install it on Debian/Ubuntu, Windows and macOS. Exits 1 when
    something is missing: LibreOffice, a face for a font the documents use, or write access to OUT.
    """
    from docgen.messages.machine_words import READINESS
    from docgen.office.doctor import doctor as check_machine
    from docgen.office.programs import this_system

    report = check_machine(out_dir)
    width = max(len(gettext(word)) for word in READINESS.values())
    for check in report.checks:
        click.echo(f"{gettext(READINESS[check.readiness.value]):<{width}}  {_line(check)}")
        for system in sorted(check.install, key=lambda s: s != this_system()):  # this machine's way first
            click.echo(f"{'':<{width}}    {_SYSTEMS[system]}: {check.install[system]}")
    if report.ready:
        click.echo(gettext("everything docgen needs is here"))
        return
    missing = ", ".join(_subject(check) for check in report.missing)
    click.echo(
        gettext("missing: {missing} (install as shown above, then run docgen doctor again)").format(missing=missing)
    )
    sys.exit(1)


def _line(check: MachineCheck) -> str:
    from docgen.messages import describe_code

    return describe_code(check.code, check.params)


def _subject(check: MachineCheck) -> str:
    """What a missing check is about, in a word: LibreOffice, a font's name, the output folder."""
    if "family" in check.params:
        return str(check.params["family"])
    if "folder" in check.params:
        return str(check.params["folder"])
    return "LibreOffice" if check.code == "machine-office-missing" else check.code
