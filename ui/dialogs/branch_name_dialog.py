"""The first-run question: the branch's full name, which the report's title and signature use, and on an empty
store whether to fill in the demo data for a first look."""
from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout


class BranchNameDialog(QDialog):
    def __init__(self, parent=None, offer_demo: bool = False):
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
        self.demo = QCheckBox(self.tr("先填入一套示例数据，看看各页和情况汇报的样子\n"
                                      "（示例记录以后可在“设置”页一次清除，自己录入的记录不受影响）"), self)
        self.demo.setVisible(offer_demo)
        layout.addSpacing(8)
        layout.addWidget(self.demo)
        layout.addWidget(self.buttons)
        self.name.setFocus()

    def value(self) -> str:
        return self.name.text().strip()

    @classmethod
    def ask(cls, parent=None, offer_demo: bool = False) -> tuple[str | None, bool]:
        """The name typed (None when the person chose to fill it in later), and whether to fill in the demo
        data: the box counts with either button, as it is a choice apart from the name."""
        dialog = cls(parent, offer_demo)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        return (dialog.value() or None) if accepted else None, offer_demo and dialog.demo.isChecked()
