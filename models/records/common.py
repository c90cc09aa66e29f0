"""What every record kind's functions share: listing pages, filtering, saving, the recycle bin."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from peewee import DatabaseError, OperationalError, fn

from models.records import archive, audit
from models.records.schema import AuditEntry
from models.records.validation import ValidationError
from models.store import Search, busy_as_store_error, db, utcnow


class NotFound(LookupError):
    """No record with that UUID (or it sits in the recycle bin)."""


class ConflictError(Exception):
    """Someone else saved this record, or moved it to the recycle bin, since the form or list read it.

    stored: the record as it is now, as its get function gives it ("version" included), or None when it sits in
    the recycle bin (deleted); by and at: who changed it last and when (UTC), from the audit trail.
    """

    def __init__(self, uuid: str, stored: dict | None = None, deleted: bool = False, by: str = "",
                 at: dt.datetime | None = None):
        self.uuid, self.stored, self.deleted, self.by, self.at = uuid, stored, deleted, by, at
        what = "移到了回收站" if deleted else "保存了新的内容"
        super().__init__(f"这条记录在您打开后已被{by or '他人'}{what}，您的修改没有保存。")


@dataclass
class ListQuery:
    """What a table shows: a filter text, a sort column, and live records or the recycle bin."""
    text: str = ""
    sort: str = ""
    descending: bool = False
    deleted: bool = False


def filtered(model, search_fields, query: ListQuery):
    """Live (or deleted) rows whose search fields contain every word of the filter text."""
    select = model.select()
    select = select.where(model.deleted_at.is_null(False) if query.deleted else model.deleted_at.is_null())
    if not query.text.split():
        return select
    condition = Search(query.text).condition(model)
    if condition is not None:
        return select.where(condition)
    for term in query.text.split():  # a table the full-text index does not cover
        clause = None
        for field in search_fields:
            clause = field.contains(term) if clause is None else clause | field.contains(term)
        select = select.where(clause)
    return select


def in_period(select, field, date_from, date_to):
    """Rows whose date field lies within the period (either end may be open)."""
    if date_from:
        select = select.where(field >= date_from)
    if date_to:
        select = select.where(field <= date_to)
    return select


def page(select, model, sortable: dict, query: ListQuery, offset: int, limit: int, fields: tuple = ()):
    """One page of rows in the table's order: whole rows, or only id, uuid, version, deleted_at and the fields given.

    The page's ids are chosen first and only its rows read: sorting whole rows (long minutes and all)
    of thousands of matches costs many times more than sorting their keys.
    """
    field = sortable.get(query.sort) or next(iter(sortable.values()))
    # Empty values last, said only where a column may hold NULL: on the server NULLS LAST keeps the index of a
    # NOT NULL column (the activities' date) from giving the order, and a million rows are sorted for 200.
    nulls = "LAST" if getattr(field, "null", True) else None
    order = [field.desc(nulls=nulls) if query.descending else field.asc(nulls=nulls), model.id]
    ids = select.select(model.id).order_by(*order).offset(offset).limit(limit)
    columns = [model.id, model.uuid, model.updated_at, model.deleted_at, *(getattr(model, f) for f in fields)] \
        if fields else []
    return list(model.select(*columns).where(model.id.in_(ids)).order_by(*order))


class AtLeast(int):
    """A count that stopped at its cap: more rows than this match (a page shows 超过 N 条)."""


def count(select, text: str = "") -> int:
    """How many rows select has. Where the store caps a search's count (a server: every match costs a read), a
    search of text with more matches than the cap gives AtLeast(cap)."""
    search = Search(text) if text.split() else None
    if search is None or search.cap is None:
        return select.count()
    cap = search.cap
    if search.sampled:
        with search.sample():  # some of the matches, cheaply: past the cap there is past it in all
            if select.limit(cap + 1).count() > cap:  # peewee counts a limited select as a subquery
                return AtLeast(cap)
    found = select.limit(cap + 1).count()
    return AtLeast(cap) if found > cap else found


def summed(counts) -> int:
    """The sum of some counts: AtLeast when any of them is."""
    counts = list(counts)
    return (AtLeast if any(isinstance(c, AtLeast) for c in counts) else int)(sum(counts))


def raw_rows(select) -> list[tuple]:
    """A select's rows as the driver gives them, without peewee turning each value (a date is text from a file,
    a date from a server; a flag 0/1 or False/True): a year's 100,000 rows read in half the time."""
    return db.execute_sql(*select.sql()).fetchall()


