"""Party members (党员): checks, saving, listing, and who counts as a young cadre."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from peewee import fn

from models.records import codes, common as records, id_card, validation as v
from models.records.common import ListQuery
from models.records.dates import add_years, chinese_date
from models.records.schema import Member

FIELDS = ("name", "gender", "birth_date", "id_card", "ethnicity", "education", "phone", "workplace", "party_status",
          "join_date", "full_date", "party_post", "job_title", "young_cadre", "came_on", "came_from", "left_on",
          "left_to", "notes")
SEARCH = (Member.name, Member.phone, Member.workplace, Member.job_title, Member.party_post, Member.ethnicity,
          Member.came_from, Member.left_to, Member.notes)
SORTABLE = {"name": Member.name, "gender": Member.gender, "birth_date": Member.birth_date,
            "party_status": Member.party_status, "join_date": Member.join_date, "full_date": Member.full_date,
            "party_post": Member.party_post, "job_title": Member.job_title, "phone": Member.phone,
            "workplace": Member.workplace, "came_on": Member.came_on, "left_on": Member.left_on,
            "deleted_at": Member.deleted_at}
YOUNG_CADRE_AGE = 35
STATES = {"active": "在册", "left": "转出"}                           # the list's 状态 filter
CATEGORIES = {**codes.PARTY_STATUSES, "young": "青年干部"}          # the list's 类别 filter


@dataclass
class MemberQuery(ListQuery):
    state: str = ""      # "" everyone, or a STATES code, as of today
    category: str = ""   # "" everyone, or a CATEGORIES code


def is_young_cadre(row: dict, on: dt.date | None = None) -> bool:
    """The flag as set, or by default: under 35 on the given day."""
    if row.get("young_cadre") is not None:
        return bool(row["young_cadre"])
    birth = row.get("birth_date")
    return bool(birth) and add_years(birth, YOUNG_CADRE_AGE) > (on or records.today())


# Who is in the branch on a day D: arrived by D and not transferred out by D. A member arrives on the day their
# organisational relation was transferred in (转入日期), or else on the day they joined the party here (入党日期);
# one with neither date has always been here. A transfer out takes effect on its day (as dues.in_branch).
def arrival(came_on: dt.date | None, join_date: dt.date | None) -> dt.date | None:
    """The day a member's membership of this branch starts (None: as far back as the records go)."""
    return came_on or join_date


ARRIVED = fn.COALESCE(Member.came_on, Member.join_date)  # arrival, as a column queries select and compare


def in_branch_on(day: dt.date):
    """Members in the branch on a day, as a query condition (as is_active)."""
    return (ARRIVED.is_null() | (ARRIVED <= day)) & (Member.left_on.is_null() | (Member.left_on > day))


def is_active(row: dict, on: dt.date | None = None) -> bool:
    """Whether a member (a row of FIELDS) is in the branch on a day, today if none is given."""
    day, arrived, left = on or records.today(), arrival(row.get("came_on"), row.get("join_date")), row.get("left_on")
    return (arrived is None or arrived <= day) and (left is None or left > day)


def check_member(data: dict) -> dict:
    """Checked, normalised values of a member form, or ValidationError with a message per field."""
    records.require_keys(data, set(FIELDS))
    today = records.today()
    c = v.Checker()
    number = c.run("id_card", id_card.checked, data.get("id_card"), today) or ""
    data = {**data, **_from_number(number, data)}
    out = {
        "name": c.run("name", v.text, data.get("name"), "姓名", 50, required=True),
        "gender": c.run("gender", v.choice, data.get("gender"), "性别", codes.GENDERS),
        "birth_date": c.run("birth_date", v.date, data.get("birth_date"), "出生日期", not_after=today),
        "id_card": number,
        "ethnicity": c.run("ethnicity", v.text, data.get("ethnicity"), "民族", 20),
        "education": c.run("education", v.choice, data.get("education"), "学历", codes.EDUCATIONS, required=False),
        "phone": c.run("phone", v.phone, data.get("phone"), "联系电话"),
        "workplace": c.run("workplace", v.text, data.get("workplace"), "工作单位", 100),
        "party_status": c.run("party_status", v.choice, data.get("party_status"), "党员类别",
                              codes.PARTY_STATUSES),
        "join_date": c.run("join_date", v.date, data.get("join_date"), "入党日期", not_after=today),
        "full_date": c.run("full_date", v.date, data.get("full_date"), "转正日期", not_after=today),
        "party_post": c.run("party_post", v.text, data.get("party_post"), "党内职务", 30),
        "job_title": c.run("job_title", v.text, data.get("job_title"), "职务", 60),
        "came_on": c.run("came_on", v.date, data.get("came_on"), "转入日期", not_after=today),
        "came_from": c.run("came_from", v.text, data.get("came_from"), "转入自", 100),
        "left_on": c.run("left_on", v.date, data.get("left_on"), "转出日期",
                         not_after=today + dt.timedelta(days=366)),
        "left_to": c.run("left_to", v.text, data.get("left_to"), "转往单位", 100),
        "notes": c.run("notes", v.text, data.get("notes"), "备注", 2000),
    }
    young = data.get("young_cadre")
    if young not in (None, True, False):
        c.add("young_cadre", "青年干部应为“是”“否”或“按年龄”")
    out["young_cadre"] = young if young in (None, True, False) else None
    birth, joined, full = out["birth_date"], out["join_date"], out["full_date"]
    if number:
        _agrees_with_number(number, out, c)
    if birth and joined and joined < add_years(birth, 18):
        c.add("join_date", "入党日期应在年满18周岁之后（早于出生日期加18年）")
    if joined and full and full < joined:
        c.add("full_date", "转正日期不能早于入党日期")
    if out["party_status"] == "probationary" and full:
        c.add("full_date", "预备党员尚未转正，转正日期应留空")
    came, left = out["came_on"], out["left_on"]
    if came and joined and came < joined:  # a relation transferred in is a party member's: joined before
        c.add("came_on", f"转入日期不能早于入党日期（{chinese_date(joined)}）")
    if out["came_from"] and not came:
        c.add("came_on", "填写了转入自（原单位），请同时填写转入日期")
    if left and came and left <= came:
        c.add("left_on", f"转出日期应晚于转入日期（{chinese_date(came)}）")
    elif left and joined and left < joined:
        c.add("left_on", "转出日期不能早于入党日期")
    if out["left_to"] and not left:
        c.add("left_on", "填写了转往单位，请同时填写转出日期")
    c.done()
    return out


