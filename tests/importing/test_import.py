"""docgen import: Word files of several shapes become plans whose notices read like the originals."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import pytest
import yaml
from docx.enum.text import WD_BREAK

import docgen
from docgen.errors import Severity
from tests.support.import_shapes import prose_notice, reading_month, safety_notice, science_week, youth_week
from tests.support.paths import SHIPPED_PLAN
from tests.support.word_files import add_table, seed_document, similarity, visible_text


def imported(source: Path, tmp_path: Path) -> tuple[Path, list[docgen.Finding]]:
    """Import ``source`` into tmp_path/plan.yaml; the plan checks without errors."""
    text, review = docgen.import_plan(source)
    plan = tmp_path / "plan.yaml"
    plan.write_text(text, encoding="utf-8")
    report = docgen.check_plan(plan)
    assert report.errors == [], "\n".join(map(str, report.errors))
    return plan, review


def rendered_notice(plan: Path, out: Path) -> Path:
    paths = docgen.render(plan, out, only="notice")
    return next(p for p in paths if p.suffix == ".docx")


def round_trip(source: Path, tmp_path: Path) -> tuple[docgen.Plan, float, list[docgen.Finding]]:
    plan, review = imported(source, tmp_path)
    notice = rendered_notice(plan, tmp_path / "out")
    return docgen.load_plan(plan), similarity(visible_text(source), visible_text(notice)), review


@pytest.fixture
def seed_docx(seed_text: str, tmp_path: Path) -> Path:
    path = tmp_path / "2019方案.docx"
    seed_document(seed_text).save(str(path))
    return path


def test_the_seed_as_word_imports_to_the_shipped_plans_structure(
    seed_docx: Path, seed_text: str, tmp_path: Path
) -> None:
    plan, _, review = round_trip(seed_docx, tmp_path)
    shipped = docgen.load_plan(SHIPPED_PLAN)
    assert (plan.institution, plan.year, plan.campaign, plan.notice.title) == (
        shipped.institution,
        shipped.year,
        shipped.campaign,
        shipped.notice.title,
    )
    assert len(plan.tasks) == 7
    assert [[plan.unit(u).name for u in t.units] for t in plan.tasks] == [
        [shipped.unit(u).name for u in t.units] for t in shipped.tasks
    ]
    assert [r.title for r in plan.requirements] == [r.title for r in shipped.requirements]
    assert plan.period == shipped.period
    assert (plan.issued, plan.theme) == (shipped.issued, shipped.theme)
    assert plan.issuer is not None and plan.unit(plan.issuer).name == "宣传部"
    assert plan.contact is not None and shipped.contact is not None
    assert (plan.contact.name, plan.contact.phone, plan.contact.email) == (
        shipped.contact.name,
        shipped.contact.phone,
        shipped.contact.email,
    )
    dates = sorted(str((d.date, d.weekday)) for d in plan.deadlines.values())
    assert dates == sorted(str((d.date, d.weekday)) for d in shipped.deadlines.values())
    # the seed writes [2019]; the shipped plan writes 〔2019〕 as GB/T 9704 does (issue 19): import keeps what it reads
    brackets = str.maketrans("[]", "〔〕")
    assert [(p.number or "").translate(brackets) for p in plan.policies] == [p.number for p in shipped.policies]
    assert plan.deadlines["schedule"].to is not None and plan.unit(plan.deadlines["schedule"].to).name == "宣传部"
    assert plan.form is not None and shipped.form is not None
    assert (plan.form.columns, plan.form.blank_rows, plan.form.submitter) == (
        shipped.form.columns,
        shipped.form.blank_rows,
        shipped.form.submitter,
    )
    assert plan.organization is not None and plan.organization.deputy_leaders == ["陈贵锋", "赵欣", "李银山", "袁兆新"]
    assert not [r for r in review if r.severity is Severity.EDIT]
    notice = rendered_notice(tmp_path / "plan.yaml", tmp_path / "again")
    assert similarity(seed_text.replace("[bookmark: _GoBack]", ""), visible_text(notice)) >= 0.97


def test_the_imported_seed_keeps_placeholders_for_what_changes_each_year(seed_docx: Path) -> None:
    text, _ = docgen.import_plan(seed_docx)
    data = yaml.safe_load(text)
    assert "{{ policies | cite }}" in data["notice"]["opening"]
    assert "{{ year }}年{{ campaign }}" in data["notice"]["opening"]
    second = data["requirements"][1]["text"]
    assert "{{ deadlines.schedule | md }}前" in second
    assert "{{ contact.phone }}" in second and "{{ contact.email }}" in second
    assert "每{{ deadlines.task7_report | weekday }}前" in data["tasks"][6]["work"]  # the task's own, not everybody's
    assert "每{{ deadlines.weekly_report | weekday }}前" in second
    # the 2019 shape: docgen's default order and headings; the seed numbers its time and theme 1、, which is kept
    assert data["sections"] == [
        {"use": "ideology"},
        {"use": "organization"},
        {"use": "time_and_theme", "numbering": ["1、"]},
        {"use": "tasks"},
        {"use": "requirements"},
    ]
    assert text.count("\n# ") >= 10, "each top-level key has its Chinese comment"


def test_the_notice_docgen_renders_imports_back_to_an_equivalent_plan(tmp_path: Path) -> None:
    notice = rendered_notice(SHIPPED_PLAN, tmp_path / "first")
    shipped = docgen.resolve_plan(docgen.load_plan(SHIPPED_PLAN))
    plan, ratio, _ = round_trip(notice, tmp_path)
    back = docgen.resolve_plan(plan)
    assert ratio >= 0.99
    assert [t.title for t in back.tasks] == [t.title for t in shipped.tasks]
    assert [t.work for t in back.tasks] == [t.work for t in shipped.tasks]
    assert [[back.unit(u).name for u in t.units] for t in back.tasks] == [
        [shipped.unit(u).name for u in t.units] for t in shipped.tasks
    ]
    assert [(r.title, r.text) for r in back.requirements] == [(r.title, r.text) for r in shipped.requirements]
    assert (back.period, back.theme, back.issued, back.ideology) == (
        shipped.period,
        shipped.theme,
        shipped.issued,
        shipped.ideology,
    )
    assert back.notice.opening == shipped.notice.opening
    assert sorted(str((d.date, d.weekday)) for d in back.deadlines.values()) == sorted(
        str((d.date, d.weekday)) for d in shipped.deadlines.values()
    )
    assert back.form == shipped.form.model_copy(update={"widths": None})  # type: ignore[union-attr]
    # the deadlines come back as the plan has them: keys, days, actions (folder names, 催报), who gets them
    tasks = {b.id: s.id for b, s in zip(back.tasks, shipped.tasks, strict=True)}
    assert deadline_facts(back, tasks) == deadline_facts(shipped, {t.id: t.id for t in shipped.tasks})


def deadline_facts(plan: docgen.Plan, tasks: dict[str, str]) -> dict[str, tuple[object, ...]]:
    """Each deadline by its key, its task's id as the shipped plan names it (task7 -> column), without ``how``."""
    found = {}
    for key, d in plan.deadlines.items():
        task = tasks[d.task] if d.task is not None else None
        named = key.replace(d.task, task) if d.task is not None and task is not None else key
        to = plan.unit(d.to).name if d.to is not None else None
        found[named] = (d.date, d.weekday, d.action, task, to, d.after_end, d.time)
    return found


