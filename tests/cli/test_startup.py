"""``docgen --help`` and ``--version`` start fast: they load click and the catalog, no command and no stage."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from docgen.cli.commands import COMMANDS
from tests.support.paths import SHIPPED_PLAN

HEAVY = (
    "docxtpl",
    "docx",
    "pydantic",
    "babel",
    "babel.dates",
    "openpyxl",
    "icalendar",
    "yaml",
    "lxml",
    "jinja2",
    "pathlib",
    "locale",  # what the standard library's gettext.translation() imports to look for a catalog
)
STAGES = ("docgen.plan.", "docgen.documents.", "docgen.rendering.", "docgen.collecting.", "docgen.tracking.")


def _loaded_modules(*args: str) -> set[str]:
    """The modules a ``docgen`` command line imports, as ``python -X importtime`` lists them."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "docgen", *args], capture_output=True, text=True, check=True
    )
    assert result.stdout, "the command printed nothing"
    return {line.split("|")[-1].strip() for line in result.stderr.splitlines() if line.startswith("import time:")}


def _command_modules(loaded: set[str]) -> list[str]:
    return sorted(name for name in loaded if name.startswith("docgen.cli.") and name.endswith("_commands"))


@pytest.mark.parametrize("args", [("--help",), ("--version",), ("--lang", "zh_CN", "--help"), ("-h", "--lang=zh_CN")])
def test_help_and_version_load_no_command_and_none_of_the_heavy_libraries(args: tuple[str, ...]) -> None:
    loaded = _loaded_modules(*args)
    assert {"docgen.cli", "docgen.cli.commands", "click"} <= loaded  # the measure sees imports at all
    assert sorted(loaded.intersection(HEAVY)) == []
    assert _command_modules(loaded) == []
    assert not any(name.startswith(STAGES) for name in loaded)


def test_a_commands_help_loads_its_own_module_only() -> None:
    loaded = _loaded_modules("render", "--help")
    assert _command_modules(loaded) == ["docgen.cli.plan_commands"]
    assert sorted(loaded.intersection(HEAVY)) == []
    assert not any(name.startswith(STAGES) for name in loaded)


@pytest.mark.parametrize("name", ["audit", "import", "status", "collect"])
def test_each_command_module_is_loaded_by_its_commands_help(name: str) -> None:
    # the table names the module; asking for the command's help must load it (and give its help, not an error)
    module = next(module for module, commands in COMMANDS.items() if name in commands)
    assert f"docgen.cli.{module}" in _command_modules(_loaded_modules(name, "--help"))


def test_a_real_command_does_load_them() -> None:
    # the checks above would pass for a command that imported nothing; this one must import the plan stage
    loaded = _loaded_modules("schema")
    assert {"pydantic", "docgen.plan.model", "docgen.cli.plan_commands"} <= loaded


RENDER_NEVER = (
    "pydantic",  # the plan is checked by a walk over its declarations (docgen.plan.construction)
    "pydantic_core",
    "annotated_types",
    "docxtpl",  # docgen patches a part as docxtpl does (rendering.docx_patch): docxtpl is for the tests
    "docx",
    "babel",  # dates are f-strings that say what Babel's zh_CN patterns say
    "babel.dates",
    "xml.sax.saxutils",  # imports urllib, http and email for two functions
    "urllib.request",
    "http.client",
    "multiprocessing",  # a small run renders in this process
    "openpyxl",
    "icalendar",
    "PIL",
    "qrcode",
    "docgen.rendering.template_check",  # docgen's own templates are not checked on every run
    "docgen.rendering.docx_patch",  # nor compiled: the cache has them
    "docgen.rendering.tags",
)


def test_render_loads_what_rendering_uses_and_no_more(tmp_path: Path) -> None:
    out = tmp_path / "out"
    _loaded_modules("render", str(SHIPPED_PLAN), "-o", str(out))  # the first run compiles and caches the templates
    loaded = _loaded_modules("render", str(SHIPPED_PLAN), "-o", str(out))
    assert {"jinja2", "lxml.etree", "yaml", "docgen.rendering.templates", "docgen.plan.model"} <= loaded
    assert sorted(loaded.intersection(RENDER_NEVER)) == []


def test_the_default_plan_is_where_a_project_keeps_its_plan() -> None:
    from docgen.cli.group import DEFAULT_PLAN
    from docgen.resources import SAMPLE_PLAN

    assert DEFAULT_PLAN == SAMPLE_PLAN
