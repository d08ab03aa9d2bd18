"""The letter to graduates and parents."""

from __future__ import annotations

from typing import Any

from docgen.documents.layout import signature
from docgen.plan.model import Plan


def letter_context(plan: Plan) -> dict[str, Any]:
    """The letter's own names over the plan's: its signature, by the institution and the sending office.

    The letter itself is the plan's ``letter``.
    """
    letter = plan.letter
    assert letter is not None, "only a plan with a letter has one"
    return {
        "signature": signature(
            [plan.institution, plan.unit(letter.sender).name], letter.date or plan.issued or plan.period.start
        ),
    }
