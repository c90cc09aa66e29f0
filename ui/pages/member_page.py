"""The 党员 page: every member, filter, sort, add, edit, move to the recycle bin."""
from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout

from models.records import codes, id_card
from models.records.members import (
    CATEGORIES,
    STATES,
    MemberQuery,
    count_members,
    delete_member,
    erase_member,
    list_members,
    member_snapshot,
    restore_member,
    save_member,
)
from ui.dialogs.member_dialog import MemberDialog
from ui.pages.record_page import RecordPage
from ui.widgets.labels import code_label, date_text
from ui.widgets.record_table import DATE, Column


class MemberPage(RecordPage):
    TITLE = "党员"
    NOUN = "党员"
    FILTER_HINT = "筛选：姓名、电话、工作单位、职务、民族、备注……（Ctrl+F）"
    DIALOG = MemberDialog
    KIND = "member"

    def columns(self) -> list[Column]:
        tr = self.tr
        return [
            Column("name", tr("姓名"), chars=4),
            Column("gender", tr("性别"), lambda r: code_label(codes.GENDERS, r["gender"])),
            Column("birth_date", tr("出生日期"), lambda r: date_text(r["birth_date"]), sample=DATE),
            Column("party_status", tr("党员类别"), lambda r: code_label(codes.PARTY_STATUSES, r["party_status"])),
            Column("join_date", tr("入党日期"), lambda r: date_text(r["join_date"]), sample=DATE),
            Column("full_date", tr("转正日期"), lambda r: date_text(r["full_date"]), sample=DATE),
            Column("party_post", tr("党内职务"), chars=5),
            Column("job_title", tr("职务职级"), chars=7),
            Column("phone", tr("联系电话"), sample="00000000000"),
            Column("young", tr("青年干部"), lambda r: tr("是") if r["young"] else "", sortable=False),
            Column("left_on", tr("状态"), lambda r: tr("在册") if r["active"]
                   else tr("%1 转出").replace("%1", date_text(r["left_on"])), sample=DATE + tr(" 转出")),
            Column("workplace", tr("工作单位"), chars=8, fill=True),
            # masked, as every list and circulated file shows it; whole only in the form, to the person editing
            Column("id_card", tr("公民身份号码"), lambda r: id_card.masked(r["id_card"]), sample="000000********000X",
                   sortable=False),
        ]

    def make_query(self) -> MemberQuery:
        return MemberQuery()

    def add_filters(self, layout: QHBoxLayout) -> None:
        self.choice_filter(layout, "state", self.tr("状态"), STATES)
        self.choice_filter(layout, "category", self.tr("类别"), CATEGORIES)

    def count(self, query) -> int:
        return count_members(query)

    def fetch(self, query, offset: int, limit: int) -> list[dict]:
        return list_members(query, offset, limit)

    def remove(self, uuid: str, version: str | None = None) -> None:
        delete_member(uuid, version)

    def snapshot(self, uuid: str) -> dict:
        return member_snapshot(uuid)

    def put_back(self, data: dict) -> None:
        save_member(data)

    def erase(self, uuid: str, version: str | None = None) -> None:
        erase_member(uuid, version)

    def restore(self, uuid: str) -> None:
        restore_member(uuid)
