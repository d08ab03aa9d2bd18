"""The project's front door: a short README with the two commands, the docs site's pages, LICENSE, CHANGELOG.

``make docs`` (in ``make test``) builds the site with ``mkdocs build --strict``, which fails on a
broken link or a page the nav does not list; these tests pin what the build cannot see.
"""

from __future__ import annotations

import re
import tomllib

import docgen
from tests.support.paths import ROOT

DOCS = ROOT / "docs"


def test_the_readme_is_short_and_shows_the_two_commands_first() -> None:
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    assert len(lines) <= 250
    first_screen = "\n".join(lines[:25])
    assert "make render" in first_screen and "make test" in first_screen
    readme = "\n".join(lines)
    assert "py -m venv .venv" in readme and ".venv\\Scripts\\docgen" in readme  # the office's Windows commands
    for link in re.findall(r"\]\((docs/[^)#]+)", readme):
        assert (ROOT / link).is_file(), link


def test_the_office_guide_gives_the_windows_commands_beside_the_linux_ones() -> None:
    guide = (DOCS / "guide" / "index.md").read_text(encoding="utf-8")
    install = '.venv\\Scripts\\pip install -c constraints.txt ".[serve]"'
    for command in ("py -m venv .venv", install, ".venv\\Scripts\\docgen"):
        assert command in guide, command
    assert ".venv/bin/docgen" in guide


def test_every_public_name_is_on_the_api_page() -> None:
    api = (DOCS / "reference" / "api.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^::: docgen\.[\w.]+\.(\w+)$", api, flags=re.MULTILINE))
    assert documented == set(docgen.__all__) - {"__version__"}


def test_license_and_changelog() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    license_text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert project["license"] == "MIT" and license_text.startswith("MIT License")
    assert "Copyright (c) 2026 docgen contributors" in license_text
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "## [Unreleased]" in changelog and "keepachangelog.com" in changelog


def test_the_extras_keep_tools_apart_from_what_docgen_imports() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert set(project["optional-dependencies"]) == {"test", "lint", "docs", "browser", "subdoc", "serve"}
    runtime = " ".join(project["dependencies"])
    for tool in ("pytest", "ruff", "mypy", "mkdocs", "selenium", "hatchling"):
        assert tool not in runtime
    constraints = (ROOT / "constraints.txt").read_text(encoding="utf-8")
    for name in ("docxtpl==", "PyYAML==", "click==", "mkdocs==", "selenium=="):
        assert name.lower() in constraints.lower(), name
