"""A small store with every record kind, and data packages written from it, for the data package tests."""
from pathlib import Path

from exports.data_package import write_package
from models.records import activities, members, organisations, outreach, settings, study
from models.records.attachments import add_file
from models.records.schema import ALL_TABLES, AuditEntry, Member, Reflection, StudySession
from models.store import close_database, db, open_database, store_path


def fill(folder: Path) -> dict:
    """Every record kind with its parts; returns their UUIDs."""
    settings.save_branch_settings({"branch_name": "城东支部"})
    photo = folder / "合影.jpg"
    photo.write_bytes(b"\xff\xd8photo" * 300)
    picture = add_file(photo)
    person = {"gender": "male", "party_status": "full"}
    a = members.save_member({"name": "甲", "birth_date": "1990-01-02", "phone": "13800138000", **person,
                             "id_card": "110105199001020016", "workplace": "市民政局社会组织管理科",
                             "came_on": "2023-07-01", "came_from": "区民政局机关党支部"})
    b = members.save_member({"name": "乙", "gender": "female", "party_status": "probationary"})
    gone = members.save_member({"name": "丙", **person})
    org = organisations.save_organisation({"name": "阳光助学协会", "kind": "social_group"})
    group = study.save_group({"name": "青年学习小组", "leader": a, "members": [{"member": a}, {"member": b}]})
    study.save_plan(group, 2024, {"goals": "学深悟透", "topics": [{"month": 3, "topic": "党章"}]})
    section = settings.list_sections()[0]["uuid"]
    money, reached = (next(i["uuid"] for i in settings.list_indicators() if i["name"] == name)
                      for name in ("捐赠资金", "受益人数"))
    session = study.save_session({"group": group, "date": "2024-03-05", "topic": "学党章", "duration_minutes": 90,
                                  "attendance": [{"member": a, "status": "present"}], "attachments": [picture],
                                  "reflections": [{"member": a, "text": "收获很大", "submitted_on": "2024-03-06"}]})
    # Handed in without text (the form leaves such a box out; older versions and other tools stored them).
    Reflection.create(session=StudySession.get(StudySession.uuid == session), member=Member.get(Member.uuid == b),
                      text="", submitted_on="2024-03-07")
    activity = activities.save_activity({
        "type": "theme_day", "title": "主题党日", "date": "2024-05-01", "start_time": "09:00", "end_time": "11:30",
        "section": section, "content": "重温入党誓词\r\n参观", "attachments": [picture],
        "attendance": [{"member": a, "status": "present"}, {"member": b, "status": "leave", "reason": "出差"},
                       {"member": gone, "status": "present"}],
        "figures": [{"indicator": money, "value": "1200.5", "note": ""},
                    {"indicator": reached, "value": "200余", "note": ""}]})
    event = outreach.save_event({"title": "助学活动", "kind": "education_disability", "start_date": "2024-06-01",
                                 "participations": [{"organisation": org, "role": "donor", "money": "5000",
                                                     "jobs": 3}],
                                 "figures": [{"indicator": money, "value": "5000"}]})
    members.delete_member(gone)
    study.set_archived(group, True)  # 停用: its records stay, and travel so
    return {"members": [a, b, gone], "organisation": org, "group": group, "session": session,
            "activity": activity, "event": event}


def package_from(tmp_path: Path, name: str, fill_store, shown, **dates) -> tuple[Path, object, dict]:
    """A package written from a separate store that fill_store() fills: (its path, what shown() saw in that store,
    the counts written); the store open before is opened again afterwards."""
    here = store_path()
    close_database()
    open_database(tmp_path / "source.sqlite")
    try:
        fill_store()
        seen = shown()
        counts = write_package(tmp_path / name, **dates)
    finally:
        close_database()
        open_database(here)
    return tmp_path / name, seen, counts


def make_package(tmp_path: Path, name: str = "package.zip", **dates) -> tuple[Path, dict]:
    """A package written from a separate filled store; the store open before is opened again afterwards."""
    before = store_path() if db.obj is not None and not db.is_closed() else None
    close_database()
    source = tmp_path / "source"
    source.mkdir(exist_ok=True)
    open_database(source / "source.sqlite")
    try:
        uuids = fill(source)
        path = tmp_path / name
        write_package(path, **dates)
    finally:
        close_database()
        if before is not None:
            open_database(before)
    return path, uuids


def fingerprint() -> dict:
    """Every row of every table (the audit trail included): equal fingerprints, unchanged store."""
    out = {}
    for model in ALL_TABLES:
        table = model._meta.table_name
        out[table] = db.execute_sql(f'SELECT * FROM "{table}" ORDER BY id').fetchall()
    out["audit"] = AuditEntry.select().count()
    return out
