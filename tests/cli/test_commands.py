"""The table of commands (``docgen.cli.commands``) is the truth: every command is in it, as its own help reads."""

from __future__ import annotations

import importlib

import click
import pytest
from click.testing import CliRunner

from docgen.cli import main
from docgen.cli.commands import COMMANDS
from docgen.cli.group import DocgenGroup
from docgen.messages.language import LANGUAGES, use_language
from tests.support.paths import ROOT

NAMES = sorted(name for commands in COMMANDS.values() for name in commands)


def _real_commands() -> dict[str, click.Command]:
    """Every command the command modules define, each module imported as ``docgen`` would."""
    for module in COMMANDS:
        importlib.import_module(f"docgen.cli.{module}")
    return dict(main.commands)


def test_every_command_module_is_in_the_table() -> None:
    files = sorted(path.stem for path in (ROOT / "docgen" / "cli").glob("*_commands.py"))
    assert sorted(COMMANDS) == files


def test_the_table_names_every_command_and_the_module_that_defines_it() -> None:
    defined = {
        name: command.callback.__module__ for name, command in _real_commands().items() if command.callback is not None
    }
    in_table = {name: f"docgen.cli.{module}" for module, commands in COMMANDS.items() for name in commands}
    assert defined == in_table


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("limit", [12, 30, 45, 58, 64, 200])
def test_each_line_of_the_list_reads_as_the_commands_own_help_would(language: str, limit: int) -> None:
    # the list shows the table's sentence, shortened and translated; the command would show its docstring's
    real = _real_commands()
    assert isinstance(main, DocgenGroup)
    listed = dict(main.listed_commands(click.Context(main)))
    assert sorted(listed) == NAMES
    with use_language(language):
        for name in NAMES:
            assert listed[name].get_short_help_str(limit) == real[name].get_short_help_str(limit), name


def test_the_help_lists_every_command_once_in_alphabetical_order() -> None:
    result = CliRunner().invoke(main, ["--help"], prog_name="docgen")
    assert result.exit_code == 0, result.output
    listed = result.stdout.partition("\nCommands:\n")[2].splitlines()
    assert [line.split()[0] for line in listed if not line.startswith("   ")] == NAMES  # not a wrapped line
    assert "  render      Render PLAN's documents into OUT (all or nothing).\n" in result.stdout


def test_a_name_outside_the_table_is_no_command_even_once_registered() -> None:
    # a command written with @main.command() but left out of the table is not reachable: the table is the list
    @main.command("not-in-the-table")
    def stray() -> None:
        """Never listed."""

    try:
        result = CliRunner().invoke(main, ["not-in-the-table"], prog_name="docgen")
        assert result.exit_code == 2
        assert "No such command 'not-in-the-table'." in result.output
        assert "not-in-the-table" not in CliRunner().invoke(main, ["--help"]).stdout
    finally:
        del main.commands["not-in-the-table"]
