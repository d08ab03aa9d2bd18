"""The cache command: where docgen keeps what it can make again (compiled templates, PDFs), and clearing it."""

from __future__ import annotations

import click

from docgen.cli.group import main
from docgen.cli.help import TranslatedGroup
from docgen.messages.language import gettext, ngettext


@main.group(cls=TranslatedGroup)
def cache() -> None:
    """Show or clear docgen's cache of compiled templates, PDFs and page layouts."""


@cache.command("dir")
def cache_dir_command() -> None:
    """Print the folder of docgen's cache (DOCGEN_CACHE_DIR, else the user's cache folder)."""
    from docgen.cache import cache_dir

    click.echo(str(cache_dir()))


@cache.command("clear")
def cache_clear() -> None:
    """Remove every compiled template, PDF and page layout docgen kept; they are made again when next needed."""
    from docgen.cache import cache_dir, clear_cache

    removed = clear_cache()
    text = ngettext("removed {count} file from {folder}", "removed {count} files from {folder}", removed)
    click.echo(text.format(count=removed, folder=cache_dir()))
    if removed == 0:
        click.echo(gettext("the cache was empty"))
