"""The 党费 page's two tables: the year's bases (edited in place, row by row) and a month's collection."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models.records import dues_rules as rules
from models.records.dues import yuan
from ui.widgets.labels import date_text, label

MemberRole = Qt.ItemDataRole.UserRole + 1
INVALID = QColor("#ffcdd2")
UNPAID = QColor("#c62828")
NAME, CATEGORY, INCOME, RATE, DUE, MONTHS, PAID, NOTE = range(8)
FIELD_COLUMNS = {"category": CATEGORY, "income": INCOME, "due": DUE, "note": NOTE}


def held_text(stored: dict | None) -> str:
    """What a base or a month's payment holds now, in words, for a change refused over someone else's."""
    def tr(text: str) -> str:
        return QCoreApplication.translate("DuesPage", text)
    if stored is None:
        return tr("已删除")
    if "paid_on" in stored:
        return tr("%1交纳 %2 元").replace("%1", date_text(stored["paid_on"])).replace("%2", stored["amount"])
    return tr("%1，每月应交 %2 元").replace("%1", label(rules.CATEGORIES[stored["category"]])).replace(
        "%2", yuan(stored["due_fen"]))


def months_text(months: list[int]) -> str:
    """[3, 4, …, 12] → '3—12月'; a gap lists the months (1—3、8—12月)."""
    runs, start = [], None
    for i, m in enumerate(months):
        start = m if start is None else start
        if i + 1 == len(months) or months[i + 1] != m + 1:
            runs.append(f"{start}" if start == m else f"{start}—{m}")
            start = None
    return "、".join(runs) + "月" if runs else ""


def _fixed(text: str, align_right: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    if align_right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


def _table(table: QTableWidget, headers: list[str]) -> None:
    table.setColumnCount(len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().hide()
    table.setAlternatingRowColors(True)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.horizontalHeader().setStretchLastSection(True)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 12)


def _fit(table: QTableWidget, samples: dict[int, str], combo: int | None = None) -> None:
    """Each column as wide as its header's longest line or its widest likely value, whichever is wider (a combo
    box's column leaves room for its arrow), so the table fits a 1024×768 screen at 125 % without scrolling."""
    metrics = table.fontMetrics()
    for column, sample in samples.items():
        header = table.horizontalHeaderItem(column).text().split("\n")
        room = 40 if column == combo else 18
        table.setColumnWidth(column, max([metrics.horizontalAdvance(line) + 18 for line in header]
                                         + [metrics.horizontalAdvance(sample) + room]))


