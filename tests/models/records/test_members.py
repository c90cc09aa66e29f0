"""Members: field checks across dates, listing, filtering, sorting, the recycle bin."""
import datetime as dt

import pytest

from models.records.common import ListQuery, NotFound
from models.records.members import (
    active_members,
    count_members,
    delete_member,
    get_member,
    is_young_cadre,
    list_members,
    restore_member,
    save_member,
)
from models.records.validation import ValidationError

BASE = {"name": "王芳", "gender": "female", "party_status": "full", "birth_date": "1990-05-01",
        "join_date": "2012-06-30", "full_date": "2013-06-30", "phone": "13900001111"}


def errors(**changes) -> dict:
    with pytest.raises(ValidationError) as e:
        save_member({**BASE, **changes})
    return e.value.errors


def test_save_and_read_back(store):
    uuid = save_member(BASE)
    member = get_member(uuid)
    assert member["name"] == "王芳" and member["join_date"] == dt.date(2012, 6, 30)
    save_member({**BASE, "uuid": uuid, "job_title": "科长"})
    assert get_member(uuid)["job_title"] == "科长"
    assert count_members(ListQuery()) == 1


def test_each_wrong_field_gets_its_own_message(store):
    got = errors(name="", gender="", phone="123", birth_date="2099-01-01")
    assert set(got) >= {"name", "gender", "phone", "birth_date"}
    assert got["name"] == "请填写姓名"


def test_dates_that_contradict_each_other(store):
    assert "18周岁" in errors(join_date="1995-01-01")["join_date"]
    assert "早于入党日期" in errors(full_date="2011-01-01")["full_date"]
    assert "留空" in errors(party_status="probationary")["full_date"]
    assert "转出日期" in errors(left_to="区民政局")["left_on"]


def test_a_failed_save_changes_nothing(store):
    uuid = save_member(BASE)
    with pytest.raises(ValidationError):
        save_member({**BASE, "uuid": uuid, "name": "新名字", "phone": "abc"})
    assert get_member(uuid)["name"] == "王芳"


def test_unknown_fields_are_refused(store):
    assert "未知字段" in errors(salary="1")["salary"]


def test_young_cadre_by_age_or_as_set():
    born = dt.date(1992, 3, 1)
    assert is_young_cadre({"birth_date": born, "young_cadre": None}, on=dt.date(2027, 2, 28))
    assert not is_young_cadre({"birth_date": born, "young_cadre": None}, on=dt.date(2027, 3, 1))
    assert is_young_cadre({"birth_date": born, "young_cadre": True}, on=dt.date(2040, 1, 1))
    assert not is_young_cadre({"birth_date": None, "young_cadre": None})


def test_filter_sort_and_pages(store):
    for i in range(30):
        save_member({**BASE, "name": f"成员{i:02d}", "job_title": "科员" if i % 3 else "科长", "phone": ""})
    assert count_members(ListQuery(text="科长")) == 10
    assert count_members(ListQuery(text="成员1 科长")) == 3  # every word must match
    assert count_members(ListQuery(text="100%")) == 0
    names = [m["name"] for m in list_members(ListQuery(sort="name", descending=True), 0, 5)]
    assert names == ["成员29", "成员28", "成员27", "成员26", "成员25"]
    second = list_members(ListQuery(sort="name"), 5, 5)
    assert [m["name"] for m in second] == [f"成员{i:02d}" for i in range(5, 10)]


def test_recycle_bin_round_trip(store):
    uuid = save_member(BASE)
    delete_member(uuid)
    assert count_members(ListQuery()) == 0
    assert count_members(ListQuery(deleted=True)) == 1
    with pytest.raises(NotFound):
        get_member(uuid)
    restore_member(uuid)
    assert get_member(uuid)["name"] == "王芳"


def test_active_members_on_a_day(store):
    save_member(BASE)
    save_member({**BASE, "name": "李四", "left_on": "2020-03-01", "left_to": "区民政局"})
    assert [m["name"] for m in active_members(dt.date(2020, 2, 29))] == ["李四", "王芳"]
    assert [m["name"] for m in active_members(dt.date(2020, 3, 1))] == ["王芳"]

    # an activity's and a study session's attendance lists take the same people on the same days
    from models.records.activities import members_for
    from models.records.study import members_on, save_group
    everyone = [{"member": m["uuid"]} for m in active_members(dt.date(2020, 1, 1))]
    group = save_group({"name": "第一学习小组", "members": everyone})
    for day, names in ((dt.date(2020, 2, 29), ["李四", "王芳"]), (dt.date(2020, 3, 1), ["王芳"])):
        assert [m["name"] for m in members_for(day)] == names
        assert [m["name"] for m in members_on(group, day)] == names


def test_filter_by_state_and_category(store, monkeypatch):
    from models.records import common
    from models.records.members import MemberQuery
    monkeypatch.setattr(common, "today", lambda: dt.date(2024, 6, 1))
    save_member({**BASE, "name": "在册正式"})                                   # born 1990: 34, young by age
    save_member({**BASE, "name": "在册预备", "party_status": "probationary", "full_date": None,
                 "birth_date": "1980-01-01", "join_date": "2023-12-01"})
    save_member({**BASE, "name": "已转出", "left_on": "2024-03-01", "left_to": "市财政局"})
    save_member({**BASE, "name": "将转出", "left_on": "2024-07-01", "young_cadre": False})  # still here today
    save_member({**BASE, "name": "按标记青年", "birth_date": "1970-01-01", "young_cadre": True})

    def names(**choices) -> list[str]:
        query = MemberQuery(**choices)
        found = [r["name"] for r in list_members(query)]
        assert count_members(query) == len(found)
        return sorted(found)
    assert len(names()) == 5
    assert names(state="left") == ["已转出"]
    assert names(state="active") == sorted(["在册正式", "在册预备", "将转出", "按标记青年"])
    assert names(category="probationary") == ["在册预备"]
    assert names(state="active", category="young") == sorted(["在册正式", "按标记青年"])
    assert names(category="young") == sorted(["在册正式", "已转出", "按标记青年"])
    # the filter agrees with the rule the list's own column shows
    assert all(r["young"] for r in list_members(MemberQuery(category="young")))
    assert names(state="left", category="probationary") == []
