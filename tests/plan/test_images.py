"""The plan's pictures (``images:``): what ``docgen check`` finds wrong, each at its line, with the fix."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image

import docgen
from docgen.cli import main
from docgen.documents.pictures import picture_context
from docgen.errors import TemplateError
from docgen.inputs import pictures
from tests.support.pictures import logo_png, picture_plan, picture_template, png_claiming

BAD = """
images:
  logo: images/校徽.png
  missing: images/没有.png
  folder: images
  pipe: images/pipe.png
  zero: images/zero.png
  tiff: images/scan.tif
  garbage: images/garbage.png
  bomb: images/bomb.png
  tall: {file: images/tall.png, width_mm: 100}
  blank: {qr: "  "}
  long: {qr: "%s"}
  dense: {qr: "https://zs.example.edu.cn", width_mm: 8}
"""
MISSHAPEN = """
images:
  both: {file: images/校徽.png, qr: "https://zs.example.edu.cn"}
  neither: {width_mm: 30}
  narrow: {file: images/校徽.png, width_mm: 0}
  wide: {file: images/校徽.png, width_mm: 160}
  bad-name: images/校徽.png
  number: 3
"""
EXPECTED = [
    ("images.missing.file", "image-file-missing"),
    ("images.folder.file", "image-not-file"),
    ("images.pipe.file", "image-not-file"),
    ("images.zero.file", "image-not-file"),
    ("images.tiff.file", "image-format"),
    ("images.garbage.file", "image-unknown"),
    ("images.bomb.file", "image-too-many-pixels"),
    ("images.tall.width_mm", "image-too-tall"),
    ("images.blank.qr", "image-qr-empty"),
    ("images.long.qr", "image-qr-too-long"),
    ("images.dense.width_mm", "image-qr-too-small"),
]


@pytest.fixture
def bad_plan(tmp_path: Path) -> Path:
    plan = picture_plan(tmp_path, BAD % ("字" * 1000))
    folder = tmp_path / "images"
    os.mkfifo(folder / "pipe.png")
    (folder / "zero.png").symlink_to("/dev/zero")
    Image.new("RGB", (20, 20)).save(folder / "scan.tif")
    (folder / "garbage.png").write_bytes(b"this is no picture")
    (folder / "bomb.png").write_bytes(png_claiming(100_000, 100_000))
    Image.new("RGB", (100, 300)).save(folder / "tall.png")
    return plan


def test_every_bad_picture_is_an_error_at_its_line(bad_plan: Path) -> None:
    report = docgen.check_plan(bad_plan)
    found = [(p.path, p.code) for p in report.errors]
    assert sorted(found) == sorted(EXPECTED)
    text = bad_plan.read_text(encoding="utf-8").splitlines()
    for problem in report.errors:
        assert problem.line is not None and problem.column is not None
        key = problem.path.split(".")[1] if problem.path else ""
        assert text[problem.line - 1].lstrip().startswith(f"{key}:"), (problem, text[problem.line - 1])
    by_code = {p.code: p for p in report.errors}
    assert by_code["image-file-missing"].params["picture"] == "images/没有.png"
    assert by_code["image-qr-too-long"].params == {"picture": "", "length": 3000, "limit": 2331}
    assert by_code["image-not-file"].params["what"] in ("a folder", "a pipe (FIFO)", "a device")
    assert by_code["image-qr-too-small"].params["minimum"] == 10
    assert by_code["image-format"].params["format"] == "TIFF"


def test_pictures_of_the_wrong_shape_are_schema_errors_at_their_line(tmp_path: Path) -> None:
    plan = picture_plan(tmp_path, MISSHAPEN)
    report = docgen.check_plan(plan)
    assert [(p.path, p.code, p.line) for p in report.errors] == [
        ("images.both", "image-file-or-qr", 16 + _lines_before(plan)),
        ("images.neither", "image-file-or-qr", 17 + _lines_before(plan)),
        ("images.narrow.width_mm", "out-of-range", 18 + _lines_before(plan)),
        ("images.wide.width_mm", "out-of-range", 19 + _lines_before(plan)),
        ("images.bad-name.[key]", "bad-id", 20 + _lines_before(plan)),
        ("images.number", "wrong-type", 21 + _lines_before(plan)),
    ]


def _lines_before(plan: Path) -> int:
    """The plan's lines before the pictures' block, less the 16 that the expected numbers start from."""
    lines = plan.read_text(encoding="utf-8").splitlines()
    return lines.index("images:") + 2 - 16


def test_a_picture_larger_than_the_limit_is_refused_before_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = picture_plan(tmp_path)
    monkeypatch.setattr(pictures, "MAX_PICTURE_BYTES", 100)
    (problem,) = docgen.check_plan(plan).errors
    assert (problem.code, problem.path, problem.params["limit"]) == ("image-file-too-large", "images.logo.file", 0)


def test_check_on_the_command_line_prints_one_line_per_problem_in_either_language(bad_plan: Path) -> None:
    result = CliRunner().invoke(main, ["check", str(bad_plan)])
    assert result.exit_code == 1, result.output
    lines = [line for line in result.output.splitlines() if "images." in line]
    assert len(lines) == len(EXPECTED)
    assert all(line.startswith(f"{bad_plan}:") for line in lines)
    missing = next(line for line in lines if "images.missing.file" in line)
    assert (
        "the picture file 'images/没有.png' does not exist (the path is relative to the plan file's folder" in missing
    )
    chinese = CliRunner().invoke(main, ["--lang", "zh_CN", "check", str(bad_plan)])
    assert "图片“missing”的文件：图片文件“images/没有.png”不存在" in chinese.output


def test_a_plan_without_pictures_gives_templates_an_empty_images(tmp_path: Path) -> None:
    plan = docgen.load_plan(picture_plan(tmp_path, ""))
    assert picture_context(plan, tmp_path) == {"images": {}}


def test_the_context_holds_plain_data_with_full_paths(tmp_path: Path) -> None:
    plan = docgen.load_plan(picture_plan(tmp_path))
    images = picture_context(plan, tmp_path)["images"]
    assert images["logo"] == {
        "name": "logo",
        "file": str(tmp_path / "images" / "校徽.png"),
        "qr": "",
        "width_mm": None,
        "description": "",
    }
    assert images["site"]["qr"] == "https://zs.example.edu.cn" and images["site"]["width_mm"] == 30


def test_render_reports_a_template_placing_a_picture_the_plan_does_not_name(tmp_path: Path) -> None:
    plan = picture_plan(tmp_path)
    picture_template(tmp_path / "templates" / "letter.docx", ["第一段", "{{ image('lgo', width_mm=30) }}"])
    result = CliRunner().invoke(main, ["render", str(plan), "--only", "letter", "-o", str(tmp_path / "out")])
    assert result.exit_code == 1, result.output
    (line,) = result.output.strip().splitlines()
    assert line.startswith(str(tmp_path / "templates" / "letter.docx") + ": body, paragraph 2: ")
    assert "places the picture 'lgo', which the plan's 'images' does not name (did you mean 'logo'?)" in line
    assert not (tmp_path / "out").exists()


def test_render_reports_a_picture_file_gone_since_the_check_at_the_tag(tmp_path: Path) -> None:
    plan = docgen.check_plan(picture_plan(tmp_path))
    picture_template(tmp_path / "templates" / "letter.docx", ["第一段", "{{ image('logo', width_mm=30) }}"])
    (tmp_path / "images" / "校徽.png").unlink()
    with pytest.raises(TemplateError) as caught:
        docgen.render(plan, tmp_path / "out", only=["letter"])
    (problem,) = caught.value.problems
    assert (problem.code, problem.path) == ("image-file-missing", "body, paragraph 2")
    assert not list((tmp_path / "out").rglob("*.docx"))  # all or nothing


def test_a_plan_object_finds_its_pictures_in_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = docgen.load_plan(picture_plan(tmp_path))
    picture_template(tmp_path / "mine" / "letter.docx", ["{{ image('logo', width_mm=30) }}"])
    monkeypatch.chdir(tmp_path)
    (written,) = docgen.render(plan, tmp_path / "out", only=["letter"], templates=tmp_path / "mine")
    assert len(docgen_inline_shapes(written)) == 1
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    with pytest.raises(docgen.DocgenError):
        docgen.render(plan, tmp_path / "out2", only=["letter"], templates=tmp_path / "mine")


def docgen_inline_shapes(path: Path) -> list[object]:
    import docx

    return list(docx.Document(str(path)).inline_shapes)


def test_a_logo_png_placed_as_it_is(tmp_path: Path) -> None:
    (tmp_path / "logo.png").write_bytes(logo_png())
    placed = pictures.read_picture(tmp_path / "logo.png")
    assert placed.data == logo_png() and placed.extension == "png"
    assert round(placed.natural_width_mm) == round(400 / 96 * 25.4)  # no resolution stated: Word's 96 dpi


def test_a_plan_read_from_text_is_not_checked_against_files_beside_the_current_folder(tmp_path: Path) -> None:
    text = picture_plan(tmp_path, "\nimages:\n  missing: images/没有.png\n").read_text(encoding="utf-8")
    rolled, _ = docgen.new_year(text, 2020)  # named "<plan>": its pictures are nowhere to look for
    assert "images/没有.png" in rolled