def get_live(model, uuid: str):
    row = model.get_or_none((model.uuid == uuid) & model.deleted_at.is_null())
    if row is None:
        raise NotFound(uuid)
    return row


def version_of(row) -> str:
    """The version of a record a form or list read: the time of its last change, as text ("" for no row)."""
    value = getattr(row, "updated_at", None)
    return value.isoformat(" ") if isinstance(value, dt.datetime) else str(value or "")


def later(previous) -> dt.datetime:
    """The time a change is stamped with: now, and never the very version it replaces."""
    now = utcnow()
    return now + dt.timedelta(microseconds=1) if now == previous else now


def hold(model, uuid: str, version: str, current=None):
    """The record, held until the transaction ends, if it is still at version (ConflictError if someone changed or
    binned it since; NotFound if it is gone for good). Call it first inside db.atomic(); current(uuid) gives the
    record as a form shows it, for the conflict's stored side.
    """
    touch(model, model.uuid == uuid)
    row = model.get_or_none(model.uuid == uuid)
    if row is None:
        raise NotFound(uuid)
    deleted = row.deleted_at is not None
    if deleted or version_of(row) != version:
        raise conflict(uuid, current(uuid) if current and not deleted else None, deleted)
    return row


def touch(model, where) -> None:
    """Hold the rows where says until the transaction ends: the server's row lock, SQLite's write lock (taken even
    when no row matches). Nothing changes and no trigger fires (none watches updated_at), so no other save can come
    between a comparison made after this and the write that follows it. First thing inside db.atomic()."""
    model.update(updated_at=model.updated_at).where(where).execute()


def conflict(uuid: str, stored: dict | None, deleted: bool = False) -> ConflictError:
    """The ConflictError for a record, naming who changed it last and when (from the audit trail)."""
    last = AuditEntry.select().where(AuditEntry.record_uuid == uuid).order_by(AuditEntry.id.desc()).first()
    return ConflictError(uuid, stored, deleted, last.operator if last else "", last.at if last else None)


def newest_change() -> int | None:
    """A mark that moves whenever anyone saves, deletes, restores or imports anything (the newest audit entry);
    None when the store cannot be read just now. Lists compare it to know when to read their rows again."""
    try:
        return AuditEntry.select(fn.MAX(AuditEntry.id)).scalar() or 0
    except DatabaseError:
        return None


def writing(write):
    """Run write() in one transaction; the server's or SQLite's busy, full or read-only said as the forms say it."""
    try:
        with db.atomic():
            return write()
    except OperationalError as e:
        raise busy_as_store_error(e) from e


def _label(row) -> str:
    return str(getattr(row, "name", None) or getattr(row, "title", None) or getattr(row, "topic", None) or "")


def save(model, uuid: str | None, values: dict, parts: tuple = (), version: str | None = None,
         current=None) -> str:
    """Insert or update one record with checked values; returns its UUID.

    A UUID that no row has (not even in the recycle bin) creates the record under that UUID:
    that is how redo brings back a record and how records from another PC keep their identity.
    version: the version the form read; a record changed since is not overwritten (ConflictError, see hold).
    """
    try:
        return _save(model, uuid, values, parts, version, current)
    except OperationalError as e:
        raise busy_as_store_error(e) from e


