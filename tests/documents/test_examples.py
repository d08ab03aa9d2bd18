"""The example plans of other shapes: each checks clean, renders, and its notice follows the plan's shape."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree

import docgen
from tests.support.paths import ROOT

EXAMPLES = ROOT / "examples"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _paragraphs(path: Path) -> list[str]:
    """Every non-empty paragraph of the main part, table cells included, in document order."""
    root = etree.fromstring(zipfile.ZipFile(path).read("word/document.xml"))
    texts = ("".join(t.text or "" for t in p.iter(f"{W}t")) for p in root.iter(f"{W}p"))
    return [t for t in texts if t.strip()]


def _example(name: str, tmp_path: Path) -> Path:
    """A copy of the example in a folder of its own: in the checkout, ``templates/`` one level up is the user's."""
    folder = tmp_path / "plan"
    folder.mkdir()
    return Path(shutil.copy(EXAMPLES / name, folder / name))


def _render(name: str, tmp_path: Path) -> tuple[docgen.Plan, list[Path]]:
    report = docgen.check_plan(_example(name, tmp_path))
    assert report.plan is not None, [str(p) for p in report.problems]
    assert not [p for p in report.problems if p.is_error]
    return report.plan, docgen.render(report, tmp_path / "out")


def _notice(paths: list[Path]) -> Path:
    [notice] = [p for p in paths if p.parent.name == "out" and "通知" in p.name]
    return notice


def _in_order(texts: list[str], wanted: list[str]) -> None:
    """Each wanted text starts a paragraph (after its padding), in this order."""
    position = 0
    for text in wanted:
        found = next((i for i in range(position, len(texts)) if texts[i].lstrip("\u3000 ").startswith(text)), None)
        assert found is not None, f"{text!r} not found after paragraph {position}: {texts[position : position + 5]}"
        position = found + 1


def _merged(table: etree._Element, column: int) -> list[str]:
    """A column's texts below the header as the XML holds them: a cell merged into the one above is empty."""
    texts = []
    for row in table.findall(f"{W}tr")[1:]:
        cell = row.findall(f"{W}tc")[column]
        merge = cell.find(f"{W}tcPr/{W}vMerge")
        text = "".join(t.text or "" for t in cell.iter(f"{W}t"))
        continues = merge is not None and merge.get(f"{W}val") in (None, "continue")
        texts.append("" if continues else text)
        assert not (continues and text), "a continued cell holds no text"
    return texts


@pytest.mark.parametrize("name", sorted(p.name for p in EXAMPLES.glob("*.yaml")))
def test_every_example_checks_without_warnings_and_renders(name: str, tmp_path: Path) -> None:
    report = docgen.check_plan(_example(name, tmp_path))
    assert report.plan is not None
    assert [str(p) for p in report.warnings if p.code != "adjusted-workday"] == []  # notes are facts, not warnings
    paths = docgen.render(report, tmp_path / "out")
    assert paths and all(p.is_file() and p.stat().st_size > 0 for p in paths)


