"""The imported plan as YAML text, laid out and commented like the shipped plan.

Each top-level key gets a short Chinese comment saying what it is; long or multi-paragraph
text is written as a block (``|-``) so that office staff can edit it like a document.
"""

from __future__ import annotations

from typing import Any

import yaml

HEADER = """\
# yaml-language-server: $schema=../schema/plan.schema.json
#
# 由 docgen import 从 Word 文件 {source} 生成的活动方案。
# 请逐项核对：运行 docgen check 检查，再运行 docgen render 生成文件；导入时的提示列在命令输出的末尾。
# 日期写成“年-月-日”；正文里的 {{{{ ... }}}} 是引用，会被替换成本文件中别处写好的内容。
"""

COMMENTS = {
    "institution": "学校名称",
    "year": "年度（标题、落款、附件中的年份都取自这里）",
    "campaign": "活动名称",
    "issuer": "发文部门（填 units 中的 id）和发文日期",
    "joint_issuers": "联合发文单位：落款中发文部门之后的其他单位（填 units 中的 id）",
    "policies": "方案所依据的上级文件：原样照录，包括文号",
    "notice": "通知（方案）本身：标题、称呼、开头",
    "sections": "正文各部分，按原文顺序；use 是程序认识的部分，heading 是原文的标题",
    "ideology": "指导思想",
    "organization": "组织机构",
    "period": "活动时间",
    "theme": "活动主题",
    "units": "部门登记表：每个部门登记一次；id 用于引用，name 是文件中出现的名称",
    "tasks": "工作任务（活动）：顺序即编号顺序；units 填部门 id",
    "requirements": "工作要求：顺序即编号顺序",
    "deadlines": "截止时间：date 是某一天；weekday 是每周的星期几（1=周一 …… 7=周日）",
    "contact": "联系人",
    "form": "附件：各部门填报的表格",
    "attachments": "附件，按顺序",
}


class _Dumper(yaml.SafeDumper):
    """Block style for long or multi-line text; lists of short words in one line; no anchors."""

    def ignore_aliases(self, data: Any) -> bool:
        """A date used twice is written twice: office staff do not know YAML's anchors."""
        return True


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if "\n" in value or len(value) > 60:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


def _list(dumper: yaml.SafeDumper, value: list[Any]) -> yaml.SequenceNode:
    flow = bool(value) and all(isinstance(v, str) and len(v) <= 20 and "\n" not in v for v in value)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=flow and len(value) <= 12)


_Dumper.add_representer(str, _text)
_Dumper.add_representer(list, _list)


def plan_yaml(plan: dict[str, Any], source: str) -> str:
    """The plan's data as commented YAML text.

    ``source`` (the Word file's name) is data: it stays on its comment line whatever it holds (a
    newline would start a key of the plan; YAML also breaks lines at U+0085, U+2028 and U+2029).
    """
    from docgen.messages import one_line

    parts = [HEADER.format(source=one_line(source))]
    for key, value in plan.items():
        comment = COMMENTS.get(key)
        block = yaml.dump({key: value}, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000, indent=2)
        if comment:
            parts.append(f"\n# {comment}\n{block}")
        else:
            parts.append(block)
    return "".join(parts)
