"""docgen import on the command line: the review, the written plan, refusals and clear messages."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import docgen
from docgen.cli import main
from docgen.errors import WordFileError
from tests.support.import_shapes import reading_month, safety_notice
from tests.support.word_files import similarity, visible_text


def invoke(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), prog_name="docgen")


@pytest.fixture
def notice_docx(tmp_path: Path) -> Path:
    path = tmp_path / "安全宣传月.docx"
    safety_notice()[0].save(str(path))
    return path


def test_import_writes_the_plan_beside_the_file_and_prints_the_review(notice_docx: Path) -> None:
    result = invoke("import", str(notice_docx))
    assert result.exit_code == 0, result.output
    plan = notice_docx.with_suffix(".yaml")
    assert docgen.check_plan(plan).errors == []
    lines = result.stdout.splitlines()
    assert lines[-1] == f"wrote {plan}"
    assert f"{notice_docx}: note: paragraph 3 (为进一步增强师生安全意识,提高自我防范能力,根据…):" in result.stdout
    assert "half-width , between Chinese characters made full-width" in result.stdout
    assert f"{notice_docx}: edit: no school named in the title" in result.stdout


def test_import_does_not_overwrite_without_force(notice_docx: Path, tmp_path: Path) -> None:
    target = tmp_path / "mine.yaml"
    target.write_text("# mine\n", encoding="utf-8")
    refused = invoke("import", str(notice_docx), "-o", str(target))
    assert refused.exit_code == 1
    assert "the file already exists (use --force to overwrite it)" in refused.stderr
    assert target.read_text(encoding="utf-8") == "# mine\n"
    forced = invoke("import", str(notice_docx), "-o", str(target), "--force")
    assert forced.exit_code == 0, forced.output
    assert "campaign: 安全宣传月" in target.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["去年的方案.doc", "去年的方案.wps"])
def test_an_old_word_or_wps_file_is_asked_to_be_saved_as_docx(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 512)
    result = invoke("import", str(path))
    assert result.exit_code == 1
    suffix = Path(name).suffix
    assert f"{path}: a {suffix} file cannot be read; docgen reads .docx files" in result.stderr
    assert "save it as .docx" in result.stderr
    assert "Traceback" not in result.output
    assert not path.with_suffix(".yaml").exists()


def test_a_doc_renamed_to_docx_is_recognised(tmp_path: Path) -> None:
    path = tmp_path / "方案.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 512)
    with pytest.raises(WordFileError) as caught:
        docgen.import_plan(path)
    assert caught.value.problems[0].code == "import-old-format"


@pytest.mark.parametrize(
    ("content", "detail"),
    [
        (b"just some text", "not a zip package"),
        (b"PK\x03\x04broken", "File is not a zip file"),
        ("zip-without-document", "no word/document.xml"),
        ("bad-xml", "word/document.xml"),
    ],
)
def test_a_damaged_file_gets_a_clear_message(tmp_path: Path, content: bytes | str, detail: str) -> None:
    path = tmp_path / "损坏.docx"
    if content == "zip-without-document":
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("[Content_Types].xml", "<Types/>")
    elif content == "bad-xml":
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("word/document.xml", "<w:document><w:body>")
        detail = "the file is damaged"
    else:
        assert isinstance(content, bytes)
        path.write_bytes(content)
    result = invoke("import", str(path))
    assert result.exit_code == 1
    assert f"{path}: the file is damaged or is not a Word document (.docx)" in result.stderr
    assert detail in result.stderr
    assert "open it in Word or WPS and save it as .docx again" in result.stderr
    assert "Traceback" not in result.output


def test_a_missing_file_and_a_folder(tmp_path: Path) -> None:
    missing = invoke("import", str(tmp_path / "没有.docx"))
    assert missing.exit_code == 1 and "file not found" in missing.stderr
    folder = invoke("import", str(tmp_path))
    assert folder.exit_code == 1 and "this is a folder, not a file" in folder.stderr


def test_python_m_docgen_import_in_chinese(tmp_path: Path) -> None:
    source = tmp_path / "读书月.docx"
    reading_month().save(str(source))
    done = subprocess.run(
        [sys.executable, "-m", "docgen", "import", str(source), "-o", str(tmp_path / "读书月.yaml")],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        cwd=tmp_path,
        env={**os.environ, "PYTHONIOENCODING": "utf-8", "DOCGEN_LANG": "zh_CN"},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "第 13 段（三、奖项设置）：作为方案自己的一部分保留，文字照原文" in done.stdout
    assert "活动时间 2023年4月1日 至 2023年4月30日 取自开头一段" in done.stdout
    plan = tmp_path / "读书月.yaml"
    assert docgen.check_plan(plan).errors == []


@pytest.mark.office
def test_a_file_saved_by_libreoffice_imports_as_well(seed_text: str, tmp_path: Path) -> None:
    from tests.support.word_files import seed_document

    if shutil.which("soffice") is None and os.environ.get("CI") != "true":
        pytest.skip("LibreOffice is not installed")
    original = tmp_path / "word" / "方案.docx"
    original.parent.mkdir()
    seed_document(seed_text).save(str(original))
    saved = tmp_path / "office"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "docx",
            "--outdir",
            str(saved),
            str(original),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    source = saved / "方案.docx"
    text, _ = docgen.import_plan(source)
    plan = tmp_path / "plan.yaml"
    plan.write_text(text, encoding="utf-8")
    assert docgen.check_plan(plan).errors == []
    loaded = docgen.load_plan(plan)
    assert (len(loaded.tasks), len(loaded.requirements)) == (7, 5)
    notice = next(p for p in docgen.render(plan, tmp_path / "out", only="notice") if p.suffix == ".docx")
    assert similarity(visible_text(source), visible_text(notice)) >= 0.95


@pytest.mark.office
def test_automatic_numbering_saved_by_libreoffice_is_read_as_numbers(tmp_path: Path) -> None:
    if shutil.which("soffice") is None and os.environ.get("CI") != "true":
        pytest.skip("LibreOffice is not installed")
    document, numbers = safety_notice()
    original = tmp_path / "word" / "通知.docx"
    original.parent.mkdir()
    document.save(str(original))
    subprocess.run(
        ["soffice", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless", "--convert-to", "docx",
         "--outdir", str(tmp_path / "office"), str(original)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    source = tmp_path / "office" / "通知.docx"
    text, _ = docgen.import_plan(source)
    plan = tmp_path / "plan.yaml"
    plan.write_text(text, encoding="utf-8")
    loaded = docgen.load_plan(plan)
    assert [s.heading or s.use for s in loaded.notice_sections()] == [
        "组织领导",
        "time",
        "活动内容",
        "requirements",
    ]
    assert len(loaded.tasks) == 3 and len(loaded.requirements) == 2
    notice = next(p for p in docgen.render(plan, tmp_path / "out", only="notice") if p.suffix == ".docx")
    assert similarity(visible_text(source, numbers), visible_text(notice)) >= 0.95
