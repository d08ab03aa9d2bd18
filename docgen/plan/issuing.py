"""How a plan is issued as a 公文 (GB/T 9704-2012): the ``issuing:`` block of the plan.

A plan with this block also gets the 印发通知 (关于印发《…》的通知) that sends the 方案 out as
its attachment, with a 发文字号, 主送机关, a 版记 and, when asked, the red head. Every key is
optional; a plan without the block renders as before.
"""

from __future__ import annotations

from typing import Literal

from docgen.plan.fields import Field
from docgen.plan.types import Day, JinjaText, Model, Name, empty_list

HeadMode = Literal["plain", "red", "preprinted"]


class DocumentNumber(Model):
    """发文字号 in parts: docgen writes 长医专宣字〔2019〕3号 (六角括号, no leading zeros, no 第)."""

    prefix: Name = Field(description="机关代字, e.g. 长医专宣字.")
    year: int | None = Field(default=None, ge=1900, le=2999, description="The year in 〔〕; default: the plan's year.")
    number: int = Field(ge=1, le=99999, description="The serial number, e.g. 3 (written without leading zeros).")


class Issuing(Model):
    """The 公文 apparatus around the 方案: 版头, 发文字号, 主送, signature with or without a seal, 版记."""

    mark: Name | None = Field(
        default=None,
        description="发文机关标志, e.g. 长春医学高等专科学校文件 (default: the institution followed by 文件).",
    )
    number: DocumentNumber | None = Field(default=None, description="发文字号, in parts.")
    to: list[Name] = Field(
        default_factory=empty_list, max_length=50, description="主送机关 in order, e.g. [各党总支, 各部门, 各院部]."
    )
    copy_to: list[Name] = Field(default_factory=empty_list, max_length=50, description="抄送机关 in order (版记).")
    printed_by: Name | None = Field(
        default=None, description="印发机关 in the 版记 (default: the issuer's full name, else the institution)."
    )
    printed_on: Day | None = Field(default=None, description="印发日期 in the 版记 (default: the plan's 'issued').")
    signed_by: Name | None = Field(
        default=None, description="The issuer as the signature names it (default: the plan's issuer unit)."
    )
    sealed: bool = Field(default=False, description="Whether the notice is sealed (印章): GB/T 9704 7.3.5.1's layout.")
    head: HeadMode = Field(
        default="plain",
        description="版头: plain (no red parts), red (发文机关标志 and the red line), preprinted "
        "(套打: paper with the red head printed on it; the red parts are left out and their space kept).",
    )
    title: Name | None = Field(
        default=None, description="The notice's title (default: 关于印发《<the 方案's title>》的通知)."
    )
    wording: JinjaText | None = Field(
        default=None,
        description="The notice's body (Jinja text; a blank line between two paragraphs); "
        "default: 现将《…》印发给你们，请结合实际，认真组织实施。",
    )


def number_text(number: DocumentNumber, plan_year: int) -> str:
    """The 发文字号 as GB/T 9704-2012 7.2.4 writes it: 长医专宣字〔2019〕3号."""
    return f"{number.prefix}〔{number.year or plan_year}〕{number.number}号"
