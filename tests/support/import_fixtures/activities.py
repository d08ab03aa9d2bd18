"""Plans whose activities are numbered items: no headings, units in a closing parenthesis or in the sentence.

They are also signed jointly, or without a date.
"""

from __future__ import annotations

import datetime as dt

from docx.document import Document as DocumentObject

from tests.support.import_fixtures.shape import Attached, Contact, Deadline, Shape, Task, When, lines, new_document


def open_day_no_headings() -> tuple[DocumentObject, Shape]:
    """科研平台开放日 通知 with no 一、 heading at all: numbered activities naming units and dates in their text.

    No time section: the period is the span of the task dates. The signature joins school and
    department (``X大学科学技术处``); ``附件：`` comes after the signature, the file on its own line.
    """
    document = new_document()
    lines(
        document,
        "关于开展2023年科研平台开放日活动的通知",
        "各学院、各有关单位：",
        "为普及科学知识，展示科研成果，科学技术处、校科学技术协会决定在全国科技工作者日期间组织科研平台开放日活动，"
        "现将有关事项通知如下：",
        "1.举办开放日启动仪式。5月22日上午9:00在图书馆报告厅举行，由科学技术处、宣传部负责。",
        "2.开放重点实验室。5月22日至6月2日，各重点实验室每天下午向师生开放，由各学院负责接待讲解。",
        "3.举办科普讲座。5月26日下午3:00在学术交流中心举行，由校科学技术协会负责。",
        "4.开展打卡集章活动。参观师生在各开放平台扫码打卡，集满六个印章可兑换纪念品，由校工会负责。",
        "请各学院于5月19日前将本单位开放平台名单及联系人报科学技术处。",
        "联系人：科学技术处林雨　电话：88213456",
        "青州大学科学技术处",
        "2023年5月15日",
        "附件：",
        "科研平台开放名单.docx",
    )
    return document, Shape(
        title="关于开展2023年科研平台开放日活动的通知",
        institution="青州大学",
        issuers=("科学技术处",),
        issued=dt.date(2023, 5, 15),
        period=(dt.date(2023, 5, 22), dt.date(2023, 6, 2)),
        period_source="tasks",
        tasks=(
            Task("举办开放日启动仪式", ("科学技术处", "宣传部"), when=When(dt.date(2023, 5, 22), time="上午9:00")),
            Task("开放重点实验室", ("各学院",), when=When(dt.date(2023, 5, 22), dt.date(2023, 6, 2))),
            Task("举办科普讲座", ("校科学技术协会",), when=When(dt.date(2023, 5, 26), time="下午3:00")),
            Task("开展打卡集章活动", ("校工会",)),
        ),
        deadlines=(Deadline(dt.date(2023, 5, 19), ("各学院",), "报送开放平台名单及联系人"),),
        attachments=(Attached("科研平台开放名单", "科研平台开放名单.docx"),),
        contact=Contact(("林雨",), "88213456", None),
        numbering=("1.",),
        own_roles=(),
        guesses=(("import-period-from-tasks", "举办开放日启动仪式"),),
    )


