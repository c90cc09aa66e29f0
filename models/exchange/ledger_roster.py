"""The 党员名册 sheet a ledger carries, so it imports anywhere: members as rows, and those a store lacks planned.

The sheet shows the 公民身份号码 masked, as lists do: an activities ledger is handed to whoever inspects the
branch's work, who needs to know who attended, not the number that identifies a person in every other register.
A member created from the sheet therefore gets no number (the masked form is read as none); the whole number
travels between the branch's own PCs in a data package."""
from __future__ import annotations

import datetime as dt
import uuid as uuidlib

from models.exchange.import_problems import Problem
from models.exchange.ledger_rows import chunks, normalise_name
from models.records import codes, id_card, validation as v
from models.records.members import FIELDS, check_member, save_member, twin_message
from models.records.schema import Member

ROSTER_SHEET = "党员名册"
ROSTER_COLUMNS = {"姓名": "name", "性别": "gender", "出生日期": "birth_date", "公民身份号码": "id_card", "民族": "ethnicity",
                  "学历": "education", "联系电话": "phone", "工作单位": "workplace", "党员类别": "party_status",
                  "入党日期": "join_date", "转正日期": "full_date", "党内职务": "party_post", "职务": "job_title",
                  "青年干部": "young_cadre", "转入日期": "came_on", "转入自": "came_from", "转出日期": "left_on",
                  "转往单位": "left_to", "备注": "notes", "编号": "uuid"}
ROSTER_DATES = {"出生日期", "入党日期", "转正日期", "转入日期", "转出日期"}
LABELLED = {"gender": codes.GENDERS, "education": codes.EDUCATIONS, "party_status": codes.PARTY_STATUSES}
YOUNG = {True: "是", False: "否", None: ""}  # blank: by age, as the form's 按年龄


class NewMembers(Exception):
    """The file's 党员名册 names members this store lacks, and nobody said yet to add them; nothing was saved."""

    def __init__(self, names: list[str]):
        self.names = names
        super().__init__(f"文件的“{ROSTER_SHEET}”中有 {len(names)} 位党员本机没有：{'、'.join(names[:5])}"
                         + ("等" if len(names) > 5 else ""))


def roster_rows(also: set[str] = frozenset()) -> list[list]:
    """Every live member, and those named in also (the ledger's attendance) even from the recycle bin: by name,
    each a row of ROSTER_COLUMNS' values."""
    live = list(Member.select().where(Member.deleted_at.is_null()))
    seen = {m.uuid for m in live}
    for chunk in chunks(sorted(set(also) - seen)):
        live.extend(Member.select().where(Member.uuid.in_(chunk)))
    out = []
    for m in sorted(live, key=lambda m: (m.name, m.id)):
        values = {key: getattr(m, key) for key in FIELDS}
        values.update({key: labels.get(values[key], values[key]) for key, labels in LABELLED.items()},
                      young_cadre=YOUNG[m.young_cadre], uuid=m.uuid, id_card=id_card.masked(m.id_card))
        out.append([values[key] for key in ROSTER_COLUMNS.values()])
    return out


def _member(row: dict) -> dict:
    """A roster row as the member form's data: labels back to codes, 是/否/blank back to the young-cadre flag."""
    data = {}
    for header, key in ROSTER_COLUMNS.items():
        value = row.get(header)
        if key in FIELDS:  # dates pass as dates (the form's check reads both), everything else as text
            data[key] = value if isinstance(value, dt.date) else "" if value is None else v.clean(str(value))
    for key, labels in LABELLED.items():
        codes_by_label = {normalise_name(label): code for code, label in labels.items()}
        data[key] = codes_by_label.get(normalise_name(data[key]), data[key].strip())
    if id_card.is_masked(data["id_card"]):  # the sheet's own masked form: no number, not a wrong one
        data["id_card"] = ""
    young = normalise_name(data["young_cadre"])
    data["young_cadre"] = {"是": True, "否": False, "": None, "按年龄": None}.get(young, young)
    return data


def plan_roster(rows: list[dict], members: dict[str, list[str]], former: dict[str, list[str]], row_key: str,
                problems: list) -> list[dict]:
    """The roster's members this store has by no name: checked as the member form checks them, to be created
    under the 编号 they carry. members (live, by normalised name) gains them and those found by 编号 under another
    name here, so the attendance sheet finds both."""
    header_of = {key: header for header, key in ROSTER_COLUMNS.items()}
    given = [u for u in (_uuid(r.get("编号")) for r in rows) if u]
    here = {}
    for chunk in chunks(given):
        here.update(dict(Member.select(Member.uuid, Member.name).where(Member.uuid.in_(chunk)).tuples()))
    planned, taken, numbered, out = set(), {}, {}, []
    known = set(members) | set(former)  # the names this store has (members gains the planned ones as they come)
    for i, row in enumerate(rows):
        number, data = row.get(row_key, i + 2), _member(row)
        name = normalise_name(data["name"])
        uuid = _uuid(row.get("编号"))
        if uuid in here:  # the same member, perhaps named otherwise here
            if uuid not in members.get(name, []) + former.get(name, []):
                members.setdefault(name, []).append(uuid)
            continue
        if name in known:
            continue  # a member here keeps what this store says of them
        try:
            values = check_member(data)
        except v.ValidationError as e:
            problems += [Problem(ROSTER_SHEET, number, header_of.get(key, ""), message)
                         for key, message in e.errors.items()]
            if name:  # the attendance sheet finds the name: its rows are not told again as unknown members
                members.setdefault(name, [f"{ROSTER_SHEET}:{number}"])
            continue
        if name in planned and not (uuid and uuid not in taken):  # namesakes are told apart by their 编号
            problems.append(Problem(ROSTER_SHEET, number, "姓名", f"“{data['name'][:20]}”在名册中出现了两次"))
            continue
        if uuid in taken:
            problems.append(Problem(ROSTER_SHEET, number, "编号", f"编号与第 {taken[uuid]} 行相同；新党员的编号请留空"))
            continue
        twin = numbered.get(values["id_card"])
        twin = f"公民身份号码与第 {twin} 行相同，同一人请勿重复登记" if twin else twin_message(values["id_card"])
        if twin:  # found here, at its row, not when the import saves it
            problems.append(Problem(ROSTER_SHEET, number, header_of["id_card"], twin))
            members.setdefault(name, [f"{ROSTER_SHEET}:{number}"])  # as above: not told again as unknown
            continue
        if values["id_card"]:
            numbered[values["id_card"]] = number
        planned.add(name)
        uuid = uuid or str(uuidlib.uuid4())
        taken[uuid] = number
        out.append({"uuid": uuid, "values": values, "name": values["name"]})
        members.setdefault(name, []).append(uuid)
    return out


def _uuid(value) -> str | None:
    try:
        return str(uuidlib.UUID(str(value).strip())) if value else None
    except ValueError:
        return None


def add_members(planned: list[dict]) -> None:
    """The planned members created, each under its 编号 (inside the import's transaction)."""
    for member in planned:
        save_member({**member["values"], "uuid": member["uuid"]})
