"""The plan built from its YAML data by a walk over the models' declarations; pydantic where the data asks judgement.

The walk (``construct``) accepts only what pydantic would take as it is: text as ``str``, whole
numbers as ``int``, days as ``date`` (or ISO text), lists for lists and tuples, mappings with
the declared keys, every length, bound, pattern and rule of the declarations met. Anything else
(a quoted number, an unknown key, a value out of bounds, a shape it does not know) makes it
answer None, and pydantic validates instead (``docgen.plan.mirror``), converting what it may and
giving the located errors it words. So the two agree by construction where the walk answers; a
property test holds them to it on plans mutated at random. A plan the walk takes loads no
pydantic at all: 60 ms of every command, a fifth of a whole render.
"""

from __future__ import annotations

import datetime as dt
import re
import types
import typing
from functools import lru_cache
from typing import Any, TypeVar

from docgen.plan.fields import BeforeValidator, Declared, FieldInfo, JinjaMarker, StringConstraints, rules

M = TypeVar("M", bound=Declared)


class _UnsureError(Exception):
    """The data needs pydantic's judgement."""


def validated(cls: type[M], data: Any) -> M:
    """``data`` as a ``cls``: by the walk where it answers, else by pydantic.

    Raises pydantic's ``ValidationError`` for data that is not a valid ``cls``. The walk is the
    quicker way at any size a plan has: 10 µs a unit, 105 ms for 10,000, where pydantic takes
    110 ms to load and build its models and then 8 µs a unit.
    """
    made = construct(cls, data)
    if made is not None:
        return made
    from docgen.plan.mirror import validated_by_pydantic  # pydantic: loaded only for data the walk leaves to it

    return validated_by_pydantic(cls, data)


MAX_DEPTH = 100
"""Models within models the walk follows (items within items); deeper is pydantic's (it stops at 255)."""


def construct(cls: type[M], data: Any) -> M | None:
    """``cls`` built from ``data`` as ``cls.model_validate`` would build it; None where pydantic must decide."""
    try:
        return _model(cls, data, 0)
    except _UnsureError:
        return None
    except RecursionError:  # items nested thousands deep: pydantic says where
        return None


def _model(cls: type[M], value: Any, depth: int) -> M:
    if isinstance(value, cls):
        return value  # a model made already (``Plan(units=(Unit(...),))``), taken as it is, as pydantic takes it
    if depth > MAX_DEPTH:
        raise _UnsureError
    before, after = _rules(cls)
    for name in before:
        value = _checked_call(getattr(cls, name), value)
    if type(value) is not dict:
        raise _UnsureError
    fields = _fields(cls)
    values: dict[str, Any] = {}
    for key, item in value.items():
        field = fields.get(key) if type(key) is str else None
        if field is None:
            raise _UnsureError  # an unknown key: refused, in pydantic's words
        values[key] = _value(field[0], field[1], item, depth)
    if len(values) < len(fields) and any(field[2] and name not in values for name, field in fields.items()):
        raise _UnsureError
    instance = cls.model_construct(**values)
    for name in after:
        if _checked_call(getattr(instance, name)) is not instance:
            raise _UnsureError
    return instance


def _checked_call(function: Any, *arguments: Any) -> Any:
    """A model's own rule called as pydantic calls it; whatever it raises is for pydantic to report."""
    try:
        return function(*arguments)
    except Exception as exc:
        raise _UnsureError from exc


_RULES: dict[type, tuple[tuple[str, ...], tuple[str, ...]]] = {}
_FIELDS: dict[type, dict[str, tuple[Any, list[Any], bool]]] = {}


