"""``validated_by_pydantic``: what the walk leaves to pydantic comes back as the plan's pydantic models gave it.

Before docgen's models were plain classes they were pydantic's, which take a model given in the
data as it is (the very object, unchecked), follow items 254 deep and refuse deeper ones in their
own words; the mirror keeps all of it, in any thread.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from docgen.plan.construction import construct
from docgen.plan.model import Plan, Task, Unit
from docgen.plan.reading import load_yaml
from docgen.plan.sections import Item
from tests.support.paths import SHIPPED_PLAN


def _shipped() -> dict[str, Any]:
    data: dict[str, Any] = load_yaml(Path(SHIPPED_PLAN)).data
    return data


def test_a_model_given_in_the_data_is_taken_as_it_is_where_pydantic_judges() -> None:
    data = _shipped()
    unit = Unit(id="a", name="甲")
    member = Unit(id="colleges", name="各院部", members=["护理学院"]).returners()[0]  # made, not checked: "colleges/1"
    given = {**data, "year": str(data["year"]), "units": [unit, member, *data["units"]]}
    assert construct(Plan, given) is None  # the quoted year is pydantic's to convert
    plan = Plan.model_validate(given)
    assert plan.year == data["year"]
    assert plan.units[0] is unit and plan.units[0].model_fields_set == {"id", "name"}
    assert plan.units[1] is member and member.id == "colleges/1"
    assert type(plan.units[2]) is Unit


def test_a_model_of_another_class_is_refused_as_not_a_mapping() -> None:
    with pytest.raises(ValidationError) as refused:
        Plan.model_validate({**_shipped(), "units": [Task(id="t", title="x")]})
    errors = refused.value.errors()
    assert [(e["type"], e["loc"], e["ctx"]) for e in errors] == [("model_type", ("units", 0), {"class_name": "Unit"})]
    assert "Input should be a valid dictionary or instance of Unit" in str(refused.value)


def _nested(depth: int) -> dict[str, Any]:
    item: dict[str, Any] = {"text": "x"}
    for _ in range(depth):
        item = {"text": "x", "items": [item]}
    return item


def test_items_as_deep_as_pydantic_follows_are_taken_and_deeper_ones_refused_in_its_words() -> None:
    item = Item.model_validate(_nested(254))  # at Python's own recursion limit
    depth = 0
    while item.items:
        item, depth = item.items[0], depth + 1
    assert depth == 254 and type(item) is Item
    with pytest.raises(ValidationError) as refused:
        Item.model_validate(_nested(400))  # not a RecursionError
    assert [e["type"] for e in refused.value.errors()] == ["recursion_depth_exceeded"]


def test_pydantic_models_asked_for_in_several_threads_at_once_are_made_whole() -> None:
    """The workbench checks plans in a pool of threads: the first invalid ones may arrive together."""
    script = textwrap.dedent(
        """
        import threading
        from pydantic import ValidationError
        from docgen.plan.model import Deadline, Plan, Task, Unit
        from docgen.plan.sections import Item

        asked = [(Plan, {"year": "x"}), (Unit, {"id": 1}), (Item, {"text": 3}), (Task, {"title": 1}),
                 (Deadline, {"action": 2}), (Plan, {"tasks": [{"items": [{"text": 1}]}]})] * 2
        start = threading.Barrier(len(asked))
        answers = []

        def ask(cls, data):
            start.wait()
            try:
                cls.model_validate(data)
                answers.append("taken")
            except ValidationError:
                answers.append("refused")
            except Exception as exc:
                answers.append(type(exc).__name__)

        threads = [threading.Thread(target=ask, args=pair) for pair in asked]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        print(*answers)
        """
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["refused"] * 12
