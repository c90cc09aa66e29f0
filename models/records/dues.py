"""Party dues (党费): a member's base for a year (set once a year, for everyone in one table) and the months paid.

The rates are dues_rules (the 2008 regulation); what is owed and collected is read in dues_accounts."""
from __future__ import annotations

import datetime as dt

from models.records import archive, audit, common as records, dues_rules as rules, validation as v
from models.records.dates import month_end
from models.records.members import arrival
from models.records.schema import AuditEntry, DuesBase, DuesPayment, Member

BASE_FIELDS = ("category", "income", "due", "note")
PAYMENT_FIELDS = ("paid_on", "amount", "note")
FIRST_YEAR, LAST_YEAR = 1990, 2100


def in_branch(year: int, month: int, joined: dt.date | None, left: dt.date | None) -> bool:
    """Whether a member owes dues for a month: from the month they joined the branch (by joining the party or by a
    transfer in, see span), until the month they transferred out (a member who leaves on the 15th still owes
    that month; one who leaves on the 1st does not)."""
    return (joined is None or joined <= month_end(year, month)) and (left is None or left > dt.date(year, month, 1))


def span(member: Member) -> tuple[dt.date | None, dt.date | None]:
    """The days a member's dues run between: their arrival in the branch (members.arrival) and transfer out."""
    return arrival(member.came_on, member.join_date), member.left_on


def due_months(year: int, joined: dt.date | None, left: dt.date | None) -> list[int]:
    return [m for m in range(1, 13) if in_branch(year, m, joined, left)]


def yuan(fen: int | None) -> str:
    """Money as the ledger writes it: 2250 → '22.50'."""
    return "" if fen is None else f"{fen // 100}.{fen % 100:02d}" if fen >= 0 else f"-{yuan(-fen)}"


def _year(value) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not FIRST_YEAR <= value <= LAST_YEAR:
        raise v.ValidationError({"year": f"年份应在 {FIRST_YEAR}–{LAST_YEAR} 之间"})
    return value


def _member(uuid: str) -> Member:
    return records.get_live(Member, uuid)


def _refuse_archived(year: int, months) -> None:
    periods = archive.list_archived()
    for month in months:
        if archive.within(dt.date(year, month, 1), periods):
            raise v.ValidationError({"": f"{year}年{month}月已归档，其中的党费记录只能查看；"
                                         "如需修改，请先在“设置”页取消归档"})


def _held(member_uuid: str) -> Member:
    """The member, their dues held until the transaction ends (one change to a member's dues at a time, so no other
    save comes between a version compared and the write that follows it). First thing inside the transaction."""
    records.touch(Member, Member.uuid == member_uuid)
    return _member(member_uuid)


def _check(row, version: str | None, table: str, label: str, stored) -> None:
    """A change from a form or list that read the row at version ("" for none) is refused (ConflictError, stored(row)
    its current state; None when taken away) when the row changed since: saved again, made meanwhile where the form
    saw none, or taken away meanwhile. No version: no check (bulk paths)."""
    if version is None or records.version_of(row) == version:
        return
    if row is not None:
        error = records.conflict(row.uuid, stored(row))
    else:
        last = (AuditEntry.select().where(AuditEntry.kind == table, AuditEntry.summary == label)
                .order_by(AuditEntry.id.desc()).first())  # the removal, found by what it was noted as
        error = records.ConflictError(last.record_uuid if last else "", None, False, last.operator if last else "",
                                      last.at if last else None)
    error.what = label  # which member's base or month, for the message (the row may be gone)
    raise error


def _put(model, key: dict, values: dict, table: str, label: str) -> str:
    """The row key names set to values (made when there is none), and the change noted in the audit trail."""
    row = model.get_or_none(*(getattr(model, name) == value for name, value in key.items()))
    old = {}
    if row is None:
        row = model(**key, **values)
    else:
        old = {name: getattr(row, name) for name in values}
        for name, value in values.items():
            setattr(row, name, value)
        row.updated_at = records.later(row.updated_at)  # a new version, even within the same instant
    row.save()
    changes = audit.diff(old, values)
    if changes or not old:
        audit.note(table, row.uuid, "update" if old else "create", label, changes)
    return row.uuid


# -- the base of a year ----------------------------------------------------------------