def _rules(cls: type[Declared]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    found = _RULES.get(cls)
    if found is None:
        found = _RULES[cls] = rules(cls)
    return found


def _fields(cls: type[Declared]) -> dict[str, tuple[Any, list[Any], bool]]:
    """Each field's type, what bounds it (metadata, the declaration's bounds) and whether it is required."""
    found = _FIELDS.get(cls)
    if found is None:
        found = _FIELDS[cls] = {
            name: (info.annotation, [*info.metadata, info] if info.has_bounds() else info.metadata, info.is_required())
            for name, info in cls.model_fields.items()
        }
    return found


_NONE = type(None)
_SCALARS = (str, int, bool, float, dt.date)


def _value(annotation: Any, metadata: list[Any], value: Any, depth: int) -> Any:
    """``value`` as a field typed ``annotation`` with ``metadata`` holds it; ``_UnsureError`` for pydantic to judge."""
    while typing.get_origin(annotation) is typing.Annotated:
        metadata = [*annotation.__metadata__, *metadata]
        annotation = annotation.__origin__
    befores = [item for item in metadata if isinstance(item, BeforeValidator)]
    constraints = [item for item in metadata if isinstance(item, StringConstraints | FieldInfo)]
    if len(befores) > 1 or len(befores) + len(constraints) + sum(isinstance(m, JinjaMarker) for m in metadata) < len(
        metadata
    ):
        raise _UnsureError  # metadata of other kinds, or several shorthands to run in pydantic's order: pydantic's
    if befores:
        value = _checked_call(befores[0].func, value)
    result = _typed(annotation, value, depth)
    if result is not None:  # a bound on an optional field bounds its value, not its absence
        for constraint in constraints:
            _check(constraint, result)
    return result


def _typed(annotation: Any, value: Any, depth: int) -> Any:
    origin = typing.get_origin(annotation)
    if annotation in _SCALARS:
        if annotation is float and type(value) is int:
            if abs(value) > 2**53:
                raise _UnsureError  # past what a float holds exactly, or at all
            return float(value)
        if annotation is dt.date and type(value) is str:
            return _day(value)
        if type(value) is not annotation:
            raise _UnsureError  # a quoted number, a date with a time, a number for text ...
        if annotation is str and not _plain_text(value):
            raise _UnsureError
        return value
    if origin in (typing.Union, types.UnionType):
        arguments = typing.get_args(annotation)
        if len(arguments) != 2 or _NONE not in arguments:
            raise _UnsureError
        if value is None:
            return None
        return _value(next(a for a in arguments if a is not _NONE), [], value, depth)
    if origin is typing.Literal:
        if not any(type(value) is type(choice) and value == choice for choice in typing.get_args(annotation)):
            raise _UnsureError
        return value
    if origin in (list, tuple) and type(value) in (list, tuple):  # pydantic takes either for either
        arguments = typing.get_args(annotation)
        if origin is tuple and (len(arguments) != 2 or arguments[1] is not Ellipsis):
            raise _UnsureError
        items = [_value(arguments[0], [], item, depth) for item in value]
        return items if origin is list else tuple(items)
    if origin is dict and type(value) is dict:
        key_type, item_type = typing.get_args(annotation)
        return {_value(key_type, [], key, depth): _value(item_type, [], item, depth) for key, item in value.items()}
    if isinstance(annotation, type) and issubclass(annotation, Declared):
        return _model(annotation, value, depth + 1)
    raise _UnsureError


_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _day(text: str) -> dt.date:
    """A day written as the plan's loader leaves it (``2019-04-30``), as pydantic reads it; else ``_UnsureError``."""
    if not _ISO_DAY.fullmatch(text):
        raise _UnsureError  # other ways of writing a day (with a time, a timestamp ...) are pydantic's to read
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise _UnsureError from None


def _plain_text(text: str) -> bool:
    """Text pydantic takes as it is: no lone surrogate (it cannot hold one)."""
    if text.isascii():
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _check(constraint: StringConstraints | FieldInfo, value: Any) -> None:
    """``_UnsureError`` unless ``value`` meets ``constraint`` (a length, a bound, a pattern)."""
    if constraint.min_length is not None and len(value) < constraint.min_length:
        raise _UnsureError
    if constraint.max_length is not None and len(value) > constraint.max_length:
        raise _UnsureError
    if isinstance(constraint, StringConstraints):
        if constraint.pattern is not None and (
            value.endswith(("\n", "\r")) or not _pattern(constraint.pattern).search(value)
        ):
            raise _UnsureError  # Python's $ matches before a last line end, pydantic's does not: pydantic's to say
        return
    try:
        if (constraint.ge is not None and not value >= constraint.ge) or (
            constraint.le is not None and not value <= constraint.le
        ):
            raise _UnsureError
    except TypeError:  # a bound of another type than the value's
        raise _UnsureError from None


@lru_cache(maxsize=64)
def _pattern(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)
