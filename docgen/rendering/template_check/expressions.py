"""Reading a template's expressions: as the author wrote them, what an ``if`` proves defined, loop variables.

Shared by the scope walk (``scopes``); pure functions of Jinja's parsed nodes.
"""

from __future__ import annotations

from collections.abc import Iterator

from jinja2 import nodes

_ENUMERATION = "、"


def joined(expression: str, field_name: str | None = None) -> str:
    """``{{ x | join("、") }}``, through the field that stands for each item when items have no text."""
    if field_name == "":
        return "{% for item in " + expression + " %}…{% endfor %}"
    through = f' | map(attribute="{field_name}")' if field_name else ""
    return "{{ " + expression + through + f' | join("{_ENUMERATION}") }}}}'


def shown(expression: str) -> str:
    """An expression for a message: '…' where it is no plain name (a list typed in the tag)."""
    return expression if expression != "..." else "…"


def defined_when(test: nodes.Node, truth: bool) -> frozenset[str]:
    """The expressions (as written) certainly defined where ``test`` is ``truth``."""
    if isinstance(test, nodes.Test) and test.name in ("defined", "undefined"):
        return frozenset({as_written(test.node)}) if (test.name == "defined") == truth else frozenset()
    if isinstance(test, nodes.Not):
        return defined_when(test.node, not truth)
    if (isinstance(test, nodes.And) and truth) or (isinstance(test, nodes.Or) and not truth):
        return defined_when(test.left, truth) | defined_when(test.right, truth)
    return frozenset()


def as_written(node: nodes.Node) -> str:
    """An expression of names, attributes and items as a template writes it: ``t.title``, ``d['key']``."""
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr):
        return f"{as_written(node.node)}.{node.attr}"
    if isinstance(node, nodes.Getitem):
        arg = repr(node.arg.value) if isinstance(node.arg, nodes.Const) else "..."
        return f"{as_written(node.node)}[{arg}]"
    if isinstance(node, nodes.Filter) and node.node is not None:
        return f"{as_written(node.node)} | {node.name}"
    return "..."


def subscripts(node: nodes.Node) -> Iterator[nodes.Node]:
    """The expressions inside a chain of attributes and items (``a[b].c`` -> ``b``)."""
    while isinstance(node, (nodes.Getattr, nodes.Getitem)):
        if isinstance(node, nodes.Getitem):
            yield node.arg
        node = node.node


def loop_variables(tree: nodes.Template) -> dict[str, int]:
    """Every name a ``{% for %}`` of the template binds, with the line of the first loop binding it."""
    found: dict[str, int] = {}
    for loop in tree.find_all(nodes.For):
        targets = [loop.target] if isinstance(loop.target, nodes.Name) else list(loop.target.find_all(nodes.Name))
        for target in targets:
            found.setdefault(target.name, loop.lineno)
    return found
