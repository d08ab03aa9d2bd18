from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from docx.shared import Mm

import docgen
from docgen.cli import main
from docgen.errors import OutputExistsError, UnknownDeadlineError
from docgen.plan.model import Plan
from docgen.tracking.folders import write_status
from docgen.tracking.status import Column, Mark, StatusReport, Unplaced, track_returns
from tests.support.docx_text import open_docx
from tests.support.paths import SHIPPED_PLAN
from tests.support.returns_folder import (
    ON,
    SCHEDULE,
    SCHEDULE_LATE,
    SCHEDULE_MISSING,
    SCHEDULE_ON_TIME,
    WEEK_2,
    build_returns,
    touch,
)


def names(units: list) -> list[str]:  # type: ignore[type-arg]
    return [u.name for u in units]


@pytest.fixture(scope="module")
def plan() -> Plan:
    return docgen.load_plan(SHIPPED_PLAN)


@pytest.fixture(scope="module")
def returns_dir(plan: Plan, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_returns(plan, tmp_path_factory)


@pytest.fixture(scope="module")
def report(plan: Plan, returns_dir: Path) -> StatusReport:
    return track_returns(plan, returns_dir, ON)


def column(report: StatusReport, title: str) -> Column:
    return next(c for c in report.columns if c.due.title == title)


def test_the_activity_schedule_is_counted_by_content_name_and_first_lines(report: StatusReport) -> None:
    schedule = column(report, "上报活动安排表")
    assert schedule.is_due
    assert len(schedule.owing) == 16 and "宣传部" not in names(list(schedule.owing))  # the issuer owes nothing
    assert sorted(names(schedule.received)) == sorted(SCHEDULE_ON_TIME + SCHEDULE_LATE)
    assert sorted(names(schedule.late)) == sorted(SCHEDULE_LATE)
    assert names(schedule.missing) == SCHEDULE_MISSING
    by_unit = {u.name: schedule.cells[u.id] for u in schedule.owing}
    assert by_unit["团委"].files[0].relative.as_posix() == "表格2.docx"  # a form outside every folder
    assert by_unit["招生就业处"].files[0].is_form  # a form saved into a weekly folder by mistake
    assert by_unit["图书馆"].sent == dt.date(2019, 5, 10) and by_unit["图书馆"].files[0].dated_by_name
    assert by_unit["保卫处"].mark is Mark.LATE and by_unit["保卫处"].sent == dt.date(2019, 5, 10)


def test_weekly_reports_are_counted_week_by_week(report: StatusReport) -> None:
    weeks = [c for c in report.columns if c.due.key == "weekly_report"]
    assert [c.due.label for c in weeks] == [
        "第1周（4月28日至5月1日）",
        "第2周（5月2日至5月8日）",
        "第3周（5月9日至5月15日）",
        "第4周（5月16日至5月22日）",
        "第5周（5月23日至5月28日）",  # the last days of the period make a week of their own
    ]
    assert [c.is_due for c in weeks] == [True, True, False, False, False]
    assert names(weeks[0].received) == ["教务处"]  # from the unit's sub-folder in the week's folder
    assert names(weeks[1].received) == ["工会", "信息部"]  # 工会 by the day in its name, in the deadline's folder
    assert names(weeks[1].late) == ["信息部"]
    assert {c.cells[u.id].mark for c in weeks[2:] for u in c.owing} == {Mark.NOT_DUE}
    column_weeks = [c for c in report.columns if c.due.key == "column_report"]
    assert [names(list(c.owing)) for c in column_weeks] == [["信息部"]] * 5  # only the column task's units
    assert [c.cells["information"].mark for c in column_weeks] == [Mark.MISSING, Mark.RECEIVED, *[Mark.NOT_DUE] * 3]


def test_a_file_before_its_deadline_counts_and_nothing_else_is_due(report: StatusReport) -> None:
    summary = column(report, "报送宣传成果总结")
    assert not summary.is_due
    assert names(summary.received) == ["教务处"] and summary.missing == []
    assert summary not in report.overdue_columns


def test_files_for_nobody_are_listed_with_why(report: StatusReport) -> None:
    unplaced = {f.relative.name: (why, names(list(f.units))) for f, why in report.unplaced}
    assert unplaced == {
        "教务处和工会.jpg": (Unplaced.SEVERAL_UNITS, ["教务处", "工会"]),
        "扫描件.jpg": (Unplaced.NO_UNIT, []),
    }


def test_one_deadline_only(plan: Plan, returns_dir: Path) -> None:
    only = track_returns(plan, returns_dir, ON, "schedule")
    assert [c.due.key for c in only.columns] == ["schedule"]
    assert names(only.columns[0].missing) == SCHEDULE_MISSING
    with pytest.raises(UnknownDeadlineError, match="no deadline 'schedul'"):
        track_returns(plan, returns_dir, ON, "schedul")


def test_a_past_day_is_replayed_files_that_came_later_do_not_count_yet(plan: Plan, returns_dir: Path) -> None:
    early = track_returns(plan, returns_dir, dt.date(2019, 5, 1))
    schedule = column(early, "上报活动安排表")
    assert not schedule.is_due and schedule.missing == [] and schedule.received == []
    assert [c.due.title for c in early.due_columns] == [
        "报送本周活动开展情况 第1周（4月28日至5月1日）",  # due 4月30日, the working day before 5月1日
        "上报本周宣传活动开展情况 第1周（4月28日至5月2日）",
    ]
    before = column(track_returns(plan, returns_dir, dt.date(2019, 5, 8)), "上报活动安排表")
    assert sorted(names(before.received)) == sorted(["教务处", "团委", "招生就业处"])  # sent by the end of 5月8日


def test_on_the_due_day_a_unit_that_has_not_sent_is_due_today_not_missing(plan: Plan, returns_dir: Path) -> None:
    due_day = track_returns(plan, returns_dir, dt.date(2019, 5, 9))
    schedule = column(due_day, "上报活动安排表")
    assert schedule.is_due and schedule.missing == []
    assert "各院部" in names(schedule.units_marked(Mark.DUE_TODAY))
    assert schedule not in due_day.overdue_columns  # no 催报 on the due day itself
    assert names(column(track_returns(plan, returns_dir, ON), "上报活动安排表").missing) == SCHEDULE_MISSING


def test_the_spreadsheet_holds_the_same_grid(report: StatusReport, tmp_path: Path) -> None:
    write_status(report, tmp_path)
    book = openpyxl.load_workbook(tmp_path / "status.xlsx")
    grid = book["报送情况"]
    header = [c.value for c in grid[1]]
    assert header[:3] == ["部门", "上报活动安排表", "报送本周活动开展情况 第1周（4月28日至5月1日）"]
    rows = {r[0]: r[1:] for r in grid.iter_rows(min_row=2, values_only=True)}
    assert list(rows) == names(report.units)
    assert rows["图书馆"][0] == "逾期（5月10日），按文件名日期" and rows["各院部"][0] == "未交"
    assert rows["教务处"][0] == "已收，按文件时间"  # saved by hand: its arrival is its file's time
    assert rows["信息部"][6] == "未交" and rows["教务处"][6] == "—"  # 信息部 alone owes the column reports
    progress = {r[0]: r[1:] for r in book["进度"].iter_rows(min_row=2, values_only=True)}
    assert progress["上报活动安排表"] == ("5月9日", 16, 7, 2, 9, 44)


def test_one_reminder_per_unit_lists_everything_it_owes(report: StatusReport, tmp_path: Path) -> None:
    write_status(report, tmp_path)
    document = open_docx(tmp_path / "催报" / "各院部.docx")
    texts = [p.text for p in document.paragraphs if p.text.strip()]
    assert texts[:2] == ["关于尽快报送有关材料的通知", "各院部："]
    assert texts[2] == "根据《2019年“职业教育宣传月”活动方案》要求，你部门应报送以下材料，报送至党委宣传部李杉杉处："
    assert texts[3:6] == [
        "1. 上报活动安排表，应于5月9日（周四）前；",
        "2. 第1周（4月28日至5月1日）报送本周活动开展情况，应于4月30日（周二）前；",  # moved for the holiday
        "3. 第2周（5月2日至5月8日）报送本周活动开展情况，应于5月8日（周三）前。",
    ]
    assert texts[6] == "截至5月10日，你部门尚未报送以上材料。"
    assert texts[7] == "请于＿＿＿月＿＿＿日前报送。"  # its own line: the blank date is never cut
    # the contact in lines that each fit the line, so that none is stretched by the e-mail moving down
    assert texts[8:10] == ["联系人：李杉杉　联系电话：84825237", "电子邮箱：18083554@qq.com"]
    assert texts[-2].strip() == "党委宣传部" and texts[-1].strip() == "2019年　　月　　日"
    assert texts[-1].startswith("\u3000")  # placed by padding, like every signature
    section = document.sections[0]
    assert (round(section.page_width / Mm(1)), round(section.page_height / Mm(1))) == (210, 297)
    assert round(section.top_margin / Mm(1)) == 37 and round(section.left_margin / Mm(1)) == 28
    title = document.paragraphs[0]
    assert title.style.name == "Title"
    fonts = title.style.element.rPr.rFonts
    assert fonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia") == "方正小标宋简体"
    one = [p.text for p in open_docx(tmp_path / "催报" / "教务处.docx").paragraphs if p.text.strip()]
    assert one[0] == "关于尽快报送本周活动开展情况的通知" and one[3].startswith("1. 第2周（5月2日至5月8日）报送本周")
    reminders = sorted(p.name for p in (tmp_path / "催报").glob("*.docx"))
    owing = [u.name for u in report.units if report.owed_by(u)]
    assert reminders == sorted(f"{name}.docx" for name in owing)
    chat = (tmp_path / "催报" / "催报名单.txt").read_text(encoding="utf-8")
    assert chat.startswith(f"【催报】截至5月10日，以下{len(owing)}个部门尚有材料未报送：\n")
    assert (
        "\n各院部（未登记联络员）：上报活动安排表（5月9日（周四）前）；"
        "报送本周活动开展情况 第1周（4月28日至5月1日）（4月30日（周二）前）；"
        "报送本周活动开展情况 第2周（5月2日至5月8日）（5月8日（周三）前）\n"
    ) in chat
    assert [line.split("（")[0] for line in chat.splitlines()[1:-1]] == owing  # each unit once, in registry order
    assert chat.endswith("请尽快报送至党委宣传部李杉杉处（电话：84825237　邮箱：18083554@qq.com）。谢谢！\n")


def test_outputs_never_replace_a_users_file_and_drop_stale_reminders(plan: Plan, tmp_path: Path) -> None:
    returns = tmp_path / "回收"
    (returns / SCHEDULE).mkdir(parents=True)
    out = tmp_path / "out"
    first = track_returns(plan, returns, ON, "schedule")
    write_status(first, out)
    assert (out / "催报" / "各院部.docx").exists()
    (out / "status.html").write_text("my notes", encoding="utf-8")
    with pytest.raises(OutputExistsError):
        write_status(first, out)
    assert (out / "status.html").read_text(encoding="utf-8") == "my notes"
    for unit in first.columns[0].owing:
        touch(returns / SCHEDULE / f"{unit.name}.pdf", dt.date(2019, 5, 8))
    everyone = track_returns(plan, returns, ON, "schedule")
    assert everyone.columns[0].missing == [] and everyone.overdue_columns == []
    write_status(everyone, out, force=True)
    assert list((out / "催报").iterdir()) == [], "a reminder nobody needs any more is removed"
    assert "已到期的各项均已收齐" in (out / "status.html").read_text(encoding="utf-8")


def test_a_units_own_contact_is_the_one_to_call(tmp_path: Path, returns_dir: Path) -> None:
    text = SHIPPED_PLAN.read_text(encoding="utf-8").replace(
        "  - id: union\n    name: 工会\n",
        '  - id: union\n    name: 工会\n    contact:\n      name: 周老师\n      phone: "13900001111"\n',
    )
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    plan = docgen.load_plan(path)
    assert plan.unit("union").contact is not None
    write_status(track_returns(plan, returns_dir, ON, "schedule"), tmp_path / "out")
    page = (tmp_path / "out" / "status.html").read_text(encoding="utf-8")
    assert '工会</span>　<span class="contact">联络员：周老师　电话：13900001111</span>' in page
    assert '各院部</span>　<span class="contact">未登记联络员</span>' in page  # never the issuer's contact instead
    assert "李杉杉" not in page
    chat = (tmp_path / "out" / "催报" / "催报名单.txt").read_text(encoding="utf-8")
    assert "\n工会（联络员：周老师　电话：13900001111）：上报活动安排表" in chat


# --- the command ----------------------------------------------------------------


def test_cli_status_says_who_is_due_today(returns_dir: Path, tmp_path: Path) -> None:
    args = ["status", str(SHIPPED_PLAN), "--returns", str(returns_dir), "--on", "2019-05-09", "-o", str(tmp_path)]
    result = CliRunner().invoke(main, [*args, "--deadline", "schedule"])
    assert result.exit_code == 0, result.output
    assert "due today 上报活动安排表: 各院部、工会、" in result.output and "missing 上报活动安排表" not in result.output
    assert not (tmp_path / "催报").exists()  # no 催报 on the due day


def test_cli_status_lists_the_units_owing_the_schedule_and_exits_0(returns_dir: Path, tmp_path: Path) -> None:
    args = ["status", str(SHIPPED_PLAN), "--returns", str(returns_dir), "--on", "2019-05-10"]
    result = CliRunner().invoke(main, [*args, "--deadline", "schedule", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "missing 上报活动安排表: " + "、".join(SCHEDULE_MISSING) + "\n" in result.output
    assert [line for line in result.output.splitlines() if line.startswith("missing ")] == [
        "missing 上报活动安排表: " + "、".join(SCHEDULE_MISSING)
    ]  # one deadline only
    assert "not counted: 上报活动安排表（5月9日前）/扫描件.jpg: names no unit" in result.output
    assert "names several units: 教务处、工会" in result.output
    assert (tmp_path / "status.html").exists()
    reminders = sorted(p.name for p in (tmp_path / "催报").iterdir())
    assert reminders == sorted([f"{name}.docx" for name in SCHEDULE_MISSING] + ["催报名单.txt"])


def test_cli_status_as_a_process_in_chinese(returns_dir: Path, tmp_path: Path) -> None:
    docgen_command = shutil.which("docgen", path=str(Path(sys.executable).parent))
    assert docgen_command is not None
    args = [docgen_command, "--lang", "zh_CN", "status", str(SHIPPED_PLAN), "--returns", str(returns_dir)]
    result = subprocess.run(
        [*args, "--on", "2019-05-10", "-o", str(tmp_path)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["截止日", "截止事项", "应交", "已收", "其中逾期", "未交"]
    assert lines[1].split() == ["5月9日", "上报活动安排表", "16", "7", "2", "9"]
    assert "未交 报送本周活动开展情况 第2周（5月2日至5月8日）：" in result.stdout
    assert (tmp_path / "催报" / "教务处.docx").exists()


def test_cli_status_takes_init_or_returns_and_has_a_default_returns_folder(
    returns_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = CliRunner().invoke(main, ["status", str(SHIPPED_PLAN), "--init", "a", "--returns", "b"])
    assert result.exit_code == 2
    assert "give either --init DIR or --returns DIR, not both" in result.output
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["status", str(SHIPPED_PLAN)])
    assert result.exit_code == 1
    assert "回收: the returns folder does not exist" in result.output
    shutil.copytree(returns_dir, tmp_path / "回收")
    result = CliRunner().invoke(main, ["status", str(SHIPPED_PLAN), "--on", "2019-05-10", "--deadline", "schedule"])
    assert result.exit_code == 0, result.output
    assert "missing 上报活动安排表: " + "、".join(SCHEDULE_MISSING) + "\n" in result.output
    assert (tmp_path / "out" / "status.html").exists() and (tmp_path / "out" / "催报" / "各院部.docx").exists()
    result = CliRunner().invoke(main, ["status", str(SHIPPED_PLAN), "--returns", str(tmp_path / "nowhere")])
    assert result.exit_code == 1
    assert "the returns folder does not exist" in result.output


def test_cli_status_init_makes_folders_and_keeps_the_users_notes(tmp_path: Path) -> None:
    root = tmp_path / "回收"
    result = CliRunner().invoke(main, ["status", str(SHIPPED_PLAN), "--init", str(root)])
    assert result.exit_code == 0, result.output
    assert "12 new folder notes" in result.output
    assert sorted(p.name for p in root.iterdir()) == sorted(
        [
            "上报活动安排表（5月9日前）",
            "报送本周活动开展情况",
            "上报本周宣传活动开展情况",
            "报送宣传成果总结（5月24日前）",
        ]
    )
    weeks = sorted(p.name for p in (root / "报送本周活动开展情况").iterdir())
    assert weeks == [
        f"第{n}周（{r}）"
        for n, r in [
            (1, "4月28日至5月1日"),
            (2, "5月2日至5月8日"),
            (3, "5月9日至5月15日"),
            (4, "5月16日至5月22日"),
            (5, "5月23日至5月28日"),
        ]
    ]
    note = (root / WEEK_2 / "说明.txt").read_text(encoding="utf-8")
    assert "本文件夹存放：报送本周活动开展情况 第2周（5月2日至5月8日）" in note
    assert "截止：5月8日（周三）前" in note and "应报部门：招生就业处、学生工作处" in note
    first = (root / "报送本周活动开展情况" / "第1周（4月28日至5月1日）" / "说明.txt").read_text(encoding="utf-8")
    assert "截止：4月30日（周二）前" in first  # 5月1日 is a holiday: the day the task sheets give
    # the week ends after its due day, and the note says why and where 5月1日's activities go
    assert "5月1日（周三）在劳动节假期内，截止提前至4月30日；4月30日以后的活动情况随下一周一并报送。" in first
    last = (root / "报送本周活动开展情况" / "第5周（5月23日至5月28日）" / "说明.txt").read_text(encoding="utf-8")
    assert "截止：5月29日（周三）前" in last
    assert "活动到5月28日结束，最后这几天的活动情况于5月29日（周三）前报送。" in last
    assert "5月1日" not in note  # an ordinary week needs no note
    plan_there = os.path.relpath(SHIPPED_PLAN, tmp_path)  # the commands run beside 回收, the returns root
    assert "以下命令都在“回收”文件夹所在的文件夹中运行：" in note
    assert f"docgen status {Path(plan_there).as_posix()} --returns 回收\n" in note
    assert f"docgen receive 文件 --plan {Path(plan_there).as_posix()} --returns 回收\n" in note
    assert "docgen collect" not in note and "docgen collect" in (root / SCHEDULE / "说明.txt").read_text(
        encoding="utf-8"
    )
    (root / SCHEDULE / "说明.txt").write_text("我的备注", encoding="utf-8")
    (root / SCHEDULE / "教务处.docx").write_bytes(b"theirs")
    again = CliRunner().invoke(main, ["status", str(SHIPPED_PLAN), "--init", str(root)])
    assert again.exit_code == 0, again.output
    assert "0 new folder notes" in again.output
    assert (root / SCHEDULE / "说明.txt").read_text(encoding="utf-8") == "我的备注"
    assert (root / SCHEDULE / "教务处.docx").read_bytes() == b"theirs"


def test_the_page_escapes_what_the_plan_says(tmp_path: Path) -> None:
    text = SHIPPED_PLAN.read_text(encoding="utf-8").replace("    name: 工会\n", '    name: "工会<b>&"\n')
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    plan = docgen.load_plan(path)
    (tmp_path / "回收").mkdir()
    write_status(track_returns(plan, tmp_path / "回收", ON, "schedule"), tmp_path / "out")
    page = (tmp_path / "out" / "status.html").read_text(encoding="utf-8")
    assert "工会&lt;b&gt;&amp;" in page and "工会<b>" not in page


def test_an_output_folder_inside_the_returns_is_not_read_as_returns(plan: Plan, tmp_path: Path) -> None:
    returns = tmp_path / "回收"
    touch(returns / SCHEDULE / "教务处.pdf", dt.date(2019, 5, 8))
    write_status(track_returns(plan, returns, ON, "schedule"), returns / "out")
    again = track_returns(plan, returns, ON, "schedule")
    assert [str(f.relative) for f in again.files] == [f"{SCHEDULE}/教务处.pdf"]
    assert again.unplaced == []


def test_hostile_or_broken_word_files_are_counted_by_name_or_listed(plan: Plan, tmp_path: Path) -> None:
    import zipfile

    bomb = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body><w:p><w:r><w:t>上报部门：工会 &lol2;</w:t></w:r></w:p></w:body></w:document>"
    )
    returns = tmp_path / "回收"
    (returns / SCHEDULE).mkdir(parents=True)
    for name in ("教务处.docx", "无名.docx"):
        with zipfile.ZipFile(returns / SCHEDULE / name, "w") as archive:
            archive.writestr("[Content_Types].xml", "<Types/>")
            archive.writestr("word/document.xml", bomb)
        touch(returns / SCHEDULE / name, dt.date(2019, 5, 8))
    touch(returns / SCHEDULE / "截图.docx", dt.date(2019, 5, 8), b"not a zip at all")
    report = track_returns(plan, returns, ON, "schedule")
    assert names(report.columns[0].received) == ["教务处"]
    assert sorted((f.relative.name, why) for f, why in report.unplaced) == [
        ("截图.docx", Unplaced.NO_UNIT),
        ("无名.docx", Unplaced.NO_UNIT),  # its first line is never read: the DOCTYPE is refused
    ]


def test_cli_status_json_prints_the_json_document_alone_and_writes_nothing(returns_dir: Path, tmp_path: Path) -> None:
    import json

    copy = Path(shutil.copytree(returns_dir, tmp_path / "回收"))
    shutil.rmtree(copy / ".docgen", ignore_errors=True)  # no record yet: the warning goes to standard error
    args = [
        "status",
        str(SHIPPED_PLAN),
        "--returns",
        str(copy),
        "--on",
        "2019-05-10",
        "--json",
        "-o",
        str(tmp_path / "o"),
    ]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert list(data) == ["on", "records", "unassigned"] and data["on"] == "2019-05-10"
    library = next(r for r in data["records"] if (r["unit"], r["deadline"]) == ("图书馆", "schedule"))
    assert library["state"] == "late" and library["files"] == [f"{SCHEDULE}/0510 图书馆.docx"]
    assert library["received_at"].startswith("2019-05-10T00:00:00")  # the date its name starts with
    assert sorted(u["file"] for u in data["unassigned"]) == [f"{SCHEDULE}/扫描件.jpg", f"{SCHEDULE}/教务处和工会.jpg"]
    assert "no record of this returns folder yet" in result.stderr and not (tmp_path / "o").exists()


def test_nothing_due_yet_is_said_with_a_chinese_date(tmp_path: Path) -> None:
    (tmp_path / "回收").mkdir()
    args = ["--lang", "zh_CN", "status", str(SHIPPED_PLAN), "--returns", str(tmp_path / "回收"), "--on", "2019-04-20"]
    result = CliRunner().invoke(main, [*args, "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "截至 2019年4月20日 没有到期的事项" in result.output
