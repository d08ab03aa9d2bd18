"""Receiving returns: docgen.receive_file (mail, the web workbench) and docgen receive, each file filed once."""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path, PurePosixPath

import docx
import pytest
from click.testing import CliRunner

import docgen
from docgen.cli import main
from docgen.errors import ReceiveError, UnknownDeadlineError, UnknownUnitError
from docgen.plan.model import Plan
from docgen.tracking.record import opened_record
from docgen.tracking.status import track_returns
from tests.support.paths import SHIPPED_PLAN
from tests.support.returns_folder import SCHEDULE, WEEK_1, WEEK_2, touch

WEEKLY = "报送本周活动开展情况"
WEEK_5 = f"{WEEKLY}/第5周（5月23日至5月28日）"


def at(day: int, hour: int = 10, month: int = 5) -> dt.datetime:
    return dt.datetime(2019, month, day, hour, 0).astimezone()


def report(title: str, unit_line: str = "", text: str = "本周开展了宣传活动。") -> bytes:
    document = docx.Document()
    if unit_line:
        document.add_paragraph(unit_line)
    document.add_paragraph(title)
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def plan() -> Plan:
    return docgen.load_plan(SHIPPED_PLAN)


def test_a_file_is_filed_under_its_unit_in_its_weeks_folder_and_recorded_with_when_and_how(
    plan: Plan, tmp_path: Path
) -> None:
    root = tmp_path / "回收"
    filing = docgen.receive_file(
        plan, root, report("技能大赛赛场开放", "上报部门：教务处"), "技能大赛.docx", at=at(7), how="mail",
        source="<a1@mail.example>#1",
    )  # fmt: skip
    assert filing.outcome == "filed" and filing.filed
    assert filing.path == PurePosixPath(f"{WEEK_2}/教务处-技能大赛.docx")  # unit from its first lines, week from 5月7日
    assert filing.unit is not None and filing.unit.name == "教务处" and filing.due is not None
    assert (filing.due.key, filing.due.week, filing.received_at, filing.replaces) == ("weekly_report", 2, at(7), None)
    assert (root / filing.path).is_file()
    with opened_record(root) as record:
        row = next(r for r in record.files() if r.path == filing.path)
    assert (row.how, row.timed_by, row.source, row.name) == ("mail", "given", "<a1@mail.example>#1", "技能大赛.docx")
    assert (row.units, row.deadline, row.week, row.placed_by) == (("academic_affairs",), "weekly_report", 2, "given")
    again = docgen.receive_file(plan, root, b"whatever", "x.docx", at=at(9), source="<a1@mail.example>#1")
    assert (again.outcome, again.path) == ("already", filing.path)  # the same mail's attachment: a no-op
    assert len(list((root / WEEK_2).iterdir())) == 1


def test_a_file_of_the_same_name_gets_a_suffix_and_a_resend_replaces(plan: Plan, tmp_path: Path) -> None:
    root = tmp_path / "回收"
    draft, corrected = report("初稿"), report("修改稿")
    first = docgen.receive_file(plan, root, draft, "工会周报.docx", at=at(6))
    second = docgen.receive_file(plan, root, corrected, "工会周报.docx", at=at(8, 9))
    assert first.path is not None and first.path.name == "工会周报.docx"  # it starts with the unit already
    assert second.path is not None and second.path.name == "工会周报（2）.docx"
    assert second.replaces == first.path
    assert (root / first.path).read_bytes() == draft  # never replaced on disk
    same = docgen.receive_file(plan, root, corrected, "工会周报.docx", at=at(8, 11))
    assert (same.outcome, same.path) == ("already", second.path)  # the very same content again: not filed twice
    cell = next(c for c in track_returns(plan, root, at(10).date()).columns if c.due.week == 2).cells["union"]
    assert [f.relative.name for f in cell.files] == ["工会周报（2）.docx"] and cell.resent == 1
    assert cell.received_at == at(6)  # it sent on time; the resend is a correction