def test_science_week_has_its_own_sections_an_events_table_and_two_attachments(tmp_path: Path) -> None:
    plan, paths = _render("科技活动周.yaml", tmp_path)
    texts = _paragraphs(_notice(paths))
    _in_order(
        texts,
        [
            "关于开展2023年“科技活动周”活动的通知",
            "各二级学院、各部门：",
            "为深入实施创新驱动发展战略",
            "一、活动主题",
            "二、活动时间",
            "5月22日至26日",
            "三、活动安排",
            "序号",
            "四、申报方式",
            "（一）填写《2023年“科技活动周”活动申报表》（见附件1）",
            "（二）于5月17日中午12点前",
            "（三）申报材料要求",
            "1.活动名称简洁明确",
            "五、工作要求",
            "（一）各单位要高度重视",
            "六、联系方式",
            "联系人：科研处周明",
            "附件：1. 2023年“科技活动周”活动申报表",
            "2. 2023年“科技活动周”活动日程表",
            "科研处",
            "2023年5月10日",
            "附件1",
            "附件2",
        ],
    )
    assert not any(t.startswith(("指导思想", "组织机构")) or "组　长" in t for t in texts)
    document = docx.Document(str(_notice(paths)))
    events, form, schedule = document.tables
    assert [c.text for c in events.rows[0].cells] == ["序号", "活动内容", "活动名称", "时间", "地点", "承办单位"]
    assert len(events.rows) == 1 + len(plan.tasks)
    # 科普讲座, 实验室开放 and 科技竞赛 each stand once, in a cell merged over their rows
    assert _merged(events._tbl, 1) == ["科普讲座", "", "实验室开放", "", "科技竞赛", "", ""]
    assert events.rows[1].cells[3].text == "5月22日\n下午2:30"
    assert [c.text for c in form.rows[0].cells] == list(plan.form.columns)  # type: ignore[union-attr]
    assert len(form.rows) == 1 + 8
    assert [c.text for c in schedule.rows[0].cells] == ["日期", "活动名称", "地点"]
    assert _merged(schedule._tbl, 0) == ["5月22日", "5月23日", "5月24日", "", "5月25日", "", "5月26日"]
    # the form lists no tasks after its remark (list_tasks: false)
    assert not any(t.startswith("1.院士专家") for t in texts)


def test_reading_month_has_no_group_no_requirements_and_no_task_sheets(tmp_path: Path) -> None:
    _, paths = _render("读书月.yaml", tmp_path)
    assert [p.name for p in paths] == ["关于举办2023年读书月系列活动的通知.docx"]
    texts = _paragraphs(paths[0])
    _in_order(
        texts,
        [
            "一、活动主题",
            "二、活动时间",
            "2023年4月12日至5月12日",
            "三、活动内容",
            "（一）读书月启动仪式暨好书推荐会",
            "时间：4月12日（周三）下午3:00",
            "地点：图书馆一楼大厅",
            "对象：全体师生",
            "发布年度推荐书目",
            "（二）“我与一本书”征文比赛",
            "时间：4月20日至5月5日",
            "1.征文题目自拟",
            "3.评出一等奖3名",
            "四、有关要求",
            "请各二级学院积极组织学生参加",
            "活动期间图书馆正常开放",
            "五、联系方式",
        ],
    )
    assert not any(t.startswith(("附件", "工作任务", "责任部门")) for t in texts)
    assert zipfile.ZipFile(paths[0]).read("word/document.xml").count(b"<w:sectPr") == 1  # no empty section


def test_safety_month_has_a_prose_group_time_before_theme_and_a_four_column_form(tmp_path: Path) -> None:
    _, paths = _render("安全宣传月.yaml", tmp_path)
    texts = _paragraphs(_notice(paths))
    _in_order(
        texts,
        [
            "各单位：",
            "一、组织领导",
            "学校成立“安全宣传月”活动领导小组",
            "领导小组办公室设在保卫处",
            "二、活动时间",
            "三、活动主题",
            "四、活动内容",
            "（一）安全知识专题讲座",
            "责任单位：保卫处",
            "参加人员：全体新生及辅导员",
            "邀请消防、公安部门专家",
            "五、工作要求",
            "（二）及时总结，按时报送",
            "各单位请于6月20日下午5点前",
            "附件：2023年“安全宣传月”活动开展情况回执表",
            "附件",
        ],
    )
    assert not any("组　长" in t or t.startswith("工作任务") for t in texts)
    form = docx.Document(str(_notice(paths))).tables[0]
    assert [c.text for c in form.rows[0].cells] == ["活动名称", "开展时间", "参加人数", "备注"]
    sheets = [p for p in paths if p.parent.name == "任务单"]
    assert {p.name.split("-")[0] for p in sheets} == {"保卫处", "学生处", "后勤管理处", "各二级学院"}
    forms = [p for p in paths if p.parent.name == "活动开展情况回执表"]
    prefilled = docx.Document(str(next(p for p in forms if p.name.startswith("学生处")))).tables[0]
    assert prefilled.rows[1].cells[0].text == "安全教育主题班会"
