"""docgen preview: page images of the documents, written like every other output."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import docgen
from docgen.cli import main
from docgen.documents.preview import preview
from docgen.office.programs import PACKAGES
from docgen.rendering.outputs import MANIFEST, read_manifest
from tests.support.paths import SHIPPED_PLAN

pytestmark = pytest.mark.office
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(autouse=True)
def office_tools() -> None:
    missing = [t for t in ("soffice", "pdftoppm") if shutil.which(t) is None]
    if missing and os.environ.get("CI") != "true":
        pytest.skip(f"{', '.join(missing)} not installed (apt-get install {PACKAGES})")


def test_one_png_per_page_in_the_documents_folders(tmp_path: Path) -> None:
    images = preview(SHIPPED_PLAN, tmp_path, "letter,task-sheet", unit="保卫处", resolution=30)
    names = sorted(p.relative_to(tmp_path).as_posix() for p in images)
    assert names[0] == "任务单/保卫处-2019年职业教育宣传月任务单-1.png"
    assert "致初中、高中毕业生及家长的一封信-1.png" in names
    assert all(p.read_bytes().startswith(PNG_SIGNATURE) for p in images)
    assert set(read_manifest(tmp_path)) == set(names)
    assert not list(tmp_path.rglob("*.pdf")) and not list(tmp_path.rglob("*.docx"))


def test_own_images_are_replaced_a_users_file_needs_force(tmp_path: Path) -> None:
    runner = CliRunner()
    first = runner.invoke(main, ["preview", str(SHIPPED_PLAN), "--only", "letter", "-o", str(tmp_path)])
    assert first.exit_code == 0, first.output
    again = runner.invoke(main, ["preview", str(SHIPPED_PLAN), "--only", "letter", "-o", str(tmp_path)])
    assert again.exit_code == 0, again.output
    page = tmp_path / "致初中、高中毕业生及家长的一封信-1.png"
    page.write_bytes(b"a picture of my own")
    refused = runner.invoke(main, ["preview", str(SHIPPED_PLAN), "--only", "letter", "-o", str(tmp_path)])
    assert refused.exit_code == 1
    assert "pass --force to replace it" in refused.output
    assert page.read_bytes() == b"a picture of my own"
    forced = runner.invoke(main, ["preview", str(SHIPPED_PLAN), "--only", "letter", "-o", str(tmp_path), "--force"])
    assert forced.exit_code == 0, forced.output
    assert page.read_bytes().startswith(PNG_SIGNATURE)
    assert (tmp_path / MANIFEST).exists()


def test_library_preview_takes_a_loaded_plan(tmp_path: Path) -> None:
    plan = docgen.load_plan(SHIPPED_PLAN)
    images = preview(plan, tmp_path, "form", resolution=20)
    assert [p.name for p in images] == ["2019年职业教育宣传月活动安排-1.png"]  # the form is one page


def test_pages_drawn_in_parallel_are_the_pages_of_one_run(tmp_path: Path) -> None:
    from docgen.office.pages import draw_all, draw_pages, find_pdftoppm

    written = docgen.render(SHIPPED_PLAN, tmp_path / "docs", only="notice", pdf=True, print_file=False)
    (pdf,) = [p for p in written if p.suffix == ".pdf"]
    pdftoppm = find_pdftoppm()
    (tmp_path / "one").mkdir()
    (tmp_path / "parallel").mkdir()
    draw_pages(pdftoppm, pdf, tmp_path / "one" / "p", 20)
    draw_all(pdftoppm, [(pdf, tmp_path / "parallel" / "p")], 20, processes=3)
    one = sorted(p.name for p in (tmp_path / "one").iterdir())
    assert len(one) > 3  # shared out in three page ranges
    assert sorted(p.name for p in (tmp_path / "parallel").iterdir()) == one
    for name in one:
        assert (tmp_path / "parallel" / name).read_bytes() == (tmp_path / "one" / name).read_bytes()


def test_pages_are_the_pixels_pdftoppm_writes_as_png(tmp_path: Path) -> None:
    import subprocess

    from PIL import Image, ImageChops

    from docgen.office.pages import draw_pages, find_pdftoppm

    written = docgen.render(SHIPPED_PLAN, tmp_path / "docs", only="letter", pdf=True, print_file=False)
    (pdf,) = [p for p in written if p.suffix == ".pdf"]
    pdftoppm = find_pdftoppm()
    draw_pages(pdftoppm, pdf, tmp_path / "ours", 60)
    subprocess.run([pdftoppm, "-r", "60", "-png", str(pdf), str(tmp_path / "poppler")], check=True)
    ours = sorted(tmp_path.glob("ours-*.png"))
    assert [p.name.replace("ours", "poppler") for p in ours] == sorted(p.name for p in tmp_path.glob("poppler-*.png"))
    assert not list(tmp_path.glob(".*ppm"))  # the bitmaps are gone
    for page in ours:
        with Image.open(page) as mine, Image.open(str(page).replace("ours", "poppler")) as theirs:
            assert mine.size == theirs.size
            assert ImageChops.difference(mine.convert("RGB"), theirs.convert("RGB")).getbbox() is None
