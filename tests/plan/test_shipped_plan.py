"""The shipped plan holds exactly the seed's facts."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

import docgen
from docgen.plan.schema import plan_schema_text
from tests.support.paths import ROOT, SHIPPED_PLAN


def test_shipped_plan_checks_clean_of_errors() -> None:
    report = docgen.check_plan(SHIPPED_PLAN)
    assert report.errors == [], [str(p) for p in report.errors]
    assert report.plan is not None


def test_shipped_plan_facts() -> None:
    plan = docgen.load_plan(SHIPPED_PLAN)
    assert plan.institution == "长春医学高等专科学校"
    assert plan.year == 2019
    assert plan.notice_title == "2019年“职业教育宣传月”活动方案"
    assert plan.unit(plan.issuer).name == "宣传部"
    assert plan.issued == dt.date(2019, 4, 30)
    assert (plan.period.start, plan.period.end) == (dt.date(2019, 4, 28), dt.date(2019, 5, 28))
    assert plan.theme == "改革创新促提升，助力职教创发展"
    # A deliberate deviation from the seed, which writes [2019]: GB/T 9704-2012 7.2.4 writes 〔2019〕.
    assert [p.number for p in plan.policies] == ["吉教职成办函〔2019〕9号", "吉教职成字〔2015〕11号"]
    assert plan.organization.leaders == ["姜元生", "薛春志"]
    assert plan.organization.deputy_leaders == ["陈贵锋", "赵欣", "李银山", "袁兆新"]
    publicity = plan.unit(plan.organization.lead)
    assert (publicity.name, publicity.full_name) == ("宣传部", "党委宣传部")
    assert len(plan.tasks) == 7
    assert len(plan.requirements) == 5
    names = [[plan.unit(u).name for u in t.units] for t in plan.tasks]
    assert names == [
        ["招生就业处", "学生工作处", "教务处"],
        ["教务处", "各院部"],
        ["工会", "学生工作处", "社区卫生服务中心"],
        ["学校办公室", "学生工作处", "团委", "各院部", "生命科学馆", "图书馆", "大学生活动中心"],
        ["教务处", "各院部", "临床实训部"],
        ["宣传部", "信息部", "各党总支"],
        ["宣传部", "信息部"],
    ]
    assert [plan.unit(u).name for u in plan.requirements[4].units] == ["保卫处", "各教学单位"]
    assert plan.contact.name == "李杉杉"
    assert plan.contact.phone == "84825237"
    assert plan.contact.email == "18083554@qq.com"
    assert plan.deadlines["schedule"].date == dt.date(2019, 5, 9)
    assert plan.deadlines["summary"].date == dt.date(2019, 5, 24)
    assert plan.deadlines["weekly_report"].weekday == 3
    assert plan.deadlines["column_report"].weekday == 4
    assert plan.form.blank_rows == 17
    assert len(plan.form.columns) == 7
    assert plan.letter.title == "致初中、高中毕业生及家长的一封信"


def test_unit_names_are_registered_once() -> None:
    plan = docgen.load_plan(SHIPPED_PLAN)
    names = [u.name for u in plan.units]
    assert len(names) == len(set(names))


def test_running_text_renders_placeholders() -> None:
    plan = docgen.resolve_plan(docgen.load_plan(SHIPPED_PLAN))
    assert "5月9日前将活动安排上报到宣传部" in plan.requirements[1].text
    assert "每周三前" in plan.requirements[1].text
    assert "电话：84825237" in plan.requirements[1].text
    assert "每周四前上报" in plan.tasks[6].work
    assert plan.tasks[0].title == "印发《致初中、高中毕业生及家长的一封信》"
    assert "（吉教职成办函〔2019〕9号）" in plan.notice.opening  # the seed's [2019], as GB/T 9704 writes it
    assert "{{" not in plan.notice.opening


SCHEMA_COPIES = [ROOT / "schema", SHIPPED_PLAN.parent.parent / "schema"]


@pytest.mark.parametrize("folder", SCHEMA_COPIES, ids=["checkout", "package"])
def test_committed_schema_matches_model(folder: Path) -> None:
    committed = (folder / "plan.schema.json").read_text(encoding="utf-8")
    assert committed == plan_schema_text(), "run 'make schema' and commit both copies of plan.schema.json"
    assert json.loads(committed)["title"] == "docgen campaign plan"


def test_shipped_plan_points_editors_at_schema() -> None:
    first = SHIPPED_PLAN.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schema/plan.schema.json"
    assert (SHIPPED_PLAN.parent / "../schema/plan.schema.json").resolve().exists()
