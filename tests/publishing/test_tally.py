"""The 宣传评比 tally: counts per unit from the record, ranked; points only where the plan sets weights."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import openpyxl
import pytest
from lxml import html

from docgen.documents.batch import render
from docgen.plan.files import load_plan, resolved_plan
from docgen.plan.model import Plan, Unit
from docgen.publishing.writing import write_digest
from docgen.tracking.folders import write_status
from docgen.tracking.status import track_returns
from docgen.tracking.tally import COUNTS, RANK_ORDER, TallyRow, ranked, tally
from tests.support.paths import SHIPPED_PLAN
from tests.support.plans import plan_with
from tests.support.report_samples import build_report_returns

END = dt.date(2019, 5, 28)
WEIGHTS = "\nevaluation:\n  weights:\n    on_time: 2\n    missing: -1\n    pictures: 0.5\n    digest_items: 3\n"


@pytest.fixture(scope="module")
def returns_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three weeks of reports and two forms; only week 2's 简报 written (第1期, dated 5月10日)."""
    plan = load_plan(SHIPPED_PLAN)
    forms = {p.name.split("-")[0]: p for p in render(SHIPPED_PLAN, tmp_path_factory.mktemp("forms"), only="unit-form")}
    root = build_report_returns(plan, tmp_path_factory.mktemp("reports") / "回收", forms)
    write_digest(resolved_plan(SHIPPED_PLAN), root, 2, tmp_path_factory.mktemp("digest"), day=dt.date(2019, 5, 10))
    return root


def by_unit(rows: list[TallyRow]) -> dict[str, TallyRow]:
    return {r.unit.name: r for r in rows}


def test_counts_per_unit_come_from_the_files(returns_dir: Path) -> None:
    rows = by_unit(tally(track_returns(load_plan(SHIPPED_PLAN), returns_dir, END)))
    counts = {
        name: [rows[name].counts[c] for c in COUNTS] for name in ("教务处", "团委", "图书馆", "招生就业处", "工会")
    }
    # on time, late, missing (schedule, 4 weeks, summary), activities, pictures, videos, items in the 简报 written
    assert counts == {
        "教务处": [2, 0, 4, 1, 2, 0, 0],  # form, week 1; two photos inside its Word report; week 1 has no 简报
        "团委": [1, 1, 4, 1, 2, 0, 0],  # form; week 1 on 5月1日 (its name), after the holiday-moved 4月30日
        "图书馆": [0, 1, 5, 0, 1, 0, 1],  # week 2 after the due day (0510 in its name), in 第1期
        "招生就业处": [1, 0, 5, 0, 0, 1, 1],  # a PDF and a video
        "工会": [1, 0, 5, 0, 1, 0, 1],  # a photo that will not open is still a picture sent
    }
    assert all(r.score is None for r in rows.values())  # the shipped plan sets no weights: counts only


def test_only_the_issues_written_by_the_day_count(returns_dir: Path) -> None:
    before = by_unit(tally(track_returns(load_plan(SHIPPED_PLAN), returns_dir, dt.date(2019, 5, 8))))
    assert all(row.counts["digest_items"] == 0 for row in before.values())  # 第1期 is dated 5月10日


def test_without_weights_units_are_ranked_by_their_counts(returns_dir: Path) -> None:
    rows = tally(track_returns(load_plan(SHIPPED_PLAN), returns_dir, END))
    assert [(r.rank, r.unit.name) for r in rows[:6]] == [
        (1, "工会"),  # in the 简报 written, on time, a picture
        (2, "招生就业处"),  # a video
        (3, "学生工作处"),
        (4, "图书馆"),  # late
        (5, "教务处"),  # more on time, but in no 简报 written
        (6, "团委"),
    ]
    assert rows[-1].unit.name == "信息部"  # it also owes the column's weekly report, and sent nothing