def test_a_notice_with_automatic_numbering_a_salutation_and_a_prose_group(tmp_path: Path) -> None:
    document, numbers = safety_notice()
    source = tmp_path / "安全宣传月.docx"
    document.save(str(source))
    plan, review = imported(source, tmp_path)
    loaded = docgen.load_plan(plan)
    notice = rendered_notice(plan, tmp_path / "out")
    assert similarity(visible_text(source, numbers), visible_text(notice)) >= 0.95
    assert loaded.notice.title_lines == ["关于开展{{ year }}年“安全宣传月”活动的通知"]
    assert loaded.notice.salutation == "各单位："
    assert loaded.organization is not None and "院长尹方任组长" in (loaded.organization.text or "")
    assert [[loaded.unit(u).name for u in t.units] for t in loaded.tasks] == [
        ["保卫处"],
        ["学生工作处", "各系"],
        ["后勤处"],
    ]
    assert (loaded.period.start, loaded.period.end) == (dt.date(2007, 6, 1), dt.date(2007, 6, 30))
    assert loaded.issued == dt.date(2007, 5, 25)
    summary = loaded.deadlines["summary"]
    assert (summary.date, summary.time) == (dt.date(2007, 6, 29), "中午12点")
    assert loaded.contact is not None and loaded.contact.phone == "0431-84561234"
    assert [r.title for r in loaded.requirements] == [None, None]
    assert "，提高自我防范能力，" in (loaded.notice.opening or "")
    slips = [r for r in review if r.code == "import-punctuation"]
    assert slips and slips[0].params["paragraph"] == 3


