"""Which names a template uses that its context does not give, found before anything is rendered.

A context is described by sample values (``{"contact": {"phone": "..."}, "tasks": [...]}``) or
by dotted names (``contact.phone``, ``tasks[].title``: ``[]`` stands for any item of a list).
A name is reported only when docgen is sure it is missing: a top-level name nobody gives, or a
key a mapping does not have. Anything else (an attribute of text, of an object, of a value the
template computes) is left to the render, which fails with its place if it is wrong. Names the
template sets itself (loop variables, ``set``, macro arguments) follow what they were set to, so
``{% for task in tasks %}{{ task.titel }}`` is found too. A name tested with ``is defined`` or
given a ``default`` is the author's own business.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from jinja2 import Environment, nodes
from markupsafe import Markup

from docgen.rendering.values import Record, Records

_DICT_METHODS = frozenset({"items", "keys", "values", "get"})
# methods of a list found by key (deadlines.schedule): the sandbox refuses those that change it
_LIST_METHODS = frozenset(
    {"append", "extend", "insert", "pop", "remove", "reverse", "sort", "clear", "copy", "count", "index"}
)
_ITEMS = 50  # items of a list sampled for the names its items give
_DEPTH = 12


class ContextNames:
    """The names a context gives, as dotted paths, and which paths are mappings or lists."""

    def __init__(self, names: Mapping[str, Any] | Iterable[str]) -> None:
        self.paths: set[str] = set()
        self.mappings: set[str] = {""}  # the context itself
        self.lists: set[str] = set()
        self.markup: set[str] = set()  # values that are document XML, which ``{{p … }}`` places
        self.keys: dict[str, set[str]] = {}  # lists whose items are also found by key (deadlines.schedule)
        if isinstance(names, Mapping):
            for key, value in names.items():
                self._sample(str(key), value, 0)
        else:
            for name in names:
                self._dotted(name)

    def _sample(self, path: str, value: Any, depth: int) -> None:
        self.paths.add(path)
        if depth > _DEPTH:
            return
        if isinstance(value, Markup):
            self.markup.add(path)
        elif isinstance(value, Record):
            self.mappings.add(path)
            for key, item in value.fields().items():
                self._sample(f"{path}.{key}", item, depth + 1)
        elif isinstance(value, Mapping):
            self.mappings.add(path)
            for key, item in value.items():
                self._sample(f"{path}.{key}", item, depth + 1)
        elif isinstance(value, (list, tuple)):
            if isinstance(value, Records) and value.keys():
                self.mappings.add(path)
                self.keys[path] = set(value.keys())
            self.lists.add(path)
            self.paths.add(path + "[]")
            for item in value[:_ITEMS]:
                self._sample(path + "[]", item, depth + 1)

    def _dotted(self, name: str) -> None:
        path = ""
        for piece in name.replace("[]", ".[]").split("."):
            if piece == "[]":
                self.lists.add(path)
                path += "[]"
            else:
                self.mappings.add(path)
                path = f"{path}.{piece}" if path else piece
            self.paths.add(path)

    def places_markup(self, expression: str) -> bool:
        """Whether ``expression`` (``block.table``) names a value given as document XML.

        A table built by docgen for the plan's columns is placed with ``{{p block.table }}``:
        the loop variable is not followed here, so the last name decides, and docgen's contexts
        call such values ``table`` (a plan without tables gives no sample of one).
        """
        last = expression.strip().rsplit(".", 1)[-1]
        return last == "table" or any(path.rsplit(".", 1)[-1] == last for path in self.markup)

    def children(self, path: str) -> list[str]:
        """The keys a mapping at ``path`` has."""
        prefix = f"{path}." if path else ""
        found = {p[len(prefix) :].split(".")[0].split("[")[0] for p in self.paths if p.startswith(prefix)}
        return sorted(found | self.keys.get(path, set()))


@dataclass(frozen=True)
class Missing:
    """A name the template uses and the context does not give."""

    lineno: int
    name: str  # as the template writes it: task.titel
    suggestion: str
    known: str


@dataclass(frozen=True)
class UnknownFilter:
    """A filter or test the environment does not have."""

    lineno: int
    name: str
    kind: str  # "filter" or "test"
    suggestion: str


class _Resolver:
    def __init__(self, context: ContextNames, environment: Environment) -> None:
        self.context = context
        self.environment = environment
        self.aliases: dict[str, str | None] = {}  # a name the template binds -> the path it stands for
        self.guarded: set[str] = set()  # paths tested with "is defined" or given a default
        self.found: dict[tuple[str, int], Missing] = {}
        self.unknown: list[UnknownFilter] = []

    def path(self, node: nodes.Node, report: bool = True) -> str | None:
        """The dotted path an expression stands for; None when it is not one docgen can follow."""
        if isinstance(node, nodes.Name):
            if node.name in self.aliases:
                return self.aliases[node.name]
            if node.name in self.environment.globals or node.name in ("loop", "caller", "varargs", "kwargs"):
                return None
            if report and node.name not in self.context.paths:
                self._missing(node, node.name, "")
                return None
            return node.name
        if isinstance(node, nodes.Getattr):
            return self._child(node, self.path(node.node, report), node.attr, report)
        if isinstance(node, nodes.Getitem):
            base = self.path(node.node, report)
            if isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str):
                return self._child(node, base, node.arg.value, report)
            if isinstance(node.arg, nodes.Slice):
                return base
            return base + "[]" if base is not None and base in self.context.lists else None
        return None

    def _child(self, node: nodes.Node, base: str | None, key: str, report: bool) -> str | None:
        if base is None or base not in self.context.mappings:
            return None
        child = f"{base}.{key}" if base else key
        if child in self.context.paths:
            return child
        if key in self.context.keys.get(base, ()):
            return f"{base}[]"  # a record found by its key: deadlines.schedule
        method = key in _DICT_METHODS or (base in self.context.lists and key in _LIST_METHODS)
        if report and not method and not self._is_guarded(child):
            self._missing(node, child, base)
        return None

    def _is_guarded(self, path: str) -> bool:
        return any(path == g or path.startswith(g + ".") or path.startswith(g + "[") for g in self.guarded)

    def _missing(self, node: nodes.Node, path: str, parent: str) -> None:
        if self._is_guarded(path):
            return
        key = path.rsplit(".", 1)[-1]
        options = self.context.children(parent)
        guess = difflib.get_close_matches(key, options, n=1, cutoff=0.6)
        written = _written(node)
        suggestion = written[: len(written) - len(key)] + guess[0] if guess and written.endswith(key) else ""
        known = ", ".join(options[:30])
        self.found.setdefault((path, node.lineno), Missing(node.lineno, written, suggestion, known))

    def visit(self, node: nodes.Node) -> None:
        """Check every expression under ``node``."""
        if isinstance(node, (nodes.Name, nodes.Getattr, nodes.Getitem)):
            if not (isinstance(node, nodes.Name) and node.ctx != "load"):
                self.path(node)
            for arg in _subscripts(node):
                self.visit(arg)
            return
        if isinstance(node, nodes.Filter) and node.name not in self.environment.filters:
            self._unknown(node, node.name, "filter", self.environment.filters)
        if isinstance(node, nodes.Test) and node.name not in self.environment.tests:
            self._unknown(node, node.name, "test", self.environment.tests)
        for child in node.iter_child_nodes():
            self.visit(child)

    def _unknown(self, node: nodes.Node, name: str, kind: str, known: Mapping[str, Any]) -> None:
        guess = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
        self.unknown.append(UnknownFilter(node.lineno, name, kind, guess[0] if guess else ""))


def _written(node: nodes.Node) -> str:
    """An expression of names, attributes and items as a template writes it: ``t.title``, ``d['key']``."""
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr):
        return f"{_written(node.node)}.{node.attr}"
    if isinstance(node, nodes.Getitem):
        arg = repr(node.arg.value) if isinstance(node.arg, nodes.Const) else "..."
        return f"{_written(node.node)}[{arg}]"
    return "..."


def _subscripts(node: nodes.Node) -> Iterator[nodes.Node]:
    """The expressions inside a chain of attributes and items (``a[b].c`` -> ``b``)."""
    while isinstance(node, (nodes.Getattr, nodes.Getitem)):
        if isinstance(node, nodes.Getitem):
            yield node.arg
        node = node.node


def _bind(resolver: _Resolver, target: nodes.Node, path: str | None) -> None:
    """Record what a name the template sets stands for; a name set twice to different things is followed no more."""
    if isinstance(target, nodes.Name):
        if target.name in resolver.aliases and resolver.aliases[target.name] != path:
            path = None
        resolver.aliases[target.name] = path
    elif isinstance(target, nodes.Tuple):
        for item in target.items:
            _bind(resolver, item, None)


def missing_names(
    tree: nodes.Template, context: ContextNames, environment: Environment
) -> tuple[list[Missing], list[UnknownFilter]]:
    """The names, filters and tests a parsed template uses that the context and environment do not give."""
    resolver = _Resolver(context, environment)
    for test in tree.find_all(nodes.Test):
        if test.name in ("defined", "undefined"):
            guarded = resolver.path(test.node, report=False)
            resolver.guarded.add(guarded if guarded is not None else getattr(test.node, "name", ""))
    for filtered in tree.find_all(nodes.Filter):
        if filtered.name in ("default", "d") and filtered.node is not None:
            guarded = resolver.path(filtered.node, report=False)
            resolver.guarded.add(guarded if guarded is not None else getattr(filtered.node, "name", ""))
    for node in tree.find_all((nodes.For, nodes.Assign, nodes.AssignBlock, nodes.Macro, nodes.CallBlock, nodes.With)):
        if isinstance(node, nodes.For):
            base = resolver.path(node.iter, report=False)
            _bind(resolver, node.target, base + "[]" if base is not None and base in context.lists else None)
        elif isinstance(node, nodes.Assign):
            _bind(resolver, node.target, resolver.path(node.node, report=False))
        elif isinstance(node, nodes.AssignBlock):
            _bind(resolver, node.target, None)
        elif isinstance(node, nodes.Macro):
            _bind(resolver, nodes.Name(node.name, "store"), None)
            for arg in node.args:
                _bind(resolver, arg, None)
        elif isinstance(node, nodes.CallBlock):
            for arg in node.args:
                _bind(resolver, arg, None)
        elif isinstance(node, nodes.With):
            for target, value in zip(node.targets, node.values, strict=False):
                _bind(resolver, target, resolver.path(value, report=False))
    resolver.guarded.discard("")
    resolver.visit(tree)
    return sorted(resolver.found.values(), key=lambda m: m.lineno), resolver.unknown
