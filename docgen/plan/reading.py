"""Plan file -> YAML nodes and data with positions: safe YAML, duplicate keys, every problem at once.

YAML is composed to nodes first (never constructed through arbitrary tags) and walked once to
find duplicate keys and to record positions; ``docgen.plan.validation`` then makes the data a
``Plan``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

import yaml

from docgen.errors import Finding, PlanError, Severity
from docgen.inputs.bounded import InputRefusedError, read_regular
from docgen.plan.sourcemap import PlanPath, SourceMap, dotted
from docgen.plan.yaml_errors import MAX_DEPTH, character_problem, quoted, syntax_problem

MAX_FILE_BYTES = 4 * 1024 * 1024
MAX_NODES = 200_000
MAX_NUMBER_DIGITS = 100  # a number longer than this in a plan is a slip, whatever its tag
_YAML_TAG_PREFIX = "tag:yaml.org,2002:"
STR_TAG = "tag:yaml.org,2002:str"
_MERGE_TAG = _YAML_TAG_PREFIX + "merge"
_FLATTENED_KEY_TAGS = {_MERGE_TAG, _YAML_TAG_PREFIX + "value"}  # "<<" and "="
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
    problems: list[Finding]
    text: str
    root: yaml.Node | None = None  # the composed nodes, for edits at their marks (new-year)
    strings: list[tuple[PlanPath, str]] = field(default_factory=list)
    """Every text value with its path, in file order: the checks that read all of them walk no data."""


def read_text(path: Path) -> tuple[str, list[Finding]]:
    """The file's text: UTF-8 (a BOM is fine); GB18030 is read with a warning to resave it."""
    text, problems, _ = read_text_encoded(path)
    return text, problems


def read_text_encoded(path: Path) -> tuple[str, list[Finding], str]:
    """``read_text``, and the encoding to write a changed copy in: ``utf-8``, ``utf-8-sig`` (with a BOM) or ``gb18030``.

    A copy made from the file (``docgen new-year``) keeps what the person's editor wrote.
    """
    return decode_plan(read_plan_bytes(path), str(path))


