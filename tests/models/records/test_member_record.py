"""The member record: the 公民身份号码 (checksum, birth date and sex it holds, masked form), and the transfer in and
out of the branch honoured on boundary days by attendance lists, study sessions, dues, new-member steps and the
data-health checks."""
import datetime as dt

import pytest

from models.records import common as records, development as dev, development_steps as steps, id_card
from models.records.activities import members_for, save_activity
from models.records.dues import due_months, save_base
from models.records.dues_accounts import month_collection, year_bases
from models.records.members import MemberQuery, active_members, check_member, is_active, list_members, save_member
from models.records.study import members_on, save_group
from models.records.validation import ValidationError
from models.reporting.health import outside_membership

TODAY = dt.date(2026, 6, 30)
FULL = {"gender": "male", "party_status": "full", "join_date": "2001-07-01", "full_date": "2002-07-01"}
FIELDS = ("name", "gender", "birth_date", "id_card", "ethnicity", "education", "phone", "workplace", "party_status",
          "join_date", "full_date", "party_post", "job_title", "young_cadre", "came_on", "came_from", "left_on",
          "left_to", "notes")


def form(**values) -> dict:
    return {key: values.get(key) for key in FIELDS}


def problems(**values) -> dict:
    with pytest.raises(ValidationError) as e:
        check_member(form(**values))
    return e.value.errors


@pytest.fixture
def today(monkeypatch):
    monkeypatch.setattr(records, "today", lambda: TODAY)
    return TODAY


# -- the number ------------------------------------------------------------------
@pytest.mark.parametrize("number", ["11010519491231002X", "440304198510113030", "320102197602290012"])
def test_well_formed_numbers_pass_their_checksum(number):
    assert id_card.checked(number, TODAY) == number


def test_a_small_x_full_width_digits_and_spaces_are_read_as_the_number():
    assert id_card.checked(" 11010519491231002x ", TODAY) == "11010519491231002X"
    assert id_card.checked("１１０１０５１９４９１２３１００２Ｘ", TODAY) == "11010519491231002X"
    assert id_card.checked("", TODAY) == "" and id_card.checked(None, TODAY) == ""


@pytest.mark.parametrize("number, words", [
    ("110105194912310021", "校验码不对（最后一位应为 X）"),       # one character off: the checksum says so
    ("11010519491231002", "应为18位，现有 17 位"),
    ("1101051949123100XX", "17位数字加1位校验码"),
    ("110105199902300011", "“19990230”不是有效日期"),          # 30 February
    ("110105197702290011", "“19770229”不是有效日期"),          # not a leap year
    ("110105203001010011", "不在合理范围内"),                   # born in the future
])
def test_a_wrong_number_says_what_is_wrong(number, words):
    with pytest.raises(ValidationError) as e:
        id_card.checked(number, TODAY)
    assert words in e.value.errors[""]


def test_the_masked_form_hides_the_birth_date_and_keeps_region_and_last_four():
    assert id_card.masked("11010519491231002X") == "110105********002X"
    assert id_card.is_masked("110105********002X") and not id_card.is_masked("11010519491231002X")
    assert id_card.masked("") == ""


def test_the_form_fills_birth_date_and_sex_from_the_number_and_says_where_they_disagree(today):
    out = check_member(form(name="黄露", party_status="full", id_card="11010519491231002x"))
    assert (out["id_card"], out["birth_date"], out["gender"]) == ("11010519491231002X", dt.date(1949, 12, 31), "female")
    errors = problems(name="黄露", party_status="full", id_card="11010519491231002X", gender="male",
                      birth_date="1949-12-30")
    assert errors["birth_date"] == "出生日期与公民身份号码不一致（号码中为1949年12月31日）"
    assert errors["gender"] == "性别与公民身份号码不一致（号码中为女）"
    assert "校验码" in problems(name="黄露", party_status="full", id_card="110105194912310021")["id_card"]


def test_one_number_is_one_person(store, today):
    first = save_member({**form(name="黄露", party_status="full", id_card="11010519491231002X")})
    with pytest.raises(ValidationError) as e:
        save_member(form(name="黄璐", party_status="full", id_card="11010519491231002X"))
    assert e.value.errors == {"id_card": "公民身份号码与党员“黄露”相同，同一人请勿重复登记"}
    save_member({**form(name="黄露", party_status="full", id_card="11010519491231002X", phone="13800000000"),
                 "uuid": first})  # the same record saved again keeps its number



