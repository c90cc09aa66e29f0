"""Registries the records point at: members, social organisations, report sections, indicators, settings."""
from peewee import BooleanField, CharField, DateField, IntegerField, TextField

from models.store import BaseModel, RecordModel


class Setting(BaseModel):
    key = CharField(max_length=64, unique=True)
    value = TextField()  # JSON


class ReportSection(RecordModel):
    """A work heading (栏目) every record is filed under; the report has one chapter per section."""
    name = CharField(max_length=60)
    position = IntegerField(default=0)


class Indicator(RecordModel):
    """A figure's kind (指标) with its unit; values are stored ×100, so 元 are exact fen."""
    name = CharField(max_length=60)
    unit = CharField(max_length=10)
    position = IntegerField(default=0)
    builtin = BooleanField(default=False)
    rule = CharField(max_length=10, default="sum")     # codes.FIGURE_RULES: how the report adds its values up


class Member(RecordModel):
    name = CharField(max_length=50, index=True)
    gender = CharField(max_length=10)                  # codes.GENDERS
    birth_date = DateField(null=True)
    ethnicity = CharField(max_length=20, default="")
    education = CharField(max_length=20, default="")   # codes.EDUCATIONS
    phone = CharField(max_length=30, default="")
    party_status = CharField(max_length=20)            # codes.PARTY_STATUSES
    join_date = DateField(null=True)                   # 入党日期
    full_date = DateField(null=True)                   # 转正日期
    party_post = CharField(max_length=30, default="")
    job_title = CharField(max_length=60, default="")
    young_cadre = BooleanField(null=True)              # None: decided by age (under 35)
    id_card = CharField(max_length=18, default="")     # 公民身份号码 (GB 11643), shown masked
    workplace = CharField(max_length=100, default="")  # 工作单位
    came_on = DateField(null=True)                     # 转入日期: organisational relation transferred in
    came_from = CharField(max_length=100, default="")  # 转入自 (the organisation it came from)
    left_on = DateField(null=True)                     # 转出日期
    left_to = CharField(max_length=100, default="")
    notes = TextField(default="")
    source_branch = CharField(max_length=60, default="")     # the branch a record came from


class Organisation(RecordModel):
    name = CharField(max_length=100, index=True)
    credit_code = CharField(max_length=18, default="", index=True)
    kind = CharField(max_length=20)                    # codes.ORG_KINDS
    registered_on = DateField(null=True)
    legal_rep = CharField(max_length=50, default="")
    party_org = CharField(max_length=20, default="none")  # codes.PARTY_ORGS
    party_org_date = DateField(null=True)
    instructor = CharField(max_length=50, default="")
    grade = CharField(max_length=4, default="")        # codes.GRADES
    contact_person = CharField(max_length=50, default="")
    contact_phone = CharField(max_length=30, default="")
    address = CharField(max_length=200, default="")
    notes = TextField(default="")
    source_branch = CharField(max_length=60, default="")     # the branch a record came from