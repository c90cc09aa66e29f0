"""Taking the demo data out again: every record the demo made, unless a record of the branch's own still uses it."""
from __future__ import annotations

from models.exchange.demo import DEMO_BRANCH
from models.exchange.ledger_rows import chunks
from models.records import audit
from models.records.schema import (
    Activity,
    Applicant,
    DevelopmentStep,
    DuesBase,
    InstructorTerm,
    Member,
    Organisation,
    OutreachEvent,
    PartyOrg,
    PartyOrgLink,
    StudyGroup,
    StudySession,
)
from models.records.settings import second_backup_folder
from models.store import backup_open_store, db

# Records first, then what they hang on: by the time members go, the demo's own attendance has gone with its
# meetings, so whatever still points at a demo member belongs to a record someone typed.
ORDER = (Applicant, Activity, StudySession, OutreachEvent, StudyGroup, Member, Organisation)
# What points at these and is their own content (attendance, figures, a group's plans) goes with them; only
# another record (a session in the group) keeps them. Members and organisations are kept by anything at all.
OWNERS = {Applicant, Activity, StudySession, OutreachEvent, StudyGroup}


def _users(model):
    # A member's dues (党费) and an organisation's party organisation and instructors over time are their own
    # content, not records that use them; a step of someone's path to membership that a meeting decided uses the
    # meeting, as a record does.
    own = (DuesBase, PartyOrgLink, InstructorTerm)
    return [f for f in model._meta.backrefs
            if (model not in OWNERS or f.model in ORDER or f is DevelopmentStep.meeting) and f.model not in own]


def demo_count() -> int:
    """How many records of the demo data the store holds (in the recycle bin too)."""
    return sum(model.select().where(model.source_branch == DEMO_BRANCH).count() for model in ORDER)


def clear_demo(backup: bool = True) -> tuple[int, int]:
    """Remove the demo's records for good, in one transaction, after a backup; returns (removed, kept).

    A demo member, organisation or study group that a record of the branch's own refers to (attendance at a
    meeting typed here, a session in a demo group) stays, marked as demo still, so nothing typed is lost."""
    if backup and demo_count():
        backup_open_store("清除示例数据前", second_backup_folder())
    removed = kept = 0
    with db.atomic():
        for model in ORDER:
            ids = [i for (i,) in model.select(model.id).where(model.source_branch == DEMO_BRANCH).tuples()]
            used = set()
            for field in _users(model):
                for chunk in chunks(ids):
                    used |= {i for (i,) in field.model.select(field).where(field.in_(chunk)).distinct().tuples()}
            gone = [i for i in ids if i not in used]
            for chunk in chunks(gone):
                model.delete().where(model.id.in_(chunk)).execute()
            removed, kept = removed + len(gone), kept + len(used)
        # the demo's party organisations go once no organisation left is or was in them
        linked = PartyOrgLink.select(PartyOrgLink.party_org)
        PartyOrg.delete().where(PartyOrg.source_branch == DEMO_BRANCH, PartyOrg.id.not_in(linked)).execute()
        if removed:
            audit.note("demo", "", "erase", f"清除示例数据 {removed} 条")
    return removed, kept


def nothing_recorded() -> bool:
    """True on a store with no record of any kind yet (the recycle bin counted): the moment to offer the demo."""
    return not any(model.select().exists() for model in ORDER)
