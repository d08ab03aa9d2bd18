"""The plan with its texts filled in, made again only along the changed paths, equals the whole plan validated again.

``with_texts`` once dumped the plan, set the texts and validated it all; it now makes again only
the models on the way to a changed text. That way is the oracle here: for the real plans and
for texts changed at random, the two give equal plans, or both refuse.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

import docgen
from docgen.plan.construction import validated
from docgen.plan.model import Plan
from docgen.plan.placeholders import check_texts, with_texts
from docgen.plan.sourcemap import PlanPath
from tests.support.hypothesis_profiles import PROFILE
from tests.support.paths import SHIPPED_PLAN

PLANS = [SHIPPED_PLAN, *sorted((Path(__file__).parents[2] / "examples").glob("*.yaml"))]
CHECKED = [docgen.load_plan(path) for path in PLANS]


def _whole_plan_again(plan: Plan, texts: dict[PlanPath, str]) -> Plan:
    """The previous way: the plan dumped, the texts set, all of it validated."""
    data = plan.as_dict()
    for path, text in texts.items():
        target: Any = data
        for part in path[:-1]:
            target = target[part]
        target[path[-1]] = text
    return validated(Plan, data)


@pytest.mark.parametrize("plan", CHECKED, ids=[path.name for path in PLANS])
def test_a_real_plans_texts_filled_in_as_by_validating_it_whole(plan: Plan) -> None:
    rendered = check_texts(plan).rendered
    filled = with_texts(plan, rendered)
    assert filled == _whole_plan_again(plan, rendered)
    assert filled.model_dump() == _whole_plan_again(plan, rendered).model_dump()
    assert [task.title for task in filled.tasks] == [
        rendered.get(("tasks", n, "title"), t.title) for n, t in enumerate(plan.tasks)
    ]
    assert filled.units[0] is plan.units[0]  # no running text in a unit: shared, not made again


def test_a_text_as_given_changes_nothing() -> None:
    plan = CHECKED[0]
    assert with_texts(plan, {("tasks", 0, "title"): plan.tasks[0].title}) is plan


TEXTS = st.one_of(
    st.sampled_from(["", " ", "x", "宣传部", "第一项\n第二项", "\ud800", "x" * 5000]), st.text(max_size=40)
)


@settings(max_examples=100 if PROFILE == "ci" else 1000, deadline=None)
@given(st.data())
def test_texts_changed_at_random_are_filled_in_as_by_validating_the_whole_plan(data: st.DataObject) -> None:
    plan = data.draw(st.sampled_from(CHECKED))
    paths = sorted(check_texts(plan).rendered, key=repr)
    chosen = data.draw(st.lists(st.sampled_from(paths), max_size=8, unique=True))
    texts = {path: data.draw(TEXTS) for path in chosen}
    try:
        expected = _whole_plan_again(plan, texts)
    except ValidationError as refused:
        with pytest.raises(ValidationError) as also:
            with_texts(plan, texts)
        assert [(e["type"], e["loc"]) for e in also.value.errors()] == [(e["type"], e["loc"]) for e in refused.errors()]
        return
    assert with_texts(plan, texts) == expected
