"""docgen collect: forms docgen sent out, filled the way people fill them, come back as one schedule."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import docx
import openpyxl
import pytest
from click.testing import CliRunner
from icalendar import Calendar

import docgen
from docgen.cli import main
from docgen.collecting.forms import Collection, collect
from docgen.collecting.schedule import write_collection
from docgen.documents.batch import render
from tests.support.archives import zip_of
from tests.support.paths import SHIPPED_PLAN

STAMP = dt.datetime(2019, 5, 9, 8, 0, tzinfo=dt.UTC)
SHANGHAI = "Asia/Shanghai"


@pytest.fixture(scope="module")
def blank_forms(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The shipped plan's unit forms, by unit name, rendered once for the module."""
    out = tmp_path_factory.mktemp("forms")
    paths = render(SHIPPED_PLAN, out, only="unit-form")
    return {p.name.split("-")[0]: p for p in paths}


def fill_row(row: docx.table._Row, values: list[str | list[str] | None]) -> None:
    """Type into a row's cells as a person would; a list is a cell of several paragraphs; None leaves it."""
    for cell, value in zip(row.cells, values, strict=False):
        if value is None:
            continue
        if isinstance(value, list):
            cell.text = value[0]
            for more in value[1:]:
                cell.add_paragraph(more)
        else:
            cell.text = value


def returned(blank: Path, target: Path, rows: dict[int, list[str | list[str] | None]]) -> docx.Document:
    """Open a blank unit form and fill rows (1 = first row under the header)."""
    document = docx.Document(str(blank))
    table = document.tables[0]
    for number, values in rows.items():
        fill_row(table.rows[number], values)
    return document


