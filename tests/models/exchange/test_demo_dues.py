"""The demo's party dues: a base for everyone in the branch, most months paid as the rules allow, two behind."""
import datetime as dt

from models.exchange.demo import fill_demo
from models.records import common as records
from models.records.dues import in_branch
from models.records.dues_accounts import member_years
from models.records import dues_rules as rules
from models.reporting.dues_report import period_dues
from models.reporting.health import find_problems

DAY = dt.date(2026, 6, 30)


def test_the_demo_keeps_dues_with_a_few_behind(store, monkeypatch):
    monkeypatch.setattr(records, "today", lambda: DAY)
    fill_demo(500, seed=4, today=DAY)
    for year in (2025, 2026):
        for y in member_years(year):
            if not y.months:  # in the branch only before the demo's months: nothing owed
                continue
            assert y.base.due_fen == rules.due_fen(y.base.category, y.base.income_fen)
            for month, p in y.paid.items():
                assert p.amount_fen >= y.base.due_fen and in_branch(year, month, y.joined, y.left)
                assert p.paid_on <= DAY
    last_year = period_dues(dt.date(2025, 1, 1), dt.date(2025, 12, 31), DAY)
    collected = last_year["paid_fen"] - last_year["extra_fen"]
    assert last_year["owed"] > 200 and 0.8 < collected / last_year["due_fen"] < 1
    found = {g["code"]: g for g in find_problems()}["dues_unpaid"]
    problems = sorted((r["problem"] for r in found["rows"]), key=len)
    assert found["count"] == 2 and "2026年2月至5月连续4个月" in problems[0] and "连续7个月" in problems[1]
    assert "党章第九条" in problems[1] and "党章" not in problems[0]


def test_the_demo_added_twice_keeps_one_base_a_member_and_year_and_leaves_the_branchs_own_alone(store):
    from models.records.members import save_member
    own = save_member({"name": "本支部党员", "gender": "male", "party_status": "full", "join_date": "2000-01-01"})
    fill_demo(100, seed=1, today=DAY)
    first = {(y.member, y.year): y.base.due_fen for year in (2025, 2026) for y in member_years(year) if y.base}
    fill_demo(100, seed=2, today=DAY)
    again = {(y.member, y.year): y.base.due_fen for year in (2025, 2026) for y in member_years(year) if y.base}
    assert {k: again[k] for k in first} == first and len(again) > len(first)
    assert not any(member == own for member, _ in again)