def test_the_change_history_keeps_the_number_masked_and_says_it_changed(store, today):
    from models.records import audit
    from models.records.schema import AuditEntry
    uuid = save_member(form(name="黄露", party_status="full", id_card="11010519491231002X"))
    save_member({**form(name="黄露", party_status="full", id_card="440304198510113030"), "uuid": uuid})
    changed, created = audit.history(uuid)
    assert created["changes"]["id_card"] == [None, "110105********002X"]
    assert changed["changes"] == {"id_card": ["110105********002X", "440304********3030"],
                                  "birth_date": ["1949-12-31", "1985-10-11"], "gender": ["female", "male"]}
    stored = " ".join(e.changes + e.summary for e in AuditEntry.select())
    assert "11010519491231002X" not in stored and "440304198510113030" not in stored


# -- the transfer's own dates ------------------------------------------------------
def test_the_transfer_dates_are_checked_against_each_other(today):
    base = {"name": "甲", **FULL}
    assert problems(**base, came_on="2000-01-01")["came_on"] == "转入日期不能早于入党日期（2001年7月1日）"
    assert problems(**base, came_on="2024-07-01", left_on="2024-07-01")["left_on"] == \
        "转出日期应晚于转入日期（2024年7月1日）"
    assert problems(**base, came_from="区民政局机关党支部")["came_on"] == "填写了转入自（原单位），请同时填写转入日期"
    assert "不能晚于2026年6月30日" in problems(**base, came_on="2026-07-01")["came_on"]
    out = check_member(form(**base, came_on="2024-07-01", came_from="区民政局机关党支部", left_on="2025-06-15",
                            left_to="省厅机关党委", workplace="市民政局社会组织管理科"))
    assert (out["came_on"], out["came_from"], out["workplace"]) == (dt.date(2024, 7, 1), "区民政局机关党支部",
                                                                    "市民政局社会组织管理科")


# -- who is in the branch on a day ---------------------------------------------------
@pytest.fixture
def branch(store, today):
    """甲 here since joining in 2001; 乙 transferred in on 1 July 2024 and out on 15 June 2025; 丙 joined the party
    here on 1 March 2025; 丁 has no dates at all."""
    return {"甲": save_member({"name": "甲", **FULL}),
            "乙": save_member({"name": "乙", **FULL, "came_on": "2024-07-01", "came_from": "区民政局机关党支部",
                              "left_on": "2025-06-15", "left_to": "省厅机关党委"}),
            "丙": save_member({"name": "丙", "gender": "female", "party_status": "probationary",
                              "join_date": "2025-03-01"}),
            "丁": save_member({"name": "丁", "gender": "female", "party_status": "full"})}


BOUNDARIES = [(dt.date(2024, 6, 30), {"甲", "丁"}), (dt.date(2024, 7, 1), {"甲", "乙", "丁"}),
              (dt.date(2025, 2, 28), {"甲", "乙", "丁"}), (dt.date(2025, 3, 1), {"甲", "乙", "丙", "丁"}),
              (dt.date(2025, 6, 14), {"甲", "乙", "丙", "丁"}), (dt.date(2025, 6, 15), {"甲", "丙", "丁"})]


@pytest.mark.parametrize("day, expected", BOUNDARIES, ids=lambda x: str(x) if isinstance(x, dt.date) else "")
def test_the_branch_on_a_day_honours_transfer_in_and_out(branch, day, expected):
    assert {m["name"] for m in active_members(day)} == expected
    assert {m["name"] for m in members_for(day)} == expected  # what a meeting of that day offers
    everyone = list_members(MemberQuery(), 0, 50)
    assert {m["name"] for m in everyone if is_active(m, day)} == expected  # the same rule in Python


def test_a_study_session_offers_the_groups_members_then_in_the_branch(branch):
    group = save_group({"name": "青年学习小组", "members": [{"member": u} for u in branch.values()]})
    assert {m["name"] for m in members_on(group, dt.date(2024, 6, 30))} == {"甲", "丁"}
    assert {m["name"] for m in members_on(group, dt.date(2025, 6, 15))} == {"甲", "丙", "丁"}


def test_the_member_list_in_the_branch_today(branch):
    names = {m["name"] for m in list_members(MemberQuery(state="active"), 0, 50)}
    left = {m["name"] for m in list_members(MemberQuery(state="left"), 0, 50)}
    assert (names, left) == ({"甲", "丙", "丁"}, {"乙"})


