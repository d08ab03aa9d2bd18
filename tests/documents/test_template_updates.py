"""``update_templates``: only a project's unedited copies of older built-in templates are replaced, all or nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from docgen.documents.template_updates import update_templates
from docgen.errors import Severity, TemplateError, WriteError
from tests.support.paths import SHIPPED_TEMPLATES
from tests.support.plans import replace_in_docx
from tests.support.template_copies import edit_keeping_stamp, make_older_build


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project whose templates/ holds two older unedited copies, an edited one, a current one and the user's own."""
    folder = tmp_path / "project"
    templates = folder / "templates"
    templates.mkdir(parents=True)
    for name in ("notice.docx", "reminder.docx", "letter.docx", "form.docx", "summary.docx"):
        shutil.copyfile(SHIPPED_TEMPLATES / name, templates / name)
    make_older_build(templates / "notice.docx")
    make_older_build(templates / "reminder.docx")
    make_older_build(templates / "letter.docx")
    edit_keeping_stamp(templates / "letter.docx")
    replace_in_docx(templates / "summary.docx", "{{ line }}", "{{ line }}（本校）")  # the user's own now
    shutil.copyfile(SHIPPED_TEMPLATES / "notice.docx", templates / "our-notice.docx")
    return folder


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_the_older_unedited_copies_become_the_built_in_ones_and_nothing_else_changes(project: Path) -> None:
    templates = project / "templates"
    before = snapshot(templates)
    update = update_templates(project)
    assert update.replaced == [templates / "notice.docx", templates / "reminder.docx"]
    after = snapshot(templates)
    for name in ("notice.docx", "reminder.docx"):
        assert after[name] == (SHIPPED_TEMPLATES / name).read_bytes()
    untouched = set(before) - {"notice.docx", "reminder.docx"}
    assert {name: after[name] for name in untouched} == {name: before[name] for name in untouched}
    assert set(after) == set(before)  # nothing added, no temporary left
    assert [(f.code, f.file, f.severity) for f in update.edited] == [
        ("template-edited-copy", str(templates / "letter.docx"), Severity.WARNING)
    ]
    again = update_templates(project)
    assert again.replaced == []
    assert snapshot(templates) == after


def test_a_failure_while_copying_leaves_every_template_as_it_was(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    templates = project / "templates"
    before = snapshot(templates)
    copies: list[Path] = []
    copy = shutil.copyfile

    def copy_then_fail(source: Path, target: Path) -> Path:
        if copies:
            raise OSError(28, "No space left on device")
        copies.append(Path(copy(source, target)))
        return target

    monkeypatch.setattr(shutil, "copyfile", copy_then_fail)
    with pytest.raises(WriteError) as raised:
        update_templates(project)
    assert raised.value.problems[0].file == str(templates / "reminder.docx")
    assert copies  # the first copy was written before the second failed
    assert snapshot(templates) == before


def test_a_folder_without_templates_is_refused(tmp_path: Path) -> None:
    with pytest.raises(TemplateError) as raised:
        update_templates(tmp_path)
    assert [(p.code, p.file) for p in raised.value.problems] == [
        ("templates-folder-missing", str(tmp_path / "templates"))
    ]
