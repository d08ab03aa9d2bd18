"""Word files of the shapes other schools write, built with python-docx for the import tests."""

from __future__ import annotations

import docx
from docx.document import Document as DocumentObject
from docx.enum.text import WD_BREAK

from tests.support.word_files import add_chinese_numbering, add_numbered, add_table


def safety_notice() -> tuple[DocumentObject, list[str]]:
    """A 安全宣传月 通知: a free title, a salutation, automatic numbering, a prose leadership group.

    Returns the document and the numbers Word shows before its numbered paragraphs, in order.
    """
    document = docx.Document()
    numbers = add_chinese_numbering(document)
    document.add_paragraph("关于开展2007年“安全宣传月”活动的通知")
    document.add_paragraph("各单位：")
    document.add_paragraph(
        "为进一步增强师生安全意识,提高自我防范能力,根据上级有关要求,学校决定在全校开展“安全宣传月”活动。现将有关事项通知如下："
    )
    shown = []
    add_numbered(document, "组织领导", numbers, 0)
    shown.append("一、")
    document.add_paragraph("学校成立安全宣传月活动领导小组，院长尹方任组长，主管副院长任副组长，各部门负责人为成员。")
    document.add_paragraph("领导小组办公室设在保卫处，负责活动的组织协调工作。")
    add_numbered(document, "活动时间", numbers, 0)
    shown.append("二、")
    document.add_paragraph("2007年6月1日至30日")
    add_numbered(document, "活动内容", numbers, 0)
    shown.append("三、")
    for n, (title, unit, work) in enumerate(
        [
            ("举办安全知识讲座", "保卫处", "邀请消防、公安部门专家来校举办安全知识讲座，每个班级至少派两名学生参加。"),
            ("开展消防疏散演练", "学生工作处、各系", "各系组织学生进行消防疏散演练，熟悉逃生路线。"),
            ("排查安全隐患", "后勤处", "对教学楼、宿舍、食堂进行全面安全检查，发现隐患及时整改。"),
        ],
        1,
    ):
        add_numbered(document, title, numbers, 1)
        shown.append(f"（{'一二三'[n - 1]}）")
        document.add_paragraph(f"责任部门：{unit}")
        document.add_paragraph(f"工作任务：{work}")
    add_numbered(document, "工作要求", numbers, 0)
    shown.append("四、")
    for n, text in enumerate(
        [
            "各单位要高度重视，认真组织，确保活动取得实效。",
            "各单位请于6月8日前将活动安排报保卫处，6月29日中午12点前报送活动总结。",
        ],
        1,
    ):
        add_numbered(document, text, numbers, 1)
        shown.append(f"（{'一二'[n - 1]}）")
    document.add_paragraph("联系人：保卫处王明　电话：0431-84561234　邮箱：baowei@example.edu.cn")
    document.add_paragraph("保卫处")
    document.add_paragraph("2007年5月25日")
    return document, shown


def science_week() -> DocumentObject:
    """A 科技活动周 plan that is mostly a table of events, with merged cells, and two attachments."""
    document = docx.Document()
    document.add_paragraph("北方工业职业学院")
    document.add_paragraph("2022年“科技活动周”实施方案")
    document.add_paragraph("根据市科协有关通知精神，结合我院实际，制定本方案。")
    document.add_paragraph("一、活动主题")
    document.add_paragraph("科技创新　强国有我")
    document.add_paragraph("二、活动时间")
    document.add_paragraph("2022年5月8日至20日")
    document.add_paragraph("三、活动安排")
    add_table(
        document,
        [
            ["序号", "活动内容", "活动事件", "时间", "活动人员", "活动地点", "承办单位"],
            ["1", "科普展览", "科技成果展", "5月9日", "全体学生", "图书馆大厅", "科研处"],
            ["2", None, "机器人展示", "5月10日", "全体学生", "实训中心", "科研处"],
            ["3", "科普讲座", "人工智能讲座", "5月12日下午2:30", "全体教师", "报告厅", "教务处"],
            ["4", None, "大学生创新创业分享会", "5月16日", "学生代表", "报告厅", "团委"],
        ],
    )
    document.add_paragraph("四、申报方式")
    document.add_paragraph("1.各系部推荐优秀科技作品参加展览，5月5日前报科研处。")
    document.add_paragraph("2.作品须附作品说明，说明写明作品名称、作者和指导教师。")
    document.add_paragraph("（1）作品说明一式两份。")
    document.add_paragraph("（2）电子版发至科研处邮箱。")
    document.add_paragraph("五、宣传工作")
    document.add_paragraph("宣传部负责活动的宣传报道，各系部做好本部门的宣传工作。")
    document.add_paragraph("附件：1.科技作品申报表")
    document.add_paragraph("2.活动日程安排")
    document.add_paragraph("科研处")
    document.add_paragraph("2022年4月25日")
    page = document.add_paragraph()
    page.add_run().add_break(WD_BREAK.PAGE)
    page.add_run("附件1")
    document.add_paragraph("科技作品申报表")
    add_table(
        document,
        [
            ["作品名称", ("", 3)],
            ["作者", "", "指导教师", ""],
            ["作品简介", ("", 3)],
        ],
    )
    document.add_paragraph("附件2")
    document.add_paragraph("活动日程安排")
    add_table(document, [["日期", "活动"], ["5月9日", "开幕式"], ["5月20日", "闭幕式"]])
    return document


