"""The ``docgen`` group: its commands loaded on demand, the language of the run, no tracebacks.

``main`` is the click group every command module registers with; ``DocgenGroup`` chooses the
language before click parses anything, turns every ``DocgenError`` into located lines, and
imports a command's module only when the command is used: ``docgen --help`` lists them from
the table in ``docgen.cli.commands``.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

import click

from docgen.cli.click_words import click_speaks_current_language
from docgen.cli.commands import COMMANDS
from docgen.cli.help import TranslatedCommand, TranslatedGroup
from docgen.messages.language import N_, choose_language, gettext, system_language, use_language
from docgen.version import __version__

if TYPE_CHECKING:
    from pathlib import Path

    from docgen.errors import Finding


class PathParam(click.Path):
    """``click.Path`` giving a ``pathlib.Path``, imported on first use: ``docgen --help`` never needs it."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        """The checked value as a ``Path``."""
        from pathlib import Path

        return Path(os.fsdecode(super().convert(value, param, ctx)))


class DayParam(click.ParamType[Any]):
    """A day as an office writes it, 2019-05-10, 2019/05/10, 2019.5.10 or 2019年5月10日, with ``times`` a time after it.

    Gives a ``datetime.datetime`` (midnight for a day alone); anything else is refused in the
    run's language with the forms it takes.
    """

    name = "date"

    def __init__(self, *, times: bool = False) -> None:
        self.times = times

    def get_metavar(self, param: click.Parameter, ctx: click.Context) -> str:
        """YYYY-MM-DD, or YYYY-MM-DD [HH:MM]."""
        return "YYYY-MM-DD [HH:MM]" if self.times else "YYYY-MM-DD"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        """The written day (and time) as a naive ``datetime``."""
        import datetime as dt
        import re

        if isinstance(value, dt.datetime):
            return value
        time = r"(?:\s+(?P<hour>\d{1,2})[:：](?P<minute>\d{2}))?" if self.times else ""
        found = re.fullmatch(
            r"\s*(?P<year>\d{4})\s*[-/.年]\s*(?P<month>\d{1,2})\s*[-/.月]\s*(?P<day>\d{1,2})\s*日?" + time + r"\s*",
            str(value),
        )
        try:
            if found is None:
                raise ValueError(value)
            parts = {k: int(v) for k, v in found.groupdict().items() if v is not None}
            return dt.datetime(**parts)  # type: ignore[arg-type]
        except ValueError:
            example = _TIME_EXAMPLE if self.times else _DAY_EXAMPLE
            self.fail(gettext(_NOT_A_DAY).format(value=value, example=gettext(example)), param, ctx)


_NOT_A_DAY = N_("'{value}' is not a day: write it as {example}")
_DAY_EXAMPLE = N_("2019-05-10 (or 2019/5/10, 2019.5.10)")
_TIME_EXAMPLE = N_("2019-05-10 or 2019-05-10 16:30 (or 2019/5/10, 2019.5.10)")
DEFAULT_PLAN = "data/campaign.yaml"  # docgen.resources.SAMPLE_PLAN, not imported: --help imports no pathlib
_Function = TypeVar("_Function", bound=Callable[..., Any])


def PLAN_ARGUMENT(function: _Function) -> _Function:  # noqa: N802 - the name the command modules know
    """The optional PLAN argument of a command, default ``data/campaign.yaml``.

    Made when the command's module is loaded, not with this module: ``click.Path`` asks the
    standard library's gettext for its name, which imports ``locale`` (1 ms of ``docgen --help``).
    """
    return click.argument("plan", type=PathParam(), default=DEFAULT_PLAN, required=False)(function)


def TEMPLATES_OPTION(function: _Function) -> _Function:  # noqa: N802 - used as PLAN_ARGUMENT is
    """``--templates DIR``: the user's own copies of the templates (made with the command's module, as PLAN is)."""
    help_text = N_("Folder with your own copies of the templates.")
    return click.option("--templates", type=PathParam(), help=help_text)(function)


def FORCE_OPTION(function: _Function) -> _Function:  # noqa: N802 - used as PLAN_ARGUMENT is
    """``--force``: a command writing into OUT may replace files docgen did not write there."""
    return click.option("--force", is_flag=True, help=N_("Replace files in OUT that docgen did not write."))(function)


def RETURNS_OPTION(function: _Function) -> _Function:  # noqa: N802 - used as PLAN_ARGUMENT is
    """``--returns DIR``: the campaign's returns folder, ``回收`` when not given."""
    help_text = N_("The returns folder (default: 回收).")
    return click.option("--returns", "returns_dir", type=PathParam(file_okay=False), help=help_text)(function)


