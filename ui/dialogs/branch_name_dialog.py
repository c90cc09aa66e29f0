"""The first-run question: the branch's full name, which the report's title and signature use."""
from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout


class BranchNameDialog(QDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("欢迎使用支部台账"))
        intro = QLabel(self.tr("请填写本支部的全称。情况汇报的标题和落款会用到它。\n"
                               "以后可以在“设置”中修改。"), self)
        intro.setWordWrap(True)
        self.name = QLineEdit(self)
        self.name.setMaxLength(60)
        self.name.setPlaceholderText(self.tr("如：市民政局社会组织管理科党支部"))
        self.name.setMinimumWidth(self.fontMetrics().horizontalAdvance("字") * 30)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok, self)
        self.buttons.addButton(self.tr("以后再填"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setEnabled(False)
        self.name.textChanged.connect(lambda text: self.ok.setEnabled(bool(text.strip())))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(QLabel(self.tr("支部全称："), self))
        layout.addWidget(self.name)
        layout.addWidget(self.buttons)
        self.name.setFocus()

    def value(self) -> str:
        return self.name.text().strip()

    @classmethod
    def ask(cls, parent=None) -> str | None:
        """The name typed, or None when the person chose to fill it in later."""
        dialog = cls(parent)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.value():
            return dialog.value()
        return None
