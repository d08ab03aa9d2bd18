"""Plans that test the period, the title and the header: a 征集 section, 即日起, 上旬, a red head, no title at all."""

from __future__ import annotations

import datetime as dt

from docx.document import Document as DocumentObject

from tests.support.import_fixtures.shape import Attached, Contact, Deadline, Shape, Task, When, lines, new_document
from tests.support.word_files import add_chinese_numbering, add_numbered, add_table


def science_week_collection_section() -> tuple[DocumentObject, Shape]:
    """科技活动周 通知: school as a header line, ``2021年5月25-28日``, topics (not tasks), a 征集及申报 section.

    Nothing here is a task: 主要内容 lists topics without units or days; 征集及申报 keeps its role
    although its table of materials has a 名称 and a 部门 column, and its dated request to 各单位
    is a deadline. Contact and e-mail on two lines; ``附件1：名称.docx``.
    """
    document = new_document()
    lines(
        document,
        "南屏医学高等专科学校",
        "关于举办2021年科技活动周的通知",
        "各单位：",
        "为推动科技创新成果和科学普及活动惠及师生，根据上级部门关于举办2021年科技活动周的通知要求，结合我校实际，"
        "决定举办2021年全校科技活动周。现将有关事项通知如下：",
        "一、时间与主题",
        "（一）2021年5月25-28日",
        "（二）主题",
        "科技创新　健康同行",
        "（三）主要内容",
        "1.宣传科技创新成就。",
        "2.弘扬科学家精神。",
        "3.开展医学科普进社区活动。",
        "二、有关要求",
        "请各单位高度重视，精心组织，周密安排，确保活动安全。",
        "三、征集及申报",
        "申报单位须提交以下材料，请各单位于5月21日17:00前将申报材料电子版发送至科研处邮箱。",
    )
    add_table(
        document,
        [
            ["序号", "申报材料名称", "提交形式", "接收部门"],
            ["1", "科技活动周计划书（附件1）", "电子版", "科研处"],
            ["2", "物资申购单（附件2）", "电子版、纸质版", "科研处"],
        ],
    )
    lines(
        document,
        "计划书经科研处审核通过后，统一组织物资采购。",
        "联系人：何川　电话：13912345678",
        "邮箱：keyan@example.edu.cn",
        "附件1：2021年科技活动周计划书.docx",
        "附件2：物资申购单.docx",
        "科研处",
        "2021年5月14日",
    )
    return document, Shape(
        title="关于举办2021年科技活动周的通知",
        institution="南屏医学高等专科学校",
        issuers=("科研处",),
        issued=dt.date(2021, 5, 14),
        period=(dt.date(2021, 5, 25), dt.date(2021, 5, 28)),
        period_source="time-section",
        tasks=(),
        deadlines=(Deadline(dt.date(2021, 5, 21), ("各单位",), "发送申报材料电子版"),),
        attachments=(
            Attached("2021年科技活动周计划书", "2021年科技活动周计划书.docx"),
            Attached("物资申购单", "物资申购单.docx"),
        ),
        contact=Contact(("何川",), "13912345678", "keyan@example.edu.cn"),
        numbering=("一、", "（一）", "1."),
        own_roles=("时间与主题", "有关要求", "征集及申报"),
        guesses=(),
    )


