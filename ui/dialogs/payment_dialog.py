"""One month of a member's dues paid: the day and the amount (the amount due offered; more is welcome)."""
from __future__ import annotations

from models.records import common as records
from models.records.dues import payment_snapshot, payment_version, record_payment, yuan
from ui.dialogs.record_dialog import RecordDialog
from ui.editors.fields import DateField, TextField
from ui.editors.form import Form


class PaymentDialog(RecordDialog):
    TITLE = "登记党费"
    COLUMNS = 1

    def __init__(self, parent, member: str, year: int, month: int, name: str, due_fen: int):
        self.key, self.due_fen = (member, year, month), due_fen
        found = payment_snapshot(member, year, month)
        super().__init__(parent, None, found or {"paid_on": records.today(), "amount": yuan(due_fen)})
        self.version = payment_version(member, year, month)  # "" unpaid: a payment made meanwhile is not overwritten
        self.setWindowTitle(self.tr("%1 %2年%3月党费").replace("%1", name).replace("%2", str(year))
                            .replace("%3", str(month)))

    def build_form(self, form: Form) -> None:
        tr = self.tr
        form.add("paid_on", tr("交纳日期"), DateField(), required=True)
        form.add("amount", tr("实交金额（元）"), TextField(20, tr("应交 %1 元，可以多交").replace("%1", yuan(self.due_fen))),
                 required=True)
        form.add("note", tr("备注"), TextField(200))

    def store(self, data: dict) -> str:
        data.pop("uuid", None)
        version = data.pop("version", None)
        return record_payment(*self.key, data, version)

    def settle(self, e: records.ConflictError) -> bool:
        """Changed on another PC meanwhile: both shown (RecordDialog.settle); taken away meanwhile: said, and saving
        again records what is typed."""
        if e.stored is not None:
            return super().settle(e)
        self.version = ""
        self.message.setText(self.tr("这个月的缴费记录已被%1在其他电脑上删除，您填写的内容没有保存，仍保留在表单中；"
                                     "再次点“保存”即按表单内容重新登记。").replace("%1", e.by or self.tr("他人")))
        self.message.show()
        return False

    @classmethod
    def ask(cls, parent, member: str, year: int, month: int, name: str, due_fen: int, replaced=None) -> str | None:
        dialog = cls(parent, member, year, month, name, due_fen)
        dialog.replaced = replaced
        return dialog.saved_uuid if dialog.exec() == cls.DialogCode.Accepted else None
