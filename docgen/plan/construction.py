"""A plan built from its YAML data without pydantic's validator, where the data leaves nothing to judge.

pydantic builds a model's validator the first time it validates: for ``Plan`` that is 25 ms of
Python on every run (a tenth of a whole render), for a validation that then takes 0.3 ms.
``construct`` walks the data against the same field declarations (``model_fields``: types,
lengths, bounds, patterns; the models' own validators) and builds the models with
``model_construct``, which needs no validator. It accepts only what pydantic would take as it
is: text as ``str``, whole numbers as ``int``, days as ``date``, lists for lists and tuples,
mappings with the declared keys. Anything else (a quoted number, an unknown key, a value out of
bounds, a shape it does not know) makes it answer None, and pydantic validates instead, with
the located errors it gives. So the two agree by construction where this one answers; a
property test holds them to it on plans mutated at random.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
import types
import typing
from functools import cache, lru_cache
from typing import Any, TypeVar

import annotated_types
from pydantic import BeforeValidator, StringConstraints
from pydantic.fields import FieldInfo

from docgen.plan.types import JinjaMarker, Model

M = TypeVar("M", bound=Model)


class _UnsureError(Exception):
    """The data needs pydantic's judgement."""


CHEAP_ITEMS = 300
"""Units, tasks and requirements together up to which the walk is the quicker way: it takes about
40 µs an item (1 ms for the sample plan), where pydantic's validator costs 25 ms to build and then
validates 500 units in 3 ms."""


def quick(cls: type[M], data: Any) -> M | None:
    """``construct`` where it is the quicker way, else None (and pydantic validates).

    It is while pydantic has not built ``cls``'s validator in this process (a command's one run;
    a long-running process, the workbench, builds it once and keeps it) and the plan is of
    modest size (``CHEAP_ITEMS``). Both ways give the same plan: the choice is of speed only.
    """
    if cls.__pydantic_complete__ or _items(data) > CHEAP_ITEMS:
        return None
    return construct(cls, data)


def validated(cls: type[M], data: Any) -> M:
    """``data`` as a ``cls``: by the walk where it is the quicker way (``quick``), else by pydantic.

    Raises pydantic's ``ValidationError`` for data that is not a valid ``cls``.
    """
    return quick(cls, data) or cls.model_validate(data)


def _items(data: Any) -> int:
    if type(data) is not dict:
        return 0
    return sum(len(data[key]) for key in ("units", "tasks", "requirements") if type(data.get(key)) in (list, tuple))


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
    if depth > MAX_DEPTH:
        raise _UnsureError
    _plain_model(cls)
    before, after = _validators(cls)
    for name in before:
        value = _checked_call(getattr(cls, name), value)
    if type(value) is not dict:
        raise _UnsureError
    fields = cls.model_fields
    values: dict[str, Any] = {}
    for key, item in value.items():
        info = fields.get(key) if type(key) is str else None
        if info is None:
            raise _UnsureError  # an unknown key (extra="forbid")
        values[key] = _value(_annotation(cls, key), info.metadata, item, depth)
    if any(name not in values and info.is_required() for name, info in fields.items()):
        raise _UnsureError
    instance = typing.cast(M, cls.model_construct(**values))  # pydantic's mypy plugin types it as the base
    for name in after:
        if _checked_call(getattr(instance, name)) is not instance:
            raise _UnsureError
    return instance


def _checked_call(function: Any, *arguments: Any) -> Any:
    """A model's own validator called as pydantic calls it; whatever it raises is for pydantic to report."""
    try:
        return function(*arguments)
    except Exception as exc:
        raise _UnsureError from exc


_CONFIG = {"extra": "forbid", "frozen": True, "str_strip_whitespace": False, "defer_build": True}


@cache
def _plain_model(cls: type[Model]) -> None:
    """``_UnsureError`` for a model whose configuration or fields ask what the walk does not do.

    The configuration the plan's models share (``Model``), no alias or discriminator on a field
    (strictness, like any validator, is metadata ``_value`` does not know): anything else, a
    model of another shape added one day, is left to pydantic.
    """
    if any(key not in _CONFIG or _CONFIG[key] != value for key, value in cls.model_config.items()):
        raise _UnsureError
    for info in cls.model_fields.values():
        if info.alias or info.validation_alias or info.discriminator:
            raise _UnsureError


