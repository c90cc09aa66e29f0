"""Dues between PCs: a base or a month's payment saved or taken away from a form or list that read it at one version
is refused when it changed since (saved again, made meanwhile, taken away meanwhile); no version, no check."""
import datetime as dt

import pytest

from models.records import common as records, dues
from models.records.archive import archive_period
from models.records.common import ConflictError
from models.records.members import save_member
from models.records.validation import ValidationError

TODAY = dt.date(2025, 3, 10)
WAGE = {"category": "employed", "income": "3000"}  # 15元 a month


@pytest.fixture
def member(store, monkeypatch):
    monkeypatch.setattr(records, "today", lambda: TODAY)
    return save_member({"name": "王芳", "gender": "female", "party_status": "full", "join_date": "2001-01-01"})


@pytest.fixture
def paid(member):
    dues.save_base(member, 2025, WAGE)
    dues.record_payment(member, 2025, 3, {"paid_on": "2025-03-05"})
    return member


def test_a_base_changed_elsewhere_since_the_table_read_it_is_not_overwritten(member):
    dues.save_base(member, 2025, WAGE)
    seen = dues.base_version(member, 2025)
    dues.save_base(member, 2025, {"category": "employed", "income": "6000"})  # another PC
    with pytest.raises(ConflictError) as e:
        dues.save_base(member, 2025, {"category": "student"}, seen)
    assert e.value.stored["due_fen"] == 9000 and e.value.stored["version"] == dues.base_version(member, 2025)
    assert e.value.what == "王芳 2025年党费基数" and e.value.by
    assert dues.base_snapshot(member, 2025)["income"] == "6000.00"
    with pytest.raises(ConflictError):
        dues.remove_base(member, 2025, seen)
    assert dues.base_snapshot(member, 2025) is not None
    dues.save_base(member, 2025, {"category": "student"}, dues.base_version(member, 2025))  # knowing: saved
    assert dues.base_snapshot(member, 2025)["category"] == "student"


def test_a_base_made_or_taken_away_meanwhile_is_not_overwritten(member):
    dues.save_base(member, 2025, WAGE)  # made elsewhere while the table showed none
    with pytest.raises(ConflictError) as e:
        dues.save_base(member, 2025, {"category": "student"}, "")
    assert e.value.stored["category"] == "employed"
    seen = dues.base_version(member, 2025)
    dues.remove_base(member, 2025)  # taken away elsewhere
    with pytest.raises(ConflictError) as e:
        dues.save_base(member, 2025, {"category": "student"}, seen)
    assert e.value.stored is None and e.value.by and e.value.what == "王芳 2025年党费基数"
    assert dues.base_snapshot(member, 2025) is None
    dues.remove_base(member, 2025, "")  # seen as none and still none: nothing to do, nothing refused


def test_a_payment_changed_made_or_taken_away_meanwhile_is_not_overwritten(paid):
    seen = dues.payment_version(paid, 2025, 3)
    dues.record_payment(paid, 2025, 3, {"paid_on": "2025-03-06", "amount": "20"})  # another PC
    with pytest.raises(ConflictError) as e:
        dues.record_payment(paid, 2025, 3, {"paid_on": "2025-03-07"}, seen)
    assert e.value.stored["amount"] == "20.00" and e.value.what == "王芳 2025年3月党费"
    with pytest.raises(ConflictError):
        dues.remove_payment(paid, 2025, 3, seen)
    assert dues.payment_snapshot(paid, 2025, 3)["paid_on"] == dt.date(2025, 3, 6)
    seen = dues.payment_version(paid, 2025, 3)
    dues.remove_payment(paid, 2025, 3)  # taken away elsewhere
    with pytest.raises(ConflictError) as e:
        dues.put_payment(paid, 2025, 3, {"paid_on": "2025-03-07", "amount": "", "note": ""}, seen)
    assert e.value.stored is None and dues.payment_snapshot(paid, 2025, 3) is None


def test_a_payment_made_meanwhile_is_not_replaced_by_a_form_that_saw_none(paid):
    dues.record_payment(paid, 2025, 2, {"paid_on": "2025-02-20", "amount": "30"})  # another PC
    with pytest.raises(ConflictError) as e:
        dues.record_payment(paid, 2025, 2, {"paid_on": "2025-03-07"}, "")
    assert e.value.stored["amount"] == "30.00"
    assert dues.payment_snapshot(paid, 2025, 2)["amount"] == "30.00"


def test_marking_paid_from_the_list_refuses_all_when_one_was_paid_meanwhile(paid):
    other = save_member({"name": "李强", "gender": "male", "party_status": "full", "join_date": "2001-01-01"})
    dues.save_base(other, 2025, WAGE)
    dues.record_payment(other, 2025, 2, {"paid_on": "2025-02-20", "amount": "30"})  # after the list read it
    with pytest.raises(ConflictError) as e:
        dues.mark_paid(2025, 2, [paid, other], TODAY, {paid: "", other: ""})
    assert e.value.what == "李强 2025年2月党费"
    assert dues.payment_snapshot(paid, 2025, 2) is None  # all or none
    assert dues.payment_snapshot(other, 2025, 2)["amount"] == "30.00"
    dues.mark_paid(2025, 2, [paid], TODAY)  # without versions (a bulk path): as before
    assert dues.payment_snapshot(paid, 2025, 2)["paid_on"] == TODAY


def test_each_save_is_a_new_version_even_in_the_same_instant(paid, monkeypatch):
    instant = dt.datetime(2025, 3, 10, 8, 0, 0)
    for module in (records, dues):  # every clock a save may read
        monkeypatch.setattr(module, "utcnow", lambda: instant, raising=False)
    dues.record_payment(paid, 2025, 3, {"paid_on": "2025-03-06"})
    seen = dues.payment_version(paid, 2025, 3)
    dues.record_payment(paid, 2025, 3, {"paid_on": "2025-03-07"})  # elsewhere, within the same microsecond
    assert dues.payment_version(paid, 2025, 3) != seen
    with pytest.raises(ConflictError):
        dues.record_payment(paid, 2025, 3, {"paid_on": "2025-03-08"}, seen)


def test_the_archive_still_guards_a_save_made_at_its_version(paid):
    archive_period("2025-03-01", "2025-03-31")
    with pytest.raises(ValidationError, match="已归档"):
        dues.record_payment(paid, 2025, 3, {"paid_on": "2025-03-07"}, dues.payment_version(paid, 2025, 3))
    with pytest.raises(ValidationError, match="已归档"):
        dues.remove_payment(paid, 2025, 3, dues.payment_version(paid, 2025, 3))
