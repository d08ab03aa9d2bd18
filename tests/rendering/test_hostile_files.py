"""Inputs that are not files or are bombs, and a commit that decides under the lock: round two of hostile input."""

from __future__ import annotations

import os
import shutil
import signal
import sys
import time
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

import docgen
from docgen.cli import main
from docgen.collecting.forms import collect
from docgen.documents import batch
from docgen.errors import OutputExistsError
from docgen.rendering import outputs, templates
from tests.support.paths import SHIPPED_PLAN, SHIPPED_TEMPLATES

POSIX = pytest.mark.skipif(sys.platform == "win32", reason="FIFOs and /dev/zero are POSIX")
NOTICE = "2019年职业教育宣传月活动方案.docx"


def _templates(tmp_path: Path) -> Path:
    folder = tmp_path / "templates"
    shutil.copytree(SHIPPED_TEMPLATES, folder)
    return folder


def _render_cli(tmp_path: Path, *extra: str) -> tuple[int, str]:
    args = ["render", str(SHIPPED_PLAN), "-o", str(tmp_path / "out"), "--only", "notice", *extra]
    result = CliRunner().invoke(main, args)
    return result.exit_code, result.output


@POSIX
@pytest.mark.parametrize("kind", ["fifo", "dev-zero"])
def test_a_template_that_is_not_a_file_is_refused_at_once(tmp_path: Path, kind: str) -> None:
    folder = _templates(tmp_path)
    notice = folder / "notice.docx"
    notice.unlink()
    if kind == "fifo":
        os.mkfifo(notice)
    else:
        notice.symlink_to("/dev/zero")
    started = time.monotonic()
    code, output = _render_cli(tmp_path, "--templates", str(folder))
    assert time.monotonic() - started < 10
    assert code == 1, output
    what = "a pipe (FIFO)" if kind == "fifo" else "a device"
    assert f"{notice}: this is {what}, not a regular file" in output
    assert "Traceback" not in output


def test_a_zip_bomb_in_a_template_stops_while_it_inflates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(templates, "MAX_MEMBER_BYTES", 1024 * 1024)
    folder = _templates(tmp_path)
    with zipfile.ZipFile(folder / "notice.docx", "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/media/bomb.bin", b"\0" * (8 * 1024 * 1024))
    assert (folder / "notice.docx").stat().st_size < 200_000
    with pytest.raises(docgen.TemplateError) as caught:
        docgen.render(SHIPPED_PLAN, tmp_path / "out", only="notice", templates=folder)
    [problem] = caught.value.problems
    assert (problem.code, problem.file) == ("input-member-too-large", str(folder / "notice.docx"))
    assert "word/media/bomb.bin unpacks to more than 1 MiB" in str(problem)


def test_all_members_together_are_bounded_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(templates, "MAX_UNPACKED_BYTES", 2 * 1024 * 1024)
    folder = _templates(tmp_path)
    with zipfile.ZipFile(folder / "notice.docx", "a", zipfile.ZIP_DEFLATED) as archive:
        for i in range(4):
            archive.writestr(f"word/media/part{i}.bin", b"\0" * (1024 * 1024))
    with pytest.raises(docgen.TemplateError) as caught:
        docgen.render(SHIPPED_PLAN, tmp_path / "out", only="notice", templates=folder)
    assert caught.value.problems[0].code == "input-member-too-large"


@POSIX
@pytest.mark.parametrize("kind", ["fifo", "dev-zero"])
def test_a_plan_that_is_not_a_file_is_refused(tmp_path: Path, kind: str) -> None:
    plan = tmp_path / "plan.yaml"
    os.mkfifo(plan) if kind == "fifo" else plan.symlink_to("/dev/zero")
    result = CliRunner().invoke(main, ["check", str(plan)])
    assert result.exit_code == 1
    assert f"{plan}: this is " in result.output and "not a regular file" in result.output


@POSIX
def test_a_fifo_given_to_collect_is_reported_not_waited_on(tmp_path: Path) -> None:
    form = tmp_path / "form.docx"
    os.mkfifo(form)
    started = time.monotonic()
    collection = collect([form], docgen.load_plan(SHIPPED_PLAN))
    assert time.monotonic() - started < 5
    assert [(p.code, p.file) for p in collection.problems if p.file == str(form)] == [("input-not-file", str(form))]


def test_a_password_protected_form_is_not_called_an_old_doc(tmp_path: Path) -> None:
    form = tmp_path / "form.docx"
    # the compound-file signature, then the name of the stream Word keeps an encrypted package in
    form.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512 + "EncryptedPackage".encode("utf-16-le"))
    collection = collect([form], docgen.load_plan(SHIPPED_PLAN))
    [problem] = [p for p in collection.problems if p.file == str(form)]
    assert problem.code == "form-encrypted"
    assert "password" in str(problem)