def test_weights_from_the_plan_give_points_and_the_ranking(returns_dir: Path, tmp_path: Path) -> None:
    plan = load_plan(plan_with(tmp_path, ("\n# 联系人\n", WEIGHTS + "\n# 联系人\n")))
    rows = tally(track_returns(plan, returns_dir, END))
    scores = {r.unit.name: r.score for r in rows}
    assert scores["教务处"] == 2 * 2 - 4 + 0.5 * 2  # 1.0: its week 1 report is in no 简报 written
    assert scores["图书馆"] == -5 + 0.5 + 3
    assert scores["各院部"] == -6
    assert [r.score for r in rows] == sorted((r.score for r in rows), reverse=True)  # type: ignore[arg-type]


def test_the_status_page_and_workbook_carry_the_tally(returns_dir: Path, tmp_path: Path) -> None:
    plan: Plan = load_plan(plan_with(tmp_path, ("\n# 联系人\n", WEIGHTS + "\n# 联系人\n")))
    write_status(track_returns(plan, returns_dir, END), tmp_path / "out")
    page = html.fromstring((tmp_path / "out" / "status.html").read_bytes())
    header = [th.text_content() for th in page.xpath("//table[@id='tally']/thead//th")]
    assert header == [
        "名次",
        "部门",
        "按时报送",
        "逾期报送",
        "未报送",
        "活动安排中的活动",
        "图片",
        "视频",
        "简报采用",
        "得分",
    ]
    first = [td.text_content() for td in page.xpath("//table[@id='tally']/tbody/tr[1]/td")]
    assert first[:2] == ["1", "教务处"] and first[-1] == "1"
    sheet = openpyxl.load_workbook(tmp_path / "out" / "status.xlsx")["宣传评比"]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=1, max_row=3)]
    assert rows[0][-1] == "得分" and rows[1][0] == 1 and rows[1][-1] == 1 and rows[1][1] == "教务处"
    unweighted = tmp_path / "plain"
    write_status(track_returns(load_plan(SHIPPED_PLAN), returns_dir, END), unweighted)
    plain = html.fromstring((unweighted / "status.html").read_bytes())
    assert "得分" not in [th.text_content() for th in plain.xpath("//table[@id='tally']/thead//th")]
    assert "未设定评比分值" in plain.xpath("//table[@id='tally']")[0].getprevious().text_content()


def test_a_late_report_never_ranks_below_no_report() -> None:
    """Units alike but for their returns: on time first, then more sent in all (late counts), then fewer missing."""
    plan = load_plan(SHIPPED_PLAN)
    units = {u.name: u for u in plan.units}

    def row(name: str, on_time: int, late: int, missing: int) -> tuple[Unit, dict[str, int], None]:
        counts = dict.fromkeys(COUNTS, 0) | {"on_time": on_time, "late": late, "missing": missing}
        return units[name], counts, None

    rows = ranked([row("信息部", 0, 0, 3), row("工会", 0, 1, 2), row("团委", 0, 2, 1), row("教务处", 1, 0, 2)])
    assert [(r.rank, r.unit.name) for r in rows] == [(1, "教务处"), (2, "团委"), (3, "工会"), (4, "信息部")]
    same = ranked([row("信息部", 0, 1, 2), row("工会", 0, 1, 2)])
    assert [r.rank for r in same] == [1, 1]


def test_the_page_prints_the_order_the_ranking_uses(returns_dir: Path, tmp_path: Path) -> None:
    write_status(track_returns(load_plan(SHIPPED_PLAN), returns_dir, END), tmp_path / "out")
    text = html.fromstring((tmp_path / "out" / "status.html").read_bytes()).text_content()
    rule = (
        "按简报采用、按时报送、报送总数（按时和逾期）、图片、视频、活动数依次排名（多者在前），仍相同的按未报送少者在前"
    )
    assert rule in text
    assert rule_order(rule) == list(RANK_ORDER)


def rule_order(rule: str) -> list[str]:
    """The count names in the order a printed rule names them."""
    words = {"简报采用": "digest_items", "按时报送": "on_time", "报送总数（按时和逾期）": "sent", "图片": "pictures"}
    words |= {"视频": "videos", "活动数": "activities", "未报送": "missing"}
    return [words[w] for w in re.findall("|".join(re.escape(w) for w in words), rule)]
