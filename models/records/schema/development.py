"""New members (发展党员): each person on the path, the steps taken with their dates and meetings, and who took part."""
from peewee import CharField, DateField, ForeignKeyField, IntegerField, TextField

from models.records.schema.activities import Activity
from models.records.schema.registry import Member
from models.store import RecordModel, TrackedModel


class Applicant(RecordModel):
    """A person who applied to join (入党申请人); the member record the roster gets on admission as 预备党员."""
    name = CharField(max_length=50, index=True)
    gender = CharField(max_length=10)                  # codes.GENDERS
    birth_date = DateField()
    workplace = CharField(max_length=100, default="")  # 工作单位
    post = CharField(max_length=60, default="")        # 职务
    phone = CharField(max_length=30, default="")
    applied_on = DateField()                           # 递交入党申请书的日期
    member = ForeignKeyField(Member, null=True, on_delete="SET NULL", backref="applicants")
    notes = TextField(default="")
    source_branch = CharField(max_length=60, default="")     # the branch a record came from


class DevelopmentStep(TrackedModel):
    """One step of a person's path (development_rules.STEPS): its date, the meeting that decided it, and for the
    concentrated training its days and class hours, for an extension of probation its months. Each step once."""
    applicant = ForeignKeyField(Applicant, on_delete="CASCADE", backref="steps")
    kind = CharField(max_length=20)
    date = DateField()
    meeting = ForeignKeyField(Activity, null=True, on_delete="SET NULL", backref="development_steps")
    days = IntegerField(null=True)
    hours = IntegerField(null=True)
    months = IntegerField(null=True)
    note = CharField(max_length=200, default="")

    class Meta:
        indexes = ((("applicant", "kind"), True),)


class DevelopmentPerson(TrackedModel):
    """A member who took part in a step: 谈话人, 培养联系人 or 入党介绍人 (the step's kind says which)."""
    applicant = ForeignKeyField(Applicant, on_delete="CASCADE", backref="people")
    step = CharField(max_length=20)
    member = ForeignKeyField(Member, on_delete="CASCADE", backref="development_roles")

    class Meta:
        indexes = ((("applicant", "step", "member"), True),)
