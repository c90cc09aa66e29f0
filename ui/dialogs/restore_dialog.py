"""Choosing a backup to restore: date, size and what it holds; or a backup file from elsewhere."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from models.store import COUNTED, list_backups
from ui.files import ask_open_path
from ui.widgets.screen_fit import resize_within_screen


class RestoreDialog(QDialog):
    def __init__(self, parent, store: Path):
        super().__init__(parent)
        self.setWindowTitle(self.tr("从备份恢复"))
        resize_within_screen(self, 820, 480)
        self.rows = list_backups(store)
        headers = [self.tr("备份时间"), self.tr("原因"), self.tr("大小")] + [self.tr(v) for v in COUNTED.values()]
        self.table = QTableWidget(len(self.rows), len(headers), self)
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().hide()
        for i, row in enumerate(self.rows):
            created = row["created"].strftime("%Y-%m-%d %H:%M:%S") if row["created"] else "?"
            cells = [created, row["reason"] if row["readable"] else self.tr("无法读取"), f"{row['size'] / 1048576:.1f} MB"]
            cells += [str(row["counts"].get(key, "")) for key in COUNTED]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column >= 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(i, column, item)
        if self.rows:
            self.table.selectRow(0)
        self.chosen: Path | None = None
        other = QPushButton(self.tr("选择其他备份文件…"), self)
        other.clicked.connect(self.choose_file)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        restore = buttons.addButton(self.tr("恢复所选备份"), QDialogButtonBox.ButtonRole.AcceptRole)
        restore.setEnabled(bool(self.rows))
        buttons.accepted.connect(self.choose_selected)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("恢复会用所选备份替换当前数据；恢复前会先把当前数据另做一份备份。"), self))
        layout.addWidget(self.table, 1)
        layout.addWidget(other)
        layout.addWidget(buttons)

    def choose_selected(self) -> None:
        selected = self.table.selectionModel().selectedRows()
        if selected:
            self.chosen = self.rows[selected[0].row()]["path"]
            self.accept()

    def choose_file(self) -> None:
        path = ask_open_path(self, self.tr("选择备份文件"), self.tr("备份文件 (*.zip)"))
        if path:
            self.chosen = path
            self.accept()

    @classmethod
    def ask(cls, parent, store: Path) -> Path | None:
        dialog = cls(parent, store)
        return dialog.chosen if dialog.exec() == QDialog.DialogCode.Accepted else None