def check_base(data: dict) -> dict:
    """{category, income (元, for a wage or pension), due (元, a farmer's chosen amount), note} → the values
    stored: category, income_fen, due_fen, note; ValidationError with a message per field."""
    records.require_keys(data, set(BASE_FIELDS))
    c = v.Checker()
    category = c.run("category", v.choice, data.get("category"), "党费类别", rules.CATEGORIES)
    note = c.run("note", v.text, data.get("note"), "备注", 200)
    income = chosen = None
    if category and rules.needs_income(category):
        if data.get("income") not in (None, ""):
            income = c.run("income", v.centi, data.get("income"), rules.RULES[category].base_label)
    elif category and data.get("due") not in (None, ""):
        chosen = c.run("due", v.centi, data.get("due"), "每月应交")
    c.done()
    for field, message in rules.check_amounts(category, income, chosen).items():
        c.add(field, message)
    c.done()
    return {"category": category, "income_fen": income, "due_fen": rules.due_fen(category, income, chosen),
            "note": note or ""}


def save_base(member_uuid: str, year: int, data: dict, version: str | None = None) -> str:
    """Set (or change) a member's base for a year; returns the base's UUID. version: the base's as the form or
    table read it ("" for none); a base changed since is not overwritten (ConflictError, see _check)."""
    year = _year(year)
    values = check_base(data)

    def write():
        member = _held(member_uuid)
        label = f"{member.name} {year}年党费基数"
        _check(_base_of(member, year), version, "dues_base", label, _as_stored)
        _refuse_archived(year, due_months(year, *span(member)))
        return _put(DuesBase, {"member": member, "year": year}, values, "dues_base", label)
    return records.writing(write)


def _base_of(member: Member, year: int) -> DuesBase | None:
    return DuesBase.get_or_none(DuesBase.member == member, DuesBase.year == year)


def _base_row(member_uuid: str, year: int) -> DuesBase | None:
    return DuesBase.select().join(Member).where(Member.uuid == member_uuid, DuesBase.year == year).first()


def base_snapshot(member_uuid: str, year: int) -> dict | None:
    """What save_base takes to put a member's base for the year back as it is now; None when there is none."""
    row = _base_row(member_uuid, year)
    return None if row is None else _as_form(row)


def base_version(member_uuid: str, year: int) -> str:
    """The version of a member's base for a year, as a form reads it ("" when there is none)."""
    return records.version_of(_base_row(member_uuid, year))


def _as_stored(row: DuesBase) -> dict:
    """A base as a conflict shows it: its form, the amount due and its version."""
    return {**_as_form(row), "due_fen": row.due_fen, "version": records.version_of(row)}


def _as_form(row: DuesBase) -> dict:
    """A base as save_base takes it: the income for a wage or pension, else the amount chosen."""
    chosen = None if rules.needs_income(row.category) else yuan(row.due_fen)
    return {"category": row.category, "income": yuan(row.income_fen) or None, "due": chosen, "note": row.note}


def remove_base(member_uuid: str, year: int, version: str | None = None) -> None:
    """Take a member's base for a year away; refused while months of it are paid, and (with the version a list or
    step read) when it changed since."""
    def write():
        member = _held(member_uuid)
        row = _base_of(member, year)
        _check(row, version, "dues_base", f"{member.name} {year}年党费基数", _as_stored)
        if row is None:
            return
        if row.payments.count():
            raise v.ValidationError({"": f"{member.name}{year}年已有缴费记录，不能删除党费基数（可以修改）"})
        _refuse_archived(year, due_months(year, *span(member)))
        row.delete_instance()
        audit.note("dues_base", row.uuid, "erase", f"{member.name} {year}年党费基数")
    records.writing(write)


def put_base(member_uuid: str, year: int, snapshot: dict | None, version: str | None = None) -> None:
    """A base back as a snapshot had it (undo and redo): set again, or taken away when there was none; with a
    version, only over the base as it was then."""
    if snapshot is None:
        remove_base(member_uuid, year, version)
    else:
        save_base(member_uuid, year, snapshot, version)


def copy_bases(year: int) -> list[str]:
    """Give everyone due in the year, who has no base for it yet, the base they had the year before (the rules
    applied afresh to their income); returns the members given one. The rest are changed one by one."""
    year = _year(year)
    before = {b.member_id: b for b in DuesBase.select().where(DuesBase.year == year - 1)}
    have = {m for (m,) in DuesBase.select(DuesBase.member).where(DuesBase.year == year).tuples()}
    given = []

    def write():
        for member in Member.select().where(Member.deleted_at.is_null(), Member.id.in_(list(before))):
            if member.id in have or not due_months(year, *span(member)):
                continue
            save_base(member.uuid, year, _as_form(before[member.id]))
            given.append(member.uuid)
        return given
    return records.writing(write)


# -- payments ---------------------------------------------------------------------------

