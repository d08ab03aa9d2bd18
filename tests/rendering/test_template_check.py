"""The template check: every mistake a person makes in Word, found at its place with the tag as typed."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest

from docgen.errors import Finding
from docgen.messages import format_problem
from docgen.rendering.template_check import check_template
from tests.support.template_docs import build, delete_tracked

CONTEXT: dict[str, Any] = {
    "year": 2019,
    "institution": "长春医学高等专科学校",
    "theme": "改革创新促提升",
    "period": "4月28日至5月28日",
    "contact": {"name": "李杉杉", "phone": "84825237"},
    "tasks": [{"title": "开展宣传", "units": "宣传部"}],
    "show": True,
}


def found(path: Path, names: Any = CONTEXT) -> list[tuple[str, str | None, str]]:
    return [(p.code, p.path, p.params.get("tag", "")) for p in check_template(path, names)]


BROKEN_CASES = [
    # a {%p if %} beside text would drop 活动时间
    (["{%p if show %} 活动时间：{{ period }}", "{%p endif %}"], ("tag-p-beside-text", "body, paragraph 1")),
    # a {%p pair cutting through a table
    (["{%p if show %}", [["{{ theme }}", "{%p endif %}"]]], ("block-crosses", "body, table 1, row 1, column 2")),
    # a {%p pair that leaves a cell without a paragraph
    (
        [[["a", ["{%p if show %}", "{{ theme }}", "{%p endif %}"]]]],
        ("cell-without-paragraph", "body, table 1, row 1, column 2"),
    ),
    (["{{r theme }}"], ("tag-level-value", "body, paragraph 1")),
    (["正文", "{{p theme }}"], ("tag-level-value", "body, paragraph 2")),
    (["｛｛ year ｝｝年"], ("tag-full-width", "body, paragraph 1")),
    (["{{ year ％}"], ("tag-full-width", "body, paragraph 1")),
    (
        ["{%tr for task in tasks %}", "{{ task.title }}", "{%tr endfor %}"],
        ("tag-tr-outside-table", "body, paragraph 1"),
    ),
    (
        [[["{%tr for task in tasks %}", "备注"]], [["{{ task.title }}"]]],
        ("tag-tr-beside-text", "body, table 1, row 1, column 1"),
    ),
    (["{%tc for task in tasks %}"], ("tag-tc-outside-table", "body, paragraph 1")),
    (["{%p for task in tasks %}", "{{ task.title }}"], ("block-unclosed", "body, paragraph 1")),
    (["{{ theme }}", "{%p endfor %}"], ("block-unopened", "body, paragraph 2")),
    (["{%p if show %}", "{{ theme }}", "{% endif %}"], ("block-levels", "body, paragraph 3")),
    (["{{ contact.phon }}"], ("template-name-suggest", "body, paragraph 1")),
    (["{% for task in tasks %}{{ task.titel }}{% endfor %}"], ("template-name-suggest", "body, paragraph 1")),
    (["{{ theme | upperr }}"], ("template-unknown-filter-suggest", "body, paragraph 1")),
    (["第一段", "{{ theme theme }}"], ("template-syntax", "body, paragraph 2")),
    (["{{ theme }", "下一段 }}"], ("tag-split-paragraphs", "body, paragraph 1")),
]


@pytest.mark.parametrize(("blocks", "expected"), BROKEN_CASES)
def test_each_mistake_is_found_at_its_place(tmp_path: Path, blocks: list[Any], expected: tuple[str, str]) -> None:
    path = build(tmp_path / "t.docx", blocks)
    assert expected in [(code, place) for code, place, _ in found(path)]


def test_the_tag_is_quoted_as_typed_not_as_docxtpl_patched_it(tmp_path: Path) -> None:
    path = build(tmp_path / "t.docx", ["{%p if show %}", [["{{ theme }}", "{%p endif %}"]], "{%p endfor %}"])
    tags = [tag for _, _, tag in found(path)]
    assert "{%p endif %}" in tags
    assert "{%p endfor %}" in tags
    assert "{% endfor %}" not in tags


def test_names_in_footers_and_document_properties_are_located(tmp_path: Path) -> None:
    path = build(tmp_path / "t.docx", ["{{ theme }}"], title="{{ yeer }}年宣传月")
    document = docx.Document(str(path))
    document.sections[0].footer.paragraphs[0].text = "联系电话：{{ contact.phone }}，{{ contcat.name }}"
    document.save(str(path))
    problems = check_template(path, CONTEXT)
    assert [(p.code, p.path, p.params["name"], p.params["suggestion"]) for p in problems] == [
        ("template-name-suggest", "footer, paragraph 1", "contcat", "contact"),
        ("template-name-suggest", "document properties, title", "yeer", "year"),
    ]
    chinese = [format_problem(p, "zh_CN") for p in problems]
    assert chinese[0].startswith(f"{path}: footer, paragraph 1: 页脚第 1 段：{{{{ contcat.name }}}} 用到的“contcat”")
    assert "文档属性“标题”" in chinese[1]


def test_a_tag_in_a_tracked_deletion_is_an_error(tmp_path: Path) -> None:
    path = build(tmp_path / "t.docx", ["活动主题：", "第二段"])
    document = docx.Document(str(path))
    delete_tracked(document.paragraphs[1], "{{ theme }}")
    document.save(str(path))
    assert found(path) == [("tag-deleted", "body, paragraph 2", "{{ theme }}")]


def test_dotted_names_describe_a_context_too(tmp_path: Path) -> None:
    path = build(tmp_path / "t.docx", ["{% for task in tasks %}{{ task.title }}{{ task.unit }}{% endfor %}"])
    names = {"tasks", "tasks[].title", "tasks[].units"}
    assert [(p.code, p.params["name"], p.params["suggestion"]) for p in check_template(path, names)] == [
        ("template-name-suggest", "task.unit", "task.units")
    ]


def test_guarded_names_and_smart_quotes_are_no_mistake(tmp_path: Path) -> None:
    path = build(
        tmp_path / "t.docx",
        [
            "{% if unit is defined %}{{ unit.name }}{% endif %}",
            "{{ note | default(“无”) }}",
            "{{ ‘第’ ~ year ~ ’年’ }}",
            "{% for key, value in contact.items() %}{{ key }}{{ value }}{% endfor %}",
            "{{ loop_free | default('') }}{{ range(3) | list | length }}",
        ],
    )
    assert check_template(path, CONTEXT) == []


def test_every_mistake_of_a_template_is_listed_at_once(tmp_path: Path) -> None:
    path = build(
        tmp_path / "t.docx",
        [
            "{%p if show %} 活动时间",
            "{%p endif %}",
            "｛｛ year ｝｝",
            "{{r theme }}",
            "{{ contact.phon }}",
            "{%p for task in tasks %}",
            [["{{ task.titel }}", "{%p endfor %}"]],
        ],
    )
    assert [(code, place) for code, place, _ in found(path)] == [
        ("tag-p-beside-text", "body, paragraph 1"),
        ("tag-full-width", "body, paragraph 3"),
        ("tag-level-value", "body, paragraph 4"),
        ("template-name-suggest", "body, paragraph 5"),
        ("template-name-suggest", "body, table 1, row 1, column 1"),
        ("block-crosses", "body, table 1, row 1, column 2"),
    ]


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "doc"),
        (b"{\\rtf1\\ansi hello}", "rtf"),
        (b"<html><body>hello</body></html>", "html"),
    ],
)
def test_files_that_are_not_word_packages_are_named(tmp_path: Path, content: bytes, kind: str) -> None:
    path = tmp_path / "t.docx"
    path.write_bytes(content)
    assert [(p.code, p.params["format"]) for p in check_template(path, CONTEXT)] == [("template-not-word", kind)]


def test_an_odt_renamed_docx_is_named(tmp_path: Path) -> None:
    path = tmp_path / "t.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    (problem,) = check_template(path, CONTEXT)
    assert (problem.code, problem.params["format"]) == ("template-not-word", "odt")
    assert "OpenDocument 文本（.odt），不是 Word 文档" in format_problem(problem, "zh_CN")


def test_jinja_detail_is_translated(tmp_path: Path) -> None:
    path = build(tmp_path / "t.docx", ["{{ theme theme }}"])
    (problem,) = check_template(path, CONTEXT)
    assert problem == Finding(
        "template-syntax",
        {
            "template": str(path),
            "part": "word/document.xml",
            "tag": "{{ theme theme }}",
            "detail": "expected token 'end of print statement', got 'theme'",
        },
        file=str(path),
        path="body, paragraph 1",
    )
    assert format_problem(problem, "zh_CN").endswith(
        "正文第 1 段：标签 {{ theme theme }} 有错误：这里应是“end of print statement”，却是“theme”"
        "（请检查该段落中的 {{ }} 和 {% %} 标签）"
    )
