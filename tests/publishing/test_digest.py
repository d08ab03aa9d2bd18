"""The weekly 工作简报: issues numbered as the record says, items by task, pictures in the package, the commands."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from docx.shared import Emu, Mm
from lxml import etree

import docgen
from docgen.cli import main
from docgen.errors import FormError, OutputExistsError
from docgen.plan.files import resolved_plan
from docgen.plan.model import Plan
from docgen.publishing.issues import CUT_MARK, gather_issues, task_of
from docgen.publishing.writing import write_digest
from docgen.tracking.record import opened_record
from tests.support.docx_text import open_docx
from tests.support.paths import SHIPPED_PLAN
from tests.support.plans import plan_with
from tests.support.report_samples import (
    ACADEMIC_TEXT,
    LONG_TEXT,
    WEEK_1,
    WEEK_3,
    build_report_returns,
    photo,
    touch,
)

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MAY_9, MAY_10 = dt.date(2019, 5, 9), dt.date(2019, 5, 10)


@pytest.fixture(scope="module")
def plan() -> Plan:
    return resolved_plan(SHIPPED_PLAN)


@pytest.fixture(scope="module")
def built(plan: Plan, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_report_returns(plan, tmp_path_factory.mktemp("reports") / "回收")


@pytest.fixture
def returns_dir(built: Path, tmp_path: Path) -> Path:
    """A test's own copy of the returns folder: writing a 简报 records it there."""
    return Path(shutil.copytree(built, tmp_path / "回收"))