def echo_problems(problems: list[Finding]) -> None:
    """Print problems to stderr, one line each."""
    from docgen.messages import format_problem

    for problem in problems:
        click.echo(format_problem(problem), err=True)


_MODULES = {name: module for module, commands in COMMANDS.items() for name in commands}
_SHORT_HELP = {name: short_help for commands in COMMANDS.values() for name, short_help in commands.items()}


class DocgenGroup(TranslatedGroup):
    """Speaks the user's language for the whole run; turns every ``DocgenError`` into located lines.

    Its commands are those of ``docgen.cli.commands``; each is registered (``@main.command()``)
    when its module is imported, which ``get_command`` does the first time the command is wanted.
    """

    def list_commands(self, ctx: click.Context) -> list[str]:
        """Every command's name, in alphabetical order, without importing any of them."""
        return sorted(_MODULES)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """The command of that name in the table, its module imported first; None for any other name."""
        module = _MODULES.get(cmd_name)
        if module is None:
            return None
        if cmd_name not in self.commands:
            _load(module)
        return self.commands.get(cmd_name)

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        """As click does; a name that is no command first loads them all, for click's "did you mean" to choose from."""
        if args and args[0] not in _MODULES:
            for module in COMMANDS:
                _load(module)
        return super().resolve_command(ctx, args)

    def listed_commands(self, ctx: click.Context) -> list[tuple[str, click.Command]]:
        """The commands as the help lists them, each a stand-in holding its line from the table.

        A stand-in's help is that first sentence, which it shortens and translates as the command
        itself does its docstring; none of the commands' modules is imported.
        """
        return [(name, TranslatedCommand(name, help=_SHORT_HELP[name])) for name in self.list_commands(ctx)]

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


def _load(module: str) -> None:
    """Import a command module of the table, which registers its commands with ``main``."""
    __import__(f"docgen.cli.{module}")  # as the import statement does: python -X importtime shows no import_module()


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


def _no_cache(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        os.environ["DOCGEN_NO_CACHE"] = "1"  # in the environment: the run's worker processes see it too


@click.group(cls=DocgenGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--lang",
    metavar="LANG",
    expose_value=False,
    is_eager=True,
    help=N_("Language of messages and help: zh_CN or en (else DOCGEN_LANG, else the locale, else English)."),
)
@click.option(
    "--no-cache",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_no_cache,
    help=N_("Neither use nor keep compiled templates, PDFs and page layouts of earlier runs (see 'docgen cache')."),
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


def run() -> None:
    """The ``docgen`` program (its console script and ``python -m docgen``): ``main``, then a quick exit.

    As Python exits it tears down every module, and its cycle collector walks all their objects
    again and again while it does: a tenth of a render's time (35 ms of 350). Frozen first, the
    objects are freed by their reference counts alone. Only the program does this: a script or a
    test that calls ``main`` goes on living, and its cycles must still be collected.

    The program loads no pydantic plugins (``PYDANTIC_DISABLE_PLUGINS``, unless set otherwise):
    where pydantic is loaded (a plan with errors, ``docgen schema``), it would look for them in
    every installed package's metadata as it builds the plan's models (10 ms), and plugins
    installed for other programs' models have nothing to observe here.
    """
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    try:
        main()
    finally:
        gc.freeze()


def wrote(path: Path) -> str:
    """The line that tells the user a file was written."""
    return gettext("wrote {path}").format(path=path)
