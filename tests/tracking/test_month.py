"""A campaign month replayed as the officer lives it, and every figure checked against what really happened.

Files come through ``docgen receive`` (with the time they came) and are saved by hand; a unit
resends a corrected report, a file is edited after it came, a report is an old .doc, a PDF
has a larger title, a report comes late, two forms come back. ``status --json`` (a real
process) must give each file's real arrival and state on any day; the 简报 hold each report
once under its task; the summary and the tally count only the issues written; ``docgen
collect DIR`` reads the forms in the returns folder. Times are Beijing time (TZ=Asia/Shanghai).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
import pytest
from click.testing import CliRunner

import docgen
from docgen.cli import main
from docgen.documents.batch import render
from tests.support.clock import time_zone
from tests.support.docx_text import open_docx
from tests.support.office import require_office_tools
from tests.support.office_files import converted, titled_docx
from tests.support.paths import SHIPPED_PLAN
from tests.support.report_samples import photo, word_report
from tests.support.returns_folder import SCHEDULE, WEEK_1, WEEK_2, filled_form, touch

PLAN = str(SHIPPED_PLAN)
ORIGINAL = "4月30日，教务处组织技能大赛赛场开放活动（原稿）。"
CORRECTED = "4月30日，教务处在实训楼组织技能大赛赛场开放活动，邀请家长现场观摩。"
COMMUNITY = ["5月7日，社区卫生服务中心走进社区开展义诊，发放宣传材料200余份。", "活动受到居民好评。"]


@pytest.fixture(scope="module")
def beijing() -> Iterator[None]:
    with time_zone("Asia/Shanghai"):
        yield


def run(*args: str) -> Any:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result


def local(month: int, day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2019, month, day, hour, minute).astimezone()


@pytest.fixture(scope="module")
def month(beijing: None, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The returns folder and OUT of the month, replayed day by day (the folder is ``回收`` inside)."""
    require_office_tools(("soffice", "pdftotext"))
    base = tmp_path_factory.mktemp("month")
    root, inbox, out = base / "回收", base / "收件箱", base / "out"
    plan = docgen.load_plan(SHIPPED_PLAN)
    run("status", PLAN, "--init", str(root))
    receive = ["receive", "--plan", PLAN, "--returns", str(root)]
    # 4月30日: 教务处 sends week 1's report by mail; 团委's photo is saved into week 1's folder by hand
    title = "教务处开展技能大赛赛场开放活动"
    word_report(inbox / "技能大赛.docx", dt.date(2019, 4, 30), "教务处", title, [ORIGINAL], [])
    run(*receive, str(inbox / "技能大赛.docx"), "--at", "2019-04-30 10:00")
    touch(root / WEEK_1 / "团委-五四青年节升旗仪式.jpg", dt.date(2019, 4, 30), photo(320, 240, (30, 30, 200)))
    # 5月2日: 教务处 resends its corrected report for week 1 (修改稿), after the due day
    word_report(inbox / "技能大赛（修改稿）.docx", dt.date(2019, 5, 2), "教务处", title, [CORRECTED], [])
    run(*receive, str(inbox / "技能大赛（修改稿）.docx"), "--week", "1", "--at", "2019-05-02 09:00")
    # 5月6日: 学生工作处's report saved by hand; the morning status of 5月8日 records it
    hand = word_report(
        root / WEEK_2 / "学生工作处.docx",
        dt.date(2019, 5, 6),
        "学生工作处",
        "精准扶贫宣传进社区",
        ["走进社区开展精准扶贫宣传。"],
        [],
    )
    docgen.track_returns(plan, root, dt.date(2019, 5, 8), now=local(5, 8, 8))
    # 5月7日: 图书馆 sends an old Word 97-2003 .doc, 社区卫生服务中心 a PDF with a larger title
    doc = converted(
        titled_docx(inbox / "读书分享会.docx", "图书馆举办读书分享会", ["5月6日，80余名学生参加读书分享会。"]),
        inbox / "图书馆读书分享会.doc",
        "doc:MS Word 97",
    )
    docgen.receive_file(plan, root, doc.read_bytes(), doc.name, at=local(5, 7, 11), how="mail", source="<lib@mail>#1")
    pdf = converted(
        titled_docx(inbox / "义诊.docx", "社区卫生服务中心开展义诊宣传活动", COMMUNITY),
        inbox / "社区卫生服务中心义诊.pdf",
        "pdf",
    )
    run(*receive, str(pdf), "--at", "2019-05-07 15:20")
    # 5月8日 and 5月9日: two 活动安排 forms, one received, one saved by hand
    forms = {p.name.split("-")[0]: p for p in render(SHIPPED_PLAN, base / "forms", only="unit-form")}
    filled_form(forms["招生就业处"], inbox / "活动安排.docx", dt.date(2019, 5, 8))
    run(*receive, str(inbox / "活动安排.docx"), "--at", "2019-05-08 15:00")
    filled_form(forms["团委"], root / SCHEDULE / "团委活动安排.docx", dt.date(2019, 5, 9))
    # 5月10日: 工会's week 2 report comes late
    word_report(inbox / "工会周报.docx", dt.date(2019, 5, 10), "工会", "工会开展劳模进校园活动", ["劳模走进校园。"], [])
    run(*receive, str(inbox / "工会周报.docx"), "--week", "2", "--at", "2019-05-10 09:00")
    # 5月17日: someone opens 学生工作处's file and saves it again: its arrival must not change
    edited = docx.Document(str(hand))
    edited.add_paragraph("（5月17日补充）")
    edited.save(str(hand))
    stamp = local(5, 17, 16).timestamp()
    os.utime(hand, (stamp, stamp))
    # the 简报: week 1 on 5月2日 (第1期), week 2 on 5月10日 (第2期)
    run("digest", PLAN, "--returns", str(root), "--week", "1", "--date", "2019-05-02", "-o", str(out))
    run("summary", PLAN, "--returns", str(root), "--on", "2019-05-09", "-o", str(base / "summary-early"))
    run("digest", PLAN, "--returns", str(root), "--week", "2", "--date", "2019-05-10", "-o", str(out))
    return root


