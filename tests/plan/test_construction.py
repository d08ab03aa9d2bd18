"""``construct``: a plan built without pydantic's validator is the plan pydantic validates, or none at all.

The walk may leave any plan to pydantic (it answers None), but it must never take a plan
pydantic refuses, and what it builds must equal what pydantic builds. Real plans (the shipped
one and the examples) are mutated at random, a value or a key at a time, and both are asked.
"""

from __future__ import annotations

import copy
import datetime as dt
import subprocess
import sys
from pathlib import Path
from typing import Annotated, Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

import docgen
from docgen.plan.construction import MAX_DEPTH, construct
from docgen.plan.fields import BeforeValidator, Field, RuleError, model_validator
from docgen.plan.mirror import validated_by_pydantic
from docgen.plan.model import Plan, Unit
from docgen.plan.placeholders import with_texts
from docgen.plan.reading import load_yaml
from docgen.plan.sections import Item
from docgen.plan.types import Model
from tests.support.hypothesis_profiles import PROFILE
from tests.support.paths import SHIPPED_PLAN

PLANS = [SHIPPED_PLAN, *sorted((Path(__file__).parents[2] / "examples").glob("*.yaml"))]
DATA = [load_yaml(Path(path)).data for path in PLANS]

# Values that test each rule the walk checks: types pydantic converts (quoted numbers, floats,
# booleans), days as people write them, text at and past its bounds, patterns, shapes.
TRICKY: list[Any] = [
    None, "", " ", "x", "x" * 64, "x" * 65, "x" * 200, "x" * 201, "a_b1", "1ab", "ab-c", "ab\n", "ab\r", "\ud800",
    "宣传部", "0", "7", "8", "2019", 0, 1, 7, 8, -1, 200, 201, 1900, 2999, 3000, 1.0, 1.5, 30, 30.5, 0.5, 157,
    float("nan"), True, False, "true", "2019-04-30", "2019-02-30", "2019-4-30", "2019-04-30T00:00:00",
    "2019-04-30 08:00", "0000-01-01", "1899-12-31", dt.date(2019, 4, 30), dt.datetime(2019, 4, 30, 8),
    [], [""], ["x"], ["x"] * 5, {}, {"text": "x"}, {"use": "form"}, {"file": "a.png"}, "form", "list", "至", "~",
]  # fmt: skip


def _paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*path, index))
    return found


def _mutated(data: Any, path: tuple[Any, ...], how: str, value: Any) -> Any:
    data = copy.deepcopy(data)
    if not path:
        return value if how == "replace" else data
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    last = path[-1]
    if how == "replace":
        parent[last] = value
    elif how == "delete" and isinstance(parent, dict):
        del parent[last]
    elif how == "unknown-key" and isinstance(parent[last], dict):
        parent[last]["colour"] = value
    elif how == "repeat" and isinstance(parent, list):
        parent.append(copy.deepcopy(parent[last]))
    return data


def _by_pydantic(data: Any) -> Plan | None:
    try:
        return validated_by_pydantic(Plan, data)
    except ValidationError:
        return None


def _fields_set(value: Any) -> Any:
    """Which fields each model was given, all the way down (what ``exclude_unset`` dumps go by)."""
    if isinstance(value, Model):
        return (
            type(value).__name__,
            sorted(value.model_fields_set),
            [_fields_set(getattr(value, n)) for n in type(value).model_fields],
        )
    if isinstance(value, list | tuple):
        return [_fields_set(item) for item in value]
    if isinstance(value, dict):
        return {key: _fields_set(item) for key, item in value.items()}
    return None


@pytest.mark.parametrize("data", DATA, ids=[Path(p).name for p in PLANS])
def test_real_plans_are_built_as_pydantic_validates_them(data: Any) -> None:
    built = construct(Plan, data)
    assert built is not None  # no real plan needs pydantic's judgement
    judged = validated_by_pydantic(Plan, data)
    assert type(judged) is Plan and built == judged
    assert repr(built.model_dump()) == repr(judged.model_dump())  # the same types too
    assert built.units and isinstance(built.units[0], Unit) and isinstance(judged.units[0], Unit)
    assert _fields_set(built) == _fields_set(judged)


@settings(max_examples=500 if PROFILE == "ci" else 5000)
@given(st.data())
def test_a_mutated_plan_is_built_as_pydantic_builds_it_or_left_to_pydantic(data: st.DataObject) -> None:
    plan = data.draw(st.sampled_from(DATA))
    path = data.draw(st.sampled_from(_paths(plan)))
    how = data.draw(st.sampled_from(["replace", "replace", "replace", "delete", "unknown-key", "repeat"]))
    value = data.draw(st.sampled_from(TRICKY))
    mutated = _mutated(plan, path, how, value)
    built = construct(Plan, mutated)
    if built is not None:
        judged = _by_pydantic(mutated)
        assert judged is not None, (path, how, value)  # never taken where pydantic refuses
        assert built == judged, (path, how, value)
        assert repr(built.model_dump()) == repr(judged.model_dump()), (path, how, value)  # 30.0, not 30
        assert _fields_set(built) == _fields_set(judged), (path, how, value)
    else:
        judged = _by_pydantic(mutated)  # what the walk leaves, pydantic takes (as docgen's models) or refuses
        assert judged is None or type(judged) is Plan, (path, how, value)


