"""Hostile returns folders: names that are no UTF-8, runaway folders, bad and too many pictures.

Each shape is made by the test in ``tmp_path`` as a Windows zip or a careless copy leaves it:
a GBK file and folder name, 20,001 files in one folder, 1,500 nested folders, a report whose
picture is garbage, a report with more pictures than a 简报 takes.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import shutil
import subprocess
import sys
import warnings
import zipfile
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner, Result
from PIL import Image

from docgen.cli import main
from docgen.collecting.reports import MAX_PICTURES, read_material
from docgen.errors import FormError
from docgen.inputs.pictures import scale_picture
from docgen.plan.files import resolved_plan
from docgen.plan.model import Plan
from docgen.tracking.folders import init_returns
from docgen.tracking.returns import MAX_DEPTH, MAX_FILES, folder_files
from tests.support.paths import SHIPPED_PLAN
from tests.support.report_samples import WEEK_1, photo, word_report
from tests.support.returns_folder import SCHEDULE, touch

MAY_3 = dt.date(2019, 5, 3)


@pytest.fixture(scope="module")
def plan() -> Plan:
    return resolved_plan(SHIPPED_PLAN)


@pytest.fixture
def returns(plan: Plan, tmp_path: Path) -> Path:
    root = tmp_path / "回收"
    init_returns(plan, root)
    return root


def invoke(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args], prog_name="docgen")


def docgen_process(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """docgen as a person runs it: its own process, its output read as UTF-8 with nothing replaced."""
    command = shutil.which("docgen", path=str(Path(sys.executable).parent))
    assert command is not None
    environment = {**os.environ, "PYTHONIOENCODING": "utf-8:strict", "LC_ALL": "C.UTF-8"}
    return subprocess.run(
        [command, *map(str, args)], capture_output=True, text=True, encoding="utf-8", env=environment, check=False
    )


def gbk(root: Path, relative: str) -> Path:
    """``root/relative`` as a Windows zip names it: the name in GBK bytes, which are no UTF-8."""
    return Path(os.fsdecode(os.fsencode(root) + b"/" + relative.encode("gbk")))


# ---------------------------------------------------------------------------------------------
# Names that are no UTF-8


def test_gbk_names_are_counted_and_shown_with_replacement_characters(returns: Path, tmp_path: Path) -> None:
    report = gbk(returns / WEEK_1, "教务处-开放日.docx")
    word_report(report, dt.date(2019, 4, 30), "教务处", "教务处开放日", ["本周开展了开放日活动。"], [])
    folder = gbk(returns / WEEK_1, "团委")
    touch(folder / "团委-活动照片.jpg", dt.date(2019, 4, 30), photo(80, 60, (20, 90, 200)))
    touch(gbk(returns / SCHEDULE, "无名的表.pdf"), dt.date(2019, 5, 8))
    out = tmp_path / "out"

    status = docgen_process("status", SHIPPED_PLAN, "--returns", returns, "--on", "2019-05-10", "-o", out)
    assert status.returncode == 0, status.stderr
    assert "Traceback" not in status.stderr
    assert "\ufffd" in status.stdout  # the GBK names, shown, not crashed on
    page = (out / "status.html").read_text(encoding="utf-8")
    assert "\ufffd" in page
    assert "报送本周活动开展情况 第1周（4月28日至5月1日）: " in status.stdout

    digest = docgen_process(
        "digest", SHIPPED_PLAN, "--returns", returns, "--week", "1", "--date", "2019-05-03", "-o", out
    )
    assert digest.returncode == 0, digest.stderr
    assert "第1期 (week 1): 2 reports" in digest.stdout  # 教务处 by its first line, 团委 by its folder

    summary = docgen_process("summary", SHIPPED_PLAN, "--returns", returns, "--on", "2019-05-30", "-o", out)
    assert summary.returncode == 0, summary.stderr
    sources = (out / "总结" / "活动总结-数据来源.txt").read_text(encoding="utf-8")
    assert "\ufffd" in sources


def test_a_gbk_name_survives_the_record_and_a_second_run(plan: Plan, returns: Path, tmp_path: Path) -> None:
    from docgen.tracking.status import track_returns

    touch(gbk(returns / SCHEDULE, "教务处.pdf"), dt.date(2019, 5, 8))
    first = track_returns(plan, returns, dt.date(2019, 5, 10), "schedule")
    second = track_returns(plan, returns, dt.date(2019, 5, 10), "schedule")  # read back from the record
    assert [f.shown for f in first.files] == [f.shown for f in second.files]
    assert first.files[0].path.exists() and "\ufffd" in first.files[0].shown


# ---------------------------------------------------------------------------------------------
# Runaway folders: said so, never a silent cut


def test_a_folder_with_more_files_than_the_bound_is_refused_not_half_counted(returns: Path, tmp_path: Path) -> None:
    crowded = returns / SCHEDULE / "解压的相册"
    crowded.mkdir()
    for number in range(MAX_FILES + 1):
        (crowded / f"IMG_{number:05d}.jpg").touch()
    result = invoke("status", SHIPPED_PLAN, "--returns", returns, "--on", "2019-05-10", "-o", tmp_path / "out")
    assert result.exit_code == 1, result.output
    assert f"{crowded}: more than {MAX_FILES} files here in the returns folder" in result.stderr
    assert not (tmp_path / "out").exists()  # no reminder to anyone


def test_many_files_spread_over_folders_are_refused_too(returns: Path) -> None:
    half = MAX_FILES // 2 + 1
    for folder in ("甲", "乙"):
        (returns / SCHEDULE / folder).mkdir()
        for number in range(half):
            (returns / SCHEDULE / folder / f"{number}.txt").touch()
    with pytest.raises(FormError) as caught:
        folder_files(returns)
    assert [p.code for p in caught.value.problems] == ["returns-too-many-files"]


def _nested(folder: Path, levels: int) -> Iterator[None]:
    """``levels`` folders ``d/d/…`` in ``folder``, a file at the bottom; removed again level by level.

    Each level is made from the one before (a path of 1,500 levels is past what one call takes),
    and removed the same way: pytest's clean-up of old temporary folders recurses and would fail.
    """
    here = Path.cwd()
    os.chdir(folder)
    try:
        for _ in range(levels):
            Path("d").mkdir()
            os.chdir("d")
        Path("教务处.pdf").touch()
    finally:
        os.chdir(here)
    try:
        yield
    finally:
        os.chdir(folder)
        made = 0
        while Path("d").is_dir():
            os.chdir("d")
            made += 1
        with contextlib.suppress(FileNotFoundError):
            Path("教务处.pdf").unlink()
        for _ in range(made):
            os.chdir("..")
            Path("d").rmdir()
        os.chdir(here)


def test_folders_nested_1500_deep_are_refused_without_a_recursion_error(returns: Path, tmp_path: Path) -> None:
    with contextlib.contextmanager(_nested)(returns / SCHEDULE, 1500):
        result = invoke("status", SHIPPED_PLAN, "--returns", returns, "--on", "2019-05-10", "-o", tmp_path / "out")
    assert result.exit_code == 1, result.output
    assert f"more than {MAX_DEPTH} folders deep in the returns folder" in result.stderr
    assert "RecursionError" not in result.output and "Traceback" not in result.output
    assert not (returns / SCHEDULE / "d").exists()


# ---------------------------------------------------------------------------------------------
# Pictures inside a unit's report


def _with_bad_picture(path: Path) -> Path:
    """A Word report whose picture's bytes are garbage, as a broken zip tool leaves it."""
    word_report(
        path,
        dt.date(2019, 4, 30),
        "教务处",
        "教务处开放日",
        ["本周开展了开放日活动。"],
        [(photo(40, 30, (9, 9, 9)), "图1")],
    )
    with zipfile.ZipFile(path) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    for name in parts:
        if name.startswith("word/media/"):
            parts[name] = b"\xff\xd8\xff garbage, no JPEG"
    with zipfile.ZipFile(path, "w") as package:
        for name, data in parts.items():
            package.writestr(name, data)
    return touch(path, dt.date(2019, 4, 30))


