"""The plan's JSON Schema, for editors that complete keys and flag mistakes while typing."""

from __future__ import annotations

import json
from typing import Any

from docgen.plan.model import Plan


def plan_schema() -> dict[str, Any]:
    """The JSON Schema of ``Plan`` as pydantic derives it, with a title editors show."""
    schema = Plan.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "docgen campaign plan"
    return schema


def plan_schema_text() -> str:
    """The schema as the committed ``schema/plan.schema.json`` holds it."""
    return json.dumps(plan_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
