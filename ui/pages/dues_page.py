"""The 党费 page: the year's bases for everyone in one table, and a month's collection (who has paid, the total)."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from models.records import common as records, dues
from models.records.dues_accounts import month_collection, year_bases
from models.records.dues_rules import REGULATION
from models.records.validation import ValidationError
from models.store import StoreError
from ui import read_only
from ui.editors.form import ERROR_STYLE
from ui.undo import VersionedStep
from ui.widgets.dues_tables import NAME, BaseTable, MonthTab, held_text

BASES, MONTH = 0, 1


class DuesPage(QWidget):
    status = Signal(str)
    changed = Signal()
    chosen = Signal(bool)  # a row chosen, for the window's 编辑 and 删除

    def __init__(self, parent=None):
        super().__init__(parent)
        tr = self.tr
        self.undo_stack = QUndoStack(self)
        # ("base", member, year) or ("pay", member, year, month) → its version after this page's own last change
        self.versions: dict[tuple, str] = {}
        today = records.today()
        self.year = QSpinBox(self)
        self.year.setRange(dues.FIRST_YEAR, dues.LAST_YEAR)
        self.year.setValue(today.year)
        self.year.setSuffix(tr("年"))
        self.year.valueChanged.connect(lambda _: self.reload())
        self.filter_box = QLineEdit(self)
        self.filter_box.setPlaceholderText(tr("筛选：姓名"))
        self.filter_box.setClearButtonEnabled(True)
        self.filter_box.textChanged.connect(lambda _: self._apply_filter())
        self.copy_button = QPushButton(tr("沿用上年基数"), self)
        self.copy_button.setToolTip(tr("给本年还没有核定基数的党员沿用上一年的类别和收入（按规定重新计算应交金额）；"
                                       "之后只需改有变化的人"))
        self.copy_button.clicked.connect(self.copy_last_year)
        # the toolbar's names, as on every page; here they act on the tab shown
        self.new_button, self.edit_button, self.delete_button = (
            QPushButton(tr("新建"), self), QPushButton(tr("编辑"), self), QPushButton(tr("删除"), self))
        self.new_button.setToolTip(tr("年度基数：为下一位未核定的党员核定基数；月度收缴：登记下一位未交党员的党费（Ctrl+N）"))
        self.edit_button.setToolTip(tr("修改选中党员的月收入，或登记、查看其本月缴费（Ctrl+E）"))
        self.delete_button.setToolTip(tr("删除选中党员本年的基数（已有缴费时不能删除），或本月的缴费记录；可以撤销"))
        self.new_button.clicked.connect(self.new_record)
        self.edit_button.clicked.connect(self.edit_current)
        self.delete_button.clicked.connect(self.delete_current)
        self.ledger_button = QPushButton(tr("导出台账…"), self)
        self.ledger_button.setToolTip(tr("把本年党费收缴台账导出为 Excel"))
        self.ledger_button.clicked.connect(self.export_ledger)
        top = QHBoxLayout()
        top.addWidget(QLabel(f"<b>{tr('党费')}</b>", self))
        top.addSpacing(12)
        top.addWidget(QLabel(tr("年度："), self))
        top.addWidget(self.year)
        top.addWidget(self.filter_box, 1)
        for button in (self.new_button, self.edit_button, self.delete_button, self.ledger_button):
            top.addWidget(button)

        self.bases = BaseTable(self)
        self.bases.editable = not read_only.active()
        self.bases.edited.connect(self.save_base)
        self.bases.itemSelectionChanged.connect(self._selection_changed)
        self.month_tab = MonthTab(today.month, self)
        self.month, self.collection = self.month_tab.month, self.month_tab.table
        self.month.currentIndexChanged.connect(lambda _: self.reload())
        self.month_tab.pay_button.clicked.connect(self.edit_current)
        self.month_tab.mark_button.clicked.connect(self.mark_paid)
        self.collection.itemSelectionChanged.connect(self._selection_changed)
        self.collection.doubleClicked.connect(lambda _: self.edit_current())
        base_tab = QWidget(self)
        box = QVBoxLayout(base_tab)
        rule = QLabel(tr("比例按%1：在职党员按税后月工资收入，3000元及以下0.5%，3000—5000元1%，5000—10000元1.5%，"
                         "10000元以上2%；离退休党员5000元及以下0.5%，以上1%；农民0.2—1元/月；学生、下岗失业、"
                         "最低生活保障0.2元/月。党员可以多交，不能少交。").replace("%1", REGULATION), self)
        rule.setWordWrap(True)
        rule.setStyleSheet("color: gray;")
        row = QHBoxLayout()
        row.addWidget(rule, 1)
        row.addWidget(self.copy_button)
        box.addLayout(row)
        box.addWidget(self.bases, 1)
        self.view = QTabWidget(self)  # the window's 删除 shortcut and focus go here
        self.view.addTab(base_tab, tr("年度基数"))
        self.view.addTab(self.month_tab, tr("月度收缴"))
        self.view.currentChanged.connect(lambda _: self._selection_changed())
        self.message = QLabel(self)
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setWordWrap(True)
        self.message.hide()
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        if read_only.active():
            layout.addWidget(read_only.note_label(self))
        layout.addWidget(self.view, 1)
        layout.addWidget(self.message)
        read_only.grey(self.new_button, self.delete_button, self.copy_button, self.month_tab.pay_button,
                       self.month_tab.mark_button)  # 编辑 still opens a month's payment, for reading
        self.loaded = False

    # -- reading -----------------------------------------------------------------
    def showEvent(self, event) -> None:
        if not self.loaded:
            self.reload()
        super().showEvent(event)

    def reload(self) -> None:
        self.loaded = True
        year, month = self.year.value(), self.month.currentData()
        self.bases.load(year_bases(year))
        self.month_tab.show_month(month_collection(year, month))
        self._apply_filter()
        self._selection_changed()

    def refresh(self, member: str) -> None:
        """After undo or redo: read again, keep the member chosen, tell the others."""
        self.reload()
        self.select_member(member)
        self.changed.emit()

    def select_member(self, member: str) -> None:
        table = self._table()
        for i, row in enumerate(table.rows):
            if row["member"] == member:
                table.selectRow(i)
                return

    def _apply_filter(self) -> None:
        words = self.filter_box.text().split()
        for table in (self.bases, self.collection):
            for i in range(table.rowCount()):
                name = table.item(i, NAME).text()
                table.setRowHidden(i, not all(w in name for w in words))

    # -- the year's bases --------------------------------------------------------
    def save_base(self, member: str, data: dict) -> None:
        year, i = self.year.value(), self.bases.row_of(member)
        if i < 0:  # the table was read again meanwhile without this member
            return
        before, shown = dues.base_snapshot(member, year), self.bases.rows[i]
        try:
            if data["category"]:
                dues.save_base(member, year, data, shown["version"])
            else:
                dues.remove_base(member, year, shown["version"])
        except records.ConflictError as e:
            # What was typed stays in the row; the row now stands for the base as it is, so changing it again
            # saves what is typed over it knowingly.
            shown["version"] = e.stored["version"] if e.stored else ""
            self._refused(member, {})
            self.message.setText(self.conflict_text(e) + self.tr("。您填写的内容仍保留在表中，尚未保存；"
                                                                 "再次修改即按表中内容保存"))
            self._refresh_month()
            return
        except ValidationError as e:
            self._refused(member, e.errors, revert=not data["category"])
            return
        except StoreError as e:
            self._refused(member, {"": str(e) + self.tr("（填写的内容仍保留在表中）")})
            return
        after = dues.base_snapshot(member, year)
        self.message.hide()
        self.bases.show_errors(member, {})
        self._refresh_month([member])
        key = ("base", member, year)
        self.remember_keys([key])
        if after != before:
            name = self._name(member)
            text = self.tr("修改%1 %2年党费基数").replace("%1", name).replace("%2", str(year))
            self.undo_stack.push(self._step(text, member, [key], lambda v: dues.put_base(member, year, before, v[key]),
                                            lambda v: dues.put_base(member, year, after, v[key])))
            self.changed.emit()
            self.status.emit(self.tr("已保存%1的党费基数").replace("%1", name))

    def _refused(self, member: str, errors: dict, revert: bool = False) -> None:
        if revert:  # a base that cannot go stays as it was
            self.bases.refill(next(r for r in year_bases(self.year.value()) if r["member"] == member))
        self.bases.show_errors(member, errors)
        self.message.setText(self._name(member) + self.tr("：") + "；".join(errors.values()))
        self.message.show()

    def copy_last_year(self) -> None:
        year = self.year.value()
        try:
            given = dues.copy_bases(year)
        except (ValidationError, StoreError) as e:
            QMessageBox.warning(self, self.tr("党费"), "；".join(e.errors.values()) if isinstance(e, ValidationError)
                                else str(e))
            return
        if not given:
            self.status.emit(self.tr("没有需要沿用的基数：%1年已核定，或%2年没有基数").replace("%1", str(year))
                             .replace("%2", str(year - 1)))
            return
        after = {m: dues.base_snapshot(m, year) for m in given}
        keys = [("base", m, year) for m in given]
        self.remember_keys(keys)
        text = self.tr("沿用上年基数（%1人）").replace("%1", str(len(given)))
        self.undo_stack.push(self._step(
            text, given[0], keys, lambda v: records.writing(lambda: [dues.put_base(m, year, None, v[k])
                                                                     for m, k in zip(given, keys)]),
            lambda v: records.writing(lambda: [dues.put_base(m, year, after[m], v[k]) for m, k in zip(given, keys)])))
        self.reload()
        self.changed.emit()
        self.status.emit(self.tr("已为 %1 人沿用%2年的党费基数").replace("%1", str(len(given)))
                         .replace("%2", str(year - 1)))

    # -- a month's collection ----------------------------------------------------
    def _refresh_month(self, members=()) -> None:
        """After a save: the month read again and the members' rows of the year, nothing else — a row of the year
        still showing what a refused save kept stays as it was typed."""
        year = self.year.value()
        self.month_tab.show_month(month_collection(year, self.month.currentData()))
        for row in (r for r in year_bases(year) if r["member"] in members):
            self.bases.refill(row)
        self._apply_filter()

    def _pay(self, row: dict) -> None:
        from ui.dialogs.payment_dialog import PaymentDialog
        year, month = self.year.value(), self.month.currentData()
        if not row["set"]:
            QMessageBox.information(self, self.tr("党费"), self.tr("请先在“年度基数”中核定%1的党费基数。")
                                    .replace("%1", row["name"]))
            return
        before, replaced = dues.payment_snapshot(row["member"], year, month), []
        saved = PaymentDialog.ask(self, row["member"], year, month, row["name"], row["due_fen"],
                                  replaced=lambda: replaced.append(True))
        if not saved:
            self._refresh_month([row["member"]])  # a payment made or changed elsewhere meanwhile shows now
            return
        after = dues.payment_snapshot(row["member"], year, month)
        text = self.tr("登记%1 %2月党费").replace("%1", row["name"]).replace("%2", str(month))
        if replaced:  # undo would put back the state before someone else's payment, not the one replaced
            self.remember_keys([("pay", row["member"], year, month)])
            self._refresh_month([row["member"]])
            self.status.emit(self.tr("已") + text + self.tr("（替换了他人同时保存的内容，这次修改不能撤销）"))
        elif after != before:
            self._push_payments(text, {row["member"]: (before, after)})

    def _push_payments(self, text: str, changes: dict) -> None:
        year, month = self.year.value(), self.month.currentData()
        first = next(iter(changes))
        keys = {m: ("pay", m, year, month) for m in changes}
        self.remember_keys(list(keys.values()))
        self.undo_stack.push(self._step(
            text, first, list(keys.values()),
            lambda v: records.writing(lambda: [dues.put_payment(m, year, month, b, v[keys[m]])
                                               for m, (b, _) in changes.items()]),
            lambda v: records.writing(lambda: [dues.put_payment(m, year, month, a, v[keys[m]])
                                               for m, (_, a) in changes.items()])))
        self._refresh_month(changes)
        self.select_member(first)
        self.changed.emit()
        self.status.emit(self.tr("已") + text)

    def mark_paid(self) -> None:
        rows = self.collection.chosen() or [r for i, r in enumerate(self.collection.rows)
                                            if not self.collection.isRowHidden(i)]
        todo = [r for r in rows if r["set"] and r["paid_fen"] is None]
        if not todo:
            self.status.emit(self.tr("没有需要标记的党员：选中的都已交，或尚未核定基数"))
            return
        if not self.collection.chosen():
            answer = QMessageBox.question(self, self.tr("党费"), self.tr("把本月未交的 %1 人全部按应交金额标记为今天已交？")
                                          .replace("%1", str(len(todo))))
            if answer != QMessageBox.StandardButton.Yes:
                return
        year, month = self.year.value(), self.month.currentData()
        try:  # not over a payment made elsewhere since the list read it
            dues.mark_paid(year, month, [r["member"] for r in todo], records.today(),
                           {r["member"]: r["version"] for r in todo})
        except records.ConflictError as e:
            self._conflicted(self.tr("标记已交"), e)
            return
        except (ValidationError, StoreError) as e:
            QMessageBox.warning(self, self.tr("党费"), "；".join(e.errors.values()) if isinstance(e, ValidationError)
                                else str(e))
            return
        changes = {r["member"]: (None, dues.payment_snapshot(r["member"], year, month)) for r in todo}
        self._push_payments(self.tr("标记 %1 人%2月党费已交").replace("%1", str(len(todo))).replace("%2", str(month)),
                            changes)

    # -- what the window's toolbar does here -------------------------------------
    def _table(self):
        return self.bases if self.view.currentIndex() == BASES else self.collection

    def current_row(self) -> dict | None:
        table = self._table()
        rows = table.selectionModel().selectedRows()
        return table.rows[rows[0].row()] if rows else None

    def select_row(self, i: int) -> None:
        table = self._table()
        if 0 <= i < table.rowCount():
            table.selectRow(i)

    def _selection_changed(self) -> None:
        chosen = self.current_row() is not None
        self.edit_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)
        self.chosen.emit(chosen)

    def new_record(self) -> None:
        """新建 here: the next row without a base gets its 类别 chosen; on 月度收缴, the next unpaid month paid."""
        if self.view.currentIndex() == BASES:
            row = next((i for i, r in enumerate(self.bases.rows) if not r["set"]), -1)
            if row >= 0:
                self.bases.selectRow(row)
                self.bases.cellWidget(row, 1).setFocus()
            return
        row = self.current_row() or next((r for r in self.collection.rows if r["set"] and r["paid_fen"] is None), None)
        if row:
            self._pay(row)

    def edit_current(self) -> None:
        row = self.current_row()
        if row is None:
            return
        if self.view.currentIndex() == MONTH:
            if not read_only.active() or row["paid_fen"] is not None:  # read-only: a payment opens for reading
                self._pay(row)
        elif not read_only.active():
            i = self.bases.row_of(row["member"])
            self.bases.setCurrentCell(i, 2)
            self.bases.editItem(self.bases.item(i, 2))

    def delete_current(self) -> None:
        """删除 here takes back what the chosen row holds: a month's payment, or a year's base."""
        row = self.current_row()
        if row is None or read_only.active():
            return
        year, month = self.year.value(), self.month.currentData()
        on_month = self.view.currentIndex() == MONTH
        if on_month and row["paid_fen"] is None or not on_month and not row["set"]:
            return
        what = (self.tr("%1 %2月的缴费记录").replace("%2", str(month)) if on_month
                else self.tr("%1 %2年的党费基数").replace("%2", str(year))).replace("%1", row["name"])
        if QMessageBox.question(self, self.tr("党费"), self.tr("删除%1？").replace("%1", what)) \
                != QMessageBox.StandardButton.Yes:
            return
        member = row["member"]
        key = ("pay", member, year, month) if on_month else ("base", member, year)
        try:  # not over a change made elsewhere since the list read it
            before = dues.payment_snapshot(member, year, month) if on_month else dues.base_snapshot(member, year)
            (dues.remove_payment(member, year, month, row["version"]) if on_month
             else dues.remove_base(member, year, row["version"]))
        except records.ConflictError as e:
            self._conflicted(self.tr("删除") + what, e)
            return
        except (ValidationError, StoreError) as e:
            QMessageBox.warning(self, self.tr("党费"), "；".join(e.errors.values()) if isinstance(e, ValidationError)
                                else str(e))
            return
        put = ((lambda s, v: dues.put_payment(member, year, month, s, v)) if on_month
               else (lambda s, v: dues.put_base(member, year, s, v)))
        self.remember_keys([key])
        self.undo_stack.push(self._step(self.tr("删除") + what, member, [key], lambda v: put(before, v[key]),
                                        lambda v: put(None, v[key])))
        self.refresh(member)
        self.status.emit(self.tr("已删除") + what)

    def _step(self, text: str, member: str, keys: list, undo, redo) -> VersionedStep:
        return VersionedStep(self, text, member, keys, undo, redo, self.tr("该党员已被删除或移入回收站"))

    def remember_keys(self, keys) -> None:
        """Note the versions this page's own change left a base or a payment at: undo and redo put back over those
        only, never over a change someone else made since."""
        for key in keys:
            self.versions[key] = (dues.base_version(*key[1:]) if key[0] == "base" else dues.payment_version(*key[1:]))

    def conflict_text(self, e: records.ConflictError) -> str:
        """A change refused over someone else's: who, and what it holds now."""
        return self.tr("%1已被%2在其他电脑上修改，现为：%3").replace("%1", getattr(e, "what", "")).replace(
            "%2", e.by or self.tr("他人")).replace("%3", held_text(e.stored))

    def _conflicted(self, what: str, e: records.ConflictError) -> None:
        QMessageBox.warning(self, self.tr("党费"), self.tr("无法完成“%1”：%2。列表已按现在的内容刷新。")
                            .replace("%1", what).replace("%2", self.conflict_text(e)))
        self.reload()

    def focus_filter(self) -> None:
        self.filter_box.setFocus()
        self.filter_box.selectAll()

    def export_ledger(self) -> None:
        from exports.dues_ledger import write_dues_ledger
        from ui.exporting import XLSX, export_file
        year = self.year.value()
        export_file(self, "导出党费收缴台账", f"党费收缴台账{year}.xlsx", XLSX,
                    lambda path: write_dues_ledger(path, year))

    def _name(self, member: str) -> str:
        return next((r["name"] for r in self.bases.rows if r["member"] == member), "")
