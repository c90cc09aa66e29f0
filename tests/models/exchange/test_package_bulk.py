"""The bulk path of a package import: the same store as saving record by record, and all or nothing."""
import datetime as dt

import pytest
from package_helpers import fill, fingerprint
from store_helpers import disk_full_error

from exports.data_package import read_package, write_package
from models.exchange import package_bulk, package_import
from models.exchange.demo import fill_demo
from models.exchange.package_catalogue import mapped_record
from models.exchange.package_import import (
    KINDS,
    RECORD_KINDS,
    PackageError,
    _copy_files,
    _write,
    apply_import,
    plan_import,
)
from models.records.schema import ALL_TABLES, Activity, AuditEntry, StudySession
from models.store import StoreError, close_database, db, open_database, search_index

VOLATILE = {"id", "created_at", "updated_at", "at"}  # differ between any two saves of the same record
PART_TABLES = {"attendance", "figure", "attachment", "reflection", "participation", "study_group_member",
               "plan_topic", "dues_payment", "development_step", "development_person", "party_org_link",
               "instructor_term"}  # fresh uuids on every save
SEEDED = {"report_section", "indicator"}  # every new store gets its own (the package's are matched by name)


@pytest.fixture(scope="module")
def demo_package(tmp_path_factory):
    """A package of a few hundred records of every kind: the demo data, and the hand-made records (one
    in the recycle bin, attachments, reflections, a plan, money)."""
    folder = tmp_path_factory.mktemp("source")
    open_database(folder / "source.sqlite")
    try:
        fill(folder)
        fill_demo(300, seed=3, today=dt.date(2024, 12, 31))
        write_package(folder / "package.zip")
    finally:
        close_database()
    return folder / "package.zip"


def _record_by_record(package) -> None:
    """What the import did before the bulk path: each added record through its form's save."""
    plan = plan_import(package)
    todo = [(kind, dict(mapped_record(rec, plan))) for kind in RECORD_KINDS for rec in package.records[kind]]
    for _, rec in todo:
        rec["source_branch"] = rec.get("source_branch") or package.branch
    _copy_files(package, {a["sha256"] for _, rec in todo for a in rec.get("attachments", [])})
    with db.atomic():
        for kind, rec in plan.new_catalogue:
            KINDS[kind][0].create(uuid=rec["uuid"], name=rec["name"].strip(), position=rec["position"])
        for kind, rec in todo:
            _write(kind, rec, None)


def _roughen(package) -> None:
    """Values as another tool might write them, which the forms' checks tidy: spaces, a present member with a
    reason, an empty reflection, a role left blank, money with a thousands comma."""
    recs = package.records
    activity = next(r for r in recs["activities"] if len(r["attendance"]) > 1)
    activity["title"] = f"  {activity['title']} "
    activity["attendance"][0].update(status="present", reason="迟到")
    activity["attendance"][1].update(status="leave", reason=" 出差  ")
    recs["members"][0]["phone"] = " 138 0013 8000"
    session = next(r for r in recs["study_sessions"] if r["reflections"])
    session["reflections"][0]["text"] = "  "
    event = next(r for r in recs["outreach_events"] if r["participations"])
    event["participations"][0].update(role="", money="1,200.50", note=" 说明 ")
    recs["study_plans"][0]["topics"][0]["topic"] = " 党章 "


def _contents() -> dict:
    """Every table's rows as sets of {column: value}, without what differs between two saves of the same
    record (ids of parts' owners are kept: both stores number the records alike); when a record was deleted
    or set aside is kept as whether it was."""
    out = {}
    for model in ALL_TABLES:
        table = model._meta.table_name
        cursor = db.execute_sql(f'SELECT * FROM "{table}"')
        names = [d[0] for d in cursor.description]
        rows = []
        for values in cursor.fetchall():
            row = {k: val for k, val in zip(names, values) if k not in VOLATILE}
            if table in PART_TABLES | SEEDED:
                row.pop("uuid")
            for moment in ("deleted_at", "archived_at"):
                if moment in row:
                    row[moment] = row[moment] is not None
            rows.append(tuple(sorted(row.items(), key=lambda kv: kv[0])))
        out[table] = sorted(rows, key=repr)
    out["search_index"] = {m._meta.table_name: search_index.bodies(m, [i for (i,) in m.select(m.id).tuples()])
                           for m in (Activity, StudySession)}
    out["ids"] = {m._meta.table_name: list(m.select(m.uuid, m.id).order_by(m.id).tuples())
                  for m in (Activity, StudySession)}
    return out


def _into_fresh_store(path, package, work) -> dict:
    open_database(path)
    try:
        package = read_package(package)
        _roughen(package)
        work(package)
        return _contents()
    finally:
        close_database()


def test_the_bulk_path_writes_what_saving_record_by_record_wrote(demo_package, db_target):
    old = _into_fresh_store(db_target, demo_package, _record_by_record)
    new = _into_fresh_store(db_target.another(), demo_package, apply_import)
    assert len(new["activity"]) > 300 and len(new["attendance"]) > 1000
    assert {len(new[t]) > 0 for t in PART_TABLES} == {True}
    assert any(dict(r)["deleted_at"] for r in new["member"]) and any(dict(r)["source_branch"] for r in new["activity"])
    for table in old:
        assert new[table] == old[table], table


