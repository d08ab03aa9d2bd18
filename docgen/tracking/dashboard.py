"""The status at a glance: one self-contained HTML page (``status.html``) and the same grid as .xlsx.

The page needs no network and no JavaScript: styles are inline, the progress bars are boxes
whose width is the share received, and it prints on A4 landscape. Units run down, dues across
(a weekly deadline's weeks under its name); each cell says 已收, 逾期 (with the day), 未交, 今日截止
or 未到期 in words as well as colour, so a black-and-white print still reads, with 补报 n 次 for
a unit that sent again and 按文件时间 where the arrival is known only from the file's time.
"""

from __future__ import annotations

import io
from typing import Any

from docgen import chinese
from docgen.tracking.reminders import unit_contact_text
from docgen.tracking.status import Cell, Column, Mark, StatusReport, Unplaced
from docgen.tracking.tally import COUNT_WORDS, COUNTS, rank_rule, tally

MARK_WORDS = {
    Mark.RECEIVED: "已收",
    Mark.LATE: "逾期",
    Mark.MISSING: "未交",
    Mark.DUE_TODAY: "今日截止",
    Mark.NOT_DUE: "未到期",
}
MARK_FILLS = {
    Mark.RECEIVED: "C6EFCE",
    Mark.LATE: "FFEB9C",
    Mark.MISSING: "FFC7CE",
    Mark.DUE_TODAY: "DDEBF7",
    Mark.NOT_DUE: "EDEDED",
}
BY_FILE_TIME = "按文件时间"
BY_NAME_DATE = "按文件名日期"
HOW_WORDS = {"receive": "登记", "mail": "邮件", "hand": "直接存入", "web": "网页"}
UNPLACED_WORDS = {
    Unplaced.NO_DEADLINE: "不在任何截止事项的文件夹中（或不在任何一周内）",
    Unplaced.NO_UNIT: "看不出是哪个部门的",
    Unplaced.SEVERAL_UNITS: "同时写了几个部门",
    Unplaced.NOT_OWED: "该部门不需报送此项",
}
NOT_OWED = "—"

