"""The campaign's record: one SQLite file in the returns folder, versioned, checked, never trusted."""

from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import docgen
from docgen.cli import main
from docgen.errors import RecordError, Severity
from docgen.messages import format_problem
from docgen.plan.model import Plan
from docgen.tracking import record as record_module
from docgen.tracking.record import SCHEMA_VERSION, opened_record, record_path
from docgen.tracking.status import track_returns
from tests.support.paths import SHIPPED_PLAN
from tests.support.returns_folder import SCHEDULE, touch

MAY_8, ON = dt.date(2019, 5, 8), dt.date(2019, 5, 10)


@pytest.fixture(scope="module")
def plan() -> Plan:
    return docgen.load_plan(SHIPPED_PLAN)


@pytest.fixture
def returns(tmp_path: Path) -> Path:
    root = tmp_path / "回收"
    touch(root / SCHEDULE / "教务处.pdf", MAY_8)
    touch(root / SCHEDULE / "工会.pdf", MAY_8, b"union")
    return root


def arrivals(plan: Plan, root: Path, on: dt.date = ON) -> dict[str, dt.datetime]:
    return {f.relative.name: f.received_at for f in track_returns(plan, root, on).files}


def test_the_record_is_one_sqlite_file_in_wal_mode_with_its_version(plan: Plan, returns: Path) -> None:
    report = track_returns(plan, returns, ON)
    path = record_path(returns)
    assert path == returns / ".docgen" / "record.sqlite" and path.is_file()
    connection = sqlite3.connect(path)
    try:
        assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        rows = connection.execute("SELECT path, how, timed_by, sha256 FROM files ORDER BY path").fetchall()
    finally:
        connection.close()
    assert [(r[0], r[1], r[2]) for r in rows] == [
        (f"{SCHEDULE}/工会.pdf", "hand", "file"),
        (f"{SCHEDULE}/教务处.pdf", "hand", "file"),
    ]
    assert all(len(r[3]) == 64 for r in rows)
    # saved by hand before any record: recorded, and the user is told the arrivals are the files' times
    assert [(n.code, n.params["count"], n.severity) for n in report.notes] == [("record-started", 2, Severity.WARNING)]
    assert track_returns(plan, returns, ON).notes == []  # said once


def test_deleting_the_record_loses_history_and_nothing_else(plan: Plan, returns: Path) -> None:
    late = dt.datetime(2019, 5, 12, 9, 0).astimezone()
    docgen.receive_file(plan, returns, b"a late report", "总结.pdf", at=late, unit="教务处", deadline="summary")
    before = arrivals(plan, returns, dt.date(2030, 1, 1))
    assert before["教务处-总结.pdf"] == late and "教务处-总结.pdf" not in arrivals(plan, returns)  # not yet on 5月10日
    for path in record_path(returns).parent.glob("record.sqlite*"):
        path.unlink()
    report = track_returns(plan, returns, dt.date(2030, 1, 1))
    assert [n.code for n in report.notes] == ["record-started"]  # rebuilt from the folder, and said so
    after = {f.relative.name: f.received_at for f in report.files}
    assert set(after) == set(before)  # every file still counts
    assert after["教务处.pdf"] == before["教务处.pdf"]  # a hand file's arrival was its file's time anyway
    assert after["教务处-总结.pdf"] != late and after["教务处-总结.pdf"].date() == dt.date.today()  # history is lost


def test_a_damaged_record_is_kept_aside_and_started_again_with_a_warning(plan: Plan, returns: Path) -> None:
    path = record_path(returns)
    path.parent.mkdir(parents=True)
    path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 2000)  # a header, then nonsense
    report = track_returns(plan, returns, ON)
    assert [n.code for n in report.notes] == ["record-damaged"]  # which says the record was started again
    said = format_problem(report.notes[0], "zh_CN")
    assert re.search("收件记录已损坏（(数据库文件已损坏|文件不是可读的数据库|数据库无法读取)）", said), said
    assert "并按文件夹中现有的文件重新建立了记录" in said and "docgen receive 文件 --at 时间" in said  # and what to do
    assert "database" not in said and "malformed" not in said  # SQLite's English stays out of the Chinese line
    kept = list(path.parent.glob("record.sqlite.damaged-*"))
    assert len(kept) == 1 and kept[0].read_bytes().startswith(b"SQLite format 3")  # nothing is lost
    assert len(report.files) == 2
    with opened_record(returns) as record:
        assert len(record.files()) == 2 and record.notes == []


