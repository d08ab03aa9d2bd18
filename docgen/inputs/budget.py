"""The one Jinja sandbox every evaluation runs in (templates and the plan's running text): a budget.

Jinja's sandbox already refuses ``''.__class__`` and ``range(10**9)``, but a template can still
spend unbounded time or memory within the rules: loops nested in loops that print nothing,
calls that recurse through loops, ``'x' * 10**10``, ``9 ** 10**9`` or text doubled by ``~`` in
a loop. Here every loop step and every call counts against a budget of steps and seconds, and
every operator that makes a value grow is checked, so a runaway template ends in
``LimitExceeded`` within seconds instead of hanging docgen or exhausting memory. The output is
counted as it grows (``render_bounded``), chunk by chunk, so a loop printing a large value stops
at the limit instead of after gigabytes.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import re
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

import markupsafe
from jinja2 import Template, nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.filters import do_format
from jinja2.runtime import Context, LoopContext
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import escape

MAX_VALUE_CHARS = 20_000_000  # no text or list in a template may grow past this
MAX_INT_BITS = 10_000  # about 3000 digits: more than any document needs, far below a slow number
MAX_STEPS = 300_000  # loop iterations and calls in one rendered part; a runaway loop stops in seconds
MAX_SECONDS = 10.0  # wall-clock time for one rendered part


class LimitExceeded(Exception):  # noqa: N818 - reads as what happened, like StopIteration
    """Raised while rendering when a template goes past one of the limits above."""


class OutputTooLarge(LimitExceeded):
    """The rendered output itself grew past its limit (``render_bounded``)."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"the output grew past {limit} characters")
        self.limit = limit


class Budget:
    """What one part's render may still spend: steps and time."""

    def __init__(self, max_steps: int | None = None, seconds: float | None = None) -> None:
        self.max_steps = MAX_STEPS if max_steps is None else max_steps
        self.seconds = MAX_SECONDS if seconds is None else seconds
        self.steps_left = self.max_steps
        self.deadline = time.monotonic() + self.seconds

    def expired(self) -> bool:
        """Whether the budget's time is gone."""
        return time.monotonic() > self.deadline

    def spend(self) -> None:
        """Count one loop step or call; raise ``LimitExceeded`` when the budget is gone."""
        self.steps_left -= 1
        if self.steps_left < 0:
            raise LimitExceeded(f"more than {self.max_steps} loop steps and calls")
        if time.monotonic() > self.deadline:
            raise LimitExceeded(f"rendering took longer than {self.seconds:g} seconds")


_budget: contextvars.ContextVar[Budget | None] = contextvars.ContextVar("docgen_template_budget", default=None)


@contextlib.contextmanager
def budget(spending: Budget | None = None) -> Iterator[Budget]:
    """Run a render under a budget (a fresh one by default)."""
    spending = spending or Budget()
    token = _budget.set(spending)
    try:
        yield spending
    finally:
        _budget.reset(token)


def _spend() -> None:
    spending = _budget.get()
    if spending is not None:
        spending.spend()


def checked(value: Any) -> Any:
    """``value`` itself, unless it is text, a list or a number too large for a document."""
    if isinstance(value, (str, list, tuple)) and len(value) > MAX_VALUE_CHARS:
        raise LimitExceeded(f"a value grew past {MAX_VALUE_CHARS} characters or items")
    if isinstance(value, int) and value.bit_length() > MAX_INT_BITS:
        raise LimitExceeded(f"a number grew past {MAX_INT_BITS} bits")
    return value


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


_WIDE = re.compile(r"\d{8,}")  # a width or precision of ten million or more in a format string


def _refuse_wide(template: str) -> None:
    """Refuse ``'%999999999d'`` and ``'{:>999999999}'``: one call that would allocate gigabytes."""
    if _WIDE.search(template):
        raise LimitExceeded("a format string asks for a width or precision too large for a document")


def _refuse_large_arguments(args: Iterable[Any]) -> None:
    for value in args:
        if _is_int(value) and abs(value) > MAX_VALUE_CHARS:
            raise LimitExceeded(f"a call was given the number {value}, above {MAX_VALUE_CHARS}")


def _guarded(function: Callable[..., Any], sandbox: BudgetSandbox) -> Callable[..., Any]:
    """A filter with the checks ``TemplateSandbox.call`` applies to calls."""

    @functools.wraps(function)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        _spend()
        _refuse_large_arguments((*args, *kwargs.values()))
        sandbox.inspected((*args, *kwargs.values()))
        if function is do_format and args and isinstance(args[0], str):
            _refuse_wide(args[0])  # '%999999999d'|format(1)
        return checked(function(*args, **kwargs))

    return guarded


def _public_escape(text: str) -> str:
    return str(escape(text))


# markupsafe's own escape of a str to a str (what escape() wraps in a Markup); its public function elsewhere
_escape_text: Callable[[str], str] = getattr(markupsafe, "_escape_inner", _public_escape)


def escape_output(value: Any) -> Any:
    """``escape(value)`` for a value printed by ``{{ }}``, whose result is only joined into the output.

    Plain text (most values) is escaped as markupsafe escapes it, without making a ``Markup``
    of it first: the output is text either way, and a document prints a hundred values or more.
    """
    if type(value) is str:
        return _escape_text(value)
    return escape(value)