def vocational_week_trailing_units() -> tuple[DocumentObject, Shape]:
    """职业教育活动周 通知: 二、活动形式 with six activities each ending （负责部门：…） (one （责任部门：…）).

    The school signs itself; 活动时间和主题 holds ``1.时间：2023年5月8日—14日``; 总结表彰 keeps its role.
    """
    document = new_document()
    lines(
        document,
        "关于举办2023年“职业教育活动周”系列活动的通知",
        "各系（院）、有关部门：",
        "为弘扬劳动光荣、技能宝贵、创造伟大的时代风尚，根据上级有关部门的要求，结合我院实际，"
        "决定举办2023年“职业教育活动周”系列活动，现将有关安排通知如下：",
        "一、活动时间和主题",
        "1.时间：2023年5月8日—14日",
        "2.主题：技能成就未来",
        "二、活动形式",
        "1.举办启动仪式。5月8日上午9:00在图书馆广场举行活动周启动仪式。（负责部门：院办公室、教务处）",
        "2.举办职业技能竞赛。在各系（院）初赛的基础上集中举行决赛，展示学生专业技能（附件）。（负责部门：教务处、各系院）",
        "3.开展志愿服务活动。5月9日至13日，组织学生专业社团进社区开展志愿服务。（负责部门：团委、各系院）",
        "4.举办职教成果展。利用宣传栏展示技能竞赛、校企合作等方面的成果。（负责部门：教务处）",
        "5.开展“工匠精神”主题教育。5月12日，组织学生观看工匠事迹专题片并开展讨论。（责任部门：学生工作处、各系院）",
        "6.开展职教周宣传活动。通过校园网、宣传栏、微信公众号宣传职业教育政策和典型事例。（负责部门：院办公室、团委）",
        "三、总结表彰",
        "5月14日下午，召开总结表彰会议，总结经验，表彰先进。",
        "附件：职业技能竞赛项目安排",
        "青州理工职业学院",
        "2023年4月25日",
    )
    return document, Shape(
        title="关于举办2023年“职业教育活动周”系列活动的通知",
        institution="青州理工职业学院",
        issuers=("青州理工职业学院",),
        issued=dt.date(2023, 4, 25),
        period=(dt.date(2023, 5, 8), dt.date(2023, 5, 14)),
        period_source="time-section",
        tasks=(
            Task("举办启动仪式", ("院办公室", "教务处"), when=When(dt.date(2023, 5, 8), time="上午9:00")),
            Task("举办职业技能竞赛", ("教务处", "各系院")),
            Task("开展志愿服务活动", ("团委", "各系院"), when=When(dt.date(2023, 5, 9), dt.date(2023, 5, 13))),
            Task("举办职教成果展", ("教务处",)),
            Task("开展“工匠精神”主题教育", ("学生工作处", "各系院"), when=When(dt.date(2023, 5, 12))),
            Task("开展职教周宣传活动", ("院办公室", "团委")),
        ),
        deadlines=(),
        attachments=(Attached("职业技能竞赛项目安排", None),),
        numbering=("一、", "1."),
        own_roles=("活动时间和主题", "总结表彰"),
        guesses=(),
    )


def science_day_joint_issuers() -> tuple[DocumentObject, Shape]:
    """全国科普日 通知: school only in the title (关于开展X大学…), a joint signature of two units, a bare contact line.

    Tasks labelled 承办单位 / 活动时间 (one with a weekday in brackets); the contact line has no
    labels: unit, two names, a phone number.
    """
    document = new_document()
    lines(
        document,
        "关于开展云溪大学2022年全国科普日活动的通知",
        "各学院、各部门：",
        "为提升师生科学素质，营造爱科学、学科学、用科学的校园氛围，学校决定开展2022年全国科普日系列活动。"
        "现将有关事项通知如下：",
        "一、活动时间",
        "2022年9月15日至21日",
        "二、活动安排",
        "（一）科普开放日",
        "承办单位：各学院",
        "活动时间：9月17日（周六）全天",
        "开放实验室、标本馆等科普场所，接待中小学生参观。",
        "（二）院士科普讲座",
        "承办单位：校科学技术协会",
        "活动时间：9月20日下午2:30",
        "邀请院士专家作科普报告。",
        "（三）科普作品展",
        "承办单位：图书馆、艺术学院",
        "活动时间：9月15日至21日",
        "展出师生科普摄影和绘画作品。",
        "三、工作要求",
        "（一）请各学院于9月9日前将本单位活动计划报送校科协秘书处。",
        "（二）活动结束后，请各承办单位于9月30日前报送活动总结。",
        "校科协秘书处 周楠 韩雪 66120458",
        "校科学技术协会",
        "科学技术研究院",
        "2022年9月5日",
    )
    return document, Shape(
        title="关于开展云溪大学2022年全国科普日活动的通知",
        institution="云溪大学",
        issuers=("校科学技术协会", "科学技术研究院"),
        issued=dt.date(2022, 9, 5),
        period=(dt.date(2022, 9, 15), dt.date(2022, 9, 21)),
        period_source="time-section",
        tasks=(
            Task("科普开放日", ("各学院",), when=When(dt.date(2022, 9, 17), time="全天")),
            Task("院士科普讲座", ("校科学技术协会",), when=When(dt.date(2022, 9, 20), time="下午2:30")),
            Task("科普作品展", ("图书馆", "艺术学院"), when=When(dt.date(2022, 9, 15), dt.date(2022, 9, 21))),
        ),
        deadlines=(
            Deadline(dt.date(2022, 9, 9), ("各学院",), "报送本单位活动计划"),
            Deadline(dt.date(2022, 9, 30), ("各承办单位",), "报送活动总结"),
        ),
        attachments=(),
        contact=Contact(("周楠", "韩雪"), "66120458", None),
        numbering=("一、", "（一）"),
        own_roles=("活动时间", "工作要求"),
        guesses=(),
    )


