"""The activities ledger carries its 党员名册, so it imports into any store: a round trip into an empty one gives the
same counts, a store with members is asked first, and a roster row is checked as the member form checks it."""
import datetime as dt

import openpyxl
import pytest

from exports.activity_import import import_activity_file
from exports.activity_ledger import write_activity_ledger
from models.exchange.activity_import import ImportProblems
from models.exchange.demo import fill_demo
from models.exchange.ledger_roster import NewMembers
from models.records import id_card
from models.records.activities import get_activity, members_for, save_activity
from models.records.members import FIELDS, delete_member, get_member, save_member
from models.records.schema import Activity, Attendance, Figure, Member
from models.store import close_database, open_database, store_path

PERSON = {"gender": "female", "party_status": "full"}


def counts() -> dict:
    return {"members": Member.select().count(), "activities": Activity.select().count(),
            "attendance": Attendance.select().where(Attendance.activity.is_null(False)).count(),
            "figures": Figure.select().where(Figure.activity.is_null(False)).count()}


def members() -> dict:
    return {m.uuid: {k: getattr(m, k) for k in FIELDS} for m in Member.select()}


def attendance() -> set:
    return {(a.activity.uuid, a.member.uuid, a.status, a.reason)
            for a in Attendance.select().where(Attendance.activity.is_null(False))}


def in_another_store(tmp_path, name="other.sqlite"):
    """Close the test's store and open an empty one (a second PC); returns the first store's address."""
    first = store_path()
    close_database()
    open_database(tmp_path / name)
    return first


def test_demo_ledger_into_an_empty_store_gives_the_same_records(store, tmp_path):
    fill_demo(120, 3)
    delete_member(Member.select().order_by(Member.id).first().uuid)  # in the recycle bin, still on old lists
    path = write_activity_ledger(tmp_path / "台账.xlsx", None, None)
    before, people, lists = counts(), members(), attendance()
    numbered = {u for u, m in people.items() if m["id_card"]}
    assert numbered and any(m["came_on"] for m in people.values())  # the demo has both
    for uuid in numbered:  # the sheet shows ID numbers masked, so a member made from it has none
        people[uuid]["id_card"] = ""
    first = in_another_store(tmp_path)
    try:
        result = import_activity_file(path)  # no members here yet: the roster's are added without asking
        assert (result["added"], len(result["members"])) == (before["activities"], before["members"])
        assert counts() == before and members() == people and attendance() == lists
        again = import_activity_file(path)
        assert (again["unchanged"], again.get("members")) == (before["activities"], None)
    finally:
        close_database()
        open_database(first)


@pytest.fixture
def ledger(store, tmp_path):
    """A ledger of one activity attended by 张三 and 李四, written from a store that is then left."""
    a = save_member({"name": "张三", "birth_date": "1990-02-03", "phone": "13800138000", "young_cadre": False,
                     "party_post": "组织委员", **PERSON})
    save_member({"name": "李四", "gender": "male", "party_status": "probationary", "education": "bachelor"})
    save_activity({"type": "theme_day", "title": "主题党日", "date": "2024-05-01",
                   "attendance": members_for(dt.date(2024, 5, 1))})
    path = write_activity_ledger(tmp_path / "台账.xlsx", None, None)
    first = in_another_store(tmp_path)
    yield path, a
    close_database()
    open_database(first)


def test_the_roster_sheet_carries_each_member_as_the_form_has_them(ledger):
    path, a = ledger
    ws = openpyxl.load_workbook(path)["党员名册"]
    rows = {r["姓名"]: r for r in ({c.value: v.value for c, v in zip(ws[1], row)} for row in ws.iter_rows(min_row=2))}
    assert set(rows) == {"张三", "李四"}
    assert (rows["张三"]["性别"], rows["张三"]["党员类别"], rows["张三"]["青年干部"], rows["张三"]["编号"]) == \
        ("女", "正式党员", "否", a)
    assert rows["张三"]["出生日期"] == dt.datetime(1990, 2, 3) and rows["李四"]["学历"] == "大学本科"


