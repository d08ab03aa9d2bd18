"""``docgen doctor``: this machine, a machine without LibreOffice, and fonts that stand in or are missing."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import docgen
from docgen.cli import main
from docgen.office import font_check
from docgen.office.convert import fontconfig_file
from docgen.office.doctor import Readiness, doctor
from docgen.office.font_check import FaceStatus, font_checks
from docgen.office.programs import office_locations
from tests.support.office import require_office_tools
from tests.support.paths import ROOT, SHIPPED_PLAN


def font_file(family: str) -> Path:
    """The file of an installed face, as the system's fontconfig finds it (skipped where it is not, but in CI)."""
    require_office_tools(("fc-match",))
    found = subprocess.run(
        ["fc-match", "-f", "%{family[0]}\n%{file}", family], capture_output=True, text=True, check=True
    ).stdout.split("\n")
    if found[0] != family and os.environ.get("CI") != "true":
        pytest.skip(f"{family} is not installed")
    assert found[0] == family, f"{family} must be installed in CI (.ci/run)"
    return Path(found[1])


def machine_with(tmp_path: Path, *faces: str) -> Path:
    """A fontconfig file with docgen's aliases and only these faces installed: another machine's fonts."""
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    for face in faces:
        source = font_file(face)
        (fonts / source.name).symlink_to(source)
    system = '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
    text = fontconfig_file().read_text(encoding="utf-8")
    assert system in text
    config = tmp_path / "fonts.conf"
    config.write_text(text.replace(system, f"<dir>{fonts}</dir><cachedir>{tmp_path / 'cache'}</cachedir>"), "utf-8")
    return config


def doctor_in(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "docgen", "doctor", *args]
    return subprocess.run(command, capture_output=True, text=True, env=env, check=False, timeout=120)


