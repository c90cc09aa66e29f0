"""The form of a person on the path to membership: who they are and when they applied (the steps: step_dialog)."""
from __future__ import annotations

from models.records import codes
from models.records.development import get_applicant, save_applicant
from ui.dialogs.record_dialog import RecordDialog
from ui.editors.fields import ChoiceField, DateField, NotesField, TextField
from ui.editors.form import Form


class ApplicantDialog(RecordDialog):
    TITLE = "入党申请人"

    def build_form(self, form: Form) -> None:
        tr = self.tr
        form.add("name", tr("姓名"), TextField(50), required=True)
        form.add("gender", tr("性别"), ChoiceField(codes.GENDERS, blank=tr("请选择")), required=True)
        form.add("birth_date", tr("出生日期"), DateField(), required=True)
        form.add("phone", tr("联系电话"), TextField(30, tr("手机或固定电话")))
        form.add("applied_on", tr("申请日期"), DateField(), column=1, required=True)
        form.add("workplace", tr("工作单位"), TextField(100), column=1)
        form.add("post", tr("职务"), TextField(60), column=1)
        form.add("notes", tr("备注"), NotesField(), column=1)
        form.fields["applied_on"].setToolTip(tr("递交入党申请书的日期：党组织应在一个月内派人谈话（《中国共产党发展党员工作细则》第七条）"))

    def load(self, uuid: str) -> dict:
        return get_applicant(uuid)

    def store(self, data: dict) -> str:
        return save_applicant(data)
