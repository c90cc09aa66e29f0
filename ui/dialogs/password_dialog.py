"""Asking for the server's password at start: the field, and keeping it in the system keyring (greyed out, with the
reason, where no keyring works). The password goes to the connection only, never to settings or logs."""
from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout

from models.store import keyring_problem


class PasswordDialog(QDialog):
    def __init__(self, parent=None, text: str = ""):
        super().__init__(parent)
        self.setWindowTitle(self.tr("连接单位服务器"))
        self.question = QLabel(text, self)
        self.question.setWordWrap(True)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.keep = QCheckBox(self.tr("在本机的系统钥匙串中保存密码，下次不再询问"), self)
        problem = keyring_problem()
        self.keep_note = QLabel(self.tr(problem) if problem else "", self)
        self.keep_note.setStyleSheet("color: gray;")
        self.keep_note.setWordWrap(True)
        self.keep_note.setVisible(bool(problem))
        self.keep.setEnabled(not problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("连接"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.question, self.password, self.keep, self.keep_note, buttons):
            layout.addWidget(widget)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("字") * 36)

    def answer(self) -> tuple[str, bool] | None:
        if not self.password.text():
            return None
        return self.password.text(), self.keep.isEnabled() and self.keep.isChecked()

    @classmethod
    def ask(cls, parent=None, text: str = "") -> tuple[str, bool] | None:
        """(password, keep it in the keyring), or None when the person cancelled."""
        dialog = cls(parent, text)
        try:
            return dialog.answer() if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.password.clear()  # not left in a widget's memory longer than needed
            dialog.deleteLater()
