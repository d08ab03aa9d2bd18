"""The letter to graduates and parents."""

from __future__ import annotations

from typing import Any

from docgen.documents.layout import signature
from docgen.plan.model import Plan


def letter_context(plan: Plan) -> dict[str, Any]:
    """The letter to graduates and parents, signed by the institution and the sending office."""
    letter = plan.letter
    assert letter is not None, "only a plan with a letter has one"
    return {
        "letter": {
            "title": letter.title,
            "salutation": letter.salutation,
            "body": list(letter.body),
            "closing": letter.closing,
            "hotline": letter.hotline or "",
            "website": letter.website or "",
            "address": letter.address or "",
        },
        "signature": signature(
            [plan.institution, plan.unit(letter.sender).name], letter.date or plan.issued or plan.period.start
        ),
    }
