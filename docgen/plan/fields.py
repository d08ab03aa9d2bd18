"""How the plan's models declare their fields: types, defaults, bounds, descriptions and rules.

The declarations are docgen's own and import nothing: every command reads a plan, and loading
pydantic and building its models took a fifth of a whole render (60 ms). The data is checked by
a walk over these declarations (``docgen.plan.construction``); pydantic, given the same
declarations (``docgen.plan.mirror``), judges what the walk leaves to it, words the errors and
derives the JSON Schema. Their names and arguments are pydantic's, so a model reads as before.
"""

from __future__ import annotations

import copy
import typing
from collections.abc import Callable, Collection
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal, Self, TypeVar

REQUIRED: Any = ...
"""The default of a field that has none: the key must be given."""


_DECLARED = ("default_factory", "description", "ge", "le", "min_length", "max_length")
"""What ``Field`` declares besides the default."""


class StringConstraints:
    """Bounds on a text: its length in characters and a pattern it must match (``re.search``)."""

    __slots__ = ("max_length", "min_length", "pattern")

    def __init__(self, *, min_length: int | None = None, max_length: int | None = None, pattern: str | None = None):
        self.min_length = min_length
        self.max_length = max_length
        self.pattern = pattern


class FieldInfo:
    """A field's default, description and bounds, as ``Field`` declares them.

    On a model's ``model_fields`` it also holds the field's type (``annotation``, ``Annotated``
    taken off) and what ``Annotated`` carried with it (``metadata``), as pydantic's does.
    """

    __slots__ = ("annotation", "default", "metadata", *_DECLARED)

    default_factory: Callable[[], Any] | None
    description: str | None
    ge: Any
    le: Any
    min_length: int | None
    max_length: int | None

    def __init__(self, default: Any = REQUIRED, **declared: Any):
        self.default = default
        for name in _DECLARED:
            setattr(self, name, declared.pop(name, None))
        if declared:
            raise TypeError(f"Field() takes no {', '.join(declared)}")
        self.annotation: Any = None
        self.metadata: list[Any] = []

    def __get__(self, instance: object, owner: type) -> FieldInfo:
        """The declaration, read on the class; on a model made without the field, no value (as pydantic's)."""
        if instance is None:
            return self
        raise AttributeError(f"{owner.__name__!r} object has no attribute: a field it was made without")

    def is_required(self) -> bool:
        """Whether the key must be given: no default and nothing to make one."""
        return self.default is REQUIRED and self.default_factory is None

    def has_bounds(self) -> bool:
        """Whether it bounds its value (a length, a least or greatest value)."""
        return any(bound is not None for bound in (self.ge, self.le, self.min_length, self.max_length))

    def declared(self, annotation: Any, metadata: list[Any]) -> FieldInfo:
        """A copy for a model's ``model_fields``: this declaration with the field's type and metadata."""
        info = copy.copy(self)
        info.annotation = annotation
        info.metadata = metadata
        return info


def Field(  # noqa: N802 - named as pydantic's, which the declarations read like
    default: Any = REQUIRED,
    *,
    default_factory: Callable[[], Any] | None = None,
    description: str | None = None,
    ge: Any = None,
    le: Any = None,
    min_length: int | None = None,
    max_length: int | None = None,
) -> Any:
    """A field's declaration: its default (or a function making one), its description and bounds."""
    declared = {name: value for name, value in locals().items() if name != "default"}
    return FieldInfo(default, **declared)


class BeforeValidator:
    """A function that turns a field's value as written into the value the field holds (a shorthand)."""

    __slots__ = ("func", "json_schema_input_type")

    def __init__(self, func: Callable[[Any], Any], *, json_schema_input_type: Any = None):
        self.func = func
        self.json_schema_input_type = json_schema_input_type


class RuleError(ValueError):
    """A model's own rule broken (give 'names' or 'text'): ``code`` names it for docgen.messages."""

    def __init__(self, code: str, message: str):
        super().__init__(code, message)
        self.code = code
        self.message = message

    def __str__(self) -> str:
        return self.message


class JinjaMarker:
    """Marks a string field as running text that may hold ``{{ ... }}`` placeholders."""


ValidatorMode = Literal["before", "after"]
F = TypeVar("F")


def model_validator(*, mode: ValidatorMode) -> Callable[[F], F]:
    """Marks a model's rule: ``before`` turns the value as written into a mapping, ``after`` checks the model made.

    An ``after`` rule returns the model; either raises ``RuleError`` for data that breaks it.
    """

    def mark(function: F) -> F:
        target = function.__func__ if isinstance(function, classmethod) else function
        setattr(target, "__docgen_validator__", mode)  # noqa: B010 - a mark on a function of any type
        return function

    return mark


def rules(cls: type) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The names of a model's rules (``model_validator``) that run before and after its fields, in the order written."""
    before: list[str] = []
    after: list[str] = []
    for klass in reversed(cls.__mro__):
        for name, value in vars(klass).items():
            target = value.__func__ if isinstance(value, classmethod | staticmethod) else value
            mode = getattr(target, "__docgen_validator__", None)
            if mode is not None:
                (before if mode == "before" else after).append(name)
    return tuple(before), tuple(after)


class _DeclaredFields:
    """``model_fields``: a model's fields, read from its annotations on first use, then kept on the class."""

    def __get__(self, instance: object, owner: type[Declared]) -> dict[str, FieldInfo]:
        found: dict[str, FieldInfo] | None = owner.__dict__.get("_docgen_fields")
        if found is None:
            found = _declared(owner)
            type.__setattr__(owner, "_docgen_fields", found)
        return found