@pytest.fixture(scope="module")
def filled(blank_forms: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Three units' returned forms in every style the issue names, one unit returning twice."""
    folder = tmp_path_factory.mktemp("returned")
    # 教务处 carries tasks 1, 2 and 5: the three prefilled rows, then its own rows.
    academic = returned(
        blank_forms["教务处"],
        folder,
        {
            1: [None, "向毕业生发放一封信", "5月10日", "教学楼", None, "王老师", "84825237"],
            2: [None, ["名师讲座", "技能展示"], "5.13", "报告厅", None, "李明", "0431-84825237"],
            3: [None, "技能大赛开放日", "2019.5.20 上午9:00-11:30", "实训楼", None, "张三", "13812345678"],
            4: ["1.", "招生咨询", "2019/5/11 14:30", "校门口", "教务处", "王老师", "84825237"],
            5: ["（二）", "劳模报告会", "2019-05-21 下午2点", "礼堂", "教务处", "赵六", "８４８２５２３７"],
        },
    )
    extra = academic.tables[0].add_row()
    fill_row(
        extra, ["开展职业院校技能大赛赛场开放活动", "赛场观摩", "５月２２日", "体育馆", "教务处", "张三", "13812345678"]
    )
    academic.save(str(folder / "教务处.docx"))

    # 宣传部 carries tasks 6 and 7: ranges, a merged phone cell, a deleted row, and bad rows.
    publicity = returned(
        blank_forms["宣传部"],
        folder,
        {
            1: [None, "媒体宣传周", "5月10日-12日", "校园", None, "李杉杉", None],
            2: [None, "专栏上线", "5月10日至5月12日", "学校网站", None, "李杉杉", None],
            3: ["6", "报纸专访", "5月15日—5月17日", "报社", "宣传部", "李杉杉", "84825237"],
            4: ["植树活动", "植树", "5月16日", "校园", "宣传部", "李杉杉", "84825237"],
            5: ["7", "专栏评比", "6月10日", "学校网站", "宣传部", "李杉杉", "84825237"],
            6: ["7", "专栏总结", "5月20日", "学校网站", "宣传部", "李杉杉", "12345"],
            7: ["6", "电视采访", "5月21日", "演播室", "宣传部", "", "84825237"],
            8: ["6", "微博宣传", "5月中旬", "网络", "宣传部", "李杉杉", "84825237"],
        },
    )
    table = publicity.tables[0]
    merged = table.cell(1, 6).merge(table.cell(2, 6))
    merged.text = "84825237"
    doomed = table.rows[10]._tr
    doomed.getparent().remove(doomed)
    publicity.save(str(folder / "宣传部.docx"))

    # 招生就业处 returns twice: the later file (by modification time) wins.
    for name, content, mtime in (
        ("招生就业处-旧.docx", "旧的安排", 1_000_000),
        ("招生就业处-新.docx", "新的安排", 2_000_000),
    ):
        form = returned(
            blank_forms["招生就业处"],
            folder,
            {1: [None, content, "5月8日 上午9点", "招生办", None, "孙七", "13900000000"]},
        )
        form.save(str(folder / name))
        os.utime(folder / name, (mtime, mtime))
    return {p.stem: p for p in folder.glob("*.docx")}


@pytest.fixture(scope="module")
def collection(filled: dict[str, Path]) -> Collection:
    return collect(sorted(filled.values()), docgen.load_plan(SHIPPED_PLAN))


def lines(collection: Collection) -> list[str]:
    return [str(p) for p in collection.problems]


def test_every_date_style_becomes_the_right_activity(collection: Collection) -> None:
    mine = [(a.task, a.when.start, a.when.end, a.when.start_time, a.when.end_time) for a in collection.activities]
    d, t = dt.date, dt.time
    assert (1, d(2019, 5, 10), d(2019, 5, 10), None, None) in mine
    assert (1, d(2019, 5, 11), d(2019, 5, 11), t(14, 30), None) in mine
    assert (2, d(2019, 5, 13), d(2019, 5, 13), None, None) in mine
    assert (2, d(2019, 5, 21), d(2019, 5, 21), t(14, 0), None) in mine
    assert (5, d(2019, 5, 20), d(2019, 5, 20), t(9, 0), t(11, 30)) in mine
    assert (5, d(2019, 5, 22), d(2019, 5, 22), None, None) in mine
    assert (6, d(2019, 5, 10), d(2019, 5, 12), None, None) in mine
    assert (6, d(2019, 5, 15), d(2019, 5, 17), None, None) in mine
    assert (7, d(2019, 5, 10), d(2019, 5, 12), None, None) in mine
    assert (1, d(2019, 5, 8), d(2019, 5, 8), t(9, 0), None) in mine
    assert len(mine) == 10
    assert mine == sorted(mine, key=lambda m: (m[0], m[1], m[3] or t(0)))


def test_cells_are_read_as_written(collection: Collection) -> None:
    by_content = {a.content: a for a in collection.activities}
    assert "名师讲座\n技能展示" in by_content
    assert by_content["劳模报告会"].phone == "８４８２５２３７"
    media = by_content["媒体宣传周"]
    assert media.phone == "84825237", "the merged phone cell gives its text to the row below"
    assert by_content["专栏上线"].phone == "84825237"
    assert media.unit.name == "宣传部" and media.person == "李杉杉"
    assert by_content["新的安排"].unit.name == "招生就业处"
    assert "旧的安排" not in by_content


def test_bad_rows_are_reported_with_file_and_row_and_left_out(collection: Collection, filled: dict[str, Path]) -> None:
    publicity = str(filled["宣传部"])
    errors = {(p.file, p.path, p.code) for p in collection.problems if p.is_error}
    assert errors == {
        (publicity, "row 4", "row-unknown-item-suggest"),
        (publicity, "row 5", "row-date-outside"),
        (publicity, "row 6", "row-bad-phone"),
        (publicity, "row 7", "row-no-person"),
        (publicity, "row 8", "row-when-unreadable"),
    }
    text = "\n".join(lines(collection))
    assert f"{publicity}: row 4: the item '植树活动' is not one of the plan's tasks (did you mean '" in text
    assert f"{publicity}: row 5: '6月10日' is outside the campaign period 2019-04-28 to 2019-05-28" in text
    assert f"{publicity}: row 6: '12345' is not a phone number" in text
    assert f"{publicity}: row 8: cannot read the date '5月中旬'" in text
    contents = {a.content for a in collection.activities}
    assert not contents & {"植树", "专栏评比", "专栏总结", "电视采访", "微博宣传"}
    assert {(r.row, r.cells[1]) for r in collection.rejected} == {
        (4, "植树"),
        (5, "专栏评比"),
        (6, "专栏总结"),
        (7, "电视采访"),
        (8, "微博宣传"),
    }


def test_missing_units_and_duplicate_returns_are_named(collection: Collection, filled: dict[str, Path]) -> None:
    duplicate = [p for p in collection.problems if p.code == "form-duplicate-unit"]
    assert len(duplicate) == 1
    assert duplicate[0].params["kept"] == str(filled["招生就业处-新"])
    assert duplicate[0].params["ignored"] == str(filled["招生就业处-旧"])
    assert str(filled["招生就业处-旧"]) in str(duplicate[0]) and str(filled["招生就业处-新"]) in str(duplicate[0])
    missing = {u.name for u in collection.missing}
    assert "学生工作处" in missing and "教务处" not in missing and "招生就业处" not in missing
    assert "宣传部" not in missing  # the issuer collects the forms; its own is not awaited
    assert sorted(collection.returned) == ["academic_affairs", "admissions", "publicity"]
    assert "warning: 学生工作处 has not returned its form" in lines(collection)


def test_outputs_hold_the_schedule(collection: Collection, tmp_path: Path) -> None:
    written = write_collection(collection, tmp_path, stamp=STAMP)
    assert [p.name for p in written] == ["活动安排汇总.docx", "活动安排汇总.xlsx", "活动安排.ics"]

    book = openpyxl.load_workbook(tmp_path / "活动安排汇总.xlsx")
    sheet = book["活动安排"]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref.startswith("A1:")
    header = [c.value for c in sheet[1]]
    assert header[:5] == ["序号", "活动项目", "具体内容", "开始日期", "结束日期"]
    rows = [[c.value for c in r] for r in sheet.iter_rows(min_row=2)]
    assert len(rows) == 10
    first = rows[0]
    assert first[1] == "印发《致初中、高中毕业生及家长的一封信》"
    assert first[2] == "新的安排"
    assert first[3] == dt.datetime(2019, 5, 8) and first[5] == dt.time(9, 0)
    media = next(r for r in rows if r[2] == "媒体宣传周")
    assert (media[3], media[4]) == (dt.datetime(2019, 5, 10), dt.datetime(2019, 5, 12))
    problems = book["问题"]
    problem_rows = [[c.value for c in r] for r in problems.iter_rows(min_row=2)]
    unknown = next(r for r in problem_rows if r[3] == "row-unknown-item-suggest")
    assert unknown[1] == 4 and unknown[5] == "植树活动"
    assert any(r[3] == "unit-not-returned" for r in problem_rows)

    document = docx.Document(str(tmp_path / "活动安排汇总.docx"))
    table = document.tables[0]
    texts = [[c.text for c in row.cells] for row in table.rows]
    assert texts[0] == ["序号", "具体内容", "活动时间", "活动地点", "负责部门", "负责人或联络人", "联系电话"]
    assert texts[1][0] == "（一）印发《致初中、高中毕业生及家长的一封信》"
    assert texts[2][:4] == ["1", "新的安排", "5月8日（周三） 09:00", "招生办"]
    assert texts[3][1] == "向毕业生发放一封信"
    headings = [row[0] for row in texts if row[0].startswith("（")]
    assert [h[:3] for h in headings] == ["（一）", "（二）", "（五）", "（六）", "（七）"]
    body = "\n".join(p.text for p in document.paragraphs)
    assert "共10项活动，3个部门。" in body
    assert "尚未上报：学生工作处" in body
    # a phone number such as 0431-84825237 (13 half-width characters of 小四, 6 pt each) is not split
    phone_column = table._tbl.tblGrid.gridCol_lst[-1].w
    assert phone_column.pt - 2 * 85 / 20 >= 13 * 6
    # a task's heading row keeps with its first activity
    assert table.rows[1].cells[0].paragraphs[0].paragraph_format.keep_with_next

    calendar = Calendar.from_ical((tmp_path / "活动安排.ics").read_bytes())
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == [SHANGHAI]
    events = {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}
    assert len(events) == 10
    talk = events["技能大赛开放日"]
    start = talk.decoded("DTSTART")
    assert start.replace(tzinfo=None) == dt.datetime(2019, 5, 20, 9, 0)
    assert start.utcoffset() == dt.timedelta(hours=8)
    assert talk["DTSTART"].params["TZID"] == SHANGHAI
    assert talk.decoded("DTEND").replace(tzinfo=None) == dt.datetime(2019, 5, 20, 11, 30)
    assert str(talk["LOCATION"]) == "实训楼"
    assert "上报部门：教务处" in str(talk["DESCRIPTION"]) and "负责人或联络人：张三" in str(talk["DESCRIPTION"])
    media_event = events["媒体宣传周"]
    assert media_event.decoded("DTSTART") == dt.date(2019, 5, 10)
    assert media_event.decoded("DTEND") == dt.date(2019, 5, 13)
    uids = [str(e["UID"]) for e in calendar.walk("VEVENT")]
    assert len(set(uids)) == len(uids)


def test_uids_are_stable_between_runs(collection: Collection, tmp_path: Path) -> None:
    from docgen.collecting.activity_calendar import activities_calendar

    def uids(stamp: dt.datetime) -> list[str]:
        return [str(e["UID"]) for e in Calendar.from_ical(activities_calendar(collection, stamp)).walk("VEVENT")]

    assert uids(STAMP) == uids(STAMP + dt.timedelta(days=3))


def test_a_timed_range_of_days_recurs_daily(blank_forms: dict[str, Path], tmp_path: Path) -> None:
    form = returned(
        blank_forms["图书馆"],
        tmp_path,
        {1: ["4", "读书展", "5月10日-12日 9:00-17:00", "图书馆", "", "周八", "84825237"]},
    )
    form.save(str(tmp_path / "图书馆.docx"))
    result = collect([tmp_path / "图书馆.docx"], docgen.load_plan(SHIPPED_PLAN))
    write_collection(result, tmp_path / "out", stamp=STAMP)
    event = Calendar.from_ical((tmp_path / "out" / "活动安排.ics").read_bytes()).walk("VEVENT")[0]
    rule = event.decoded("RRULE")
    assert rule["FREQ"] == ["DAILY"]
    assert event.decoded("DTSTART").replace(tzinfo=None) == dt.datetime(2019, 5, 10, 9, 0)
    assert event.decoded("DTEND").replace(tzinfo=None) == dt.datetime(2019, 5, 10, 17, 0)
    assert rule["UNTIL"][0] == dt.datetime(2019, 5, 12, 9, 0, tzinfo=dt.UTC), "17:00 in Shanghai on the last day"


# --- files that are not forms -------------------------------------------------


CONTENT_TYPES = b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
    '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">'
    '<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">]>'
    f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>&f;&f;&f;&f;&f;&f;</w:t></w:r></w:p></w:body></w:document>'
)


