"""组织机构 / 组织领导: the leadership group as the plan holds it, when its lines have a shape docgen prints."""

from __future__ import annotations

import re
from typing import Any

from docgen.importing.lines import Paragraph
from docgen.importing.reader import Reader
from docgen.importing.sections import label_of


def read_organization(reader: Reader, lines: list[Paragraph], tables: list[Any]) -> dict[str, Any] | None:
    """The plan's ``organization``: 组长 / 副组长 / 组员 lines, lines of its own labels, prose before and after.

    None when the section has another shape (numbered items, a table): it stays a section of its own.
    """
    if tables or not lines or any(line.level for line in lines):
        return None
    org: dict[str, Any] = {}
    before: list[Paragraph] = []
    after: list[Paragraph] = []
    roles: list[dict[str, Any]] = []
    for line in lines:
        found = label_of(line.text)
        if found and len(found[0]) <= 6 and found[1] and not roles_done(after):
            label, value = found
            names = [re.sub(r"\s+", "", n) for n in re.split(r"[、，,]", value)]
            if all(re.fullmatch(r"[\u4e00-\u9fff]{2,4}", n) for n in names):
                roles.append({"label": label, "names": names})
            else:
                roles.append({"label": label, "text": reader.literal(line, value)})
        else:
            (after if roles else before).append(line)
    fixed = {"组长": "leaders", "副组长": "deputy_leaders"}
    labels = [r["label"] for r in roles]
    if (
        len(set(labels)) == len(labels)
        and all(label in (*fixed, "组员") for label in labels)
        and labels == sorted(labels, key=["组长", "副组长", "组员"].index)
    ):
        for role in roles:
            if role["label"] == "组员":
                org["members"] = role.get("text") or "、".join(role["names"])
            elif "names" in role:
                org[fixed[role["label"]]] = role["names"]
            else:
                return None
    elif roles:
        org["roles"] = roles
    if (text := reader.text(before)) is not None:
        org["text"] = text
    if (note := reader.text(after)) is not None:
        org["note"] = note
    return org


def roles_done(after: list[Paragraph]) -> bool:
    """True once prose has followed the group's lines: later labelled lines are prose too."""
    return bool(after)
