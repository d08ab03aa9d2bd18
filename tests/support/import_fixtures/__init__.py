"""Word files in the shapes other schools write their campaign plans, and the structure each must import to.

The shapes come from a survey of real plans published by schools' offices; every sentence,
school, unit and person here is invented. Each builder returns a python-docx Document and the
``Shape`` that ``docgen import`` must read from it.
"""

from __future__ import annotations

from collections.abc import Callable

from docx.document import Document as DocumentObject

from tests.support.import_fixtures import activities, periods_and_titles, schedules
from tests.support.import_fixtures.shape import Shape

Fixture = Callable[[], tuple[DocumentObject, Shape]]

FIXTURES: dict[str, Fixture] = {
    "01-读书月-表格在前": schedules.reading_month_table_first,
    "02-安全教育月-两个单位列": schedules.safety_month_two_unit_columns,
    "03-开放日-无标题序号": activities.open_day_no_headings,
    "04-职教周-括号负责部门": activities.vocational_week_trailing_units,
    "05-科技周-征集及申报": periods_and_titles.science_week_collection_section,
    "06-科普日-联合落款": activities.science_day_joint_issuers,
    "07-五四-落款无日期": activities.youth_day_no_signature_date,
    "08-征集-即日起": periods_and_titles.league_collection_from_today,
    "09-消防日-校名在标题": periods_and_titles.fire_day_institution_in_title,
    "10-心理月-上旬-自动编号": periods_and_titles.mental_health_early_month,
    "11-科技周-红头-空格日期": periods_and_titles.science_week_spaced_dates,
    "12-冬季安全-跨年": schedules.winter_safety_across_years,
    "13-宪法周-编号样式": activities.constitution_week_numbering_kept,
    "14-心理月-无标题": periods_and_titles.mental_month_without_title,
    "15-安全生产月-表格无标题": schedules.safety_table_after_opening,
    "16-科技周-开头写时间": activities.open_week_period_in_opening,
}
"""File stem (number and shape) -> builder."""
