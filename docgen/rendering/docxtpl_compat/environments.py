"""The Jinja environment a docxtpl template renders in: docgen's sandbox, set up as the caller's environment.

docxtpl renders with the caller's ``jinja_env`` (or Jinja's default environment). Here every
template runs in docgen's budgeted sandbox (``docgen.inputs.budget``), which keeps a template
from reaching Python's internals or running without end; what the caller's environment adds is
copied onto it: its filters, tests and globals (those that are not Jinja's own), its undefined
type, ``finalize``, ``autoescape``, whitespace options, policies and extensions (by class).
docxtpl's defaults hold without one: values print with ``str()`` and undefined names print
nothing; ``strict`` makes an undefined name an error instead.

A sandbox is made once for each distinct setup and kept, so that a template compiled for it is
compiled once however many times the caller passes its environment (or a new one set up the same).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable
from typing import Any

from jinja2 import Environment, StrictUndefined, Undefined
from jinja2.defaults import DEFAULT_NAMESPACE
from jinja2.filters import FILTERS
from jinja2.tests import TESTS

from docgen.inputs.budget import BudgetSandbox

_DELIMITERS = {
    "block_start_string": "{%",
    "block_end_string": "%}",
    "variable_start_string": "{{",
    "variable_end_string": "}}",
    "comment_start_string": "{#",
    "comment_end_string": "#}",
    "line_statement_prefix": None,
    "line_comment_prefix": None,
}
_KEPT = 32  # setups remembered; a program uses one or two

# each sandbox with the setup it was made from, which holds what the key's ids point at
_sandboxes: OrderedDict[Hashable, tuple[BudgetSandbox, dict[str, Any]]] = OrderedDict()
_lock = threading.Lock()


def _added(own: dict[str, Any], defaults: dict[str, Any]) -> dict[str, Any]:
    """The entries a caller's environment has beyond Jinja's own (the sandbox has safe versions of those)."""
    return {name: value for name, value in own.items() if defaults.get(name, _added) is not value}


def _setup(jinja_env: Environment | None, autoescape: bool, strict: bool) -> dict[str, Any]:
    """The options the sandbox takes from the caller's environment (docxtpl's defaults without one)."""
    if jinja_env is None:
        return {"autoescape": autoescape, "undefined": StrictUndefined if strict else Undefined}
    for name, default in _DELIMITERS.items():
        if getattr(jinja_env, name) != default:
            raise ValueError(f"docgen.DocxTemplate reads docxtpl's tags only: jinja_env.{name} must stay {default!r}")
    escaping = jinja_env.autoescape(None) if callable(jinja_env.autoescape) else jinja_env.autoescape
    return {
        "autoescape": bool(autoescape or escaping),
        "undefined": StrictUndefined if strict else jinja_env.undefined,
        "finalize": jinja_env.finalize,
        "trim_blocks": jinja_env.trim_blocks,
        "lstrip_blocks": jinja_env.lstrip_blocks,
        "keep_trailing_newline": jinja_env.keep_trailing_newline,
        "extensions": tuple(type(extension) for extension in jinja_env.extensions.values()),
        "filters": _added(jinja_env.filters, FILTERS),
        "tests": _added(jinja_env.tests, TESTS),
        "globals": _added(jinja_env.globals, DEFAULT_NAMESPACE),
        "policies": dict(jinja_env.policies),
    }


def _key(setup: dict[str, Any]) -> Hashable:
    """A key equal for equal setups: values by identity (the kept sandbox holds them, so ids stay unique)."""
    return tuple(
        (name, tuple(sorted((k, id(v)) for k, v in value.items())) if isinstance(value, dict) else id(value))
        for name, value in sorted(setup.items())
    )


def sandbox_for(jinja_env: Environment | None = None, autoescape: bool = False, strict: bool = False) -> BudgetSandbox:
    """The sandbox a template renders in for ``render(context, jinja_env, autoescape)``, the same for the same setup.

    Raises ``ValueError`` for an environment with other tag delimiters than docxtpl's.
    """
    setup = _setup(jinja_env, autoescape, strict)
    key = _key(setup)
    with _lock:
        kept = _sandboxes.get(key)
        if kept is not None:
            _sandboxes.move_to_end(key)
            return kept[0]
    options = {name: value for name, value in setup.items() if name not in ("filters", "tests", "globals", "policies")}
    sandbox = BudgetSandbox(extra_filters=setup.get("filters"), **options)
    sandbox.tests.update(setup.get("tests", {}))
    sandbox.globals.update(setup.get("globals", {}))
    sandbox.policies.update(setup.get("policies", {}))
    with _lock:
        _sandboxes[key] = (sandbox, setup)
        while len(_sandboxes) > _KEPT:
            _sandboxes.popitem(last=False)
    return sandbox