def status_json(root: Path, on: str) -> dict[str, Any]:
    """``docgen status --json --on ON`` as a real process: standard output holds the JSON document alone."""
    command = shutil.which("docgen", path=str(Path(sys.executable).parent))
    assert command is not None
    env = {**os.environ, "TZ": "Asia/Shanghai"}
    args = [command, "status", PLAN, "--returns", str(root), "--on", on, "--json"]
    result = subprocess.run(args, capture_output=True, text=True, check=False, env=env)
    assert result.returncode == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def record(data: dict[str, Any], unit: str, deadline: str, week: int | None) -> dict[str, Any]:
    found = [r for r in data["records"] if (r["unit"], r["deadline"], r["week"]) == (unit, deadline, week)]
    assert len(found) == 1, (unit, deadline, week)
    return found[0]


def test_status_json_gives_each_files_real_arrival_and_state(month: Path) -> None:
    data = status_json(month, "2019-05-10")
    assert data["on"] == "2019-05-10" and data["unassigned"] == []
    assert set(data) == {"on", "records", "unassigned"}
    academic = record(data, "教务处", "weekly_report", 1)
    assert academic == {
        "unit": "教务处",
        "deadline": "weekly_report",
        "week": 1,
        "due": "2019-04-30",  # 5月1日 is a holiday: due the working day before, as the task sheet says
        "state": "sent",  # the resend came on 5月2日, but the report came on time
        "received_at": "2019-04-30T10:00:00+08:00",
        "files": [f"{WEEK_1}/教务处-技能大赛（修改稿）.docx"],  # the resend replaces the first file
        "resent": 1,
    }
    youth = record(data, "团委", "weekly_report", 1)
    assert (youth["state"], youth["received_at"]) == ("sent", "2019-04-30T12:00:00+08:00")  # saved by hand
    students = record(data, "学生工作处", "weekly_report", 2)
    assert (students["state"], students["received_at"]) == ("sent", "2019-05-06T12:00:00+08:00")  # edited 5月17日
    union = record(data, "工会", "weekly_report", 2)
    assert (union["state"], union["received_at"]) == ("late", "2019-05-10T09:00:00+08:00")
    library = record(data, "图书馆", "weekly_report", 2)
    assert (library["state"], library["files"]) == ("sent", [f"{WEEK_2}/图书馆读书分享会.doc"])
    assert record(data, "招生就业处", "schedule", None)["state"] == "sent"
    assert record(data, "团委", "schedule", None)["received_at"] == "2019-05-09T12:00:00+08:00"
    assert record(data, "各院部", "schedule", None)["state"] == "missing"
    assert record(data, "各院部", "summary", None) | {"files": None} == {
        "unit": "各院部",
        "deadline": "summary",
        "week": None,
        "due": "2019-05-24",
        "state": "due",
        "received_at": None,
        "files": None,
        "resent": 0,
    }
    weeks = sorted({r["week"] for r in data["records"] if r["deadline"] == "weekly_report"})
    assert weeks == [1, 2, 3, 4, 5]  # the last days of the period are a week too
    assert len(data["records"]) == 16 * (1 + 5 + 1) + 1 * 5  # one per unit, deadline and week