def _save(model, uuid: str | None, values: dict, parts: tuple, version: str | None, current) -> str:
    field = archive.DATED.get(model)
    with db.atomic():
        old = {}
        if uuid and version is not None:
            row = hold(model, uuid, version, current)
        elif uuid and not model.select().where(model.uuid == uuid).exists():
            row = None
        else:
            row = get_live(model, uuid) if uuid else None
        if row is None:
            row = model(uuid=uuid, **values) if uuid else model(**values)
        else:
            old = {key: getattr(row, key) for key in values}
            _refuse_archived(model, row)  # not out of an archived period
            for key, value in values.items():
                setattr(row, key, value)
            row.updated_at = later(row.updated_at)
        if field:  # and not into one
            archive.refuse_if_archived(model, [values.get(field)])
        row.save()
        changes = audit.diff(old, values)
        if parts:
            changes["parts"] = list(parts)
        if changes or not old:
            audit.note(model._meta.table_name, row.uuid, "update" if old else "create", _label(row), changes)
    return row.uuid


def save_with_parts(model, uuid: str | None, values: dict, parts: dict, version: str | None = None,
                    current=None) -> str:
    """Save a record and replace each of its parts given (name → function(record id)), in one transaction."""
    try:
        return _save_with_parts(model, uuid, values, parts, version, current)
    except OperationalError as e:
        raise busy_as_store_error(e) from e


def _save_with_parts(model, uuid: str | None, values: dict, parts: dict, version: str | None, current) -> str:
    with db.atomic():
        uuid = save(model, uuid, values, tuple(parts), version, current)
        record_id = model.get(model.uuid == uuid).id
        for write in parts.values():
            write(record_id)
    return uuid


def _refuse_archived(model, row) -> None:
    field = archive.DATED.get(model)
    if field:
        archive.refuse_if_archived(model, [getattr(row, field)])


def soft_delete(model, uuid: str, version: str | None = None) -> None:
    """Move a record to the recycle bin; everything attached to it stays. With the version a list showed, a record
    changed since is left alone (ConflictError)."""
    with db.atomic():
        row = get_live(model, uuid) if version is None else hold(model, uuid, version)
        _refuse_archived(model, row)
        row.deleted_at = row.updated_at = later(row.updated_at)
        row.save()
        audit.note(model._meta.table_name, uuid, "delete", _label(row))


def restore(model, uuid: str, conflict=None) -> None:
    """Bring a record back from the recycle bin; conflict(row) may raise ValidationError first."""
    with db.atomic():
        row = model.get_or_none((model.uuid == uuid) & model.deleted_at.is_null(False))
        if row is None:
            raise NotFound(uuid)
        _refuse_archived(model, row)
        if conflict:
            conflict(row)
        row.deleted_at = None
        row.updated_at = later(row.updated_at)
        row.save()
        audit.note(model._meta.table_name, uuid, "restore", _label(row))


def purge(model, uuid: str) -> None:
    """Remove a record from the recycle bin for good, with what hangs off it."""
    with db.atomic():
        if model.delete().where((model.uuid == uuid) & model.deleted_at.is_null(False)).execute():
            audit.note(model._meta.table_name, uuid, "purge")


def erase(model, uuid: str, version: str | None = None) -> None:
    """Remove a record outright, wherever it is (undoing its creation); with a version, only if still at it."""
    with db.atomic():
        row = model.get_or_none(model.uuid == uuid) if version is None else hold(model, uuid, version)
        if row is not None:
            _refuse_archived(model, row)
        if model.delete().where(model.uuid == uuid).execute():
            audit.note(model._meta.table_name, uuid, "erase")


def duplicate_of(model, field, value, uuid: str | None):
    """Another live record with the same value (case-insensitive), or None."""
    if not value:
        return None
    select = model.select().where(fn.lower(field) == value.lower(), model.deleted_at.is_null())
    if uuid:
        select = select.where(model.uuid != uuid)
    return select.first()


def require_keys(data: dict, allowed: set[str]) -> None:
    unknown = set(data) - allowed - {"uuid", "version"}
    if unknown:
        raise ValidationError({k: f"未知字段“{k}”" for k in sorted(unknown)})


def today() -> dt.date:
    return dt.date.today()
