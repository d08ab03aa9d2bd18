"""Messages about the plan's ``issuing:`` block: the 印发通知's 发文字号, 主送, head, signature and 版记.

Each entry is a code: (message, hint), both marked for Babel; ``docgen.messages`` joins the tables.
"""

from __future__ import annotations

from docgen.messages.language import N_

MESSAGES: dict[str, tuple[str, str]] = {
    "issuing-prefix-form": (
        N_("the 机关代字 '{prefix}' holds '{found}'"),
        N_(
            "give only the 机关代字 (e.g. 长医专宣字) and put the year and the number in 'year' and 'number'; "
            "docgen writes 长医专宣字〔2019〕3号"
        ),
    ),
    "issuing-year-differs": (
        N_("the document number's year {year} is not the plan's year {plan}"),
        N_("leave 'year' out to use the plan's year, or check it"),
    ),
    "issuing-head-without-number": (
        N_("the '{head}' 版头 has no 发文字号"),
        N_("give 'number' (prefix and number): a 文件 with a red head carries its 发文字号 under the 发文机关标志"),
    ),
    "issuing-without-recipients": (
        N_("the 印发通知 names no 主送机关"),
        N_("list them under 'to', e.g. to: [各党总支, 各部门, 各院部]"),
    ),
    "issuing-name-punctuation": (
        N_("'{name}' holds '{found}': one name per item"),
        N_("write each name as its own item; docgen adds 、 between them and the colon or full stop after the last"),
    ),
    "issuing-mark-long": (
        N_("the 发文机关标志 has {chars} characters; more than {limit} print smaller than 二号 on one line"),
        N_("use the issuer's 规范化简称, e.g. 长春医专文件"),
    ),
    "issuing-printed-before-issued": (
        N_("the 印发日期 {printed_on} is before the notice's date {issued}"),
        N_("a document is printed on or after the day it is dated; check 'printed_on' and 'issued'"),
    ),
    "issuing-number-new-year": (
        N_("the 印发通知 keeps last year's 发文字号 ({prefix} … {number}号)"),
        N_("give this year's serial number in issuing.number (and 'year', if it is written)"),
    ),
    "issuing-signer-not-head": (
        N_("the 印发通知 is signed '{signer}' under the head '{mark}', which names '{organ}'"),
        N_(
            "the 发文机关署名 is the organ the 发文机关标志 names: sign as that organ (signed_by: {organ}), "
            "or give the signer's own head (mark: {own_mark})"
        ),
    ),
    "issuing-seal-without-signature": (
        N_("a sealed notice needs an issuer and a date to seal"),
        N_("give 'issuer' (or issuing.signed_by) and 'issued', or set 'sealed: false'"),
    ),
}