def test_a_past_day_is_replayed_as_it_was(month: Path) -> None:
    due_day = status_json(month, "2019-05-09")
    assert record(due_day, "各院部", "schedule", None)["state"] == "due"  # due today, not missing
    assert record(due_day, "工会", "weekly_report", 2)["state"] == "missing"  # its late report came on 5月10日
    first = status_json(month, "2019-05-01")
    academic = record(first, "教务处", "weekly_report", 1)
    assert (academic["files"], academic["resent"]) == ([f"{WEEK_1}/教务处-技能大赛.docx"], 0)  # before the resend
    assert record(first, "学生工作处", "weekly_report", 2)["state"] == "due"


def test_each_digest_holds_each_report_once_under_its_task(month: Path) -> None:
    out = month.parent / "out" / "简报"
    first = [p.text for p in open_docx(out / "职业教育宣传月工作简报第1期.docx").paragraphs if p.text]
    assert first.count("教务处：教务处开展技能大赛赛场开放活动") == 1
    assert CORRECTED in first and ORIGINAL not in first  # the resend, not both
    assert first[first.index("一、开展职业院校技能大赛赛场开放活动") + 1] == "教务处：教务处开展技能大赛赛场开放活动"
    assert "二、其他" in first and "团委：团委第1周工作情况" in first
    second = [p.text for p in open_docx(out / "职业教育宣传月工作简报第2期.docx").paragraphs if p.text]
    assert "图书馆：图书馆举办读书分享会" in second and "5月6日，80余名学生参加读书分享会。" in second  # the .doc, read
    assert "社区卫生服务中心：社区卫生服务中心开展义诊宣传活动" in second  # the PDF's larger first line is its title
    assert COMMUNITY[0] in second  # not glued to the title, digits not spaced apart
    assert not any(line.startswith("附件：") for line in second)
    headings = [line for line in second if line[:2] in ("一、", "二、", "三、", "四、")]
    # 工会's 劳模进校园 is task 2's 劳动模范校园行 (reports write 劳模 for 劳动模范)
    assert headings == ["一、开展技能大师（名师）、劳动模范校园行活动", "二、开展职业教育精准扶贫宣传工作", "三、其他"]


def test_the_summary_and_the_tally_count_only_the_issues_written(month: Path, tmp_path: Path) -> None:
    early = [p.text for p in open_docx(month.parent / "summary-early" / "总结" / "活动总结（草稿）.docx").paragraphs]
    assert any("编发工作简报1期，在专栏刊发稿件2篇" in line for line in early)  # only 第1期 was written by then
    run("summary", PLAN, "--returns", str(month), "--on", "2019-05-28", "-o", str(tmp_path))
    lines = [p.text for p in open_docx(tmp_path / "总结" / "活动总结（草稿）.docx").paragraphs]
    assert "各部门报送每周活动开展情况6份，图片1张、视频0个；编发工作简报2期，在专栏刊发稿件6篇。" in lines
    assert any("教务处：教务处开展技能大赛赛场开放活动（工作简报第1期）" in line for line in lines)
    plan = docgen.load_plan(SHIPPED_PLAN)
    rows = {r.unit.name: r.counts for r in docgen.tally(docgen.track_returns(plan, month, dt.date(2019, 5, 28)))}
    assert (rows["教务处"]["digest_items"], rows["教务处"]["on_time"]) == (1, 1)
    assert (rows["工会"]["late"], rows["工会"]["digest_items"]) == (1, 1)
    before = {r.unit.name: r.counts for r in docgen.tally(docgen.track_returns(plan, month, dt.date(2019, 5, 1)))}
    assert all(counts["digest_items"] == 0 for counts in before.values())  # no 简报 before 5月2日


def test_collect_reads_the_forms_in_the_returns_folder(month: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["collect", str(month), "--plan", PLAN, "-o", str(tmp_path)])
    assert "2 files: 2 units returned a form, 2 activities" in result.output, result.output
    assert "说明.txt" not in result.output and ".docgen" not in result.output
    again = CliRunner().invoke(main, ["collect", "--returns", str(month), "--plan", PLAN, "-o", str(tmp_path / "b")])
    assert "2 files: 2 units returned a form" in again.output, again.output
    note = (month / SCHEDULE / "说明.txt").read_text(encoding="utf-8")
    command = next(line for line in note.splitlines() if "docgen collect" in line).split("：", 1)[1]
    words = command.split()
    assert words[:3] == ["docgen", "collect", "--plan"] and words[4:] == ["--returns", "回收", "-o", "out"]
    assert (month.parent / words[3]).resolve() == SHIPPED_PLAN.resolve()  # the exact command, run beside 回收
