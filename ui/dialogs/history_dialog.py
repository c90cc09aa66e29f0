"""A record's history: who changed what, and when."""
from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from models.records.audit import history
from ui.widgets.labels import local_time_text

PART_NAMES = {"attendance": "出勤", "figures": "指标", "attachments": "附件", "participations": "参与组织",
              "reflections": "心得体会"}


class HistoryDialog(QDialog):
    def __init__(self, parent, uuid: str, captions: dict[str, str]):
        super().__init__(parent)
        self.setWindowTitle(self.tr("修改历史"))
        self.resize(760, 420)
        rows = history(uuid)
        self.table = QTableWidget(len(rows), 4, self)
        self.table.setHorizontalHeaderLabels([self.tr("时间"), self.tr("操作人"), self.tr("操作"), self.tr("改动")])
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        for i, row in enumerate(rows):
            changes = dict(row["changes"])
            parts = changes.pop("parts", [])
            text = "；".join(f"{captions.get(k, k)}：{old if old not in (None, '') else '（空）'} → "
                            f"{new if new not in (None, '') else '（空）'}" for k, (old, new) in changes.items())
            if parts:
                text += ("；" if text else "") + self.tr("同时保存了：") + "、".join(PART_NAMES.get(p, p) for p in parts)
            cells = (local_time_text(row["at"]), row["operator"], self.tr(row["action_label"]), text)
            for column, value in enumerate(cells):
                self.table.setItem(i, column, QTableWidgetItem(value))
        self.table.resizeRowsToContents()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)

    @classmethod
    def show_history(cls, parent, uuid: str, captions: dict[str, str]) -> None:
        cls(parent, uuid, captions).exec()
