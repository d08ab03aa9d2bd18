"""Names, filters, tests and printed values of a parsed template, each judged where it stands.

The render is strict: a name it is not given, a loop variable used after its loop, a value with
no text of its own printed as text, a filter or test that does not exist, all fail there. Here
the template is walked as Jinja runs it, with its scopes: the context's names everywhere, a
loop's variable and ``loop`` inside the loop only, ``set`` names from where they are set (inside
a loop, until its end), a macro's arguments inside the macro. Each use is judged at its place,
and a suggestion names only what exists at that place. A name tested with ``is defined`` is
the author's business inside the test's ``if``, and ``| default`` may follow a missing name or
a missing last key. What docgen cannot follow (an attribute of text, of an object, of a value
the template computes) is left to the render, which fails with its place if it is wrong.
"""

from __future__ import annotations

import contextlib
import difflib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from jinja2 import Environment, nodes

from docgen.rendering.template_check.expressions import as_written, defined_when, loop_variables, subscripts
from docgen.rendering.template_check.names import ContextNames
from docgen.rendering.template_check.printing import printed_problems

_DICT_METHODS = frozenset({"items", "keys", "values", "get"})
# methods of a list found by key (deadlines.schedule): the sandbox refuses those that change it
_LIST_METHODS = frozenset(
    {"append", "extend", "insert", "pop", "remove", "reverse", "sort", "clear", "copy", "count", "index"}
)
_TEXT_METHODS = frozenset(name for name in dir(str) if not name.startswith("_"))


@dataclass(frozen=True)
class Found:
    """A mistake at a Jinja line: its code and parameters, and a line whose tag the message names."""

    lineno: int
    code: str
    params: dict[str, str]
    related: int | None = None  # the loop a loop variable belongs to


@dataclass
class _Frame:
    """One scope: the names the template binds in it, each to the context path it stands for (None: unknown)."""

    names: dict[str, str | None] = field(default_factory=dict)
    loop: bool = False