def test_this_machine_has_what_docgen_needs(tmp_path: Path) -> None:
    require_office_tools(("soffice", "pdftoppm", "fc-match"))
    report = docgen.doctor(tmp_path)
    assert report.ready, report.missing
    codes = [check.code for check in report.checks]
    assert codes[:2] == ["machine-python", "machine-office"]
    fonts = {check.params["family"]: check.params["face"] for check in report.checks if check.code == "machine-font"}
    assert fonts == {
        "仿宋_GB2312": "Noto Serif CJK SC",
        "方正小标宋简体": "Noto Serif CJK SC",
        "黑体": "Noto Sans CJK SC",
        "楷体_GB2312": "LXGW WenKai",
        "宋体": "Noto Serif CJK SC",
        "Times New Roman": "Liberation Serif",
    }
    result = CliRunner().invoke(main, ["doctor", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[1].startswith("ok         LibreOffice: ")
    assert "ok         楷体_GB2312 (（一） headings): LXGW WenKai" in result.output
    assert result.output.endswith("everything docgen needs is here\n")


def test_without_libreoffice_it_says_what_to_install_and_exits_1(tmp_path: Path) -> None:
    empty = tmp_path / "bin"
    empty.mkdir()
    result = doctor_in({"PATH": str(empty), "PYTHONPATH": str(ROOT), "HOME": str(tmp_path)}, "-o", str(tmp_path))
    assert result.returncode == 1, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert "not found  LibreOffice is missing: PDF output (render --pdf), previews and the print file need it" in lines
    after = lines[lines.index(next(line for line in lines if "LibreOffice is missing" in line)) + 1]
    assert after.strip() == "Debian/Ubuntu: sudo apt-get install libreoffice-writer-nogui"
    assert any("Windows: winget install TheDocumentFoundation.LibreOffice" in line for line in lines)
    assert any("macOS: brew install --cask libreoffice" in line for line in lines)
    assert lines[-1] == "missing: LibreOffice (install as shown above, then run docgen doctor again)"


def test_render_pdf_without_libreoffice_points_to_doctor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    result = CliRunner().invoke(main, ["render", str(SHIPPED_PLAN), "-o", str(tmp_path / "out"), "--pdf"])
    assert result.exit_code == 1, result.output
    assert "LibreOffice (soffice) is not installed or not found" in result.stderr
    assert "'docgen doctor' says how to install it here" in result.stderr


def test_ukai_standing_in_for_wenkai_is_a_warning(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = machine_with(tmp_path, "AR PL UKai CN", "Noto Serif CJK SC", "Noto Sans CJK SC", "Liberation Serif")
    checks = {check.need.family: check for check in font_checks(config)}
    assert (checks["楷体_GB2312"].status, checks["楷体_GB2312"].face) == (FaceStatus.STAND_IN, "AR PL UKai CN")
    assert checks["仿宋_GB2312"].status is FaceStatus.MEANT
    monkeypatch.setattr(font_check, "fontconfig_file", lambda: config)
    result = CliRunner().invoke(main, ["doctor", "-o", str(tmp_path)])
    kai = next(line for line in result.output.splitlines() if "楷体_GB2312" in line)
    assert kai == (
        "warning    楷体_GB2312 (（一） headings): drawn in AR PL UKai CN, standing in for LXGW WenKai:"
        " its full-width marks (，。) sit centred, as in traditional Chinese"
    )
    assert "Debian/Ubuntu: sudo apt-get install fonts-lxgw-wenkai" in result.output
    assert "macOS: brew install --cask font-lxgw-wenkai" in result.output
    if shutil.which("soffice"):
        assert result.exit_code == 0, result.output  # a stand-in is a warning


def test_render_pdf_warns_of_a_stand_in_face(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    require_office_tools()
    config = machine_with(tmp_path, "AR PL UKai CN", "Noto Serif CJK SC", "Noto Sans CJK SC", "Liberation Serif")
    monkeypatch.setattr(font_check, "fontconfig_file", lambda: config)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["render", str(SHIPPED_PLAN), "-o", str(out), "--only", "letter", "--pdf"])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        "warning: 楷体_GB2312 (（一） headings): drawn in AR PL UKai CN, standing in for LXGW WenKai: its full-width"
        " marks (，。) sit centred, as in traditional Chinese ('docgen doctor' says how to install the face)"
    ]
    assert list(out.glob("*.pdf"))


def test_a_font_with_no_chinese_face_is_missing(tmp_path: Path) -> None:
    config = machine_with(tmp_path, "DejaVu Sans")
    report = doctor(tmp_path, fontconfig=config)
    missing = {check.params["family"] for check in report.missing if check.code == "machine-font-missing"}
    assert missing == {"仿宋_GB2312", "方正小标宋简体", "黑体", "楷体_GB2312", "宋体"}
    fangsong = next(check for check in report.missing if check.params.get("family") == "仿宋_GB2312")
    assert fangsong.install["debian"] == "sudo apt-get install fonts-noto-cjk"
    latin = next(check for check in report.checks if check.params.get("family") == "Times New Roman")
    assert latin.readiness is Readiness.WARNING  # DejaVu writes Latin letters, in another shape


def test_the_chinese_lines(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = machine_with(tmp_path, "AR PL UKai CN", "Noto Serif CJK SC", "Noto Sans CJK SC", "Liberation Serif")
    monkeypatch.setattr(font_check, "fontconfig_file", lambda: config)
    result = CliRunner().invoke(main, ["--lang", "zh_CN", "doctor", "-o", str(tmp_path)])
    kai = next(line for line in result.output.splitlines() if "楷体_GB2312" in line)
    assert kai.startswith("警告") and "AR PL UKai CN" in kai and "{" not in result.output


def test_an_output_folder_that_cannot_be_made_is_missing(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    [output] = [check for check in doctor(blocker / "out").checks if check.code.startswith("machine-output")]
    assert (output.code, output.readiness) == ("machine-output-unwritable", Readiness.MISSING)
    assert doctor(tmp_path / "new" / "out").checks[-1].code == "machine-output"
    assert not (tmp_path / "new").exists(), "doctor makes no folder"


def test_libreoffice_off_path_is_looked_for_where_installers_put_it() -> None:
    environ = {"ProgramFiles": r"C:\Program Files", "ProgramFiles(x86)": r"C:\Program Files (x86)"}
    assert [str(p) for p in office_locations("win32", environ, [r"D:\Apps\LibreOffice\program"])] == [
        r"D:\Apps\LibreOffice\program\soffice.exe",
        r"C:\Program Files\LibreOffice\program\soffice.exe",
        r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
    ]
    assert office_locations("darwin", {"HOME": "/Users/li"}) == [
        Path("/Applications/LibreOffice.app/Contents/MacOS/soffice"),
        Path("/Users/li/Applications/LibreOffice.app/Contents/MacOS/soffice"),
    ]


def test_an_office_whose_version_cannot_be_read_is_a_warning(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # a launcher on PATH with no installation beside it, as a snap or flatpak puts there
    launcher = tmp_path / "bin" / "soffice"
    launcher.parent.mkdir()
    launcher.write_text("#!/bin/sh\necho 'LibreOffice 24.8.4.2 bb3cfa12c7b1bf994ecc5649a80400d06cd71002'\n")
    launcher.chmod(0o755)
    monkeypatch.setenv("PATH", f"{launcher.parent}{os.pathsep}{os.environ['PATH']}")
    report = docgen.doctor(tmp_path)
    [office] = [check for check in report.checks if check.code.startswith("machine-office")]
    assert office.code == "machine-office-self-tests"
    assert office.readiness is Readiness.WARNING
    assert office.params == {
        "path": str(launcher),
        "version": "LibreOffice 24.8.4.2 bb3cfa12c7b1bf994ecc5649a80400d06cd71002",
    }
    result = CliRunner().invoke(main, ["doctor", "-o", str(tmp_path)])
    line = next(line for line in result.output.splitlines() if "LibreOffice: " in line)
    assert line.startswith("warning    LibreOffice: ") and "runs its graphics self-tests first" in line
    assert line.endswith(
        "(the PDFs are the same; LibreOffice from the system's packages or from libreoffice.org is read)"
    )
    chinese = CliRunner().invoke(main, ["--lang", "zh_CN", "doctor", "-o", str(tmp_path)])
    assert "无法从其安装文件读出版本号，docgen 每次启动 LibreOffice 都要先运行其图形自检" in chinese.output