@pytest.fixture
def foreign(tmp_path: Path) -> dict[str, Path]:
    files = {
        "not-zip": b"hello, this is not a zip",
        "old-word": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100,
        "zip-not-docx": zip_of({"readme.txt": b"hello"}),
        "bomb": zip_of({"[Content_Types].xml": CONTENT_TYPES, "word/document.xml": b" " * (21 * 1024 * 1024)}),
        "entities": zip_of({"[Content_Types].xml": CONTENT_TYPES, "word/document.xml": LAUGHS.encode()}),
        "truncated": zip_of({"[Content_Types].xml": CONTENT_TYPES, "word/document.xml": b"<x/>" * 1000})[:-60],
    }
    paths = {}
    for name, data in files.items():
        path = tmp_path / f"{name}.docx"
        path.write_bytes(data)
        paths[name] = path
    no_table = docx.Document()
    no_table.add_paragraph("上报部门（院部）：教务处")
    no_table.save(str(tmp_path / "no-table.docx"))
    paths["no-table"] = tmp_path / "no-table.docx"
    return paths


def test_foreign_and_hostile_files_are_reported_and_the_rest_collected(
    foreign: dict[str, Path], filled: dict[str, Path]
) -> None:
    result = collect([*foreign.values(), filled["教务处"]], docgen.load_plan(SHIPPED_PLAN))
    codes = {p.file: p.code for p in result.problems if p.file in {str(f) for f in foreign.values()}}
    assert codes == {
        str(foreign["not-zip"]): "form-not-zip",
        str(foreign["old-word"]): "form-old-word",
        str(foreign["zip-not-docx"]): "form-not-docx",
        str(foreign["bomb"]): "form-member-too-large",
        str(foreign["entities"]): "form-doctype",
        str(foreign["truncated"]): "form-corrupt",
        str(foreign["no-table"]): "form-no-table",
    }
    for problem in result.problems:
        if problem.file in codes:
            assert str(problem).startswith(problem.file + ": ")
    assert len(result.activities) == 6
    assert result.returned == {"academic_affairs": str(filled["教务处"])}