def test_what_cannot_be_decided_is_not_filed_and_the_choices_are_named(plan: Plan, tmp_path: Path) -> None:
    root = tmp_path / "回收"
    photo = docgen.receive_file(plan, root, b"\xff\xd8\xff jpeg", "IMG_2034.jpg", at=at(7))
    assert photo.outcome == "undecided" and photo.path is None
    assert len(photo.choices.units) == 16 and photo.choices.deadlines  # any owing unit: never guessed
    both = docgen.receive_file(plan, root, b"x", "教务处和工会.pdf", at=at(7))
    assert [u.name for u in both.choices.units] == ["教务处", "工会"]
    column = docgen.receive_file(plan, root, b"x", "信息部本周情况.pdf", at=at(7))
    assert column.unit is not None and column.choices.deadlines == ("weekly_report", "column_report")
    assert not [p for p in root.rglob("*") if p.is_file() and ".docgen" not in p.parts]
    held = docgen.receive_file(plan, root, b"\xff\xd8\xff jpeg", "IMG_2034.jpg", at=at(7), how="mail", hold=True)
    assert held.outcome == "held" and held.path == PurePosixPath("未识别/IMG_2034.jpg")
    state = docgen.returns_state(plan, root, at(10).date())
    assert state["unassigned"] == [{"file": "未识别/IMG_2034.jpg", "received_at": at(7).isoformat()}]


def test_the_callers_word_wins_and_wrong_words_are_errors(plan: Plan, tmp_path: Path) -> None:
    root = tmp_path / "回收"
    given = docgen.receive_file(plan, root, b"x", "总结.pdf", at=at(20), unit="union", deadline="summary")
    assert given.path == PurePosixPath("报送宣传成果总结（5月24日前）/工会-总结.pdf")
    late = docgen.receive_file(plan, root, b"y", "照片.jpg", at=at(9), unit="工会", week=1)  # week 1, sent late
    assert (
        late.due is not None and late.due.week == 1 and late.path is not None and late.path.parent.as_posix() == WEEK_1
    )
    named = docgen.receive_file(plan, root, report("工会第二周活动"), "周报.docx", at=at(9), unit="工会")
    assert named.due is not None and named.due.week == 2  # the week its name names, though it came in week 3
    last = docgen.receive_file(plan, root, b"z", "工会总结照片.jpg", at=at(29), unit="工会", deadline="weekly_report")
    assert last.path is not None and last.path.parent.as_posix() == WEEK_5  # the last part-week has its folder
    with pytest.raises(UnknownUnitError, match="no unit '教务'"):
        docgen.receive_file(plan, root, b"x", "a.pdf", at=at(7), unit="教务")
    with pytest.raises(UnknownDeadlineError):
        docgen.receive_file(plan, root, b"x", "a.pdf", at=at(7), unit="工会", deadline="weekly")
    with pytest.raises(ReceiveError, match="no week 9"):
        docgen.receive_file(plan, root, b"x", "a.pdf", at=at(7), unit="工会", deadline="weekly_report", week=9)
    with pytest.raises(ValueError, match="timezone-aware"):
        docgen.receive_file(plan, root, b"x", "a.pdf", at=dt.datetime(2019, 5, 7), unit="工会")
    owed = docgen.receive_file(plan, root, b"x", "a.pdf", at=at(7), unit="工会", deadline="column_report")
    assert owed.outcome == "undecided" and "column_report" not in owed.choices.deadlines  # 工会 does not owe it


def test_a_hostile_name_is_made_safe_and_stays_in_its_folder(plan: Plan, tmp_path: Path) -> None:
    root = tmp_path / "回收"
    filing = docgen.receive_file(plan, root, b"x", "../../../etc/教务处\x00报告 .PDF", at=at(7), unit="教务处")
    assert filing.path is not None and filing.path.parent.as_posix() == WEEK_2
    assert filing.path.name == "教务处报告.pdf"  # no folders, no control characters, a plain suffix
    assert (root / filing.path).resolve().is_relative_to(root.resolve())


def test_a_form_is_recognised_by_its_content_and_filed_for_the_forms_deadline(plan: Plan, tmp_path: Path) -> None:
    from docgen.documents.batch import render
    from tests.support.returns_folder import filled_form

    blank = next(p for p in render(SHIPPED_PLAN, tmp_path / "forms", only="unit-form") if p.name.startswith("团委"))
    form = filled_form(blank, tmp_path / "表格2.docx", dt.date(2019, 5, 7))
    filing = docgen.receive_file(plan, tmp_path / "回收", form.read_bytes(), "表格2.docx", at=at(7))
    assert filing.path == PurePosixPath(f"{SCHEDULE}/团委-表格2.docx")


# --- the command ----------------------------------------------------------------------------


def invoke(*args: str) -> object:
    return CliRunner().invoke(main, ["receive", "--plan", str(SHIPPED_PLAN), *args])


