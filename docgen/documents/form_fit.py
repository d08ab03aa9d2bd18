"""How the 活动安排 form fits one landscape A4 page: the row height its rows can have.

The form is printed and filled in by hand, so it should be one page, remark included. The
rows share what the title, the date line, the header and the remark leave of the 156 mm text
block; a row is never lower than 6 mm (handwriting needs it). The templates hold one row
variant per height in ``ROW_HEIGHTS`` (a height cannot be a tag inside an XML attribute, which
Word rejects), so the height is chosen from that list. The estimate follows the form
template's fixed line heights (scripts/build_templates.py); ``check`` warns when the rows
cannot fit and the form then breaks onto a second page with its header repeated.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from functools import lru_cache

from docgen.chinese import cjk_width
from docgen.documents.plan_cache import PlanCache
from docgen.plan.model import Form, Plan

_TASK_LISTS = PlanCache()  # the numbered tasks the remark lists, by the plan's content

TWIPS_PER_MM = 1440 / 25.4
# Row heights the templates offer, in twips (8, 7.5, 7, 6.5 and 6 mm), highest first.
ROW_HEIGHTS = (454, 425, 397, 369, 340)
TEXT_HEIGHT = 156 * TWIPS_PER_MM  # landscape: 210 mm less 28 mm top and 26 mm bottom margins
TEXT_WIDTH_MM = 297 - 35 - 35  # landscape: 35 mm side margins
# The form's seven columns and their relative widths: item, content, time, place, unit, person,
# phone. 活动项目 holds a task's title (twelve characters a line); 负责人或联络人 must fit its header.
FORM_WEIGHTS = (52, 36, 22, 22, 24, 31, 24)
SEED_COLUMNS = ("活动项目", "具体内容", "活动时间", "活动地点", "负责部门", "负责人或联络人", "联系电话")
_WIDE_HEADINGS = ("内容", "事件", "项目", "地点")  # columns that hold phrases rather than words
CELL_MARGINS_MM = 3.0  # 85 twips on either side
# Line heights of the form template, in twips (build_templates.py sets them exactly).
LABEL_LINE, TITLE_LINE, META_LINE, HEADER_ROW, REMARK_LINE, CELL_LINE = 440, 500, 360, 454, 300, 280
TITLE_PT, REMARK_PT, CELL_PT = 22.0, 12.0, 12.0
SAFETY = 1.5 * TWIPS_PER_MM  # rounding in the office suite; the page must not overflow by a hair
UNIT_FORM_MIN_BLANK = 5  # a unit's form keeps at least this many blank rows after its tasks
_PT_MM = 25.4 / 72


@dataclasses.dataclass(frozen=True)
class FormFit:
    """The chosen row height (twips) and whether every row fits on the page at that height."""

    row_height: int
    fits: bool


def _form(plan: Plan) -> Form:
    assert plan.form is not None, "only a plan with a form has form documents"
    return plan.form


def form_weights(form: Form) -> list[int]:
    """The form's relative column widths: the plan's, the 2019 form's, or wider for columns of phrases."""
    if form.widths is not None and len(form.widths) == len(form.columns):
        return list(form.widths)
    if tuple(form.columns) == SEED_COLUMNS:
        return list(FORM_WEIGHTS)
    return [max(len(h), 4) * (2 if any(w in h for w in _WIDE_HEADINGS) else 1) for h in form.columns]


def remark_text(plan: Plan, tasks: str | None = None) -> str:
    """The remark as the form prints it: the plan's words, then (unless it says not) the numbered tasks.

    ``tasks`` is ``numbered_tasks(plan)`` where the caller has it; else it is joined once per
    plan (every unit's form prints and measures the remark, which lists every task).
    """
    form = _form(plan)
    if not form.remark:
        return ""
    if not form.list_tasks:
        return form.remark
    if tasks is None:
        tasks = str(_TASK_LISTS.get(plan, "task list", lambda: numbered_tasks(plan)))
    return form.remark + tasks


def numbered_tasks(plan: Plan) -> str:
    """Every task's title after its number, as the remark lists them."""
    return "　".join(f"{n}.{t.title}" for n, t in enumerate(plan.tasks, 1))


