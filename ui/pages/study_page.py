"""The 学习小组 page: a group's sessions, its yearly plan, and the plan against what was done."""
from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QMenu, QPushButton

from models.records import codes
from models.records.settings import branch_settings
from models.records.study import (
    SessionQuery,
    count_sessions,
    delete_session,
    erase_session,
    get_session,
    list_groups,
    list_sessions,
    plan_vs_done,
    restore_session,
    save_session,
    session_snapshot,
    set_archived,
)
from ui import read_only
from ui.dialogs.group_dialog import GroupDialog
from ui.dialogs.plan_dialog import PlanDialog
from ui.dialogs.session_dialog import SessionDialog
from ui.exporting import PDF, XLSX, export_file
from ui.pages.record_page import RecordPage
from ui.widgets.labels import code_label, date_text
from ui.widgets.plan_progress import PlanProgress
from ui.widgets.record_table import DATE, Column


class StudyPage(RecordPage):
    TITLE = "学习小组"
    NOUN = "学习会"
    FILTER_HINT = "筛选：主题、篇目、领学人……（Ctrl+F）"
    DIALOG = SessionDialog
    KIND = "study_session"

    def __init__(self, parent=None):
        super().__init__(parent)
        self.progress_title = QLabel(self)
        self.progress = PlanProgress(self)
        self.layout().addWidget(self.progress_title)
        self.layout().addWidget(self.progress)
        self.show_progress()

    def columns(self) -> list[Column]:
        tr = self.tr
        return [
            Column("date", tr("日期"), lambda r: date_text(r["date"]), sample=DATE),
            Column("group", tr("学习小组"), lambda r: r["group_name"], sortable=False, chars=9),
            Column("kind", tr("形式"), lambda r: code_label(codes.SESSION_KINDS, r["kind"]), sortable=False),
            Column("topic", tr("学习主题"), chars=10, fill=True),
            Column("lead_speaker", tr("领学人")),
            Column("present", tr("实到/应到"), lambda r: f"{r['present']}/{r['expected']}" if r["expected"] else "",
                   sortable=False),
            Column("reflections", tr("心得（已交/应交）"),
                   lambda r: f"{r['reflections']}/{r['present']}" if r["expected"] else "", sortable=False),
        ]

    def make_query(self) -> SessionQuery:
        year = dt.date.today().year
        return SessionQuery(date_from=dt.date(year, 1, 1), date_to=dt.date(year, 12, 31))

    def add_filters(self, layout: QHBoxLayout) -> None:
        self.group = QComboBox(self)
        self.year = QComboBox(self)
        this_year = dt.date.today().year
        for year in range(this_year + 1, this_year - 11, -1):
            self.year.addItem(self.tr("%1年").replace("%1", str(year)), year)
        self.year.setCurrentIndex(1)
        self.load_groups()
        layout.addWidget(self.group)
        layout.addWidget(self.year)
        self.group.currentIndexChanged.connect(self.apply_filters)
        self.year.currentIndexChanged.connect(self.apply_filters)

    def extra_buttons(self) -> list:
        groups = QPushButton(self.tr("小组管理"), self)  # as the other buttons of the row; room for the menu arrow
        menu = QMenu(groups)
        read_only.grey(menu.addAction(self.tr("新建学习小组…"), self.new_group),
                       menu.addAction(self.tr("归档/恢复所选小组"), self.toggle_archive))
        menu.addAction(self.tr("编辑所选小组…"), self.edit_group)  # opens for reading when read-only
        groups.setMenu(menu)
        plan = QPushButton(self.tr("学习计划…"), self)
        plan.clicked.connect(self.edit_plan)
        files = QPushButton(self.tr("导出"), self)
        menu = QMenu(files)
        menu.addAction(self.tr("选中学习会的记录 PDF…"), self.export_sheet)
        menu.addAction(self.tr("本年学习会台账…"), self.export_ledger)
        files.setMenu(menu)
        return [groups, plan, files]

    def export_sheet(self) -> None:
        row = self.current_row()
        if row is None:
            self.status.emit(self.tr("请先在列表中选中一次学习会"))
            return
        from exports.session_pdf import write_session_pdf
        session, branch = get_session(row["uuid"]), branch_settings()["branch_name"]
        export_file(self, "导出学习会记录", f"{row['date']:%Y%m%d}{row['topic']}学习会记录.pdf", PDF,
                    lambda path: write_session_pdf(session, path, branch))

    def export_ledger(self) -> None:
        from exports.study_ledger import write_study_ledger
        start, end = self.model.query.date_from, self.model.query.date_to
        export_file(self, "导出学习会台账", self.tr("学习会台账%1年.xlsx").replace("%1", str(start.year)), XLSX,
                    lambda path: write_study_ledger(path, start, end))

    # -- groups ----------------------------------------------------------------
    def load_groups(self) -> None:
        chosen = self.group.currentData()
        self.group.blockSignals(True)
        self.group.clear()
        self.group.addItem(self.tr("全部小组"), "")
        groups = list_groups(include_archived=True)
        for g in groups:
            self.group.addItem(g["name"] + (self.tr("（已归档）") if g["archived"] else ""), g["uuid"])
        live = [g["uuid"] for g in groups if not g["archived"]]
        if chosen is None and len(live) == 1:  # the first listing: the only group is the one meant
            chosen = live[0]
        self.group.setCurrentIndex(max(0, self.group.findData(chosen)))
        self.group.blockSignals(False)
        metrics = self.group.fontMetrics()  # wide enough for the longest name with its arrow: none is cut
        self.group.setMinimumWidth(max(metrics.horizontalAdvance(self.group.itemText(i))
                                       for i in range(self.group.count())) + 48)
        self.model.query.group = self.group.currentData() or ""

    def _select_group(self, uuid: str) -> None:
        self.load_groups()
        self.group.setCurrentIndex(max(0, self.group.findData(uuid)))

    def new_group(self) -> None:
        uuid = GroupDialog.ask(self)
        if uuid:
            self._select_group(uuid)
            self.status.emit(self.tr("已新建学习小组"))

    def _need_group(self) -> str:
        uuid = self.group.currentData()
        if not uuid:
            self.status.emit(self.tr("请先在上方选择一个学习小组"))
        return uuid

    def edit_group(self) -> None:
        uuid = self._need_group()
        if uuid and GroupDialog.ask(self, uuid):
            self._select_group(uuid)

    def toggle_archive(self) -> None:
        uuid = self._need_group()
        if not uuid:
            return
        archived = next(g["archived"] for g in list_groups(include_archived=True) if g["uuid"] == uuid)
        set_archived(uuid, not archived)
        self._select_group(uuid)
        self.status.emit(self.tr("已恢复小组") if archived else self.tr("已归档小组（记录仍保留）"))

    def edit_plan(self) -> None:
        uuid = self._need_group()
        if uuid and PlanDialog.ask(self, uuid, self.year.currentData(), self.group.currentText()):
            self.show_progress()
            self.status.emit(self.tr("学习计划已保存"))

    # -- filters and progress --------------------------------------------------
    def apply_filters(self) -> None:
        year = self.year.currentData()
        query = self.model.query
        query.group = self.group.currentData() or ""
        query.date_from, query.date_to = dt.date(year, 1, 1), dt.date(year, 12, 31)
        self.model.reload()
        self.show_progress()

    def show_progress(self) -> None:
        uuid, year = self.group.currentData(), self.year.currentData()
        self.progress.setVisible(bool(uuid))
        if not uuid:
            self.progress_title.setText(self.tr("选择一个学习小组，可查看其学习计划的执行情况。"))
            return
        rows = plan_vs_done(uuid, year)
        overdue = sum(r["overdue"] for r in rows)
        self.progress_title.setText(self.tr("<b>%1年计划执行情况</b>　计划 %2 个月，已开展 %3 个月，逾期未学 %4 个月")
                                    .replace("%1", str(year)).replace("%2", str(sum(bool(r["planned"]) for r in rows)))
                                    .replace("%3", str(sum(bool(r["sessions"]) for r in rows)))
                                    .replace("%4", str(overdue)))
        self.progress.show_rows(rows)

    def reload(self) -> None:
        self.load_groups()
        super().reload()
        self.show_progress()

    def new_initial(self) -> dict | None:
        group = self.group.currentData()
        return {"group": group} if group else None  # a new session starts in the group being looked at

    def name_of(self, row: dict) -> str:
        return row.get("topic", "")

    def count(self, query) -> int:
        return count_sessions(query)

    def fetch(self, query, offset: int, limit: int) -> list[dict]:
        return list_sessions(query, offset, limit)

    def remove(self, uuid: str, version: str | None = None) -> None:
        delete_session(uuid, version)

    def snapshot(self, uuid: str) -> dict:
        return session_snapshot(uuid)

    def put_back(self, data: dict) -> None:
        save_session(data)

    def erase(self, uuid: str, version: str | None = None) -> None:
        erase_session(uuid, version)

    def restore(self, uuid: str) -> None:
        restore_session(uuid)
