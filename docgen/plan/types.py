"""The building blocks of the plan's models: ids, names, running text, and the strict base model."""

from __future__ import annotations

import datetime as dt
import typing
from collections.abc import Collection
from typing import Annotated, Any, Self

from docgen.plan.construction import validated
from docgen.plan.fields import Declared, Field, FieldInfo, JinjaMarker, StringConstraints

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
    """A list field's ``default_factory``: a new list for each model."""
    return []


def empty_tuple() -> tuple[Any, ...]:
    """A tuple field's ``default_factory``."""
    return ()


def empty_dict() -> dict[Any, Any]:
    """A mapping field's ``default_factory``: a new dict for each model."""
    return {}


JinjaText = Annotated[
    str,
    StringConstraints(min_length=1),
    JinjaMarker(),
    Field(description="Jinja text: may use placeholders such as {{ deadlines.schedule | md }}."),
]


@typing.dataclass_transform(kw_only_default=True, frozen_default=True, field_specifiers=(Field, FieldInfo))
class Model(Declared):
    """Base of every plan model: typed fields, unknown keys refused, and no change once made.

    A plain class, not pydantic's: the plan is checked by a walk over the declarations
    (``docgen.plan.construction``) and pydantic is loaded only for data the walk leaves to it
    and for the JSON Schema (``docgen.plan.mirror``). The methods pydantic's models have and
    scripts use (``model_validate``, ``model_dump``, ``model_copy``, ``model_json_schema``,
    ``model_construct``, ``model_fields``) keep their meaning.
    """

    __slots__ = ()

    def __init__(self, **data: Any) -> None:
        """Checked as ``model_validate`` checks: pydantic's ``ValidationError`` for data that is not valid."""
        made = type(self).model_validate(data)
        self.__dict__.update(made.__dict__)
        object.__setattr__(self, "_fields_set", made.model_fields_set)

    @classmethod
    def model_validate(cls, obj: Any) -> Self:
        """``obj`` (a mapping, as YAML gives it) as this model; pydantic's ``ValidationError`` where it is not one."""
        return validated(cls, obj)

    @classmethod
    def model_validate_json(cls, json_data: str | bytes) -> Self:
        """A model from JSON text, as pydantic reads it; pydantic's ``ValidationError`` where it is not one."""
        from docgen.plan.mirror import validated_json_by_pydantic  # pydantic: loaded for this only

        return validated_json_by_pydantic(cls, json_data)

    def model_dump(self, *, exclude: Any = None, **options: Any) -> dict[str, Any]:
        """The fields as plain data; with pydantic's options (``mode="json"``, ``exclude_none``), by its serializer."""
        if not options and (exclude is None or (isinstance(exclude, Collection) and not isinstance(exclude, dict))):
            return self.as_dict(exclude or ())
        from docgen.plan.mirror import as_pydantic  # pydantic's serializer, for the options it has

        dumped: dict[str, Any] = as_pydantic(self).model_dump(exclude=exclude, **options)
        return dumped

    def model_dump_json(self, **options: Any) -> str:
        """The fields as JSON text, by pydantic's serializer (its options too)."""
        from docgen.plan.mirror import as_pydantic

        text: str = as_pydantic(self).model_dump_json(**options)
        return text

    @classmethod
    def model_json_schema(cls) -> dict[str, Any]:
        """The JSON Schema pydantic derives from the declarations."""
        from docgen.plan.mirror import mirrored  # pydantic: loaded for this only

        return mirrored(cls).model_json_schema()
