"""The plan's models as pydantic models, made from their declarations when pydantic's judgement is asked.

pydantic takes what the walk (``docgen.plan.construction``) leaves to it: values it converts (a
quoted number, a day with a time), data that is not valid, whose errors it locates and words,
and plans too large for the walk to be the quicker way; and it derives the JSON Schema. Its
models are made once a process from the same declarations (``model_fields``, the rules), so the
two cannot drift apart; a plan pydantic validates comes back as docgen's own models.
"""

from __future__ import annotations

import threading
import types
import typing
from collections.abc import Callable
from typing import Annotated, Any, TypeVar

import pydantic
from pydantic_core import PydanticCustomError

from docgen.plan.fields import (
    REQUIRED,
    BeforeValidator,
    Declared,
    FieldInfo,
    RuleError,
    StringConstraints,
    mapped,
    rules,
)

M = TypeVar("M", bound=Declared)

_CONFIG = pydantic.ConfigDict(extra="forbid", frozen=True)

_MIRRORS: dict[type[Declared], type[pydantic.BaseModel]] = {}
_OURS: dict[type[pydantic.BaseModel], type[Declared]] = {}
_NAMESPACE: dict[str, Any] = {}
"""The mirrors by the name a model made inside itself is referred to (Item's items)."""
_MAKING = threading.Lock()


def mirrored(cls: type[Declared]) -> type[pydantic.BaseModel]:
    """The pydantic model of ``cls``'s declarations (and of the models it holds), made on first use.

    Made under a lock: the workbench checks plans in several threads, and a mirror another
    thread is still making is not yet complete.
    """
    made = _MIRRORS.get(cls)
    if made is not None and made.__pydantic_complete__:
        return made
    with _MAKING:
        if cls not in _MIRRORS:
            _make(cls, set())
        for mirror in _MIRRORS.values():
            if not mirror.__pydantic_complete__:
                mirror.model_rebuild(_types_namespace=_NAMESPACE)
        return _MIRRORS[cls]


def validated_by_pydantic(cls: type[M], data: Any) -> M:
    """``data`` validated by pydantic as a ``cls``, made into docgen's models; pydantic's ``ValidationError`` else.

    A model given in the data (``Plan(units=(Unit(...),))``) is taken as it is, unchecked, as
    pydantic takes a model instance: the very object, with the fields it was given; one of
    another class than the field's is refused as not a mapping, in pydantic's words.
    """
    given: dict[int, tuple[pydantic.BaseModel, Declared]] = {}
    try:
        asked = _for_pydantic(data, given)
    except RecursionError:  # data nested past what Python follows: pydantic stops it sooner, and says where
        asked, given = data, {}
    made = mirrored(cls).model_validate(asked)
    ours: M = _ours(made, given)
    return ours


def as_pydantic(value: Any) -> Any:
    """The models in ``value`` as their mirrors', all the way down: for pydantic's serializer (JSON, options)."""
    return mapped(value, lambda model: _stand_in(model, as_pydantic))


def _stand_in(model: Declared, field: Callable[[Any], Any]) -> pydantic.BaseModel:
    """``model`` as its mirror's, made unchecked with the same given fields, each value through ``field``."""
    held = model.__dict__
    values = {name: field(held[name]) for name in type(model).model_fields if name in held}
    return mirrored(type(model)).model_construct(set(model.model_fields_set), **values)


def validated_json_by_pydantic(cls: type[M], data: str | bytes) -> M:
    """JSON text validated by pydantic as a ``cls`` (``model_validate_json``), made into docgen's models."""
    ours: M = _ours(mirrored(cls).model_validate_json(data), {})
    return ours


def _for_pydantic(value: Any, given: dict[int, tuple[pydantic.BaseModel, Declared]]) -> Any:
    """``value`` with each docgen model in it as its mirror's, made as it is; the same object where it holds none.

    Loops, not comprehensions: one frame a level, so that items nested as deep as pydantic
    follows them (255) are not too deep for Python.
    """
    if isinstance(value, Declared):
        stand_in = _stand_in(value, lambda held: held)
        given[id(stand_in)] = (stand_in, value)
        return stand_in
    if isinstance(value, list | tuple):
        items = []
        for item in value:
            items.append(_for_pydantic(item, given))
        if all(new is old for new, old in zip(items, value, strict=True)):
            return value
        return items if isinstance(value, list) else tuple(items)
    if isinstance(value, dict):
        mapping = {}
        for key, item in value.items():
            mapping[key] = _for_pydantic(item, given)
        if all(mapping[key] is item for key, item in value.items()):
            return value
        return mapping
    return value


def _reference(cls: type[Declared]) -> str:
    return f"{cls.__module__}.{cls.__qualname__}".replace(".", "_")


