"""An organisation joining or leaving a party organisation on a day (加入/移出社会组织)."""
from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from models.records import common as records
from models.records.common import ConflictError
from models.records.party_orgs import add_organisation, remove_organisation
from ui.dialogs.record_dialog import RecordDialog
from ui.editors.fields import ChoiceField, DateField
from ui.editors.form import Form
from ui.widgets.labels import local_time_text


class MembershipDialog(RecordDialog):
    TITLE = "调整党组织覆盖的社会组织"
    COLUMNS = 1

    def __init__(self, parent, party: dict, options: dict, adding: bool):
        self.party, self.options, self.adding = party, options, adding
        super().__init__(parent, None, {"date": records.today()})
        what = self.tr("加入“%1”") if adding else self.tr("移出“%1”")
        self.setWindowTitle(what.replace("%1", party["name"]))

    def build_form(self, form: Form) -> None:
        tr = self.tr
        form.add("organisation", tr("社会组织"), ChoiceField(self.options, blank=tr("请选择")), required=True)
        date = DateField()
        date.setToolTip(tr("加入：自该日起由它覆盖（原属的党组织同日移出）；移出：自该日起不再由它覆盖"))
        form.add("date", tr("加入日期") if self.adding else tr("移出日期"), date, required=True)

    def store(self, data: dict) -> str:
        if not data.get("organisation"):
            from models.records.validation import ValidationError
            raise ValidationError({"organisation": self.tr("请选择社会组织")})
        change = add_organisation if self.adding else remove_organisation
        change(self.party["uuid"], data["organisation"], data["date"], self.party.get("version"))
        return self.party["uuid"]

    def settle(self, e: ConflictError) -> bool:
        """Someone else changed the party organisation since the page read it: say who, when and what it covers
        now; the choice stays in the form, and 保存 again makes the change over theirs."""
        tr = self.tr
        stored = e.stored or {}
        QMessageBox.warning(self, self.windowTitle(), tr(
            "“%1”在页面读取后已被%2修改%3，您的调整没有保存。\n\n它现在覆盖：%4\n\n所选内容仍保留在表单中；"
            "核对后再按“保存”即在此基础上调整，按“取消”则放弃。")
            .replace("%1", stored.get("name") or self.party["name"]).replace("%2", e.by or tr("他人"))
            .replace("%3", tr("（%1）").replace("%1", local_time_text(e.at)) if e.at else "")
            .replace("%4", stored.get("covering") or tr("（无）")))
        self.party = {**self.party, "version": stored.get("version")}
        return False

    @classmethod
    def ask(cls, parent, party: dict, options: dict, adding: bool) -> str | None:
        """The organisation's uuid once the change is saved, or None."""
        dialog = cls(parent, party, options, adding)
        if dialog.exec() != cls.DialogCode.Accepted:
            return None
        return dialog.values()["organisation"]