@POSIX
@pytest.mark.parametrize("kind", ["fifo", "dev-zero"])
def test_a_hostile_manifest_is_a_clear_error(tmp_path: Path, kind: str) -> None:
    out = tmp_path / "out"
    out.mkdir()
    manifest = out / outputs.MANIFEST
    os.mkfifo(manifest) if kind == "fifo" else manifest.symlink_to("/dev/zero")
    started = time.monotonic()
    code, output = _render_cli(tmp_path)
    assert time.monotonic() - started < 10
    assert code == 1, output
    what = "a pipe (FIFO)" if kind == "fifo" else "a device"
    assert f"{manifest}: docgen's record of its files is {what}, not a regular file" in output
    assert "Traceback" not in output


@POSIX
def test_a_fifo_where_a_document_goes_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    os.mkfifo(out / NOTICE)
    code, output = _render_cli(tmp_path, "--force")
    assert code == 1
    assert "a pipe (FIFO) stands where docgen would write a document; docgen writes only regular files" in output


@pytest.mark.parametrize("dangling", [False, True])
def test_out_given_as_a_link_is_not_written_through(tmp_path: Path, dangling: bool) -> None:
    real = tmp_path / "real"
    if not dangling:
        real.mkdir()
    (tmp_path / "out").symlink_to(real, target_is_directory=True)
    code, output = _render_cli(tmp_path)
    assert code == 1
    assert f"{tmp_path / 'out'} is a symbolic link" in output
    assert "File exists" not in output
    assert not real.exists() or not any(real.iterdir())


def test_a_users_folder_named_like_staging_is_kept(tmp_path: Path) -> None:
    out = tmp_path / "out"
    mine = out / (outputs.STAGING_PREFIX + "notes")
    mine.mkdir(parents=True)
    (mine / "mine.txt").write_text("keep me")
    leftover = out / (outputs.STAGING_PREFIX + "crashed")
    leftover.mkdir()
    (leftover / outputs.STAGING_MARKER).touch()
    docgen.render(SHIPPED_PLAN, out, only="notice")
    assert (mine / "mine.txt").read_text() == "keep me"
    assert not leftover.exists()


def test_a_full_disk_at_the_manifest_leaves_no_stray_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(self: Path, mode: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "chmod", full)
    with pytest.raises(docgen.DocgenError):
        docgen.render(SHIPPED_PLAN, tmp_path / "out", only="notice")
    assert not list((tmp_path / "out").glob(".manifest-*"))


