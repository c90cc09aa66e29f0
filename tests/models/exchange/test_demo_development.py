"""The demo's new members: someone at every stage, each path as the rules allow, the admitted in the roster, and
clearing the demo takes them — but not a meeting or member that the branch's own applicant uses."""
import datetime as dt

from models.exchange.demo import fill_demo
from models.exchange.demo_clearing import clear_demo
from models.records import common as records, development as dev, development_rules as rules, development_steps as steps
from models.records.members import get_member
from models.records.schema import Activity, Applicant, DevelopmentPerson, DevelopmentStep, Member
from models.reporting.development_report import due_steps, period_counts

DAY = dt.date(2026, 6, 30)


def test_the_demo_fills_a_pipeline_at_every_stage(store, monkeypatch):
    monkeypatch.setattr(records, "today", lambda: DAY)
    fill_demo(300, seed=4, today=DAY)
    rows = dev.pipeline(DAY)
    assert {r["stage"] for r in rows} == set(rules.STAGES)
    for r in rows:
        assert rules.chain_problems(r["birth_date"], r["applied_on"], r["steps"]) == [], r["name"]
        for kind, step in r["steps"].items():
            rule = rules.STEPS[kind]
            assert rule.people[0] <= len(step["people"]) <= rule.people[1], (r["name"], kind)
            assert (step["meeting_type"] or None) == rule.meeting and step["date"] <= DAY
            for member in step["people"]:
                assert not steps._eligible(Member.get(Member.uuid == member), kind, step["date"])
        if r["stage"] in ("probationary", "full"):
            member = get_member(r["member"])
            assert (member["party_status"], member["join_date"]) == (r["stage"], r["steps"]["probationary"]["date"])
            assert member["full_date"] == (r["probation_end"] if r["stage"] == "full" else None)
    states = {(d["kind"], d["state"]) for d in due_steps(DAY)}
    assert {("talk", "overdue"), ("talk", "due_soon"), ("candidate", "ready"), ("full", "due_soon")} <= states
    assert period_counts(dt.date(2026, 1, 1), DAY) == {"admitted": 1, "full": 1, "extended": 1}


def test_clearing_the_demo_takes_its_pipeline_and_keeps_what_ours_uses(store, monkeypatch):
    monkeypatch.setattr(records, "today", lambda: DAY)
    fill_demo(300, seed=4, today=DAY)
    meeting = Activity.select().where(Activity.type == "committee_meeting").order_by(Activity.date.desc()).first()
    talker = Member.select().where(Member.party_status == "full", Member.left_on.is_null()).first()
    ours = dev.save_applicant({"name": "本支部申请人", "gender": "male", "birth_date": "1990-01-01",
                               "applied_on": meeting.date - dt.timedelta(days=20)})
    steps.record_step(ours, "talk", {"date": meeting.date - dt.timedelta(days=10), "people": [talker.uuid]})
    steps.record_step(ours, "activist", {"meeting": meeting.uuid, "people": [talker.uuid]})
    clear_demo()
    assert [a.uuid for a in Applicant.select()] == [ours]
    assert {s.kind for s in DevelopmentStep.select()} == {"talk", "activist"}
    assert DevelopmentPerson.select().count() == 2
    assert dev.get_applicant(ours)["steps"]["activist"]["meeting"] == meeting.uuid  # the demo meeting stays
    assert Member.select().where(Member.id == talker.id).exists()