@cache
def _validators(cls: type[Model]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The names of a model's validators that run before and after its fields; ``_UnsureError`` of any other kind."""
    found = cls.__pydantic_decorators__
    if found.validators or found.field_validators or found.root_validators:
        raise _UnsureError
    modes = {name: decorator.info.mode for name, decorator in found.model_validators.items()}
    if set(modes.values()) - {"before", "after"}:
        raise _UnsureError
    return tuple(n for n, m in modes.items() if m == "before"), tuple(n for n, m in modes.items() if m == "after")


@cache
def _annotation(cls: type[Model], name: str) -> Any:
    """A field's type; one pydantic left as a forward reference (``Table | None``) read in the model's module."""
    annotation = cls.model_fields[name].annotation
    if isinstance(annotation, typing.ForwardRef):
        namespace = vars(sys.modules[cls.__module__])
        annotation = eval(annotation.__forward_arg__, namespace)  # docgen's own annotation text
    return annotation


_NONE = type(None)
_SCALARS = (str, int, bool, float, dt.date)


_CONSTRAINTS = (
    StringConstraints,
    annotated_types.MinLen,
    annotated_types.MaxLen,
    annotated_types.Ge,
    annotated_types.Le,
)


def _value(annotation: Any, metadata: list[Any], value: Any, depth: int) -> Any:
    """``value`` as a field typed ``annotation`` with ``metadata`` holds it; ``_UnsureError`` for pydantic to judge."""
    while typing.get_origin(annotation) is typing.Annotated:
        metadata = [*annotation.__metadata__, *metadata]
        annotation = annotation.__origin__
    flat = _flattened(metadata)
    befores = [item for item in flat if isinstance(item, BeforeValidator)]
    constraints = [item for item in flat if isinstance(item, _CONSTRAINTS)]
    if len(befores) > 1 or len(befores) + len(constraints) + sum(isinstance(m, JinjaMarker) for m in flat) < len(flat):
        raise _UnsureError  # validators of other kinds, or several to run in pydantic's order: pydantic's
    if befores:
        value = _checked_call(befores[0].func, value)
    result = _typed(annotation, value, depth)
    if result is not None:  # a bound on an optional field bounds its value, not its absence
        for constraint in constraints:
            _check(constraint, result)
    return result


def _flattened(metadata: list[Any]) -> list[Any]:
    flat: list[Any] = []
    for item in metadata:
        if isinstance(item, FieldInfo):
            if item.alias or item.validation_alias or item.discriminator:
                raise _UnsureError
            flat += _flattened(item.metadata)
        else:
            flat.append(item)
    return flat


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
    if isinstance(annotation, type) and issubclass(annotation, Model):
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


def _check(constraint: Any, value: Any) -> None:
    """``_UnsureError`` unless ``value`` meets ``constraint`` (a length, a bound, a pattern)."""
    if isinstance(constraint, StringConstraints):
        shaping = (constraint.strip_whitespace, constraint.to_upper, constraint.to_lower, constraint.strict)
        if any(shaping) or getattr(constraint, "ascii_only", None):
            raise _UnsureError
        if constraint.min_length is not None and len(value) < constraint.min_length:
            raise _UnsureError
        if constraint.max_length is not None and len(value) > constraint.max_length:
            raise _UnsureError
        if constraint.pattern is not None and not isinstance(constraint.pattern, str):
            raise _UnsureError
        if constraint.pattern is not None and (
            value.endswith(("\n", "\r")) or not _pattern(str(constraint.pattern)).search(value)
        ):
            raise _UnsureError  # Python's $ matches before a last line end, pydantic's does not: pydantic's to say
    elif isinstance(constraint, annotated_types.MinLen):
        if len(value) < constraint.min_length:
            raise _UnsureError
    elif isinstance(constraint, annotated_types.MaxLen):
        if len(value) > constraint.max_length:
            raise _UnsureError
    elif isinstance(constraint, annotated_types.Ge):
        if not value >= constraint.ge:
            raise _UnsureError
    elif isinstance(constraint, annotated_types.Le):
        if not value <= constraint.le:
            raise _UnsureError
    else:
        raise _UnsureError  # a constraint this walk does not know: pydantic's


@lru_cache(maxsize=64)
def _pattern(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)
