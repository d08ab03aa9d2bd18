"""The record and receive under hostile input: names, times and values docgen never writes, killed and parallel runs."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import docgen
from docgen.cli import main
from docgen.errors import ReceiveError
from docgen.plan.model import Plan
from docgen.tracking.record import opened_record, record_path
from docgen.tracking.status import track_returns
from tests.support.paths import SHIPPED_PLAN
from tests.support.returns_folder import WEEK_2, touch

LATER = dt.date(2030, 1, 1)  # every file counts by then
GBK_NAME = "教务处总结.docx".encode("gbk")  # as a Windows zip names it
POSIX_ONLY = pytest.mark.skipif(sys.platform == "win32", reason="such names exist on Linux and macOS only")


@pytest.fixture(scope="module")
def plan() -> Plan:
    return docgen.load_plan(SHIPPED_PLAN)


def at(day: int, hour: int = 10) -> dt.datetime:
    return dt.datetime(2019, 5, day, hour, 0).astimezone()


def paths(plan: Plan, root: Path) -> list[str]:
    return sorted(f.relative.as_posix() for f in track_returns(plan, root, LATER).files)


def on_disk(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file() and ".docgen" not in p.parts)


@POSIX_ONLY
def test_a_name_that_is_no_utf8_is_recorded_as_its_bytes_and_found_again(plan: Plan, tmp_path: Path) -> None:
    root = tmp_path / "回收"
    saved = Path(os.fsdecode(os.fsencode(root / WEEK_2) + b"/" + GBK_NAME))
    touch(saved, dt.date(2019, 5, 7))
    first = track_returns(plan, root, LATER)
    assert [f.relative.name for f in first.files] == [saved.name]  # the very name on the drive, surrogates and all
    assert [f.received_at for f in track_returns(plan, root, LATER).files] == [first.files[0].received_at]
    with opened_record(root) as record:
        assert [row.path.name for row in record.files()] == [saved.name] and not record.notes


@POSIX_ONLY
def test_a_file_received_under_a_name_that_is_no_utf8_is_filed_under_the_name_it_means(
    plan: Plan, tmp_path: Path
) -> None:
    source = Path(os.fsdecode(os.fsencode(tmp_path) + b"/" + GBK_NAME))
    source.write_bytes(b"a report")
    filings = docgen.receive_files(plan, tmp_path / "回收", [source], deadline="weekly_report", at=at(7))
    assert [(f.name, str(f.path)) for f in filings] == [("教务处总结.docx", f"{WEEK_2}/教务处总结.docx")]
    filing = docgen.receive_file(plan, tmp_path / "r2", b"x", "\udcff\udcfe.docx\udc80", at=at(7), unit="教务处")
    assert "\ufffd" in filing.name or filing.outcome == "undecided"  # shown with replacement characters, no crash


@POSIX_ONLY
@pytest.mark.parametrize("name", ["a\\b.docx", "教务处:总结.docx", "x'); DROP TABLE files;--.docx"])
def test_backslashes_colons_and_quotes_in_a_name_are_characters_not_damage(
    plan: Plan, tmp_path: Path, name: str
) -> None:
    root = tmp_path / "回收"
    for place in (root / name, root / WEEK_2 / name):
        touch(place, dt.date(2019, 5, 7), place.parent.name.encode())
    expected = sorted([name, f"{WEEK_2}/{name}"])
    assert paths(plan, root) == expected
    assert paths(plan, root) == expected  # and again, from the record
    assert not list(record_path(root).parent.glob("*.damaged-*"))


def test_a_file_modified_after_2262_counts_from_when_it_was_seen(plan: Plan, tmp_path: Path) -> None:
    root = tmp_path / "回收"
    future = touch(root / WEEK_2 / "教务处.docx", dt.date(2019, 5, 7))
    year_3000 = dt.datetime(3000, 1, 1).timestamp()
    os.utime(future, (year_3000, year_3000))  # a camera's clock, or a drive that lies
    files = track_returns(plan, root, LATER).files
    assert [(f.relative.name, f.timed_by) for f in files] == [("教务处.docx", "seen")]
    assert files[0].received_at.year < 2262


@pytest.mark.parametrize(
    "when",
    [
        dt.datetime(1, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=14))),
        dt.datetime(9999, 12, 31, 23, 59, tzinfo=dt.timezone(dt.timedelta(hours=-12))),
        dt.datetime(2100, 1, 1, tzinfo=dt.UTC),
        dt.datetime(1969, 12, 31, tzinfo=dt.UTC),
    ],
)
def test_an_arrival_that_cannot_be_is_refused_and_nothing_is_written(
    plan: Plan, tmp_path: Path, when: dt.datetime
) -> None:
    with pytest.raises(ReceiveError) as raised:
        docgen.receive_file(plan, tmp_path / "回收", b"x", "总结.docx", at=when, unit="教务处", deadline="summary")
    assert [p.code for p in raised.value.problems] == ["receive-bad-time"]
    assert not (tmp_path / "回收").exists()


@pytest.mark.parametrize("when", ["0001-01-01", "2100-01-01 08:00"])
def test_the_command_refuses_an_arrival_that_cannot_be_in_one_line(tmp_path: Path, when: str) -> None:
    report = tmp_path / "总结.docx"
    report.write_bytes(b"x")
    arguments = ["receive", str(report), "--plan", str(SHIPPED_PLAN), "--returns", str(tmp_path / "回收")]
    result = CliRunner().invoke(main, [*arguments, "--unit", "教务处", "--deadline", "summary", "--at", when])
    assert result.exit_code == 1 and "Traceback" not in result.output, result.output
    assert "a file cannot have come at" in result.output and len(result.output.strip().splitlines()) <= 2


@pytest.mark.parametrize(
    "harm",
    [
        "UPDATE files SET received_at = '0001-01-01T00:00:00+23:59'",
        "UPDATE files SET received_at = '9999-12-31T23:59:59-23:59'",
        "UPDATE files SET name = CAST(X'BDCCCEF1' AS TEXT)",  # text that is no UTF-8
        "UPDATE files SET path = X'00FF'",
    ],
)
def test_a_record_with_values_docgen_never_writes_is_set_aside(plan: Plan, tmp_path: Path, harm: str) -> None:
    root = tmp_path / "回收"
    touch(root / WEEK_2 / "教务处.docx", dt.date(2019, 5, 7))
    track_returns(plan, root, LATER)
    with contextlib.closing(sqlite3.connect(record_path(root))) as connection, connection:
        connection.execute(harm)  # committed on leaving
    report = track_returns(plan, root, LATER)
    assert [n.code for n in report.notes] == ["record-damaged"]
    assert [f.relative.name for f in report.files] == ["教务处.docx"]
    assert len(list(record_path(root).parent.glob("record.sqlite.damaged-*"))) == 1  # kept, not lost


def test_a_long_name_keeps_its_suffix(plan: Plan, tmp_path: Path) -> None:
    long_name = "长" * 300 + ".docx"
    filing = docgen.receive_file(plan, tmp_path, b"x", long_name, at=at(7), unit="教务处", deadline="summary")
    assert filing.path is not None and filing.path.suffix == ".docx"
    assert len(filing.name) <= 255 and filing.name.endswith(".docx")
    assert len(filing.path.name.encode("utf-8")) <= 255


_KILLED = """
import datetime as dt, os, signal, sys
import docgen
from docgen.tracking import record
plan = docgen.load_plan(sys.argv[1])
real = record.Record.add_file
def killed(self, **values):
    if values["how"] == "mail":
        os.kill(os.getpid(), signal.SIGKILL)  # the file is in its place, the record does not know it yet
    return real(self, **values)
