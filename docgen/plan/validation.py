"""YAML data -> typed ``Plan``: pydantic's errors, where it judged the data, mapped back to the line and column."""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any

from docgen.errors import Finding
from docgen.plan.construction import validated
from docgen.plan.contact import is_password_key
from docgen.plan.model import Plan, UnitId
from docgen.plan.reading import LoadedYaml, kind_of, short_repr
from docgen.plan.sourcemap import SourceMap, dotted
from docgen.plan.types import Model


def validate(loaded: LoadedYaml) -> tuple[Plan | None, list[Finding]]:
    """Validate composed data as a ``Plan``; every schema error becomes a located problem."""
    try:
        return validated(Plan, loaded.data), []
    except ValueError as exc:
        from pydantic import ValidationError  # loaded already: pydantic judged the data

        if not isinstance(exc, ValidationError):
            raise
        errors = exc.errors()
    # "　theme:" (a full-width space before the key) is one mistake, not an unknown key and a missing one
    spaced = {
        (*error["loc"][:-1], str(error["loc"][-1]).strip(_SPACES))
        for error in errors
        if error["type"] == "extra_forbidden" and _FULLWIDTH_SPACE in str(error["loc"][-1])
    }
    problems = [
        _schema_problem(error, loaded.source)
        for error in errors
        if not (error["type"] == "missing" and tuple(error["loc"]) in spaced)
    ]
    # A value the loader refused (an unsafe tag) is None now; saying so again would be noise.
    dropped = [p.path for p in loaded.problems if p.code in _VALUE_DROPPED and p.path is not None]
    return None, [p for p in problems if not any(_within(p.path, place) for place in dropped)]


_FULLWIDTH_SPACE = "\u3000"
_SPACES = " \t\u3000"


_VALUE_DROPPED = {"yaml-unsafe-tag", "yaml-tag-value", "yaml-syntax", "yaml-number-too-long"}


def _within(path: str | None, place: str) -> bool:
    """Whether dotted ``path`` is ``place`` or lies inside it."""
    if path is None:
        return False
    return path == place or path.startswith((place + ".", place + "["))


_ID_PATTERN = typing.get_args(UnitId)[1].pattern  # ids share one pattern; their errors one message
_TYPE_NAMES = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "list_type": "a list",
    "tuple_type": "a list",  # the plan's units, tasks and requirements are tuples: fixed once read
    "dict_type": "a mapping",
    "model_type": "a mapping",
    "model_attributes_type": "a mapping",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "date_type": "a date",
}


# pydantic's limit errors: the words for the bound (translated in messages) and its key in ``ctx``
_LENGTH_BOUNDS = {
    "too_short": ("no fewer than", "min_length"),
    "string_too_short": ("no fewer than", "min_length"),
    "too_long": ("no more than", "max_length"),
    "string_too_long": ("no more than", "max_length"),
}
_NUMBER_BOUNDS = {
    "greater_than_equal": ("at least", "ge"),
    "less_than_equal": ("at most", "le"),
    "greater_than": ("more than", "gt"),
    "less_than": ("less than", "lt"),
}


_OWN_ERRORS = frozenset(
    {
        "date-or-weekday",
        "role-empty",
        "item-empty",
        "section-without-heading",
        "attachment-kind",
        "attachment-without-title",
        "image-file-or-qr",
    }
)