@pytest.fixture(scope="module")
def week_2(plan: Plan, built: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("out")
    returns = Path(shutil.copytree(built, tmp_path_factory.mktemp("copy") / "回收"))
    write_digest(plan, returns, 2, out, day=MAY_10)  # 图书馆's report came on 5月10日
    return out


def texts(path: Path) -> list[str]:
    return [p.text for p in open_docx(path).paragraphs]


def test_issues_are_numbered_over_the_weeks_that_have_reports(plan: Plan, returns_dir: Path) -> None:
    issues = gather_issues(plan, returns_dir, 3)
    assert [(i.number, i.week) for i in issues] == [(1, 1), (2, 2)]  # week 3: nobody sent anything
    first, second = issues
    # a report goes under the task whose own words its title (else its text) shares, else under 其他
    assert [(g.number, [i.unit.name for i in g.items]) for g in first.groups] == [(5, ["教务处"]), (0, ["团委"])]
    assert [(g.number, [i.unit.name for i in g.items]) for g in second.groups] == [
        (3, ["学生工作处"]),
        (0, ["招生就业处", "工会", "图书馆"]),
    ]
    library = second.groups[1].items[2]
    assert library.late and library.title == "图书馆举办“职教好声音”读书分享会"  # 0510: after the due day
    assert [u.name for u in second.missing][:3] == ["教务处", "各院部", "社区卫生服务中心"]
    assert "团委" in [u.name for u in second.missing] and "图书馆" not in [u.name for u in second.missing]


def test_numbers_follow_the_record_a_week_written_again_keeps_its_number(plan: Plan, returns_dir: Path) -> None:
    out = returns_dir.parent / "out"
    assert write_digest(plan, returns_dir, 2, out, day=MAY_9).issue.number == 1  # type: ignore[union-attr]
    assert [(i.number, i.week) for i in gather_issues(plan, returns_dir, 2)] == [(2, 1), (1, 2)]
    again = write_digest(plan, returns_dir, 2, out, day=dt.date(2019, 5, 10))
    assert again.issue is not None and again.issue.number == 1  # replaced in the record, not added
    assert write_digest(plan, returns_dir, 1, out, day=MAY_9).issue.number == 2  # type: ignore[union-attr]
    with opened_record(returns_dir) as record:
        assert [(i.number, i.week, i.day) for i in record.issues()] == [(1, 2, dt.date(2019, 5, 10)), (2, 1, MAY_9)]
    assert sorted(p.name for p in (out / "简报").iterdir()) == [
        "职业教育宣传月工作简报第1期.docx",
        "职业教育宣传月工作简报第2期.docx",
    ]


def test_a_week_with_no_report_before_the_first_shifts_the_numbers(plan: Plan, tmp_path: Path) -> None:
    root = build_report_returns(plan, tmp_path / "回收")
    shutil.rmtree(root / WEEK_1)
    numbered = resolved_plan(plan_with(tmp_path, ("\n# 联系人\n", "\ndigest:\n  first_issue: 7\n\n# 联系人\n")))
    assert [(i.number, i.week) for i in gather_issues(numbered, root, 4)] == [(7, 2)]


def test_the_digest_has_its_masthead_items_and_pictures_under_consecutive_headings(week_2: Path) -> None:
    path = week_2 / "简报" / "职业教育宣传月工作简报第1期.docx"  # week 2 is the first 简报 written
    lines = texts(path)
    assert lines[:3] == ["职业教育宣传月工作简报", "第1期", "党委宣传部\t2019年5月10日"]
    body = [line for line in lines[3:] if line]
    assert body[:2] == ["一、开展职业教育精准扶贫宣传工作", "学生工作处：精准扶贫宣传进社区"]
    assert [line for line in body if line.startswith(("一、", "二、", "三、"))] == [
        "一、开展职业教育精准扶贫宣传工作",
        "二、其他",
    ]
    pdf = ["Admissions open day: 320 visitors"] if shutil.which("pdftotext") else []  # else the PDF is listed
    other = body.index("二、其他")
    assert body[other + 1 : other + 3 + len(pdf)] == [
        "招生就业处：开放日简报",
        *pdf,
        "视频：招生就业处 开放日.mp4（4 KB）",
    ]
    assert body.index("工会：工会第2周工作情况") < body.index("图书馆：图书馆举办“职教好声音”读书分享会")
    assert "图1 读书分享会现场" in body
    assert not any(line.startswith("本周未报送材料的部门") for line in body)  # only where the plan asks for it
    document = open_docx(path)
    masthead = document.paragraphs[0].runs[0]
    assert masthead.font.color.rgb is not None and str(masthead.font.color.rgb) == "FF0000"
    border = document.paragraphs[2]._p.find(f"{W}pPr/{W}pBdr/{W}bottom")
    assert border is not None and border.get(f"{W}color") == "FF0000"


def test_a_digest_holds_only_what_came_by_the_end_of_its_day(plan: Plan, returns_dir: Path, tmp_path: Path) -> None:
    """图书馆's week 2 report came on 5月10日: not in the 简报 dated 5月9日, and a note says one file came later."""
    written = write_digest(plan, returns_dir, 2, tmp_path / "out", day=MAY_9)
    body = texts(tmp_path / "out" / "简报" / "职业教育宣传月工作简报第1期.docx")
    assert "党委宣传部\t2019年5月9日" in body and not any(line.startswith("图书馆：") for line in body)
    assert any(line.startswith("工会：") for line in body)  # came on 5月8日
    [note] = [p for p in written.problems if p.code == "digest-files-came-later"]
    assert note.params == {"count": 1, "week": 2, "day": "2019年5月9日"}
    assert "1 file(s) for week 2 came after 2019年5月9日" in str(note)
    with opened_record(returns_dir) as record:
        [issue] = record.issues()
    assert "library" not in {unit for unit, _ in issue.items}  # the tally counts only what the issue holds
    again = write_digest(plan, returns_dir, 2, tmp_path / "out", day=MAY_10, force=True)
    assert again.issue is not None and "图书馆" in {i.unit.name for i in again.issue.items}
    assert not [p for p in again.problems if p.code == "digest-files-came-later"]


def test_the_units_that_sent_nothing_close_the_docx_where_the_plan_asks(returns_dir: Path, tmp_path: Path) -> None:
    listing = resolved_plan(plan_with(tmp_path, ("\n# 联系人\n", "\ndigest:\n  list_missing: true\n\n# 联系人\n")))
    write_digest(listing, returns_dir, 2, tmp_path / "out", day=MAY_9)
    body = [line for line in texts(tmp_path / "out" / "简报" / "职业教育宣传月工作简报第1期.docx") if line]
    assert body[-1].startswith("本周未报送材料的部门：教务处、各院部、社区卫生服务中心")
    page = (tmp_path / "out" / "专栏" / "issue-1.html").read_text(encoding="utf-8")
    assert "未报送" not in page and "视频：" not in page and "KB" not in page  # never on the public column


def test_pictures_are_parts_of_the_package_upright_and_scaled_to_the_page(
    plan: Plan, returns_dir: Path, tmp_path: Path
) -> None:
    write_digest(plan, returns_dir, 1, tmp_path, day=dt.date(2019, 5, 2))
    path = tmp_path / "简报" / "职业教育宣传月工作简报第1期.docx"
    document = open_docx(path)
    shapes = document.inline_shapes
    assert len(shapes) == 4  # 教务处's two in its report, 团委's two photos
    for shape in shapes:
        assert shape.width <= Mm(140) + Emu(1) and shape.height <= Mm(95) + Emu(1)
    sizes = [(s.width, s.height) for s in shapes]
    assert sizes[2][0] < sizes[2][1]  # 团委's photo lay sideways with EXIF orientation 6: now upright
    assert sizes[1][0] < sizes[1][1] and sizes[0][0] > sizes[0][1]
    with zipfile.ZipFile(path) as package:
        names = package.namelist()
        rels = etree.fromstring(package.read("word/_rels/document.xml.rels"))
        types = package.read("[Content_Types].xml").decode()
    targets = {r.get("Id"): r.get("Target") for r in rels}
    blips = document.element.body.iter("{http://schemas.openxmlformats.org/drawingml/2006/main}blip")
    embeds = [b.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed") for b in blips]
    assert len(embeds) == 4 and all(f"word/{targets[e]}" in names for e in embeds)
    assert 'Extension="jpeg"' in types and 'Extension="png"' in types
    body = [t for t in texts(path) if t]
    assert body.index("教务处：教务处开展技能大赛赛场开放活动") < body.index(ACADEMIC_TEXT) < body.index("图2 家长观摩")
    assert "五四青年节升旗仪式" in body  # a picture file's name is its caption


def test_a_plan_set_length_cuts_the_text_with_the_mark(plan: Plan, returns_dir: Path, tmp_path: Path) -> None:
    short = resolved_plan(plan_with(tmp_path, ("\n# 联系人\n", "\ndigest:\n  excerpt: 100\n\n# 联系人\n")))
    issue = gather_issues(short, returns_dir, 2)[1]
    long_item = next(i for i in issue.items if i.unit.name == "学生工作处")
    assert long_item.cut and long_item.paragraphs == [type(long_item.paragraphs[0])(LONG_TEXT[:100] + CUT_MARK)]
    whole = next(i for i in gather_issues(plan, returns_dir, 2)[1].items if i.unit.name == "学生工作处")
    assert not whole.cut and whole.paragraphs[0].text == LONG_TEXT


def test_an_empty_week_or_a_week_out_of_range_is_a_clear_error(plan: Plan, returns_dir: Path, tmp_path: Path) -> None:
    with pytest.raises(FormError) as empty:
        write_digest(plan, returns_dir, 3, tmp_path, day=MAY_9)
    assert empty.value.problems[0].code == "digest-empty-week"
    with pytest.raises(FormError) as beyond:
        gather_issues(plan, returns_dir, 9)
    assert beyond.value.problems[0].code == "digest-no-such-week" and beyond.value.problems[0].params["weeks"] == 5
    assert not (tmp_path / "简报").exists()


def test_a_users_edited_digest_is_not_replaced_without_force(plan: Plan, returns_dir: Path, tmp_path: Path) -> None:
    write_digest(plan, returns_dir, 1, tmp_path, day=MAY_9)
    edited = tmp_path / "简报" / "职业教育宣传月工作简报第1期.docx"
    edited.write_bytes(b"edited in Word")
    with pytest.raises(OutputExistsError):
        write_digest(plan, returns_dir, 1, tmp_path, day=MAY_9)
    assert edited.read_bytes() == b"edited in Word"
    write_digest(plan, returns_dir, 1, tmp_path, day=MAY_9, force=True)
    assert texts(edited)[1] == "第1期"


def test_cli_digest_reports_the_issue_and_the_unreadable_picture(returns_dir: Path, tmp_path: Path) -> None:
    args = ["digest", str(SHIPPED_PLAN), "--returns", str(returns_dir), "--week", "2", "--date", "2019-05-09"]
    result = CliRunner().invoke(main, [*args, "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "第1期 (week 2): 3 reports, 13 units sent nothing" in result.output  # 图书馆's came on 5月10日
    assert "1 file(s) for week 2 came after 2019年5月9日 and are not in this 简报" in result.output
    assert "工会照片.jpg" in result.output and "the picture cannot be read" in result.output
    assert (tmp_path / "专栏" / "index.html").exists()
    missing = CliRunner().invoke(main, ["digest", str(SHIPPED_PLAN), "--returns", str(returns_dir), "--week", "3"])
    assert missing.exit_code != 0 and "nobody has sent anything for week 3" in missing.output


def test_cli_digest_as_a_process_in_chinese(returns_dir: Path, tmp_path: Path) -> None:
    docgen_command = shutil.which("docgen", path=str(Path(sys.executable).parent))
    assert docgen_command is not None
    args = [docgen_command, "--lang", "zh_CN", "digest", str(SHIPPED_PLAN), "--returns", str(returns_dir)]
    result = subprocess.run([*args, "--week", "1", "-o", str(tmp_path)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert "第1期（第1周）：2份材料，14 个部门未报送" in result.stdout
    assert (tmp_path / "简报" / "职业教育宣传月工作简报第1期.docx").exists()


def test_the_column_shows_each_issue_as_written_until_its_week_is_written_again(plan: Plan, returns_dir: Path) -> None:
    out = returns_dir.parent / "out"
    write_digest(plan, returns_dir, 1, out, day=dt.date(2019, 5, 2))
    write_digest(plan, returns_dir, 2, out, day=MAY_9)
    before = sorted(p.name for p in (out / "专栏" / "images").iterdir())
    touch(returns_dir / WEEK_1 / "教务处" / "补充照片-颁奖.jpg", dt.date(2019, 5, 1), photo(120, 90, (9, 9, 9)))
    write_digest(plan, returns_dir, 2, out, day=MAY_9)
    assert sorted(p.name for p in (out / "专栏" / "images").iterdir()) == before  # 第1期 was written without it
    write_digest(plan, returns_dir, 1, out, day=dt.date(2019, 5, 2), force=True)
    assert len(list((out / "专栏" / "images").iterdir())) == len(before) + 1
    assert "补充照片-颁奖" in (out / "专栏" / "issue-1.html").read_text(encoding="utf-8")


def test_a_report_goes_under_the_task_its_title_or_else_its_text_names_otherwise_under_others(plan: Plan) -> None:
    def number(title: str, text: str = "", unit: str = "academic_affairs") -> int | None:
        found = task_of(plan, plan.unit(unit), title, text)
        return found[0] if found else None

    assert number("名师工作室体验") is None  # shares only 名师 with task 2: under 其他, not under the unit's first task
    assert number("技能大赛赛场开放日") == 5
    assert number("第二周工作情况", "本周组织师生开展精准扶贫义诊。") == 3  # its text names task 3's own words
    assert number("第二周工作情况", "本周开展了职业教育宣传活动。") is None  # words every task shares say nothing
    assert number("印发《致初中、高中毕业生及家长的一封信》", unit="union") == 1  # its title is the task's


def plain_report(target: Path, day: dt.date, lines: list[str]) -> Path:
    """A report as many units write it: plain paragraphs, its title only a first short line."""
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    target.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(target))
    return touch(target, day)


def test_an_items_heading_is_the_reports_own_title_else_its_file_name_as_written(
    plan: Plan, returns_dir: Path, tmp_path: Path
) -> None:
    """The officer's week: titles in plain first lines, a 修改稿, a name with full-width punctuation, bare photos."""
    day = dt.date(2019, 5, 12)
    plain_report(
        returns_dir / WEEK_3 / "工会周报.docx", day, ["工会第三周活动开展情况", "工会组织劳模工匠进校园宣讲会一场。"]
    )
    title = "教务处第三周活动开展情况（修改稿）"
    plain_report(
        returns_dir / WEEK_3 / "教务处第三周（修改稿）.docx", day, ["上报部门：教务处", title, "本周开展职业体验日。"]
    )
    plain_report(returns_dir / WEEK_3 / "图书馆-读书月，好书推荐（2）.docx", day, ["本周举办读书分享会，借阅两百册。"])
    touch(returns_dir / WEEK_3 / "团委-IMG_3001.jpg", day, photo(320, 240, (20, 90, 20)))
    touch(returns_dir / WEEK_3 / "团委-IMG_3002.jpg", day, photo(320, 240, (90, 20, 20)))
    [issue] = [i for i in gather_issues(plan, returns_dir, 3) if i.week == 3]
    items = {item.unit.name: item for item in issue.items}
    assert items["工会"].title == "工会第三周活动开展情况"  # its first line, not 周报 from its name
    assert [p.text for p in items["工会"].paragraphs] == ["工会组织劳模工匠进校园宣讲会一场。"]  # not printed twice
    assert items["教务处"].title == "教务处第三周活动开展情况"  # a version mark says nothing about the work
    assert items["图书馆"].title == "读书月，好书推荐"  # one sentence only: its file's name, full-width kept
    assert items["团委"].title == "团委第3周工作情况"
    # a camera's name is no caption: the item's title is, the pictures told apart by their place
    assert [p.caption for p in items["团委"].pictures] == ["图1 团委第3周工作情况", "图2 团委第3周工作情况"]
    # 劳模 is how reports write task 2's 劳动模范: 工会's report goes under it, not under 其他
    assert [(g.number, [i.unit.name for i in g.items]) for g in issue.groups] == [
        (2, ["工会"]),
        (0, ["教务处", "团委", "图书馆"]),
    ]
    written = write_digest(plan, returns_dir, 3, tmp_path / "out", day=dt.date(2019, 5, 16))
    assert written.issue is not None
    path = tmp_path / "out" / "简报" / f"职业教育宣传月工作简报第{written.issue.number}期.docx"
    body = [line for line in texts(path) if line]
    assert "工会：工会第三周活动开展情况" in body and "图书馆：读书月，好书推荐" in body
    assert body.count("工会第三周活动开展情况") == 0 and "图2 团委第3周工作情况" in body  # the photo's caption line
    assert docgen.audit([path]).findings == []  # docgen's own 简报 has no problem
