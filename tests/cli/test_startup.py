"""``docgen --help`` and ``--version`` start fast: they load click and the catalog, not the stages."""

from __future__ import annotations

import subprocess
import sys

import pytest

HEAVY = ("docxtpl", "docx", "pydantic", "babel.dates", "openpyxl", "icalendar", "yaml", "lxml", "jinja2", "pathlib")


def _loaded_modules(*args: str) -> set[str]:
    """The modules a ``docgen`` command line imports, as ``python -X importtime`` lists them."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "docgen", *args], capture_output=True, text=True, check=True
    )
    assert result.stdout, "the command printed nothing"
    return {line.split("|")[-1].strip() for line in result.stderr.splitlines() if line.startswith("import time:")}


@pytest.mark.parametrize("args", [("--help",), ("--version",), ("--lang", "zh_CN", "--help"), ("render", "--help")])
def test_help_and_version_load_none_of_the_heavy_libraries(args: tuple[str, ...]) -> None:
    loaded = _loaded_modules(*args)
    assert "docgen.cli" in loaded and "click" in loaded  # the measure sees imports at all
    assert sorted(loaded.intersection(HEAVY)) == []
    assert not any(name.startswith(("docgen.plan.", "docgen.documents.", "docgen.rendering.")) for name in loaded)


def test_a_real_command_does_load_them() -> None:
    # the check above would pass for a command that imported nothing; this one must import the plan stage
    loaded = _loaded_modules("schema")
    assert {"pydantic", "docgen.plan.model"} <= loaded
