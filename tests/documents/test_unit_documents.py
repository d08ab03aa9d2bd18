"""The letter, one task sheet and one prefilled form for every responsible unit."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx.oxml.ns import qn

import docgen
from docgen import chinese
from docgen.cli import main
from docgen.documents.deadlines import CELL_CHARS, cell_lines
from tests.support.docx_text import lines, open_docx
from tests.support.paths import SHIPPED_PLAN
from tests.support.plans import plan_with

SHEETS, FORMS = "任务单", "活动安排表"
SUFFIX_SHEET, SUFFIX_FORM = "-2019年职业教育宣传月任务单.docx", "-2019年职业教育宣传月活动安排.docx"
LETTER = "致初中、高中毕业生及家长的一封信.docx"
PLACEHOLDER_MARKS = ("待填", "TODO", "XXX", "{{", "{%", "}}")


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("out")
    docgen.render(SHIPPED_PLAN, folder)
    return folder


def sheet_lines(out: Path, unit: str) -> list[str]:
    return lines(open_docx(out / SHEETS / f"{unit}{SUFFIX_SHEET}"))


def task_headings(out: Path, unit: str) -> list[str]:
    document = open_docx(out / SHEETS / f"{unit}{SUFFIX_SHEET}")
    return [p.text for p in document.paragraphs if p.style.name == "Heading 2"]


def test_one_sheet_and_one_form_per_responsible_unit(out: Path) -> None:
    plan = docgen.load_plan(SHIPPED_PLAN)
    names = sorted(u.name for u in plan.responsible_units())
    assert len(names) == 17
    assert sorted(p.name.removesuffix(SUFFIX_SHEET) for p in (out / SHEETS).iterdir()) == names
    assert sorted(p.name.removesuffix(SUFFIX_FORM) for p in (out / FORMS).iterdir()) == names


def test_sheet_holds_exactly_the_units_tasks(out: Path) -> None:
    assert [h[:3] for h in task_headings(out, "教务处")] == ["（一）", "（二）", "（五）"]
    assert task_headings(out, "信息部") == ["（六）利用各级媒体广泛宣传职业教育", "（七）开设职教宣传月专栏"]


def test_security_office_gets_the_safety_duty_only(out: Path) -> None:
    text = sheet_lines(out, "保卫处")
    assert task_headings(out, "保卫处") == ["（五）加强防范，确保安全"]
    assert "根据活动安排有序疏导人流，排查安全隐患，确保活动安全。" in text
    assert "承担的工作任务" not in "".join(text)


def test_sheet_names_partners_in_plan_order(out: Path) -> None:
    text = sheet_lines(out, "学生工作处")
    assert "与招生就业处、教务处共同承担。" in text
    assert "与学校办公室、团委、各院部、生命科学馆、图书馆、大学生活动中心共同承担。" in text


def test_deadlines_with_weekdays_numbered_so_they_do_not_read_like_decimals(out: Path) -> None:
    text = "\n".join(sheet_lines(out, "教务处"))
    assert "（1）5月9日（周四）前上报活动安排表" in text
    # the last part-week (5月23日至5月28日) is due after the period: the sheet says when, as the status counts
    assert "（2）每周三前报送本周活动开展情况（最后一次5月29日前）" in text
    assert "（3）5月24日（周五）前报送宣传成果总结，纸质版加盖部门公章，电子版发至邮箱" in text
    assert not re.search(r"\d\.\d+月", text)
    assert "每周四前" not in text  # the column's weekly report concerns task (七) only
    assert "每周四前上报本周宣传活动开展情况（最后一次5月30日前）" in "\n".join(sheet_lines(out, "信息部"))


def test_the_issuers_sheet_says_what_it_receives(out: Path) -> None:
    text = sheet_lines(out, "宣传部")
    deadlines = text[text.index("二、时间节点") + 1 : text.index("三、联系方式")]
    assert deadlines[0] == "（1）5月9日（周四）前各部门向本部门上报活动安排表"
    assert len(deadlines) == 4
    assert all("各部门向本部门" in line for line in deadlines)


def test_period_is_worded_the_same_in_notice_and_sheets(out: Path) -> None:
    notice = "\n".join(lines(open_docx(out / "2019年职业教育宣传月活动方案.docx")))
    sheet = sheet_lines(out, "工会")
    assert "活动时间：4月28日-5月28日" in sheet  # the shipped plan's separator
    assert "4月28日-5月28日" in notice
    assert "至5月28日" not in notice + "".join(sheet)


def test_contact_and_blank_liaison_line_fit_one_line(out: Path) -> None:
    text = sheet_lines(out, "工会")
    assert "宣传部李杉杉　电话：84825237　邮箱：18083554@qq.com" in text
    liaison = next(t for t in text if t.startswith("本部门联络员："))
    assert re.fullmatch("本部门联络员：\uff3f{6}　联系电话：\uff3f{6}", liaison)
    assert 2 + len(liaison) <= 28  # indented two characters, on the 28-character line


def test_calendar_grid_marks_the_right_days(out: Path) -> None:
    document = open_docx(out / SHEETS / f"信息部{SUFFIX_SHEET}")
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["一", "二", "三", "四", "五", "六", "日"]
    days: dict[str, str] = {}
    after: dict[str, str] = {}  # the days after the period whose numbers April used already (29, 30)
    for row in table.rows[1:]:
        for column, cell in enumerate(row.cells):
            label, _, marks = cell.text.partition("\n")
            if label:
                (after if label in days else days)[label] = f"{'一二三四五六日'[column]}|{marks}"
    # each mark on lines of its own, broken to fit the cell (six 9 pt characters), none left alone
    assert days["4月28日"] == "日|班\n活动开始"  # a Sunday worked in lieu of the May Day break (调休)
    # weekly deadlines inside the May Day break move to the working day before it, marked 提前
    assert days["30"] == "二|★报送本周\n活动开展情况\n（提前）\n★上报本周\n宣传活动开展\n情况（提前）"
    assert days["5月1日"] == "三|休"
    assert days["2"] == "四|休"
    assert days["4"] == "六|休"
    assert days["5"] == "日|班"
    assert days["9"] == "四|★上报活\n动安排表\n★上报本\n周宣传活\n动开展情况"
    assert days["24"] == "五|★报送宣\n传成果总结"
    assert days["28"] == "二|活动结束"
    # the last part-week (5月23日至5月28日) is due after the period, on the days the status counts by
    assert after["29"] == "三|★报送本周\n活动开展情况"
    assert after["30"] == "四|★上报本\n周宣传活\n动开展情况"
    assert days["10"] == "五|"
    assert len(table.rows) == 1 + 6 + 1  # the weekdays, six weeks, the legend
    legend = table.rows[-1].cells[0].text
    assert legend == (
        "★为截止日，事项最迟在当天完成，遇节假日提前；休为节假日放假，班为调休上班；活动时间为4月28日-5月28日。"
    )
    # every day cell is aligned at the top, so the day numbers stand on one line across a week
    assert all(c._tc.tcPr.vAlign.get(qn("w:val")) == "top" for row in table.rows[1:-1] for c in row.cells)


def test_prefilled_form_for_a_unit(out: Path) -> None:
    document = open_docx(out / FORMS / f"教务处{SUFFIX_FORM}")
    assert document.paragraphs[1].text.startswith("上报部门（院部）：教务处\t2019年")
    rows = [[c.text for c in row.cells] for row in document.tables[0].rows[1:]]
    assert rows[0] == ["印发《致初中、高中毕业生及家长的一封信》", "", "", "", "教务处", "", ""]
    assert rows[1][0] == "开展技能大师（名师）、劳动模范校园行活动"
    assert rows[2][0] == "开展职业院校技能大赛赛场开放活动"
    assert all(cell == "" for row in rows[3:] for cell in row)
    assert len(rows) == 17


def test_letter(out: Path) -> None:
    document = open_docx(out / LETTER)
    text = [p.text.strip() for p in document.paragraphs]
    assert text[0] == "致初中、高中毕业生及家长的一封信"
    assert text[2] == "亲爱的初中、高中毕业生及家长朋友们："
    body = "".join(text)
    assert "中高职衔接" in body
    assert text[-3:] == ["长春医学高等专科学校", "招生就业处", "2019年4月30日"]
    assert not any(line.startswith(("招生咨询电话", "学校网址", "学校地址")) for line in text)


def test_letter_optional_lines_and_own_date(tmp_path: Path) -> None:
    plan = plan_with(
        tmp_path,
        ("  # hotline: 招生咨询电话", "  hotline: 0431-12345678\n  date: 2019-05-06"),
    )
    docgen.render(plan, tmp_path / "out", only="letter")
    text = [p.text.strip() for p in open_docx(tmp_path / "out" / LETTER).paragraphs]
    assert "招生咨询电话：0431-12345678" in text
    assert not any(line.startswith("学校网址") for line in text)
    assert text[-1] == "2019年5月6日"


def test_no_output_holds_placeholder_marks(out: Path) -> None:
    for path in out.rglob("*.docx"):
        text = "\n".join(lines(open_docx(path)))
        for mark in PLACEHOLDER_MARKS:
            assert mark not in text, f"{path.name} holds {mark}"


def test_unit_option_limits_sheets_and_forms(tmp_path: Path) -> None:
    paths = docgen.render(SHIPPED_PLAN, tmp_path, only="task-sheet,unit-form", unit="党委宣传部")
    assert [p.relative_to(tmp_path).as_posix() for p in paths] == [
        f"{SHEETS}/宣传部{SUFFIX_SHEET}",
        f"{FORMS}/宣传部{SUFFIX_FORM}",
    ]


def test_unknown_unit_is_refused_before_writing(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["render", str(SHIPPED_PLAN), "-o", str(tmp_path / "o"), "--unit", "教务"])
    assert result.exit_code == 1
    assert "no unit is called '教务' (did you mean" in result.output
    assert "教务处" in result.output
    assert not (tmp_path / "o").exists()


def test_list_shows_who_does_what() -> None:
    result = CliRunner().invoke(main, ["list", str(SHIPPED_PLAN)])
    assert result.exit_code == 0, result.output
    assert "kinds: notice, form, letter, task-sheet, unit-form" in result.output
    assert "信息部 (information)\n  （六）利用各级媒体广泛宣传职业教育\n  （七）开设职教宣传月专栏\n" in result.output
    assert "保卫处 (security)\n  requirement （五） 加强防范，确保安全\n" in result.output
    chinese = CliRunner().invoke(main, ["--lang", "zh_CN", "list", str(SHIPPED_PLAN)])
    assert "保卫处 (security)\n  工作要求（五）加强防范，确保安全\n" in chinese.output


def test_an_unknown_unit_lists_each_unit_once_with_its_name(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["render", str(SHIPPED_PLAN), "--unit", "nobody", "-o", str(tmp_path)])
    assert result.exit_code == 1
    assert "(units: admissions (招生就业处), student_affairs (学生工作处), " in result.stderr
    assert result.stderr.count("information") == 1
    assert not any(tmp_path.iterdir())


@pytest.mark.parametrize(
    ("marks", "expected"),
    [
        (["休"], "休"),
        (["班", "活动开始"], "班\n活动开始"),
        # thirteen characters in a six-character cell: three even lines, none left alone (was 6, 6 and 况)
        (["★上报本周宣传活动开展情况"], "★上报本\n周宣传活\n动开展情况"),
        # a bracketed phrase stays whole, on a line of its own rather than cut
        (["★报送本周活动开展情况（提前）"], "★报送本周\n活动开展情况\n（提前）"),
        # a bracketed phrase wider than the cell is cut, the date in it is not
        (["★报送总结（5月30日前）"], "★报送总结\n（5月30日\n前）"),
    ],
)
def test_calendar_cells_break_into_even_lines_that_keep_phrases_whole(marks: list[str], expected: str) -> None:
    assert cell_lines(marks) == expected
    for line in expected.split("\n"):
        assert chinese.text_width(line) <= CELL_CHARS