def test_a_store_with_members_is_asked_first_and_nothing_is_saved_until_then(ledger):
    path, a = ledger
    here = save_member({"name": "张三", **PERSON})  # the same person, entered here by hand
    with pytest.raises(NewMembers) as e:
        import_activity_file(path)
    assert e.value.names == ["李四"] and counts()["activities"] == 0 and Member.select().count() == 1
    result = import_activity_file(path, new_members=True)
    assert result["members"] == ["李四"]
    li = Member.get(Member.name == "李四")
    assert (li.party_status, li.education) == ("probationary", "bachelor")
    listed = {x["member"] for x in get_activity(Activity.get().uuid)["attendance"]}
    assert listed == {here, li.uuid}  # 张三 is the one here: this store's record of her is kept as it is
    assert get_member(here)["phone"] == ""


def test_a_member_found_by_number_under_another_name_is_not_added_again(ledger):
    path, a = ledger
    save_member({"uuid": a, "name": "张叁", **PERSON})  # renamed here
    result = import_activity_file(path, new_members=True)
    assert result["members"] == ["李四"] and Member.select().count() == 2
    assert a in {x["member"] for x in get_activity(Activity.get().uuid)["attendance"]}


def test_without_the_roster_the_names_are_refused_as_before(ledger):
    path, _ = ledger
    with pytest.raises(ImportProblems, match="党员不在党员名册中"):
        import_activity_file(path, new_members=False)


def test_a_roster_row_is_checked_as_the_member_form_checks_it(ledger):
    path, _ = ledger
    wb = openpyxl.load_workbook(path)
    ws = wb["党员名册"]
    headers = [c.value for c in ws[1]]
    ws.cell(2, headers.index("性别") + 1).value = "未知"
    ws.cell(3, headers.index("入党日期") + 1).value = "2099-01-01"
    wb.save(path)
    with pytest.raises(ImportProblems) as e:
        import_activity_file(path)
    assert {p[:3] for p in e.value.problems} == {("党员名册", 2, "性别"), ("党员名册", 3, "入党日期")}
    assert Member.select().count() == 0 and Activity.select().count() == 0


def _with_numbers(path, numbers: dict[str, str], gender: str = "") -> None:
    """The roster sheet with these members' 公民身份号码 typed in (the sheet shows numbers masked), and their
    性别 set to gender when one is given."""
    wb = openpyxl.load_workbook(path)
    ws = wb["党员名册"]
    headers = [c.value for c in ws[1]]
    for row in range(2, ws.max_row + 1):
        name = ws.cell(row, headers.index("姓名") + 1).value
        if name in numbers:
            ws.cell(row, headers.index("公民身份号码") + 1).value = numbers[name]
            if gender:
                ws.cell(row, headers.index("性别") + 1).value = gender
    wb.save(path)


def _number(body: str) -> str:
    return body + id_card.check_char(body)


def test_a_roster_row_with_a_number_a_member_here_has_is_refused_at_its_cell(ledger):
    path, _ = ledger
    save_member({"name": "王五", "gender": "male", "party_status": "full", "id_card": _number("11010519900101003")})
    _with_numbers(path, {"李四": _number("11010519900101003")})
    with pytest.raises(ImportProblems) as e:
        import_activity_file(path, new_members=True)
    assert [p[:3] for p in e.value.problems] == [("党员名册", 3, "公民身份号码")]
    assert "王五" in e.value.problems[0][3]
    assert Member.select().count() == 1 and Activity.select().count() == 0


def test_two_roster_rows_with_one_number_are_refused_at_the_second(ledger):
    path, _ = ledger
    _with_numbers(path, {"张三": _number("11010519900203002"), "李四": _number("11010519900203002")}, "女")
    with pytest.raises(ImportProblems) as e:
        import_activity_file(path)
    assert [p[:3] for p in e.value.problems] == [("党员名册", 3, "公民身份号码")]
    assert "第 2 行" in e.value.problems[0][3] and Member.select().count() == 0
