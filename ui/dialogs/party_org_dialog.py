"""A party organisation's form: its name, kind, set-up and dissolution dates; a new one ticks the organisations it
covers from its set-up day."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from models.records import codes, common as records
from models.records.coverage import get_party
from models.records.party_orgs import WorkQuery, save_party_org, work_list
from ui.dialogs.record_dialog import RecordDialog
from ui.editors.fields import ChoiceField, DateField, NotesField, TextField
from ui.editors.form import Form


class PartyOrgDialog(RecordDialog):
    TITLE = "党组织"
    COLUMNS = 1

    def build_form(self, form: Form) -> None:
        tr = self.tr
        form.add("name", tr("名称"), TextField(100, tr("如：某某区社会组织第一联合党支部")), required=True)
        kind = ChoiceField(codes.PARTY_ORG_KINDS)
        kind.setEnabled(False)  # an independent branch is set up from its organisation's form
        form.add("kind", tr("类型"), kind)
        form.add("set_up_on", tr("成立日期"), DateField(), required=True)
        ended = DateField()
        ended.setToolTip(tr("撤销或改建的日期：自该日起它不再覆盖任何社会组织"))
        form.add("ended_on", tr("撤销日期"), ended)
        form.add("notes", tr("备注"), NotesField(lines=2))
        if self.uuid:  # shown, so a save refused over someone else's change says which organisations it covers now
            covering = TextField(2000)
            covering.setReadOnly(True)
            covering.setClearButtonEnabled(False)
            covering.setToolTip(tr("加入或移出社会组织请用“党组织”页上的按钮"))
            form.add("covering", tr("现覆盖的社会组织"), covering)
        form.fields["kind"].setValue("joint")
        form.fields["set_up_on"].setValue(records.today())

    def build_body(self) -> QWidget:
        form = super().build_body()
        if self.uuid:
            return form
        body = QWidget(self)
        box = QVBoxLayout(body)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(form)
        box.addWidget(QLabel(self.tr("成立时覆盖的社会组织（列出尚未建立党组织的，可多选）："), body))
        self.organisations = QListWidget(body)
        self.organisations.setToolTip(self.tr("勾选自成立之日起由它覆盖的社会组织（列出尚未建立党组织的）"))
        for row in work_list(WorkQuery(missing="no_party_org")):
            item = QListWidgetItem(row["name"], self.organisations)
            item.setData(Qt.ItemDataRole.UserRole, row["uuid"])
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
        box.addWidget(self.organisations, 1)
        return body

    def checked(self) -> list[str]:
        items = (self.organisations.item(i) for i in range(self.organisations.count()))
        return [i.data(Qt.ItemDataRole.UserRole) for i in items if i.checkState() == Qt.CheckState.Checked]

    def load(self, uuid: str) -> dict:
        return get_party(uuid)

    def store(self, data: dict) -> str:
        data.pop("covering", None)
        if not self.uuid:
            data["organisations"] = self.checked()
        return save_party_org(data)
