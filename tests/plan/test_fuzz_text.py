"""Property tests of the one budget: random running text and random template structure (``make fuzz`` runs more).

Whatever the text, ``check`` ends in seconds with the text rendered to plain text or a located
problem of a known kind; whatever tags a template holds, a render makes a document or stops with
a template problem naming the template. Never a traceback, a hang or a runaway value.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import docgen
from docgen.inputs import budget
from docgen.plan import placeholders
from docgen.plan.model import Plan
from tests.support.hypothesis_profiles import PROFILE
from tests.support.paths import SHIPPED_PLAN, SHIPPED_TEMPLATES
from tests.support.plans import replace_in_docx

PLAN = docgen.load_plan(SHIPPED_PLAN)
TEXT_CODES = {
    "text-syntax",
    "text-error",
    "text-limit",
    "text-too-long",
    "text-renders-empty",
    "text-holds-placeholders",
    "unknown-placeholder",
    "unknown-placeholder-suggest",
    *(f"text-gives-{kind}" for kind in ("date", "record", "list", "nothing", "truth")),
}
TEMPLATE_CODES = {
    "template-limit",
    "template-too-big-output",
    "template-failed",
    "template-undefined",
    "template-bad-xml",
    "template-name",  # a name the template's context does not give, found before rendering
    "template-not-iterable",  # {% for v in year %}: found before rendering
    "template-not-text-value-printed",  # {{ range(9) }} prints no text
}

NAMES = st.sampled_from(
    [
        "year", "theme", "campaign", "institution", "issuer", "deadlines.schedule", "period.start", "contact",
        "contact.name", "policies", "units.publicity", "organization.note", "letter.title", "'x'", "'ab'", "'%9d'",
        "1", "7", "1000", "99999", "999999999", "true", "none",
    ]
)  # fmt: skip
OPERATORS = st.sampled_from(["*", "**", "+", "~", "%", "//", "-", "<"])
FILTERS = st.sampled_from(["", " | md", " | ymd", " | weekday", " | cite", " | length", " | string", " | join('、')"])


def _expressions() -> st.SearchStrategy[str]:
    return st.recursive(
        NAMES,
        lambda inner: st.tuples(inner, OPERATORS, inner).map(lambda t: f"({t[0]} {t[1]} {t[2]})"),
        max_leaves=4,
    )


def _texts() -> st.SearchStrategy[str]:
    expression = _expressions()
    leaf = st.one_of(
        st.sampled_from(["文字", "，", " ", "{{ '{{' }}", "{%", "}}"]),
        st.tuples(expression, FILTERS).map(lambda t: "{{ " + t[0] + t[1] + " }}"),
    )

    def nested(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        body = st.lists(inner, min_size=1, max_size=3).map("".join)
        loop = st.tuples(expression, body).map(lambda t: "{% for v in " + t[0] + " %}" + t[1] + "{{ v }}{% endfor %}")
        condition = st.tuples(expression, body).map(lambda t: "{% if " + t[0] + " %}" + t[1] + "{% endif %}")
        return st.one_of(loop, condition, body)

    return st.recursive(leaf, nested, max_leaves=8)


def _with_opening(text: str) -> Plan:
    notice = PLAN.notice.model_copy(update={"opening": text})
    return PLAN.model_copy(update={"notice": notice})


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(_texts())
def test_any_running_text_renders_to_text_or_is_a_known_problem_in_seconds(text: str) -> None:
    with mock.patch.object(placeholders, "TEXT_SECONDS", 1.0):
        started = time.monotonic()
        found = placeholders.check_texts(_with_opening(text))
        assert time.monotonic() - started < 6
    mine = [p for p in found.problems if p.path == ("notice", "opening")]
    assert {p.code for p in mine} <= TEXT_CODES, mine
    for problem in mine:
        assert 0 <= problem.offset < max(len(text), 1)
    rendered = found.rendered.get(("notice", "opening"))
    if not mine:
        assert rendered is not None
        assert len(rendered) <= placeholders.MAX_TEXT_CHARS
        assert "organization" not in rendered or "organization" in text.replace("organization.note", "")


@pytest.fixture(scope="module")
def template_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("templates")
    shutil.copytree(SHIPPED_TEMPLATES, folder / "original")
    return folder


_TEMPLATE_NAMES = st.sampled_from(["year", "theme", "title", "'x'", "7", "99999", "999999999", "range(99999)"])


def _template_tags() -> st.SearchStrategy[str]:
    expression = st.recursive(
        _TEMPLATE_NAMES,
        lambda inner: st.tuples(inner, OPERATORS, inner).map(lambda t: f"({t[0]} {t[1]} {t[2]})"),
        max_leaves=3,
    )
    leaf = expression.map(lambda e: "{{ " + e + " }}")

    def nested(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        body = st.lists(inner, min_size=1, max_size=3).map("".join)
        return st.one_of(
            st.tuples(expression, body).map(lambda t: "{% for v in " + t[0] + " %}" + t[1] + "{% endfor %}"),
            st.tuples(expression, body).map(lambda t: "{% if " + t[0] + " %}" + t[1] + "{% endif %}"),
            body,
        )

    return st.recursive(leaf, nested, max_leaves=6)


@settings(
    max_examples=15 if PROFILE == "ci" else 200,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(tags=_template_tags())
def test_any_template_structure_renders_or_stops_at_a_limit(template_folder: Path, tags: str) -> None:
    folder = template_folder / "case"
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(template_folder / "original", folder)
    replace_in_docx(folder / "notice.docx", "{{ line }}", tags.replace("<", "&lt;"))
    out = template_folder / "out"
    shutil.rmtree(out, ignore_errors=True)
    with mock.patch.object(budget, "MAX_SECONDS", 1.0):
        started = time.monotonic()
        try:
            docgen.render(SHIPPED_PLAN, out, only="notice", templates=folder)
        except docgen.TemplateError as error:
            assert {p.code for p in error.problems} <= TEMPLATE_CODES, error.problems
            assert all(p.file == str(folder / "notice.docx") for p in error.problems)
            assert not list(out.glob("*.docx"))
        assert time.monotonic() - started < 8
