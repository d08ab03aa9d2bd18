"""A dict's keys read by ``x.key`` in docgen's sandbox: the same answers as Jinja's own sandbox gives."""

from __future__ import annotations

from typing import Any

import pytest
from jinja2 import StrictUndefined, UndefinedError
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from docgen.inputs.budget import BudgetSandbox
from docgen.rendering.templates import environment

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
