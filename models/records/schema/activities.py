"""Branch activities (支部活动): 三会一课, theme days, lectures, visits, supervision work."""
from peewee import BooleanField, CharField, DateField, ForeignKeyField, TextField, TimeField

from models.records.schema.registry import ReportSection
from models.store import RecordModel


class Activity(RecordModel):
    type = CharField(max_length=30, index=True)        # codes.ACTIVITY_TYPES
    title = CharField(max_length=200)
    date = DateField(index=True)
    start_time = TimeField(null=True)
    end_time = TimeField(null=True)
    place = CharField(max_length=200, default="")
    host = CharField(max_length=50, default="")
    recorder = CharField(max_length=50, default="")
    speaker = CharField(max_length=100, default="")
    agenda = TextField(default="")
    content = TextField(default="")
    decisions = TextField(default="")
    guests = TextField(default="")                     # 列席, as text
    tags = CharField(max_length=200, default="")
    section = ForeignKeyField(ReportSection, null=True, on_delete="SET NULL", backref="activities")
    highlight = BooleanField(default=False)            # 亮点: told first in its report chapter
    outcomes = TextField(default="")                   # 成效: a sentence or two the report weaves in
    source_branch = CharField(max_length=60, default="")     # the branch a record came from