@lru_cache(maxsize=4096)
def _lines(text: str, size_pt: float, width_mm: float) -> int:
    """Lines ``text`` takes in ``width_mm`` at ``size_pt`` (Latin letters and digits count half).

    Remembered: every unit's form measures the same title and remark (which lists every task).
    """
    per_line = max(1, int(width_mm / (size_pt * _PT_MM)))
    width = cjk_width(text)
    return max(1, -int(-width // per_line))


def column_widths_mm(form: Form) -> list[float]:
    """The form's column widths across the landscape text block (as ``tables.column_widths`` shares them)."""
    weights = form_weights(form)
    total = sum(weights) or 1  # widths of zeros pass the check: measured as laid out, not divided by zero
    return [TEXT_WIDTH_MM * w / total for w in weights]


def _row_lines(widths: Sequence[float], row: Sequence[str]) -> int:
    """Lines the tallest cell of a prefilled row takes, in columns ``widths`` mm wide (an empty cell takes one)."""
    cells = zip(row, widths, strict=False)
    return max((_lines(text, CELL_PT, w - CELL_MARGINS_MM) for text, w in cells if text), default=1)


@dataclasses.dataclass(frozen=True)
class _Page:
    """What a form's page holds besides its rows, measured once for the forms of every unit."""

    widths: tuple[float, ...]  # the columns', in mm
    title: float  # the heights (twips) of the title's lines
    remark: float  # and of the remark's, 0 without one
    fits: dict[tuple[int, tuple[int, ...], bool], FormFit] = dataclasses.field(default_factory=dict, compare=False)
    """Answers by the rows' count and their heights: most units' forms are alike."""

    @classmethod
    def of(cls, plan: Plan, remark: str) -> _Page:
        """The page of ``plan``'s form, whose remark reads ``remark`` (``remark_text``)."""
        title = TITLE_LINE * _lines(plan.form_title, TITLE_PT, TEXT_WIDTH_MM)
        remark_height = REMARK_LINE * _lines("备注：" + remark, REMARK_PT, TEXT_WIDTH_MM) if remark else 0
        return cls(tuple(column_widths_mm(_form(plan))), title, remark_height)

    def fit(self, rows: int, filled: Sequence[Sequence[str]], attachment: bool) -> FormFit:
        """``form_fit`` on this page."""
        tall = tuple(_row_lines(self.widths, r) * CELL_LINE for r in filled)
        key = (rows, tall, attachment)
        if key not in self.fits:
            self.fits[key] = self._fit(rows, tall, attachment)
        return self.fits[key]

    def _fit(self, rows: int, tall: tuple[int, ...], attachment: bool) -> FormFit:
        fixed = (LABEL_LINE if attachment else 0) + self.title + META_LINE + HEADER_ROW + self.remark + SAFETY
        for height in ROW_HEIGHTS:
            needed = sum(max(height, t) for t in tall) + (rows - len(tall)) * height
            if needed <= TEXT_HEIGHT - fixed:
                return FormFit(height, True)
        return FormFit(ROW_HEIGHTS[-1], False)


def form_fit(plan: Plan, rows: int, *, filled: Sequence[Sequence[str]] = (), attachment: bool = False) -> FormFit:
    """The highest row height at which ``rows`` rows (``filled`` first) and the rest fill one page."""
    return _Page.of(plan, remark_text(plan)).fit(rows, filled, attachment)


def unit_form_rows(plan: Plan, filled: int) -> int:
    """Rows of a unit's form: one per task it carries, then the plan's blank rows (at least five)."""
    return filled + max(_form(plan).blank_rows - filled, UNIT_FORM_MIN_BLANK)


def _column_of(columns: Sequence[str], *words: str) -> int | None:
    """The first column whose heading holds one of ``words``."""
    return next((i for i, h in enumerate(columns) if any(w in h for w in words)), None)


@lru_cache(maxsize=64)
def _filled_columns(columns: tuple[str, ...]) -> tuple[int, int | None]:
    """The item column and the unit column (None without one) of a form with these headings."""
    item = _column_of(columns, "项目", "内容", "活动") or 0
    return item, _column_of(columns, "部门", "单位")


def unit_form_filled(plan: Plan, unit_name: str, unit_id: str) -> list[list[str]]:
    """A unit's prefilled rows: each task it carries in the item column, the unit in the unit column."""
    form = _form(plan)
    item, department = _filled_columns(tuple(form.columns))
    filled = []
    for _, task in plan.tasks_of(unit_id):
        row = [""] * len(form.columns)
        row[item] = task.title
        if department is not None and department != item:
            row[department] = unit_name
        filled.append(row)
    return filled


def crowded_forms(plan: Plan) -> list[str]:
    """Names of the forms whose rows cannot fit one page even at the lowest row height."""
    crowded: list[str] = []
    if plan.form is None:
        return crowded
    page = _Page.of(plan, remark_text(plan, numbered_tasks(plan)))  # the plan checked is not rendered: no cache
    if not page.fit(plan.form.blank_rows, (), attachment=True).fits:
        crowded.append(plan.form_title)
    for unit in plan.responsible_units():
        filled = unit_form_filled(plan, unit.name, unit.id)
        if not page.fit(unit_form_rows(plan, len(filled)), filled, attachment=False).fits:
            crowded.append(unit.name)
    return crowded
