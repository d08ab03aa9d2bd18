"""The week's 工作简报 as a Word document: the template ``digest.docx`` with the items and pictures.

The masthead names the 简报 (``issues.masthead``), 第N期, the issuer and the date; the body
holds, task by task (headings numbered one after the other), each unit's title, text and
pictures with their captions; the units that sent nothing that week close it where the plan
asks for it (``digest.list_missing``). Pictures are turned upright and scaled once, then placed at
the text block's width (or a height limit); a picture that cannot be read is left out and
becomes a warning, so one broken photo does not stop the 简报.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path, PurePosixPath
from typing import Any

from docgen import chinese
from docgen.collecting.pictures import scale_picture
from docgen.errors import Finding, FormError, Severity
from docgen.plan.model import Plan
from docgen.publishing import wordml
from docgen.publishing.issues import Issue, Item, group_heading, masthead
from docgen.rendering.filenames import safe_stem
from docgen.rendering.pictures import PicturePart

DOCX_PIXELS = 1600  # longest side in the Word file: 156 mm at about 260 dpi
ENUMERATION = "、"


def digest_file(plan: Plan, issue: Issue) -> PurePosixPath:
    """简报/职业教育宣传月工作简报第1期.docx."""
    return PurePosixPath("简报") / f"{safe_stem(masthead(plan))}第{issue.number}期.docx"


def lists_missing(plan: Plan) -> bool:
    """Whether the .docx 简报 names the units that sent nothing: only where the plan asks (never on the web)."""
    return plan.digest is not None and plan.digest.list_missing


def issuer_name(plan: Plan) -> str:
    """Who issues the 简报: the plan's issuer (its full name), else the institution."""
    return plan.unit(plan.issuer).display_full_name if plan.issuer is not None else plan.institution


def size_text(size: int) -> str:
    """35.2 MB, 820 KB: a file's size as people read it."""
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    return f"{max(1, round(size / 1024))} KB"


def listed_files(item: Item) -> list[str]:
    """视频：开幕式.mp4（35.2 MB）, and the files the 简报 could not show, by name and size."""
    lines = [f"视频：{v.name}（{size_text(v.size)}）" for v in item.videos]
    lines += [f"附件：{f.name}（{size_text(f.size)}）" for f in item.others]
    return lines


def item_heading(item: Item) -> str:
    """教务处：技能大赛赛场开放活动."""
    return f"{item.unit.name}：{item.title}"


def digest_context(plan: Plan, issue: Issue, day: dt.date) -> tuple[dict[str, Any], list[PicturePart]]:
    """The template's context for one issue, and the pictures its body points at."""
    blocks: list[str] = []
    parts: list[PicturePart] = []
    problems: list[Finding] = []
    for position, group in enumerate(issue.groups, 1):
        blocks.append(wordml.paragraph(group_heading(position, group), "Heading1"))
        for item in group.items:
            blocks.append(wordml.paragraph(item_heading(item), "Heading2"))
            blocks += [wordml.paragraph(p.text, "Heading3" if p.heading else "Normal") for p in item.paragraphs]
            for picture in item.pictures:
                try:
                    scaled = scale_picture(picture.data, picture.place, DOCX_PIXELS, DOCX_PIXELS)
                except FormError as exc:
                    problems += exc.problems
                    continue
                part = PicturePart(f"rIdDigestPicture{len(parts) + 1}", scaled.data, scaled.extension)
                parts.append(part)
                blocks.append(wordml.picture(part.rid, len(parts), scaled.width, scaled.height, picture.caption))
                if picture.caption:
                    blocks.append(wordml.paragraph(picture.caption, "TableText"))
            blocks += [wordml.paragraph(line, "Normal") for line in listed_files(item)]
    context = {
        "masthead": masthead(plan),
        "number": issue.number,
        "issuer": issuer_name(plan),
        "date": chinese.full_date(day),
        "body": wordml.body(blocks),
        "missing": ENUMERATION.join(u.name for u in issue.missing) if lists_missing(plan) else "",
        "problems": [p.replace(severity=Severity.WARNING) for p in problems],
    }
    return context, parts


def render_digest(
    plan: Plan, issue: Issue, day: dt.date, templates: Path | None = None, plan_path: Path | None = None
) -> tuple[bytes, list[Finding]]:
    """The 简报's .docx bytes, and the warnings about pictures left out.

    digest.docx is looked up as ``render`` looks up templates (``templates``, the project of ``plan_path``, docgen's).
    """
    from docgen.rendering.folders import template_folders, template_path
    from docgen.rendering.templates import compiled

    context, parts = digest_context(plan, issue, day)
    template = compiled(template_path("digest.docx", template_folders(plan_path, templates)), mend_layout=True)
    return template.render(context, parts), context["problems"]
