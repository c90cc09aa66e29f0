"""The dialog every registry record is edited in: a form, 保存 and 取消, errors at the fields."""
from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QMessageBox, QVBoxLayout

from models.records import NotFound
from models.validation import ValidationError
from ui.form import ERROR_STYLE, Form


class RecordDialog(QDialog):
    """Subclasses set TITLE, build_form(form), and the load/save functions from models."""
    TITLE = ""
    COLUMNS = 2

    def __init__(self, parent=None, uuid: str | None = None):
        super().__init__(parent)
        self.uuid = uuid
        self.saved_uuid: str | None = None
        self.setWindowTitle(self.TITLE + (self.tr("（编辑）") if uuid else self.tr("（新建）")))
        self.form = Form(self.COLUMNS, self)
        self.build_form(self.form)
        self.message = QLabel(self)
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setWordWrap(True)
        self.message.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("字") * 56)
        if uuid:
            self.form.set_values(self.load(uuid))
        self._initial = self.form.values()

    def build_form(self, form: Form) -> None:
        raise NotImplementedError

    def load(self, uuid: str) -> dict:
        raise NotImplementedError

    def store(self, data: dict) -> str:
        raise NotImplementedError

    def save(self) -> None:
        """Save what was typed; on a problem keep everything and show it beside its field."""
        data = self.form.values()
        if self.uuid:
            data["uuid"] = self.uuid
        try:
            self.saved_uuid = self.store(data)
        except ValidationError as e:
            rest = self.form.show_errors(e.errors)
            self.message.setText("\n".join(rest) or self.tr("有 %n 处需要修改，见红色提示。", "", len(e.errors)))
            self.message.show()
            self.adjustSize()  # make room for the messages under the fields
            return
        except NotFound:
            QMessageBox.warning(self, self.TITLE, self.tr("这条记录已被删除（可能在回收站中），无法保存修改。"))
            return
        self.accept()

    def is_dirty(self) -> bool:
        return self.form.values() != self._initial

    def reject(self) -> None:
        if self.is_dirty():
            answer = QMessageBox.question(
                self, self.TITLE, self.tr("填写的内容还没有保存，确定要放弃吗？"),
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel)
            if answer != QMessageBox.StandardButton.Discard:
                return
        super().reject()

    @classmethod
    def ask(cls, parent=None, uuid: str | None = None) -> str | None:
        """Open the dialog; the saved record's UUID, or None when nothing was saved."""
        dialog = cls(parent, uuid)
        return dialog.saved_uuid if dialog.exec() == QDialog.DialogCode.Accepted else None
