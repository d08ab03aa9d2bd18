"""Which fields of a plan hold running text (the walk ``check_texts`` renders), and the plan with them filled in.

Fields are marked ``JinjaText`` in ``docgen.plan.model``; the walk follows models, lists and
dicts down to them and remembers which annotations mark text, as it meets them thousands of times.
``with_replaced`` makes the plan again with the texts filled in, along the changed paths only.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterator, Mapping
from typing import Any, TypeVar

from docgen.plan.construction import validated
from docgen.plan.model import JinjaMarker, Model
from docgen.plan.sourcemap import PlanPath


def jinja_fields(model: Model, path: PlanPath = ()) -> Iterator[tuple[PlanPath, str]]:
    """Every running-text value in a plan, with its path: what gets rendered and checked."""
    for name, (annotation, metadata) in _text_bearing_fields(type(model)).items():
        yield from _walk(getattr(model, name), annotation, metadata, (*path, name))


_TEXT_BEARING: dict[type, dict[str, tuple[Any, list[Any]]]] = {}


def _text_bearing_fields(cls: type[Model]) -> dict[str, tuple[Any, list[Any]]]:
    """The fields of a model that hold running text, directly or deeper down (units hold none)."""
    found = _TEXT_BEARING.get(cls)
    if found is None:
        found = _TEXT_BEARING[cls] = {
            name: (info.annotation, info.metadata)
            for name, info in cls.model_fields.items()
            if any(isinstance(m, JinjaMarker) for m in info.metadata) or _bears_text(info.annotation)
        }
    return found


def _bears_text(annotation: Any, seen: frozenset[type] = frozenset()) -> bool:
    """Whether running text may stand in a value of this type (``seen``: models on the way, for items in items)."""
    if _is_jinja(annotation):
        return True
    if isinstance(annotation, type) and issubclass(annotation, Model):
        if annotation in seen:
            return False  # met again on the way (items in items): the search from where it was first met decides
        return any(
            any(isinstance(m, JinjaMarker) for m in info.metadata) or _bears_text(info.annotation, seen | {annotation})
            for info in annotation.model_fields.values()
        )
    return any(_bears_text(arg, seen) for arg in typing.get_args(annotation) if arg is not type(None))


def _walk(value: Any, annotation: Any, metadata: list[Any], path: PlanPath) -> Iterator[tuple[PlanPath, str]]:
    if value is None:
        return
    if isinstance(value, Model):
        yield from jinja_fields(value, path)
        return
    if isinstance(value, str):
        if any(isinstance(m, JinjaMarker) for m in metadata) or _is_jinja(annotation):
            yield path, value
        return
    inner = _inner(annotation)
    if isinstance(value, list | tuple):
        for i, item in enumerate(value):
            yield from _walk(item, inner, [], (*path, i))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _walk(item, inner, [], (*path, key))


_JINJA_ANNOTATIONS: dict[int, tuple[Any, bool]] = {}


def _is_jinja(annotation: Any) -> bool:
    """Whether an annotation marks running text; remembered, as the walk meets it thousands of times."""
    known = _JINJA_ANNOTATIONS.get(id(annotation))
    if known is None or known[0] is not annotation:
        known = (annotation, any(isinstance(m, JinjaMarker) for m in _metadata(annotation)))
        _JINJA_ANNOTATIONS[id(annotation)] = known
    return known[1]


def _metadata(annotation: Any) -> list[Any]:
    found: list[Any] = []
    while annotation is not None:
        if typing.get_origin(annotation) is typing.Annotated:
            found.extend(annotation.__metadata__)
            annotation = typing.get_args(annotation)[0]
        elif typing.get_origin(annotation) in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = args[0] if len(args) == 1 else None
        else:
            break
    return found


def _inner(annotation: Any) -> Any:
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    args = typing.get_args(annotation)
    origin = typing.get_origin(annotation)
    if origin in (list, tuple) and args:
        return args[0]
    if origin is dict and len(args) == 2:
        return args[1]
    if args:
        non_none = [a for a in args if a is not type(None)]
        return _inner(non_none[0]) if len(non_none) == 1 else None
    return None


M = TypeVar("M", bound=Model)


def with_replaced(model: M, texts: Mapping[PlanPath, str]) -> M:
    """``model`` with the text at each path of ``texts`` replaced; the models on the way made again, checked.

    For a model every part of which a validator made (a plan read from its data): what is not on
    the way to a changed text is the model's own, shared (models are immutable), as a validator
    takes a model it is given, and a text already as given changes nothing. Each model made again
    is checked with its new text as the plan's data is (``construction.validated``), so a
    filled-in text breaking a bound fails as it would in the whole plan (``validated_with``
    then says it, from the root). A model with parts no validator saw needs ``validated_with``.
    """
    changes: dict[Any, Any] = {}  # a way down: a dict on the way, the new text at its end
    for path, text in texts.items():
        if _value_at(model, path) == text:
            continue
        node = changes
        for part in path[:-1]:
            node = node.setdefault(part, {})
        node[path[-1]] = text
    if not changes:
        return model
    try:
        remade: M = _remade(model, changes)
    except ValueError:  # pydantic's ValidationError, of the inner model: said again of the whole, from its root
        return validated_with(model, texts)
    return remade


def validated_with(model: M, texts: Mapping[PlanPath, str]) -> M:
    """``model`` dumped, the texts set, all of it validated: every part checked, every error located from the root."""
    data = model.as_dict()
    for path, text in texts.items():
        target: Any = data
        for part in path[:-1]:
            target = target[part]
        target[path[-1]] = text
    return validated(type(model), data)


def _value_at(value: Any, path: PlanPath) -> Any:
    for part in path:
        value = getattr(value, str(part)) if isinstance(value, Model) else value[part]
    return value


def _remade(value: Any, changes: dict[Any, Any]) -> Any:
    """``value`` (a model, a list or a mapping) with ``changes`` made in it; a model made again, checked."""
    if isinstance(value, Model):
        held = value.__dict__  # a field it was made without (``model_construct``) stays missing, as in its dump
        parts: Any = {name: held[name] for name in type(value).model_fields if name in held}
    else:
        parts = list(value) if isinstance(value, list | tuple) else dict(value)
    for key, change in changes.items():
        parts[key] = _remade(parts[key], change) if isinstance(change, dict) else change
    return validated(type(value), parts) if isinstance(value, Model) else parts