def youth_day_no_signature_date() -> tuple[DocumentObject, Shape]:
    """五四 通知 of a 共青团X委员会 that signs without a date; ``附件1 名称`` lines without a colon.

    Tasks are （一） headings with a 责任单位 line and 1、 items; the signer is the issuer, its school
    the institution.
    """
    document = new_document()
    lines(
        document,
        "关于开展2024年“五四”青年节系列活动的通知",
        "各系团总支、各团支部：",
        "为纪念五四运动105周年，激发广大团员青年的爱国热情，校团委决定开展“五四”青年节系列活动。现将有关事项通知如下：",
        "一、活动主题",
        "青春心向党　建功新时代",
        "二、活动时间",
        "2024年4月20日至5月10日",
        "三、活动内容",
        "（一）主题团日活动",
        "责任单位：各系团总支",
        "1、各团支部围绕活动主题开展一次主题团日活动。",
        "2、活动结束后填写团日活动记录表。",
        "（二）“青春榜样”评选",
        "责任单位：校团委组织部",
        "1、各系团总支推荐候选人，每系不超过3名。",
        "2、评选结果在校团委网站公示。",
        "（三）五四表彰大会",
        "责任单位：校团委、学生会",
        "1、5月4日下午在学术报告厅召开表彰大会。",
        "四、工作要求",
        "各系团总支要高度重视，精心组织，并于5月10日前将活动总结报送校团委。",
        "附件1 团日活动记录表",
        "附件2 “青春榜样”推荐表",
        "共青团北岭医药高等专科学校委员会",
    )
    return document, Shape(
        title="关于开展2024年“五四”青年节系列活动的通知",
        institution="北岭医药高等专科学校",
        issuers=("共青团北岭医药高等专科学校委员会",),
        issued=None,
        period=(dt.date(2024, 4, 20), dt.date(2024, 5, 10)),
        period_source="time-section",
        tasks=(
            Task("主题团日活动", ("各系团总支",)),
            Task("“青春榜样”评选", ("校团委组织部",)),
            Task("五四表彰大会", ("校团委", "学生会")),
        ),
        deadlines=(Deadline(dt.date(2024, 5, 10), ("各系团总支",), "报送活动总结"),),
        attachments=(
            Attached("团日活动记录表", None),
            Attached("“青春榜样”推荐表", None),
        ),
        numbering=("一、", "（一）", "1、"),
        own_roles=("活动主题", "活动时间", "工作要求"),
        guesses=(("import-no-date", "共青团北岭医药高等专科学校委员会"),),
    )


