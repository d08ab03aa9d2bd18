"""The words an import reads as people write them: dates, who is responsible, who signs, the contact."""

from __future__ import annotations

import datetime as dt

import pytest

from docgen.importing.dates import first_span, time_after, wording
from docgen.importing.facts import Deadlines, Units, find_contact
from docgen.importing.responsible import named_in
from docgen.importing.signers import campaign_of, school_in_title, split_signer

D = dt.date


@pytest.mark.parametrize(
    ("text", "start", "end", "guesses"),
    [
        ("2021年5月25-28日", D(2021, 5, 25), D(2021, 5, 28), []),
        ("2021 年 5 月 22 日—28 日", D(2021, 5, 22), D(2021, 5, 28), []),
        ("2022年6月1日—30日", D(2022, 6, 1), D(2022, 6, 30), []),
        ("将于2023年4月21日至5月26日举办", D(2023, 4, 21), D(2023, 5, 26), []),
        ("2023年12月20日至2024年1月10日", D(2023, 12, 20), D(2024, 1, 10), []),
        ("12月20日至1月10日", D(2023, 12, 20), D(2024, 1, 10), []),
        ("2022年12月1日——12月7日", D(2022, 12, 1), D(2022, 12, 7), []),
        ("10月8日――10月14日", D(2023, 10, 8), D(2023, 10, 14), []),
        ("5月24日－25日", D(2023, 5, 24), D(2023, 5, 25), []),
        ("９月１７日（周六）全天", D(2023, 9, 17), D(2023, 9, 17), []),
        ("12月 3日 至 12月 7日 。", D(2023, 12, 3), D(2023, 12, 7), []),
        ("5月上旬至6月上旬", D(2023, 5, 1), D(2023, 6, 10), ["5月上旬", "6月上旬"]),
        ("11月中旬—12月中旬", D(2023, 11, 11), D(2023, 12, 20), ["11月中旬", "12月中旬"]),
        ("4月中旬", D(2023, 4, 11), D(2023, 4, 20), ["4月中旬"]),
        ("2月下旬", D(2023, 2, 21), D(2023, 2, 28), ["2月下旬"]),
        ("4月初", D(2023, 4, 1), D(2023, 4, 10), ["4月初"]),
        ("5月底", D(2023, 5, 21), D(2023, 5, 31), ["5月底"]),
        ("决定于2023年4月举办", D(2023, 4, 1), D(2023, 4, 30), ["4月"]),
    ],
)
def test_days_as_people_write_them(text: str, start: dt.date, end: dt.date, guesses: list[str]) -> None:
    span = first_span(text, 2023)
    assert span is not None
    assert (span.start, span.end, span.guesses) == (start, end, guesses)


def test_from_today_starts_on_the_notice_date_and_other_numbers_are_no_days() -> None:
    span = first_span("即日起至10月28日", 2021, today=D(2021, 10, 12))
    assert span is not None and span.from_today
    assert (span.start, span.end) == (D(2021, 10, 12), D(2021, 10, 28))
    assert wording(span, "即日起至10月28日") == "即日起至{{ period.end | md }}"
    for text in ("2020-2021学年", "电话：0571-86001234", "5月25", "13月2日", "2月30日"):
        assert first_span(text, 2023) is None, text


def test_a_day_without_a_year_after_a_december_start_is_in_the_next_year() -> None:
    span = first_span("1月5日至1月10日", 2023, near=D(2023, 12, 20))
    assert span is not None and span.next_year
    assert (span.start, span.end) == (D(2024, 1, 5), D(2024, 1, 10))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "2021年5月25-28日",
            "{{ period.start.year }}年{{ period.start.month }}月{{ period.start.day }}-{{ period.end.day }}日",
        ),
        ("2021 年 5 月 22 日—28 日", "{{ period.start | ymd }}—{{ period.end.day }}日"),
        ("2023年12月20日至2024年1月10日", "{{ period.start | ymd }}至{{ period.end | ymd }}"),
        ("5月上旬至6月上旬", "{{ period.start.month }}月上旬至{{ period.end.month }}月上旬"),
        ("9月17日（周六）", "{{ period.start | md }}（{{ period.start | weekday }}）"),
    ],
)
def test_the_period_is_written_again_as_written(text: str, expected: str) -> None:
    span = first_span(text, 2021)
    assert span is not None
    assert wording(span, text) == expected


def test_the_time_of_day_after_a_day() -> None:
    assert time_after("上午9:00在图书馆报告厅举行") == "上午9:00"
    assert time_after("下午在大学生活动中心举行") == "下午"
    assert time_after("14:30-16:00") == "14:30-16:00"
    assert time_after("，组织学生") == ""


