"""The throw-away profile docgen starts LibreOffice with: it knows the installed version, so no self-tests run.

Without ``ooSetupLastVersion`` every headless start counts as the first after an upgrade and
LibreOffice runs its graphics self-tests (a log in the profile is their trace); docgen's
profile records the version, read from the installation's files.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

import docgen
from docgen.office import convert, programs
from docgen.office.programs import find_office, office_version
from tests.support.office import require_office_tools
from tests.support.paths import SHIPPED_PLAN

SELF_TEST_LOG = Path("user") / "GraphicsRenderTests.log"  # LibreOffice writes it when its self-tests ran
_DEFAULTS = '<prop oor:name="ooSetupVersion">\n        <value>{}</value>\n      </prop>'


def _installation(root: Path, program: str, defaults: str, version: str) -> Path:
    """A fake LibreOffice: its ``soffice`` at ``program`` and its defaults at ``defaults`` (both under ``root``)."""
    soffice = root / program
    soffice.parent.mkdir(parents=True)
    soffice.write_text("#!/bin/sh\n")
    registry = root / defaults
    registry.parent.mkdir(parents=True)
    registry.write_text(f"<oor:data>{_DEFAULTS.format(version)}</oor:data>", encoding="utf-8")
    return soffice


def test_the_version_is_read_from_a_linux_windows_or_macos_installation(tmp_path: Path) -> None:
    linux = _installation(tmp_path / "opt", "program/soffice", "share/registry/main.xcd", "24.8")
    macos = _installation(tmp_path / "app", "Contents/MacOS/soffice", "Contents/Resources/registry/main.xcd", "7.6")
    assert office_version(str(linux)) == "24.8"
    assert office_version(str(macos)) == "7.6"
    link = tmp_path / "bin" / "soffice"  # /usr/bin/soffice is a link into the program folder
    link.parent.mkdir()
    link.symlink_to(linux)
    assert office_version(str(link)) == "24.8"


def test_an_installation_whose_version_cannot_be_read_gets_none(tmp_path: Path) -> None:
    launcher = tmp_path / "snap" / "libreoffice"
    launcher.parent.mkdir()
    launcher.write_text("#!/bin/sh\n")
    assert office_version(str(launcher)) is None
    odd = _installation(tmp_path / "odd", "program/soffice", "share/registry/main.xcd", "unknown")
    assert office_version(str(odd)) is None


def test_defaults_that_are_no_regular_file_of_a_readable_size_give_none_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(programs, "_DEFAULTS_LIMIT", 4096)
    soffice = _installation(tmp_path / "big", "program/soffice", "share/registry/main.xcd", "24.8")
    defaults = tmp_path / "big" / "share" / "registry" / "main.xcd"
    assert office_version(str(soffice)) == "24.8"
    defaults.write_text(f"<oor:data>{' ' * 4096}{_DEFAULTS.format('24.8')}</oor:data>", encoding="utf-8")
    office_version.cache_clear()
    assert office_version(str(soffice)) is None  # larger than any main.xcd is read
    defaults.unlink()
    os.mkfifo(defaults)  # reading would wait for a writer forever
    office_version.cache_clear()
    assert office_version(str(soffice)) is None
    defaults.unlink()
    defaults.symlink_to("/dev/zero")  # reading would never end
    office_version.cache_clear()
    assert office_version(str(soffice)) is None


def test_the_profile_records_the_version_only_where_it_is_known(tmp_path: Path) -> None:
    office = _installation(tmp_path / "opt", "program/soffice", "share/registry/main.xcd", "24.8")
    convert.new_profile(tmp_path / "known", str(office))
    convert.new_profile(tmp_path / "unknown", str(tmp_path / "nowhere" / "soffice"))
    known = (tmp_path / "known" / "user" / "registrymodifications.xcu").read_text(encoding="utf-8")
    unknown = (tmp_path / "unknown" / "user" / "registrymodifications.xcu").read_text(encoding="utf-8")
    assert '<prop oor:name="ooSetupLastVersion" oor:op="fuse"><value>24.8</value>' in known
    assert "ooSetupLastVersion" not in unknown
    for settings in (known, unknown):  # offline either way
        assert '<prop oor:name="ooInetProxyType" oor:op="fuse"><value>1</value>' in settings


@pytest.mark.office
def test_the_installed_version_is_the_one_libreoffice_reports() -> None:
    require_office_tools(("soffice",))
    reported = subprocess.run([find_office(), "--version"], capture_output=True, text=True, timeout=120).stdout
    found = re.search(r"(\d+)\.(\d+)\.\d", reported)
    assert found is not None, reported
    assert office_version(find_office()) == f"{found.group(1)}.{found.group(2)}"


def _convert_with_profile(tmp_path: Path, name: str) -> Path:
    """Convert the shipped letter with a profile of docgen's at ``tmp_path/name``; the profile."""
    documents = tmp_path / "documents"
    if not documents.exists():
        docgen.render(SHIPPED_PLAN, documents, only="letter")
    [letter] = documents.glob("*.docx")
    office = find_office()
    profile = tmp_path / name
    convert.new_profile(profile, office)
    command = convert._command(office, profile, tmp_path / f"{name}-pdf", [letter])
    subprocess.run(command, env=convert.office_environment(), capture_output=True, timeout=300, check=True)
    assert (tmp_path / f"{name}-pdf" / f"{letter.stem}.pdf").stat().st_size > 0
    return profile


@pytest.mark.office
def test_libreoffice_started_with_docgens_profile_skips_its_self_tests(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    require_office_tools(("soffice",))
    assert not (_convert_with_profile(tmp_path, "docgen") / SELF_TEST_LOG).exists()
    # the same start with the version unknown runs them: the log is what tells
    monkeypatch.setattr(convert, "office_version", lambda office: None)
    assert (_convert_with_profile(tmp_path, "unknown") / SELF_TEST_LOG).is_file()
