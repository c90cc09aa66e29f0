"""Outreach events with partner social organisations, and the report's saved lead paragraphs."""
from peewee import BooleanField, CharField, DateField, ForeignKeyField, IntegerField, TextField

from models.records.schema.registry import Organisation, ReportSection
from models.store import RecordModel, TrackedModel


class OutreachEvent(RecordModel):
    title = CharField(max_length=200)
    series = CharField(max_length=100, default="", index=True)
    kind = CharField(max_length=20)                    # codes.OUTREACH_KINDS
    start_date = DateField(index=True)
    end_date = DateField(null=True)
    place = CharField(max_length=200, default="")
    region = CharField(max_length=100, default="")
    co_organisers = CharField(max_length=300, default="")
    description = TextField(default="")
    outcomes = TextField(default="")
    section = ForeignKeyField(ReportSection, null=True, on_delete="SET NULL", backref="events")
    highlight = BooleanField(default=False)            # 亮点: told first in its report chapter
    source_branch = CharField(max_length=60, default="")     # the branch a record came from


class Participation(TrackedModel):
    event = ForeignKeyField(OutreachEvent, on_delete="CASCADE", backref="participations")
    organisation = ForeignKeyField(Organisation, on_delete="CASCADE", backref="participations")
    role = CharField(max_length=20)                    # codes.ROLES
    money_fen = IntegerField(null=True)
    in_kind_fen = IntegerField(null=True)
    jobs = IntegerField(null=True)
    note = CharField(max_length=200, default="")

    class Meta:
        indexes = ((("event", "organisation"), True),)


class SectionText(TrackedModel):
    """The user's own lead paragraph for a report section and period (e.g. 2022 or 2022-H1)."""
    section = ForeignKeyField(ReportSection, on_delete="CASCADE", backref="texts")
    period = CharField(max_length=30)
    text = TextField(default="")

    class Meta:
        indexes = ((("section", "period"), True),)
