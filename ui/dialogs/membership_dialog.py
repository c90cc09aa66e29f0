"""An organisation joining or leaving a party organisation on a day (加入/移出社会组织)."""
from __future__ import annotations

from models.records import common as records
from models.records.party_orgs import add_organisation, remove_organisation
from ui.dialogs.record_dialog import RecordDialog
from ui.editors.fields import ChoiceField, DateField
from ui.editors.form import Form


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
        change(self.party["uuid"], data["organisation"], data["date"])
        return self.party["uuid"]

    @classmethod
    def ask(cls, parent, party: dict, options: dict, adding: bool) -> str | None:
        """The organisation's uuid once the change is saved, or None."""
        dialog = cls(parent, party, options, adding)
        if dialog.exec() != cls.DialogCode.Accepted:
            return None
        return dialog.values()["organisation"]