def _from_number(number: str, data: dict) -> dict:
    """The birth date and sex a valid ID number holds, for those fields left empty (nothing typed twice)."""
    if not number:
        return {}
    out = {}
    if data.get("birth_date") in (None, ""):
        out["birth_date"] = id_card.birth_of(number)
    if data.get("gender") in (None, ""):
        out["gender"] = id_card.gender_of(number)
    return out


def _agrees_with_number(number: str, out: dict, c: v.Checker) -> None:
    born, gender = id_card.birth_of(number), id_card.gender_of(number)
    if out["birth_date"] and out["birth_date"] != born:
        c.add("birth_date", f"出生日期与公民身份号码不一致（号码中为{chinese_date(born)}）")
    if out["gender"] and out["gender"] != gender:
        c.add("gender", f"性别与公民身份号码不一致（号码中为{codes.GENDERS[gender]}）")


def twin_message(number: str, uuid: str | None = None) -> str | None:
    """One person, one record: what is wrong when another live member (not uuid) already has this ID number."""
    if not number:
        return None
    twin = Member.select(Member.name).where(Member.id_card == number, Member.deleted_at.is_null())
    if uuid:
        twin = twin.where(Member.uuid != uuid)
    twin = twin.first()
    return None if twin is None else f"公民身份号码与党员“{twin.name}”相同，同一人请勿重复登记"


def _refuse_twin_number(values: dict, uuid: str | None) -> None:
    message = twin_message(values["id_card"], uuid)
    if message:
        raise v.ValidationError({"id_card": message})


def save_member(data: dict) -> str:
    """Add (no uuid) or update (uuid given) a member; returns the UUID."""
    values = check_member(data)
    _refuse_twin_number(values, data.get("uuid"))
    return records.save(Member, data.get("uuid"), values, version=data.get("version"), current=get_member)


def get_member(uuid: str) -> dict:
    return as_dict(records.get_live(Member, uuid))


def member_snapshot(uuid: str) -> dict:
    """What save_member needs to put this record back exactly as it is now (for undo)."""
    row = records.get_live(Member, uuid)
    return {"uuid": row.uuid, **{name: getattr(row, name) for name in FIELDS}}


def erase_member(uuid: str, version: str | None = None) -> None:
    records.erase(Member, uuid, version)


def as_dict(row: Member) -> dict:
    out = {name: getattr(row, name) for name in FIELDS}
    out.update(uuid=row.uuid, deleted_at=row.deleted_at, version=records.version_of(row))
    out["young"] = is_young_cadre(out)
    out["active"] = is_active(out)
    return out


def filtered(query: ListQuery):
    """The members a list shows: the filter text, then the 状态 and 类别 chosen (a plain ListQuery has none)."""
    select = records.filtered(Member, SEARCH, query)
    today = records.today()
    state, category = getattr(query, "state", ""), getattr(query, "category", "")
    if state == "active":
        select = select.where(in_branch_on(today))
    elif state == "left":
        select = select.where(Member.left_on <= today)
    if category in codes.PARTY_STATUSES:
        select = select.where(Member.party_status == category)
    elif category == "young":  # as is_young_cadre: the flag as set, else born less than 35 years ago
        born_after = add_years(today, -YOUNG_CADRE_AGE)
        select = select.where((Member.young_cadre == True) | (Member.young_cadre.is_null()
                                                               & (Member.birth_date > born_after)))
    return select


def count_members(query: ListQuery) -> int:
    return records.count(filtered(query), query.text)


def list_members(query: ListQuery, offset: int = 0, limit: int = 200) -> list[dict]:
    select = filtered(query)
    return [as_dict(r) for r in records.page(select, Member, SORTABLE, query, offset, limit)]


def active_members(on: dt.date) -> list[dict]:
    """Members in the branch on a day, by name: the people an activity's attendance lists."""
    select = Member.select().where(Member.deleted_at.is_null(), in_branch_on(on)).order_by(Member.name)
    return [as_dict(r) for r in select]


def delete_member(uuid: str, version: str | None = None) -> None:
    """Move a member to the recycle bin; with the version a list showed, only if no one changed it since."""
    records.soft_delete(Member, uuid, version)


def restore_member(uuid: str) -> None:
    records.restore(Member, uuid)