def league_collection_from_today() -> tuple[DocumentObject, Shape]:
    """团委 征集 通知: ``即日起至10月28日``, a 共青团X委员会 signature with a date, ``附件1 名称.docx`` without colon.

    A collection notice: no section is tasks; the period starts on the issue date (a guess to review).
    """
    document = new_document()
    lines(
        document,
        "关于开展南溪学院2021年秋季校园文化活动项目征集的通知",
        "各二级学院团总支、各学生组织：",
        "为丰富校园文化生活，现面向全校征集2021年秋季校园文化活动项目，有关事项通知如下：",
        "一、征集时间",
        "即日起至10月28日",
        "二、征集对象",
        "各二级学院团总支、各学生组织、各学生社团",
        "三、征集及申报要求",
        "1.活动项目应主题鲜明、形式新颖，便于组织实施。",
        "2.申报单位可参照活动项目目录（附件1）自拟项目名称。",
        "3.各二级学院团总支于10月28日前将项目申报表（附件2）报送校团委，电子稿和纸质稿各一份。",
        "四、联系方式",
        "联系人：校团委钱晓　电话：0512-65880123",
        "附件1 校园文化活动项目目录.docx",
        "附件2 校园文化活动项目申报表.docx",
        "共青团南溪学院委员会",
        "2021年10月12日",
    )
    return document, Shape(
        title="关于开展南溪学院2021年秋季校园文化活动项目征集的通知",
        institution="南溪学院",
        issuers=("共青团南溪学院委员会",),
        issued=dt.date(2021, 10, 12),
        period=(dt.date(2021, 10, 12), dt.date(2021, 10, 28)),
        period_source="time-section",
        tasks=(),
        deadlines=(Deadline(dt.date(2021, 10, 28), ("各二级学院团总支",), "报送项目申报表"),),
        attachments=(
            Attached("校园文化活动项目目录", "校园文化活动项目目录.docx"),
            Attached("校园文化活动项目申报表", "校园文化活动项目申报表.docx"),
        ),
        contact=Contact(("钱晓",), "0512-65880123", None),
        numbering=("一、", "1."),
        own_roles=("征集时间", "征集对象", "征集及申报要求", "联系方式"),
        guesses=(("import-period-start-from-issue-date", "即日起"),),
    )


def fire_day_institution_in_title() -> tuple[DocumentObject, Shape]:
    """119消防日 通知: school in the title, ``X大学保卫处`` signs, headings ending in a colon, ``1、`` items.

    Each activity asks 各单位 to act before a day (deadlines); no period is given anywhere, so it
    falls back to the issue date, and the review must say so.
    """
    document = new_document()
    lines(
        document,
        "关于开展海宁大学第12届“119消防日”活动的通知",
        "各院系、各单位：",
        "为加强校园消防安全知识宣传，提高师生员工的消防安全意识，现将海宁大学第12届“119消防日”活动通知如下：",
        "一、活动主题：",
        "“排查火灾隐患，守护平安校园”",
        "二、活动内容：",
        "1、开展一次隐患排查：请各单位在11月9日前对本单位进行一次火灾隐患排查，发现隐患及时整改，无法解决的及时报保卫处。",
        "2、组织一次消防教育：请各单位于11月16日前以知识竞赛、疏散演练等形式开展一次消防主题教育活动。",
        "3、开展一次网络宣传：请各单位利用网站、电子屏和微信公众号播放消防公益广告和安全提示。",
        "三、活动要求：",
        "请各单位于11月17日之前将本单位隐患排查情况及消防教育活动开展情况报保卫处。",
        "海宁大学保卫处",
        "2023年10月27日",
    )
    return document, Shape(
        title="关于开展海宁大学第12届“119消防日”活动的通知",
        institution="海宁大学",
        issuers=("保卫处",),
        issued=dt.date(2023, 10, 27),
        period=(dt.date(2023, 10, 27), dt.date(2023, 10, 27)),
        period_source="issue-date",
        tasks=(
            Task("开展一次隐患排查", ("各单位",)),
            Task("组织一次消防教育", ("各单位",)),
            Task("开展一次网络宣传", ("各单位",)),
        ),
        deadlines=(
            Deadline(dt.date(2023, 11, 9), ("各单位",), "进行一次火灾隐患排查"),
            Deadline(dt.date(2023, 11, 16), ("各单位",), "开展一次消防主题教育活动"),
            Deadline(dt.date(2023, 11, 17), ("各单位",), "报送隐患排查及消防教育活动开展情况"),
        ),
        attachments=(),
        numbering=("一、", "1、"),
        own_roles=("活动主题", "活动要求"),
        guesses=(("import-no-period", "2023年10月27日"),),
    )