def test_cli_receive_files_copies_moves_and_prints_where_each_went(tmp_path: Path) -> None:
    root = tmp_path / "回收"
    outside = tmp_path / "下载" / "学生工作处周报.docx"
    outside.parent.mkdir()
    outside.write_bytes(report("精准扶贫宣传进社区"))
    result = CliRunner().invoke(
        main, ["receive", "--plan", str(SHIPPED_PLAN), "--returns", str(root), str(outside), "--at", "2019-05-08 16:30"]
    )
    assert result.exit_code == 0, result.output
    assert result.output == (
        f"学生工作处周报.docx -> {WEEK_2}/学生工作处周报.docx (学生工作处, {WEEKLY} 第2周（5月2日至5月8日）, "
        "received 2019-05-08 16:30)\n"  # to the minute, in this computer's time zone: for a person to read
    )
    assert outside.is_file()  # a file from outside is copied in
    again = ["receive", "--plan", str(SHIPPED_PLAN), "--returns", str(root), str(outside), "--at", "2019-05-08 17:00"]
    twice = CliRunner().invoke(main, again)
    assert twice.output == f"学生工作处周报.docx: already received as {WEEK_2}/学生工作处周报.docx\n"
    unsorted = touch(root / "未识别" / "扫描件.jpg", dt.date(2019, 5, 3), b"scan")
    first_seen = {
        f.relative.name: f.received_at for f in track_returns(docgen.load_plan(SHIPPED_PLAN), root, at(10).date()).files
    }
    moved = CliRunner().invoke(
        main, ["receive", "--plan", str(SHIPPED_PLAN), "--returns", str(root), str(unsorted), "--unit", "图书馆"]
    )
    assert moved.exit_code == 0, moved.output
    assert not unsorted.exists() and (root / WEEK_2 / "图书馆-扫描件.jpg").read_bytes() == b"scan"  # moved, not copied
    with opened_record(root) as record:
        row = next(r for r in record.files() if r.path.name == "图书馆-扫描件.jpg")
    assert row.received_at == first_seen["扫描件.jpg"] and row.name == "扫描件.jpg"  # it came when it came


def test_cli_receive_refuses_every_undecided_file_and_files_none(tmp_path: Path) -> None:
    root = tmp_path / "回收"
    good = tmp_path / "教务处.pdf"
    good.write_bytes(b"%PDF-1.4 teaching affairs")
    unknown = tmp_path / "IMG_1.jpg"
    unknown.write_bytes(b"\xff\xd8\xff")
    result = CliRunner().invoke(
        main, ["receive", "--plan", str(SHIPPED_PLAN), "--returns", str(root), str(good), str(unknown)]
    )
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert f"{unknown}: cannot tell which unit sent IMG_1.jpg; it could be 招生就业处、" in result.output
    assert "give --unit with the unit's name; nothing was filed" in result.output
    assert not (root / WEEKLY).exists() and not [p for p in root.rglob("*.pdf")]  # all or nothing


