"""Built-in templates carry a stamp of their own parts; a project's copy is told apart by it."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from docgen.cli import main
from docgen.errors import Severity
from docgen.rendering import stamps
from docgen.rendering.stamps import Copy, compare_copy, older_copies, parts_digest, read_stamp, stamped
from tests.support.paths import SHIPPED_PLAN, SHIPPED_TEMPLATES, TEMPLATE_NAMES
from tests.support.plans import replace_in_docx
from tests.support.template_copies import EARLIER, edit_keeping_stamp, make_older_build, rewrite_part


@pytest.mark.parametrize("name", TEMPLATE_NAMES)
def test_each_built_in_template_is_stamped_with_its_name_and_its_parts(name: str) -> None:
    with zipfile.ZipFile(SHIPPED_TEMPLATES / name) as archive:
        stamp = read_stamp(archive)
        assert stamp is not None
        assert stamp.name == name
        assert stamp.digest == parts_digest(archive)


def test_stamping_adds_the_comment_alone_and_the_same_every_time() -> None:
    shipped = (SHIPPED_TEMPLATES / "letter.docx").read_bytes()
    buffer = io.BytesIO(shipped)
    with zipfile.ZipFile(buffer, "a") as archive:
        archive.comment = b""
    unstamped = buffer.getvalue()
    assert unstamped != shipped
    assert stamped(unstamped, "letter.docx") == shipped == stamped(shipped, "letter.docx")


def copy_of(name: str, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return Path(shutil.copyfile(SHIPPED_TEMPLATES / name, folder / name))


def test_a_copy_is_current_older_edited_or_the_users_own(tmp_path: Path) -> None:
    builtin = SHIPPED_TEMPLATES / "notice.docx"
    current = copy_of("notice.docx", tmp_path / "current")
    older = copy_of("notice.docx", tmp_path / "older")
    make_older_build(older)
    edited = copy_of("notice.docx", tmp_path / "edited")
    make_older_build(edited)
    edit_keeping_stamp(edited)
    saved_again = copy_of("notice.docx", tmp_path / "saved")
    make_older_build(saved_again)
    replace_in_docx(saved_again, "{{ line }}", "{{ line }}")  # written again by a tool: the zip comment is gone
    not_word = tmp_path / "broken" / "notice.docx"
    not_word.parent.mkdir()
    not_word.write_bytes(b"not a package")
    assert compare_copy(current, builtin) is Copy.CURRENT
    assert compare_copy(older, builtin) is Copy.OLDER
    assert compare_copy(edited, builtin) is Copy.EDITED
    assert compare_copy(saved_again, builtin) is Copy.OWN
    assert compare_copy(not_word, builtin) is Copy.OWN
    assert compare_copy(older, SHIPPED_TEMPLATES / "letter.docx") is Copy.OWN  # stamped as another template


def test_only_the_template_lookup_would_use_is_warned_of(tmp_path: Path) -> None:
    first, second = tmp_path / "first" / "templates", tmp_path / "second" / "templates"
    copy_of("notice.docx", first)
    make_older_build(copy_of("notice.docx", second))
    make_older_build(copy_of("reminder.docx", second))
    warnings = older_copies([first, second, SHIPPED_TEMPLATES])
    assert [(w.code, w.file, w.severity) for w in warnings] == [
        ("template-older-copy", str(second / "reminder.docx"), Severity.WARNING)
    ]
    assert warnings[0].params["command"] == f"docgen init {tmp_path / 'second'} --update-templates"


def test_an_older_copy_outside_a_templates_folder_is_told_where_the_new_one_is(tmp_path: Path) -> None:
    make_older_build(copy_of("form.docx", tmp_path / "mine"))
    (warning,) = older_copies([tmp_path / "mine"])
    assert warning.code == "template-older-copy-elsewhere"
    assert warning.params["builtin"] == str(SHIPPED_TEMPLATES / "form.docx")


def test_the_stamp_is_not_carried_into_rendered_documents(tmp_path: Path) -> None:
    """Rendered with the stamped templates or with the same parts unstamped, the documents are the same bytes."""
    unstamped = tmp_path / "unstamped"
    for name in ("notice.docx", "letter.docx"):
        with zipfile.ZipFile(copy_of(name, unstamped), "a") as archive:
            archive.comment = b""
    made = {}
    for label, folder in (("stamped", SHIPPED_TEMPLATES), ("unstamped", unstamped)):
        out = tmp_path / label / "out"
        args = ["render", str(SHIPPED_PLAN), "--only", "notice,letter", "--templates", str(folder), "-o", str(out)]
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0, result.output
        made[label] = {p.relative_to(out): p.read_bytes() for p in sorted(out.rglob("*.docx"))}
    assert len(made["stamped"]) == 2
    assert made["stamped"] == made["unstamped"]
    for data in made["stamped"].values():
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            assert archive.comment == b""
            assert read_stamp(archive) is None


def test_an_unstamped_copy_is_known_by_the_builds_docgen_shipped_before_stamps(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    builtin = SHIPPED_TEMPLATES / "reminder.docx"
    before_stamps = copy_of("reminder.docx", tmp_path / "old")
    rewrite_part(before_stamps, "word/styles.xml", b"</w:styles>", EARLIER + b"</w:styles>")  # no comment
    same_parts = copy_of("reminder.docx", tmp_path / "same")
    rewrite_part(same_parts, "word/styles.xml", b"</w:styles>", b"</w:styles>")  # today's parts, unstamped
    with zipfile.ZipFile(before_stamps) as archive:
        digest = parts_digest(archive)
    monkeypatch.setattr(stamps, "earlier_builds", lambda: {"reminder.docx": frozenset({digest})})
    assert compare_copy(before_stamps, builtin) is Copy.OLDER
    assert compare_copy(same_parts, builtin) is Copy.CURRENT
    replace_in_docx(before_stamps, "{{ addressees }}", "{{ addressees }}（本校）")
    assert compare_copy(before_stamps, builtin) is Copy.OWN


def test_the_list_of_earlier_builds_names_built_in_templates_with_several_versions_each() -> None:
    earlier = stamps.earlier_builds()
    assert set(earlier) == set(TEMPLATE_NAMES)
    assert all(len(d) == 64 and int(d, 16) >= 0 for digests in earlier.values() for d in digests)
    assert len(earlier["notice.docx"]) > 1


def test_a_copy_of_the_last_unstamped_build_is_current_now_and_older_once_the_template_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A checkout's copy made just before stamps (today's parts, no comment) is recognised when the built-in changes."""
    unstamped = copy_of("letter.docx", tmp_path / "project")
    with zipfile.ZipFile(unstamped, "a") as archive:
        archive.comment = b""
    with zipfile.ZipFile(unstamped) as archive:
        assert parts_digest(archive) in stamps.earlier_builds()["letter.docx"]
    assert compare_copy(unstamped, SHIPPED_TEMPLATES / "letter.docx") is Copy.CURRENT
    changed = copy_of("letter.docx", tmp_path / "next-docgen")
    make_older_build(changed)  # stands for the next build of the built-in template: other parts, its own stamp
    assert compare_copy(unstamped, changed) is Copy.OLDER