record.Record.add_file = killed
arrival = dt.datetime(2019, 5, 7, 10, 0).astimezone()
docgen.receive_file(plan, sys.argv[2], b"a photo", sys.argv[3], at=arrival, how="mail", source="<m@x>#2/1",
                    **({"unit": "academic_affairs"} if sys.argv[3] == "现场.jpg" else {}), hold=True)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
@pytest.mark.parametrize(
    ("name", "where"), [("现场.jpg", f"{WEEK_2}/教务处-现场.jpg"), ("IMG_1.jpg", "未识别/IMG_1.jpg")]
)
def test_a_run_killed_between_filing_and_recording_is_completed_once_by_the_next(
    plan: Plan, tmp_path: Path, name: str, where: str
) -> None:
    root = tmp_path / "回收"
    killed = subprocess.run([sys.executable, "-c", _KILLED, str(SHIPPED_PLAN), str(root), name], check=False)
    assert killed.returncode == -9 and on_disk(root) == [where]
    arrival = at(7)
    unit = "academic_affairs" if name == "现场.jpg" else None
    for _ in range(2):  # the next run, and the one after
        again = docgen.receive_file(
            plan, root, b"a photo", name, at=arrival, how="mail", source="<m@x>#2/1", hold=True, unit=unit
        )
        assert str(again.path) == where and again.received_at == arrival
    assert on_disk(root) == [where]  # no second copy
    with opened_record(root) as record:
        rows = record.files()
    assert [(r.how, r.source, r.received_at, r.timed_by) for r in rows] == [("mail", "<m@x>#2/1", arrival, "given")]


_RECEIVER = """
import datetime as dt, sys
import docgen
plan = docgen.load_plan(sys.argv[1])
for number in range(5):
    docgen.receive_file(plan, sys.argv[2], f"{sys.argv[3]} {number}".encode(), f"第{number}份.docx",
                        at=dt.datetime(2019, 5, 7, 10, 0).astimezone(), unit=sys.argv[3], deadline="summary")
"""


