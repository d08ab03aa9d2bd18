"""The web column (专栏): the 简报 as static pages for the school website, and one page for WeChat.

``专栏/index.html`` lists every 期; ``专栏/issue-N.html`` shows one, its pictures copied into
``专栏/images/`` scaled for a phone. Links are relative, nothing is fetched from elsewhere (no
script, font or style sheet from outside), and the pages read on a phone (viewport, pictures
never wider than the screen). ``专栏/wechat/issue-N.html`` is the same 期 in one file with
inline styles and its pictures inside it (data URIs), to paste into a 微信公众号 editor.
File names are ASCII so that any web server and CMS takes them. The public pages show what the
units reported: never the units that sent nothing, nor videos and files listed by name and size.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from docgen.collecting.pictures import scale_picture
from docgen.errors import Finding, FormError, Severity
from docgen.inputs.pictures import ScaledPicture
from docgen.plan.model import Plan
from docgen.publishing.bulletin import issuer_name, item_heading
from docgen.publishing.issues import Issue, Item, group_heading, masthead

COLUMN = PurePosixPath("专栏")
WEB_PIXELS = 1200
WECHAT_PIXELS = 900

_STYLE = """
body { font-family: "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", sans-serif; margin: 0; color: #222;
  line-height: 1.7; background: #f6f6f6; }
main { max-width: 760px; margin: 0 auto; padding: 12px 16px 32px; background: #fff; }
header.masthead { border-bottom: 3px solid #c00; margin-bottom: 12px; }
header.masthead h1 { color: #c00; font-size: 28px; margin: 8px 0 0; text-align: center; }
header.masthead p { text-indent: 0; }
p.issue { text-align: center; margin: 0; }
p.meta { display: flex; justify-content: space-between; margin: 4px 0 6px; color: #444; font-size: 14px; }
h2 { font-size: 18px; border-left: 4px solid #c00; padding-left: 8px; margin: 22px 0 8px; }
h3 { font-size: 16px; margin: 16px 0 6px; }
p { margin: 6px 0; text-indent: 2em; }
figure { margin: 10px 0; text-align: center; }
figure img { max-width: 100%; height: auto; }
figcaption { font-size: 13px; color: #555; }
nav { display: flex; justify-content: space-between; gap: 8px; margin: 16px 0; font-size: 15px; }
ul.issues { padding-left: 0; list-style: none; }
ul.issues li { border-bottom: 1px solid #ddd; padding: 8px 0; }
ul.issues li span { color: #666; font-size: 14px; margin-left: 8px; }
"""

_INDEX = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }}</title><style>{{ style|safe }}</style></head>
<body><main>
<header class="masthead"><h1>{{ title }}</h1></header>
<ul class="issues">{% for i in issues %}
<li><a href="{{ i.href }}">第{{ i.number }}期</a><span>{{ i.week }}</span><span>{{ i.count }}篇</span></li>{% endfor %}
</ul></main></body></html>
"""

_ISSUE = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ masthead }}第{{ number }}期</title><style>{{ style|safe }}</style></head>
<body><main>
<nav><a href="index.html">返回目录</a>{% if previous %}<a href="{{ previous }}">上一期</a>{% endif %}
{% if next %}<a href="{{ next }}">下一期</a>{% endif %}</nav>
<header class="masthead"><h1>{{ masthead }}</h1><p class="issue">第{{ number }}期</p>
<p class="meta"><span>{{ issuer }}</span><span>{{ week }}</span></p></header>
{% for g in groups %}<h2>{{ g.title }}</h2>
{% for item in g.entries %}<article><h3>{{ item.heading }}</h3>
{% for p in item.paragraphs %}<p>{{ p }}</p>
{% endfor %}{% for f in item.figures %}<figure>
<img src="{{ f.src }}" alt="{{ f.caption or item.heading }}" width="{{ f.width }}" height="{{ f.height }}">
{% if f.caption %}<figcaption>{{ f.caption }}</figcaption>{% endif %}</figure>
{% endfor %}</article>
{% endfor %}{% endfor %}
</main></body></html>
"""

# The WeChat editor keeps inline styles only: every element carries its own.
_INLINE = {
    "section": "max-width:680px;margin:0 auto;font-size:16px;line-height:1.75;color:#222;",
    "h1": "color:#c00;text-align:center;font-size:24px;margin:4px 0;",
    "issue": "text-align:center;margin:0;",
    "meta": "margin:0 0 12px;padding-bottom:6px;border-bottom:3px solid #c00;font-size:14px;color:#444;",
    "h2": "font-size:18px;border-left:4px solid #c00;padding-left:8px;margin:20px 0 8px;",
    "h3": "font-size:16px;margin:14px 0 6px;",
    "p": "margin:6px 0;text-indent:2em;",
    "figure": "text-align:center;margin:10px 0 2px;",
    "img": "max-width:100%;height:auto;",
    "caption": "text-align:center;font-size:13px;color:#555;margin:0 0 10px;",
}
_WECHAT = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>{{ masthead }}第{{ number }}期</title></head>
<body style="margin:0;padding:12px;">
<section style="{{ s.section }}">
<h1 style="{{ s.h1 }}">{{ masthead }}</h1>
<p style="{{ s.issue }}">第{{ number }}期</p>
<p style="{{ s.meta }}">{{ issuer }}　{{ week }}</p>
{% for g in groups %}<h2 style="{{ s.h2 }}">{{ g.title }}</h2>
{% for item in g.entries %}<h3 style="{{ s.h3 }}">{{ item.heading }}</h3>
{% for p in item.paragraphs %}<p style="{{ s.p }}">{{ p }}</p>
{% endfor %}{% for f in item.figures %}<p style="{{ s.figure }}">
<img src="{{ f.src }}" alt="{{ f.caption or item.heading }}" style="{{ s.img }}"></p>
{% if f.caption %}<p style="{{ s.caption }}">{{ f.caption }}</p>{% endif %}
{% endfor %}{% endfor %}{% endfor %}
</section></body></html>
"""


@dataclass(frozen=True)
class ColumnPages:
    """Every file of the column by its path in OUT, and the warnings about pictures left out."""

    files: dict[PurePosixPath, bytes]
    problems: list[Finding]


def issue_page(issue: Issue) -> PurePosixPath:
    """专栏/issue-3.html."""
    return COLUMN / f"issue-{issue.number}.html"


def wechat_page(issue: Issue) -> PurePosixPath:
    """专栏/wechat/issue-3.html."""
    return COLUMN / "wechat" / f"issue-{issue.number}.html"


def _render(source: str, context: dict[str, Any]) -> bytes:
    from jinja2 import Environment

    return Environment(autoescape=True).from_string(source).render(context).encode("utf-8")


def shown(item: Item) -> bool:
    """Whether an item has anything to show on the web: text or a picture (a video alone is not shown)."""
    return bool(item.paragraphs or item.pictures)


def _issue_context(plan: Plan, issue: Issue, figures: list[list[dict[str, Any]]]) -> dict[str, Any]:
    groups: list[dict[str, Any]] = []
    index = 0
    for group in issue.groups:
        items = []
        for item in group.items:
            if shown(item) or figures[index]:
                items.append(
                    {
                        "heading": item_heading(item),
                        "paragraphs": [p.text for p in item.paragraphs],
                        "figures": figures[index],
                    }
                )
            index += 1
        if items:
            groups.append({"title": group_heading(len(groups) + 1, group), "entries": items})
    return {
        "masthead": masthead(plan),
        "number": issue.number,
        "issuer": issuer_name(plan),
        "week": issue.due.label,
        "groups": groups,
        "style": _STYLE,
        "s": _INLINE,
    }


def _scaled(issue: Issue, pixels: int, problems: list[Finding]) -> list[list[tuple[ScaledPicture, str]]]:
    """Each item's readable pictures, scaled; an unreadable one becomes a warning."""
    found = []
    for item in issue.items:
        pictures = []
        for picture in item.pictures:
            try:
                pictures.append((scale_picture(picture.data, picture.place, pixels, pixels), picture.caption))
            except FormError as exc:
                problems += [p.replace(severity=Severity.WARNING) for p in exc.problems]
        found.append(pictures)
    return found


def column_pages(plan: Plan, issues: list[Issue]) -> ColumnPages:
    """The index, a page per 期 with its pictures, and a WeChat page per 期."""
    files: dict[PurePosixPath, bytes] = {}
    problems: list[Finding] = []
    for position, issue in enumerate(issues):
        web: list[list[dict[str, Any]]] = []
        for item_number, pictures in enumerate(_scaled(issue, WEB_PIXELS, problems), 1):
            figures = []
            for picture_number, (scaled, caption) in enumerate(pictures, 1):
                name = (
                    PurePosixPath("images") / f"issue-{issue.number}-{item_number}-{picture_number}.{scaled.extension}"
                )
                files[COLUMN / name] = scaled.data
                figures.append({"src": str(name), "caption": caption, "width": scaled.width, "height": scaled.height})
            web.append(figures)
        context = _issue_context(plan, issue, web)
        context["previous"] = issue_page(issues[position - 1]).name if position else ""
        context["next"] = issue_page(issues[position + 1]).name if position + 1 < len(issues) else ""
        files[issue_page(issue)] = _render(_ISSUE, context)
        inline = [
            [{"src": _data_uri(scaled), "caption": caption} for scaled, caption in pictures]
            for pictures in _scaled(issue, WECHAT_PIXELS, [])
        ]
        files[wechat_page(issue)] = _render(_WECHAT, _issue_context(plan, issue, inline))
    listing = [
        {"href": issue_page(i).name, "number": i.number, "week": i.due.label, "count": sum(map(shown, i.items))}
        for i in reversed(issues)
    ]
    files[COLUMN / "index.html"] = _render(_INDEX, {"title": masthead(plan), "issues": listing, "style": _STYLE})
    return ColumnPages(files, problems)


def _data_uri(picture: ScaledPicture) -> str:
    return f"data:{picture.content_type};base64,{base64.b64encode(picture.data).decode('ascii')}"
