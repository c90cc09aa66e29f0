"""The 回收站 page: deleted records of every kind, restored or removed for good."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models.records.recycle import empty_bin, list_deleted, purge_record, restore_record
from models.records.validation import ValidationError
from ui import read_only
from ui.widgets.labels import label, local_time_text


class RecyclePage(QWidget):
    status = Signal(str)
    changed = Signal()
    restored = Signal(str, str, str)  # kind, uuid, name: the record's own page can then undo the restore

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[dict] = []
        self.table = QTableWidget(0, 3, self)
        self.table.setHorizontalHeaderLabels([self.tr("类别"), self.tr("名称"), self.tr("删除时间")])
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(0, 110)
        self.table.setColumnWidth(2, 170)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.verticalHeader().hide()
        self.table.doubleClicked.connect(lambda _: self.restore_selected())
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.empty_note = QLabel(self.tr("回收站是空的。\n删除的记录会先放在这里，随时可以恢复。"), self.table.viewport())
        self.empty_note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_note.setStyleSheet("color: gray;")
        QVBoxLayout(self.table.viewport()).addWidget(self.empty_note)
        self.count_label = QLabel(self)
        self.restore_button = QPushButton(self.tr("恢复"), self)
        self.purge_button = QPushButton(self.tr("彻底删除"), self)
        self.empty_button = QPushButton(self.tr("清空回收站"), self)
        self.restore_button.clicked.connect(self.restore_selected)
        self.purge_button.clicked.connect(self.purge_selected)
        self.empty_button.clicked.connect(self.empty)
        read_only.grey(self.restore_button, self.purge_button, self.empty_button)
        top = QHBoxLayout()
        top.addWidget(QLabel(f"<b>{self.tr('回收站')}</b>", self))
        top.addWidget(self.count_label, 1)
        for button in (self.restore_button, self.purge_button, self.empty_button):
            top.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(QLabel(self.tr("删除的记录先放在这里，连同出勤、指标和附件一起保留，随时可以恢复。"), self))
        layout.addWidget(self.table, 1)
        self.reload()

    def showEvent(self, event) -> None:
        self.reload()
        super().showEvent(event)

    def reload(self) -> None:
        self.rows = list_deleted()
        self.table.setRowCount(len(self.rows))
        for i, row in enumerate(self.rows):
            for column, text in enumerate((label(row["kind_label"]), row["name"], local_time_text(row["deleted_at"]))):
                self.table.setItem(i, column, QTableWidgetItem(text))
        self.count_label.setText(self.tr("共 %1 条").replace("%1", str(len(self.rows))))
        self.empty_note.setVisible(not self.rows)
        self._update_buttons()

    def _update_buttons(self) -> None:
        """恢复 and 彻底删除 act on the selected rows, 清空 on all of them: each enabled only when it can act."""
        chosen = bool(self.table.selectionModel().selectedRows())
        self.restore_button.setEnabled(chosen)
        self.purge_button.setEnabled(chosen)
        self.empty_button.setEnabled(bool(self.rows))

    def selected(self) -> list[dict]:
        return [self.rows[i.row()] for i in self.table.selectionModel().selectedRows()]

    def restore_selected(self) -> None:
        if read_only.active():  # a double-click, while the buttons are grey
            return
        restored, refused = [], []
        for row in self.selected():
            try:
                restore_record(row["kind"], row["uuid"])
                restored.append(row["name"])
                self.restored.emit(row["kind"], row["uuid"], row["name"])
            except ValidationError as e:
                refused.append(f"“{row['name']}”：{'；'.join(e.errors.values())}")
        self.reload()
        if restored:
            self.changed.emit()
            self.status.emit(self.tr("已恢复：%1").replace("%1", "、".join(restored)))
        if refused:
            QMessageBox.warning(self, self.tr("回收站"), self.tr("以下记录未能恢复：\n") + "\n".join(refused))

    def _confirm(self, text: str) -> bool:
        answer = QMessageBox.question(self, self.tr("回收站"), text,
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def purge_selected(self) -> None:
        rows = self.selected()
        if not rows or not self._confirm(self.tr("彻底删除选中的 %1 条记录？\n彻底删除后无法恢复。")
                                         .replace("%1", str(len(rows)))):
            return
        refused = []
        for row in rows:
            try:
                purge_record(row["kind"], row["uuid"])
            except ValidationError as e:
                refused.append(f"“{row['name']}”：{'；'.join(e.errors.values())}")
        self.reload()
        self.status.emit(self.tr("已彻底删除 %1 条记录").replace("%1", str(len(rows) - len(refused))))
        if refused:
            QMessageBox.information(self, self.tr("回收站"), self.tr("以下记录保留在回收站中：\n") + "\n".join(refused))

    def empty(self) -> None:
        if not self.rows or not self._confirm(self.tr("清空回收站中的全部 %1 条记录？\n清空后无法恢复。")
                                              .replace("%1", str(len(self.rows)))):
            return
        removed, kept = empty_bin()
        self.reload()
        self.status.emit(self.tr("已彻底删除 %1 条记录").replace("%1", str(removed)) + (
            self.tr("；%1 条仍被以往的出勤或联建记录引用，保留在回收站中").replace("%1", str(kept)) if kept else ""))
