"""Pieces several record kinds share: attendance, figures, attachments."""
from peewee import CharField, Check, ForeignKeyField, IntegerField

from models.records.schema.activities import Activity
from models.records.schema.outreach import OutreachEvent
from models.records.schema.registry import Indicator, Member
from models.records.schema.study import StudySession
from models.store import TrackedModel


class Attendance(TrackedModel):
    """One member at one activity or study session: present, on leave or absent, with a reason."""
    activity = ForeignKeyField(Activity, null=True, on_delete="CASCADE", backref="attendance")
    session = ForeignKeyField(StudySession, null=True, on_delete="CASCADE", backref="attendance")
    member = ForeignKeyField(Member, on_delete="CASCADE", backref="attendance")
    status = CharField(max_length=10)                  # codes.ATTENDANCE
    reason = CharField(max_length=200, default="")

    class Meta:
        indexes = ((("activity", "member"), True), (("session", "member"), True))
        constraints = [Check("(activity_id IS NULL) <> (session_id IS NULL)")]


class Figure(TrackedModel):
    """A figure of an activity or outreach event: indicator and value ×100 (元 → fen)."""
    activity = ForeignKeyField(Activity, null=True, on_delete="CASCADE", backref="figures")
    event = ForeignKeyField(OutreachEvent, null=True, on_delete="CASCADE", backref="figures")
    indicator = ForeignKeyField(Indicator, on_delete="RESTRICT", backref="figures")
    value_centi = IntegerField()
    as_entered = CharField(max_length=30, default="")  # an approximation as written (200余, 近300万); "" for a plain number
    note = CharField(max_length=200, default="")

    class Meta:
        constraints = [Check("(activity_id IS NULL) <> (event_id IS NULL)")]


class Attachment(TrackedModel):
    """A file kept in the store's attachment folder under its content hash."""
    activity = ForeignKeyField(Activity, null=True, on_delete="CASCADE", backref="attachments")
    session = ForeignKeyField(StudySession, null=True, on_delete="CASCADE", backref="attachments")
    event = ForeignKeyField(OutreachEvent, null=True, on_delete="CASCADE", backref="attachments")
    name = CharField(max_length=255)
    sha256 = CharField(max_length=64, index=True)
    size = IntegerField()
    mime = CharField(max_length=100, default="")

    class Meta:
        constraints = [Check("(activity_id IS NOT NULL) + (session_id IS NOT NULL)"
                             " + (event_id IS NOT NULL) = 1")]