class BaseTable(QTableWidget):
    """A row a member: 类别 chosen, 月收入 (or a farmer's 月应交) and 备注 typed in place. Each change is handed
    to the page as edited(member, {category, income, due, note}); what was typed stays until it is saved."""
    edited = Signal(str, dict)

    def __init__(self, parent=None):
        super().__init__(parent)
        _table(self, [self.tr("姓名"), self.tr("类别"), self.tr("月收入\n（元）"), self.tr("比例"), self.tr("月应交\n（元）"),
                      self.tr("在册月份"), self.tr("已交\n月数"), self.tr("备注")])
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
                             | QAbstractItemView.EditTrigger.AnyKeyPressed)
        _fit(self, {NAME: "欧阳明月", CATEGORY: max(map(label, rules.CATEGORIES.values()), key=len),
                    INCOME: "12800.00", RATE: "1.5%", DUE: "256.00", MONTHS: "1—12月", PAID: "12"}, combo=CATEGORY)
        self.rows: list[dict] = []
        self.editable = True
        self.itemChanged.connect(self._item_changed)

    def load(self, rows: list[dict]) -> None:
        self.blockSignals(True)
        self.rows = rows
        for i in range(self.rowCount()):  # a replaced list is deleted only later, by the event loop: out of sight now
            self.cellWidget(i, CATEGORY).hide()
        self.setRowCount(len(rows))
        for i, row in enumerate(rows):
            self._fill(i, row)
        self.blockSignals(False)

    def _fill(self, i: int, row: dict) -> None:
        name = _fixed(row["name"])
        name.setData(MemberRole, row["member"])
        self.setItem(i, NAME, name)
        combo = QComboBox()
        combo.addItem(self.tr("未核定"), "")
        for code, text in rules.CATEGORIES.items():
            combo.addItem(label(text), code)
        combo.setCurrentIndex(max(0, combo.findData(row["category"])))
        if self.cellWidget(i, CATEGORY) is not None:
            self.cellWidget(i, CATEGORY).hide()
        combo.setEnabled(self.editable)
        combo.currentIndexChanged.connect(lambda _, m=row["member"]: self._category_changed(m))
        self.setCellWidget(i, CATEGORY, combo)
        for column, fen in ((INCOME, row["income_fen"]), (DUE, row["due_fen"])):
            item = QTableWidgetItem(yuan(fen))
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.setItem(i, column, item)
        self._open_cells(i, row["category"])
        self.setItem(i, RATE, _fixed(row["rate"]))
        self.setItem(i, MONTHS, _fixed(months_text(row["months"])))
        owed = len(row["months"]) if row["set"] else 0
        self.setItem(i, PAID, _fixed(f"{len(row['paid_months'])}/{owed}" if row["set"] else "", True))
        note = QTableWidgetItem(row["note"])
        if not self.editable:
            note.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        self.setItem(i, NOTE, note)

    def _open_cells(self, i: int, category: str) -> None:
        """月收入 is typed for a wage or pension (or before a category is chosen), 月应交 for a farmer only."""
        for column, editable in ((INCOME, not category or rules.needs_income(category)), (DUE, category == "farmer")):
            flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
            self.item(i, column).setFlags(flags | Qt.ItemFlag.ItemIsEditable if editable and self.editable else flags)

    def _category_changed(self, member: str) -> None:
        i = self.row_of(member)
        category = self.cellWidget(i, CATEGORY).currentData()
        self.blockSignals(True)
        self._open_cells(i, category)
        if category == "farmer" or not rules.needs_income(category or "employed"):
            self.item(i, DUE).setText("")  # the new category's amount, not the old one's
        self.blockSignals(False)
        self._changed(member)

    def row_of(self, member: str) -> int:
        return next((i for i, r in enumerate(self.rows) if r["member"] == member), -1)

    def typed(self, i: int) -> dict:
        """What the row says now: the base's form as dues.save_base takes it."""
        category = self.cellWidget(i, CATEGORY).currentData()
        return {"category": category, "income": self.item(i, INCOME).text().strip() or None,
                "due": self.item(i, DUE).text().strip() or None if category == "farmer" else None,
                "note": self.item(i, NOTE).text()}

    def _item_changed(self, item: QTableWidgetItem) -> None:
        if item.column() in (INCOME, DUE, NOTE):
            self._changed(self.rows[item.row()]["member"])

    def _changed(self, member: str) -> None:
        # Handed on once the edit is over: saving refills the row, which must not replace the very cell or
        # list that is still telling of its change.
        QTimer.singleShot(0, self, lambda: self._hand_on(member))

    def _hand_on(self, member: str) -> None:
        i = self.row_of(member)
        if i >= 0:
            self.edited.emit(member, self.typed(i))

    def refill(self, row: dict) -> None:
        """One member's row as the store now has it (after a save)."""
        i = self.row_of(row["member"])
        if i >= 0:
            self.blockSignals(True)
            self.rows[i] = row
            self._fill(i, row)
            self.blockSignals(False)

    def show_errors(self, member: str, errors: dict[str, str]) -> None:
        """Mark the cells a save refused, each with its message as the tooltip; what was typed stays."""
        i = self.row_of(member)
        self.blockSignals(True)
        for field, column in FIELD_COLUMNS.items():
            item = self.item(i, column)
            if item is not None:
                item.setBackground(QBrush(INVALID) if field in errors else QBrush())
                item.setToolTip(errors.get(field, ""))
        self.cellWidget(i, CATEGORY).setStyleSheet("background: #ffcdd2;" if "category" in errors else "")
        self.blockSignals(False)

    def current_member(self) -> str | None:
        rows = self.selectionModel().selectedRows()
        return self.rows[rows[0].row()]["member"] if rows else None