def constitution_week_numbering_kept() -> tuple[DocumentObject, Shape]:
    """宪法宣传周 方案 titled ``X学院2022年…活动方案`` (no 关于), numbered 一、 / 1、 / （1）.

    Activities end with （责任单位：…） whose list mixes 、 and ，; the period is written with ``——``.
    """
    document = new_document()
    lines(
        document,
        "东岭学院2022年“宪法宣传周”活动方案",
        "为深入学习宣传宪法，弘扬宪法精神，根据上级有关通知要求，结合学校实际，制定本方案。",
        "一、活动时间",
        "2022年12月1日——12月7日",
        "二、活动主题",
        "大力弘扬宪法精神　建设法治校园",
        "三、活动安排",
        "1、开展宪法专题学习。利用理论学习中心组和教职工政治理论学习开展宪法专题学习。（责任单位：党委宣传部、组织部）",
        "（1）各党总支组织一次专题学习。",
        "（2）学习情况纳入年度考核。",
        "2、举办“宪法晨读”活动。12月4日上午组织学生集中诵读宪法。（责任单位：学生工作处、团委，各二级学院）",
        "3、开展宪法知识竞赛。12月6日下午在大学生活动中心举行决赛。（责任单位：团委、法学院）",
        "四、工作要求",
        "1、各单位要高度重视，精心组织。",
        "2、请各二级学院于12月9日前将活动开展情况报党委宣传部。",
        "党委宣传部",
        "2022年11月28日",
    )
    return document, Shape(
        title="东岭学院2022年“宪法宣传周”活动方案",
        institution="东岭学院",
        issuers=("党委宣传部",),
        issued=dt.date(2022, 11, 28),
        period=(dt.date(2022, 12, 1), dt.date(2022, 12, 7)),
        period_source="time-section",
        tasks=(
            Task("开展宪法专题学习", ("党委宣传部", "组织部")),
            Task(
                "举办“宪法晨读”活动", ("学生工作处", "团委", "各二级学院"), when=When(dt.date(2022, 12, 4), time="上午")
            ),
            Task("开展宪法知识竞赛", ("团委", "法学院"), when=When(dt.date(2022, 12, 6), time="下午")),
        ),
        deadlines=(Deadline(dt.date(2022, 12, 9), ("各二级学院",), "报送活动开展情况"),),
        attachments=(),
        numbering=("一、", "1、", "（1）"),
        own_roles=("活动时间", "活动主题", "工作要求"),
        guesses=(),
    )


def open_week_period_in_opening() -> tuple[DocumentObject, Shape]:
    """科技活动周 通知: the period only in the opening (``2024年5月25日—6月1日``, across months), ``1、`` activities.

    Units are named inside each activity's sentence (``由科学技术处负责`` / ``各学院开放…``); the
    contact is one line with labels separated by commas.
    """
    document = new_document()
    lines(
        document,
        "关于做好石湖工业大学2024年科技活动周工作的通知",
        "校内各单位：",
        "根据上级部门关于举办2024年全国科技活动周的通知要求，2024年科技活动周时间为2024年5月25日—6月1日。"
        "现将我校科技活动周工作安排如下：",
        "一、活动主题",
        "弘扬科学家精神　激发创新活力",
        "二、活动内容",
        "1、学院开放周。5月27日至31日，各学院开放实验室和科普场馆，安排专人讲解。",
        "2、科技成果展。5月25日至6月1日在图书馆展厅展出近年科研成果，由科学技术处负责。",
        "3、科普进中学。5月29日，由团委组织大学生志愿者到周边中学开展科普宣讲。",
        "三、有关要求",
        "请各单位于6月7日前将活动总结及图片资料报送科学技术处。",
        "联系人：科学技术处郑凯，电话：0551-62901234，邮箱：kjc@example.edu.cn",
        "科学技术处",
        "2024年5月20日",
    )
    return document, Shape(
        title="关于做好石湖工业大学2024年科技活动周工作的通知",
        institution="石湖工业大学",
        issuers=("科学技术处",),
        issued=dt.date(2024, 5, 20),
        period=(dt.date(2024, 5, 25), dt.date(2024, 6, 1)),
        period_source="opening",
        tasks=(
            Task("学院开放周", ("各学院",), when=When(dt.date(2024, 5, 27), dt.date(2024, 5, 31))),
            Task("科技成果展", ("科学技术处",), when=When(dt.date(2024, 5, 25), dt.date(2024, 6, 1))),
            Task("科普进中学", ("团委",), when=When(dt.date(2024, 5, 29))),
        ),
        deadlines=(Deadline(dt.date(2024, 6, 7), ("各单位",), "报送活动总结及图片资料"),),
        attachments=(),
        contact=Contact(("郑凯",), "0551-62901234", "kjc@example.edu.cn"),
        numbering=("一、", "1、"),
        own_roles=("活动主题", "有关要求"),
        guesses=(("import-period-from-opening", "时间为2024年5月25日—6月1日"),),
    )