def _make(cls: type[Declared], making: set[type[Declared]]) -> None:
    making.add(cls)
    for info in cls.model_fields.values():
        for inner in _models_in(info.annotation):
            if inner not in _MIRRORS and inner not in making:
                _make(inner, making)
    fields: dict[str, Any] = {
        name: (_translated(_annotated(info)), _field(info)) for name, info in cls.model_fields.items()
    }
    before, after = rules(cls)
    validators: dict[str, Any] = {
        **{name: pydantic.model_validator(mode="before")(_before(getattr(cls, name))) for name in before},
        **{name: pydantic.model_validator(mode="after")(_after(getattr(cls, name))) for name in after},
    }
    mirror: type[pydantic.BaseModel] = pydantic.create_model(
        cls.__name__,
        __config__=_CONFIG,
        __doc__=cls.__doc__,
        __module__=__name__,
        __validators__=validators,
        **fields,
    )
    _MIRRORS[cls] = mirror
    _OURS[mirror] = cls
    _NAMESPACE[_reference(cls)] = mirror
    making.discard(cls)


def _annotated(info: FieldInfo) -> Any:
    """The field's type with what ``Annotated`` carried put back on it."""
    return Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation


def _models_in(annotation: Any) -> list[type[Declared]]:
    if isinstance(annotation, type) and issubclass(annotation, Declared):
        return [annotation]
    if typing.get_origin(annotation) is Annotated:
        return _models_in(annotation.__origin__)
    return [model for argument in typing.get_args(annotation) for model in _models_in(argument)]


def _translated(annotation: Any) -> Any:
    """An annotation with docgen's models and declarations put as pydantic's (a model being made: by name)."""
    if isinstance(annotation, type) and issubclass(annotation, Declared):
        return _MIRRORS.get(annotation) or typing.ForwardRef(_reference(annotation))
    origin = typing.get_origin(annotation)
    if origin is Annotated:
        metadata = [_metadata(item) for item in annotation.__metadata__]
        return Annotated[(_translated(annotation.__origin__), *metadata)]
    arguments = typing.get_args(annotation)
    if origin in (typing.Union, types.UnionType):
        return typing.Union[tuple(_translated(argument) for argument in arguments)]  # noqa: UP007 - built from parts
    if origin in (list, tuple, dict):
        return origin[tuple(argument if argument is Ellipsis else _translated(argument) for argument in arguments)]
    return annotation  # text, numbers, days, Literal


def _metadata(item: Any) -> Any:
    if isinstance(item, StringConstraints):
        return pydantic.StringConstraints(min_length=item.min_length, max_length=item.max_length, pattern=item.pattern)
    if isinstance(item, FieldInfo):
        return _field(item)
    if isinstance(item, BeforeValidator):
        if item.json_schema_input_type is None:
            return pydantic.BeforeValidator(item.func)
        return pydantic.BeforeValidator(item.func, json_schema_input_type=_translated(item.json_schema_input_type))
    return item  # a marker (JinjaMarker): pydantic leaves it be


def _field(info: FieldInfo) -> Any:
    given: dict[str, Any] = {
        key: value
        for key, value in (
            ("description", info.description),
            ("ge", info.ge),
            ("le", info.le),
            ("min_length", info.min_length),
            ("max_length", info.max_length),
        )
        if value is not None
    }
    if info.default_factory is not None:
        return pydantic.Field(default_factory=info.default_factory, **given)
    return pydantic.Field(default=info.default if info.default is not REQUIRED else ..., **given)


def _before(rule: Callable[[Any], Any]) -> Any:
    def run(cls: type[pydantic.BaseModel], value: Any) -> Any:
        try:
            return rule(value)
        except RuleError as broken:
            raise PydanticCustomError(broken.code, broken.message) from None

    return classmethod(run)


def _after(rule: Callable[[Any], Any]) -> Callable[[Any], Any]:
    function = getattr(rule, "__func__", rule)

    def run(model: Any) -> Any:
        try:
            function(model)  # the rule reads fields, which the mirror has alike
        except RuleError as broken:
            raise PydanticCustomError(broken.code, broken.message) from None
        return model

    return run


def _ours(value: Any, given: dict[int, tuple[pydantic.BaseModel, Declared]]) -> Any:
    """Pydantic's result as docgen's models, the fields the data gave kept as given; a model given, itself.

    Loops, not comprehensions, for the depth (``_for_pydantic``).
    """
    kept = given.get(id(value))
    if kept is not None and kept[0] is value:
        return kept[1]
    ours = _OURS.get(type(value))
    if ours is not None:
        held = value.__dict__
        values = {}
        for name in ours.model_fields:
            if name in held:
                values[name] = _ours(held[name], given)
        return ours.model_construct(set(value.model_fields_set), **values)
    if isinstance(value, list | tuple):
        items = []
        for item in value:
            items.append(_ours(item, given))
        return items if isinstance(value, list) else tuple(items)
    if isinstance(value, dict):
        mapping = {}
        for key, item in value.items():
            mapping[key] = _ours(item, given)
        return mapping
    return value
