"""Plan file -> typed ``Plan``: safe YAML, duplicate keys, node positions, every problem at once.

YAML is composed to nodes first (never constructed through arbitrary tags), walked once to
find duplicate keys and to record positions, then validated by pydantic; each pydantic error
is mapped back to the line and column of the node it concerns.
"""

from __future__ import annotations

import difflib
import types
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

import yaml
from pydantic import BaseModel, ValidationError

from docgen.errors import PlanError, Problem, Severity
from docgen.plan import Plan
from docgen.sourcemap import SourceMap, dotted

MAX_FILE_BYTES = 4 * 1024 * 1024
MAX_NODES = 200_000
_STANDARD_TAGS = {"tag:yaml.org,2002:" + name for name in ("map", "seq", "str", "int", "float", "bool", "null")}
_Loader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class PlanLoader(_Loader):  # type: ignore[misc]
    """Safe loader that leaves dates as text: pydantic parses them and reports bad ones."""

    yaml_implicit_resolvers: ClassVar[dict[str, list[tuple[str, Any]]]] = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }


@dataclass
class LoadedYaml:
    """A YAML file's data with the positions of its nodes, and problems found on the way."""

    data: Any
    source: SourceMap
    problems: list[Problem]
    text: str


def read_text(path: Path) -> tuple[str, list[Problem]]:
    """The file's text: UTF-8 (a BOM is fine); GB18030 is read with a warning to resave it."""
    name = str(path)
    try:
        if path.is_dir():
            raise PlanError([Problem("file-is-directory", {}, file=name)])
        with path.open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise PlanError([Problem("file-missing", {}, file=name)]) from None
    except OSError as exc:
        raise PlanError([Problem("file-unreadable", {"reason": exc.strerror or str(exc)}, file=name)]) from exc
    if len(raw) > MAX_FILE_BYTES:
        raise PlanError([Problem("file-too-large", {"limit": MAX_FILE_BYTES // (1024 * 1024)}, file=name)])
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        text = raw.decode("gb18030")
    except UnicodeDecodeError:
        line = raw[: utf8_error.start].count(b"\n") + 1
        raise PlanError([Problem("not-utf8", {}, file=name, line=line, column=1)]) from None
    return text, [Problem("gb18030-file", {}, file=name, line=1, column=1, severity=Severity.WARNING)]


def compose(text: str, name: str) -> LoadedYaml:
    """Parse YAML text into plain data and a source map, refusing unsafe or explosive input."""
    try:
        root = yaml.compose(text, Loader=PlanLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        detail = exc.problem or exc.context or "invalid YAML"
        code = "yaml-tab" if "'\\t'" in detail else "yaml-syntax"
        line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
        raise PlanError([Problem(code, {"detail": detail}, file=name, line=line, column=column)]) from None
    except yaml.YAMLError as exc:
        raise PlanError([Problem("yaml-syntax", {"detail": str(exc)}, file=name)]) from None
    except RecursionError:
        raise PlanError([Problem("yaml-too-deep", {}, file=name)]) from None
    if root is None:
        raise PlanError([Problem("empty-file", {}, file=name)])
    walker = _Walker(name)
    try:
        data = walker.build(root, ())
    except RecursionError:
        raise PlanError([Problem("yaml-too-deep", {}, file=name)]) from None
    if not isinstance(data, dict):
        line, column = root.start_mark.line + 1, root.start_mark.column + 1
        raise PlanError([Problem("not-a-mapping", {}, file=name, line=line, column=column)])
    return LoadedYaml(data, walker.source, walker.problems, text)


class TooManyNodesError(Exception):
    """Raised inside the walk when aliases expand a file past ``MAX_NODES``."""


class _Walker:
    """Builds data from nodes, recording positions, duplicate keys and refused tags."""

    def __init__(self, name: str) -> None:
        self.source = SourceMap(name)
        self.problems: list[Problem] = []
        self.count = 0
        self.constructor = PlanLoader("")

    def problem(self, code: str, node: yaml.Node, path: tuple[Any, ...], **params: Any) -> None:
        self.problems.append(
            Problem(
                code,
                params,
                file=self.source.file,
                line=node.start_mark.line + 1,
                column=node.start_mark.column + 1,
                path=dotted(path),
            )
        )

    def build(self, node: yaml.Node, path: tuple[Any, ...]) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            if self.count == MAX_NODES + 1:
                self.problem("yaml-too-many-nodes", node, path, limit=MAX_NODES)
            raise TooManyNodesError
        self.source.values.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
        if node.tag not in _STANDARD_TAGS:
            self.problem("yaml-unsafe-tag", node, path, tag=node.tag)
            return None
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        try:
            return self.constructor.construct_object(node, deep=True)
        except yaml.YAMLError as exc:
            self.problem("yaml-syntax", node, path, detail=str(getattr(exc, "problem", exc)))
            return None

    def _mapping(self, node: yaml.MappingNode, path: tuple[Any, ...]) -> dict[Any, Any]:
        try:
            self.constructor.flatten_mapping(node)
        except yaml.YAMLError as exc:
            self.problem("yaml-syntax", node, path, detail=str(getattr(exc, "problem", exc)))
            return {}
        out: dict[Any, Any] = {}
        first_seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.problem("yaml-complex-key", key_node, path)
                continue
            key = self.constructor.construct_object(key_node)
            if not isinstance(key, (str, int)) or isinstance(key, bool):
                key = str(key_node.value)
            if key in first_seen:
                self.problem("duplicate-key", key_node, (*path, key), key=key, first_line=first_seen[key])
                continue
            first_seen[key] = key_node.start_mark.line + 1
            self.source.keys[(*path, key)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            out[key] = self.build(value_node, (*path, key))
        return out


def load_yaml(path: Path) -> LoadedYaml:
    """Read and compose a YAML file, raising ``PlanError`` for what makes it unreadable."""
    text, problems = read_text(path)
    try:
        loaded = compose(text, str(path))
    except TooManyNodesError:
        raise PlanError([Problem("yaml-too-many-nodes", {"limit": MAX_NODES}, file=str(path))]) from None
    loaded.problems[:0] = problems
    return loaded


def validate(loaded: LoadedYaml) -> tuple[Plan | None, list[Problem]]:
    """Validate composed data as a ``Plan``; every schema error becomes a located problem."""
    try:
        return Plan.model_validate(loaded.data), []
    except ValidationError as exc:
        return None, [_schema_problem(error, loaded.source) for error in exc.errors()]


_TYPE_NAMES = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "list_type": "a list",
    "dict_type": "a mapping",
    "model_type": "a mapping",
    "model_attributes_type": "a mapping",
    "bool_type": "true or false",
    "date_type": "a date",
}


def _schema_problem(error: Any, source: SourceMap) -> Problem:
    loc = tuple(part for part in error["loc"] if not (isinstance(part, str) and part.startswith("function-")))
    kind = error["type"]
    value = error.get("input")
    params: dict[str, Any]
    at_key = False
    if kind == "missing":
        code, params = "missing-field", {"field": loc[-1]}
        place = loc[:-1]
    elif kind == "extra_forbidden":
        known = _field_names(loc[:-1])
        guess = difflib.get_close_matches(str(loc[-1]), known, n=1, cutoff=0.6)
        code = "unknown-key-suggest" if guess else "unknown-key"
        params = {"key": loc[-1], "suggestion": guess[0] if guess else "", "known": ", ".join(known)}
        place, at_key = loc, True
    elif kind.startswith("date_"):
        code, params, place = "invalid-date", {"value": value, "detail": error["msg"]}, loc
    elif kind in _TYPE_NAMES:
        code, place = "wrong-type", loc
        params = {"expected": _TYPE_NAMES[kind], "value": _short(value)}
    elif kind == "string_pattern_mismatch":
        code, params, place = "bad-format", {"value": _short(value), "field": loc[-1]}, loc
    elif kind in {"too_short", "too_long", "string_too_short", "string_too_long"}:
        code, params, place = "bad-length", {"detail": error["msg"]}, loc
    elif kind in {"greater_than_equal", "less_than_equal", "greater_than", "less_than"}:
        code, params, place = "out-of-range", {"value": value, "detail": error["msg"]}, loc
    else:
        detail = error["msg"].removeprefix("Value error, ")
        code, params, place = "invalid-value", {"detail": detail}, loc
    line, column = source.locate(place, key=at_key)
    return Problem(code, params, file=source.file, line=line, column=column, path=dotted(loc) or None)


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _field_names(loc: tuple[Any, ...]) -> list[str]:
    """Field names the model allows at ``loc``, for "did you mean" suggestions."""
    annotation: Any = Plan
    for part in loc:
        annotation = _element(annotation, part)
        if annotation is None:
            return []
    annotation = _unwrap(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
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
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        field = annotation.model_fields.get(str(part))
        return field.annotation if field else None
    origin = typing.get_origin(annotation)
    if origin is list and isinstance(part, int):
        return typing.get_args(annotation)[0]
    if origin is dict:
        return typing.get_args(annotation)[1]
    return None
