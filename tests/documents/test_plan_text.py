"""The plan as the workbench's editor holds it: saved back as typed, only over the version it was read from."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from docgen.documents.checks import check_plan, check_plan_text
from docgen.documents.plan_text import read_plan_text, save_plan_text
from docgen.errors import PlanChangedError, PlanError


def _edit_line(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1
    return text.replace(old, new)


@pytest.mark.parametrize(
    ("encoding", "newline", "bom"),
    [("utf-8", "\n", b""), ("utf-8", "\r\n", b""), ("utf-8", "\r\n", b"\xef\xbb\xbf"), ("gb18030", "\n", b"")],
)
def test_only_the_edited_line_changes_in_the_file(
    tmp_path: Path, shipped_text: str, encoding: str, newline: str, bom: bytes
) -> None:
    plan = tmp_path / "campaign.yaml"
    plan.write_bytes(bom + shipped_text.replace("\n", newline).encode(encoding))
    plan.chmod(0o640)
    original = plan.read_bytes()
    read = read_plan_text(plan)
    assert "\r" not in read.text
    edited = _edit_line(read.text, "campaign: 职业教育宣传月", "campaign: 职业教育活动周")
    typed = edited.replace("\n", "\r\n")  # what a browser's form sends
    saved = save_plan_text(plan, typed, read.digest)
    after = plan.read_bytes()
    assert after.startswith(bom)
    old_lines, new_lines = original.split(b"\n"), after.split(b"\n")
    assert len(old_lines) == len(new_lines)
    changed = [(a, b) for a, b in zip(old_lines, new_lines, strict=True) if a != b]
    assert [b.decode(encoding).strip("\r") for _, b in changed] == ["campaign: 职业教育活动周"]
    assert stat.S_IMODE(plan.stat().st_mode) == 0o640
    assert saved.digest == read_plan_text(plan).digest
    assert check_plan(plan).plan is not None


def test_a_plan_changed_on_disk_since_it_was_read_is_not_overwritten(tmp_path: Path, shipped_text: str) -> None:
    plan = tmp_path / "campaign.yaml"
    plan.write_text(shipped_text, encoding="utf-8")
    read = read_plan_text(plan)
    plan.write_text(shipped_text + "# another editor's line\n", encoding="utf-8")
    with pytest.raises(PlanChangedError) as raised:
        save_plan_text(plan, read.text.replace("year: 2019", "year: 2020"), read.digest)
    assert raised.value.problems[0].code == "plan-changed-on-disk"
    assert plan.read_text(encoding="utf-8").endswith("# another editor's line\n")
    plan.unlink()
    with pytest.raises(PlanChangedError):
        save_plan_text(plan, read.text, read.digest)
    assert not plan.exists()
    assert [p.name for p in tmp_path.iterdir()] == []  # no temporary file left behind


def test_a_link_to_the_plan_stays_a_link(tmp_path: Path, shipped_text: str) -> None:
    real = tmp_path / "real.yaml"
    real.write_text(shipped_text, encoding="utf-8")
    link = tmp_path / "campaign.yaml"
    link.symlink_to(real)
    read = read_plan_text(link)
    save_plan_text(link, read.text.replace("year: 2019", "year: 2019  # checked"), read.digest)
    assert link.is_symlink() and "# checked" in real.read_text(encoding="utf-8")


def test_text_too_large_for_a_plan_is_refused_in_the_files_encoding(tmp_path: Path) -> None:
    plan = tmp_path / "campaign.yaml"
    plan.write_bytes("year: 2019\n".encode("gb18030") + "# 中文\n".encode("gb18030"))
    read = read_plan_text(plan)
    assert read.encoding == "gb18030"
    with pytest.raises(PlanError) as raised:
        save_plan_text(plan, "x" * (5 * 1024 * 1024), read.digest)
    assert raised.value.problems[0].code == "file-too-large"


def test_unsaved_text_is_checked_as_the_saved_file_would_be(tmp_path: Path, shipped_text: str) -> None:
    plan = tmp_path / "campaign.yaml"
    plan.write_text(shipped_text, encoding="utf-8")
    broken = _edit_line(shipped_text, "year: 2019", "year: twenty")
    plan_line = shipped_text.split("\n").index("year: 2019") + 1
    report = check_plan_text(broken, plan)
    assert report.plan is None
    assert any(p.line == plan_line for p in report.errors), report.problems
    same = check_plan_text(shipped_text, plan)
    assert [p.code for p in same.problems] == [p.code for p in check_plan(plan).problems]