def test_dues_run_from_the_month_of_the_transfer_in(branch):
    assert due_months(2024, dt.date(2024, 7, 20), None) == [7, 8, 9, 10, 11, 12]
    assert due_months(2025, dt.date(2024, 7, 1), dt.date(2025, 6, 15)) == [1, 2, 3, 4, 5, 6]
    for uuid in branch.values():
        for year in (2024, 2025):
            save_base(uuid, year, {"category": "employed", "income": "6000", "due": "", "note": ""})
    months = {(r["name"], r["year"]): r["months"] for y in (2024, 2025) for r in year_bases(y)}
    assert months[("乙", 2024)] == [7, 8, 9, 10, 11, 12] and months[("乙", 2025)] == [1, 2, 3, 4, 5, 6]
    assert {r["name"] for r in month_collection(2024, 6)["rows"]} == {"甲", "丁"}
    assert {r["name"] for r in month_collection(2024, 7)["rows"]} == {"甲", "乙", "丁"}
    assert {r["name"] for r in month_collection(2025, 7)["rows"]} == {"甲", "丙", "丁"}


def test_a_payment_before_the_transfer_in_is_refused_saying_so(branch):
    from models.records.dues import record_payment
    save_base(branch["乙"], 2024, {"category": "employed", "income": "6000", "due": "", "note": ""})
    with pytest.raises(ValidationError) as e:
        record_payment(branch["乙"], 2024, 6, {"paid_on": dt.date(2024, 6, 5)})
    assert e.value.errors[""] == "乙2024年6月不在本支部（转入之前），不需交纳党费"


def test_a_member_not_yet_transferred_in_takes_no_part_in_a_new_members_step(branch):
    uuid = dev.save_applicant({"name": "张三", "gender": "male", "birth_date": "2000-01-01",
                               "applied_on": "2024-06-10", "workplace": "", "post": "", "phone": "", "notes": ""})
    with pytest.raises(ValidationError) as e:
        steps.record_step(uuid, "talk", {"date": "2024-06-30", "people": [branch["乙"]]})
    assert e.value.errors["people"] == "乙在2024年6月30日不在本支部"
    steps.record_step(uuid, "talk", {"date": "2024-07-01", "people": [branch["乙"]]})


def test_data_health_names_attendance_before_a_transfer_in(branch):
    save_activity({"type": "theme_day", "title": "六月主题党日", "date": "2024-06-20",
                   "attendance": [{"member": branch["甲"], "status": "present"},
                                  {"member": branch["乙"], "status": "present"}]})
    total, rows = outside_membership(10)
    assert total == 1 and rows[0]["problem"] == "出席记录早于乙的转入日期2024-07-01"


def test_data_health_names_transfer_dates_that_contradict(branch):
    from models.records.schema import Member
    from models.reporting.health import member_dates
    Member.update(came_on=dt.date(2000, 1, 1)).where(Member.name == "甲").execute()  # as an older tool wrote it
    Member.update(left_on=dt.date(2024, 7, 1)).where(Member.name == "乙").execute()
    total, rows = member_dates(10)
    assert {(r["title"], r["problem"]) for r in rows} == {("甲", "转入日期早于入党日期"), ("乙", "转出日期不晚于转入日期")}


def test_data_health_names_an_id_number_that_disagrees_with_the_birth_date_or_sex_beside_it(branch):
    from models.records.schema import Member
    from models.reporting.health import member_dates
    # as a package or an older tool may write them: the number says 1949-12-31 and a woman
    Member.update(id_card="11010519491231002X", birth_date=dt.date(1950, 1, 1)).where(Member.name == "甲").execute()
    Member.update(id_card="11010519491231002X", birth_date=dt.date(1949, 12, 31), gender="male").where(
        Member.name == "乙").execute()
    total, rows = member_dates(10)
    assert {(r["title"], r["problem"]) for r in rows} == {("甲", "出生日期与公民身份号码不符"),
                                                         ("乙", "性别与公民身份号码不符")}


def test_data_health_names_members_who_share_an_id_number(branch):
    from models.records.schema import Member
    from models.reporting.health import find_problems
    # one person entered on two PCs and brought together by a data package (the form refuses the second)
    Member.update(id_card="11010519491231002X").where(Member.name.in_(["甲", "乙"])).execute()
    found = {c["code"]: c for c in find_problems()}["shared_id_card"]
    assert found["count"] == 2
    assert {(r["title"], r["problem"]) for r in found["rows"]} == {("甲", "公民身份号码与党员“乙”相同"),
                                                                   ("乙", "公民身份号码与党员“甲”相同")}
    Member.update(deleted_at=dt.datetime(2024, 1, 1)).where(Member.name == "乙").execute()  # the extra one binned
    assert "shared_id_card" not in {c["code"] for c in find_problems()}
