"""Study groups (学习小组): members, a plan per year with monthly topics, sessions and reflections."""
from peewee import CharField, DateField, DateTimeField, ForeignKeyField, IntegerField, TextField

from models.records.schema.registry import Member, ReportSection
from models.store import RecordModel, TrackedModel


class StudyGroup(RecordModel):
    name = CharField(max_length=60)
    purpose = TextField(default="")
    leader = ForeignKeyField(Member, null=True, on_delete="SET NULL", backref="groups_led")
    founded_on = DateField(null=True)
    archived_at = DateTimeField(null=True)
    source_branch = CharField(max_length=60, default="")     # the branch a record came from


class StudyGroupMember(TrackedModel):
    group = ForeignKeyField(StudyGroup, on_delete="CASCADE", backref="memberships")
    member = ForeignKeyField(Member, on_delete="CASCADE", backref="group_memberships")
    joined_on = DateField(null=True)
    left_on = DateField(null=True)

    class Meta:
        indexes = ((("group", "member"), True),)


class StudyPlan(RecordModel):
    group = ForeignKeyField(StudyGroup, on_delete="CASCADE", backref="plans")
    year = IntegerField()
    goals = TextField(default="")                      # 定目标
    tasks = TextField(default="")                      # 定任务
    standards = TextField(default="")                  # 定标准

    class Meta:
        indexes = ((("group", "year"), False),)


class PlanTopic(TrackedModel):
    plan = ForeignKeyField(StudyPlan, on_delete="CASCADE", backref="topics")
    month = IntegerField()
    topic = CharField(max_length=200)
    materials = TextField(default="")
    lead = CharField(max_length=50, default="")


class StudySession(RecordModel):
    group = ForeignKeyField(StudyGroup, on_delete="CASCADE", backref="sessions")
    kind = CharField(max_length=20, default="study")   # codes.SESSION_KINDS
    date = DateField(index=True)
    topic = CharField(max_length=200)
    materials = TextField(default="")
    lead_speaker = CharField(max_length=50, default="")
    duration_minutes = IntegerField(null=True)
    place = CharField(max_length=200, default="")
    notes = TextField(default="")
    section = ForeignKeyField(ReportSection, null=True, on_delete="SET NULL", backref="study_sessions")
    source_branch = CharField(max_length=60, default="")     # the branch a record came from


class Reflection(TrackedModel):
    """A member's 心得体会 on a session."""
    session = ForeignKeyField(StudySession, on_delete="CASCADE", backref="reflections")
    member = ForeignKeyField(Member, on_delete="CASCADE", backref="reflections")
    text = TextField()
    submitted_on = DateField(null=True)

    class Meta:
        indexes = ((("session", "member"), True),)