def mental_health_early_month() -> tuple[DocumentObject, Shape]:
    """心理健康教育月 方案 numbered by Word: ``5月上旬至6月上旬``, tasks dated 中旬 / 下旬至上旬.

    Word's automatic numbering (一、 / （一） / 1.) stands for the typed numbers; the 活动要求 items
    are at Word's third level (1.) directly under 四、.
    """
    document = new_document()
    num = add_chinese_numbering(document)
    shown: list[str] = []

    def numbered(text: str, level: int, number: str) -> None:
        add_numbered(document, text, num, level)
        shown.append(number)

    lines(
        document,
        "西陵职业技术学院",
        "2024年“5·25”心理健康教育月活动方案",
        "为深入推进学生心理健康教育工作，营造关注心理健康的校园氛围，经研究，决定开展2024年“5·25”心理健康教育月活动，"
        "特制定本方案。",
    )
    numbered("活动主题", 0, "一、")
    lines(document, "悦纳自我　阳光成长")
    numbered("活动时间", 0, "二、")
    lines(document, "5月上旬至6月上旬")
    numbered("活动内容", 0, "三、")
    for n, (title, units, when, work) in enumerate(
        [
            ("心理健康知识讲座", "学生工作处、心理健康教育中心", "5月中旬", "邀请校外专家为新生作心理调适专题讲座。"),
            ("心理情景剧展演", "团委、各二级学院", "5月25日下午", "各二级学院选送一部心理情景剧参加全校展演。"),
            ("朋辈心理辅导培训", "心理健康教育中心", "5月下旬至6月上旬", "对班级心理委员开展团体辅导培训。"),
        ]
    ):
        numbered(title, 1, f"（{'一二三'[n]}）")
        lines(document, f"负责部门：{units}", f"时间：{when}", work)
    numbered("活动要求", 0, "四、")
    numbered("各二级学院要高度重视，认真组织学生参加各项活动。", 2, "1.")
    numbered("各二级学院于6月14日前将活动总结报送心理健康教育中心。", 2, "2.")
    lines(document, "学生工作处", "2024年4月26日")
    return document, Shape(
        title="2024年“5·25”心理健康教育月活动方案",
        institution="西陵职业技术学院",
        issuers=("学生工作处",),
        issued=dt.date(2024, 4, 26),
        period=(dt.date(2024, 5, 1), dt.date(2024, 6, 10)),
        period_source="time-section",
        tasks=(
            Task(
                "心理健康知识讲座",
                ("学生工作处", "心理健康教育中心"),
                when=When(dt.date(2024, 5, 11), dt.date(2024, 5, 20)),
            ),
            Task("心理情景剧展演", ("团委", "各二级学院"), when=When(dt.date(2024, 5, 25), time="下午")),
            Task("朋辈心理辅导培训", ("心理健康教育中心",), when=When(dt.date(2024, 5, 21), dt.date(2024, 6, 10))),
        ),
        deadlines=(Deadline(dt.date(2024, 6, 14), ("各二级学院",), "报送活动总结"),),
        attachments=(),
        numbering=("一、", "（一）", "1."),
        own_roles=("活动主题", "活动时间", "活动要求"),
        guesses=(("import-day-assumed", "上旬"), ("import-day-assumed", "中旬"), ("import-day-assumed", "下旬")),
        shown_numbers=tuple(shown),
    )


