"""Commands on any Word file: audit."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from docgen.cli.group import PathParam, echo_problems, main, wrote
from docgen.messages.language import N_, gettext, ngettext

if TYPE_CHECKING:
    from pathlib import Path


@main.command()
@click.argument("files", nargs=-1, required=True, type=PathParam())
@click.option("--fix", is_flag=True, help=N_("Write a corrected copy (-o) with the mechanical fixes made."))
@click.option("-o", "--out", "out_file", type=PathParam(), help=N_("The corrected copy (with --fix)."))
@click.option("--force", is_flag=True, help=N_("Replace the file given with -o if it exists."))
@click.option(
    "--kind",
    type=click.Choice(["official", "letter", "bulletin", "form"]),
    help=N_("Hold every FILE to this kind's rules instead of recognising it (official: a 公文)."),
)
def audit(files: tuple[Path, ...], fix: bool, out_file: Path | None, force: bool, kind: str | None) -> None:
    """Check Word files (FILE: .docx) against GB/T 9704-2012, the layout of official documents.

    Prints every finding (FILE: paragraph N (“excerpt”): what is wrong (clause, how to fix it));
    exits 0 when nothing is found, 1 otherwise. Each FILE is held to the rules of its kind, which
    is said first: a 公文 to all of them; a letter, a 简报 or a form (not 公文) to those of any
    printed document. With --fix -o FIXED.docx, writes a corrected copy of the one FILE and
    lists what is left to a person.
    """
    from docgen.messages import format_audit_finding

    if fix:
        if out_file is None or len(files) != 1:
            raise click.UsageError(gettext("--fix needs one FILE and -o FIXED.docx"))
        from docgen.auditing.fixing import fix_document

        fixed = fix_document(files[0], out_file, force=force)
        click.echo(wrote(fixed.written))
        click.echo(
            ngettext("fixed {count} finding", "fixed {count} findings", len(fixed.fixed)).format(count=len(fixed.fixed))
        )
        if fixed.left:
            click.echo(gettext("left to a person:"))
        for finding in fixed.left:
            click.echo(format_audit_finding(finding))
        sys.exit(1 if fixed.left else 0)
    if out_file is not None:
        raise click.UsageError(gettext("-o is used with --fix"))
    from docgen.auditing.audit import audit as audit_files
    from docgen.messages.audit_words import KIND_WORDS, READ_AS

    report = audit_files(files, kind)
    for path, found in report.kinds.items():
        click.echo(gettext(READ_AS).format(file=path, kind=gettext(KIND_WORDS[found])), err=True)
    echo_problems(report.unreadable)
    for finding in report.rule_findings:
        click.echo(format_audit_finding(finding))
    count = len(report.findings)
    files_words = ngettext("{count} file", "{count} files", len(files)).format(count=len(files))
    click.echo(
        ngettext("{files}: {count} finding", "{files}: {count} findings", count).format(files=files_words, count=count),
        err=True,
    )
    if not report.clean:
        sys.exit(1)
