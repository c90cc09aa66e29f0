"""The member record's new fields travel: the ledger's 党员名册 (the ID number masked there), data packages (whole,
older formats still read) and copy-to."""
import datetime as dt
import hashlib
import json
import sqlite3
import zipfile

import openpyxl
import pytest
from package_helpers import make_package

from exports.activity_import import import_activity_file
from exports.activity_ledger import write_activity_ledger
from exports.data_package import read_package
from models.exchange.activity_import import ImportProblems
from models.exchange.package_import import apply_import
from models.records.activities import members_for, save_activity
from models.records.members import get_member, save_member
from models.records.schema import Member
from models.store import close_database, copy_store, open_database, store_path

RECORD = {"name": "黄露", "gender": "female", "party_status": "full", "join_date": "1975-07-01",
          "id_card": "11010519491231002X", "workplace": "市民政局社会组织管理科", "came_on": "2024-07-01",
          "came_from": "区民政局机关党支部"}


def in_another_store(tmp_path, name="other.sqlite"):
    first = store_path()
    close_database()
    open_database(tmp_path / name)
    return first


@pytest.fixture
def ledger(store, tmp_path):
    """A ledger of one meeting that 黄露 (transferred in, with an ID number) attended; then an empty store."""
    uuid = save_member(RECORD)
    save_activity({"type": "theme_day", "title": "主题党日", "date": "2024-07-05",
                   "attendance": members_for(dt.date(2024, 7, 5))})
    path = write_activity_ledger(tmp_path / "台账.xlsx", None, None)
    first = in_another_store(tmp_path)
    yield path, uuid
    close_database()
    open_database(first)


def roster(path) -> tuple[openpyxl.Workbook, list[str], dict]:
    wb = openpyxl.load_workbook(path)
    ws = wb["党员名册"]
    headers = [c.value for c in ws[1]]
    return wb, headers, dict(zip(headers, (c.value for c in ws[2])))


def test_the_roster_carries_the_new_fields_and_the_number_masked(ledger):
    path, uuid = ledger
    _, _, row = roster(path)
    assert row["公民身份号码"] == "110105********002X" and row["工作单位"] == "市民政局社会组织管理科"
    assert (row["转入日期"], row["转入自"]) == (dt.datetime(2024, 7, 1), "区民政局机关党支部")
    import_activity_file(path)  # an empty store: the roster's member is made, without a number
    made = get_member(uuid)
    assert (made["id_card"], made["workplace"], made["came_on"], made["came_from"]) == (
        "", "市民政局社会组织管理科", dt.date(2024, 7, 1), "区民政局机关党支部")
    assert (made["birth_date"], made["gender"]) == (dt.date(1949, 12, 31), "female")  # filled from the number


def test_a_whole_number_typed_in_the_roster_is_kept_and_a_wrong_one_refused(ledger):
    path, uuid = ledger
    wb, headers, _ = roster(path)
    cell = wb["党员名册"].cell(2, headers.index("公民身份号码") + 1)
    cell.value = "110105194912310021"
    wb.save(path)
    with pytest.raises(ImportProblems) as e:
        import_activity_file(path)
    assert [p[:3] for p in e.value.problems] == [("党员名册", 2, "公民身份号码")]
    assert "校验码不对" in e.value.problems[0][3] and Member.select().count() == 0
    cell.value = "11010519491231002X"
    wb.save(path)
    import_activity_file(path)
    assert (get_member(uuid)["id_card"], get_member(uuid)["birth_date"]) == ("11010519491231002X",
                                                                            dt.date(1949, 12, 31))


def test_a_package_carries_the_whole_record(store, tmp_path):
    path, uuids = make_package(tmp_path)
    with zipfile.ZipFile(path) as zf:
        sent = next(m for m in json.loads(zf.read("members.json")) if m["uuid"] == uuids["members"][0])
    assert (sent["id_card"], sent["workplace"], sent["came_on"], sent["came_from"]) == (
        "110105199001020016", "市民政局社会组织管理科", "2023-07-01", "区民政局机关党支部")
    apply_import(read_package(path))
    got = get_member(uuids["members"][0])
    assert (got["id_card"], got["workplace"], got["came_on"], got["came_from"]) == (
        "110105199001020016", "市民政局社会组织管理科", dt.date(2023, 7, 1), "区民政局机关党支部")


