"""A step of a new member's path between PCs: recorded or taken back from a form that read it at one version is
refused when it changed since (recorded again, recorded meanwhile, taken back meanwhile); no version, no check."""
import datetime as dt

import pytest

from models.records import common as records, development as dev, development_steps as steps
from models.records.archive import archive_period
from models.records.common import ConflictError
from models.records.members import save_member
from models.records.validation import ValidationError

TODAY = dt.date(2026, 6, 30)


@pytest.fixture
def person(store, monkeypatch):
    monkeypatch.setattr(records, "today", lambda: TODAY)
    member = save_member({"name": "甲", "gender": "female", "party_status": "full", "join_date": "2009-01-01",
                          "full_date": "2010-01-01"})
    uuid = dev.save_applicant({"name": "张三", "gender": "male", "birth_date": "2000-01-01",
                               "applied_on": "2025-03-01"})
    return uuid, member


def test_a_step_recorded_again_elsewhere_is_not_overwritten(person):
    uuid, member = person
    steps.record_step(uuid, "talk", {"date": "2025-03-10", "people": [member]})
    seen = steps.step_version(uuid, "talk")
    steps.record_step(uuid, "talk", {"date": "2025-03-12", "people": [member], "note": "另一台电脑"})
    with pytest.raises(ConflictError) as e:
        steps.record_step(uuid, "talk", {"date": "2025-03-11", "people": [member]}, seen)
    assert e.value.stored["date"] == dt.date(2025, 3, 12) and e.value.stored["kind"] == "talk"
    assert e.value.stored["version"] == steps.step_version(uuid, "talk") and e.value.by
    assert e.value.what == "张三的“入党谈话”"
    with pytest.raises(ConflictError):
        steps.remove_step(uuid, "talk", seen)
    assert steps.step_snapshot(uuid, "talk")["note"] == "另一台电脑"
    steps.record_step(uuid, "talk", {"date": "2025-03-11", "people": [member]}, steps.step_version(uuid, "talk"))
    assert steps.step_snapshot(uuid, "talk")["date"] == dt.date(2025, 3, 11)


def test_a_step_recorded_or_taken_back_meanwhile_is_not_overwritten(person):
    uuid, member = person
    steps.record_step(uuid, "talk", {"date": "2025-03-10", "people": [member]})  # elsewhere, the form saw none
    with pytest.raises(ConflictError) as e:
        steps.record_step(uuid, "talk", {"date": "2025-03-11", "people": [member]}, "")
    assert e.value.stored["date"] == dt.date(2025, 3, 10)
    seen = steps.step_version(uuid, "talk")
    steps.remove_step(uuid, "talk")  # taken back elsewhere
    with pytest.raises(ConflictError) as e:
        steps.put_step(uuid, "talk", {"date": "2025-03-11", "meeting": None, "people": [member], "days": None,
                                      "hours": None, "months": None, "note": ""}, seen)
    assert e.value.stored is None and steps.step_snapshot(uuid, "talk") is None
    steps.remove_step(uuid, "talk", "")  # seen as none and still none: nothing to do


def test_each_recording_is_a_new_version_even_in_the_same_instant(person, monkeypatch):
    uuid, member = person
    instant = dt.datetime(2026, 6, 30, 8, 0, 0)
    monkeypatch.setattr(records, "utcnow", lambda: instant)
    steps.record_step(uuid, "talk", {"date": "2025-03-10", "people": [member]})
    seen = steps.step_version(uuid, "talk")
    steps.record_step(uuid, "talk", {"date": "2025-03-12", "people": [member]})
    with pytest.raises(ConflictError):
        steps.record_step(uuid, "talk", {"date": "2025-03-11", "people": [member]}, seen)


def test_the_rules_and_the_archive_still_guard_a_step_saved_at_its_version(person):
    uuid, member = person
    steps.record_step(uuid, "talk", {"date": "2025-03-10", "people": [member]})
    steps.record_step(uuid, "activist", {"date": "2025-04-10", "people": [member]})
    with pytest.raises(ValidationError, match="请先撤销后面的步骤"):
        steps.remove_step(uuid, "talk", steps.step_version(uuid, "talk"))
    archive_period("2025-04-01", "2025-04-30")
    with pytest.raises(ValidationError, match="已归档"):
        steps.remove_step(uuid, "activist", steps.step_version(uuid, "activist"))
