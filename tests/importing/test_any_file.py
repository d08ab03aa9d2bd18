"""Whatever lines a Word file holds, import writes a plan that checks without errors and whose notice loses no word."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from tests.support.printed import import_checked, missing_words, printed_text
from tests.support.word_files import add_table

PIECES = [
    "一、指导思想", "二、组织机构", "三、活动时间", "四、主要工作任务", "五、工作要求", "六、联系方式", "七、申报方式",
    "（一）高度重视", "（二）认真组织，确保实效。", "1.作品须为原创。", "2、每人一件", "（1）一式两份", "①电子版",
    "组  长：王强、赵  丽", "副组长：李明", "组  员：各部门负责人", "成员：张华", "活动领导：主管院领导",
    "责任部门：宣传部、教务处", "承办单位：团委", "活动时间：5月10日（周五）上午9:00", "活动地点：报告厅",
    "工作任务：开展宣传,服务社会;认真组织:确保(安全)。", "4月28日-5月28日", "2019年5月8日至20日", "5月18日",
    "请于5月9日前上报，每周三前报送，5月20日中午12点前交总结。", "联系人：宣传部李杉杉 电话：84825237 邮箱：a@b.cn",
    "写成{{ year }}或{% 这样 %}的文字", "附件：1.活动安排表", "2.报名表", "宣传部", "2019年4月30日", "各单位：",
    "关于开展2019年“宣传月”活动的通知", "长春医学高等专科学校", "2019年“职业教育宣传月”活动方案",
    "为贯彻落实省教育厅《关于开展宣传的通知》（吉教函〔2019〕9号）精神，制定本方案。", "备注：活动项目包括：",
    "上报部门：  2019年  月  日", "", "　", "x" * 250,
]  # fmt: skip
TABLES = [
    [
        ["序号", "活动内容", "活动事件", "时间", "承办单位"],
        ["1", "展览", "成果展", "5月9日", "科研处"],
        ["2", None, "讲座", "5月10日", "教务处"],
    ],
    [["活动项目", "具体内容", "联系电话"], ["", "", ""], ["", "", ""]],
    [["作品名称", ("", 2)], ["作者", "", ""]],
]  # fmt: skip


def imported_notice_words(folder: Path, lines: list[str | int]) -> tuple[str, list[tuple[str, str]]]:
    """Import a Word file of ``lines`` (an int: one of TABLES); the plan's text and the words its notice lost."""
    document = docx.Document()
    for line in lines:
        if isinstance(line, int):
            add_table(document, TABLES[line])
        else:
            document.add_paragraph(line)
    source = folder / "方案.docx"
    document.save(str(source))
    text, review, report = import_checked(source, folder / "plan.yaml")
    assert all(r.severity.value in ("edit", "note", "warning") for r in review)
    assert report.resolved is not None
    printed = printed_text(report.resolved)
    cells = [cell or "" for n in lines if isinstance(n, int) for row in TABLES[n] for cell in row if cell]
    words = [str(c[0] if isinstance(c, tuple) else c) for c in cells]
    return text, missing_words([line for line in lines if isinstance(line, str)] + words, printed)


@pytest.mark.filterwarnings("ignore")
@given(st.lists(st.one_of(st.sampled_from(PIECES), st.integers(0, len(TABLES) - 1)), max_size=30))
@example(["2019年4月30日", "附件：1.活动安排表", "七、申报方式"])  # the lines after a 附件 note were lost
@example(["二、组织机构", "组  长：王强、赵  丽", "组  长：王强、赵  丽"])  # a second 组长 line overwrote the first
def test_any_sequence_of_lines_imports_to_a_plan_whose_notice_prints_every_word(
    tmp_path_factory: pytest.TempPathFactory, lines: list[str | int]
) -> None:
    text, missing = imported_notice_words(tmp_path_factory.mktemp("any"), lines)
    assert missing == [], text