def test_a_plan_that_is_mostly_a_table_of_events_with_merged_cells(tmp_path: Path) -> None:
    source = tmp_path / "科技活动周.docx"
    science_week().save(str(source))
    plan, ratio, review = round_trip(source, tmp_path)
    assert ratio >= 0.95
    section = next(s for s in plan.notice_sections() if s.use == "tasks")
    assert (section.view, section.heading) == ("table", "活动安排")
    assert [c.field for c in section.columns] == ["number", "group", "title", "when", "participants", "place", "units"]
    assert [t.group for t in plan.tasks] == ["科普展览", "科普展览", "科普讲座", "科普讲座"]
    assert plan.tasks[2].date == dt.date(2022, 5, 12) and plan.tasks[2].time == "下午2:30"
    assert [plan.unit(u).name for t in plan.tasks for u in t.units] == ["科研处", "科研处", "教务处", "团委"]
    assert plan.period.wording == "{{ period.start | ymd }}至{{ period.end.day }}日"
    assert [s.heading for s in plan.notice_sections()][-2:] == ["申报方式", "宣传工作"]
    own = plan.notice_sections()[3]
    assert own.items[1].items[0].text == "作品说明一式两份。"
    assert plan.attachments is not None and [a.title for a in plan.attachments] == ["科技作品申报表", "活动日程安排"]
    assert plan.attachments[1].table is not None and plan.attachments[1].table.rows[0] == ["5月9日", "开幕式"]
    assert {r.code for r in review} >= {"import-own-section"}


def test_a_reading_month_without_group_or_requirements(tmp_path: Path) -> None:
    source = tmp_path / "读书月.docx"
    reading_month().save(str(source))
    plan, ratio, review = round_trip(source, tmp_path)
    assert ratio >= 0.95
    assert [s.use for s in plan.notice_sections()] == ["theme", "tasks", None]
    assert plan.organization is None and plan.requirements == ()
    assert plan.tasks[1].items[1].text == "征文请发至library@example.edu.cn。"
    assert plan.deadlines["deadline"].date == dt.date(2023, 4, 15)
    # 决定于2023年4月举办: the period is the month the opening names, and the review says how it was read
    assert (plan.period.start, plan.period.end) == (dt.date(2023, 4, 1), dt.date(2023, 4, 30))
    assert {"import-period-from-opening", "import-day-assumed"} <= {r.code for r in review}
    assert "{{ period.start.year }}年{{ period.start.month }}月" in (plan.notice.opening or "")


