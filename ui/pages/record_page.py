"""A registry page: a filter box, the lazily paged table, and 新建 / 编辑 / 删除."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from models.records.common import AtLeast, ConflictError, ListQuery, NotFound
from models.records.recycle import live_version
from models.records.validation import ValidationError
from ui import read_only
from ui.undo import RecordCommand
from ui.widgets.after_paint import after_paint
from ui.widgets.change_watch import ChangeWatch, reread_keeping_place
from ui.widgets.labels import label
from ui.widgets.record_table import Column, RecordTableModel


class RecordPage(QWidget):
    """Subclasses set TITLE, NOUN, FILTER_HINT, DIALOG and columns(), count/fetch/remove/name_of;
    for undo and redo also KIND (the recycle bin's name of the kind) and snapshot/put_back/erase/restore."""
    TITLE = ""
    NOUN = ""
    FILTER_HINT = ""
    DIALOG = None
    KIND = ""
    status = Signal(str)
    changed = Signal()
    chosen = Signal(bool)  # whether a row is selected for 编辑 and 删除

    def __init__(self, parent=None):
        super().__init__(parent)
        self.undo_stack = QUndoStack(self)
        self.choices: dict[str, QComboBox] = {}  # the page's remembered filters by query field (choice_filter)
        self.model = RecordTableModel(self.columns(), self.count, self.fetch, self, self.make_query())
        self.filter_box = QLineEdit(self)
        self.filter_box.setPlaceholderText(self.FILTER_HINT)
        self.filter_box.setClearButtonEnabled(True)
        self.filter_box.setMinimumWidth(self.fontMetrics().horizontalAdvance("筛选：姓名、电话") + 40)
        self._filter_timer = QTimer(self, singleShot=True, interval=250)
        self._filter_timer.timeout.connect(lambda: self.apply_filter())
        self.filter_box.textChanged.connect(lambda: self._filter_timer.start())
        self.count_label = QLabel(self)
        self.new_button = QPushButton(self.tr("新建"), self)
        self.edit_button = QPushButton(self.tr("编辑"), self)
        self.delete_button = QPushButton(self.tr("删除"), self)  # the toolbar's names, so one action has one name
        self.new_button.setToolTip(self.tr("新建一条记录（Ctrl+N）"))
        self.edit_button.setToolTip(self.tr("编辑选中的记录（Ctrl+E）"))
        self.delete_button.setToolTip(self.tr("把选中的记录移到回收站（可以恢复）"))
        self.filter_box.setToolTip(self.tr("筛选本页的记录（Ctrl+F）；要在全部记录中查找，用“全局搜索”（Ctrl+Shift+F）"))
        self.new_button.clicked.connect(self.new_record)
        self.edit_button.clicked.connect(self.edit_current)
        self.delete_button.clicked.connect(self.delete_current)
        read_only.grey(self.new_button, self.delete_button)  # 编辑 still opens a record, for reading

        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setSortingEnabled(True)
        self.view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.view.verticalHeader().hide()  # row numbers mean nothing once sorted and filtered
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.doubleClicked.connect(lambda _: self.edit_current())
        self.view.activated.connect(lambda _: self.edit_current())  # Enter on a row
        self.empty_note = QLabel(self.view.viewport())  # what an empty list means, and what to do
        self.empty_note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_note.setWordWrap(True)
        self.empty_note.setStyleSheet("color: gray;")
        QVBoxLayout(self.view.viewport()).addWidget(self.empty_note)
        self.empty_note.hide()
        self._count_waits = False
        self.model.modelReset.connect(self._show_empty_note)
        self.model.rowsInserted.connect(self._show_empty_note)
        self.model.modelReset.connect(self._update_count)
        self.model.rowsInserted.connect(self._update_count)
        self.view.selectionModel().selectionChanged.connect(self._selection_changed)
        self.model.modelReset.connect(self._selection_changed)  # a reset clears the selection unannounced

        top = QHBoxLayout()
        title = QLabel(f"<b>{self.tr(self.TITLE)}</b>", self)
        top.addWidget(title)
        top.addSpacing(12)
        top.addWidget(self.filter_box, 1)
        top.addWidget(self.count_label)
        for button in (self.new_button, self.edit_button, self.delete_button):
            top.addWidget(button)
        # A page's own filters and buttons get a row of their own, so a 1024×768 screen at 125 % fits.
        filters = QHBoxLayout()
        self.add_filters(filters)
        extras = self.extra_buttons()
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        if filters.count() or extras:
            filters.addStretch(1)
            for button in extras:
                filters.addWidget(button)
            layout.addLayout(filters)
        layout.addWidget(self.view, 1)
        self.loaded = False  # rows are read when the page is first shown
        self.watch = ChangeWatch(self, self.refresh_keeping_selection)  # others' changes to the store
        self.versions: dict[str, str | None] = {}  # uuid → its version after this page's own last change
        self._size_columns()
        self.view.viewport().installEventFilter(self)
        self.view.horizontalHeader().sectionResized.connect(lambda i, *_: i != self.fill and self._fit_fill())

    # -- for subclasses ------------------------------------------------------
    def columns(self) -> list[Column]:
        raise NotImplementedError

    def count(self, query) -> int:
        raise NotImplementedError

    def fetch(self, query, offset: int, limit: int) -> list[dict]:
        raise NotImplementedError

    def remove(self, uuid: str, version: str | None = None) -> None:
        """Move a record to the recycle bin; with the version the list showed, only if no one changed it since."""
        raise NotImplementedError

    def name_of(self, row: dict) -> str:
        return row.get("name", "")

    def make_query(self) -> ListQuery:
        return ListQuery()

    def add_filters(self, layout: QHBoxLayout) -> None:
        """Room for a page's own filters before the filter box."""

    def choice_filter(self, layout: QHBoxLayout, field: str, caption: str, options: dict[str, str]) -> QComboBox:
        """A caption and a list of choices (全部 first) narrowing the table by one field of its query,
        remembered between runs."""
        combo = QComboBox(self)
        combo.addItem(self.tr("全部"), "")
        for code, text in options.items():
            combo.addItem(label(text), code)
        key = f"filters/{type(self).__name__}/{field}"
        combo.setCurrentIndex(max(0, combo.findData(QSettings().value(key, ""))))
        setattr(self.model.query, field, combo.currentData())
        combo.currentIndexChanged.connect(lambda: self._choose(field, key))
        self.choices[field] = combo
        text = QLabel(caption + self.tr("："), self)
        text.setBuddy(combo)
        layout.addWidget(text)
        layout.addWidget(combo)
        layout.addSpacing(8)
        return combo

    def _choose(self, field: str, key: str) -> None:
        code = self.choices[field].currentData()
        QSettings().setValue(key, code)
        setattr(self.model.query, field, code)
        if self.loaded:
            self.model.reload()

    def extra_buttons(self) -> list:
        """A page's own buttons after 删除."""
        return []

    def snapshot(self, uuid: str) -> dict:
        """The record as its save function takes it back."""
        raise NotImplementedError

    def put_back(self, data: dict) -> None:
        raise NotImplementedError

    def erase(self, uuid: str, version: str | None = None) -> None:
        raise NotImplementedError

    def restore(self, uuid: str) -> None:
        raise NotImplementedError

    # -- actions -------------------------------------------------------------
    def focus_filter(self) -> None:
        self.filter_box.setFocus()
        self.filter_box.selectAll()

    def apply_filter(self) -> None:
        self._filter_timer.stop()
        self.model.set_filter(self.filter_box.text().strip())

    def current_row(self) -> dict | None:
        selected = self.view.selectionModel().selectedRows()
        return self.model.row_at(selected[0].row()) if selected else None

    def new_initial(self) -> dict | None:
        """What a new record's form starts with (beyond the dialog's own defaults)."""
        return None

    def new_record(self) -> None:
        self.new_from(self.new_initial())

    def new_from(self, initial: dict | None) -> None:
        """A new record whose form starts filled in with initial (e.g. the type a reminder asked for)."""
        uuid = self.DIALOG.ask(self, initial=initial)
        if uuid:
            after = self.snapshot(uuid)
            text = self.tr("新建%1“%2”").replace("%1", self.NOUN).replace("%2", self.name_of(after))
            self.remember(uuid)
            self.undo_stack.push(RecordCommand(self, text, uuid, lambda v: self.erase(uuid, v),
                                               lambda v: self.put_back(after)))
            self._after_change(uuid, self.tr("已") + text)

    def edit_current(self) -> None:
        row = self.current_row()
        if row is not None:
            self.edit_uuid(row["uuid"])

    def open_uuid(self, uuid: str) -> None:
        """Show a record from elsewhere (home page, search): select it if listed, and open its form."""
        self.select_uuid(uuid)
        self.edit_uuid(uuid)

    def edit_uuid(self, uuid: str) -> None:
        replaced = []
        try:
            before = self.snapshot(uuid)
            uuid = self.DIALOG.ask(self, uuid, replaced=lambda: replaced.append(True))
        except NotFound:
            QMessageBox.warning(self, self.TITLE, self.tr("这条记录已不存在，列表将刷新。"))
            self.model.reload()
            return
        if not uuid:
            self.watch.look()  # another's version the form took instead shows in the list at once
            return
        after = self.snapshot(uuid)
        self.remember(uuid)
        message = self.tr("已保存“%1”").replace("%1", self.name_of(after))
        if replaced:  # undo would put back the state before someone else's change, not the one replaced
            message += self.tr("（替换了他人同时保存的内容，这次修改不能撤销）")
        elif after != before:
            text = self.tr("修改“%1”").replace("%1", self.name_of(after))
            self.undo_stack.push(RecordCommand(self, text, uuid, lambda v: self.put_back(_as_of(before, v)),
                                               lambda v: self.put_back(_as_of(after, v))))
        self._after_change(uuid, message)

    def delete_current(self) -> None:
        row = self.current_row()
        if row is None:
            return
        name = self.name_of(row)
        answer = QMessageBox.question(
            self, self.TITLE, self.tr("把%1“%2”移到回收站？\n在回收站中可以恢复。").replace("%1", self.NOUN)
            .replace("%2", name), QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        uuid = row["uuid"]
        try:
            self.remove(uuid, row.get("version"))
        except ValidationError as e:  # e.g. the record lies in an archived period
            QMessageBox.warning(self, self.tr(self.TITLE), "；".join(e.errors.values()))
            return
        except ConflictError as e:  # changed or binned by someone else since the list showed it
            what = self.tr("已被%1移到回收站") if e.deleted else self.tr("在列表显示后已被%1修改")
            QMessageBox.warning(self, self.tr(self.TITLE), self.tr("“%1”%2，没有删除。列表已刷新，请查看后再决定。")
                                .replace("%1", name).replace("%2", what.replace("%1", e.by or self.tr("他人"))))
            self.refresh_keeping_selection()
            return
        self.remember(uuid)
        self.undo_stack.push(RecordCommand(self, self.tr("删除“%1”").replace("%1", name), uuid,
                                           lambda v: self.restore(uuid), lambda v: self.remove(uuid, v)))
        self.reload_keeping_place()
        self.changed.emit()
        self.status.emit(self.tr("已把“%1”移到回收站").replace("%1", name))

    def note_restored(self, uuid: str, name: str) -> None:
        """A record of this page restored from the 回收站: one more step to undo, and the list shows it."""
        self.remember(uuid)
        self.undo_stack.push(RecordCommand(self, self.tr("从回收站恢复“%1”").replace("%1", name), uuid,
                                           lambda v: self.remove(uuid, v), lambda v: self.restore(uuid)))
        if self.loaded:
            self.reload_keeping_place()

    def reload(self) -> None:
        self.loaded = True
        self.watch.seen()
        self.model.reload()

    def remember(self, uuid: str) -> None:
        """Note the version this page's own change left the record at (None in the recycle bin): undo and redo put
        back over that version only, never over a change someone else made since."""
        self.versions[uuid] = live_version(self.KIND, uuid) if self.KIND else None

    def showEvent(self, event) -> None:
        if not self.loaded:
            self.reload()
        else:
            self.watch.look()  # what others changed while another page was in front
        self.watch.timer.start()
        super().showEvent(event)

    def hideEvent(self, event) -> None:
        self.watch.timer.stop()
        super().hideEvent(event)

    def refresh_keeping_selection(self) -> None:
        """The rows read again as they are now (others changed the store); the same record stays selected and the
        view where it was."""
        if self.loaded:
            reread_keeping_place(self.view, self.model, (self.current_row() or {}).get("uuid"))

    def refresh(self, uuid: str) -> None:
        """After undo or redo: reload, select the record if it is there, tell the others."""
        self.reload()
        self.select_uuid(uuid)
        self.changed.emit()

    def reload_keeping_place(self) -> None:
        place = self.view.currentIndex().row()
        self.reload()
        self.select_row(min(place, self.model.rowCount() - 1))

    def select_uuid(self, uuid: str, max_rows: int = 5000) -> bool:
        """Select a record's row, loading more pages (up to max_rows rows in all) to find it if need be."""
        row = self.model.row_of(uuid)
        while row < 0 and self.model.rowCount() < max_rows:
            if not self.model.canFetchMore():
                break
            self.model.fetchMore()
            row = self.model.row_of(uuid)
        self.select_row(row)
        return row >= 0

    def select_row(self, row: int) -> None:
        if row < 0:
            return
        index = self.model.index(row, 0)
        self.view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.view.scrollTo(index)

    def _after_change(self, uuid: str, message: str) -> None:
        self.reload()
        if not self.select_uuid(uuid) and self.filtered():
            message += self.tr("（不符合当前筛选条件，未在列表中显示）")
        self.changed.emit()
        self.status.emit(message)

    def _selection_changed(self) -> None:
        chosen = self.current_row() is not None
        self.edit_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)
        self.chosen.emit(chosen)

    def filtered(self) -> bool:
        """Whether the list shows less than everything: the filter text, or a page's own period or choices."""
        query = self.model.query
        return bool(self.filter_box.text().strip()) or any(
            getattr(query, name, None) for name in ("date_from", "date_to", "type", "section", "kind", "series", "group",
                                                    *self.choices))

    def _show_empty_note(self) -> None:
        empty = self.loaded and self.model.rowCount() == 0
        if empty:
            self.empty_note.setText(
                self.tr("没有符合条件的记录。\n可以换个关键词、期间或类别，或清除筛选。") if self.filtered()
                else self.tr("没有记录。\n点“新建”（Ctrl+N）添加第一条。"))
        self.empty_note.setVisible(empty)

    def _update_count(self) -> None:
        if self.model.counted():
            self._update_count_now()
        elif not self._count_waits:  # counting 100,000 rows waits until the first of them are on screen
            self._count_waits = True
            after_paint(self.view.viewport(), lambda: isValid(self) and self._update_count_now())

    def _update_count_now(self) -> None:
        self._count_waits = False
        total = self.model.total
        self.count_label.setText((self.tr("超过 %1 条") if isinstance(total, AtLeast) else self.tr("共 %1 条"))
                                 .replace("%1", str(int(total))))

    def _size_columns(self) -> None:
        """Each column as wide as its header with the sort arrow, its sample value or its width in characters."""
        header, metrics = self.view.horizontalHeader(), self.view.fontMetrics()
        self.least = [max(header.sectionSizeHint(i) + 4,
                          metrics.horizontalAdvance(column.sample) + 16 if column.sample else 0,
                          metrics.horizontalAdvance("字") * column.chars + 16)
                      for i, column in enumerate(self.model.columns)]
        for i, width in enumerate(self.least):
            self.view.setColumnWidth(i, width)
        self.fill = next((i for i, column in enumerate(self.model.columns) if column.fill), -1)
        header.setStretchLastSection(self.fill < 0)

    def _fit_fill(self) -> None:
        """The fill column takes what the others leave of the table's width, never less than its least width."""
        if self.fill < 0:
            return
        header = self.view.horizontalHeader()
        others = sum(header.sectionSize(i) for i in range(header.count()) if i != self.fill)
        header.resizeSection(self.fill, max(self.least[self.fill], self.view.viewport().width() - others))

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Resize and watched is self.view.viewport():
            self._fit_fill()
        return super().eventFilter(watched, event)


def _as_of(data: dict, version: str | None) -> dict:
    """A snapshot to put back, saved only over the version given (as is when none is known)."""
    return {**data, "version": version} if version is not None else data
