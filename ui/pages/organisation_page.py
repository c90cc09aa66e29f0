"""The 社会组织 page: the registry of organisations the section supervises and works with."""
from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout

from models.records import codes
from models.records.organisations import (
    GRADE_CHOICES,
    OrganisationQuery,
    count_organisations,
    delete_organisation,
    erase_organisation,
    list_organisations,
    organisation_snapshot,
    restore_organisation,
    save_organisation,
)
from ui.dialogs.organisation_dialog import OrganisationDialog
from ui.pages.record_page import RecordPage
from ui.widgets.labels import code_label, date_text
from ui.widgets.record_table import DATE, Column


class OrganisationPage(RecordPage):
    TITLE = "社会组织"
    NOUN = "社会组织"
    FILTER_HINT = "筛选：名称、信用代码、法定代表人、指导员、地址……（Ctrl+F）"
    DIALOG = OrganisationDialog
    KIND = "organisation"

    def columns(self) -> list[Column]:
        tr = self.tr
        return [
            Column("name", tr("名称"), chars=10, fill=True),
            Column("credit_code", tr("统一社会信用代码"), sample="51330100MJ0000000X"),
            # 社会服务机构 without its long aside (民办非企业单位), which the form shows
            Column("kind", tr("类型"), lambda r: code_label(codes.ORG_KINDS, r["kind"]).split("（")[0], chars=6),
            Column("registered_on", tr("登记日期"), lambda r: date_text(r["registered_on"]), sample=DATE),
            Column("legal_rep", tr("法定代表人")),
            Column("party_org", tr("党组织"), lambda r: code_label(codes.PARTY_ORGS, r["party_org"]), chars=5),
            Column("instructor", tr("党建工作指导员")),
            Column("grade", tr("评估等级"), lambda r: r["grade"] or tr("无")),
            Column("contact_phone", tr("联系电话"), sample="0571-00000000"),
        ]

    def make_query(self) -> OrganisationQuery:
        return OrganisationQuery()

    def add_filters(self, layout: QHBoxLayout) -> None:
        self.choice_filter(layout, "party_org", self.tr("党组织"), codes.PARTY_ORGS)
        self.choice_filter(layout, "grade", self.tr("评估等级"), GRADE_CHOICES)

    def count(self, query) -> int:
        return count_organisations(query)

    def fetch(self, query, offset: int, limit: int) -> list[dict]:
        return list_organisations(query, offset, limit)

    def remove(self, uuid: str, version: str | None = None) -> None:
        delete_organisation(uuid, version)

    def snapshot(self, uuid: str) -> dict:
        return organisation_snapshot(uuid)

    def put_back(self, data: dict) -> None:
        save_organisation(data, undoing=True)

    def erase(self, uuid: str, version: str | None = None) -> None:
        erase_organisation(uuid, version)

    def restore(self, uuid: str) -> None:
        restore_organisation(uuid)
