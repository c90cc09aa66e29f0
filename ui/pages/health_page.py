"""The 数据检查 page: records that contradict each other or lack what the report needs, each a click from its form."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from ui.tasks import run_quietly
from ui.widgets.after_paint import after_paint
from ui.widgets.labels import KIND_NAMES, date_text, label

LIMIT = 200  # rows listed per kind of problem; the count says how many there are in all
TargetRole = Qt.ItemDataRole.UserRole + 1


def find(progress=None) -> list[dict]:
    from models.reporting.health import find_problems  # read on the worker thread, imported on first use
    return find_problems(LIMIT)


class HealthPage(QWidget):
    status = Signal(str)
    open_record = Signal(str, str)  # kind, uuid
    checked = Signal()              # the list shows what the store holds now

    def __init__(self, parent=None):
        super().__init__(parent)
        self.loaded = False
        self._reading = False
        title = QLabel(f"<b>{self.tr('数据检查')}</b>", self)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.open_button = QPushButton(self.tr("打开记录"), self)
        self.open_button.setToolTip(self.tr("打开选中的记录进行核对（也可以双击）"))
        self.open_button.clicked.connect(lambda: self.open_item(self.tree.currentItem()))
        self.again_button = QPushButton(self.tr("重新检查"), self)
        self.again_button.clicked.connect(self._read)  # off the GUI thread, as when the page comes up
        self.tree = QTreeWidget(self)
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels([self.tr("记录"), self.tr("日期"), self.tr("问题")])
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setUniformRowHeights(True)
        header = self.tree.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        metrics = self.fontMetrics()
        self.tree.setColumnWidth(0, metrics.horizontalAdvance("字") * 24)
        self.tree.setColumnWidth(1, metrics.horizontalAdvance("0000-00-00") + 24)
        self.tree.itemActivated.connect(self.open_item)  # double-click or Enter
        self.tree.currentItemChanged.connect(lambda *_: self._update_button())
        top = QHBoxLayout()
        top.addWidget(title)
        top.addSpacing(12)
        top.addWidget(QLabel(self.tr("记录之间的矛盾和缺漏，只列出，不自动修改。"), self), 1)
        top.addWidget(self.open_button)
        top.addWidget(self.again_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        self._update_button()

    def showEvent(self, event) -> None:
        # Checked afresh each time the page comes up (other pages may have changed records), once it is painted.
        after_paint(self, self._read)
        super().showEvent(event)

    def _read(self) -> None:
        if not isValid(self) or self._reading:
            return
        self._reading = True
        self.summary.setText(self.tr("正在检查……"))
        run_quietly(find, self._show_found, self._failed)

    def _show_found(self, groups: list[dict]) -> None:
        if isValid(self):
            self._reading = False
            self.show_problems(groups)

    def _failed(self, error: Exception) -> None:
        # Said on the page, and the next showing or 重新检查 tries again.
        if isValid(self):
            self._reading = False
            self.summary.setText(self.tr("检查没有完成：%1").replace("%1", str(error)))

    def reload(self) -> None:
        """Check now, on this thread (after a restore, or 重新检查)."""
        self.show_problems(find())

    def show_problems(self, groups: list[dict]) -> None:
        self.loaded = True
        chosen = self._target(self.tree.currentItem())
        chosen = tuple(chosen) if chosen else None
        self.tree.clear()
        for group in groups:
            top = QTreeWidgetItem(self.tree)
            listed = len(group["rows"])
            top.setText(0, self.tr("%1（%2 处）").replace("%1", label(group["title"])).replace("%2", str(group["count"]))
                        + (self.tr("，列出最近 %1 处").replace("%1", str(listed)) if group["count"] > listed else "")
                        + self.tr("——") + label(group["hint"]))
            top.setFirstColumnSpanned(True)
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            top.setToolTip(0, label(group["hint"]))
            for row in group["rows"]:
                item = QTreeWidgetItem(top, [f"【{label(KIND_NAMES[row['kind']])}】{row['title']}",
                                             date_text(row["date"]), row["problem"]])
                item.setData(0, TargetRole, (row["kind"], row["uuid"]))
                item.setToolTip(0, row["title"])
                item.setToolTip(2, row["problem"])
                if (row["kind"], row["uuid"]) == chosen:  # the row looked at before stays chosen, if still listed
                    self.tree.setCurrentItem(item)
                    chosen = None
            top.setExpanded(True)
        total = sum(g["count"] for g in groups)
        self.summary.setText(
            self.tr("发现 %1 类共 %2 处需要核对。双击一行（或选中后点“打开记录”）打开该记录，改正后回到本页会重新检查。")
            .replace("%1", str(len(groups))).replace("%2", str(total)) if groups
            else self.tr("没有发现需要核对的问题：转出党员的出勤和职务、主讲人的出勤、汇报栏目、指标单位、会议出勤等都没有矛盾。"))
        self._update_button()
        self.checked.emit()

    @staticmethod
    def _target(item: QTreeWidgetItem | None):
        return item.data(0, TargetRole) if item is not None else None

    def open_item(self, item: QTreeWidgetItem | None) -> None:
        target = self._target(item)
        if target:
            self.open_record.emit(*target)

    def _update_button(self) -> None:
        self.open_button.setEnabled(self._target(self.tree.currentItem()) is not None)