def test_two_receives_at_once_lose_nothing(plan: Plan, tmp_path: Path) -> None:
    root = tmp_path / "回收"
    runs = [
        subprocess.Popen([sys.executable, "-c", _RECEIVER, str(SHIPPED_PLAN), str(root), unit], stderr=subprocess.PIPE)
        for unit in ("教务处", "工会")
    ]
    for run in runs:
        _, errors = run.communicate(timeout=300)
        assert run.returncode == 0, errors.decode()
    assert len(on_disk(root)) == 10
    with opened_record(root) as record:
        rows = record.files()
    assert sorted(r.path.name for r in rows) == sorted(p.rsplit("/", 1)[1] for p in on_disk(root))
    assert {r.how for r in rows} == {"receive"}


def test_a_file_named_twice_in_one_receive_is_filed_once(plan: Plan, tmp_path: Path) -> None:
    root = tmp_path / "回收"
    held = root / "未识别" / "总结.docx"
    held.parent.mkdir(parents=True)
    held.write_bytes(b"a summary")
    again = held.parent / ".." / "未识别" / "总结.docx"
    arguments = ["receive", str(held), str(held), str(again), "--plan", str(SHIPPED_PLAN), "--returns", str(root)]
    result = CliRunner().invoke(main, [*arguments, "--unit", "教务处", "--deadline", "summary", "--at", "2019-05-20"])
    assert result.exit_code == 0 and "Traceback" not in result.output, result.output
    assert on_disk(root) == ["报送宣传成果总结（5月24日前）/教务处-总结.docx"]
    assert len(result.output.strip().splitlines()) == 1


_KILLED_MID_RECORD = """
import datetime as dt, os, signal, sys
import docgen
from docgen.tracking import record
from docgen.tracking.status import track_returns
calls = []
real = record.Record.add_file
def killed(self, **values):
    calls.append(values)
    if len(calls) == 3:
        os.kill(os.getpid(), signal.SIGKILL)  # inside the transaction that records the new files
    return real(self, **values)
record.Record.add_file = killed
track_returns(docgen.load_plan(sys.argv[1]), sys.argv[2], dt.date(2030, 1, 1))
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_a_run_killed_while_recording_leaves_the_record_as_it_was(plan: Plan, tmp_path: Path) -> None:
    root = tmp_path / "回收"
    for number in range(3):
        touch(root / WEEK_2 / f"教务处{number}.docx", dt.date(2019, 5, 7), f"{number}".encode())
    before = paths(plan, root)
    for number in range(3, 8):
        touch(root / WEEK_2 / f"工会{number}.docx", dt.date(2019, 5, 7), f"{number}".encode())
    arguments = [sys.executable, "-c", _KILLED_MID_RECORD, str(SHIPPED_PLAN), str(root)]
    assert subprocess.run(arguments, check=False).returncode == -9
    with opened_record(root) as record:
        assert sorted(f"{row.path}" for row in record.files()) == before  # none of the new ones: all or nothing
        assert record.notes == []  # and nothing damaged
    assert len(paths(plan, root)) == 8


@pytest.mark.parametrize(
    "name", ["0001-01-01 教务处.docx", "1969-12-31 教务处.docx", "9999-12-31 教务处.docx", "2099-05-08 教务处.docx"]
)
def test_a_date_in_a_name_that_cannot_be_an_arrival_is_not_taken_for_one(plan: Plan, tmp_path: Path, name: str) -> None:
    root = tmp_path / "回收"
    touch(root / WEEK_2 / name, dt.date(2019, 5, 7))
    for _ in range(2):  # recorded, then read back from the record
        report = track_returns(plan, root, LATER)
        assert [(f.received_at, f.timed_by) for f in report.files] == [(at(7, 12), "file")]
    assert not list(record_path(root).parent.glob("*.damaged-*"))


@pytest.mark.parametrize("shape", ["half", "header", "zip", "text"])
def test_a_truncated_or_foreign_record_is_set_aside_and_started_again(plan: Plan, tmp_path: Path, shape: str) -> None:
    root = tmp_path / "回收"
    touch(root / WEEK_2 / "教务处.docx", dt.date(2019, 5, 7))
    track_returns(plan, root, LATER)
    path = record_path(root)
    data = path.read_bytes()
    path.write_bytes(
        {"half": data[: len(data) // 2], "header": data[:100], "zip": b"PK\x03\x04" + bytes(200), "text": b"hello"}[
            shape
        ]
    )
    report = track_returns(plan, root, LATER)
    assert [n.code for n in report.notes] == ["record-damaged"]
    assert [f.relative.name for f in report.files] == ["教务处.docx"]
    assert len(list(path.parent.glob("record.sqlite.damaged-*"))) == 1


@pytest.mark.parametrize(
    ("name", "held"), [("~$报告.docx", "报告.docx"), ("说明.txt", "文件-说明.txt"), ("~$", "文件")]
)
def test_a_name_the_folders_reading_passes_over_is_held_under_one_it_reads(
    plan: Plan, tmp_path: Path, name: str, held: str
) -> None:
    filing = docgen.receive_file(plan, tmp_path, b"a stranger's file", name, at=at(7), hold=True)
    assert (filing.outcome, str(filing.path)) == ("held", f"未识别/{held}")
    assert paths(plan, tmp_path) == [f"未识别/{held}"]  # listed, not passed over as a lock file or the 说明
