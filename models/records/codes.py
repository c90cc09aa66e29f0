"""Codes stored in the database and their Chinese labels (the UI passes labels through its translator)."""

GENDERS = {"male": "男", "female": "女"}

PARTY_STATUSES = {"full": "正式党员", "probationary": "预备党员"}

EDUCATIONS = {
    "postgraduate": "研究生", "bachelor": "大学本科", "college": "大学专科",
    "secondary": "中专", "high_school": "高中", "junior": "初中及以下",
}

ETHNICITIES = [
    "汉族", "蒙古族", "回族", "藏族", "维吾尔族", "苗族", "彝族", "壮族", "布依族", "朝鲜族", "满族",
    "侗族", "瑶族", "白族", "土家族", "哈尼族", "哈萨克族", "傣族", "黎族", "傈僳族", "佤族", "畲族",
    "高山族", "拉祜族", "水族", "东乡族", "纳西族", "景颇族", "柯尔克孜族", "土族", "达斡尔族",
    "仫佬族", "羌族", "布朗族", "撒拉族", "毛南族", "仡佬族", "锡伯族", "阿昌族", "普米族", "塔吉克族",
    "怒族", "乌孜别克族", "俄罗斯族", "鄂温克族", "德昂族", "保安族", "裕固族", "京族", "塔塔尔族",
    "独龙族", "鄂伦春族", "赫哲族", "门巴族", "珞巴族", "基诺族",
]

PARTY_POSTS = ["", "支部书记", "支部副书记", "组织委员", "宣传委员", "纪检委员", "青年委员", "党小组长"]

ORG_KINDS = {"social_group": "社会团体", "social_service": "社会服务机构（民办非企业单位）", "foundation": "基金会"}

PARTY_ORGS = {"independent": "独立党支部", "joint": "联合党支部", "none": "未建立"}
# a party organisation's own kind (党组织类型): an organisation's PARTY_ORGS without "none"
PARTY_ORG_KINDS = {"independent": "独立党支部", "joint": "联合党支部"}

GRADES = {"": "无", "1A": "1A", "2A": "2A", "3A": "3A", "4A": "4A", "5A": "5A"}

ACTIVITY_TYPES = {
    "member_meeting": "支部党员大会", "committee_meeting": "支部委员会", "group_meeting": "党小组会",
    "party_lecture": "党课", "theme_day": "主题党日", "life_meeting": "组织生活会",
    "member_review": "民主评议党员", "theory_study": "理论学习", "expert_lecture": "专家授课（引进来）",
    "exchange_visit": "交流学习（走出去）", "field_research": "实地调研", "special_study": "专题研究",
    "heart_talk": "谈心谈话", "care": "关爱活动", "volunteer": "志愿服务",
    "supervision": "监督管理工作", "other": "其他",
}
THREE_MEETINGS_ONE_LESSON = ("member_meeting", "committee_meeting", "group_meeting", "party_lecture")

ATTENDANCE = {"present": "出席", "leave": "请假", "absent": "缺席"}

SESSION_KINDS = {"study": "学习会", "exchange": "交流会"}

OUTREACH_KINDS = {
    "rural": "乡村振兴", "employment": "就业帮扶", "aid_tibet_xinjiang": "援藏/援疆",
    "education_disability": "助学助残", "live_commerce": "直播带货", "training": "技能培训",
    "disaster": "救灾", "other": "其他",
}

ROLES = {"host": "主办", "organiser": "承办", "participant": "参与", "donor": "捐赠"}

# How often each regular meeting is due; the setting "expected_frequency" ({type: frequency or null}) overrides.
# How a figure's values over a period become one statement in the report.
FIGURE_RULES = {"sum": "累加", "latest": "取最新", "max": "取最大", "none": "不汇总"}

FREQUENCIES = {"month": "每月", "quarter": "每季度", "half": "每半年", "year": "每年"}
EXPECTED_FREQUENCY = {
    "member_meeting": "quarter", "committee_meeting": "month", "group_meeting": "month", "party_lecture": "quarter",
    "theme_day": "month", "life_meeting": "year", "member_review": "year",
}