def read_plan_bytes(path: Path) -> bytes:
    """The plan file's bytes, at most ``MAX_FILE_BYTES``; ``PlanError`` for a file that cannot be read."""
    name = str(path)
    try:
        if path.is_dir():
            raise PlanError([Finding("file-is-directory", {}, file=name)])
        raw = read_regular(path, MAX_FILE_BYTES)
    except FileNotFoundError:
        raise PlanError([Finding("file-missing", {}, file=name)]) from None
    except InputRefusedError as exc:
        if exc.code == "input-too-large":
            raise PlanError(
                [Finding("file-too-large", {"limit": MAX_FILE_BYTES // (1024 * 1024)}, file=name)]
            ) from None
        raise PlanError([exc.problem(name)]) from None
    except OSError as exc:
        raise PlanError([Finding("file-unreadable", {"reason": exc.strerror or str(exc)}, file=name)]) from exc
    return raw


def decode_plan(raw: bytes, name: str) -> tuple[str, list[Finding], str]:
    """A plan file's bytes as text, with the encoding they were in (see ``read_text_encoded``)."""
    encoding = "utf-8"
    if raw.startswith(b"\xef\xbb\xbf"):
        raw, encoding = raw[3:], "utf-8-sig"
    try:
        return raw.decode("utf-8"), [], encoding
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        text = raw.decode("gb18030")
    except UnicodeDecodeError:
        before = raw[: utf8_error.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8")) + 1
        raise PlanError([Finding("not-utf8", {}, file=name, line=line, column=column)]) from None
    return text, [Finding("gb18030-file", {}, file=name, line=1, column=1, severity=Severity.WARNING)], "gb18030"


def compose(text: str, name: str) -> LoadedYaml:
    """Parse YAML text into plain data and a source map, refusing unsafe or explosive input."""
    try:
        root = yaml.compose(text, Loader=PlanLoader)
    except yaml.MarkedYAMLError as exc:
        raise PlanError([syntax_problem(exc, text, name)]) from None
    except yaml.reader.ReaderError as exc:
        raise PlanError([character_problem(exc, text, name)]) from None
    except yaml.YAMLError as exc:
        raise PlanError([Finding("yaml-syntax", {"detail": str(exc)}, file=name)]) from None
    except RecursionError:
        raise PlanError([Finding("yaml-too-deep", {"limit": MAX_DEPTH}, file=name)]) from None
    if root is None:
        raise PlanError([Finding("empty-file", {}, file=name)])
    walker = _Walker(name, text)
    try:
        data = walker.build(root, ())
    except WalkAbortedError:
        raise PlanError(walker.problems) from None
    except RecursionError:
        raise PlanError([Finding("yaml-too-deep", {"limit": MAX_DEPTH}, file=name)]) from None
    if not isinstance(data, dict):
        line, column = root.start_mark.line + 1, root.start_mark.column + 1
        raise PlanError([Finding("not-a-mapping", {"found": kind_of(data)}, file=name, line=line, column=column)])
    return LoadedYaml(data, walker.source, walker.problems, text, root, walker.strings)


def kind_of(value: Any) -> str:
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


def short_repr(value: Any) -> str:
    """A value as a message quotes it: its repr, cut to 40 characters."""
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


class WalkAbortedError(Exception):
    """Raised inside the walk when the data nests or expands past a limit; the problem is recorded."""


class _Walker:
    """Builds data from nodes, recording positions, duplicate keys and refused tags."""

    def __init__(self, name: str, text: str = "") -> None:
        self.source = SourceMap(name)
        self.text = text
        self.lines = text.splitlines()
        self.problems: list[Finding] = []
        self.strings: list[tuple[PlanPath, str]] = []
        self.written: dict[int, set[int]] = {}  # by id(): the keys of a mapping with '<<:' before it was merged
        self.count = 0
        self.constructor = PlanLoader("")

    def problem(self, code: str, node: yaml.Node, path: tuple[Any, ...], **params: Any) -> None:
        self.problems.append(
            Finding(
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
            if node.flow_style and self.text.startswith("{{", node.start_mark.index):
                # "theme: {{ year }}" is a mapping in YAML; the person meant a placeholder
                written = self.text[node.start_mark.index : node.end_mark.index]
                params = {"char": "{", "suggestion": quoted(written)}
                self.problem("yaml-unquoted-placeholder", node, path, **params)
                self.strings.append((path, written))
                return written
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        if node.tag == STR_TAG and isinstance(node, yaml.ScalarNode):
            self._record_text_start(node, path)
            self.strings.append((path, node.value))
            return node.value  # most values are text: no need for the constructor's machinery
        try:
            return self.constructor.construct_object(node, deep=True)
        except yaml.YAMLError as exc:
            self.problem("yaml-syntax", node, path, detail=str(getattr(exc, "problem", exc)))
        except (ValueError, KeyError, TypeError, OverflowError):
            digits = sum(c.isdigit() for c in str(node.value))
            if digits > MAX_NUMBER_DIGITS and not self._explicit_tag(node):
                # a number too long for Python to read (4,300 digits and more), written without a tag
                self.problem("yaml-number-too-long", node, path, digits=digits)
                return None
            # An explicit tag on a value it cannot read, e.g. "!!int abc" or "!!bool maybe".
            self.problem("yaml-tag-value", node, path, tag=_shown_tag(node.tag), value=short_repr(node.value))
        return None

    def _explicit_tag(self, node: yaml.Node) -> bool:
        """Whether the file gives the node's tag itself (``!!int 5``), rather than YAML guessing it."""
        return self.text[node.start_mark.index : node.start_mark.index + 1] == "!"

    def _record_text_start(self, node: yaml.ScalarNode, path: tuple[Any, ...]) -> None:
        """Note where a text's characters start when they stand in the file unchanged."""
        mark = node.start_mark
        if node.style is None and mark.line == node.end_mark.line:
            self.source.texts[path] = (mark.line + 1, mark.column + 1)
        elif node.style == "|" and mark.line + 1 < len(self.lines):
            content = self.lines[mark.line + 1]
            self.source.texts[path] = (mark.line + 2, len(content) - len(content.lstrip(" ")) + 1)

    def _mapping(self, node: yaml.MappingNode, path: tuple[Any, ...]) -> dict[str, Any]:
        pairs = node.value
        if id(node) in self.written or any(key.tag in _FLATTENED_KEY_TAGS for key, _ in pairs):
            merged = self._merged(node, path)
            if merged is None:
                return {}
            pairs = merged
        out: dict[str, Any] = {}
        first_seen: dict[str, int] = {}
        for key_node, value_node in pairs:
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
            mark = key_node.start_mark
            first_seen[key] = mark.line + 1
            here = (*path, key)
            self.source.keys[here] = (mark.line + 1, mark.column + 1)
            out[key] = self.build(value_node, here)
        return out

    def _merged(self, node: yaml.MappingNode, path: tuple[Any, ...]) -> list[tuple[yaml.Node, yaml.Node]] | None:
        """The pairs of a mapping with ``<<:`` keys, merged in: a key the mapping gives itself wins.

        Merging changes the nodes (PyYAML's ``flatten_mapping``), the mappings merged in too: the
        keys each had before are noted first, so that an alias of one, read later, is read alike.
        None, with a problem, when what ``<<:`` names cannot be merged.
        """
        self._note_written(node)
        try:
            self.constructor.flatten_mapping(node)
        except yaml.YAMLError as exc:
            self.problem("yaml-syntax", node, path, detail=str(getattr(exc, "problem", exc)))
            return None
        written = self.written[id(node)]
        last = {str(k.value): i for i, (k, _) in enumerate(node.value) if isinstance(k, yaml.ScalarNode)}
        return [
            (key, value)
            for i, (key, value) in enumerate(node.value)
            if id(key) in written or last.get(str(key.value)) == i
        ]

    def _note_written(self, node: yaml.MappingNode) -> None:
        """Note the keys of ``node`` and of every mapping it merges in, before merging changes them."""
        pending = [node]
        while pending:
            mapping = pending.pop()
            if id(mapping) in self.written:
                continue
            self.written[id(mapping)] = {id(key) for key, _ in mapping.value}
            for key, value in mapping.value:
                if key.tag == _MERGE_TAG:
                    merged = value.value if isinstance(value, yaml.SequenceNode) else [value]
                    pending.extend(m for m in merged if isinstance(m, yaml.MappingNode))


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
