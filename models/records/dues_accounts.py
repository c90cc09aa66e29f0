"""What the dues records add up to: a year's base table, a month's collection, arrears (a period's totals for the
report: models.reporting.dues_report)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from models.records import common as records, dues_rules as rules
from models.records.dates import month_end
from models.records.dues import due_months, in_branch, span
from models.records.members import ARRIVED
from models.records.schema import DuesBase, DuesPayment, Member

# 党章 article 9: a member who, without good reason, pays no dues for six months in a row is taken to have left
# the party. The data-health list flags a run of unpaid months from FLAG_MONTHS and names the rule from NAME_MONTHS.
FLAG_MONTHS, NAME_MONTHS = 3, 6


@dataclass
class MemberYear:
    """One member's dues for one year: the base (None when not yet set), the months owed and what was paid."""
    member: str
    name: str
    year: int
    joined: dt.date | None
    left: dt.date | None
    base: DuesBase | None = None
    paid: dict[int, DuesPayment] = field(default_factory=dict)

    @property
    def months(self) -> list[int]:
        """The months owed: those in the branch, once a base is set (a year nobody kept dues for owes nothing)."""
        return due_months(self.year, self.joined, self.left) if self.base else []

    @property
    def due_each(self) -> int:
        return self.base.due_fen if self.base else 0

    def unpaid(self, before: dt.date) -> list[int]:
        """Months owed, over by this day, with nothing paid."""
        return [m for m in self.months if m not in self.paid and month_end(self.year, m) < before]


def member_years(year: int) -> list[MemberYear]:
    """Everyone with dues in the year, by name: the members in the branch for a month of it or more, and any
    member with a base for it (a base outlives a transfer date changed afterwards)."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    bases = {b.member_id: b for b in DuesBase.select().where(DuesBase.year == year)}
    select = Member.select().where(Member.deleted_at.is_null(),
                                   ((ARRIVED.is_null() | (ARRIVED <= end))
                                    & (Member.left_on.is_null() | (Member.left_on > start)))
                                   | Member.id.in_(list(bases))).order_by(Member.name, Member.id)
    out = [MemberYear(m.uuid, m.name, year, *span(m), bases.get(m.id)) for m in select]
    by_base = {y.base.id: y for y in out if y.base}
    for p in DuesPayment.select().where(DuesPayment.base.in_(list(by_base))):
        by_base[p.base_id].paid[p.month] = p
    return out


def _base_row(y: MemberYear) -> dict:
    b = y.base
    return {"member": y.member, "name": y.name, "year": y.year, "set": b is not None,
            "category": b.category if b else "", "income_fen": b.income_fen if b else None,
            "due_fen": b.due_fen if b else None, "rate": rules.rate_text(b.category, b.income_fen) if b else "",
            "note": b.note if b else "", "months": due_months(y.year, y.joined, y.left),
            "paid_months": sorted(y.paid), "version": records.version_of(b)}


def year_bases(year: int) -> list[dict]:
    """The year's base table, one row a member: category, income, rate, monthly amount due, the months owed."""
    return [_base_row(y) for y in member_years(year)]


def month_collection(year: int, month: int) -> dict:
    """A month's collection: {rows: [{member, name, category, due_fen, paid_fen, paid_on, note, set, version (the
    payment's, "" unpaid)}],
    due_fen, paid_fen, paid, unpaid, unset} — everyone in the branch that month."""
    rows = []
    for y in member_years(year):
        if not in_branch(year, month, y.joined, y.left):
            continue
        p = y.paid.get(month)
        rows.append({"member": y.member, "name": y.name, "set": y.base is not None,
                     "category": y.base.category if y.base else "", "due_fen": y.base.due_fen if y.base else None,
                     "paid_fen": p.amount_fen if p else None, "paid_on": p.paid_on if p else None,
                     "note": p.note if p else "", "version": records.version_of(p)})
    return {"rows": rows, "due_fen": sum(r["due_fen"] or 0 for r in rows),
            "paid_fen": sum(r["paid_fen"] or 0 for r in rows), "paid": sum(r["paid_fen"] is not None for r in rows),
            "unpaid": sum(r["set"] and r["paid_fen"] is None for r in rows), "unset": sum(not r["set"] for r in rows)}


def kept_years() -> list[int]:
    return [y for (y,) in DuesBase.select(DuesBase.year).distinct().order_by(DuesBase.year).tuples()]


def arrears(on: dt.date) -> list[dict]:
    """Members with months owed and unpaid (over before this day): [{member, name, months [(year, month)],
    owed_fen, run (the longest stretch of consecutive unpaid months: [(year, month)…])}], the longest run first."""
    found: dict[str, dict] = {}
    for year in (y for y in kept_years() if y <= on.year):
        for y in member_years(year):
            for m in y.unpaid(on):
                hit = found.setdefault(y.member, {"member": y.member, "name": y.name, "months": [], "owed_fen": 0})
                hit["months"].append((year, m))
                hit["owed_fen"] += y.due_each
    for hit in found.values():
        hit["run"] = _longest_run(hit["months"])
    return sorted(found.values(), key=lambda h: (-len(h["run"]), h["run"][0], h["name"]))


def _longest_run(months: list[tuple[int, int]]) -> list[tuple[int, int]]:
    best, run = [], []
    for ym in months:  # in order: years ascending, months ascending
        if run and _next(run[-1]) == ym:
            run.append(ym)
        else:
            run = [ym]
        if len(run) > len(best):
            best = list(run)
    return best


def _next(ym: tuple[int, int]) -> tuple[int, int]:
    year, month = ym
    return (year + 1, 1) if month == 12 else (year, month + 1)

