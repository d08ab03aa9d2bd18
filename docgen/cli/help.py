"""Command help in the user's language: click classes that translate their texts when shown.

click keeps a command's help (its docstring) and each option's help as given at definition,
when no language is chosen yet; these classes look them up in the catalog only when help is
written, so ``docgen --lang zh_CN check --help`` is Chinese. The docstrings are extracted for
the catalog by ``docgen.cli.extraction``; option texts are marked with ``N_`` where they are given.
"""

from __future__ import annotations

import inspect
import os
import re
import sys
import unicodedata
from collections.abc import Iterable
from typing import Any

import click
from click.formatting import iter_rows, measure_table

from docgen.messages.language import ENGLISH, N_, current_language, gettext, pgettext

# click's own words around the help, in docgen's catalog (click's come from its own domain)
_USAGE = N_("Usage: ")
_OPTIONS = N_("Options")
_COMMANDS = N_("Commands")
_METAVARS = {"[OPTIONS]": N_("[OPTIONS]"), "COMMAND [ARGS]...": N_("COMMAND [ARGS]...")}
HELP_OPTION = N_("Show this message and exit.")
_DEFAULT = N_("default: {default}")
_REQUIRED = N_("required")
_EXTRA = N_("{help}  [{extra}]")
_FROM_TO, _AT_LEAST, _AT_MOST = N_("{min} to {max}"), N_("{min} or more"), N_("{max} or less")
_EXTRA_ONLY = N_("[{extra}]")
_HEADING = N_("{heading}:")
# where a line may not start (避头尾): the punctuation that closes a phrase
_NO_LINE_START = set("，。、；：？！）》」』”’…,.;:?!)")
_TOKEN = r"[!-~]+|\s+|."  # a run of visible ASCII (a word, a flag), a space, or one character; compiled on first use


