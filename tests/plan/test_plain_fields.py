"""``Model.as_dict``: what ``model_dump()`` gives, for every model of real plans, made without pydantic's serializer."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import docgen
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
def test_as_dict_is_model_dump_for_every_model_of_a_plan(path: Path) -> None:
    plan = docgen.load_plan(path)
    models = list(_models(plan))
    kinds = {type(m).__name__ for m in models}
    assert {"Plan", "Unit", "Task", "Period"} <= kinds  # the walk reached the models
    for model in models:
        assert model.as_dict() == model.model_dump(), type(model).__name__
        fields = list(type(model).model_fields)
        dropped = set(fields[::2])
        assert model.as_dict(exclude=dropped) == model.model_dump(exclude=dropped)


def test_as_dict_keeps_tuples_lists_and_dicts_as_model_dump_does() -> None:
    plan = docgen.load_plan(SHIPPED_PLAN)
    task = next(t for t in plan.tasks if t.items) if any(t.items for t in plan.tasks) else plan.tasks[0]
    data = task.as_dict()
    assert isinstance(data["units"], tuple)
    assert isinstance(data["items"], list)
    assert all(isinstance(item, dict) for item in data["items"])
    assert isinstance(plan.as_dict()["deadlines"], dict)
    assert all(isinstance(d, dict) for d in plan.as_dict()["deadlines"].values())
