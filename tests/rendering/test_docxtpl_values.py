"""docgen.DocxTemplate prints values as docxtpl prints them, in docgen's sandbox, with the caller's Jinja setup.

Every template is built here with python-docx; where docxtpl's own behaviour is the measure, the
same template and context go through docxtpl too and the two documents' text is compared.
"""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from pathlib import Path
from typing import Any

import docx
import docxtpl
import jinja2
import pytest
from docx.document import Document as DocumentObject

import docgen
from docgen.rendering.tags import W
from tests.support.docx_text import lines
from tests.support.template_docs import build


def saved(template: Any) -> DocumentObject:
    stream = io.BytesIO()
    template.save(stream)
    return docx.Document(io.BytesIO(stream.getvalue()))


def both(path: Path, context: dict[str, Any], **options: Any) -> tuple[list[str], list[str]]:
    """The text of the document docgen makes and of the one docxtpl makes from the same template and context."""
    ours, theirs = docgen.DocxTemplate(str(path)), docxtpl.DocxTemplate(str(path))
    ours.render(context, **options)
    theirs.render(context, **options)
    return lines(saved(ours)), lines(saved(theirs))


def test_values_print_with_str_as_docxtpl_prints_them(tmp_path: Path) -> None:
    path = build(tmp_path / "t.docx", ["{{ a }}|{{ b }}|{{ c }}|{{ d }}", "{{ e }}|{{ f }}|{{ g }}|{{ h }}|{{ i }}"])
    context = {
        "a": None,
        "b": True,
        "c": dt.date(2024, 1, 5),
        "d": dt.datetime(2024, 1, 5, 8, 30),
        "e": Decimal("1.50"),
        "f": ["甲", "乙"],
        "g": {"k": 1},
        "h": 0,
        "i": "",
    }
    ours, theirs = both(path, context)
    assert ours == theirs == ["None|True|2024-01-05|2024-01-05 08:30:00", "1.50|['甲', '乙']|{'k': 1}|0|"]


def test_undefined_names_print_nothing_unless_strict(tmp_path: Path) -> None:
    path = build(
        tmp_path / "t.docx",
        ["前{{ missing }}后", "{{ record.missing }}尾", "{% for x in nothing %}{{ x }}{% endfor %}完"],
    )
    ours, theirs = both(path, {"record": {}})
    assert ours == theirs == ["前后", "尾", "完"]
    with pytest.raises(jinja2.UndefinedError, match="'missing' is undefined"):
        docgen.DocxTemplate(str(path)).render({"record": {}}, strict=True)
    with pytest.raises(jinja2.UndefinedError):  # the caller's environment asks for it the same way
        docgen.DocxTemplate(str(path)).render(
            {"record": {}}, jinja_env=jinja2.Environment(undefined=jinja2.StrictUndefined)
        )


