"""The 党建覆盖 page: a period's party-building figures in the supervised organisations, the work list of those still
without a party organisation or instructor, the party organisations with the organisations they cover, and the
ledger."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from models.records import codes, common as records
from models.records.coverage import party_snapshot, party_version, put_party
from models.records.organisations import organisation_snapshot, save_organisation
from models.records.party_orgs import WorkQuery, list_party_orgs, work_list
from models.records.recycle import live_version
from models.records.validation import ValidationError
from models.store import StoreError
from models.reporting.coverage_report import coverage_figures
from models.reporting.periods import PERIODS, period_range
from ui import read_only
from ui.editors.fields import DateField
from ui.undo import RecordCommand
from ui.widgets.coverage_box import CoverageBox
from ui.widgets.coverage_tabs import PartyTab, WorkTab, fill
from ui.widgets.labels import code_label, date_text, label

WORK, PARTIES = 0, 1
EARLIEST = dt.date(1900, 1, 1)


class CoveragePage(QWidget):
    status = Signal(str)
    changed = Signal()
    chosen = Signal(bool)  # a row chosen, for the window's 编辑 and 删除

    def __init__(self, parent=None):
        super().__init__(parent)
        tr = self.tr
        self.undo_stack = QUndoStack(self)
        self.versions: dict[str, str | None] = {}  # uuid → its version after this page's own last change
        self._kinds: dict[str, str] = {}  # uuid → "party" or "organisation": which version remember() reads
        self.work_rows: list[dict] = []
        self.party_rows: list[dict] = []
        self.period = QComboBox(self)
        for code, text in PERIODS.items():
            self.period.addItem(label(text), code)
        self.period.setCurrentIndex(list(PERIODS).index("year"))
        self.date_from, self.date_to = DateField(self), DateField(self)
        self.range_label = QLabel(tr("至"), self)
        self.period.currentIndexChanged.connect(lambda _: self.apply_period())
        for field in (self.date_from, self.date_to):
            field.changed.connect(self._range_changed)
        self.ledger_button = QPushButton(tr("导出台账…"), self)
        self.ledger_button.setToolTip(tr("把本期党建覆盖台账（各项数字、每家社会组织的党组织与指导员及其变化、"
                                         "待覆盖的社会组织）导出为 Excel"))
        self.ledger_button.clicked.connect(self.export_ledger)
        top = QHBoxLayout()
        top.addWidget(QLabel(f"<b>{tr('党建覆盖')}</b>", self))
        top.addSpacing(12)
        top.addWidget(QLabel(tr("期间："), self))
        for widget in (self.period, self.date_from, self.range_label, self.date_to):
            top.addWidget(widget)
        top.addStretch(1)
        top.addWidget(self.ledger_button)
        self.box = CoverageBox(self)

        self.work_tab, self.party_tab = WorkTab(self), PartyTab(self)
        w, p = self.work_tab, self.party_tab
        self.filter_box, self.missing, self.kind, self.edit_button, self.work = (
            w.filter_box, w.missing, w.kind, w.edit_button, w.table)
        self.new_button, self.party_edit_button, self.join_button, self.leave_button, self.delete_button = (
            p.new_button, p.edit_button, p.join_button, p.leave_button, p.delete_button)
        self.parties = p.table
        self.filter_box.textChanged.connect(lambda _: self.reload_work())
        for combo in (self.missing, self.kind):
            combo.currentIndexChanged.connect(lambda _: self.reload_work())
        self.edit_button.clicked.connect(self.edit_current)
        self.work.doubleClicked.connect(lambda _: self.edit_current())
        self.new_button.clicked.connect(self.new_record)
        self.party_edit_button.clicked.connect(self.edit_party)
        self.join_button.clicked.connect(lambda: self.change_members(True))
        self.leave_button.clicked.connect(lambda: self.change_members(False))
        self.delete_button.clicked.connect(self.delete_current)
        self.parties.doubleClicked.connect(lambda _: self.edit_party())

        self.view = QTabWidget(self)  # the window's 删除 shortcut and focus go here
        self.view.addTab(self.work_tab, tr("待覆盖社会组织"))
        self.view.addTab(self.party_tab, tr("党组织"))
        self.view.currentChanged.connect(lambda _: self._selection_changed())
        for table in (self.work, self.parties):
            table.itemSelectionChanged.connect(self._selection_changed)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        if read_only.active():
            layout.addWidget(read_only.note_label(self))
        layout.addWidget(self.box)
        layout.addWidget(self.view, 1)
        read_only.grey(self.new_button, self.join_button, self.leave_button, self.delete_button)
        self.loaded = False
        self.apply_period(read=False)

    # -- reading -----------------------------------------------------------------
    def showEvent(self, event) -> None:
        if not self.loaded:
            self.reload()
        super().showEvent(event)

    def apply_period(self, read: bool = True) -> None:
        kind = self.period.currentData()
        for widget in (self.date_from, self.range_label, self.date_to):
            widget.setVisible(kind == "custom")
        if kind != "custom":
            start, end = period_range(kind, records.today())
            self.date_from.setValue(start or EARLIEST)
            self.date_to.setValue(end or records.today())
        if read:
            self.show_figures()

    def _range_changed(self) -> None:
        if self.loaded and self.period.currentData() == "custom":
            self.show_figures()

    def span(self) -> tuple[dt.date, dt.date]:
        start, end = self.date_from.day() or EARLIEST, self.date_to.day() or records.today()
        return (start, end) if start <= end else (end, start)

    def show_figures(self) -> None:
        self.box.show_figures(coverage_figures(*self.span()))

    def reload(self) -> None:
        self.loaded = True
        self.show_figures()
        self.reload_work()
        tr = self.tr
        self.party_rows = list_party_orgs()
        fill(self.parties, self.party_rows, lambda r: (
            r["name"], tr(r["kind_label"]), date_text(r["set_up_on"]), date_text(r["ended_on"]),
            tr("%1 家").replace("%1", str(len(r["current"]))), "、".join(r["current"])))
        self.view.setTabText(PARTIES, tr("党组织（%1）").replace("%1", str(len(self.party_rows))))
        self._selection_changed()

    def reload_work(self) -> None:
        query = WorkQuery(text=self.filter_box.text(), missing=self.missing.currentData() or "",
                          kind=self.kind.currentData() or "")
        self.work_rows = work_list(query)
        tr = self.tr
        fill(self.work, self.work_rows, lambda r: (
            r["name"], code_label(codes.ORG_KINDS, r["kind"]), date_text(r["registered_on"]),
            code_label(codes.PARTY_ORGS, r["party_org"]), r["instructor"], r["contact_person"], r["contact_phone"]))
        self.view.setTabText(WORK, tr("待覆盖社会组织（%1）").replace("%1", str(len(self.work_rows))))
        self._selection_changed()

    def refresh(self, uuid: str) -> None:
        """After undo or redo: read again, keep the row chosen, tell the others."""
        self.reload()
        self.select_uuid(uuid)
        self.changed.emit()

    def select_uuid(self, uuid: str) -> None:
        table, rows = self._table()
        for i, row in enumerate(rows):
            if row["uuid"] == uuid:
                table.selectRow(i)
                return

    def _table(self) -> tuple[QTableWidget, list[dict]]:
        return (self.work, self.work_rows) if self.view.currentIndex() == WORK else (self.parties, self.party_rows)

    def select_row(self, i: int) -> None:
        table, rows = self._table()
        if 0 <= i < len(rows):
            table.selectRow(i)

    def current_row(self) -> dict | None:
        table, rows = self._table()
        chosen = table.selectionModel().selectedRows()
        return rows[chosen[0].row()] if chosen and chosen[0].row() < len(rows) else None

    def _selection_changed(self) -> None:
        chosen = self.current_row() is not None
        on_parties = self.view.currentIndex() == PARTIES
        self.edit_button.setEnabled(chosen and not on_parties)
        party = self.current_row() if on_parties else None
        standing = bool(party) and party["ended_on"] is None
        self.party_edit_button.setEnabled(bool(party))
        if not read_only.active():
            self.join_button.setEnabled(standing and party["kind"] == "joint")
            self.leave_button.setEnabled(standing and bool(party["current"]))
            self.delete_button.setEnabled(bool(party))
        self.chosen.emit(chosen)

    def open_uuid(self, uuid: str) -> None:
        """From 数据检查: the party organisation chosen on its tab, and its form."""
        self.reload()
        self.view.setCurrentIndex(PARTIES)
        self.select_uuid(uuid)
        if self.current_row():
            self.edit_party()

    def focus_filter(self) -> None:
        self.view.setCurrentIndex(WORK)
        self.filter_box.setFocus()
        self.filter_box.selectAll()

    # -- changes -------------------------------------------------------------------
    def _push(self, text: str, uuid: str, undo, redo, kind: str = "party", seen: dict | None = None) -> None:
        """A change made, on the undo stack: its undo and redo are given the version this page's own last change
        left the record at, and refused over a change someone else made since (RecordCommand). seen: _tracked()
        before the change."""
        self._kinds[uuid] = kind
        self.remember(uuid)
        self._carry(seen or {})
        self.undo_stack.push(RecordCommand(self, text, uuid, undo, redo))
        self.refresh(uuid)
        self.status.emit(self.tr("已") + text)

    def _version(self, uuid: str) -> str | None:
        return party_version(uuid) if self._kinds.get(uuid, "party") == "party" else live_version("organisation", uuid)

    def remember(self, uuid: str) -> None:
        self.versions[uuid] = self._version(uuid)

    def _tracked(self) -> dict[str, str | None]:
        """The versions now of the records this page's own steps changed."""
        return {uuid: self._version(uuid) for uuid in self._kinds}

    def _carry(self, seen: dict[str, str | None]) -> None:
        """After a step of this page: a record it moved besides its own (an organisation's columns follow its party
        organisation; an organisation joining a branch changes the branch) that was still at the version this
        page's own change left it stays this page's to undo; one someone else changed meanwhile does not."""
        for uuid, version in seen.items():
            if self.versions.get(uuid) == version:
                self.remember(uuid)

    def _step(self, put):
        """An undo or redo: put(version) over the given version only, carrying the records it moved besides."""
        def step(version: str | None) -> None:
            seen = self._tracked()
            put(version)
            self._carry(seen)
        return step

    def _party_step(self, uuid: str, snapshot: dict | None):
        return self._step(lambda version: put_party(uuid, snapshot, version))

    def new_record(self) -> None:
        from ui.dialogs.party_org_dialog import PartyOrgDialog
        self.view.setCurrentIndex(PARTIES)
        seen, dialog = self._tracked(), PartyOrgDialog(self)
        if dialog.exec() != dialog.DialogCode.Accepted:
            return
        uuid, after = dialog.saved_uuid, party_snapshot(dialog.saved_uuid)
        self._push(self.tr("新建“%1”").replace("%1", after["name"]), uuid, self._party_step(uuid, None),
                   self._party_step(uuid, after), seen=seen)

    def edit_current(self) -> None:
        if self.view.currentIndex() == PARTIES:
            self.edit_party()
            return
        row = self.current_row()
        if not row:
            return
        from ui.dialogs.organisation_dialog import OrganisationDialog
        uuid, seen = row["uuid"], self._tracked()
        before = organisation_snapshot(uuid)
        dialog = OrganisationDialog(self, uuid)
        if dialog.exec() != dialog.DialogCode.Accepted:
            return
        after = organisation_snapshot(uuid)
        if after != before:
            self._push(self.tr("修改“%1”").replace("%1", after["name"]), uuid,
                       self._step(lambda v: save_organisation({**before, "version": v}, True)),
                       self._step(lambda v: save_organisation({**after, "version": v}, True)), "organisation", seen)

    def edit_party(self) -> None:
        row = self.current_row() if self.view.currentIndex() == PARTIES else None
        if not row:
            return
        from ui.dialogs.party_org_dialog import PartyOrgDialog
        uuid, before, seen = row["uuid"], party_snapshot(row["uuid"]), self._tracked()
        dialog = PartyOrgDialog(self, uuid)
        if dialog.exec() != dialog.DialogCode.Accepted:
            return
        after = party_snapshot(uuid)
        if after != before:
            self._push(self.tr("修改“%1”").replace("%1", after["name"]), uuid, self._party_step(uuid, before),
                       self._party_step(uuid, after), seen=seen)

    def change_members(self, adding: bool) -> None:
        from ui.dialogs.membership_dialog import MembershipDialog
        party = self.current_row() if self.view.currentIndex() == PARTIES else None
        if not party:
            return
        if adding:
            inside = {m["organisation"] for m in party["members"] if m["date_to"] is None}
            options = {r["uuid"]: r["name"] + (self.tr("（%1）").replace("%1", code_label(codes.PARTY_ORGS, r["party_org"]))
                                               if r["party_org"] != "none" else "")
                       for r in work_list(WorkQuery(missing="all")) if r["uuid"] not in inside}
        else:
            options = {m["organisation"]: m["name"] for m in party["members"] if m["date_to"] is None}
        uuid, before, seen = party["uuid"], party_snapshot(party["uuid"]), self._tracked()
        org = MembershipDialog.ask(self, party, options, adding)
        if org is None:
            return
        after = party_snapshot(uuid)
        what = self.tr("“%1”加入“%2”") if adding else self.tr("“%1”移出“%2”")
        self._push(what.replace("%1", options[org].split("（")[0]).replace("%2", party["name"]), uuid,
                   self._party_step(uuid, before), self._party_step(uuid, after), seen=seen)

    def delete_current(self) -> None:
        if self.view.currentIndex() == WORK:  # the window's 删除 here: organisations are deleted on their own page
            if self.current_row():
                self.status.emit(self.tr("社会组织请在“社会组织”页删除；这里只列出尚未覆盖的"))
            return
        row = self.current_row()
        if not row or read_only.active():
            return
        uuid, before, seen = row["uuid"], party_snapshot(row["uuid"]), self._tracked()
        try:
            put_party(uuid, None, row["version"])  # not over a change made elsewhere since the list read it
        except (records.NotFound, records.ConflictError, ValidationError, StoreError) as e:
            self._refused(self.tr("删除“%1”").replace("%1", row["name"]), e)
            return
        self._push(self.tr("删除“%1”").replace("%1", row["name"]), uuid, self._party_step(uuid, before),
                   self._party_step(uuid, None), seen=seen)

    def _refused(self, what: str, e: Exception) -> None:
        """A change the store refused: why, in words (who changed it meanwhile and what it covers now), then the
        list as it is now."""
        tr = self.tr
        if isinstance(e, records.ConflictError):
            why = tr("已被%1修改，现覆盖：%2").replace("%1", e.by or tr("他人")).replace(
                "%2", (e.stored or {}).get("covering") or tr("（无）"))
        elif isinstance(e, ValidationError):
            why = "；".join(e.errors.values())
        else:
            why = tr("该记录已不存在") if isinstance(e, records.NotFound) else str(e)
        QMessageBox.warning(self, tr("党建覆盖"), tr("无法完成“%1”：%2").replace("%1", what).replace("%2", why))
        self.reload()

    def export_ledger(self) -> None:
        from exports.coverage_ledger import write_coverage_ledger
        from ui.exporting import XLSX, export_file
        start, end = self.span()
        export_file(self, "导出党建覆盖台账", "党建覆盖台账.xlsx", XLSX, lambda path: write_coverage_ledger(path, start, end))