_PAGE = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }}</title>
<style>
@page { size: A4 landscape; margin: 10mm; }
body { font-family: "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", sans-serif; margin: 16px; color: #222; }
h1 { font-size: 20px; margin: 0 0 4px; }
h2 { font-size: 16px; margin: 18px 0 6px; }
h3 { font-size: 14px; margin: 10px 0 4px; }
ul.missing-units { columns: 3; }
p.meta { margin: 0 0 12px; color: #555; }
table { border-collapse: collapse; font-size: 12px; }
th, td { border: 1px solid #999; padding: 3px 5px; text-align: center; }
th.unit, td.unit { text-align: left; white-space: nowrap; }
.received { background: #c6efce; }
.late { background: #ffeb9c; }
.missing { background: #ffc7ce; font-weight: bold; }
.due-today { background: #ddebf7; }
.not-due { background: #ededed; color: #777; }
td small { display: block; font-size: 10px; color: #555; }
td.not-owed { color: #aaa; }
.bar { width: 120px; height: 10px; border: 1px solid #777; display: inline-block; vertical-align: middle; }
.bar span { display: block; height: 100%; background: #4a8f4a; }
ul { margin: 4px 0 8px; padding-left: 20px; }
.legend span { display: inline-block; padding: 1px 6px; margin-right: 6px; border: 1px solid #999; }
@media print {
  body { margin: 0; font-size: 11px; }
  table { font-size: 10px; page-break-inside: auto; }
  tr { page-break-inside: avoid; }
  td, .bar span { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
</style>
</head>
<body>
<h1>{{ title }}</h1>
<p class="meta">统计日期：{{ on }}　应报部门{{ units|length }}个　文件{{ file_count }}个</p>
<p class="legend"><span class="received">已收</span><span class="late">逾期：截止日后收到</span>
<span class="missing">未交：已过截止日</span><span class="due-today">今日截止</span>
<span class="not-due">未到期：尚未到截止日</span><span>—：不需报送</span></p>
<p class="meta">补报n次：同一事项又发来新文件，以最后一次为准。
按文件时间：直接存入文件夹的文件，收到时间只能按文件的修改时间推定。</p>

<h2>各项进度</h2>
<table id="progress">
<thead><tr><th class="unit">截止事项</th><th>截止日</th><th>应交</th><th>已收</th><th>其中逾期</th>
<th>未交</th><th>进度</th></tr></thead>
<tbody>
{% for c in columns %}<tr class="{{ 'due' if c.is_due else 'not-due' }}">
<td class="unit">{{ c.title }}</td><td>{{ c.day }}</td><td class="owed">{{ c.owed }}</td>
<td class="count-received">{{ c.received }}</td><td class="count-late">{{ c.late }}</td>
<td class="count-missing">{{ c.missing if c.is_due else "—" }}</td>
<td><span class="bar" title="{{ c.percent }}%"><span style="width: {{ c.percent }}%"></span></span>
{{ c.percent }}%</td>
</tr>
{% endfor %}</tbody>
</table>

<h2>逐部门情况</h2>
<table id="grid">
<thead>
<tr><th class="unit" rowspan="2">部门</th>{% for g in groups %}
<th colspan="{{ g.span }}"{% if g.span == 1 %} rowspan="2"{% endif %}>{{ g.title }}</th>{% endfor %}</tr>
<tr>{% for g in groups if g.span > 1 %}{% for w in g.weeks %}<th>{{ w }}</th>{% endfor %}{% endfor %}</tr>
</thead>
<tbody>
{% for row in rows %}<tr><td class="unit">{{ row.unit }}</td>{% for cell in row.cells %}
<td class="{{ cell.css }}" title="{{ cell.files }}">{{ cell.text }}
{%- for n in cell.notes %}<small>{{ n }}</small>{% endfor %}</td>{% endfor %}</tr>
{% endfor %}</tbody>
</table>

<h2>未交部门及联系人</h2>
{% if missing %}<div id="missing">
{% for m in missing %}<h3>{{ m.title }}（截止{{ m.day }}，未交{{ m.units|length }}个）</h3>
<ul class="missing-units">{% for u in m.units %}
<li><span class="missing-unit">{{ u.name }}</span>　<span class="contact">{{ u.contact }}</span></li>{% endfor %}</ul>
{% endfor %}</div>
{% else %}<p id="missing">已到期的各项均已收齐。</p>
{% endif %}
<h2>宣传评比</h2>
<p class="meta">{{ tally.note }}</p>
<table id="tally">
<thead><tr><th>名次</th><th class="unit">部门</th>{% for h in tally.headers %}<th>{{ h }}</th>{% endfor %}
{% if tally.scored %}<th>得分</th>{% endif %}</tr></thead>
<tbody>
{% for row in tally.rows %}<tr><td class="rank">{{ row.rank }}</td><td class="unit">{{ row.unit }}</td>
{% for n in row.counts %}<td>{{ n }}</td>{% endfor %}
{% if tally.scored %}<td class="score">{{ row.score }}</td>{% endif %}</tr>
{% endfor %}</tbody>
</table>

{% if unplaced %}<h2>未能归属的文件（请人工查看）</h2>
<ul id="unplaced">{% for f in unplaced %}
<li>{{ f.path }}：{{ f.reason }}{% if f.units %}（{{ f.units }}）{% endif %}</li>{% endfor %}</ul>
{% endif %}
</body>
</html>
"""


def _cell(column: Column, unit_id: str) -> dict[str, Any]:
    cell = column.cells.get(unit_id)
    if cell is None:
        return {"css": "not-owed", "text": NOT_OWED, "notes": [], "files": ""}
    text = MARK_WORDS[cell.mark]
    if cell.mark is Mark.LATE and cell.sent is not None:
        text += f"（{chinese.month_day(cell.sent)}）"
    return {"css": cell.mark.value, "text": text, "notes": cell_notes(cell), "files": _files_title(cell)}


def cell_notes(cell: Cell) -> list[str]:
    """补报2次, and 按文件时间 (or 按文件名日期) when the arrival that decides the cell is known only so."""
    notes = [f"补报{cell.resent}次"] if cell.resent else []
    first = cell.first
    if first is not None and first.timed_by == "file":
        notes.append(BY_FILE_TIME)
    elif first is not None and first.timed_by == "name":
        notes.append(BY_NAME_DATE)
    return notes


def _files_title(cell: Cell) -> str:
    """Each file with when and how it came, the replaced ones marked: the cell's tooltip."""
    lines = []
    for file in sorted(cell.files + cell.replaced, key=lambda f: f.received_at):
        moment = file.received_at.astimezone().strftime("%m-%d %H:%M")
        replaced = "（已被补报替换）" if file in cell.replaced else ""
        lines.append(f"{file.shown}　{moment} {HOW_WORDS.get(file.how, file.how)}{replaced}")
    return "\n".join(lines)


def dashboard_context(report: StatusReport) -> dict[str, Any]:
    """Everything the page and the spreadsheet show, as plain values."""
    plan = report.plan
    columns = []
    for c in report.columns:
        owed, received = len(c.owing), len(c.received)
        columns.append(
            {
                "title": c.due.title,
                "day": chinese.month_day(c.due.day),
                "is_due": c.is_due,
                "owed": owed,
                "received": received,
                "late": len(c.late),
                "missing": len(c.missing),
                "percent": round(100 * received / owed) if owed else 100,
            }
        )
    groups: list[dict[str, Any]] = []
    for c in report.columns:
        if groups and c.due.week is not None and groups[-1]["key"] == c.due.key:
            groups[-1]["span"] += 1
            groups[-1]["weeks"].append(c.due.label)
            continue
        title = c.due.deadline.action if c.due.week is not None else f"{c.due.title}（{c.due.label}）"
        weeks = [c.due.label] if c.due.week is not None else []
        groups.append({"key": c.due.key, "title": title, "span": 1, "weeks": weeks})
    for group in groups:  # a weekly deadline with a single week still gets its week row
        if group["weeks"] and group["span"] == 1:
            group["title"] = f"{group['title']} {group['weeks'][0]}"
    rows = [{"unit": u.name, "cells": [_cell(c, u.id) for c in report.columns]} for u in report.units]
    missing = []
    for c in report.due_columns:
        if c.missing:
            units = [{"name": u.name, "contact": unit_contact_text(u)} for u in c.missing]
            missing.append({"title": c.due.title, "day": chinese.month_day(c.due.day), "units": units})
    unplaced = [
        {
            "path": f.shown,
            "reason": UNPLACED_WORDS[why],
            "units": "、".join(u.name for u in f.units) if why is not Unplaced.NO_UNIT else "",
        }
        for f, why in report.unplaced
    ]
    return {
        "tally": tally_context(report),
        "title": f"{plan.year}年“{plan.campaign}”材料报送情况",
        "on": chinese.full_date(report.on),
        "units": [u.name for u in report.units],
        "file_count": len(report.files),
        "columns": columns,
        "groups": groups,
        "rows": rows,
        "missing": missing,
        "unplaced": unplaced,
    }


def tally_context(report: StatusReport) -> dict[str, Any]:
    """The 宣传评比 table: headers, one row per unit, best first, with points only where the plan sets weights."""
    rows = tally(report)
    scored = any(r.score is not None for r in rows)
    if scored:
        note = "得分按活动方案 evaluation.weights 设定的分值计算，按得分排名。"
    else:
        note = f"活动方案未设定评比分值，仅列出各项数量，{rank_rule()}。"
    return {
        "headers": [COUNT_WORDS[name] for name in COUNTS],
        "scored": scored,
        "note": note,
        "rows": [
            {
                "rank": r.rank,
                "unit": r.unit.name,
                "counts": [r.counts[name] for name in COUNTS],
                "score": _points(r.score),
            }
            for r in rows
        ],
    }


def _points(score: float | None) -> float | int | None:
    """12 rather than 12.0; a fraction kept to one decimal."""
    if score is None:
        return None
    return int(score) if float(score).is_integer() else round(score, 1)


def dashboard_html(report: StatusReport, context: dict[str, Any] | None = None) -> str:
    """The page, as text: every value escaped, nothing fetched from anywhere."""
    from jinja2 import Environment

    environment = Environment(autoescape=True, keep_trailing_newline=True)
    return environment.from_string(_PAGE).render(context if context is not None else dashboard_context(report))


def dashboard_xlsx(report: StatusReport, context: dict[str, Any] | None = None) -> bytes:
    """The same grid as a workbook: sheets 报送情况 (units down, dues across), 进度 (counts per due), 宣传评比."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    context = context if context is not None else dashboard_context(report)
    book = Workbook()
    grid = book.active
    grid.title = "报送情况"
    grid.cell(row=1, column=1, value="部门").font = Font(bold=True)
    for index, column in enumerate(report.columns, 2):
        header = grid.cell(row=1, column=index, value=column.due.title)
        header.font = Font(bold=True)
        header.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        grid.column_dimensions[get_column_letter(index)].width = 16
    grid.column_dimensions["A"].width = 18
    for r, unit in enumerate(report.units, 2):
        grid.cell(row=r, column=1, value=unit.name).data_type = "s"
        for index, column in enumerate(report.columns, 2):
            cell = column.cells.get(unit.id)
            shown = _cell(column, unit.id)
            target = grid.cell(row=r, column=index, value="，".join([shown["text"], *shown["notes"]]))
            target.alignment = Alignment(horizontal="center")
            if cell is not None:
                target.fill = PatternFill("solid", start_color=MARK_FILLS[cell.mark], end_color=MARK_FILLS[cell.mark])
    grid.freeze_panes = "B2"
    grid.row_dimensions[1].height = 48
    progress = book.create_sheet("进度")
    headers = ["截止事项", "截止日", "应交", "已收", "其中逾期", "未交", "进度（%）"]
    for c, text in enumerate(headers, 1):
        progress.cell(row=1, column=c, value=text).font = Font(bold=True)
    for r, column in enumerate(context["columns"], 2):
        missing = column["missing"] if column["is_due"] else None
        values = [column["title"], column["day"], column["owed"], column["received"], column["late"], missing]
        for c, value in enumerate([*values, column["percent"]], 1):
            progress.cell(row=r, column=c, value=value)
    progress.column_dimensions["A"].width = 44
    _tally_sheet(book.create_sheet("宣传评比"), context["tally"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _tally_sheet(sheet: Any, tally: dict[str, Any]) -> None:
    """The 宣传评比 table as a sheet: a header row, one row per unit in rank order, the note below."""
    from openpyxl.styles import Font

    headers = ["名次", "部门", *tally["headers"]] + (["得分"] if tally["scored"] else [])
    for c, text in enumerate(headers, 1):
        sheet.cell(row=1, column=c, value=text).font = Font(bold=True)
    for r, row in enumerate(tally["rows"], 2):
        values = [row["rank"], row["unit"], *row["counts"]] + ([row["score"]] if tally["scored"] else [])
        for c, value in enumerate(values, 1):
            sheet.cell(row=r, column=c, value=value)
    sheet.cell(row=len(tally["rows"]) + 3, column=1, value=tally["note"])
    sheet.column_dimensions["B"].width = 18
    sheet.freeze_panes = "C2"