def test_a_zip_header_that_lies_about_the_size_is_still_stopped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from docgen.collecting import docx_reading as formreading

    monkeypatch.setattr(formreading, "MAX_DOCUMENT_XML", 1000)
    data = bytearray(zip_of({"[Content_Types].xml": CONTENT_TYPES, "word/document.xml": b" " * 5000}))
    # shrink the declared size of word/document.xml in its local header and central directory entry
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        start = 0
        while (start := data.find(signature, start)) != -1:
            name_at = start + (30 if signature == b"PK\x03\x04" else 46)
            if data[name_at : name_at + 17] == b"word/document.xml":
                data[start + offset : start + offset + 4] = (100).to_bytes(4, "little")
            start += 4
    path = tmp_path / "liar.docx"
    path.write_bytes(bytes(data))
    result = collect([path], docgen.load_plan(SHIPPED_PLAN))
    assert [p.code for p in result.problems if p.file == str(path)] in (["form-corrupt"], ["form-member-too-large"])


def test_unknown_unit_line_is_reported_and_its_rows_listed(blank_forms: dict[str, Path], tmp_path: Path) -> None:
    form = returned(blank_forms["团委"], tmp_path, {1: [None, "文化节", "5月18日", "操场", None, "钱九", "84825237"]})
    form.paragraphs[1].runs[0].text = "上报部门（院部）：团支部"
    form.save(str(tmp_path / "团委.docx"))
    result = collect([tmp_path / "团委.docx"], docgen.load_plan(SHIPPED_PLAN))
    unknown = [p for p in result.problems if p.code.startswith("form-unknown-unit")]
    assert [p.params["unit"] for p in unknown] == ["团支部"]
    assert result.activities == []
    assert [r.cells[1] for r in result.rejected] == ["文化节"]