def test_the_walk_leaves_to_pydantic_what_it_would_convert_or_refuse() -> None:
    data = copy.deepcopy(DATA[0])
    assert construct(Plan, data) is not None
    for path, value in [
        (("year",), "2019"),  # a quoted number: pydantic converts it
        (("year",), 3000),  # out of bounds: pydantic says where
        (("period", "start"), "2019-04-30T00:00:00"),  # a day with a time
        (("units", 0, "id"), "1ab"),  # an id against its pattern
        (("colour",), "red"),  # an unknown key
    ]:
        assert construct(Plan, _mutated(data, path, "replace", value)) is None, path
    assert construct(Plan, _mutated(data, ("year",), "replace", 2020)) is not None  # a plain change is built


def test_a_plan_with_its_texts_filled_in_is_built_without_pydantic(tmp_path: Path) -> None:
    report = docgen.check_plan(SHIPPED_PLAN)
    assert report.plan is not None and report.resolved is not None
    assert construct(Plan, report.plan.as_dict()) == report.plan  # tuples where YAML gives lists
    assert with_texts(report.plan, {}) == report.plan


def test_a_commands_run_of_the_sample_plan_loads_no_pydantic(tmp_path: Path) -> None:
    """What the walk is for: a run of a valid plan never loads pydantic (60 ms with its models)."""
    plan = tmp_path / "plan.yaml"
    plan.write_bytes(SHIPPED_PLAN.read_bytes())
    script = (
        "import sys; from docgen.documents.checks import checked_plan;"
        "report = checked_plan(sys.argv[1]); print(report.resolved is not None, 'pydantic' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", script, str(plan)], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["True", "False"]


def test_a_large_plan_is_walked_and_built_as_pydantic_builds_it() -> None:
    data = copy.deepcopy(DATA[0])
    unit = data["units"][0]
    data["units"] = [{**unit, "id": f"u{n}"} for n in range(3000)]
    walked = construct(Plan, data)
    assert walked is not None and len(walked.units) == 3000
    judged = validated_by_pydantic(Plan, data)
    assert type(judged.units[-1]) is Unit and judged == walked
    assert _fields_set(judged) == _fields_set(walked)


def test_what_pydantic_converts_comes_back_as_docgens_models() -> None:
    data = _mutated(DATA[0], ("year",), "replace", "2019")  # a quoted number
    assert construct(Plan, data) is None
    made = Plan.model_validate(data)
    assert type(made) is Plan and made.year == 2019 and made == Plan.model_validate(DATA[0])
    with pytest.raises(ValidationError) as refused:
        Plan.model_validate(_mutated(DATA[0], ("year",), "replace", "二〇一九"))
    assert [error["loc"] for error in refused.value.errors()] == [("year",)]


class _Twice(Model):
    x: Annotated[str, BeforeValidator(lambda v: v + "f"), BeforeValidator(lambda v: v + "g")]


class _Marked(Model):
    x: Annotated[int | None, object()] = 1


class _Ruled(Model):
    x: int = Field(0, ge=0)

    @model_validator(mode="after")
    def _small(self) -> _Ruled:
        if self.x > 5:
            raise RuleError("too-big", "at most 5")
        return self


@pytest.mark.parametrize(
    ("cls", "data"),
    [(_Twice, {"x": ""}), (_Marked, {"x": None}), (_Ruled, {"x": 6})],
    ids=["two-before-validators", "unknown-metadata", "a-rule-broken"],
)
def test_models_of_shapes_the_walk_does_not_know_are_left_to_pydantic(cls: type[Model], data: Any) -> None:
    assert construct(cls, data) is None


def test_a_models_own_rule_is_pydantics_error_of_its_own_type() -> None:
    assert _Ruled(x=3).x == 3
    with pytest.raises(ValidationError) as refused:
        _Ruled(x=6)
    assert [(e["type"], e["msg"]) for e in refused.value.errors()] == [("too-big", "at most 5")]
    with pytest.raises(ValidationError) as negative:
        _Ruled(x=-1)
    assert [e["type"] for e in negative.value.errors()] == ["greater_than_equal"]


def test_items_nested_deeper_than_the_walk_follows_are_left_to_pydantic() -> None:
    item: Any = "x"
    for _ in range(260):  # pydantic refuses past 255
        item = {"text": "y", "items": [item]}
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(50_000)  # as a library user's process may: the walk must not rely on Python's limit
    try:
        with pytest.raises(ValidationError):
            Item.model_validate(item)
        assert construct(Item, item) is None
        assert MAX_DEPTH < 255
        shallow: Any = "x"
        for _ in range(20):
            shallow = {"text": "y", "items": [shallow]}
        assert construct(Item, shallow) == Item.model_validate(shallow)
    finally:
        sys.setrecursionlimit(limit)
