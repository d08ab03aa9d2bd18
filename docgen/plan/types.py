"""The building blocks of the plan's models: ids, names, running text, and the strict base model."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

UnitId = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Za-z][A-Za-z0-9_]*$", max_length=64),
    Field(description="A unit's id from the `units` registry (letters, digits, underscores)."),
]
Name = Annotated[str, StringConstraints(min_length=1, max_length=200)]
Label = Annotated[str, StringConstraints(max_length=200)]
"""A label printed before a value; empty leaves the value unlabelled."""
Day = Annotated[dt.date, Field(ge=dt.date(1900, 1, 1), le=dt.date(2999, 12, 31))]
"""A day of the plan, in the years a plan may have (``year``): a week after 9999-12-31 is no date at all."""


def empty_list() -> list[Any]:
    """A list field's ``default_factory``; a function of Python's, not ``list``, for pydantic's sake.

    pydantic reads each default factory's signature as it builds the plan's validator, and a
    builtin's (``list``, ``tuple``, ``dict``) is parsed from text, the first through ``tokenize``:
    7 ms of every run for the plan's 52 such fields, against 1.5 ms for these.
    """
    return []


def empty_tuple() -> tuple[Any, ...]:
    """A tuple field's ``default_factory`` (see ``empty_list``)."""
    return ()


def empty_dict() -> dict[Any, Any]:
    """A mapping field's ``default_factory`` (see ``empty_list``)."""
    return {}


class JinjaMarker:
    """Marks a string field as running text that may hold ``{{ ... }}`` placeholders."""


JinjaText = Annotated[
    str,
    StringConstraints(min_length=1),
    JinjaMarker(),
    Field(description="Jinja text: may use placeholders such as {{ deadlines.schedule | md }}."),
]


class Model(BaseModel):
    """Base of every plan model: unknown keys are errors, not silently ignored.

    The validators are built when a model first validates (``defer_build``): a plan validates as
    one ``Plan``, so building one validator per model as its class is defined (27 of them) would
    spend a third of a render's start-up on validators nobody calls.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False, defer_build=True)

    def as_dict(self, exclude: Collection[str] = ()) -> dict[str, Any]:
        """The fields as ``model_dump()`` gives them (models as dicts all the way down).

        By pydantic's serializer where this model's is built (a plan's, once its validator is: a
        large plan's dump is quicker so), else by a walk of the fields: pydantic builds a model's
        serializer on its first dump (``defer_build``), and the documents dump a unit's contact,
        a task, its items, a deadline, the organisation, the letter, which built seven
        serializers on every render (8 ms) for what a few lines give.
        """
        if type(self).__pydantic_complete__:
            return self.model_dump(exclude=set(exclude))
        return {name: _plain(getattr(self, name)) for name in type(self).model_fields if name not in exclude}


def _plain(value: Any) -> Any:
    """A field's value as ``model_dump()`` gives it: models as dicts; lists, tuples and dicts of them alike."""
    if isinstance(value, Model):
        return value.as_dict()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, tuple):
        return tuple(_plain(v) for v in value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value