def test_unit_line_accepts_id_name_or_full_name(blank_forms: dict[str, Path], tmp_path: Path) -> None:
    plan = docgen.load_plan(SHIPPED_PLAN)
    for written in ("publicity", "党委宣传部", "宣 传 部"):
        form = returned(
            blank_forms["宣传部"], tmp_path, {1: [None, "专访", "5月10日", "校园", None, "李杉杉", "84825237"]}
        )
        form.paragraphs[1].runs[0].text = f"上报部门（院部）：{written}"
        form.save(str(tmp_path / "宣传部.docx"))
        result = collect([tmp_path / "宣传部.docx"], plan)
        assert list(result.returned) == ["publicity"], written


# --- the command ----------------------------------------------------------------


def test_cli_collect_reports_problems_and_exits_1(filled: dict[str, Path], tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["collect", *map(str, filled.values()), "--plan", str(SHIPPED_PLAN), "-o", str(tmp_path)]
    )
    assert result.exit_code == 1, result.output
    assert "10 activities, 5 rows left out" in result.output
    assert f"{filled['宣传部']}: row 6: '12345' is not a phone number" in result.output
    assert (tmp_path / "活动安排汇总.xlsx").exists() and (tmp_path / "活动安排.ics").exists()


def test_cli_collect_exits_0_when_clean(tmp_path: Path) -> None:
    plan_text = SHIPPED_PLAN.read_text(encoding="utf-8")
    # a plan whose only responsible unit is 宣传部, so one clean form is the whole collection
    small = plan_text.replace("units: [admissions, student_affairs, academic_affairs]", "units: [publicity]")
    for ids in (
        "[academic_affairs, colleges]",
        "[union, student_affairs, community_health]",
        "[president_office, student_affairs, youth_league, colleges, life_science_museum, library, student_center]",
        "[academic_affairs, colleges, clinical_training]",
        "[publicity, information, party_branches]",
        "[publicity, information]",
        "[security, teaching_units]",
    ):
        small = small.replace(f"units: {ids}", "units: [publicity]")
    plan_path = tmp_path / "plan.yaml"
    plan_path.write_text(small.replace("schema=../schema", "schema=schema"), encoding="utf-8")
    forms = render(plan_path, tmp_path / "forms", only="unit-form")
    assert len(forms) == 1
    document = docx.Document(str(forms[0]))
    rows = document.tables[0].rows
    for number in range(1, 8):
        fill_row(rows[number], [None, f"活动{number}", f"5月{10 + number}日", "校园", None, "李杉杉", "84825237"])
    document.save(str(forms[0]))
    result = CliRunner().invoke(
        main, ["collect", str(forms[0].parent), "--plan", str(plan_path), "-o", str(tmp_path / "o")]
    )
    assert result.exit_code == 0, result.output
    assert "7 activities, 0 rows left out, 0 units missing, 0 errors, 0 warnings" in result.output