class CollectionTable(QTableWidget):
    """A month's collection: everyone in the branch that month, paid or not."""

    def __init__(self, parent=None):
        super().__init__(parent)
        _table(self, [self.tr("姓名"), self.tr("类别"), self.tr("月应交\n（元）"), self.tr("实交\n（元）"), self.tr("交纳日期"),
                      self.tr("状态"), self.tr("备注")])
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        _fit(self, dict(enumerate(("欧阳明月", max(map(label, rules.CATEGORIES.values()), key=len), "256.00", "256.00",
                                   "2026-12-31", "未核定基数"))))
        self.rows: list[dict] = []

    def load(self, rows: list[dict]) -> None:
        self.rows = rows
        self.setRowCount(len(rows))
        for i, row in enumerate(rows):
            name = _fixed(row["name"])
            name.setData(MemberRole, row["member"])
            paid = row["paid_fen"] is not None
            state = (self.tr("已交") if paid else self.tr("未交") if row["set"] else self.tr("未核定基数"))
            cells = [name, _fixed(label(rules.CATEGORIES.get(row["category"], row["category"]))),
                     _fixed(yuan(row["due_fen"]), True), _fixed(yuan(row["paid_fen"]), True),
                     _fixed(date_text(row["paid_on"])), _fixed(state), _fixed(row["note"])]
            if not paid:
                cells[5].setForeground(QBrush(UNPAID))
            for column, item in enumerate(cells):
                self.setItem(i, column, item)

    def chosen(self) -> list[dict]:
        return [self.rows[index.row()] for index in self.selectionModel().selectedRows()]


class MonthTab(QWidget):
    """月度收缴: the month chosen, what it adds up to, 登记缴费 and 按应交标记已交, and the table."""

    def __init__(self, month: int, parent=None):
        super().__init__(parent)
        tr = self.tr
        self.month = QComboBox(self)
        for m in range(1, 13):
            self.month.addItem(tr("%1月").replace("%1", str(m)), m)
        self.month.setCurrentIndex(month - 1)
        self.pay_button = QPushButton(tr("登记缴费…"), self)
        self.pay_button.setToolTip(tr("登记选中党员本月的交纳日期和金额（可以多交，不能少交）"))
        self.mark_button = QPushButton(tr("按应交标记已交"), self)
        self.mark_button.setToolTip(tr("把选中的（未选时为全部）未交党员按应交金额标记为今天已交"))
        self.table = CollectionTable(self)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(QLabel(tr("月份："), self))
        row.addWidget(self.month)
        row.addWidget(self.summary, 1)
        row.addWidget(self.pay_button)
        row.addWidget(self.mark_button)
        box = QVBoxLayout(self)
        box.addLayout(row)
        box.addWidget(self.table, 1)

    def show_month(self, found: dict) -> None:
        """A month's collection (dues_accounts.month_collection) in the table, its totals above it."""
        self.table.load(found["rows"])
        self.summary.setText(
            self.tr("应交 %1 人，已交 %2 人，未交 %3 人；应交 %4 元，实交 %5 元").replace("%1", str(len(found["rows"])))
            .replace("%2", str(found["paid"])).replace("%3", str(found["unpaid"]))
            .replace("%4", yuan(found["due_fen"])).replace("%5", yuan(found["paid_fen"]))
            + (self.tr("；%1 人未核定基数").replace("%1", str(found["unset"])) if found["unset"] else ""))