def science_week_spaced_dates() -> tuple[DocumentObject, Shape]:
    """科技活动周 通知 under a red head (``X学院文件`` + 文号): ``2021 年 5 月 22 日—28 日`` with spaces.

    Task days with a weekday in brackets and a full-width dash (``5月24日－25日``); a deadline
    written in full-width digits (``５月２０日前``).
    """
    document = new_document()
    lines(
        document,
        "蓝田理工学院文件",
        "蓝理院科〔2021〕5号",
        "关于开展2021年“科技活动周”的通知",
        "各学院、各部门：",
        "为营造崇尚科学、鼓励创新的校园氛围，学校决定开展2021年“科技活动周”活动，现将有关事项通知如下：",
        "一、活动时间",
        "2021 年 5 月 22 日—28 日",
        "二、主要活动",
        "（一）科技成果展",
        "责任单位：科技处、各学院",
        "活动时间：5月23日（周日）上午9:00",
        "活动地点：图书馆一楼展厅",
        "（二）创新创业讲座",
        "责任单位：创新创业学院",
        "活动时间：5月24日－25日",
        "活动地点：学术报告厅",
        "（三）实验室开放",
        "责任单位：各学院",
        "活动时间：5月22日至28日",
        "活动地点：各重点实验室",
        "三、工作要求",
        "（一）各学院于５月２０日前将参展项目清单报送科技处。",
        "（二）各单位要做好活动的安全保障工作。",
        "科技处",
        "2021年5月12日",
    )
    return document, Shape(
        title="关于开展2021年“科技活动周”的通知",
        institution="蓝田理工学院",
        issuers=("科技处",),
        issued=dt.date(2021, 5, 12),
        period=(dt.date(2021, 5, 22), dt.date(2021, 5, 28)),
        period_source="time-section",
        tasks=(
            Task("科技成果展", ("科技处", "各学院"), when=When(dt.date(2021, 5, 23), time="上午9:00")),
            Task("创新创业讲座", ("创新创业学院",), when=When(dt.date(2021, 5, 24), dt.date(2021, 5, 25))),
            Task("实验室开放", ("各学院",), when=When(dt.date(2021, 5, 22), dt.date(2021, 5, 28))),
        ),
        deadlines=(Deadline(dt.date(2021, 5, 20), ("各学院",), "报送参展项目清单"),),
        attachments=(),
        numbering=("一、", "（一）"),
        own_roles=("活动时间", "工作要求"),
        guesses=(),
    )


def mental_month_without_title() -> tuple[DocumentObject, Shape]:
    """A 心理健康活动月 通知 with no title and no school: it starts at the salutation.

    ``11月中旬—12月中旬`` without a year (the signature's year); 活动内容 is one paragraph of prose, so
    there are no tasks; ``附件1：名称`` names a form without a file.
    """
    document = new_document()
    lines(
        document,
        "各系：",
        "为加强学生心理健康教育，引导学生树立积极健康的心态，学生处决定开展“12·5”心理健康活动月。现将有关事宜通知如下：",
        "一、活动主题",
        "向阳而生　逐光而行",
        "二、活动时间",
        "11月中旬—12月中旬",
        "三、活动内容",
        "各系可围绕心理健康知识讲座、团体心理辅导、心理健康主题班会等内容组织开展系列活动。",
        "四、活动要求",
        "1.各系要科学制定活动计划，于11月7日前将活动安排（附件1）报送心理健康教育中心。",
        "2.各系要及时总结，活动结束后一周内报送活动总结。",
        "附件1：心理健康活动月活动安排表",
        "学生处",
        "2022年10月31日",
    )
    return document, Shape(
        title=None,
        institution=None,
        issuers=("学生处",),
        issued=dt.date(2022, 10, 31),
        period=(dt.date(2022, 11, 11), dt.date(2022, 12, 20)),
        period_source="time-section",
        tasks=(),
        deadlines=(Deadline(dt.date(2022, 11, 7), ("各系",), "报送活动安排"),),
        attachments=(Attached("心理健康活动月活动安排表", None),),
        numbering=("一、", "1."),
        own_roles=("活动主题", "活动时间", "活动内容", "活动要求"),
        guesses=(("import-no-title", ""), ("import-no-institution", ""), ("import-day-assumed", "中旬")),
    )
