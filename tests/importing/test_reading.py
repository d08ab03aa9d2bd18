"""The pieces of an import: numbers, punctuation, deadlines, citations, unit ids, and hostile files."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pytest

from docgen.errors import WordFileError
from docgen.importing.facts import Deadlines, Units, citations, escape, fix_punctuation
from docgen.importing.lines import date_of_line, numbered
from docgen.importing.wordfile import MAX_PART_BYTES, read_word


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("一、指导思想", (1, "指导思想")),
        ("十二、其他", (1, "其他")),
        ("（三）高度重视", (2, "高度重视")),
        ("(三)高度重视", (2, "高度重视")),
        ("1.征文须为原创。", (3, "征文须为原创。")),
        ("2、活动主题：改革", (3, "活动主题：改革")),
        ("3．活动", (3, "活动")),
        ("（1）作品说明", (4, "作品说明")),
        ("①第一", (5, "第一")),
        ("2019.5.9前报送", None),
        ("为深入贯彻", None),
        ("一、", None),
    ],
)
def test_typed_numbers_give_the_level(text: str, expected: tuple[int, str] | None) -> None:
    assert numbered(text) == expected


def test_signature_dates_in_digits_and_in_chinese() -> None:
    assert date_of_line("2019年4月30日") == (2019, 4, 30)
    assert date_of_line("二〇一九年四月三十日") == (2019, 4, 30)
    assert date_of_line("二〇二〇年十二月九日") == (2020, 12, 9)
    assert date_of_line("截至2019年4月30日") is None


def test_half_width_punctuation_between_chinese_characters_becomes_full_width() -> None:
    assert fix_punctuation("开放日(周)活动,服务社会;要求:认真") == (
        "开放日（周）活动，服务社会；要求：认真",
        ["(", ")", ",", ";", ":"],
    )
    assert fix_punctuation("电话: 84825237, e-mail: a@b.cn") == ("电话: 84825237, e-mail: a@b.cn", [])


def test_deadlines_become_placeholders_once_each() -> None:
    found = Deadlines(2019, Units())
    text = found.replace(
        "请于5月9日前上报活动安排，每周三前报送进展，5月20日中午12点前报送总结，再次提醒5月9日前上报活动安排。"
    )
    assert text == (
        "请于{{ deadlines.schedule | md }}前上报活动安排，每{{ deadlines.weekly_report | weekday }}前报送进展，"
        "{{ deadlines.summary | md }}中午12点前报送总结，再次提醒{{ deadlines.schedule | md }}前上报活动安排。"
    )
    assert found.found == {
        "schedule": {"date": dt.date(2019, 5, 9), "action": "上报活动安排"},
        "weekly_report": {"weekday": 3, "action": "报送进展"},
        "summary": {"date": dt.date(2019, 5, 20), "time": "中午12点", "action": "报送总结"},
    }


def test_a_date_without_a_deadline_and_an_impossible_day_stay_text() -> None:
    found = Deadlines(2019, Units())
    assert found.replace("5月10日举办开放日，2月30日前完成") == "5月10日举办开放日，2月30日前完成"
    assert found.found == {}


def test_cited_documents_become_policies() -> None:
    cited = citations(
        "根据省教育厅《关于做好宣传的通知》（吉教函〔2019〕9号）、《实施意见》（吉教发〔2018〕2号）精神，制定本方案。"
    )
    assert cited is not None
    text, policies = cited
    assert text == "根据{{ policies | cite }}精神，制定本方案。"
    assert policies == [
        {"issuer": "省教育厅", "title": "关于做好宣传的通知", "number": "吉教函〔2019〕9号"},
        {"title": "实施意见", "number": "吉教发〔2018〕2号"},
    ]
    assert citations("学习《国家职业教育改革实施方案》精神") is None


def test_units_get_stable_ascii_ids() -> None:
    units = Units()
    assert [units.id_for(n) for n in ("宣传部", "党委宣传部", "科研处", "某某中心", "另一中心", "宣 传 部")] == [
        "publicity",
        "publicity1",
        "research",
        "unit1",
        "unit2",
        "publicity",
    ]


def test_braces_in_the_text_are_quoted_for_jinja() -> None:
    assert escape("写成{{ 名字 }}") == "写成{{ '{{' }} 名字 }}"


def test_a_part_inflating_past_the_limit_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "炸弹.docx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b" " * (MAX_PART_BYTES + 1))
    with pytest.raises(WordFileError) as caught:
        read_word(path)
    assert caught.value.problems[0].code == "import-too-large"


def test_a_doctype_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "实体.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", '<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>')
    with pytest.raises(WordFileError) as caught:
        read_word(path)
    assert caught.value.problems[0].code == "import-damaged"


def test_numbers_from_a_paragraph_style_are_read_like_typed_ones(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("一、申报要求")
    document.add_paragraph("作品须为原创。", style="List Number")
    document.add_paragraph("每人限报一件。", style="List Number")
    path = tmp_path / "样式编号.docx"
    document.save(str(path))
    texts = [b.text for b in read_word(path)]
    assert texts == ["一、申报要求", "1.作品须为原创。", "2.每人限报一件。"]
