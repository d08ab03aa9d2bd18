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
from docgen.plan import Plan, UnitId
from docgen.sourcemap import SourceMap, dotted
from docgen.yamlerrors import MAX_DEPTH, character_problem, quoted, syntax_problem

MAX_FILE_BYTES = 4 * 1024 * 1024
MAX_NODES = 200_000
_YAML_TAG_PREFIX = "tag:yaml.org,2002:"
STR_TAG = "tag:yaml.org,2002:str"
_STANDARD_TAGS = {_YAML_TAG_PREFIX + name for name in ("map", "seq", "str", "int", "float", "bool", "null")}
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
    root: yaml.Node | None = None  # the composed nodes, for edits at their marks (new-year)


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
        before = raw[: utf8_error.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8")) + 1
        raise PlanError([Problem("not-utf8", {}, file=name, line=line, column=column)]) from None
    return text, [Problem("gb18030-file", {}, file=name, line=1, column=1, severity=Severity.WARNING)]


def compose(text: str, name: str) -> LoadedYaml:
    """Parse YAML text into plain data and a source map, refusing unsafe or explosive input."""
    try:
        root = yaml.compose(text, Loader=PlanLoader)
    except yaml.MarkedYAMLError as exc:
        raise PlanError([syntax_problem(exc, text, name)]) from None
    except yaml.reader.ReaderError as exc:
        raise PlanError([character_problem(exc, text, name)]) from None
    except yaml.YAMLError as exc:
        raise PlanError([Problem("yaml-syntax", {"detail": str(exc)}, file=name)]) from None
    except RecursionError:
        raise PlanError([Problem("yaml-too-deep", {"limit": MAX_DEPTH}, file=name)]) from None
    if root is None:
        raise PlanError([Problem("empty-file", {}, file=name)])
    walker = _Walker(name, text)
    try:
        data = walker.build(root, ())
    except WalkAbortedError:
        raise PlanError(walker.problems) from None
    except RecursionError:
        raise PlanError([Problem("yaml-too-deep", {"limit": MAX_DEPTH}, file=name)]) from None
    if not isinstance(data, dict):
        line, column = root.start_mark.line + 1, root.start_mark.column + 1
        raise PlanError([Problem("not-a-mapping", {"found": _kind(data)}, file=name, line=line, column=column)])
    return LoadedYaml(data, walker.source, walker.problems, text, root)


def _kind(value: Any) -> str:
    """How a person would call a YAML value's kind, for messages about the wrong one."""
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "text"
    return "a number" if isinstance(value, (int, float)) and not isinstance(value, bool) else "true or false"


class WalkAbortedError(Exception):
    """Raised inside the walk when the data nests or expands past a limit; the problem is recorded."""


class _Walker:
    """Builds data from nodes, recording positions, duplicate keys and refused tags."""

    def __init__(self, name: str, text: str = "") -> None:
        self.source = SourceMap(name)
        self.text = text
        self.lines = text.splitlines()
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
        """The plain value of ``node``; a refused or unreadable value becomes None, with a problem."""
        self.count += 1
        # Aliases can make a small file expand without end; the place is shown, not the long path.
        if self.count > MAX_NODES:
            self.problem("yaml-too-many-nodes", node, (), limit=MAX_NODES)
            raise WalkAbortedError
        if len(path) > MAX_DEPTH:
            self.problem("yaml-too-deep", node, (), limit=MAX_DEPTH)
            raise WalkAbortedError
        self.source.values.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
        if node.tag not in _STANDARD_TAGS:
            self.problem("yaml-unsafe-tag", node, path, tag=_shown_tag(node.tag))
            return None
        if isinstance(node, yaml.MappingNode):
            written = self.text[node.start_mark.index : node.end_mark.index]
            if node.flow_style and written.startswith("{{"):
                # "theme: {{ year }}" is a mapping in YAML; the person meant a placeholder
                params = {"char": "{", "suggestion": quoted(written)}
                self.problem("yaml-unquoted-placeholder", node, path, **params)
                return written
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        if node.tag == STR_TAG and isinstance(node, yaml.ScalarNode):
            self._record_text_start(node, path)
            return node.value  # most values are text: no need for the constructor's machinery
        try:
            return self.constructor.construct_object(node, deep=True)
        except yaml.YAMLError as exc:
            self.problem("yaml-syntax", node, path, detail=str(getattr(exc, "problem", exc)))
        except (ValueError, KeyError, TypeError, OverflowError):
            # An explicit tag on a value it cannot read, e.g. "!!int abc" or "!!bool maybe".
            self.problem("yaml-tag-value", node, path, tag=_shown_tag(node.tag), value=_short(node.value))
        return None

    def _record_text_start(self, node: yaml.ScalarNode, path: tuple[Any, ...]) -> None:
        """Note where a text's characters start when they stand in the file unchanged."""
        mark = node.start_mark
        if node.style is None and mark.line == node.end_mark.line:
            self.source.texts[path] = (mark.line + 1, mark.column + 1)
        elif node.style == "|" and mark.line + 1 < len(self.lines):
            content = self.lines[mark.line + 1]
            self.source.texts[path] = (mark.line + 2, len(content) - len(content.lstrip(" ")) + 1)

    def _mapping(self, node: yaml.MappingNode, path: tuple[Any, ...]) -> dict[str, Any]:
        try:
            self.constructor.flatten_mapping(node)
        except yaml.YAMLError as exc:
            self.problem("yaml-syntax", node, path, detail=str(getattr(exc, "problem", exc)))
            return {}
        out: dict[str, Any] = {}
        first_seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.problem("yaml-complex-key", key_node, path)
                continue
            if key_node.tag not in _STANDARD_TAGS:
                self.problem("yaml-unsafe-tag", key_node, path, tag=_shown_tag(key_node.tag))
                continue
            # Keys stay as written: "yes:" is the key "yes", "2019:" the key "2019".
            key = str(key_node.value)
            if key in first_seen:
                self.problem("duplicate-key", key_node, (*path, key), key=key, first_line=first_seen[key])
                continue
            first_seen[key] = key_node.start_mark.line + 1
            self.source.keys[(*path, key)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            out[key] = self.build(value_node, (*path, key))
        return out


def _shown_tag(tag: str) -> str:
    """A tag as it is written in a file: ``!!python/name:os.system``, not its long form."""
    return "!!" + tag.removeprefix(_YAML_TAG_PREFIX) if tag.startswith(_YAML_TAG_PREFIX) else tag


def load_yaml(path: Path) -> LoadedYaml:
    """Read and compose a YAML file, raising ``PlanError`` for what makes it unreadable."""
    text, problems = read_text(path)
    try:
        loaded = compose(text, str(path))
    except PlanError as exc:
        raise PlanError(problems + exc.problems) from None
    loaded.problems[:0] = problems
    return loaded


def validate(loaded: LoadedYaml) -> tuple[Plan | None, list[Problem]]:
    """Validate composed data as a ``Plan``; every schema error becomes a located problem."""
    try:
        return Plan.model_validate(loaded.data), []
    except ValidationError as exc:
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


_VALUE_DROPPED = {"yaml-unsafe-tag", "yaml-tag-value", "yaml-syntax"}


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


def _schema_problem(error: Any, source: SourceMap) -> Problem:
    loc = tuple(part for part in error["loc"] if not (isinstance(part, str) and part.startswith("function-")))
    kind = error["type"]
    value = error.get("input")
    params: dict[str, Any]
    at_key = False
    if kind == "missing":
        # Point at the mapping that lacks the key: its own key ("contact:") where it has one.
        code, params = "missing-field", {"field": loc[-1]}
        place, at_key = loc[:-1], True
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
        shown = _short(value) if plain else _kind(value)
        params = {"expected": _TYPE_NAMES[kind], "value": shown}
        # "-甲" with no space after the dash is text, not a list item: say so
        dashed = kind == "list_type" and isinstance(value, str) and value.startswith("-")
        code, place = ("list-dash-without-space" if dashed else "wrong-type"), loc
    elif kind == "string_pattern_mismatch" and error.get("ctx", {}).get("pattern") == _ID_PATTERN:
        code, params, place = "bad-id", {"value": _short(value)}, loc
    elif kind == "string_pattern_mismatch":
        field = next((part for part in reversed(loc) if isinstance(part, str)), "value")
        code, params, place = "bad-format", {"value": _short(value), "field": field}, loc
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
    elif kind == "date-or-weekday":
        code, params, place = kind, {}, loc
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
