"""Plans whose activities stand in a schedule table: before any heading, columns repeating a meaning, across a year."""

from __future__ import annotations

import datetime as dt

from docx.document import Document as DocumentObject

from tests.support.import_fixtures.shape import Attached, Contact, Deadline, Shape, Task, When, lines, new_document
from tests.support.word_files import add_table


def reading_month_table_first() -> tuple[DocumentObject, Shape]:
    """读书月 通知: title 'X学院关于…', organisers and the period in the opening, a schedule table before any heading.

    Table columns 负责单位 and 承办单位 (organisers), 活动时间 with a time on a second line, a 4月中旬.
    """
    document = new_document()
    lines(
        document,
        "江川职业技术学院关于举办第六届“书香江川”读书月活动的通知",
        "各系部、各部门：",
        "为迎接第28个“世界读书日”，营造浓厚的校园读书氛围，图书馆、团委、宣传部将于2023年4月20日至5月25日"
        "共同举办第六届“书香江川”读书月活动。具体活动安排如下：",
    )
    add_table(
        document,
        [
            ["序号", "活动内容", "活动时间", "参加对象", "活动地点", "负责单位", "承办单位"],
            ["1", "读书月开幕式", "4月20日\n9:00", "师生代表", "图书馆一楼大厅", "图书馆\n团委", "宣传部"],
            ["2", "经典诵读比赛", "4月27日\n14:30", "各系学生", "学术报告厅", "团委", "各系学生会"],
            ["3", "“我最喜爱的一本书”书评征集", "4月21日-5月10日", "全体学生", "不限", "图书馆", "中文系"],
            ["4", "旧书交换集市", "4月中旬", "全校师生", "第二食堂门前", "学生工作处", "读书协会"],
            ["5", "读书月闭幕式暨表彰会", "5月25日\n15:00", "获奖师生", "学术报告厅", "图书馆\n宣传部", ""],
        ],
    )
    lines(
        document,
        "一、活动要求",
        "1.各系部要广泛宣传，组织学生积极参加各项活动。",
        "2.各项活动的具体要求另行通知。",
        "图书馆",
        "2023年4月12日",
    )
    return document, Shape(
        title="江川职业技术学院关于举办第六届“书香江川”读书月活动的通知",
        institution="江川职业技术学院",
        issuers=("图书馆",),
        issued=dt.date(2023, 4, 12),
        period=(dt.date(2023, 4, 20), dt.date(2023, 5, 25)),
        period_source="opening",
        tasks=(
            Task(
                "读书月开幕式", ("图书馆", "团委"), organisers=("宣传部",), when=When(dt.date(2023, 4, 20), time="9:00")
            ),
            Task("经典诵读比赛", ("团委",), organisers=("各系学生会",), when=When(dt.date(2023, 4, 27), time="14:30")),
            Task(
                "“我最喜爱的一本书”书评征集",
                ("图书馆",),
                organisers=("中文系",),
                when=When(dt.date(2023, 4, 21), dt.date(2023, 5, 10)),
            ),
            Task(
                "旧书交换集市",
                ("学生工作处",),
                organisers=("读书协会",),
                when=When(dt.date(2023, 4, 11), dt.date(2023, 4, 20)),
            ),
            Task(
                "读书月闭幕式暨表彰会",
                ("图书馆", "宣传部"),
                organisers=(),
                when=When(dt.date(2023, 5, 25), time="15:00"),
            ),
        ),
        deadlines=(),
        attachments=(),
        numbering=("一、", "1."),
        own_roles=("活动要求",),
        guesses=(("import-period-from-opening", "将于2023年4月20日至5月25日"), ("import-day-assumed", "中旬")),
    )