def test_tabs_and_line_paragraph_and_page_breaks_in_values(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("开头{{ text }}结尾", style="Heading 2")
    document.save(tmp_path / "t.docx")
    context = {"text": "甲\t乙\n丙\a丁\f戊"}
    ours, theirs = both(tmp_path / "t.docx", context)
    assert ours == theirs == ["开头甲\t乙\n丙", "丁", "", "戊结尾"]
    out = docgen.DocxTemplate(str(tmp_path / "t.docx"))
    out.render(context)
    paragraphs = saved(out).paragraphs
    # a new paragraph keeps the paragraph's style; the page break stands in a paragraph of its own
    assert [p.style.name for p in paragraphs] == ["Heading 2", "Heading 2", "Normal", "Heading 2"]
    assert paragraphs[2]._p.find(f".//{W}br").get(W + "type") == "page"
    assert "<w:tab/>" in paragraphs[0]._p.xml and "<w:br/>" in paragraphs[0]._p.xml


def test_a_value_with_ampersand_is_an_error_that_names_the_fix_unless_autoescaped(tmp_path: Path) -> None:
    path = build(tmp_path / "t.docx", ["单位：{{ name }}"])
    with pytest.raises(docgen.TemplateError) as caught:
        docgen.DocxTemplate(str(path)).render({"name": "R&D <中心>"})
    assert caught.value.problems[0].code == "docxtpl-bad-xml"
    assert "autoescape=True" in str(caught.value)
    ours, theirs = both(path, {"name": "R&D <中心>"}, autoescape=True)
    assert ours == theirs == ["单位：R&D <中心>"]
    template = docgen.DocxTemplate(str(path))
    template.render({"name": "R&D"}, jinja_env=jinja2.Environment(autoescape=True))
    assert lines(saved(template)) == ["单位：R&D"]


def test_string_literals_in_tags_print_what_they_say(tmp_path: Path) -> None:
    path = build(tmp_path / "t.docx", ['{{ missing|default("R&D") }}', "{{ '甲&乙' if true }}"])
    document = docx.Document(str(path))
    document.sections[0].footer.paragraphs[0].text = '{{ missing|default("研发&设计") }}'
    document.save(str(path))
    template = docgen.DocxTemplate(str(path))
    template.render({})
    out = saved(template)
    assert lines(out) == ["R&D", "甲&乙"]
    assert out.sections[0].footer.paragraphs[0].text == "研发&设计"


def test_the_callers_filters_tests_and_globals_work_in_the_sandbox(tmp_path: Path) -> None:
    path = build(tmp_path / "t.docx", ["{{ 1.5|plus(2) }} {{ name|shout }}", "{{ 'yes' if 7 is lucky }} {{ school }}"])
    env = jinja2.Environment()
    env.filters["plus"] = lambda value, more: value + more
    env.filters["shout"] = lambda value: value.upper() + "!"
    env.tests["lucky"] = lambda value: value == 7
    env.globals["school"] = "职业学院"
    ours, theirs = both(path, {"name": "docgen"}, jinja_env=env)
    assert ours == theirs == ["3.5 DOCGEN!", "yes 职业学院"]


def test_an_environment_with_other_delimiters_is_refused(tmp_path: Path) -> None:
    path = build(tmp_path / "t.docx", ["{{ a }}"])
    with pytest.raises(ValueError, match="variable_start_string"):
        docgen.DocxTemplate(str(path)).render({"a": 1}, jinja_env=jinja2.Environment(variable_start_string="[["))


def test_the_sandbox_refuses_what_docxtpl_would_run(tmp_path: Path) -> None:
    path = build(tmp_path / "t.docx", ["{{ ''.__class__.__mro__[1].__subclasses__() }}"])
    with pytest.raises(docgen.TemplateError) as caught:
        docgen.DocxTemplate(str(path)).render({})
    assert caught.value.problems[0].code == "template-unsafe"
    loop = build(
        tmp_path / "loop.docx", ["{% for a in range(1000) %}{% for b in range(1000) %}{% endfor %}{% endfor %}"]
    )
    with pytest.raises(docgen.TemplateError) as caught:
        docgen.DocxTemplate(str(loop)).render({})
    assert caught.value.problems[0].code == "template-limit"


def test_a_syntax_error_is_jinjas_with_docxtpls_context_and_docgens_place(tmp_path: Path) -> None:
    texts = [f"第{n}段" for n in range(1, 9)]
    texts[4] = "第5段 {% if a %}是{% endif %} {% endif %}"
    path = build(tmp_path / "t.docx", texts)
    template = docgen.DocxTemplate(str(path))
    with pytest.raises(jinja2.TemplateSyntaxError) as caught:
        template.render({"a": True})
    assert str(caught.value) == "Encountered unknown tag 'endif'."
    context = list(caught.value.docx_context)  # type: ignore[attr-defined]
    assert context == [
        "第2段",
        "第3段",
        "第4段",
        "第5段 {% if a %}是{% endif %} {% endif %}",
        "第6段",
        "第7段",
        "第8段",
    ]
    assert caught.value.finding.path == "body, paragraph 5"  # type: ignore[attr-defined]
    # saving after a failed render writes the template as it is, as docxtpl does
    assert lines(saved(template))[4] == texts[4]


def test_core_properties_render_as_text(tmp_path: Path) -> None:
    path = build(tmp_path / "t.docx", ["正文"], title="{{ school }}通知")
    document = docx.Document(str(path))
    document.core_properties.keywords = "{{ school }}"
    document.core_properties.author = "{{ who }}"
    document.save(str(path))
    template = docgen.DocxTemplate(str(path))
    template.render({"school": "R&D 学院", "who": "办公室"}, autoescape=True)
    properties = saved(template).core_properties
    assert properties.title == "R&D 学院通知" and properties.author == "办公室"
    assert properties.keywords == "{{ school }}"  # docxtpl renders six properties; keywords is not one
