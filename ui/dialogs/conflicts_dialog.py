"""A data package's records that differ from this PC's: keep mine or take theirs, one by one or all at once."""
from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from models.exchange.package_records import LABELS

MINE, THEIRS = "mine", "theirs"


class ConflictsDialog(QDialog):
    def __init__(self, parent, conflicts: list):
        super().__init__(parent)
        self.setWindowTitle(self.tr("数据包与本机记录不一致"))
        self.resize(800, 460)
        self.conflicts = conflicts
        self.table = QTableWidget(len(conflicts), 4, self)
        self.table.setHorizontalHeaderLabels([self.tr("类别"), self.tr("记录"), self.tr("不同之处"), self.tr("处理")])
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        for i, c in enumerate(conflicts):
            what = self.tr("本机已删除到回收站") if c.deleted_here else self.tr("不同的字段：") + "、".join(c.fields)
            for column, text in enumerate((self.tr(LABELS.get(c.kind, c.kind)), c.label, what)):
                self.table.setItem(i, column, QTableWidgetItem(text))
            choice = QComboBox()
            choice.addItem(self.tr("保留本机的"), MINE)
            choice.addItem(self.tr("采用数据包的"), THEIRS)
            self.table.setCellWidget(i, 3, choice)
        all_mine, all_theirs = QPushButton(self.tr("全部保留本机的"), self), QPushButton(self.tr("全部采用数据包的"), self)
        all_mine.clicked.connect(lambda: self.choose_all(MINE))
        all_theirs.clicked.connect(lambda: self.choose_all(THEIRS))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        buttons.addButton(self.tr("按所选处理并导入"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(all_mine)
        row.addWidget(all_theirs)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("以下 %1 条记录在数据包和本机中内容不同。请逐条决定，未导入前本机数据不会改变。")
                                .replace("%1", str(len(conflicts))), self))
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(buttons)

    def choose_all(self, choice: str) -> None:
        for i in range(self.table.rowCount()):
            combo = self.table.cellWidget(i, 3)
            combo.setCurrentIndex(combo.findData(choice))

    def decisions(self) -> dict[str, str]:
        return {c.uuid: self.table.cellWidget(i, 3).currentData() for i, c in enumerate(self.conflicts)}

    @classmethod
    def ask(cls, parent, conflicts: list) -> dict[str, str] | None:
        dialog = cls(parent, conflicts)
        return dialog.decisions() if dialog.exec() == QDialog.DialogCode.Accepted else None
