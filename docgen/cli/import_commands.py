"""The command that starts a plan from last year's Word file: import."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from docgen.cli.group import PathParam, main, wrote
from docgen.messages.language import N_

if TYPE_CHECKING:
    from pathlib import Path


@main.command("import")
@click.argument("word_file", metavar="FILE.docx", type=PathParam())
@click.option(
    "-o",
    "--output",
    type=PathParam(dir_okay=False),
    help=N_("Where to write the plan; default: FILE.yaml beside FILE.docx."),
)
@click.option("--force", is_flag=True, help=N_("Overwrite OUTPUT when it exists."))
def import_word(word_file: Path, output: Path | None, force: bool) -> None:
    """Write a plan from last year's notice or plan saved as .docx by Word or WPS.

    Prints the review list (what could not be placed, what was changed), each item with the
    paragraph of the Word file it comes from, then 'wrote OUTPUT'.
    """
    from docgen.cli.progress import TerminalProgress

    output = output or word_file.with_suffix(".yaml")
    with TerminalProgress() as progress:
        progress.step("read-word")  # before the stage's imports: on a terminal, at once
        from docgen.importing.plans import import_plan
        from docgen.messages import format_review_item
        from docgen.rendering.outputs import write_text_atomic
        from docgen.rendering.targets import check_output_file

        check_output_file(output, [word_file])  # before the reading: never over the Word file, a device, a folder

        text, review = import_plan(word_file, output_file=str(output), progress=progress)
        progress.step("write")
        write_text_atomic(output, text, force=force, inputs=[word_file])
    for item in review:
        click.echo(format_review_item(item))
    click.echo(wrote(output))