def test_cli_receive_as_a_process_in_chinese(tmp_path: Path) -> None:
    command = shutil.which("docgen", path=str(Path(sys.executable).parent))
    assert command is not None
    sent = tmp_path / "总结.pdf"
    sent.write_bytes(b"%PDF-1.4 summary")
    args = [
        command,
        "--lang",
        "zh_CN",
        "receive",
        str(sent),
        "--plan",
        str(SHIPPED_PLAN),
        "--returns",
        str(tmp_path / "回收"),
    ]
    result = subprocess.run(
        [*args, "--unit", "工会", "--at", "2019-05-20 08:00"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        "总结.pdf -> 报送宣传成果总结（5月24日前）/工会-总结.pdf"
        "（工会，报送宣传成果总结，收到于 2019年5月20日 08:00）\n"
    )
    for number, written in enumerate(("2019/05/10", "2019.5.10")):  # as an office types a day
        late = tmp_path / f"信息部{number}.pdf"
        late.write_bytes(b"%PDF-1.4 column " + bytes([48 + number]))
        dated = subprocess.run(
            [*args[:4], str(late), *args[5:], "--unit", "信息部", "--deadline", "column_report", "--at", written],
            capture_output=True,
            text=True,
            check=False,
        )
        assert dated.returncode == 0, dated.stderr
        assert "收到于 2019年5月10日 00:00）" in dated.stdout
    wrong = subprocess.run([*args, "--unit", "工会", "--at", "10/05/2019"], capture_output=True, text=True, check=False)
    assert wrong.returncode == 2
    assert "“10/05/2019”不是有效的日期，请写成 2019-05-10 或 2019-05-10 16:30" in wrong.stderr
    assert "does not match" not in wrong.stderr


def test_cli_receive_from_a_unit_that_owes_nothing_is_refused_in_chinese_and_saves_nothing(tmp_path: Path) -> None:
    command = shutil.which("docgen", path=str(Path(sys.executable).parent))
    assert command is not None
    root = tmp_path / "回收"
    sent = tmp_path / "工会周报.docx"
    sent.write_bytes(report("工会第二周活动"))
    base = [command, "--lang", "zh_CN", "receive", "--plan", str(SHIPPED_PLAN), "--returns", str(root)]
    for _ in range(2):
        result = subprocess.run(
            [*base, str(sent), "--unit", "宣传部", "--at", "2019-05-10"], capture_output=True, text=True, check=False
        )
        assert result.returncode == 1 and "Traceback" not in result.stderr + result.stdout
        assert "宣传部不需报送任何材料" in result.stderr, result.stderr
    assert not [p for p in root.rglob("*") if p.is_file() and ".docgen" not in p.parts]  # nothing saved, twice
    other = subprocess.run(
        [*base, str(sent), "--unit", "工会", "--deadline", "column_report"], capture_output=True, text=True, check=False
    )
    assert other.returncode == 1
    assert "工会不需报送“上报本周宣传活动开展情况（column_report）”" in other.stderr, other.stderr
    assert "报送本周活动开展情况（weekly_report）" in other.stderr  # what it does owe, by name and key
    state = docgen.returns_state(docgen.load_plan(SHIPPED_PLAN), root, at(10).date())
    assert state["unassigned"] == []


def test_a_file_in_a_weeks_folder_stays_that_weeks_and_its_name_date_makes_it_late(tmp_path: Path) -> None:
    root = tmp_path / "回收"
    week_3 = root / WEEKLY / "第3周（5月9日至5月15日）"
    photo = touch(week_3 / "0516 IMG_7777.jpg", dt.date(2019, 5, 16), b"\xff\xd8\xff photo")
    plan = docgen.load_plan(SHIPPED_PLAN)
    before = docgen.returns_state(plan, root, dt.date(2019, 5, 20))
    assert not [r for r in before["records"] if r["unit"] == "团委" and r["deadline"] == "weekly_report" and r["files"]]
    result = invoke("--returns", str(root), str(photo), "--unit", "团委")
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    assert not photo.exists() and (week_3 / "团委-0516 IMG_7777.jpg").is_file()  # not moved to week 4
    with opened_record(root) as record:
        row = next(r for r in record.files() if r.path.name == "团委-0516 IMG_7777.jpg")
    assert (row.deadline, row.week, row.received_at.astimezone().date()) == ("weekly_report", 3, dt.date(2019, 5, 16))
    state = docgen.returns_state(plan, root, dt.date(2019, 5, 20))
    mine = [r for r in state["records"] if r["unit"] == "团委" and r["deadline"] == "weekly_report"]
    weeks = {r["week"]: r["state"] for r in mine}
    assert weeks[3] == "late" and weeks[4] == "due"  # week 4 still owed, not sent


def test_files_a_killed_run_left_staged_go_with_the_next_receive_but_a_fresh_one_stays(
    plan: Plan, tmp_path: Path
) -> None:
    root = tmp_path / "回收"
    incoming = root / ".docgen" / "incoming"
    incoming.mkdir(parents=True)
    two_days_ago = time.time() - 2 * 24 * 3600
    left = [incoming / "3f9a1c2e4b5d6a7f.docx", incoming / ".0b1c2d3e4f5a6b7c.jpg.1a2b3c4d.tmp"]  # staged, half-written
    for path in left:
        path.write_bytes(b"x" * 1000)
        os.utime(path, (two_days_ago, two_days_ago))
    fresh = incoming / "9e8d7c6b5a4f3e2d.docx"  # another run staging it now, where the drive cannot lock
    fresh.write_bytes(b"y")
    outside = tmp_path / "elsewhere.docx"
    outside.write_bytes(b"z")
    linked = incoming / "link.docx"
    linked.symlink_to(outside)
    os.utime(linked, (two_days_ago, two_days_ago), follow_symlinks=False)
    filing = docgen.receive_file(plan, root, report("技能大赛赛场开放", "上报部门：教务处"), "技能大赛.docx", at=at(7))
    assert filing.outcome == "filed"
    assert sorted(p.name for p in incoming.iterdir()) == ["9e8d7c6b5a4f3e2d.docx", "link.docx"]
    assert outside.read_bytes() == b"z"
