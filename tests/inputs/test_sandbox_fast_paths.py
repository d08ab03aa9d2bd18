"""docgen's sandbox takes two short cuts (a dict's keys, printed text): the same output as Jinja's own sandbox gives."""

from __future__ import annotations

from typing import Any

import pytest
from jinja2 import StrictUndefined, UndefinedError
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup

from docgen.inputs.budget import BudgetSandbox
from docgen.rendering.templates import environment
from docgen.rendering.values import xml_safe

CONTEXT: dict[str, Any] = {
    "row": {"title": "技能大赛", "items": ["一", "二"], "keys": "钥匙", "_hidden": "内部", "get": "得"},
    "nested": {"unit": {"name": "教务处"}},
}
LOOKUPS = [
    "{{ row.title }}",  # a key: found without a failed attribute lookup
    "{{ nested.unit.name }}",
    "{{ row._hidden }}",  # a key that looks private is still a key, as in Jinja
    "{% for i in row.items() %}{{ i[0] }}{% endfor %}",  # a dict method wins over the key of its name
    "{{ row.keys()|list|length }}",
    "{{ row.get('title') }}",
    "{{ row['items']|join('、') }}",
]


@pytest.mark.parametrize("source", LOOKUPS)
def test_a_dict_lookup_gives_what_jinjas_sandbox_gives(source: str) -> None:
    jinja = ImmutableSandboxedEnvironment(autoescape=True, undefined=StrictUndefined)
    expected = jinja.from_string(source).render(CONTEXT)
    assert environment().from_string(source).render(CONTEXT) == expected
    assert BudgetSandbox(autoescape=True, undefined=StrictUndefined).from_string(source).render(CONTEXT) == expected


def test_a_missing_key_is_undefined_and_an_inner_attribute_is_refused() -> None:
    with pytest.raises(UndefinedError, match="no attribute 'missing'"):
        environment().from_string("{{ row.missing }}").render(CONTEXT)
    with pytest.raises(SecurityError):
        environment().from_string("{{ row.__class__.__subclasses__() }}").render(CONTEXT)
    # a mutating method of the dict stays refused in the immutable sandbox
    with pytest.raises(SecurityError):
        environment().from_string("{{ row.update({'title': 'x'}) }}").render(CONTEXT)


PRINTED: dict[str, Any] = {
    "text": "A&B <甲> 'single' \"double\"",
    "markup": Markup("<w:t>已是标记</w:t>"),
    "number": 2019,
    "items": ["<一>", Markup("<二/>"), 3],
}
PRINTING = [
    "{{ text }}|{{ markup }}|{{ number }}",
    "{% for i in items %}[{{ i }}]{% endfor %}",
    "{% set block %}<{{ text }}>{% endset %}{{ block }}",  # a block's output is markup: not escaped twice
    "{% macro m(x) %}<{{ x }}>{% endmacro %}{{ m(text) }}{{ m(markup) }}",
    "{% filter upper %}{{ text }}{% endfilter %}",
    "{% autoescape false %}{{ text }}{% endautoescape %}{{ text }}",  # volatile: Jinja's own way
    "{{ text ~ markup }}{{ (text ~ '!')|e }}",
]


@pytest.mark.parametrize("source", PRINTING)
def test_printed_values_are_escaped_as_jinja_escapes_them(source: str) -> None:
    jinja = ImmutableSandboxedEnvironment(autoescape=True, undefined=StrictUndefined, finalize=xml_safe)
    expected = jinja.from_string(source).render(PRINTED)
    assert environment().from_string(source).render(PRINTED) == expected
    assert "&" in expected or "<" in expected  # the case prints something escaping decides