def test_a_file_edited_during_the_render_is_not_replaced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    docgen.render(SHIPPED_PLAN, out, only="notice")
    render_into = batch.render_into

    def user_edits_meanwhile(*args: object, **kwargs: object) -> dict[object, str]:
        (out / NOTICE).write_bytes(b"the user's own edit")
        return render_into(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(batch, "render_into", user_edits_meanwhile)
    with pytest.raises(OutputExistsError) as caught:
        docgen.render(SHIPPED_PLAN, out, only="notice")
    assert [p.code for p in caught.value.problems] == ["output-exists"]
    assert (out / NOTICE).read_bytes() == b"the user's own edit"
    docgen.render(SHIPPED_PLAN, out, only="notice", force=True)
    assert (out / NOTICE).read_bytes() != b"the user's own edit"


def test_ctrl_c_during_the_commit_lets_it_finish_then_stops(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    moves: list[str] = []
    replace = os.replace

    def interrupted(source: str, target: str) -> None:
        if Path(target).is_relative_to(out):  # not docgen's cache, which is written with os.replace too
            if not moves:
                os.kill(os.getpid(), signal.SIGINT)  # Ctrl-C as the commit starts to change OUT
            moves.append(str(target))
        replace(source, target)

    monkeypatch.setattr(outputs.os, "replace", interrupted)
    # Ctrl-C as in a terminal, also where the run was started with SIGINT ignored (a background job)
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        with pytest.raises(KeyboardInterrupt):
            docgen.render(SHIPPED_PLAN, out)
    finally:
        signal.signal(signal.SIGINT, previous)
    written = {str(p) for p in out.rglob("*.docx")}
    assert written == {m for m in moves if m.endswith(".docx")} and len(written) > 5
    manifest = outputs.read_manifest(out)
    assert {str(out / key) for key in manifest} == written


def _add_to_template(
    folder: Path, parts: dict[str, bytes], *, edit: dict[str, tuple[bytes, bytes]] | None = None
) -> None:
    """Rewrite notice.docx with ``parts`` added and each (old, new) of ``edit`` applied to its part."""
    path = folder / "notice.docx"
    with zipfile.ZipFile(path) as archive:
        members = {info.filename: archive.read(info) for info in archive.infolist()}
    for name, (old, new) in (edit or {}).items():
        assert old in members[name]
        members[name] = members[name].replace(old, new, 1)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in {**members, **parts}.items():
            archive.writestr(name, data)


EXTERNAL_IMAGE = (
    b'<Relationship Id="rIdX" TargetMode="External" Target="http://127.0.0.1:9/x.png"'
    b' Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"/></Relationships>'
)


def test_a_template_linking_to_a_remote_picture_is_refused(tmp_path: Path) -> None:
    folder = _templates(tmp_path)
    _add_to_template(folder, {}, edit={"word/_rels/document.xml.rels": (b"</Relationships>", EXTERNAL_IMAGE)})
    with pytest.raises(docgen.TemplateError) as caught:
        docgen.render(
            SHIPPED_PLAN, tmp_path / "out", only="notice", templates=folder, pdf=True
        )  # refused before LibreOffice starts
    [problem] = caught.value.problems
    assert (problem.code, problem.file) == ("template-external", str(folder / "notice.docx"))
    assert "(image: http://127.0.0.1:9/x.png) in word/_rels/document.xml.rels; docgen fetches nothing" in str(problem)
    assert not (tmp_path / "out").exists()


def test_an_external_hyperlink_is_kept(tmp_path: Path) -> None:
    folder = _templates(tmp_path)
    link = EXTERNAL_IMAGE.replace(b"relationships/image", b"relationships/hyperlink")
    _add_to_template(folder, {}, edit={"word/_rels/document.xml.rels": (b"</Relationships>", link)})
    [path] = docgen.render(SHIPPED_PLAN, tmp_path / "out", only="notice", templates=folder)
    with zipfile.ZipFile(path) as archive:
        assert b"http://127.0.0.1:9/x.png" in archive.read("word/_rels/document.xml.rels")


@pytest.mark.parametrize("part", ["word/vbaProject.bin", "word/activeX/activeX1.bin"])
def test_a_template_with_macros_is_refused(tmp_path: Path, part: str) -> None:
    folder = _templates(tmp_path)
    _add_to_template(folder, {part: b"\xd0\xcf\x11\xe0 macro project"})
    with pytest.raises(docgen.TemplateError) as caught:
        docgen.render(SHIPPED_PLAN, tmp_path / "out", only="notice", templates=folder)
    assert [(p.code, p.params["part"]) for p in caught.value.problems] == [("template-macros", part)]


def test_a_macro_enabled_content_type_is_refused_through_the_cli(tmp_path: Path) -> None:
    folder = _templates(tmp_path)
    main_type = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
    _add_to_template(
        folder, {}, edit={"[Content_Types].xml": (main_type, b"application/vnd.ms-word.document.macroEnabled.main+xml")}
    )
    code, output = _render_cli(tmp_path, "--templates", str(folder))
    assert code == 1
    assert "holds macros or ActiveX controls ([Content_Types].xml)" in output
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").rglob("*.docx"))


class _Killed(BaseException):
    """Stands for kill -9 in the middle of the commit: nothing after it runs."""


def _kill_after_first_move(monkeypatch: pytest.MonkeyPatch) -> None:
    replace = os.replace
    moved: list[str] = []

    def dying(source: str, target: str) -> None:
        if str(target).endswith(".docx") and moved:
            raise _Killed
        moved.append(str(target))
        replace(source, target)

    monkeypatch.setattr(outputs.os, "replace", dying)


def test_a_run_stopped_mid_commit_is_told_by_the_next_and_repaired(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    docgen.render(SHIPPED_PLAN, out)
    with monkeypatch.context() as patched:
        _kill_after_first_move(patched)
        with pytest.raises(_Killed):
            docgen.render(SHIPPED_PLAN, out, force=True)
    kinds = ["form", "letter", "notice", "task-sheet", "unit-form"]
    assert outputs.interrupted_kinds(out) == kinds

    result = CliRunner().invoke(main, ["render", str(SHIPPED_PLAN), "-o", str(out), "--only", "notice"])
    assert result.exit_code == 0, result.output
    assert "its form, letter, task-sheet, unit-form documents may mix old and new ones" in result.output
    assert outputs.interrupted_kinds(out) == ["form", "letter", "task-sheet", "unit-form"]

    result = CliRunner().invoke(main, ["render", str(SHIPPED_PLAN), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert f"{out} had been left half-written by a stopped run; it is whole again" in result.output
    assert outputs.interrupted_kinds(out) == []
    assert not (out / outputs.COMMIT_MARKER).exists()


def test_a_clean_run_leaves_no_marker(tmp_path: Path) -> None:
    docgen.render(SHIPPED_PLAN, tmp_path / "out", only="notice")
    assert not (tmp_path / "out" / outputs.COMMIT_MARKER).exists()