def _declared(cls: type[Declared]) -> dict[str, FieldInfo]:
    """Each annotated name of the class and its bases, with its declaration (``Field``, a default, or none)."""
    fields: dict[str, FieldInfo] = {}
    for name, hint in typing.get_type_hints(cls, include_extras=True).items():
        if name.startswith("_") or hint is ClassVar or typing.get_origin(hint) is ClassVar:
            continue
        metadata: list[Any] = []
        if typing.get_origin(hint) is Annotated:
            metadata = list(hint.__metadata__)
            hint = hint.__origin__
        declared = getattr(cls, name, REQUIRED)
        info = (declared if isinstance(declared, FieldInfo) else FieldInfo(declared)).declared(hint, metadata)
        if info.description is None:  # the type's own (UnitId's, JinjaText's), as pydantic merges them
            info.description = next((m.description for m in reversed(metadata) if isinstance(m, FieldInfo)), None)
        fields[name] = info
    return fields


_ABSENT = object()


class Declared:
    """What a model is without its checking: fields from its annotations, made as given, never changed.

    ``docgen.plan.types.Model`` adds the checking (``model_validate``); the walk that checks and
    pydantic's mirror of the models know models by this base, below them both.
    """

    __slots__ = ("__dict__", "_fields_set")

    if TYPE_CHECKING:
        model_fields: ClassVar[dict[str, FieldInfo]]
        _fields_set: set[str]
    else:
        model_fields = _DeclaredFields()

    @classmethod
    def model_construct(cls, _fields_set: set[str] | None = None, **values: Any) -> Self:
        """The model made from values taken as valid, defaults filled in: nothing is checked."""
        made = cls.__new__(cls)
        held = made.__dict__
        for name, info in cls.model_fields.items():
            if name in values:
                held[name] = values[name]
            elif info.default_factory is not None:
                held[name] = info.default_factory()
            elif info.default is not REQUIRED:
                held[name] = info.default
        given = {name for name in values if name in held} if _fields_set is None else _fields_set
        object.__setattr__(made, "_fields_set", given)
        return made

    @property
    def model_fields_set(self) -> set[str]:
        """The fields the data gave (the others hold their defaults)."""
        given: set[str] = self._fields_set
        return given

    def model_copy(self, *, update: dict[str, Any] | None = None, deep: bool = False) -> Self:
        """A copy, with the fields in ``update`` replaced (not checked, as pydantic's is not)."""
        made = type(self).__new__(type(self))
        made.__dict__.update(copy.deepcopy(self.__dict__) if deep else self.__dict__)
        made.__dict__.update(update or {})
        object.__setattr__(made, "_fields_set", self._fields_set | set(update or ()))
        return made

    def as_dict(self, exclude: Collection[str] = ()) -> dict[str, Any]:
        """The fields as ``model_dump()`` gives them (models as dicts all the way down)."""
        held = self.__dict__
        return {name: plain(held[name]) for name in type(self).model_fields if name not in exclude and name in held}

    def _values(self) -> tuple[Any, ...]:
        held = self.__dict__
        return tuple(held.get(name, _ABSENT) for name in type(self).model_fields)

    def __eq__(self, other: object) -> bool:
        """Models are equal when they are of one class and their fields are: what one keeps on the side is not."""
        if not isinstance(other, Declared):
            return NotImplemented
        return type(self) is type(other) and self._values() == other._values()

    if not TYPE_CHECKING:  # mypy would take the class itself for unhashable (a class is a cache's key)

        def __hash__(self) -> int:
            return hash((type(self), self._values()))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._shown(', ')})"

    def __str__(self) -> str:
        return self._shown(" ")

    def _shown(self, separator: str) -> str:
        held = self.__dict__
        return separator.join(f"{name}={held[name]!r}" for name in type(self).model_fields if name in held)

    def __setattr__(self, name: str, value: Any) -> None:
        """Refused: a model does not change (make a changed copy with ``model_copy(update=...)``)."""
        raise _frozen(type(self), name, value)

    def __delattr__(self, name: str) -> None:
        raise _frozen(type(self), name, None)

    def __getstate__(self) -> tuple[dict[str, Any], set[str]]:
        return self.__dict__, self._fields_set

    def __setstate__(self, state: tuple[dict[str, Any], set[str]]) -> None:
        self.__dict__.update(state[0])
        object.__setattr__(self, "_fields_set", set(state[1]))  # copy.copy's too is a set of its own, as pydantic's


def _frozen(cls: type, name: str, value: Any) -> Exception:
    """The frozen_instance error (a ``ValueError``): what a change to a plan's model raised before."""
    from pydantic_core import ValidationError  # loaded for the error only

    return ValidationError.from_exception_data(
        cls.__name__, [{"type": "frozen_instance", "loc": (name,), "input": value}]
    )


def plain(value: Any) -> Any:
    """A field's value as ``model_dump()`` gives it: models as dicts; lists, tuples and dicts of them alike."""
    return mapped(value, Declared.as_dict)


def mapped(value: Any, turn: Callable[[Declared], Any]) -> Any:
    """``value`` with each model in it given by ``turn``: lists, tuples and dicts made again around them."""
    if isinstance(value, Declared):
        return turn(value)
    if isinstance(value, list):
        return [mapped(v, turn) for v in value]
    if isinstance(value, tuple):
        return tuple(mapped(v, turn) for v in value)
    if isinstance(value, dict):
        return {k: mapped(v, turn) for k, v in value.items()}
    return value
