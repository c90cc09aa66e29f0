"""What happened to the records: the audit trail, and the periods archived after their report was handed in."""
from peewee import CharField, DateField, DateTimeField, TextField

from models.store import BaseModel, TrackedModel, utcnow


class AuditEntry(BaseModel):
    """One save, delete, restore or archive: who, when, which record, which fields from what to what."""
    at = DateTimeField(default=utcnow, index=True)
    operator = CharField(max_length=30)
    kind = CharField(max_length=30)                    # the record's table
    record_uuid = CharField(max_length=36, index=True)
    action = CharField(max_length=20)                  # create / update / delete / restore / erase / purge / …
    summary = CharField(max_length=200, default="")
    changes = TextField(default="{}")                  # JSON {field: [old, new]}


class ArchivedPeriod(TrackedModel):
    """Records dated inside are read-only until the period is deliberately un-archived."""
    date_from = DateField()
    date_to = DateField()
    operator = CharField(max_length=30, default="")
    note = TextField(default="")