def safety_month_two_unit_columns() -> tuple[DocumentObject, Shape]:
    """安全教育月 方案: school line + title line; a table whose columns repeat a meaning (日期+时间, 负责单位+承办单位).

    Period ``2022年6月1日—30日``; a dated requirement to 各学院 gives two deadlines; a labelled contact.
    """
    document = new_document()
    lines(
        document,
        "东湖师范学院",
        "2022年“安全教育月”活动方案",
        "为进一步增强师生安全意识，提高应急避险能力，根据上级部门工作部署，结合学校实际，制定本方案。",
        "一、活动主题",
        "珍爱生命　安全同行",
        "二、活动时间",
        "2022年6月1日—30日",
        "三、活动安排",
    )
    add_table(
        document,
        [
            ["序号", "日期", "时间", "活动内容", "地点", "负责单位", "承办单位"],
            ["1", "6月1日", "8:30", "安全教育月启动仪式", "田径场", "保卫处", "学生工作处"],
            ["2", "6月8日", "14:00", "消防疏散演练", "学生公寓", "保卫处、后勤处", "各学院"],
            ["3", "6月15日", "19:00", "防诈骗专题讲座", "大学生活动中心", "保卫处", "团委"],
            ["4", "6月22日（周三）", "全天", "实验室安全检查", "各实验楼", "资产管理处", "各学院"],
        ],
    )
    lines(
        document,
        "四、工作要求",
        "（一）各单位要高度重视，确保各项活动安全有序开展。",
        "（二）各学院于6月10日前将本单位活动安排报保卫处，6月30日前报送活动总结。",
        "联系人：保卫处孙立　电话：0571-86001234",
        "保卫处",
        "2022年5月25日",
    )
    return document, Shape(
        title="2022年“安全教育月”活动方案",
        institution="东湖师范学院",
        issuers=("保卫处",),
        issued=dt.date(2022, 5, 25),
        period=(dt.date(2022, 6, 1), dt.date(2022, 6, 30)),
        period_source="time-section",
        tasks=(
            Task(
                "安全教育月启动仪式",
                ("保卫处",),
                organisers=("学生工作处",),
                when=When(dt.date(2022, 6, 1), time="8:30"),
            ),
            Task(
                "消防疏散演练",
                ("保卫处", "后勤处"),
                organisers=("各学院",),
                when=When(dt.date(2022, 6, 8), time="14:00"),
            ),
            Task("防诈骗专题讲座", ("保卫处",), organisers=("团委",), when=When(dt.date(2022, 6, 15), time="19:00")),
            Task(
                "实验室安全检查", ("资产管理处",), organisers=("各学院",), when=When(dt.date(2022, 6, 22), time="全天")
            ),
        ),
        deadlines=(
            Deadline(dt.date(2022, 6, 10), ("各学院",), "报送本单位活动安排"),
            Deadline(dt.date(2022, 6, 30), ("各学院",), "报送活动总结"),
        ),
        attachments=(),
        contact=Contact(("孙立",), "0571-86001234", None),
        numbering=("一、", "（一）"),
        own_roles=("活动主题", "活动时间", "工作要求"),
        guesses=(),
    )


def winter_safety_across_years() -> tuple[DocumentObject, Shape]:
    """冬季安全教育 方案: ``2023年12月20日至2024年1月10日``, a table row in January without a year, a 12月下旬.

    ``附件：`` alone on its line followed by a numbered list of attachments (no attachment pages).
    """
    document = new_document()
    lines(
        document,
        "白沙卫生职业学院",
        "2023年冬季安全教育活动方案",
        "为切实做好冬季和寒假期间学生安全教育工作，结合学校实际，制定本方案。",
        "一、活动时间",
        "2023年12月20日至2024年1月10日",
        "二、活动安排",
    )
    add_table(
        document,
        [
            ["序号", "活动项目", "时间", "责任部门"],
            ["1", "冬季消防安全检查", "12月20日至12月29日", "保卫处、后勤处"],
            ["2", "寒假安全教育主题班会", "12月27日", "学生工作处、各系部"],
            ["3", "离校学生安全提醒", "1月5日至1月10日", "各系部"],
            ["4", "宿舍用电安全检查", "12月下旬", "后勤处"],
        ],
    )
    lines(
        document,
        "三、工作要求",
        "（一）各系部于12月25日前将班会安排报学生工作处。",
        "（二）各责任部门要做好活动记录，活动结束后及时总结。",
        "附件：",
        "1.冬季安全检查记录表",
        "2.寒假离校学生登记表",
        "保卫处",
        "2023年12月15日",
    )
    return document, Shape(
        title="2023年冬季安全教育活动方案",
        institution="白沙卫生职业学院",
        issuers=("保卫处",),
        issued=dt.date(2023, 12, 15),
        period=(dt.date(2023, 12, 20), dt.date(2024, 1, 10)),
        period_source="time-section",
        tasks=(
            Task("冬季消防安全检查", ("保卫处", "后勤处"), when=When(dt.date(2023, 12, 20), dt.date(2023, 12, 29))),
            Task("寒假安全教育主题班会", ("学生工作处", "各系部"), when=When(dt.date(2023, 12, 27))),
            Task("离校学生安全提醒", ("各系部",), when=When(dt.date(2024, 1, 5), dt.date(2024, 1, 10))),
            Task("宿舍用电安全检查", ("后勤处",), when=When(dt.date(2023, 12, 21), dt.date(2023, 12, 31))),
        ),
        deadlines=(Deadline(dt.date(2023, 12, 25), ("各系部",), "报送班会安排"),),
        attachments=(
            Attached("冬季安全检查记录表", None),
            Attached("寒假离校学生登记表", None),
        ),
        numbering=("一、", "（一）"),
        own_roles=("活动时间", "工作要求"),
        guesses=(("import-day-assumed", "下旬"),),
    )


