"""Clearing the demo data: its records go for good; what the branch typed, and what that still uses, stays."""
import datetime as dt

from models.exchange.demo import fill_demo
from models.exchange.demo_clearing import clear_demo, demo_count
from models.records.activities import get_activity, save_activity
from models.records.schema import (
    Activity,
    AuditEntry,
    Indicator,
    Member,
    Organisation,
    OutreachEvent,
    ReportSection,
    StudyGroup,
    StudySession,
)
from models.records.study import save_session

DAY = dt.date(2026, 6, 30)


def test_a_demo_store_clears_to_empty_and_keeps_its_catalogue(store):
    sections, indicators = ReportSection.select().count(), Indicator.select().count()
    fill_demo(300, seed=2, today=DAY)
    assert demo_count() > 300
    removed, kept = clear_demo()
    assert (removed, kept, demo_count()) == (removed, 0, 0) and removed > 300
    for model in (Activity, Member, Organisation, OutreachEvent, StudyGroup, StudySession):
        assert model.select().count() == 0, model
    assert (ReportSection.select().count(), Indicator.select().count()) == (sections, indicators)
    assert AuditEntry.select().where(AuditEntry.kind == "demo").count() == 1


def test_what_the_branch_typed_stays_with_what_it_uses(store):
    fill_demo(300, seed=2, today=DAY)
    member = Member.select().where(Member.left_on.is_null()).order_by(Member.id).first()
    group = StudyGroup.select().first()
    mine = save_activity({"type": "party_lecture", "title": "我们自己的党课", "date": "2026-07-01",
                          "attendance": [{"member": member.uuid, "status": "present"}]})
    session = save_session({"group": group.uuid, "kind": "study", "date": "2026-07-02", "topic": "自己的学习会"})
    # the group of our session stays whole (its members and leader), and so does the member at our meeting
    used = {m.member_id for m in group.memberships} | {group.leader_id, member.id}
    removed, kept = clear_demo()
    assert kept == 1 + len(used)
    assert get_activity(mine)["attendance"][0]["member"] == member.uuid
    assert StudySession.select().where(StudySession.uuid == session).count() == 1
    assert Activity.select().count() == 1 and StudySession.select().count() == 1
    assert {m.id for m in Member.select()} == used and StudyGroup.select().count() == 1
    assert demo_count() == kept  # still the demo's: cleared once nothing of ours uses them
