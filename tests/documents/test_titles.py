"""Long titles break into a 梯形 (longer line below) or a 菱形, never cutting a 书名号, a quoted name or a number."""

from __future__ import annotations

import itertools

import pytest

from docgen.chinese import text_width
from docgen.documents.titles import LINE_CHARS, notice_title_lines, title_lines
from docgen.plan.files import resolved_plan
from tests.support.paths import SHIPPED_PLAN


def shaped(lines: list[str]) -> bool:
    """Widths rise to the longest line and fall after it, never upside down: a trapezoid or a diamond."""
    widths = [text_width(line) for line in lines]
    peak = widths.index(max(widths))
    rising = all(a <= b for a, b in itertools.pairwise(widths[: peak + 1]))
    return rising and all(a >= b for a, b in itertools.pairwise(widths[peak:]))


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        # the book title is too long to share a line: a diamond keeps it whole in the middle
        (
            "关于印发《2019年“职业教育宣传月”活动方案》的通知",
            ["关于印发", "《2019年“职业教育宣传月”活动方案》", "的通知"],
        ),
        # it fits with 的通知 below 关于印发: a trapezoid, the longer line below
        ("关于印发《2019年“安全宣传月”活动方案》的通知", ["关于印发", "《2019年“安全宣传月”活动方案》的通知"]),
        ("关于印发《工作要点》的通知", ["关于印发《工作要点》的通知"]),
        ("第一行\n第二行", ["第一行", "第二行"]),  # a title with breaks of its own keeps them
    ],
)
def test_titles_break_where_the_meaning_allows(title: str, expected: list[str]) -> None:
    assert title_lines(title) == expected


def test_no_line_is_longer_than_the_one_below_it_or_than_the_text_block() -> None:
    long_titles = [
        "关于各部门各院部报送职业教育宣传月期间开展的全部宣传活动的图片视频和文字材料的具体格式要求",
        "关于印发《长春医学高等专科学校2019年“全国科技活动周”暨“科普宣传月”系列活动实施方案》的通知",
        "关于尽快报送本周宣传活动开展情况和下周宣传活动安排计划的通知",
    ]
    for title in long_titles:
        lines = title_lines(title)
        assert "".join(lines) == title
        assert all(text_width(line) <= LINE_CHARS for line in lines), lines
        assert shaped(lines), lines
        for line in lines:  # a quoted name and a number with its 年 are never cut
            assert line.count("“") == line.count("”"), lines
            assert not line.startswith(("年", "》", "”")), lines


def test_a_trapezoid_when_asked_for_one_under_the_institution() -> None:
    title = "关于印发《2019年“职业教育宣传月”活动方案》的通知"
    lines = title_lines(title, diamond=False)
    widths = [text_width(line) for line in lines]
    assert widths == sorted(widths) and "".join(lines) == title


def test_a_title_no_shape_fits_still_comes_out_whole_in_full_lines() -> None:
    title = "测" * 90
    lines = title_lines(title)
    assert "".join(lines) == title and all(text_width(line) <= LINE_CHARS for line in lines)


def test_the_notice_keeps_the_plans_own_lines_and_breaks_its_default_title() -> None:
    plan = resolved_plan(SHIPPED_PLAN)
    assert notice_title_lines(plan) == ["长春医学高等专科学校", "2019年“职业教育宣传月”活动方案"]
    long_campaign = plan.model_copy(update={"campaign": "职业教育宣传月暨国家职业教育活动周系列宣传"})
    lines = notice_title_lines(long_campaign)
    assert lines[0] == "长春医学高等专科学校" and len(lines) == 3
    assert text_width(lines[1]) <= text_width(lines[2]) <= LINE_CHARS