class _BudgetCodeGenerator(CodeGenerator):
    """Compiles every ``{% for %}`` to spend a step per item, checks the size of every ``~``, prints text quickly."""

    def _output_child_pre(self, node: nodes.Expr, frame: Frame, finalize: Any) -> None:
        # Jinja's own, with escape_output in place of escape where autoescaping is on for certain
        if frame.eval_ctx.volatile or not frame.eval_ctx.autoescape:
            super()._output_child_pre(node, frame, finalize)
            return
        self.write("environment.escape_output(")
        if finalize.src is not None:
            self.write(finalize.src)

    def visit_Template(self, node: nodes.Template, frame: Frame | None = None) -> None:  # noqa: N802 - Jinja's name
        for loop in node.find_all(nodes.For):
            loop.iter = nodes.Call(
                nodes.EnvironmentAttribute("counted", lineno=loop.iter.lineno),
                [loop.iter],
                [],
                None,
                None,
                lineno=loop.iter.lineno,
            )
        super().visit_Template(node, frame)

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:  # noqa: N802 - Jinja's name
        # Jinja's own visit_Concat, with each piece inspected and the result's size checked
        if frame.eval_ctx.volatile:
            join = "(markup_join if context.eval_ctx.volatile else str_join)"
        else:
            join = "markup_join" if frame.eval_ctx.autoescape else "str_join"
        self.write(f"environment.checked({join}(environment.inspected((")
        for piece in node.nodes:
            self.visit(piece, frame)
            self.write(", ")
        self.write("))))")


_DICT_ATTRIBUTES = frozenset(dir(dict))


class BudgetSandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox, with a budget on loops and calls and a cap on value sizes."""

    code_generator_class = _BudgetCodeGenerator
    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def __init__(self, extra_filters: dict[str, Callable[..., Any]] | None = None, **options: Any) -> None:
        super().__init__(**options)
        # lipsum(10**6) makes a million paragraphs in one call; no document needs it.
        self.globals.pop("lipsum", None)
        # filters are called directly, not through ``call``: give each the same size checks
        filters = {**self.filters, **(extra_filters or {})}
        self.filters = {name: _guarded(function, self) for name, function in filters.items()}

    value_check: Callable[[Any], None] | None = None
    """Called with every value handed to an operator, a filter or a call; may raise to refuse it."""

    escape_output = staticmethod(escape_output)

    def getattr(self, obj: Any, attribute: str) -> Any:
        """``obj.attribute`` as the sandbox reads it; a plain dict's key found without a failed attribute lookup.

        For a dict, Jinja tries the attribute first and takes the key when there is none; a name
        that is no attribute of ``dict`` can only be a key, and found so it is the same value,
        without the exception (most of a document's lookups are keys of its context's dicts).
        """
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except (TypeError, LookupError):
                pass
        return super().getattr(obj, attribute)

    def inspected(self, values: tuple[Any, ...]) -> tuple[Any, ...]:
        """``values``, each shown to ``value_check`` first."""
        if self.value_check is not None:
            for value in values:
                self.value_check(value)
        return values

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        """``str.format`` from a template, refused when a width would build a huge text."""
        wrapped = super().wrap_str_format(value)
        if wrapped is None:
            return None
        template = getattr(value, "__self__", "")

        def format_checked(*args: Any, **kwargs: Any) -> str:
            if isinstance(template, str):
                _refuse_wide(template)
            return checked(wrapped(*args, **kwargs))  # type: ignore[no-any-return]

        return format_checked

    checked = staticmethod(checked)

    def counted(self, iterable: Iterable[Any]) -> Iterator[Any]:
        """The items of a ``{% for %}`` loop, each spending one step of the budget."""
        for item in iterable:
            _spend()
            yield item

    def call(self, context: Context, obj: Any, /, *args: Any, **kwargs: Any) -> Any:
        """A call from a template: one step, and no size argument beyond the value limit."""
        _spend()
        if isinstance(obj, LoopContext) and args:
            # loop(children) in a recursive loop iterates outside the compiled {% for %}
            args = (self.counted(args[0]), *args[1:])
        _refuse_large_arguments((*args, *kwargs.values()))
        self.inspected((getattr(obj, "__self__", None), *args, *kwargs.values()))
        return checked(super().call(context, obj, *args, **kwargs))

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        """``*``, ``**`` and ``+``, refused before they build a value too large to hold."""
        self.inspected((left, right))
        if operator == "%" and isinstance(left, str):
            _refuse_wide(left)
        power = operator == "**" and _is_int(left) and _is_int(right) and abs(left) > 1 and right > 0
        if power and right * abs(left).bit_length() > MAX_INT_BITS:
            raise LimitExceeded(f"{left} ** {right} is too large a number")
        if operator == "*":
            for sequence, count in ((left, right), (right, left)):
                repeated = isinstance(sequence, (str, list, tuple)) and _is_int(count)
                if repeated and len(sequence) * count > MAX_VALUE_CHARS:
                    raise LimitExceeded(f"repeating a value {count} times makes it too large")
            if _is_int(left) and _is_int(right) and left.bit_length() + right.bit_length() > MAX_INT_BITS:
                raise LimitExceeded("the product is too large a number")
        return checked(super().call_binop(context, operator, left, right))


TemplateSandbox = BudgetSandbox
"""The name templates knew the sandbox by."""


def render_bounded(template: Template, context: Mapping[str, Any], limit: int) -> str:
    """``template`` rendered with ``context`` under the current budget, refused once it passes ``limit`` characters.

    The size is counted after every chunk Jinja yields, so a runaway loop stops one value past
    the limit (each value is itself bounded by ``MAX_VALUE_CHARS``).
    """
    chunks: list[str] = []
    size = 0
    for chunk in template.generate(context):
        size += len(chunk)
        if size > limit:
            raise OutputTooLarge(limit)
        chunks.append(chunk)
    return "".join(chunks)