@pytest.mark.parametrize(
    "harm",
    [
        "CREATE TRIGGER t AFTER INSERT ON files BEGIN DELETE FROM files; END",
        "CREATE VIEW v AS SELECT * FROM files",
        "CREATE TABLE extra (x)",
        "UPDATE files SET path = '../../outside.pdf'",
        "UPDATE files SET path = '/etc/passwd'",
        "UPDATE files SET received_at = '2019-05-08T10:00:00'",  # no offset: docgen never writes that
        "UPDATE files SET units = 'x; DROP TABLE files'",
        "UPDATE files SET week = 'two'",
    ],
)
def test_a_record_docgen_did_not_write_is_never_trusted(plan: Plan, returns: Path, harm: str) -> None:
    track_returns(plan, returns, ON)
    connection = sqlite3.connect(record_path(returns))
    connection.execute(harm)
    connection.commit()
    connection.close()
    report = track_returns(plan, returns, ON)
    assert [n.code for n in report.notes] == ["record-damaged"]
    assert sorted(f.relative.as_posix() for f in report.files) == [f"{SCHEDULE}/工会.pdf", f"{SCHEDULE}/教务处.pdf"]


def test_a_record_of_a_newer_docgen_is_left_alone_with_a_clear_error(plan: Plan, returns: Path) -> None:
    track_returns(plan, returns, ON)
    connection = sqlite3.connect(record_path(returns))
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    connection.close()
    with pytest.raises(RecordError) as raised:
        track_returns(plan, returns, ON)
    assert raised.value.problems[0].code == "record-newer"
    result = CliRunner().invoke(main, ["status", str(SHIPPED_PLAN), "--returns", str(returns), "--on", "2019-05-10"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert f"{record_path(returns)}: the record was written by a newer docgen (its version 2" in result.output


def test_links_in_place_of_the_record_or_its_journal_are_refused(plan: Plan, returns: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text("someone's file", encoding="utf-8")
    record_path(returns).parent.mkdir(parents=True)
    (record_path(returns).parent / "record.sqlite-wal").symlink_to(elsewhere)
    with pytest.raises(RecordError) as raised:
        track_returns(plan, returns, ON)
    assert raised.value.problems[0].code == "record-not-file"
    assert elsewhere.read_text(encoding="utf-8") == "someone's file"


def test_a_record_another_program_keeps_locked_is_a_clear_error(
    plan: Plan, returns: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    track_returns(plan, returns, ON)
    monkeypatch.setattr(record_module, "BUSY_SECONDS", 0.2)
    holder = sqlite3.connect(record_path(returns), isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(RecordError) as raised:
            track_returns(plan, returns, ON)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert raised.value.problems[0].code == "record-busy"
    assert record_path(returns).is_file() and not list(record_path(returns).parent.glob("*.damaged-*"))


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_returns_folder_that_cannot_be_written_is_a_clear_error(plan: Plan, returns: Path) -> None:
    returns.chmod(0o555)
    try:
        with pytest.raises(RecordError) as raised:
            track_returns(plan, returns, ON)
    finally:
        returns.chmod(0o755)
    assert raised.value.problems[0].code == "record-unwritable"


def test_an_issue_is_recorded_once_per_week(returns: Path) -> None:
    from docgen.tracking.record_rows import IssueRow

    written = dt.datetime(2019, 5, 9, 17, 0).astimezone()
    with opened_record(returns) as record:
        record.save_issue(IssueRow(1, "weekly_report", 2, dt.date(2019, 5, 9), written, (("union", (1, 2)),)))
        record.save_issue(IssueRow(1, "weekly_report", 2, dt.date(2019, 5, 10), written, (("library", (3,)),)))
        issues = record.issues()
    assert issues == [IssueRow(1, "weekly_report", 2, dt.date(2019, 5, 10), written, (("library", (3,)),))]


def test_a_file_where_docgen_keeps_its_record_is_a_clear_error_from_the_command(returns: Path) -> None:
    (returns / ".docgen").write_text("not a folder", encoding="utf-8")
    result = CliRunner().invoke(main, ["status", str(SHIPPED_PLAN), "--returns", str(returns), "--json"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert f"{returns / '.docgen'}: this should be docgen's folder for the record, but it is a file or a link" in (
        result.output
    )