def test_cli_collect_refuses_to_overwrite_a_users_file(filled: dict[str, Path], tmp_path: Path) -> None:
    (tmp_path / "活动安排汇总.xlsx").write_bytes(b"mine")
    args = ["collect", str(filled["教务处"]), "--plan", str(SHIPPED_PLAN), "-o", str(tmp_path)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1
    assert "not overwritten" in result.output
    assert (tmp_path / "活动安排汇总.xlsx").read_bytes() == b"mine"
    assert not (tmp_path / "活动安排.ics").exists(), "nothing is written when one output is refused"
    assert CliRunner().invoke(main, [*args, "--force"]).exit_code == 1  # problems remain: units missing
    assert (tmp_path / "活动安排.ics").exists()


def test_a_doctype_hidden_behind_a_long_comment_is_still_refused_quickly(tmp_path: Path) -> None:
    deep = LAUGHS.replace('<?xml version="1.0"?>', '<?xml version="1.0"?><!--' + "x" * 70_000 + "-->")
    path = tmp_path / "deep.docx"
    path.write_bytes(zip_of({"[Content_Types].xml": CONTENT_TYPES, "word/document.xml": deep.encode()}))
    result = collect([path], docgen.load_plan(SHIPPED_PLAN))
    assert [p.code for p in result.problems if p.file == str(path)] in (["form-doctype"], ["form-bad-xml"])


def test_cli_collect_counts_the_rows_it_warns_are_left_out_and_says_the_row_in_chinese(
    blank_forms: dict[str, Path], tmp_path: Path
) -> None:
    import re

    item = "举办校园开放日及校园文化节活动"
    form = returned(blank_forms["团委"], tmp_path, {2: [item, "文化节", "5月12日", "校园", None, "王老师", "84825237"]})
    form.save(str(tmp_path / "团委.docx"))  # its prefilled row 1 left as it came: it only names its item
    out = tmp_path / "o"
    args = ["--lang", "zh_CN", "collect", str(tmp_path / "团委.docx"), "--plan", str(SHIPPED_PLAN), "-o", str(out)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1, result.output
    warned = [line for line in result.output.splitlines() if "这一行未计入" in line]
    assert warned and all(": 警告: 表格第 " in line and "row " not in line for line in warned)
    counted = re.search(r"(\d+) 行未计入", result.output)
    assert counted is not None and int(counted.group(1)) == len(warned)  # the summary agrees with the warnings
    assert "共 1 项活动" in result.output and "0 个错误" in result.output
    sheet = openpyxl.load_workbook(out / "活动安排汇总.xlsx")["问题"]
    rows = [[c.value for c in r] for r in sheet.iter_rows(min_row=2) if r[3].value == "row-not-filled"]
    assert len(rows) == len(warned)
    assert all(str(tmp_path) not in r[2] and r[2].startswith("只填了活动项目") for r in rows)  # file, row: own columns