def test_a_format_4_package_without_the_new_fields_still_imports(store, tmp_path):
    path, uuids = make_package(tmp_path)
    with zipfile.ZipFile(path) as zf:
        files = {i.filename: zf.read(i) for i in zf.infolist()}
    people = json.loads(files["members.json"])
    for person in people:
        for key in ("id_card", "workplace", "came_on", "came_from"):
            person.pop(key)
    files["members.json"] = json.dumps(people, ensure_ascii=False).encode()
    manifest = json.loads(files["manifest.json"])
    manifest["format_version"] = 4
    manifest["files"] = {n: hashlib.sha256(b).hexdigest() for n, b in files.items() if n != "manifest.json"}
    files["manifest.json"] = json.dumps(manifest).encode()
    old = tmp_path / "v4.zip"
    with zipfile.ZipFile(old, "w") as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    apply_import(read_package(old))
    got = get_member(uuids["members"][0])
    assert (got["name"], got["id_card"], got["workplace"], got["came_on"]) == ("甲", "", "", None)


@pytest.mark.sqlite_only("copy-to between two files; the server's copy: test_copy.py")
def test_copy_to_carries_the_new_columns(store, tmp_path):
    save_member(RECORD)
    copy_store(tmp_path / "copy" / "copy.sqlite")
    close_database()
    con = sqlite3.connect(tmp_path / "copy" / "copy.sqlite")
    try:
        assert con.execute("SELECT id_card, workplace, came_on, came_from FROM member").fetchall() == [
            ("11010519491231002X", "市民政局社会组织管理科", "2024-07-01", "区民政局机关党支部")]
    finally:
        con.close()
        open_database(store)


def test_namesakes_go_through_the_ledger_by_their_number(store, tmp_path):
    first = save_member({"name": "王芳", "gender": "female", "party_status": "full", "birth_date": "1980-01-01"})
    second = save_member({"name": "王芳", "gender": "female", "party_status": "full", "birth_date": "1992-05-05"})
    save_activity({"type": "theme_day", "title": "主题党日", "date": "2024-05-01",
                   "attendance": [{"member": first, "status": "present"},
                                  {"member": second, "status": "absent", "reason": "出差"}]})
    save_activity({"type": "party_lecture", "title": "专题党课", "date": "2024-06-01",
                   "attendance": [{"member": second, "status": "present"}]})
    path = write_activity_ledger(tmp_path / "台账.xlsx", None, None)
    lists = attendance()
    before = in_another_store(tmp_path)
    try:
        assert import_activity_file(path)["members"] == ["王芳", "王芳"]
        assert attendance() == lists
        assert {get_member(first)["birth_date"], get_member(second)["birth_date"]} == {dt.date(1980, 1, 1),
                                                                                         dt.date(1992, 5, 5)}
        close_database()
        open_database(tmp_path / "third.sqlite")
        wb = openpyxl.load_workbook(path)  # a ledger without the numbers: which 王芳 cannot be told
        ws = wb["出勤"]
        at = [c.value for c in ws[1]].index("党员编号") + 1
        for row in range(2, ws.max_row + 1):
            ws.cell(row, at).value = None
        wb.save(path)
        with pytest.raises(ImportProblems) as e:
            import_activity_file(path)
        assert {p[2:4] for p in e.value.problems} == {("姓名", "有 2 位党员都叫“王芳”，无法确定是哪一位")}
    finally:
        close_database()
        open_database(before)


def test_a_number_left_beside_another_members_name_is_refused_not_followed(store, tmp_path):
    """A row copied and its name changed keeps the first member's 党员编号: the attendance is not silently put on
    that member, the import says which row and whose number it is."""
    first = save_member({"name": "王芳", "gender": "female", "party_status": "full"})
    save_member({"name": "李明", "gender": "male", "party_status": "full"})
    save_activity({"type": "theme_day", "title": "主题党日", "date": "2024-05-01",
                   "attendance": [{"member": first, "status": "present"}]})
    save_activity({"type": "party_lecture", "title": "专题党课", "date": "2024-06-01", "attendance": []})
    path = write_activity_ledger(tmp_path / "台账.xlsx", None, None)
    lists = attendance()
    wb = openpyxl.load_workbook(path)
    ws = wb["出勤"]
    copied = [c.value for c in ws[2]]
    headers = [c.value for c in ws[1]]
    copied[headers.index("姓名")] = "李明"
    copied[headers.index("活动编号")] = None
    copied[headers.index("日期")], copied[headers.index("主题")] = dt.datetime(2024, 6, 1), "专题党课"
    ws.append(copied)
    wb.save(path)
    with pytest.raises(ImportProblems) as e:
        import_activity_file(path)
    assert {p[1:4] for p in e.value.problems} == {(3, "党员编号", "党员编号是“王芳”的，与姓名“李明”不符，请核对姓名或党员编号")}
    assert attendance() == lists


def attendance() -> set:
    from models.records.schema import Attendance
    return {(a.activity.uuid, a.member.uuid, a.status, a.reason)
            for a in Attendance.select().where(Attendance.activity.is_null(False))}