def safety_table_after_opening() -> tuple[DocumentObject, Shape]:
    """防灾减灾日暨安全生产月 通知: the schedule table straight after the opening, no heading anywhere.

    Columns 日期 + 时间 (one 'when'), 组织部门 as units, a 5月底 row; the period is the span of the
    rows; a bare contact line (unit, name, phone).
    """
    document = new_document()
    lines(
        document,
        "桐江工业职业学院关于开展2021年防灾减灾日暨安全生产月系列活动的通知",
        "各部门、各二级学院：",
        "为进一步提高师生安全意识和应急避险能力，根据上级文件精神，学校决定开展2021年防灾减灾日暨安全生产月系列活动。"
        "具体安排如下：",
    )
    add_table(
        document,
        [
            ["序号", "日期", "时间", "地点", "活动内容", "参与人员", "组织部门"],
            ["1", "5月12日", "10:00", "田径场", "防灾减灾应急疏散演练", "全体师生", "保卫处、学生工作处"],
            ["2", "5月18日", "13:30", "行政楼报告厅", "宿舍食堂消防安全讲座", "宿舍管理员、食堂员工", "保卫处、后勤处"],
            ["3", "5月底", "自行安排", "各班教室", "防灾减灾主题班会", "全体学生", "各二级学院"],
            ["4", "6月8日", "14:00", "实训楼前广场", "灭火器实操演练", "学生安全信息员", "保卫处"],
            ["5", "6月16日", "全天", "全校", "安全隐患大排查", "各部门安全员", "保卫处、资产管理处"],
        ],
    )
    lines(
        document,
        "各二级学院于6月18日前将主题班会开展情况（附现场照片）报保卫处。",
        "保卫处 吴敏 83927751",
        "保卫处",
        "2021年5月8日",
    )
    return document, Shape(
        title="桐江工业职业学院关于开展2021年防灾减灾日暨安全生产月系列活动的通知",
        institution="桐江工业职业学院",
        issuers=("保卫处",),
        issued=dt.date(2021, 5, 8),
        period=(dt.date(2021, 5, 12), dt.date(2021, 6, 16)),
        period_source="tasks",
        tasks=(
            Task("防灾减灾应急疏散演练", ("保卫处", "学生工作处"), when=When(dt.date(2021, 5, 12), time="10:00")),
            Task("宿舍食堂消防安全讲座", ("保卫处", "后勤处"), when=When(dt.date(2021, 5, 18), time="13:30")),
            Task(
                "防灾减灾主题班会",
                ("各二级学院",),
                when=When(dt.date(2021, 5, 21), dt.date(2021, 5, 31), time="自行安排"),
            ),
            Task("灭火器实操演练", ("保卫处",), when=When(dt.date(2021, 6, 8), time="14:00")),
            Task("安全隐患大排查", ("保卫处", "资产管理处"), when=When(dt.date(2021, 6, 16), time="全天")),
        ),
        deadlines=(Deadline(dt.date(2021, 6, 18), ("各二级学院",), "报送主题班会开展情况"),),
        attachments=(),
        contact=Contact(("吴敏",), "83927751", None),
        numbering=(),
        own_roles=(),
        guesses=(("import-day-assumed", "月底"), ("import-period-from-tasks", "防灾减灾应急疏散演练")),
    )
