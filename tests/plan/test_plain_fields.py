"""``Model.as_dict`` / ``model_dump``: what pydantic's ``model_dump()`` gives, for every model of real plans."""

from __future__ import annotations

import copy
import pickle
import typing
from collections.abc import Iterator
from pathlib import Path

import pytest
from pydantic import ValidationError

import docgen
from docgen.plan.mirror import mirrored
from docgen.plan.model import Plan, Unit
from docgen.plan.reading import load_yaml
from docgen.plan.types import Model
from tests.support.paths import SHIPPED_PLAN

EXAMPLES = sorted((Path(__file__).parents[2] / "examples").glob("*.yaml"))


def _models(value: object) -> Iterator[Model]:
    if isinstance(value, Model):
        yield value
        for name in type(value).model_fields:
            yield from _models(getattr(value, name))
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _models(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _models(item)


@pytest.mark.parametrize("path", [SHIPPED_PLAN, *EXAMPLES], ids=lambda p: Path(p).name)
def test_as_dict_is_pydantics_model_dump_for_a_plan(path: Path) -> None:
    plan = docgen.load_plan(path)
    by_pydantic = mirrored(Plan).model_validate(load_yaml(Path(path)).data)
    assert repr(plan.as_dict()) == repr(by_pydantic.model_dump())  # tuples stay tuples, 30.0 stays a float
    fields = list(Plan.model_fields)
    dropped = set(fields[::2])
    assert repr(plan.model_dump(exclude=dropped)) == repr(by_pydantic.model_dump(exclude=dropped))


@pytest.mark.parametrize("path", [SHIPPED_PLAN, *EXAMPLES], ids=lambda p: Path(p).name)
def test_every_model_of_a_plan_compares_copies_pickles_and_shows_itself_as_pydantics_did(path: Path) -> None:
    plan = docgen.load_plan(path)
    models = list(_models(plan))
    assert {"Plan", "Unit", "Task", "Period"} <= {type(m).__name__ for m in models}  # the walk reached the models
    for model in models:
        again = pickle.loads(pickle.dumps(model))
        assert again == model and again.model_fields_set == model.model_fields_set
        assert model.model_copy() == model
        mirror = mirrored(type(model)).model_validate(model.as_dict())
        assert repr(model) == repr(mirror)  # Unit(id='jwc', name='教务处', ...) as before
        first = next(iter(type(model).model_fields))
        with pytest.raises(ValidationError) as refused:  # frozen, in pydantic's words as before
            model.__setattr__(first, None)
        assert [(e["type"], e["loc"]) for e in refused.value.errors()] == [("frozen_instance", (first,))]
        mirror.__dict__[first] = None  # pydantic's own frozen error, to compare with
        with pytest.raises(ValidationError) as theirs:
            mirror.__setattr__(first, None)
        assert str(refused.value) == str(theirs.value)


def test_a_copy_with_changes_is_a_new_model_and_the_old_one_is_kept() -> None:
    plan = docgen.load_plan(SHIPPED_PLAN)
    renamed = plan.model_copy(update={"campaign": "安全宣传月"})
    assert renamed.campaign == "安全宣传月" and plan.campaign != "安全宣传月"
    assert renamed != plan and "campaign" in renamed.model_fields_set
    assert renamed.units is plan.units
    deep = plan.model_copy(deep=True)
    assert deep == plan and deep.units[0] is not plan.units[0]
    assert hash(plan.period) == hash(plan.period.model_copy())


def test_as_dict_keeps_tuples_lists_and_dicts_as_model_dump_does() -> None:
    plan = docgen.load_plan(SHIPPED_PLAN)
    task = next(t for t in plan.tasks if t.items) if any(t.items for t in plan.tasks) else plan.tasks[0]
    data = task.as_dict()
    assert isinstance(data["units"], tuple)
    assert isinstance(data["items"], list)
    assert all(isinstance(item, dict) for item in data["items"])
    assert isinstance(plan.as_dict()["deadlines"], dict)
    assert all(isinstance(d, dict) for d in plan.as_dict()["deadlines"].values())


def _declared_models(cls: type[Model], seen: dict[str, type[Model]]) -> dict[str, type[Model]]:
    """``cls`` and every model its fields hold, by name."""
    seen[cls.__name__] = cls
    for info in cls.model_fields.values():
        for inner in _models_in(info.annotation):
            if inner.__name__ not in seen:
                _declared_models(inner, seen)
    return seen


def _models_in(annotation: object) -> list[type[Model]]:
    if isinstance(annotation, type) and issubclass(annotation, Model):
        return [annotation]
    return [model for argument in typing.get_args(annotation) for model in _models_in(argument)]


def test_every_field_is_declared_as_pydantic_reads_the_declaration() -> None:
    """Required or not, its default and description: one given with the type (UnitId, JinjaText) too."""
    models = _declared_models(Plan, {})
    assert {"Plan", "Unit", "Letter", "Requirement", "Contact", "DeclaredDocument", "Item"} <= set(models)
    for name, cls in models.items():
        judged = mirrored(cls).model_fields
        assert list(cls.model_fields) == list(judged), name
        for field, info in cls.model_fields.items():
            theirs = judged[field]
            assert info.description == theirs.description, (name, field)
            assert info.is_required() == theirs.is_required(), (name, field)
            assert info.default_factory is theirs.default_factory, (name, field)
            if not info.is_required() and info.default_factory is None:
                assert info.default == theirs.default, (name, field)
    assert Plan.model_fields["units"].description is None
    assert str(models["Unit"].model_fields["id"].description).startswith("A unit's id from the `units` registry")


def test_a_copy_has_a_set_of_given_fields_of_its_own() -> None:
    period = docgen.load_plan(SHIPPED_PLAN).period
    for again in (copy.copy(period), copy.deepcopy(period), pickle.loads(pickle.dumps(period))):
        assert again == period and again.model_fields_set == period.model_fields_set
        assert again.model_fields_set is not period.model_fields_set


def test_a_plans_vars_are_its_fields_after_it_was_indexed_and_make_it_again() -> None:
    plan = docgen.load_plan(SHIPPED_PLAN)
    assert plan.unit(plan.units[0].id) is plan.units[0]  # indexed
    assert list(vars(plan)) == list(Plan.model_fields)
    assert Plan(**vars(plan)) == plan and Plan.model_validate({**vars(plan), "year": 2020}).year == 2020
    for again in (plan.model_copy(), pickle.loads(pickle.dumps(plan)), copy.deepcopy(plan)):
        assert again == plan and again.unit(plan.units[0].id) == plan.units[0]


def test_pydantics_dumps_and_json_are_pydantics_for_a_plan() -> None:
    plan = docgen.load_plan(SHIPPED_PLAN)
    by_pydantic = mirrored(Plan).model_validate(load_yaml(SHIPPED_PLAN).data)
    for options in ({"mode": "json"}, {"exclude_none": True}, {"exclude_unset": True}, {"exclude": {"units": {0}}}):
        assert plan.model_dump(**options) == by_pydantic.model_dump(**options), options  # type: ignore[arg-type]
    assert plan.model_dump_json() == by_pydantic.model_dump_json()
    assert Plan.model_validate_json(plan.model_dump_json()) == plan
    assert type(Plan.model_validate_json(plan.model_dump_json()).units[0]) is Unit
    with pytest.raises(ValidationError):
        Plan.model_validate_json('{"year": "二〇一九"}')


def test_a_field_a_model_was_made_without_has_no_value() -> None:
    unit = Unit.model_construct(id="a")
    with pytest.raises(AttributeError):
        _ = unit.name  # not the declaration: pydantic's models had no such attribute either
    assert Unit.model_fields["name"].is_required() and unit.id == "a"
