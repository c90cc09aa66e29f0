"""The demo's party dues: last year and this year so far, most months paid, two members behind (three months
and more than six), so the 党费 page, the report and 数据检查 all have something to show."""
from __future__ import annotations

import datetime as dt

from models.records import dues_rules as rules
from models.records.dates import month_end
from models.records.dues import in_branch
from models.records.members import ARRIVED
from models.records.schema import DuesBase, Member

INCOMES = (2800, 3600, 4500, 5200, 6800, 7600, 8900, 10500, 12800)  # 税后月工资收入, 元


def fill_dues(demo, branch: str) -> None:
    """Bases for every demo member (those marked with the demo's branch: the new members it admitted too, never
    the branch's own) in the branch in each year, and payments for the months begun by demo.today."""
    rng, today = demo.rng, demo.today
    # dues run from arrival in the branch
    members = list(Member.select(Member.id, ARRIVED, Member.left_on).where(Member.source_branch == branch)
                   .order_by(Member.id).tuples())
    long_in = [m for m, joined, left in members if (left is None or left > today)
               and joined is not None and joined.year < today.year - 1]
    behind = {m: months for m, months in zip(long_in[-2:], (4, 7))}  # the last months over, left unpaid
    kept = set(DuesBase.select(DuesBase.member, DuesBase.year).tuples())  # demo data added to a store in use
    bases, owed = [], []
    for year in (today.year - 1, today.year):
        for i, (m, joined, left) in enumerate(members):
            months = [n for n in range(1, 13) if dt.date(year, n, 1) <= today and in_branch(year, n, joined, left)]
            if not months or (m, year) in kept:
                continue
            category = "retired" if i % 9 == 8 else "employed"
            income = rng.choice(INCOMES if category == "employed" else (4200, 5600)) * 100
            bases.append((m, year, category, income, rules.due_fen(category, income), ""))
            owed.append((year, m, months))
    ids = demo.insert("dues_base", "member_id year category income_fen due_fen note", bases)
    over = _months_over(today)
    payments = []
    for base_id, (year, m, months), base in zip(ids, owed, bases):
        unpaid = set(over[-behind[m]:]) if m in behind else set()
        for n in months:
            paid_on = min(today, dt.date(year, n, rng.randint(3, 15)))
            if (year, n) in unpaid:
                continue
            due = base[4]
            amount = due if rng.random() < 0.85 else (due // 1000 + 1) * 1000  # some round up to 10元
            payments.append((base_id, n, paid_on, amount, ""))
    demo.insert("dues_payment", "base_id month paid_on amount_fen note", payments)


def _months_over(today: dt.date) -> list[tuple[int, int]]:
    """The months of last year and this year that are over by today, in order."""
    return [(y, n) for y in (today.year - 1, today.year) for n in range(1, 13) if month_end(y, n) < today]