@pytest.mark.parametrize(
    ("text", "units", "helpers"),
    [
        ("举办启动仪式。5月8日上午在广场举行。（负责部门：院办公室、教务处）", ["院办公室", "教务处"], []),
        ("诵读宪法。（责任单位：学生工作处、团委，各二级学院）", ["学生工作处", "团委", "各二级学院"], []),
        ("举办展览。（牵头部门：宣传部，配合部门：团委、学生处）", ["宣传部"], ["团委", "学生处"]),
        ("5月22日在报告厅举行，由科学技术处、宣传部负责。", ["科学技术处", "宣传部"], []),
        ("5月29日，由团委组织志愿者到中学宣讲。", ["团委"], []),
        ("5月27日至31日，各学院开放实验室和科普场馆。", ["各学院"], []),
        ("开展一次隐患排查：请各单位在11月9日前排查。", ["各单位"], []),
        ("保卫处、各教学单位要根据活动安排有序疏导人流。", ["保卫处", "各教学单位"], []),
    ],
)
def test_units_named_in_a_sentence(text: str, units: list[str], helpers: list[str]) -> None:
    found = named_in(text)
    assert found is not None
    assert (found.units, found.helpers) == (units, helpers)


def test_a_sentence_without_units_names_none() -> None:
    assert named_in("宣传科技创新成就。") is None
    assert named_in("参观师生在各开放平台扫码打卡，集满六个印章可兑换纪念品。") is None


@pytest.mark.parametrize(
    ("line", "school", "unit"),
    [
        ("海宁大学保卫处", "海宁大学", "保卫处"),
        ("青州大学科学技术处", "青州大学", "科学技术处"),
        ("共青团北岭医药高等专科学校委员会", "北岭医药高等专科学校", "共青团北岭医药高等专科学校委员会"),
        ("青州理工职业学院", "青州理工职业学院", "青州理工职业学院"),
        ("科学技术研究院", None, "科学技术研究院"),
        ("学生处", None, "学生处"),
    ],
)
def test_a_signature_line_names_the_school_and_the_issuing_unit(line: str, school: str | None, unit: str) -> None:
    assert split_signer(line) == (school, unit)


@pytest.mark.parametrize(
    ("title", "school", "campaign"),
    [
        ("关于开展海宁大学第12届“119消防日”活动的通知", "海宁大学", "119消防日"),
        ("江川职业技术学院关于举办第六届“书香江川”读书月活动的通知", "江川职业技术学院", "书香江川"),
        ("东岭学院2022年“宪法宣传周”活动方案", "东岭学院", "宪法宣传周"),
        ("关于做好石湖工业大学2024年科技活动周工作的通知", "石湖工业大学", "科技活动周"),
        ("关于开展2023年科研平台开放日活动的通知", None, "科研平台开放日"),
        ("关于举办第六届“书香江川”读书月活动的通知", None, "书香江川"),
    ],
)
def test_the_school_and_the_campaign_a_title_names(title: str, school: str | None, campaign: str) -> None:
    assert school_in_title(title) == school
    assert campaign_of(title, school) == campaign


@pytest.mark.parametrize(
    ("line", "names", "phone", "email"),
    [
        ("联系人：保卫处孙立　电话：0571-86001234", ["孙立"], "0571-86001234", None),
        (
            "联系人：科学技术处郑凯，电话：0551-62901234，邮箱：kjc@example.edu.cn",
            ["郑凯"],
            "0551-62901234",
            "kjc@example.edu.cn",
        ),
        ("联系人：赵慧 88492142", ["赵慧"], "88492142", None),
        ("校科协秘书处 周楠 韩雪 66120458", ["周楠", "韩雪"], "66120458", None),
        ("保卫处 吴敏 83927751", ["吴敏"], "83927751", None),
    ],
)
def test_contacts_with_or_without_labels(line: str, names: list[str], phone: str, email: str | None) -> None:
    found = find_contact(line)
    assert found is not None
    assert (found.names, found.phone, found.email) == (names, phone, email)


def test_a_deadline_keeps_who_owes_it_and_the_same_day_twice_is_one_deadline() -> None:
    units = Units()
    deadlines = Deadlines(2022, units)
    deadlines.replace("各学院于6月10日前将本单位活动安排报保卫处，6月30日前报送活动总结。")
    deadlines.replace(
        "请各单位于6月10日下午5点前报送。"
    )  # the same day again, for every unit: one deadline, everybody's
    assert [(d["date"], d.get("units"), d.get("time")) for d in deadlines.found.values()] == [
        (D(2022, 6, 10), None, "下午5点"),
        (D(2022, 6, 30), [units.ids["各学院"]], None),
    ]
    task_deadline = Deadlines(2022, units)
    task_deadline.replace(
        "各班级召开班会，班会记录于6月20日前报学生处。", task="task4"
    )  # 各班级: not a unit of the plan
    assert [(d.get("task"), d.get("units")) for d in task_deadline.found.values()] == [("task4", None)]