class TranslatedFormatter(click.HelpFormatter):
    """Writes headings in the language, and wraps Chinese text, which has no spaces to break at."""

    def write_heading(self, heading: str) -> None:
        """``Options:`` or ``选项：``."""
        self.write(f"{'':>{self.current_indent}}{gettext(_HEADING).format(heading=heading)}\n")

    def write_text(self, text: str) -> None:
        """Paragraphs wrapped to the width, counting a wide character as two columns."""
        if not _is_wide(text):
            super().write_text(text)
            return
        indent = " " * self.current_indent
        paragraphs = [_wrap(_unbroken(p), max(self.width - self.current_indent, 11)) for p in text.split("\n\n")]
        self.write("\n\n".join("\n".join(indent + line for line in lines) for lines in paragraphs) + "\n")

    def write_dl(self, rows: Iterable[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
        """Two columns, as click writes them, with the second wrapped by display width."""
        rows = list(rows)
        if not any(_is_wide(second) for _, second in rows):
            super().write_dl(rows, col_max, col_spacing)
            return
        widths = measure_table(rows)
        first_col = min(widths[0], col_max) + col_spacing
        for first, second in iter_rows(rows, len(widths)):
            self.write(f"{'':>{self.current_indent}}{first}")
            if not second:
                self.write("\n")
                continue
            if _width(first) <= first_col - col_spacing:
                self.write(" " * (first_col - _width(first)))
            else:
                self.write("\n" + " " * (first_col + self.current_indent))
            lines = _wrap(second, max(self.width - first_col - 2, 10))
            self.write(lines[0] + "\n")
            for line in lines[1:]:
                self.write(f"{'':>{first_col + self.current_indent}}{line}\n")


class TranslatedContext(click.Context):
    """A context whose help formatter speaks the language."""

    formatter_class = TranslatedFormatter

    def make_formatter(self) -> click.HelpFormatter:
        """The formatter, given the terminal's width here: click would import shutil for it (2 ms)."""
        width = self.terminal_width
        if width is None:  # as click.HelpFormatter does: a width forced by click's test runner, else the terminal's
            width = click.formatting.FORCED_WIDTH or _terminal_columns(self.max_content_width or 80)
        return self.formatter_class(width=width, max_width=self.max_content_width)


def _terminal_columns(max_width: int) -> int:
    """Help's width as click computes it: the terminal's columns (``COLUMNS`` first), at most 78."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno() if sys.__stdout__ else 1).columns
        except (OSError, ValueError):
            columns = 80
    return max(min(columns, max_width) - 2, 50)


class TranslatedCommand(click.Command):
    """A command whose help, short help and option texts are translated when they are shown."""

    context_class = TranslatedContext

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The usage line, with its prefix and click's placeholders translated."""
        pieces = [gettext(_METAVARS.get(piece, piece)) for piece in self.collect_usage_pieces(ctx)]
        formatter.write_usage(ctx.command_path, " ".join(pieces), gettext(_USAGE))

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The docstring, translated."""
        text = self.translated_help()
        if text:
            formatter.write_paragraph()
            with formatter.indentation():
                formatter.write_text(text)

    def get_short_help_str(self, limit: int = 45) -> str:
        """The first sentence of the translated help, for the list of commands."""
        if current_language() == ENGLISH:
            return super().get_short_help_str(limit)
        text = gettext(inspect.cleandoc(self.short_help)) if self.short_help else self.translated_help()
        # click shortens at spaces and counts characters; Chinese has no spaces between words,
        # and a character takes two columns
        return _truncate(text.split("\n\n")[0].replace("\n", "").partition("。")[0], limit)

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The options under a translated heading, each with its translated help."""
        records = [record for param in self.get_params(ctx) if (record := _help_record(param, ctx)) is not None]
        if records:
            with formatter.section(gettext(_OPTIONS)):
                formatter.write_dl(records)

    def translated_help(self) -> str:
        """The command's help (its docstring, up to a form feed) in the current language."""
        if not self.help:
            return ""
        return gettext(inspect.cleandoc(self.help)).partition("\f")[0]


class TranslatedGroup(TranslatedCommand, click.Group):
    """A group that lists its commands under a translated heading; its commands translate too."""

    command_class = TranslatedCommand

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The options, then the commands (as ``click.Group`` does)."""
        super().format_options(ctx, formatter)
        self.format_commands(ctx, formatter)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """Each visible command with the first sentence of its translated help."""
        commands = self.listed_commands(ctx)
        if not commands:
            return
        limit = formatter.width - 6 - max(len(name) for name, _ in commands)
        rows = [(name, command.get_short_help_str(limit)) for name, command in commands]
        with formatter.section(gettext(_COMMANDS)):
            formatter.write_dl(rows)

    def listed_commands(self, ctx: click.Context) -> list[tuple[str, click.Command]]:
        """The commands the help lists, by name: each visible one that ``get_command`` gives."""
        commands: list[tuple[str, click.Command]] = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                commands.append((name, command))
        return commands


def _help_record(param: click.Parameter, ctx: click.Context) -> tuple[str, str] | None:
    """An option's line in the help: its flags, and its help and extras translated."""
    if isinstance(param, click.Argument):
        return None
    record = param.get_help_record(ctx)
    if record is None or not isinstance(param, click.Option):
        return record
    text = gettext(param.help) if param.help else ""
    extra: Any = param.get_help_extra(ctx)
    items = []
    if "default" in extra:
        items.append(gettext(_DEFAULT).format(default=extra["default"]))
    if "range" in extra:
        items.append(_range_words(param.type, extra["range"]))
    if "required" in extra:
        items.append(gettext(_REQUIRED))
    if items:
        joined = pgettext("option help", "; ").join(items)
        text = gettext(_EXTRA).format(help=text, extra=joined) if text else gettext(_EXTRA_ONLY).format(extra=joined)
    return record[0], text


def _range_words(kind: click.ParamType[Any], written: str) -> str:
    """Click's range (x>=1, 20<=x<=300) in words of the language: 1 or more, from 20 to 300."""
    if not isinstance(kind, click.IntRange) or kind.min_open or kind.max_open:
        return written
    if kind.min is not None and kind.max is not None:
        return gettext(_FROM_TO).format(min=kind.min, max=kind.max)
    if kind.min is not None:
        return gettext(_AT_LEAST).format(min=kind.min)
    if kind.max is not None:
        return gettext(_AT_MOST).format(max=kind.max)
    return written


def _unbroken(paragraph: str) -> str:
    """A paragraph's lines as one: Chinese runs on from line to line, other words keep a space between them."""
    joined = ""
    for line in paragraph.split("\n"):
        if joined and line and not _is_wide(joined[-1]) and not _is_wide(line[0]):
            joined += " "
        joined += line
    return joined


def _is_wide(text: str) -> bool:
    return not text.isascii() and any(unicodedata.east_asian_width(char) in "WF" for char in text)


def _width(text: str) -> int:
    """Terminal columns ``text`` takes: two for each wide (East Asian) character."""
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _wrap(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` columns, broken between characters or at spaces.

    Closing punctuation stays at the end of the line before, as Chinese typesetting wants.
    """
    lines: list[str] = []
    line, line_width = "", 0
    for token in re.findall(_TOKEN, text.strip()):
        if line and line_width + _width(token.rstrip()) > width and token[0] not in _NO_LINE_START:
            lines.append(line.rstrip())
            line = token.lstrip()
            line_width = _width(line)
        else:
            line += token
            line_width += _width(token)
    return [*lines, line.rstrip()]


def _truncate(text: str, columns: int) -> str:
    """``text`` cut to fit ``columns`` terminal columns (a wide character takes two), with "…"."""
    widths = [_width(char) for char in text]
    if sum(widths) <= columns:
        return text
    used = 0
    for index, width in enumerate(widths):
        if used + width > columns - 1:
            return text[:index] + "…"
        used += width
    return text
