"""Party dues: the 2008 rates at every band edge, bases, payments, arrears, mid-year joining and transfer out."""
import datetime as dt

import pytest
from peewee import OperationalError

from models.records import common as records, dues, dues_rules as rules
from models.records.archive import archive_period
from models.records.dues_accounts import arrears, month_collection, year_bases
from models.records.members import save_member
from models.records.validation import ValidationError
from models.reporting.dues_report import period_dues
from models.store import StoreError

TODAY = dt.date(2025, 3, 10)


@pytest.fixture
def today(store, monkeypatch):
    monkeypatch.setattr(records, "today", lambda: TODAY)
    return TODAY


def member(name="王芳", **extra):
    return save_member({"name": name, "gender": "female", "party_status": "full", **extra})


@pytest.mark.parametrize("category, income_yuan, permille, due", [
    ("employed", "0.01", 5, 0),          # 0.005 分, rounded half up to 0
    ("employed", "1", 5, 1),             # 0.5 分 → 1 分
    ("employed", "3000", 5, 1500),       # the upper edge belongs to its band
    ("employed", "3000.01", 10, 3000),
    ("employed", "5000", 10, 5000),
    ("employed", "5000.01", 15, 7500),
    ("employed", "10000", 15, 15000),
    ("employed", "10000.01", 20, 20000),
    ("employed", "25000", 20, 50000),
    ("retired", "5000", 5, 2500),
    ("retired", "5000.01", 10, 5000),
    ("retired", "8000", 10, 8000),
])
def test_the_rates_of_the_2008_regulation_at_every_band_edge(category, income_yuan, permille, due):
    fen = int(round(float(income_yuan) * 100))
    assert rules.rate_permille(category, fen) == permille
    assert rules.due_fen(category, fen) == due


def test_fixed_amounts_and_their_range():
    assert rules.due_fen("student") == rules.due_fen("unemployed") == rules.due_fen("subsistence") == 20
    assert rules.due_fen("farmer") == 20 and rules.due_fen("farmer", chosen_fen=100) == 100
    assert rules.check_amounts("farmer", None, 101) and rules.check_amounts("farmer", None, 19)
    assert rules.check_amounts("farmer", None, 50) == {}
    assert rules.check_amounts("student", None, 30)  # 0.2元 exactly
    assert rules.rate_text("employed", 300001) == "1%" and rules.rate_text("employed", 600000) == "1.5%"
    assert rules.rate_text("farmer") == "0.2–1元/月" and rules.rate_text("student") == "0.2元/月"
    assert set(rules.RULES) == set(rules.CATEGORIES) and "2008" in rules.REGULATION


def test_a_base_is_checked_field_by_field(today):
    m = member()
    with pytest.raises(ValidationError) as e:
        dues.save_base(m, 2025, {"category": "employed"})
    assert "税后月工资收入" in e.value.errors["income"]
    with pytest.raises(ValidationError) as e:
        dues.save_base(m, 2025, {"category": "farmer", "due": "2"})
    assert "0.2–1元" in e.value.errors["due"]
    with pytest.raises(ValidationError) as e:
        dues.save_base(m, 2025, {"category": "nobody", "income": "abc"})
    assert "category" in e.value.errors
    with pytest.raises(ValidationError):
        dues.save_base(m, 1800, {"category": "student"})
    assert year_bases(2025)[0]["set"] is False


def test_due_paid_and_arrears_with_a_mid_year_join_and_a_transfer_out(today):
    joined = member("甲", join_date="2024-03-20")                    # owes from March
    leaving = member("乙", join_date="2010-01-01", left_on="2024-07-01", left_to="区民政局")  # owes January–June
    staying = member("丙", join_date="2000-01-01")
    dues.save_base(joined, 2024, {"category": "employed", "income": "4000"})      # 40元
    dues.save_base(leaving, 2024, {"category": "retired", "income": "6000"})      # 60元
    dues.save_base(staying, 2024, {"category": "student"})                       # 0.2元
    table = {r["name"]: r for r in year_bases(2024)}
    assert table["甲"]["months"] == list(range(3, 13)) and table["甲"]["due_fen"] == 4000
    assert table["乙"]["months"] == list(range(1, 7)) and table["乙"]["rate"] == "1%"
    for month in range(3, 13):
        dues.record_payment(joined, 2024, month, {"paid_on": f"2024-{month:02d}-05"})
    dues.record_payment(leaving, 2024, 1, {"paid_on": "2024-01-05", "amount": "100"})  # more is welcome
    with pytest.raises(ValidationError) as e:
        dues.record_payment(leaving, 2024, 2, {"paid_on": "2024-02-05", "amount": "59.99"})
    assert "不能少于" in e.value.errors["amount"]
    with pytest.raises(ValidationError) as e:
        dues.record_payment(leaving, 2024, 7, {"paid_on": "2024-07-05"})
    assert "转出" in e.value.errors[""]
    with pytest.raises(ValidationError) as e:
        dues.record_payment(joined, 2024, 2, {"paid_on": "2024-02-05"})
    assert "入党之前" in e.value.errors[""]
    with pytest.raises(ValidationError) as e:
        dues.record_payment(staying, 2025, 1, {"paid_on": "2025-01-05"})
    assert "请先核定" in e.value.errors[""]
    with pytest.raises(ValidationError) as e:
        dues.record_payment(staying, 2024, 1, {"paid_on": "2025-04-01"})
    assert "paid_on" in e.value.errors

    june = month_collection(2024, 6)
    assert [(r["name"], r["paid_fen"]) for r in june["rows"]] == [("丙", None), ("乙", None), ("甲", 4000)]
    assert (june["due_fen"], june["paid_fen"], june["paid"], june["unpaid"]) == (4000 + 6000 + 20, 4000, 1, 2)
    assert "乙" not in {r["name"] for r in month_collection(2024, 7)["rows"]}
    assert "甲" not in {r["name"] for r in month_collection(2024, 2)["rows"]}

    year = period_dues(dt.date(2024, 1, 1), dt.date(2024, 12, 31), TODAY)
    assert year["due_fen"] == 10 * 4000 + 6 * 6000 + 12 * 20
    assert year["paid_fen"] == 10 * 4000 + 10000 and year["extra_fen"] == 10000 - 6000
    assert (year["owed"], year["unpaid"], year["behind"]) == (28, 17, 2)
    owed = {a["name"]: a for a in arrears(TODAY)}
    assert set(owed) == {"乙", "丙"}
    assert owed["乙"]["months"] == [(2024, m) for m in range(2, 7)] and owed["乙"]["owed_fen"] == 5 * 6000
    assert len(owed["丙"]["run"]) == 12 and owed["丙"]["owed_fen"] == 12 * 20
    assert arrears(TODAY)[0]["name"] == "丙"  # the longest run first


