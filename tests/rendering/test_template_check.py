"""The template check: every mistake a person makes in Word, found at its place with the tag as typed."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest

from docgen.errors import Finding, TemplateError
from docgen.messages import format_problem
from docgen.rendering.template_check import check_template
from docgen.rendering.templates import CompiledTemplate
from tests.support.docx_text import lines
from tests.support.template_docs import build, delete_tracked

CONTEXT: dict[str, Any] = {
    "year": 2019,
    "institution": "长春医学高等专科学校",
    "theme": "改革创新促提升",
    "period": "4月28日至5月28日",
    "contact": {"name": "李杉杉", "phone": "84825237", "raw": {"fax": ""}},
    "tasks": [{"title": "开展宣传", "units": ["宣传部", "教务处"]}],
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
    (["第一段", "{{ theme theme }}"], ("template-syntax-extra", "body, paragraph 2")),
    (["{{ theme }", "下一段 }}"], ("tag-split-paragraphs", "body, paragraph 1")),
    (["第一段", "{{ theme }"], ("tag-unclosed", "body, paragraph 2")),
    (
        ["{%p for task in tasks %}", "{{ task.title }}", "{%p endfor %}", "{{ task.title }}"],
        ("template-loop-name", "body, paragraph 4"),
    ),
    (["{{ loop.index }}"], ("template-loop-outside", "body, paragraph 1")),
    (["{{ tasks[0].units | list }}"], ("template-not-text-list", "body, paragraph 1")),
    (["{{ contact.raw }}"], ("template-not-text-mapping", "body, paragraph 1")),
    (["{% for y in year %}{{ y }}{% endfor %}"], ("template-not-iterable", "body, paragraph 1")),
    (["{{ theme.__class__ }}"], ("template-unsafe-name", "body, paragraph 1")),
    (['{% include "header.docx" %}'], ("template-loads-other", "body, paragraph 1")),
    (["{% if year is od %}奇数{% endif %}"], ("template-unknown-test-suggest", "body, paragraph 1")),
    (["{% if show && year %}是{% endif %}"], ("template-syntax-and", "body, paragraph 1")),
    (["{% if year = 2019 %}是{% endif %}"], ("template-syntax-equals", "body, paragraph 1")),
    (["{{ year，theme }}"], ("template-syntax-wide", "body, paragraph 1")),
    (["{{ }}"], ("template-syntax-empty", "body, paragraph 1")),
    (['{{ theme ~ "年 }}'], ("template-syntax-quote", "body, paragraph 1")),
    (["{% if show %}是{% elseif year %}否{% endif %}"], ("template-syntax-unknown-tag-suggest", "body, paragraph 1")),
    (["{% for task of tasks %}{% endfor %}"], ("template-syntax-for", "body, paragraph 1")),
    (["{%p if year % 2 %}", "单数", "{%p endif %}"], ("tag-level-percent", "body, paragraph 1")),
    # found only when Jinja compiles the part, not when it parses it
    (["{% block a %}甲{% endblock %}", "{% block a %}乙{% endblock %}"], ("template-syntax", "body, paragraph 2")),
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
    assert chinese[0].startswith(f"{path}: 页脚第1段：{{{{ contcat.name }}}} 用到的“contcat”")
    assert chinese[1].startswith(f"{path}: 文档属性“标题”：")


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
    path = build(tmp_path / "t.docx", ["{{ theme[ }}"])
    (problem,) = check_template(path, CONTEXT)
    assert problem == Finding(
        "template-syntax",
        {
            "template": str(path),
            "tag": "{{ theme[ }}",
            "part": "word/document.xml",
            "detail": "unexpected '}', expected ']'",
        },
        file=str(path),
        path="body, paragraph 1",
    )
    assert format_problem(problem, "zh_CN") == (
        f"{path}: 正文第1段：标签 {{{{ theme[ }}}} 有错误：多余的“}}”，这里应是“]”"
        "（请检查该段落中的 {{ }} 和 {% %} 标签）"
    )


REFUSED_AT_RENDER = {
    "tag-unclosed",
    "template-loop-name",
    "template-loop-outside",
    "template-not-text-list",
    "template-not-text-mapping",
    "template-not-iterable",
    "template-unsafe-name",
    "template-loads-other",
    "template-unknown-test-suggest",
    "template-syntax-extra",
    "template-syntax-and",
    "template-syntax-equals",
    "template-syntax-wide",
    "template-syntax-empty",
    "template-syntax-quote",
    "template-syntax-unknown-tag-suggest",
    "template-syntax-for",
    "tag-level-percent",
    "template-syntax",
}


@pytest.mark.parametrize(("blocks", "expected"), [case for case in BROKEN_CASES if case[1][0] in REFUSED_AT_RENDER])
def test_what_the_check_finds_the_render_refuses(tmp_path: Path, blocks: list[Any], expected: tuple[str, str]) -> None:
    path = build(tmp_path / "t.docx", blocks)
    with pytest.raises(TemplateError):
        CompiledTemplate(path).render(CONTEXT)


SCOPES = [
    # (tag, refused by the render: reported by the check at that tag)
    ("{% for task in tasks %}{% set n = task.title %}{% endfor %}{{ n }}", True),  # a loop keeps its own names
    ("{% if show %}{% set n = theme %}{% endif %}{{ n }}", False),  # an if does not
    ("{{ n }}{% set n = theme %}", True),  # a name is set from where it is set
    ("{{ missing | default('-') }}{{ contact.fax | default('-') }}", False),  # default covers the last step
    ("{{ missing.name | default('-') }}", True),  # but not the steps before it
    ("{{ contact.raw.phone.number | default('-') }}", True),
    ("{{ contact.raw.fax.number | default('-') }}", False),  # an attribute of text: left to the render
    ("{% if missing is defined %}{{ missing.name }}{% endif %}", False),  # is defined guards its if
    ("{% if missing is not defined %}无{% else %}{{ missing.name }}{% endif %}", False),
    ("{% if missing is defined and missing.name %}{{ missing.name }}{% endif %}", False),
    ("{% if missing is defined %}有{% endif %}{{ missing.name }}", True),
    ("{% for task in tasks %}{{ loop.index }}{{ task.units | join('、') }}{% endfor %}", False),
    ("{% with t = tasks[0] %}{{ t.title }}{% endwith %}{{ t.title }}", True),
    ("{% macro line(x) %}{{ x }}：{{ theme }}{% endmacro %}{{ line(year) }}{{ x }}", True),
]


@pytest.mark.parametrize(("tag", "refused"), SCOPES)
def test_names_are_judged_in_their_scope_as_the_render_judges_them(tmp_path: Path, tag: str, refused: bool) -> None:
    path = build(tmp_path / "t.docx", [tag])
    found = [p for p in check_template(path, CONTEXT) if p.is_error]
    try:
        CompiledTemplate(path).render(CONTEXT)
    except TemplateError:
        assert refused and found, found
    else:
        assert not refused and found == [], found


def test_a_suggestion_names_only_what_exists_where_the_tag_stands(tmp_path: Path) -> None:
    path = build(
        tmp_path / "t.docx",
        [
            "{%p for task in tasks %}",
            "{{ task.titel }}{{ tsk.title }}",
            "{%p endfor %}",
            "{{ task.titel }}",
            "{{ tsk }}",
        ],
    )
    found = [(p.code, p.path, p.params.get("name"), p.params.get("suggestion")) for p in check_template(path, CONTEXT)]
    assert found == [
        ("template-name-suggest", "body, paragraph 2", "task.titel", "task.title"),
        ("template-name-suggest", "body, paragraph 2", "tsk", "task"),
        # after the loop 'task' is gone: t.title would fail as well, so it is not suggested
        ("template-loop-name", "body, paragraph 4", "task", None),
        ("template-name-suggest", "body, paragraph 5", "tsk", "tasks"),
    ]
    loop = check_template(path, CONTEXT)[2]
    assert (loop.params["opener"], loop.params["place"]) == ("{%p for task in tasks %}", "body, paragraph 1")


def test_values_that_print_as_text_today_keep_doing_so(tmp_path: Path) -> None:
    from docgen.documents.kinds import plan_documents
    from docgen.plan.files import resolved_plan
    from tests.support.paths import SHIPPED_PLAN

    (notice,) = plan_documents(resolved_plan(SHIPPED_PLAN), ["notice"])
    printed = ["{{ contact }}", "{{ issuer }}", "{{ period }}", "{{ tasks }}", "{{ units.publicity }}"]
    printed += ["{{ deadlines.schedule }}", "{{ tasks[0].units }}", "{{ organization.lead }}", "{{ issued }}"]
    path = build(tmp_path / "t.docx", printed)
    assert check_template(path, notice.context) == []
    text = lines(docx.Document(io.BytesIO(CompiledTemplate(path).render(notice.context))))
    assert text[0].startswith("宣传部李杉杉") and text[3].startswith("印发《致初中") and "、" in text[3]
    wrong = ["{{ organization.leaders }}", "{{ organization.rows }}", "{{ organization }}"]
    wrong_path = build(tmp_path / "wrong.docx", wrong)
    assert [(p.code, p.params["suggestion"]) for p in check_template(wrong_path, notice.context)] == [
        ("template-not-text-list", '{{ organization.leaders | join("、") }}'),
        ("template-not-text-list", '{{ organization.rows | map(attribute="label") | join("、") }}'),
        ("template-not-text-mapping", "{{ organization.text }}"),
    ]
    for tag in (
        '{{ organization.leaders | join("、") }}',
        '{{ organization.rows | map(attribute="label") | join("、") }}',
    ):
        fixed = build(tmp_path / "fixed.docx", [tag])
        assert check_template(fixed, notice.context) == []
        assert "、" in lines(docx.Document(io.BytesIO(CompiledTemplate(fixed).render(notice.context))))[0]


def test_after_a_syntax_error_every_tag_of_every_part_is_still_read(tmp_path: Path) -> None:
    path = build(
        tmp_path / "t.docx",
        [
            "{% if show && year %}是{% endif %}",
            "{%p for task in tasks %}",
            "{{ task.titel }}",
            "{%p endfor %}",
            "{{ theme | uper }}",
            "{% if year = 2019 %}今年{% endif %}",
            [["{{ task.title }}", "{{ contact.phon }}"]],
        ],
        title="{{ yeer }}",
    )
    document = docx.Document(str(path))
    document.sections[0].footer.paragraphs[0].text = "{{ contcat.name }}"
    document.save(str(path))
    assert [(p.code, p.path) for p in check_template(path, CONTEXT)] == [
        ("template-syntax-and", "body, paragraph 1"),
        ("template-name-suggest", "body, paragraph 3"),
        ("template-unknown-filter-suggest", "body, paragraph 5"),
        ("template-syntax-equals", "body, paragraph 6"),
        ("template-loop-name", "body, table 1, row 1, column 1"),
        ("template-name-suggest", "body, table 1, row 1, column 2"),
        ("template-name-suggest", "footer, paragraph 1"),
        ("template-name-suggest", "document properties, title"),
    ]
