"""Characters no field keeps (controls, U+FFFE/U+FFFF, lone surrogates) and text longer than its column: one rule
at every door (the forms' checks, the .xlsx import, data packages), and a ledger that writes whatever is stored."""
import datetime as dt
import hashlib
import json
import zipfile

import openpyxl
import pytest
from package_helpers import fingerprint, make_package

from exports.activity_import import import_activity_file
from exports.activity_ledger import write_activity_ledger
from exports.data_package import read_package
from models.exchange.package_import import PackageError, apply_import
from models.records import validation as v
from models.records.activities import get_activity, save_activity
from models.records.members import get_member, save_member
from models.records.schema import Activity, Member

ODD = "\x01\x1f\x7f\x9f\ufffe\uffff\ufdd0\U0010fffe"
PERSON = {"gender": "male", "party_status": "full"}


def test_the_rule_drops_them_and_keeps_line_breaks_and_tabs():
    assert v.clean(f"张{ODD}三\ud800\udfff") == "张三"
    assert v.clean("甲\x0b乙\x0c丙\t丁\r\n戊") == "甲\n乙\n丙\t丁\r\n戊"
    assert v.text(f" {ODD}张三\ud83d ", "姓名", 2) == "张三"
    with pytest.raises(v.ValidationError, match="请填写姓名"):
        v.text(ODD, "姓名", 10, required=True)


def test_a_form_saves_text_without_them(store):
    uuid = save_member({"name": f"张{ODD}三", "notes": "第一行\x0b第二行\ud800", **PERSON})
    assert (get_member(uuid)["name"], get_member(uuid)["notes"]) == ("张三", "第一行\n第二行")


def test_a_ledger_writes_text_stored_before_the_rule_and_imports_again(store, tmp_path):
    member = save_member({"name": "张三", **PERSON})
    activity = save_activity({"type": "theme_day", "title": "主题党日", "date": "2024-05-01",
                              "attendance": [{"member": member, "status": "present"}]})
    # As an older version let them in: straight into the table, past the checks.
    Member.update(name=f"张{ODD}三").execute()
    Activity.update(content=f"重温{ODD}誓词").execute()
    path = write_activity_ledger(tmp_path / "台账.xlsx", None, None)
    ws = openpyxl.load_workbook(path)["支部活动台账"]
    headers = [c.value for c in ws[1]]
    assert ws.cell(2, headers.index("主要内容") + 1).value == "重温誓词"
    assert openpyxl.load_workbook(path)["出勤"]["C2"].value == "张三"
    import_activity_file(path)  # the name in the ledger still finds the member stored with the odd characters
    assert [a["member"] for a in get_activity(activity)["attendance"]] == [member]


def _rewrite(path, dest, kind, change):
    with zipfile.ZipFile(path) as zf:
        files = {i.filename: zf.read(i) for i in zf.infolist()}
    records = json.loads(files[f"{kind}.json"])
    change(records)
    files[f"{kind}.json"] = json.dumps(records).encode()  # ASCII escapes: a lone surrogate is valid JSON
    manifest = json.loads(files["manifest.json"])
    manifest["files"][f"{kind}.json"] = hashlib.sha256(files[f"{kind}.json"]).hexdigest()
    files["manifest.json"] = json.dumps(manifest).encode()
    with zipfile.ZipFile(dest, "w") as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    return dest


def test_a_package_carrying_them_imports_without_them_and_the_ledger_writes(store, tmp_path):
    path, uuids = make_package(tmp_path)

    def spoil(records):
        records[0]["name"] = f"甲{ODD}\ud800"
        records[0]["notes"] = "备注\udfff\x00"
    pkg = read_package(_rewrite(path, tmp_path / "odd.zip", "members", spoil))
    apply_import(pkg)
    assert (get_member(uuids["members"][0])["name"], get_member(uuids["members"][0])["notes"]) == ("甲", "备注")
    write_activity_ledger(tmp_path / "台账.xlsx", None, None)
    names = {row[2].value for row in openpyxl.load_workbook(tmp_path / "台账.xlsx")["出勤"].iter_rows(min_row=2)}
    assert "甲" in names


@pytest.mark.parametrize("spoil, words", [
    (lambda p: p.records["members"][0].update(source_branch="城" * 61), "来源支部名称最多 60 个字"),
    (lambda p: p.records["activities"][0]["attachments"][0].update(mime="image/" + "x" * 95),
     "文件类型最多 100 个字"),
    (lambda p: p.records["activities"][0]["figures"][0].update(value="超5000." + "0" * 30 + "余"), "约数最多写 30 个字"),
])
def test_a_package_with_text_longer_than_its_column_is_refused_saying_which(store, tmp_path, spoil, words):
    pkg = read_package(make_package(tmp_path)[0])
    spoil(pkg)
    before = fingerprint()
    with pytest.raises(PackageError, match=words):
        apply_import(pkg)
    assert fingerprint() == before


def test_a_record_saved_with_an_overlong_attachment_type_is_refused_not_cut(store):
    attachment = {"sha256": "0" * 64, "name": "合影.jpg", "size": 1, "mime": "image/" + "x" * 95}
    with pytest.raises(v.ValidationError, match="文件类型最多 100 个字"):
        save_activity({"type": "theme_day", "title": "主题党日", "date": dt.date(2024, 5, 1),
                       "attachments": [attachment]})
