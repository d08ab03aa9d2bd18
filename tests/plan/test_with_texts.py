"""The plan with its texts filled in, made again only along the changed paths, equals the whole plan validated again.

``check_plan`` once filled in the texts by dumping the plan, setting them and validating it all
(``with_texts`` still does, for a plan from a script); it now makes again only the models on the
way to a changed text (``with_replaced``). The whole way (``validated_with``) is the oracle
here: for the real plans, for plans of every shape and for texts changed at random, the two
give equal plans, or both refuse with the same errors.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

import docgen
from docgen.plan.model import Plan
from docgen.plan.placeholders import check_texts, with_texts
from docgen.plan.sourcemap import PlanPath
from docgen.plan.text_fields import jinja_fields, validated_with, with_replaced
from tests.support.hypothesis_profiles import PROFILE
from tests.support.paths import SHIPPED_PLAN

PLANS = [SHIPPED_PLAN, *sorted((Path(__file__).parents[2] / "examples").glob("*.yaml"))]
CHECKED = [docgen.load_plan(path) for path in PLANS]


def _where(refused: ValidationError) -> list[tuple[str, tuple[int | str, ...]]]:
    """What each error says, and where: the same pydantic error has the same."""
    return [(error["type"], error["loc"]) for error in refused.errors()]


@pytest.mark.parametrize("plan", CHECKED, ids=[path.name for path in PLANS])
def test_a_real_plans_texts_filled_in_as_by_validating_it_whole(plan: Plan) -> None:
    rendered = check_texts(plan).rendered
    filled = with_replaced(plan, rendered)
    assert filled == validated_with(plan, rendered)
    assert filled.model_dump() == validated_with(plan, rendered).model_dump()
    assert [task.title for task in filled.tasks] == [
        rendered.get(("tasks", n, "title"), t.title) for n, t in enumerate(plan.tasks)
    ]
    assert filled.units[0] is plan.units[0]  # no running text in a unit: shared, not made again


def test_a_text_as_given_changes_nothing() -> None:
    plan = CHECKED[0]
    assert with_replaced(plan, {("tasks", 0, "title"): plan.tasks[0].title}) is plan


TEXTS = st.one_of(
    st.sampled_from(["", " ", "x", "宣传部", "第一项\n第二项", "\ud800", "x" * 5000]), st.text(max_size=40)
)


@settings(max_examples=100 if PROFILE == "ci" else 1000, deadline=None)
@given(st.data())
def test_texts_changed_at_random_are_filled_in_as_by_validating_the_whole_plan(data: st.DataObject) -> None:
    plan = data.draw(st.sampled_from(CHECKED))
    paths = sorted(check_texts(plan).rendered, key=repr)
    chosen = data.draw(st.lists(st.sampled_from(paths), max_size=8, unique=True))
    _held_to_the_old_way(plan, {path: data.draw(TEXTS) for path in chosen})


def _held_to_the_old_way(plan: Plan, texts: dict[PlanPath, str]) -> None:
    """``with_replaced`` gives what the whole plan validated again gives, or refuses it with the same errors."""
    try:
        expected = validated_with(plan, texts)
    except ValidationError as refused:
        with pytest.raises(ValidationError) as also:
            with_replaced(plan, texts)
        assert _where(also.value) == _where(refused)
        return
    filled = with_replaced(plan, texts)
    assert filled == expected
    assert filled.as_dict() == expected.as_dict()


def test_a_model_made_without_a_required_field_is_refused_as_its_dump_would_be() -> None:
    plan = CHECKED[0]
    unchecked = Plan.model_construct(**{name: value for name, value in vars(plan).items() if name != "campaign"})
    texts = {("tasks", 0, "title"): "改过的标题"}
    with pytest.raises(ValidationError) as refused:
        validated_with(unchecked, texts)
    with pytest.raises(ValidationError) as also:
        with_replaced(unchecked, texts)
    assert _where(also.value) == _where(refused.value) == [("missing", ("campaign",))]


def test_a_plan_from_a_script_is_validated_whole_when_its_texts_are_filled_in() -> None:
    """Parts no validator saw are refused or converted by ``with_texts``, as a plan read from a file."""
    plan = CHECKED[0]
    unchecked_task = type(plan.tasks[1]).model_construct(**{**vars(plan.tasks[1]), "title": ""})
    with_bad_task = plan.model_copy(update={"tasks": (plan.tasks[0], unchecked_task, *plan.tasks[2:])})
    texts = {("tasks", 0, "title"): "改过的标题"}
    with pytest.raises(ValidationError) as refused:
        with_texts(with_bad_task, texts)
    assert _where(refused.value) == [("string_too_short", ("tasks", 1, "title"))]
    quoted_year = plan.model_copy(update={"year": "2026"})
    assert with_texts(quoted_year, texts).year == 2026


WORDS = st.sampled_from(["甲", "乙", "通知"])


def _item(title: str | None, text: str | None, items: list[Any]) -> dict[str, Any]:
    """An item with a title, a text or both (it must have one)."""
    return {"title": title, "text": text if text or title else "丙", "items": items}


def _items(depth: int) -> st.SearchStrategy[Any]:
    """An item and items in it ``depth`` levels down: each level a model made again on the way to a text."""
    if depth == 0:
        return WORDS | st.builds(lambda title: {"title": title}, WORDS)
    return st.builds(_item, st.none() | WORDS, st.none() | WORDS, st.lists(_items(depth - 1), min_size=1, max_size=2))


ITEMS = st.integers(0, 5).flatmap(_items)
OPTIONAL_PARTS = {
    "ideology": WORDS,
    "notice": st.fixed_dictionaries({}, optional={"title_lines": st.lists(WORDS, max_size=4), "opening": WORDS}),
    "sections": st.lists(
        st.fixed_dictionaries({"heading": WORDS, "items": st.lists(ITEMS, max_size=3)}, optional={"text": WORDS}),
        max_size=3,
    ),
    "tasks": st.lists(
        st.fixed_dictionaries({"title": WORDS, "items": st.lists(ITEMS, max_size=3)}, optional={"work": WORDS}),
        max_size=3,
    ).map(lambda tasks: [task | {"id": f"t{n}"} for n, task in enumerate(tasks)]),
    "requirements": st.lists(
        st.fixed_dictionaries({"text": WORDS}, optional={"title": WORDS, "duty": WORDS}), max_size=3
    ),
    "organization": st.fixed_dictionaries({}, optional={"text": WORDS, "office": WORDS, "note": WORDS}),
    "form": st.just({"title": "活动安排", "submitter": "单位", "columns": ["项目"], "blank_rows": 1}),
    "attachments": st.lists(
        st.just("form")
        | st.fixed_dictionaries({"title": WORDS, "table": st.just({"columns": ["项目"]})}, optional={"remark": WORDS}),
        max_size=3,
    ),
    "letter": st.fixed_dictionaries(
        {"title": WORDS, "sender": st.just("u"), "salutation": WORDS, "body": st.lists(WORDS, min_size=1, max_size=3)}
        | {"closing": WORDS}
    ),
    "issuing": st.fixed_dictionaries({}, optional={"wording": WORDS}),
    "deadlines": st.just({"report": {"date": "2025-05-10", "action": "上报"}}),
    "images": st.just({"logo": "logo.png"}),
}
PLANS = st.fixed_dictionaries(
    {"institution": WORDS, "year": st.just(2025), "campaign": WORDS}
    | {"period": st.just({"start": "2025-05-01", "end": "2025-05-31"})},
    optional=OPTIONAL_PARTS,
)


@settings(max_examples=100 if PROFILE == "ci" else 3000, deadline=None)
@given(st.data())
def test_texts_of_plans_of_every_shape_are_filled_in_as_by_validating_the_whole_plan(data: st.DataObject) -> None:
    """Items within items, attachments, the letter's body, the 印发通知's wording: shapes the examples lack."""
    plan = Plan.model_validate(data.draw(PLANS))
    paths = [path for path, _ in jinja_fields(plan)]
    chosen = data.draw(st.lists(st.sampled_from(paths), max_size=6, unique=True)) if paths else []
    _held_to_the_old_way(plan, {path: data.draw(TEXTS | WORDS) for path in chosen})