class _Walker:
    def __init__(self, context: ContextNames, environment: Environment, loops: Mapping[str, int]) -> None:
        self.context = context
        self.environment = environment
        self.loops = loops  # loop variable -> the line of the first loop that binds it
        self.frames: list[_Frame] = [_Frame()]
        self.guards: list[frozenset[str]] = []  # expressions known to be defined here (``is defined``)
        self.found: dict[tuple[str, int, str], Found] = {}

    # scopes

    @contextlib.contextmanager
    def frame(self, names: dict[str, str | None], loop: bool = False) -> Iterator[None]:
        self.frames.append(_Frame(dict(names), loop))
        try:
            yield
        finally:
            self.frames.pop()

    @contextlib.contextmanager
    def guarded(self, written: frozenset[str]) -> Iterator[None]:
        self.guards.append(written)
        try:
            yield
        finally:
            self.guards.pop()

    def bound(self, name: str) -> tuple[bool, str | None]:
        for frame in reversed(self.frames):
            if name in frame.names:
                return True, frame.names[name]
        return False, None

    def bind(self, target: nodes.Node, path: str | None) -> None:
        names = self.frames[-1].names
        if isinstance(target, nodes.Name):
            names[target.name] = path
        elif isinstance(target, nodes.Tuple):
            for item in target.items:
                self.bind(item, None)
        elif isinstance(target, nodes.NSRef):
            self.expression(nodes.Name(target.name, "load", lineno=target.lineno))

    def visible(self) -> list[str]:
        """The names a tag may use where the walk stands: the context's and the template's own."""
        names = {p for p in self.context.paths if "." not in p and "[" not in p}
        for frame in self.frames:
            names.update(frame.names)
        return sorted(names)

    def in_loop(self) -> bool:
        return any(frame.loop for frame in self.frames)

    def is_guarded(self, node: nodes.Node) -> bool:
        written = as_written(node)
        return any(written in guard for guard in self.guards)

    def report(self, node: nodes.Node, code: str, related: int | None = None, **params: str) -> None:
        self.reported(node, code, params, related)

    def reported(self, node: nodes.Node, code: str, params: dict[str, str], related: int | None = None) -> None:
        key = (code, node.lineno, params.get("name", ""))
        self.found.setdefault(key, Found(node.lineno, code, params, related))

    # statements

    def statements(self, body: list[nodes.Node]) -> None:
        for node in body:
            self.statement(node)

    def statement(self, node: nodes.Node) -> None:
        if isinstance(node, nodes.Output):
            for child in node.nodes:
                if not isinstance(child, nodes.TemplateData):
                    self.expression(child)
                    for at, code, params in printed_problems(child, self.context, self.quiet_path):
                        self.reported(at, code, params)
        elif isinstance(node, nodes.If):
            self.branches(node)
        elif isinstance(node, nodes.For):
            self.loop(node)
        elif isinstance(node, nodes.Assign):
            self.expression(node.node)
            self.bind(node.target, self.path(node.node, report=False))
        elif isinstance(node, nodes.AssignBlock):
            if node.filter is not None:
                self.expression(node.filter)
            self.statements(node.body)
            self.bind(node.target, None)
        elif isinstance(node, nodes.Macro):
            self.bind(nodes.Name(node.name, "store"), None)
            self.callable_body(node.args, node.defaults, node.body)
        elif isinstance(node, nodes.CallBlock):
            self.expression(node.call)
            self.callable_body(node.args, node.defaults, node.body)
        elif isinstance(node, nodes.FilterBlock):
            self.expression(node.filter)
            self.statements(node.body)
        elif isinstance(node, nodes.With):
            for value in node.values:
                self.expression(value)
            paths = [self.path(value, report=False) for value in node.values]
            with self.frame({}):
                for target, path in zip(node.targets, paths, strict=False):
                    self.bind(target, path)
                self.statements(node.body)
        elif isinstance(node, (nodes.Include, nodes.Import, nodes.FromImport, nodes.Extends)):
            self.report(node, "template-loads-other")
        elif isinstance(node, nodes.ExprStmt):
            self.expression(node.node)
        elif isinstance(node, (nodes.Scope, nodes.ScopedEvalContextModifier)):
            with self.frame({}):
                self.statements(node.body)
        elif isinstance(node, nodes.Block):
            self.statements(node.body)

    def branches(self, node: nodes.If) -> None:
        self.expression(node.test)
        with self.guarded(defined_when(node.test, True)):
            self.statements(node.body)
        with self.guarded(defined_when(node.test, False)):
            for elif_ in node.elif_:
                self.expression(elif_.test)
                with self.guarded(defined_when(elif_.test, True)):
                    self.statements(elif_.body)
            self.statements(node.else_)

    def loop(self, node: nodes.For) -> None:
        self.expression(node.iter)
        base = self.path(node.iter, report=False)
        if base is not None and base in self.context.single:
            self.report(node.iter, "template-not-iterable", name=as_written(node.iter))
        item = base + "[]" if base is not None and base in self.context.lists else None
        with self.frame({"loop": None}, loop=True):
            self.bind(node.target, item)
            if node.test is not None:
                self.expression(node.test)
            self.statements(node.body)
        self.statements(node.else_)

    def callable_body(self, args: list[nodes.Name], defaults: list[nodes.Expr], body: list[nodes.Node]) -> None:
        for default in defaults:
            self.expression(default)
        names: dict[str, str | None] = {name: None for name in ("caller", "varargs", "kwargs")}
        names.update({arg.name: None for arg in args})
        with self.frame(names):
            self.statements(body)

    # expressions

    def expression(self, node: nodes.Node) -> None:
        """Judge every name, filter and test in ``node``."""
        if isinstance(node, (nodes.Name, nodes.Getattr, nodes.Getitem)):
            if not (isinstance(node, nodes.Name) and node.ctx != "load"):
                self.path(node)
            for argument in subscripts(node):
                self.expression(argument)
            return
        if isinstance(node, nodes.Filter):
            self.filtered(node, node.name, "filter", self.environment.filters)
            return
        if isinstance(node, nodes.Test):
            self.filtered(node, node.name, "test", self.environment.tests)
            return
        if isinstance(node, nodes.And):
            self.expression(node.left)
            with self.guarded(defined_when(node.left, True)):
                self.expression(node.right)
            return
        if isinstance(node, nodes.Or):
            self.expression(node.left)
            with self.guarded(defined_when(node.left, False)):
                self.expression(node.right)
            return
        if isinstance(node, nodes.CondExpr):
            self.expression(node.test)
            with self.guarded(defined_when(node.test, True)):
                self.expression(node.expr1)
            if node.expr2 is not None:
                with self.guarded(defined_when(node.test, False)):
                    self.expression(node.expr2)
            return
        for child in node.iter_child_nodes():
            self.expression(child)

    def filtered(self, node: nodes.Filter | nodes.Test, name: str, kind: str, known: Mapping[str, Any]) -> None:
        if name not in known:
            guess = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
            code = f"template-unknown-{kind}" + ("-suggest" if guess else "")
            self.report(node, code, name=name, suggestion=guess[0] if guess else "")
        optional = name in ("default", "d", "defined", "undefined")
        if node.node is not None:
            if optional and isinstance(node.node, (nodes.Name, nodes.Getattr, nodes.Getitem)):
                self.path(node.node, last_optional=True)
                for argument in subscripts(node.node):
                    self.expression(argument)
            else:
                self.expression(node.node)
        for child in (*node.args, *(k.value for k in node.kwargs), node.dyn_args, node.dyn_kwargs):
            if child is not None:
                self.expression(child)

    def path(self, node: nodes.Node, report: bool = True, last_optional: bool = False) -> str | None:
        """The dotted context path ``node`` stands for; None when docgen cannot follow it.

        With ``report`` a name or key that is certainly missing is reported; with
        ``last_optional`` only its last step may be missing (``| default``, ``is defined``).
        """
        if isinstance(node, nodes.Name):
            return self.name(node, report and not last_optional)
        if isinstance(node, (nodes.Getattr, nodes.Getitem)):
            base = self.path(node.node, report)
            if isinstance(node, nodes.Getattr):
                key: str = node.attr
            elif isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str):
                key = node.arg.value
            elif isinstance(node.arg, nodes.Slice):
                return base
            else:
                return base + "[]" if base is not None and base in self.context.lists else None
            if report and key.startswith("_"):
                self.report(node, "template-unsafe-name", name=as_written(node))
                return None
            return self.child(node, base, key, report and not last_optional)
        return None

    def quiet_path(self, node: nodes.Node) -> str | None:
        """``path`` without reporting: what a value stands for, its names judged already."""
        return self.path(node, report=False)

    def name(self, node: nodes.Name, report: bool) -> str | None:
        found, path = self.bound(node.name)
        if found:
            return path
        if node.name in self.environment.globals:
            return None
        if node.name in self.context.paths:
            return node.name
        if report and not self.is_guarded(node):
            self.missing_name(node)
        return None

    def missing_name(self, node: nodes.Name) -> None:
        name = node.name
        if name == "loop" and not self.in_loop():
            self.report(node, "template-loop-outside", name=name)
            return
        if name in self.loops:
            self.report(node, "template-loop-name", self.loops[name], name=name)
            return
        options = self.visible()
        guess = difflib.get_close_matches(name, options, n=1, cutoff=0.6)
        code = "template-name-suggest" if guess else "template-name"
        self.report(node, code, name=name, suggestion=guess[0] if guess else "", known=", ".join(options[:30]))

    def child(self, node: nodes.Node, base: str | None, key: str, report: bool) -> str | None:
        if base is not None and base in self.context.plain and base not in self.context.mappings:
            if report and not hasattr(self.context.plain[base], key) and not self.is_guarded(node):
                base_written = as_written(getattr(node, "node", node))
                self.report(node, "template-text-field", name=as_written(node), base=base_written)
            return None
        if base is None or base not in self.context.mappings:
            return None
        child = f"{base}.{key}" if base else key
        if child in self.context.paths:
            return child
        if key in self.context.keys.get(base, ()):
            return f"{base}[]"  # a record found by its key: deadlines.schedule
        method = (
            key in _DICT_METHODS
            or (base in self.context.lists and key in _LIST_METHODS)
            or (base in self.context.records and key in _TEXT_METHODS)
        )
        if report and not method and not self.is_guarded(node):
            options = self.context.children(base)
            guess = difflib.get_close_matches(key, options, n=1, cutoff=0.6)
            written = as_written(node)
            suggestion = written[: len(written) - len(key)] + guess[0] if guess and written.endswith(key) else ""
            code = "template-name-suggest" if suggestion else "template-name"
            self.report(node, code, name=written, suggestion=suggestion, known=", ".join(options[:30]))
        return None


def scope_problems(tree: nodes.Template, context: ContextNames | None, environment: Environment) -> list[Found]:
    """What the render would refuse in a parsed template, by Jinja line.

    Without a ``context`` only filters, tests, printed literals and template loads are judged:
    any name may be given then.
    """
    walker = _Walker(context or ContextNames({}), environment, loop_variables(tree))
    walker.statements(tree.body)
    found = sorted(walker.found.values(), key=lambda f: f.lineno)
    if context is None:  # any name may be given
        found = [f for f in found if f.code not in ("template-name", "template-name-suggest", "template-loop-name")]
    return found
