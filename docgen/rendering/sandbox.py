"""The Jinja sandbox and budget user templates run in: ``docgen.inputs.budget``, shared with running text.

Kept so that code written against ``docgen.rendering.sandbox`` keeps working; the limits are
set in ``docgen.inputs.budget``.
"""

from __future__ import annotations

from docgen.inputs.budget import (
    MAX_INT_BITS,
    MAX_SECONDS,
    MAX_STEPS,
    MAX_VALUE_CHARS,
    Budget,
    BudgetSandbox,
    LimitExceeded,
    OutputTooLarge,
    TemplateSandbox,
    budget,
    checked,
    render_bounded,
)

__all__ = [
    "MAX_INT_BITS",
    "MAX_SECONDS",
    "MAX_STEPS",
    "MAX_VALUE_CHARS",
    "Budget",
    "BudgetSandbox",
    "LimitExceeded",
    "OutputTooLarge",
    "TemplateSandbox",
    "budget",
    "checked",
    "render_bounded",
]