def _base_for(member: Member, year: int, month: int) -> DuesBase:
    if not 1 <= month <= 12:
        raise v.ValidationError({"month": "月份应为 1–12"})
    base = DuesBase.get_or_none(DuesBase.member == member, DuesBase.year == year)
    if base is None:
        raise v.ValidationError({"": f"请先核定{member.name}{year}年的党费基数"})
    if not in_branch(year, month, *span(member)):
        gone = member.left_on and member.left_on <= dt.date(year, month, 1)
        why = "转出之后" if gone else "转入之前" if member.came_on else "入党之前"
        raise v.ValidationError({"": f"{member.name}{year}年{month}月不在本支部（{why}），不需交纳党费"})
    return base


def check_payment(data: dict, due: int) -> dict:
    """{paid_on, amount (元; blank: the amount due), note} → paid_on, amount_fen, note."""
    records.require_keys(data, set(PAYMENT_FIELDS))
    c = v.Checker()
    paid_on = c.run("paid_on", v.date, data.get("paid_on"), "交纳日期", required=True, not_after=records.today())
    amount = due if data.get("amount") in (None, "") else c.run("amount", v.centi, data.get("amount"), "实交金额")
    note = c.run("note", v.text, data.get("note"), "备注", 200)
    if amount is not None and amount < due:
        c.add("amount", f"实交金额不能少于每月应交的 {yuan(due)} 元（党员可以多交，不能少交）")
    c.done()
    return {"paid_on": paid_on, "amount_fen": amount, "note": note or ""}


def record_payment(member_uuid: str, year: int, month: int, data: dict, version: str | None = None) -> str:
    """A month of a member's dues paid (or the payment corrected); returns the payment's UUID. version: the
    payment's as the form read it ("" for none); one changed since is not overwritten (ConflictError)."""
    def write():
        member = _held(member_uuid)
        label = f"{member.name} {year}年{month}月党费"
        _check(_payment_of(member, year, month), version, "dues_payment", label, _payment_stored)
        base = _base_for(member, _year(year), month)
        values = check_payment(data, base.due_fen)
        _refuse_archived(year, [month])
        return _put(DuesPayment, {"base": base, "month": month}, values, "dues_payment", label)
    return records.writing(write)


def _payment_of(member: Member, year: int, month: int) -> DuesPayment | None:
    return (DuesPayment.select().join(DuesBase)
            .where(DuesBase.member == member, DuesBase.year == year, DuesPayment.month == month).first())


def _payment_row(member_uuid: str, year: int, month: int) -> DuesPayment | None:
    return (DuesPayment.select().join(DuesBase).join(Member)
            .where(Member.uuid == member_uuid, DuesBase.year == year, DuesPayment.month == month).first())


def _payment_form(row: DuesPayment) -> dict:
    return {"paid_on": row.paid_on, "amount": yuan(row.amount_fen), "note": row.note}


def _payment_stored(row: DuesPayment) -> dict:
    return {**_payment_form(row), "version": records.version_of(row)}


def payment_snapshot(member_uuid: str, year: int, month: int) -> dict | None:
    row = _payment_row(member_uuid, year, month)
    return None if row is None else _payment_form(row)


def payment_version(member_uuid: str, year: int, month: int) -> str:
    """The version of a month's payment, as a form reads it ("" when there is none)."""
    return records.version_of(_payment_row(member_uuid, year, month))


def remove_payment(member_uuid: str, year: int, month: int, version: str | None = None) -> None:
    """A month's payment taken back; with the version a list or step read, not when it changed since."""
    def write():
        member = _held(member_uuid)
        row = _payment_of(member, year, month)
        _check(row, version, "dues_payment", f"{member.name} {year}年{month}月党费", _payment_stored)
        if row is None:
            return
        _refuse_archived(year, [month])
        row.delete_instance()
        audit.note("dues_payment", row.uuid, "erase", f"{member.name} {year}年{month}月党费")
    records.writing(write)


def put_payment(member_uuid: str, year: int, month: int, snapshot: dict | None, version: str | None = None) -> None:
    """A payment back as a snapshot had it (undo and redo); with a version, only over the payment as it was then."""
    if snapshot is None:
        remove_payment(member_uuid, year, month, version)
    else:
        record_payment(member_uuid, year, month, snapshot, version)


def mark_paid(year: int, month: int, member_uuids: list[str], paid_on, versions: dict | None = None) -> list[str]:
    """Several members' month paid at the amount due, on one day, in one transaction (all or none). versions:
    member → the payment's version the list showed ("" unpaid); a payment made or changed since refuses them all."""
    versions = versions or {}
    return records.writing(lambda: [record_payment(uuid, year, month, {"paid_on": paid_on}, versions.get(uuid))
                                    for uuid in member_uuids])
