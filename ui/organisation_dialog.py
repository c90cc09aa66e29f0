"""The social organisation form: registration, party organisation, evaluation and contact."""
from __future__ import annotations

from models import codes
from models.organisations import get_organisation, save_organisation
from ui.fields import ChoiceField, DateField, NotesField, TextField
from ui.form import Form
from ui.record_dialog import RecordDialog


class OrganisationDialog(RecordDialog):
    TITLE = "社会组织信息"

    def build_form(self, form: Form) -> None:
        tr = self.tr
        form.add("name", tr("名称"), TextField(100), required=True)
        form.add("credit_code", tr("统一社会信用代码"), TextField(40, tr("18 位，如 51330100MJ0000000X")))
        form.add("kind", tr("类型"), ChoiceField(codes.ORG_KINDS, blank=tr("请选择")), required=True)
        form.add("registered_on", tr("登记日期"), DateField())
        form.add("legal_rep", tr("法定代表人"), TextField(50))
        form.add("grade", tr("评估等级"), ChoiceField(codes.GRADES))
        form.add("address", tr("地址"), TextField(200))
        form.add("party_org", tr("党组织情况"), ChoiceField(codes.PARTY_ORGS), column=1)
        form.add("party_org_date", tr("党组织成立日期"), DateField(), column=1)
        form.add("instructor", tr("党建工作指导员"), TextField(50), column=1)
        form.add("contact_person", tr("联系人"), TextField(50), column=1)
        form.add("contact_phone", tr("联系电话"), TextField(30), column=1)
        form.add("notes", tr("备注"), NotesField(), column=1)
        form.fields["party_org"].setValue("none")

    def load(self, uuid: str) -> dict:
        return get_organisation(uuid)

    def store(self, data: dict) -> str:
        return save_organisation(data)