def test_a_run_of_unpaid_months_crosses_the_new_year_and_counts_only_months_over(today):
    m = member(join_date="2000-01-01")
    dues.save_base(m, 2024, {"category": "farmer", "due": "0.5"})
    dues.copy_bases(2025)
    for month in range(1, 10):
        dues.record_payment(m, 2024, month, {"paid_on": f"2024-{month:02d}-01"})
    [found] = arrears(TODAY)  # October 2024 to February 2025: March is not over on the 10th
    assert found["run"] == [(2024, 10), (2024, 11), (2024, 12), (2025, 1), (2025, 2)]
    assert found["owed_fen"] == 5 * 50


def test_last_years_bases_are_copied_for_those_still_due_and_the_rest_stay(today):
    a, b, gone = member("甲"), member("乙"), member("丙", left_on="2024-12-01", left_to="市局")
    for who in (a, b, gone):
        dues.save_base(who, 2024, {"category": "employed", "income": "6000", "note": "工资"})
    dues.save_base(b, 2025, {"category": "retired", "income": "4000"})
    assert dues.copy_bases(2025) == [a]
    rows = {r["name"]: r for r in year_bases(2025)}
    assert rows["甲"]["due_fen"] == 9000 and rows["甲"]["note"] == "工资"
    assert rows["乙"]["category"] == "retired" and "丙" not in rows
    assert dues.copy_bases(2025) == []


def test_undo_puts_bases_and_payments_back(today):
    m = member()
    dues.save_base(m, 2025, {"category": "employed", "income": "2000"})
    before = dues.base_snapshot(m, 2025)
    dues.save_base(m, 2025, {"category": "employed", "income": "12000"})
    dues.put_base(m, 2025, before)
    assert year_bases(2025)[0]["due_fen"] == 1000
    dues.mark_paid(2025, 1, [m], "2025-01-31")
    assert dues.payment_snapshot(m, 2025, 1) == {"paid_on": dt.date(2025, 1, 31), "amount": "10.00", "note": ""}
    with pytest.raises(ValidationError):  # a base with months paid stays
        dues.remove_base(m, 2025)
    dues.put_payment(m, 2025, 1, None)
    assert month_collection(2025, 1)["paid"] == 0
    dues.put_base(m, 2025, None)
    assert dues.base_snapshot(m, 2025) is None


def test_marking_several_paid_is_all_or_nothing(today):
    a, b = member("甲"), member("乙")
    dues.save_base(a, 2025, {"category": "student"})
    with pytest.raises(ValidationError):
        dues.mark_paid(2025, 2, [a, b], "2025-02-10")  # 乙 has no base
    assert month_collection(2025, 2)["paid"] == 0


def test_a_store_too_busy_to_write_is_said_plainly_and_nothing_is_paid(today, monkeypatch):
    a, b = member("甲"), member("乙")
    for m in (a, b):
        dues.save_base(m, 2025, {"category": "student"})
    notes = []

    def locked_on_the_second(*args, **kwargs):
        notes.append(args)
        if len(notes) == 2:
            raise OperationalError("database is locked")
    monkeypatch.setattr(dues.audit, "note", locked_on_the_second)
    with pytest.raises(StoreError, match="未能写入"):
        dues.mark_paid(2025, 2, [a, b], "2025-02-10")
    assert month_collection(2025, 2)["paid"] == 0


def test_an_archived_month_cannot_change(today):
    m = member()
    dues.save_base(m, 2025, {"category": "student"})
    dues.record_payment(m, 2025, 1, {"paid_on": "2025-01-05"})
    archive_period("2025-01-01", "2025-01-31")
    with pytest.raises(ValidationError) as e:
        dues.remove_payment(m, 2025, 1)
    assert "已归档" in e.value.errors[""]
    with pytest.raises(ValidationError):
        dues.save_base(m, 2025, {"category": "farmer", "due": "1"})
    dues.record_payment(m, 2025, 2, {"paid_on": "2025-02-05"})  # the month after is open


def test_a_member_with_dues_paid_is_not_removed_for_good(today):
    from models.records.members import delete_member
    from models.records.recycle import purge_record
    m = member()
    dues.save_base(m, 2025, {"category": "student"})
    dues.record_payment(m, 2025, 1, {"paid_on": "2025-01-05"})
    delete_member(m)
    assert year_bases(2025) == []  # in the recycle bin: off the dues lists
    with pytest.raises(ValidationError) as e:
        purge_record("member", m)
    assert "党费" in e.value.errors[""]
