"""The member form: every field of a party member, in two columns; the ID number shown in full to the person
editing it (lists show it masked), and the birth date and sex it holds filled in when left empty."""
from __future__ import annotations

from models.records import codes, common as records, id_card
from models.records.members import get_member, save_member
from models.records.validation import ValidationError
from ui.dialogs.record_dialog import RecordDialog
from ui.editors.fields import ChoiceField, DateField, EditableChoiceField, NotesField, TextField, TriStateField
from ui.editors.form import Form


class MemberDialog(RecordDialog):
    TITLE = "党员信息"

    def build_form(self, form: Form) -> None:
        tr = self.tr
        form.add("name", tr("姓名"), TextField(50), required=True)
        # room for the number as it is often written and pasted, in groups with spaces (3301 0619 …): checked()
        # folds them away
        form.add("id_card", tr("公民身份号码"), TextField(24, tr("18位，可只填号码，出生日期和性别随之填入")))
        form.add("gender", tr("性别"), ChoiceField(codes.GENDERS, blank=tr("请选择")), required=True)
        form.add("birth_date", tr("出生日期"), DateField())
        form.add("ethnicity", tr("民族"), EditableChoiceField(codes.ETHNICITIES))
        form.add("education", tr("学历"), ChoiceField(codes.EDUCATIONS, blank=tr("未填")))
        form.add("phone", tr("联系电话"), TextField(30, tr("手机或固定电话")))
        form.add("workplace", tr("工作单位"), TextField(100))
        form.add("job_title", tr("职务职级"), TextField(60))
        form.add("young_cadre", tr("青年干部"), TriStateField(tr("按年龄（35岁以下）")))
        form.add("party_status", tr("党员类别"), ChoiceField(codes.PARTY_STATUSES, blank=tr("请选择")),
                 column=1, required=True)
        form.add("join_date", tr("入党日期"), DateField(), column=1)
        form.add("full_date", tr("转正日期"), DateField(), column=1)
        form.add("party_post", tr("党内职务"), EditableChoiceField(codes.PARTY_POSTS), column=1)
        form.add("came_on", tr("转入日期"), DateField(), column=1)
        form.add("came_from", tr("转入自"), TextField(100, tr("组织关系转入前所在的党组织")), column=1)
        form.add("left_on", tr("转出日期"), DateField(), column=1)
        form.add("left_to", tr("转往单位"), TextField(100), column=1)
        form.add("notes", tr("备注"), NotesField(), column=1)
        form.fields["ethnicity"].setValue("汉族")
        form.fields["id_card"].textChanged.connect(self.fill_from_number)

    def fill_from_number(self) -> None:
        """A complete, valid number fills the birth date and sex left empty (a disagreement is told on saving)."""
        try:
            number = id_card.checked(self.field("id_card").value(), records.today())
        except ValidationError:
            return
        if not number:
            return
        if self.field("birth_date").value() is None:
            self.field("birth_date").setValue(id_card.birth_of(number))
        if not self.field("gender").value():
            self.field("gender").setValue(id_card.gender_of(number))

    def load(self, uuid: str) -> dict:
        return get_member(uuid)

    def store(self, data: dict) -> str:
        return save_member(data)