def test_what_the_bulk_path_wrote_is_found_audited_and_counted(demo_package, store):
    package = read_package(demo_package)
    counts = apply_import(package)
    added = sum(len(package.records[k]) for k in RECORD_KINDS)
    assert counts == {"added": added, "updated": 0, "unchanged": 0, "kept": 0}
    title = package.records["activities"][-1]["title"]
    assert Activity.select().where(search_index.Search(title).condition(Activity)).count() >= 1
    assert not search_index.index_problems()
    audited = {uuid for (uuid,) in AuditEntry.select(AuditEntry.record_uuid).where(AuditEntry.action == "create")
               .tuples()}
    assert audited == {r["uuid"] for k in RECORD_KINDS if k != "study_plans" for r in package.records[k]}
    assert apply_import(read_package(demo_package))["unchanged"] == added


def test_one_bad_record_deep_inside_changes_nothing(demo_package, store):
    package = read_package(demo_package)
    [r for r in package.records["activities"] if r["attendance"]][-7]["attendance"][-1]["status"] = "asleep"
    before = fingerprint()
    with pytest.raises(PackageError, match="出勤"):
        apply_import(package)
    assert fingerprint() == before


def test_a_failure_while_writing_in_bulk_leaves_the_store_as_it_was(demo_package, store, monkeypatch):
    insert = package_bulk.BulkWriter._insert

    def full_disk_at_attendance(self, model, rows):
        if model._meta.table_name == "attendance" and Activity.select().count():
            raise disk_full_error()
        insert(self, model, rows)

    monkeypatch.setattr(package_bulk.BulkWriter, "_insert", full_disk_at_attendance)
    before = fingerprint()
    with pytest.raises(StoreError, match="磁盘空间已满"):
        apply_import(read_package(demo_package))
    assert fingerprint() == before


def test_a_row_the_checks_let_through_but_the_store_refuses_undoes_everything(demo_package, store, monkeypatch):
    part_row = package_bulk._part_row

    def null_status(name, row, ids):
        out = part_row(name, row, ids)
        return {**out, "status": None} if name == "attendance" and row is last else out

    package = read_package(demo_package)
    last = [r for r in package.records["activities"] if r["attendance"]][-1]["attendance"][-1]
    monkeypatch.setattr(package_bulk, "_part_row", null_status)
    before = fingerprint()
    with pytest.raises(PackageError, match="写入时发现问题"):
        apply_import(package)
    assert fingerprint() == before


class Stop(Exception):
    """What the window's progress raises once 取消 is pressed."""


def test_progress_counts_the_records_and_cancelling_undoes_everything(demo_package, store, monkeypatch):
    monkeypatch.setattr(package_bulk.BulkWriter, "CHUNK", 100)  # several chunks of attendance rows
    monkeypatch.setattr(package_import, "CHECK_STEP", 50)  # progress told during the checks too
    package = read_package(demo_package)
    total = sum(len(package.records[k]) for k in RECORD_KINDS)
    seen = []

    def cancel_midway(done, of):
        seen.append((done, of))
        if done and Activity.select().count():  # the registries in, the activities under way
            raise Stop()

    before = fingerprint()
    with pytest.raises(Stop):
        apply_import(package, progress=cancel_midway)
    assert fingerprint() == before and seen[-1][1] == total

    def cancel_while_checking(done, of):
        if len(seen) > 3:
            raise Stop()
        seen.append((done, of))

    seen.clear()
    with pytest.raises(Stop):
        apply_import(package, progress=cancel_while_checking)
    assert fingerprint() == before

    seen.clear()
    apply_import(read_package(demo_package), progress=lambda done, of: seen.append((done, of)))
    assert seen[-1] == (total, total) and [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_a_field_the_writer_leaves_out_gets_the_models_default(demo_package, store, monkeypatch):
    from models.records.schema import Attendance
    part_row = package_bulk._part_row

    def without_reason(name, row, ids):
        out = part_row(name, row, ids)
        return {k: v for k, v in out.items() if k != "reason"} if name == "attendance" else out

    monkeypatch.setattr(package_bulk, "_part_row", without_reason)
    apply_import(read_package(demo_package))
    reasons = {r for (r,) in Attendance.select(Attendance.reason).tuples()}
    assert reasons == {""}  # the column's default, as a save through the form gives it: not NULL


def test_records_written_and_planned_a_slice_at_a_time_give_the_same_store(demo_package, db_target, monkeypatch):
    """Slices bound the memory a large package takes; where they fall changes nothing in the store."""
    whole = _into_fresh_store(db_target, demo_package, apply_import)
    monkeypatch.setattr(package_bulk.BulkWriter, "RECORDS", 37)
    monkeypatch.setattr(package_import, "PLAN_STEP", 29)
    sliced = _into_fresh_store(db_target.another(), demo_package, apply_import)
    assert len(sliced["activity"]) > 8 * 37
    for table in whole:
        assert sliced[table] == whole[table], table
