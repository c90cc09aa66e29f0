"""Party building in the supervised organisations (社会组织党建): party organisations, which organisations each
covered from when to when, and each organisation's party-building instructors (党建工作指导员) over time."""
from peewee import CharField, DateField, ForeignKeyField, TextField

from models.records.schema.registry import Organisation
from models.store import TrackedModel


class PartyOrg(TrackedModel):
    """A party organisation (党组织): an independent branch of one organisation, or a joint branch covering several.
    ended_on: the day it was dissolved or rebuilt (撤销/改建), None while it stands."""
    name = CharField(max_length=100, index=True)
    kind = CharField(max_length=20)                    # codes.PARTY_ORG_KINDS
    set_up_on = DateField()
    ended_on = DateField(null=True)
    notes = TextField(default="")
    source_branch = CharField(max_length=60, default="")     # the branch a record came from


class PartyOrgLink(TrackedModel):
    """An organisation covered by a party organisation from date_from until date_to (the day it left: no longer
    covered from that day on; None while it is)."""
    party_org = ForeignKeyField(PartyOrg, on_delete="CASCADE", backref="links")
    organisation = ForeignKeyField(Organisation, on_delete="CASCADE", backref="party_links")
    date_from = DateField()
    date_to = DateField(null=True)


class InstructorTerm(TrackedModel):
    """A party-building instructor assigned to an organisation from date_from until date_to (None while serving)."""
    organisation = ForeignKeyField(Organisation, on_delete="CASCADE", backref="instructor_terms")
    name = CharField(max_length=50)
    date_from = DateField()
    date_to = DateField(null=True)