def test_a_bad_picture_inside_a_report_is_named_with_its_report(returns: Path, tmp_path: Path) -> None:
    _with_bad_picture(returns / WEEK_1 / "教务处-开放日.docx")
    args = ["digest", SHIPPED_PLAN, "--returns", returns, "--week", "1", "--date", "2019-05-03"]
    result = invoke(*args, "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stderr.splitlines() if "the picture cannot be read" in line]
    assert lines and all("教务处-开放日.docx (image1.jpg)" in line for line in lines), result.stderr


def _palette_with_byte_transparency() -> bytes:
    """A palette PNG whose transparency is bytes: Pillow warns (UserWarning) when it converts one."""
    picture = Image.new("P", (30, 20), 1)
    picture.putpalette([0, 0, 0, 250, 0, 0] * 128)
    buffer = io.BytesIO()
    picture.save(buffer, "PNG", transparency=b"\x00\x80" + b"\xff" * 254)
    return buffer.getvalue()


def test_pillows_own_warnings_do_not_reach_the_user() -> None:
    data = _palette_with_byte_transparency()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        Image.open(io.BytesIO(data)).convert("RGB")  # the shape really makes Pillow warn
    assert any(issubclass(w.category, UserWarning) for w in caught)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # any warning fails the test
        scaled = scale_picture(data, 100, 100)
    assert (scaled.width, scaled.height) == (30, 20)


def test_no_pillow_warning_with_a_site_packages_path_in_the_digests_output(returns: Path, tmp_path: Path) -> None:
    touch(returns / WEEK_1 / "教务处-开放日.png", dt.date(2019, 4, 30), _palette_with_byte_transparency())
    args = ["digest", SHIPPED_PLAN, "--returns", returns, "--week", "1", "--date", "2019-05-03", "-o", tmp_path]
    result = docgen_process(*args)
    assert result.returncode == 0, result.stderr
    assert "site-packages" not in result.stderr and "Warning" not in result.stderr, result.stderr


def test_a_report_with_more_pictures_than_a_digest_takes_says_how_many_were_left_out(tmp_path: Path) -> None:
    path = tmp_path / "教务处-开放日.docx"
    document = docx.Document()
    document.add_paragraph("教务处开放日")
    picture = photo(16, 12, (200, 30, 30))
    for _ in range(MAX_PICTURES + 440):
        document.add_picture(io.BytesIO(picture))
    document.save(str(path))
    material = read_material([path])
    assert len(material.pictures) == MAX_PICTURES
    cut = [p for p in material.problems if p.code == "report-pictures-cut"]
    assert [(p.params["count"], p.file) for p in cut] == [(440, str(path))]
    assert "440 pictures of the report are left out" in str(cut[0])
    counted = read_material([path], counting=True)  # the tally counts them all and says nothing
    assert len(counted.pictures) == MAX_PICTURES + 440
    assert not [p for p in counted.problems if p.code == "report-pictures-cut"]


def test_a_name_with_a_backslash_from_a_windows_zip_is_a_name(plan: Plan, returns: Path) -> None:
    from docgen.tracking.status import track_returns

    touch(returns / SCHEDULE / "回收\\教务处.pdf", dt.date(2019, 5, 8))  # unzip on Linux keeps the backslash
    for _ in range(2):  # the second run reads it back from the record
        report = track_returns(plan, returns, dt.date(2019, 5, 10), "schedule")
        assert [f.shown for f in report.files] == [f"{SCHEDULE}/回收\\教务处.pdf"]
        assert [u.name for u in report.columns[0].received] == ["教务处"]
