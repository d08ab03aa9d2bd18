"""What a ``{{ … }}`` tag prints: a value with no text of its own is refused by the render, so it is found here.

``docgen.rendering.values`` prints text, records (``{{ contact }}``), lists of records joined
with 、 (``{{ tasks }}``), numbers and dates; a mapping, a plain list or a function has no text,
and document XML (a table) belongs alone in its paragraph (``{{p … }}``), unchanged. Each
finding says what to print instead: a field, ``| join("、")``, the call, the ``{{p`` tag.
"""

from __future__ import annotations

from collections.abc import Callable

from jinja2 import nodes

from docgen.rendering.template_check.expressions import as_written, joined, shown
from docgen.rendering.template_check.names import FUNCTION, LIST, MAPPING, ContextNames

Printed = tuple[nodes.Node, str, dict[str, str]]  # where, the code, its parameters
Resolve = Callable[[nodes.Node], str | None]  # the context path an expression stands for
# filters whose result is a list or an iterator: printed as it is, it has no text
_LIST_FILTERS = frozenset(
    {"list", "sort", "map", "select", "reject", "selectattr", "rejectattr", "unique", "reverse", "batch", "slice"}
    | {"groupby", "dictsort", "items"}
)
_ITEM_FILTERS = frozenset({"first", "last", "random"})
# filters that change text: applied to document XML (a table), they break it
_TEXT_FILTERS = frozenset(
    {"upper", "lower", "title", "capitalize", "replace", "trim", "center", "indent", "truncate", "wordwrap"}
    | {"reverse", "format", "urlize", "wordcount"}
)


def printed_problems(node: nodes.Node, context: ContextNames, path: Resolve) -> list[Printed]:
    """What is wrong with printing ``node``; ``path`` gives the context path an expression stands for."""
    if isinstance(node, nodes.CondExpr):
        found = printed_problems(node.expr1, context, path)
        if node.expr2 is not None:  # without an else Jinja prints nothing, even where names are strict
            found += printed_problems(node.expr2, context, path)
        return found
    if isinstance(node, nodes.Filter) and node.name in ("default", "d") and node.node is not None:
        found = printed_problems(node.node, context, path)
        for argument in node.args[:1]:
            found += printed_problems(argument, context, path)
        return found
    written = as_written(node)
    if isinstance(node, nodes.Filter) and node.name in _TEXT_FILTERS and node.node is not None:
        changed = path(node.node)
        if changed is not None and changed in context.markup:
            plain = as_written(node.node)
            return [(node, "template-markup-changed", {"name": plain, "suggestion": "{{p " + plain + " }}"})]
    if isinstance(node, (nodes.List, nodes.Tuple, nodes.Dict)) or (
        isinstance(node, nodes.Filter) and node.name in _LIST_FILTERS
    ):
        return [(node, "template-not-text-list", {"name": shown(written), "suggestion": joined(written)})]
    printed = _shape_path(node, context, path)
    if printed is None:
        return []
    if printed in context.markup:  # right in a {{p }} tag alone in its paragraph (the check knows the tag)
        return [(node, "template-markup-inline", {"name": written, "suggestion": "{{p " + written + " }}"})]
    kind = context.textless.get(printed)
    if kind == MAPPING:
        field_name = context.printed_field(printed)
        suggestion = "{{ " + f"{written}.{field_name or '…'}" + " }}"
        return [(node, "template-not-text-mapping", {"name": written, "suggestion": suggestion})]
    if kind == LIST:
        item = context.printed_field(f"{printed}[]") if f"{printed}[]" in context.textless else None
        return [(node, "template-not-text-list", {"name": written, "suggestion": joined(written, item)})]
    if kind == FUNCTION:
        return [(node, "template-not-text-function", {"name": written, "suggestion": "{{ " + written + "(…) }}"})]
    return []


def _shape_path(node: nodes.Node, context: ContextNames, path: Resolve) -> str | None:
    """The context path of the value ``node`` prints, where docgen can tell (``| first`` prints an item)."""
    if isinstance(node, nodes.Filter) and node.name in _ITEM_FILTERS and node.node is not None:
        base = path(node.node)
        return base + "[]" if base is not None and base in context.lists else None
    return path(node)