def _schema_problem(error: Any, source: SourceMap) -> Finding:
    loc = tuple(part for part in error["loc"] if not (isinstance(part, str) and part.startswith("function-")))
    kind = error["type"]
    value = error.get("input")
    params: dict[str, Any]
    at_key = False
    if kind == "missing":
        # Point at the mapping that lacks the key: its own key ("contact:") where it has one.
        code, params = "missing-field", {"field": loc[-1]}
        place, at_key = loc[:-1], True
    elif kind == "extra_forbidden" and loc[:1] == ("mail",) and is_password_key(loc[-1]):
        code, params, place, at_key = "mail-password-in-plan", {}, loc, True
    elif kind == "extra_forbidden" and _FULLWIDTH_SPACE in str(loc[-1]):
        code, params, place, at_key = "key-fullwidth-space", {"key": str(loc[-1]).strip(_SPACES)}, loc, True
    elif kind == "extra_forbidden":
        known = _field_names(loc[:-1])
        guess = difflib.get_close_matches(str(loc[-1]), known, n=1, cutoff=0.6)
        code = "unknown-key-suggest" if guess else "unknown-key"
        params = {"key": loc[-1], "suggestion": guess[0] if guess else "", "known": ", ".join(known)}
        place, at_key = loc, True
    elif kind.startswith("date_"):
        code, params, place = "invalid-date", {"value": value, "detail": error["msg"]}, loc
    elif kind in _TYPE_NAMES:
        plain = isinstance(value, (str, int, float)) and not isinstance(value, bool)
        shown = short_repr(value) if plain else kind_of(value)
        params = {"expected": _TYPE_NAMES[kind], "value": shown}
        # "-甲" with no space after the dash is text, not a list item: say so
        dashed = kind in ("list_type", "tuple_type") and isinstance(value, str) and value.startswith("-")
        code, place = ("list-dash-without-space" if dashed else "wrong-type"), loc
    elif kind == "string_pattern_mismatch" and error.get("ctx", {}).get("pattern") == _ID_PATTERN:
        code, params, place = "bad-id", {"value": short_repr(value)}, loc
    elif kind == "string_pattern_mismatch":
        field = next((part for part in reversed(loc) if isinstance(part, str)), "value")
        code, params, place = "bad-format", {"value": short_repr(value), "field": field}, loc
    elif kind in {"too_short", "string_too_short"} and error.get("ctx", {}).get("min_length") == 1:
        code, params, place = "empty-value", {"what": "list" if kind == "too_short" else "text"}, loc
    elif kind in _LENGTH_BOUNDS:
        bound, limit_key = _LENGTH_BOUNDS[kind]
        measure = "characters" if kind.startswith("string") else "items"
        limit = error.get("ctx", {}).get(limit_key)
        code, place = "bad-length", loc
        params = {"detail": error["msg"], "bound": bound, "limit": limit, "measure": measure}
    elif kind in _NUMBER_BOUNDS:
        bound, limit_key = _NUMBER_BOUNDS[kind]
        limit = error.get("ctx", {}).get(limit_key)
        code, place = "out-of-range", loc
        params = {"value": value, "detail": error["msg"], "bound": bound, "limit": limit}
    elif kind in _OWN_ERRORS:  # raised by the plan's own validators (docgen.plan.model, docgen.plan.sections)
        code, params, place = kind, {}, loc
    else:
        detail = error["msg"].removeprefix("Value error, ")
        code, params, place = "invalid-value", {"detail": detail}, loc
    line, column = source.locate(place, key=at_key)
    return Finding(code, params, file=source.file, line=line, column=column, path=dotted(loc) or None)


def _field_names(loc: tuple[Any, ...]) -> list[str]:
    """Field names the model allows at ``loc``, for "did you mean" suggestions."""
    annotation: Any = Plan
    for part in loc:
        annotation = _element(annotation, part)
        if annotation is None:
            return []
    annotation = _unwrap(annotation)
    if isinstance(annotation, type) and issubclass(annotation, Model):
        return list(annotation.model_fields)
    return []


def _unwrap(annotation: Any) -> Any:
    """Strip ``Annotated`` and ``X | None`` down to the one type that holds fields."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = args[0] if len(args) == 1 else annotation
            if len(args) != 1:
                return annotation
        else:
            return annotation


def _element(annotation: Any, part: Any) -> Any:
    annotation = _unwrap(annotation)
    if isinstance(annotation, type) and issubclass(annotation, Model):
        field = annotation.model_fields.get(str(part))
        return field.annotation if field else None
    origin = typing.get_origin(annotation)
    if origin in (list, tuple) and isinstance(part, int):
        return typing.get_args(annotation)[0]
    if origin is dict:
        return typing.get_args(annotation)[1]
    return None