def reading_month() -> DocumentObject:
    """A library's 读书月 通知 with no leadership group and no requirements: title, opening, own sections."""
    document = docx.Document()
    document.add_paragraph("关于举办第十届“读书月”活动的通知")
    document.add_paragraph("各系部、各班级：")
    document.add_paragraph("为营造书香校园，图书馆决定于2023年4月举办第十届读书月活动。具体安排如下：")
    document.add_paragraph("一、活动主题")
    document.add_paragraph("阅读经典　品味书香")
    document.add_paragraph("二、活动内容")
    document.add_paragraph("（一）好书推荐")
    document.add_paragraph("每位同学推荐一本好书，写出推荐理由，4月15日前交图书馆。")
    document.add_paragraph("（二）读书征文")
    document.add_paragraph("征文题目自拟，字数不少于2000字。")
    document.add_paragraph("1、征文须为原创。")
    document.add_paragraph("2、征文请发至library@example.edu.cn。")
    document.add_paragraph("三、奖项设置")
    document.add_paragraph("设一等奖3名、二等奖5名、三等奖10名，颁发证书和奖品。")
    document.add_paragraph("图书馆")
    document.add_paragraph("2023年3月28日")
    return document


def youth_week() -> DocumentObject:
    """A 团委's 职业教育活动周 实施方案: typed numbers of every level, a group with labels of its own, task details."""
    document = docx.Document()
    document.add_paragraph("长春职业技术学院")
    document.add_paragraph("2021年“职业教育活动周”实施方案")
    document.add_paragraph(
        "为贯彻落实教育部办公厅《关于举办2021年职业教育活动周的通知》（教职成厅函〔2021〕8号）精神，团委制定本方案。"
    )
    document.add_paragraph("一、活动组织与领导")
    document.add_paragraph("活动领导：主管院领导")
    document.add_paragraph("组  长：王  强")
    document.add_paragraph("成  员：李明、张华、赵  丽")
    document.add_paragraph("领导小组办公室设在团委。")
    document.add_paragraph("二、活动时间")
    document.add_paragraph("5月9日-5月15日")
    document.add_paragraph("三、主要活动")
    document.add_paragraph("（一）技能展示")
    document.add_paragraph("承办单位：团委、各系部")
    document.add_paragraph("活动时间：5月10日（周一）上午9:00")
    document.add_paragraph("活动地点：学院广场")
    document.add_paragraph("参加人员：全体学生")
    document.add_paragraph("工作任务：各系部展示专业技能，每个系部不少于两个项目。")
    document.add_paragraph("1.机械系展示数控加工。")
    document.add_paragraph("2.电子系展示智能家居。")
    document.add_paragraph("（二）校园开放日")
    document.add_paragraph("承办单位：招生就业处")
    document.add_paragraph("活动时间：5月12日至14日")
    document.add_paragraph("活动地点：各实训室")
    document.add_paragraph("工作任务：邀请中学生和家长来校参观(体验)实训课程。")
    document.add_paragraph("四、工作要求")
    document.add_paragraph("（一）各单位要按照方案要求认真组织。")
    document.add_paragraph("（二）活动总结于5月20日中午12点前报团委，邮箱tuanwei@example.cn。")
    document.add_paragraph("五、联系方式")
    document.add_paragraph("联系人：团委刘洋　电话：13900001111")
    document.add_paragraph("团委")
    document.add_paragraph("2021年4月28日")
    return document


def prose_notice() -> DocumentObject:
    """A short 通知 in prose: no numbered section at all, no title line of a school."""
    document = docx.Document()
    document.add_paragraph("关于做好2020年暑期安全教育工作的通知")
    document.add_paragraph("各系部：")
    document.add_paragraph("暑假将至，为确保学生度过一个安全、愉快的假期，请各系部在放假前召开一次安全教育主题班会。")
    document.add_paragraph("请各系部于7月3日前将班会记录报学生处。")
    document.add_paragraph("学生处")
    document.add_paragraph("2020年6月28日")
    return document