def test_a_plan_with_typed_numbers_at_every_level_and_a_group_of_its_own_labels(tmp_path: Path) -> None:
    source = tmp_path / "职业教育活动周.docx"
    youth_week().save(str(source))
    plan, ratio, review = round_trip(source, tmp_path)
    assert ratio >= 0.99
    org = plan.organization
    assert org is not None
    assert [(r.label, r.names, r.text) for r in org.roles] == [
        ("活动领导", [], "主管院领导"),
        ("组长", ["王强"], None),
        ("成员", ["李明", "张华", "赵丽"], None),
    ]
    assert org.note == "领导小组办公室设在团委。"
    tasks_section = next(s for s in plan.notice_sections() if s.use == "tasks")
    assert tasks_section.labels == {"units": "承办单位"}
    first, second = plan.tasks
    assert (first.date, first.time, first.place, first.participants) == (
        dt.date(2021, 5, 10),
        "上午9:00",
        "学院广场",
        "全体学生",
    )
    assert [i.text for i in first.items] == ["机械系展示数控加工。", "电子系展示智能家居。"]
    assert (second.date, second.end_date) == (dt.date(2021, 5, 12), dt.date(2021, 5, 14))
    assert [s.use for s in plan.notice_sections()][-1] == "contact"
    assert plan.contact is not None and (plan.contact.name, plan.contact.phone) == ("刘洋", "13900001111")
    assert plan.policies[0].number == "教职成厅函〔2021〕8号" and plan.policies[0].issuer == "教育部办公厅"
    assert plan.deadlines["deadline"].time == "中午12点"
    assert "（体验）" in (second.work or "")
    assert [r.params["marks"] for r in review if r.code == "import-punctuation"] == ["( )"]


def test_a_notice_in_prose_has_no_sections(tmp_path: Path) -> None:
    source = tmp_path / "暑期安全.docx"
    prose_notice().save(str(source))
    plan, ratio, _ = round_trip(source, tmp_path)
    assert ratio >= 0.99
    assert plan.notice_sections() == []
    assert plan.notice.salutation == "各系部："
    assert "{{ deadlines.deadline | md }}前" in (plan.notice.opening or "")
    assert plan.issuer is not None and plan.unit(plan.issuer).name == "学生处"


def test_a_date_alone_in_a_section_is_not_taken_for_the_signature(tmp_path: Path) -> None:
    document = docx.Document()
    for line in (
        "2024年“开放日”活动方案",
        "一、活动时间",
        "2024年5月18日",
        "二、活动内容",
        "参观校园。",
        "附件：参观登记表",
        "招生办",
        "2024年5月6日",
    ):
        document.add_paragraph(line)
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    document.add_paragraph("附件")
    document.add_paragraph("参观登记表")
    add_table(document, [["姓名", "电话"], ["", ""], ["", ""]])
    source = tmp_path / "开放日.docx"
    document.save(str(source))
    plan, ratio, _ = round_trip(source, tmp_path)
    assert plan.issued == dt.date(2024, 5, 6) and plan.issuer is not None
    assert [(s.use, s.heading) for s in plan.notice_sections()] == [("time", None), (None, "活动内容")]
    assert (plan.period.start, plan.period.end) == (dt.date(2024, 5, 18), dt.date(2024, 5, 18))
    assert plan.attachments is not None and plan.attachments[0].title == "参观登记表"
    assert ratio >= 0.95


def test_a_table_in_a_section_of_its_own_stays_a_table(tmp_path: Path) -> None:
    document = docx.Document()
    for line in ("2024年“读书节”活动方案", "一、活动内容", "（一）好书推荐", "每班推荐三本。", "二、奖项设置"):
        document.add_paragraph(line)
    add_table(document, [["奖项", "名额", "奖品"], ["一等奖", "3", "证书、图书"], [("二等奖及三等奖", 2), "证书"]])
    document.add_paragraph("1.奖品由图书馆发放。")
    source = tmp_path / "读书节.docx"
    document.save(str(source))
    plan, ratio, review = round_trip(source, tmp_path)
    own = plan.notice_sections()[1]
    assert own.heading == "奖项设置" and own.table is not None
    assert own.table.columns == ["奖项", "名额", "奖品"]
    assert own.table.rows == [["一等奖", "3", "证书、图书"], ["二等奖及三等奖", "", "证书"]]
    assert [i.text for i in own.items] == ["奖品由图书馆发放。"]
    assert ratio >= 0.95
    assert "import-text-before-table" not in {r.code for r in review}
