"""The global search (Ctrl+Shift+F): records of every kind holding the words typed, grouped by kind."""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from models.records.common import AtLeast, summed
from models.records.search import count_all, search_all
from ui.widgets.labels import count_text, date_text, label
from ui.widgets.marked_text import BOLD, MarkedRole, MarkedTextDelegate, marked_html
from ui.widgets.screen_fit import resize_within_screen

LIMIT = 50  # hits listed per kind; the kind's own page lists them all
HitRole = Qt.ItemDataRole.UserRole + 1


class GlobalSearchDialog(QDialog):
    """opened(kind, uuid) when a hit is chosen (double-click, Enter or 打开); ask() returns the same pair."""
    opened = Signal(str, str)

    def __init__(self, parent=None, text: str = ""):
        super().__init__(parent)
        self.setWindowTitle(self.tr("全局搜索"))
        resize_within_screen(self, 900, 560)
        self.chosen: tuple[str, str] | None = None
        self.search_box = QLineEdit(self)
        self.search_box.setPlaceholderText(self.tr("搜索全部记录：活动、学习会、联建活动、党员、社会组织（空格分隔的每个词都要出现）"))
        self.search_box.setClearButtonEnabled(True)
        self.summary = QLabel(self)
        self.results = QTreeWidget(self)
        self.results.setColumnCount(4)
        self.results.setHeaderLabels([self.tr("名称"), self.tr("日期"), self.tr("找到的字段"), self.tr("摘要")])
        self.results.setItemDelegate(MarkedTextDelegate(self.results))  # the words searched for, marked
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results.setUniformRowHeights(True)
        header = self.results.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.results.setColumnWidth(0, self.fontMetrics().horizontalAdvance("字") * 18)
        self.results.setColumnWidth(1, self.fontMetrics().horizontalAdvance("0000-00-00") + 24)
        self.results.setColumnWidth(2, self.fontMetrics().horizontalAdvance("字") * 9)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Close,
                                        self)
        self.buttons.button(QDialogButtonBox.StandardButton.Open).setText(self.tr("打开"))
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        for button in self.buttons.buttons():  # Enter belongs to the search box and the list, not a button
            button.setAutoDefault(False)
            button.setDefault(False)
        layout = QVBoxLayout(self)
        for widget in (self.search_box, self.summary):
            layout.addWidget(widget)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.buttons)

        # Search once typing pauses, not on every keystroke.
        self._timer = QTimer(self, singleShot=True, interval=250)
        self._timer.timeout.connect(self.run_search)
        self.search_box.textChanged.connect(lambda: self._timer.start())
        self.search_box.returnPressed.connect(self._enter)
        self.results.itemActivated.connect(self.open_item)
        self.results.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.buttons.accepted.connect(lambda: self.open_item(self.results.currentItem()))
        self.buttons.rejected.connect(self.reject)
        self.search_box.setText(text)
        self.run_search()

    @classmethod
    def ask(cls, parent=None, text: str = "") -> tuple[str, str] | None:
        """(kind, uuid) of the record chosen, or None."""
        dialog = cls(parent, text)
        return dialog.chosen if dialog.exec() == QDialog.DialogCode.Accepted else None

    def run_search(self) -> None:
        self._timer.stop()
        text = self.search_box.text().strip()
        self.results.clear()
        hits = search_all(text, LIMIT) if text else []
        totals = count_all(text) if hits else {}
        groups: dict[str, QTreeWidgetItem] = {}
        for hit in hits:
            group = groups.get(hit["kind"])
            if group is None:
                group = groups[hit["kind"]] = QTreeWidgetItem(self.results)
                group.setFirstColumnSpanned(True)
                group.setExpanded(True)
                total = totals.get(hit["kind"], 0)
                group.setText(0, self.tr("%1：%2 条").replace("%1", hit["kind_label"]).replace("%2", count_text(total))
                              + (self.tr("（列出前 %1 条，全部请到该页搜索）").replace("%1", str(LIMIT))
                                 if total > LIMIT else ""))
            self._add_hit(group, hit)
        if text:
            found = summed(totals.values())
            self.summary.setText((self.tr("找到超过 %1 条记录") if isinstance(found, AtLeast) else self.tr("共找到 %1 条记录"))
                                 .replace("%1", str(int(found))) if hits
                                 else self.tr("没有找到包含这些词的记录"))
        else:
            self.summary.setText(self.tr("输入要找的字词，例如：党课 调研"))
        first = next(iter(groups.values()), None)
        if first is not None:
            self.results.setCurrentItem(first.child(0))
        self._update_buttons()

    def _add_hit(self, group: QTreeWidgetItem, hit: dict) -> None:
        """A hit's row: its title and the text around the words (marked), and the fields they were found in."""
        found = hit["matches"]
        fields = "、".join(label(m["label"]) for m in found)
        # The text around the words in a field other than the title (the title is on show already, marked).
        shown = next((m for m in found if m["field"] != hit["title_field"]), found[0] if found else None)
        snippet = "".join(piece for piece, _ in shown["parts"]) if shown else hit["snippet"]
        item = QTreeWidgetItem(group, [hit["title"], date_text(hit["date"]), fields,
                                       (label(shown["label"]) + "：" if shown else "") + snippet])
        item.setData(0, HitRole, (hit["kind"], hit["uuid"]))
        item.setData(0, MarkedRole, hit["title_parts"])
        if shown:
            item.setData(3, MarkedRole, [(label(shown["label"]) + "：", BOLD), *shown["parts"]])
        item.setToolTip(2, self.tr("这些字段含有要找的字词：%1").replace("%1", fields))
        item.setToolTip(3, "<br>".join(marked_html([(label(m["label"]) + "：", BOLD), *m["parts"]]) for m in found)
                        or hit["snippet"])

    def open_item(self, item: QTreeWidgetItem | None) -> None:
        hit = item.data(0, HitRole) if item is not None else None
        if not hit:
            return
        self.chosen = tuple(hit)
        self.opened.emit(*self.chosen)
        self.accept()

    def _enter(self) -> None:
        # Enter in the box searches now; a second Enter on unchanged text opens the hit selected.
        if self._timer.isActive() or not self.results.topLevelItemCount():
            self.run_search()
        else:
            self.open_item(self.results.currentItem())

    def _update_buttons(self) -> None:
        item = self.results.currentItem()
        self.buttons.button(QDialogButtonBox.StandardButton.Open).setEnabled(
            item is not None and item.data(0, HitRole) is not None)
