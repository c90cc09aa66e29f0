"""The 支部活动 page: every meeting, lecture, visit and supervision action, filtered by period, type, section."""
from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QMenu, QMessageBox, QPushButton

from models.records import codes
from models.records.activities import (
    THREE_ONE,
    ActivityQuery,
    count_activities,
    delete_activity,
    erase_activity,
    get_activity,
    list_activities,
    restore_activity,
    save_activity,
    snapshot,
)
from models.records.settings import branch_settings, list_sections
from models.reporting.periods import PERIODS, period_range
from ui import read_only
from ui.dialogs.activity_dialog import ActivityDialog
from ui.dialogs.problems_dialog import ProblemsDialog
from ui.editors.fields import DateField
from ui.exporting import PDF, XLSX, export_file, failed
from ui.files import ask_open_path
from ui.pages.record_page import RecordPage
from ui.tasks import run_task
from ui.widgets.labels import code_label, date_text, label
from ui.widgets.record_table import DATE, Column

TABLE_FIELDS = ("type", "title", "date", "start_time", "place", "host", "section")  # what the columns show


class ActivityPage(RecordPage):
    TITLE = "支部活动"
    NOUN = "活动"
    FILTER_HINT = "筛选：主题、地点、主持人、内容、决议……（Ctrl+F）"
    DIALOG = ActivityDialog
    KIND = "activity"

    def columns(self) -> list[Column]:
        tr = self.tr
        time = lambda r: r["start_time"].strftime("%H:%M") if r["start_time"] else ""  # noqa: E731
        return [
            Column("date", tr("日期"), lambda r: date_text(r["date"]), sample=DATE),
            Column("start_time", tr("时间"), time, sortable=False, sample="00:00"),
            Column("type", tr("类型"), lambda r: code_label(codes.ACTIVITY_TYPES, r["type"]), chars=9),
            Column("title", tr("主题"), chars=10, fill=True),
            Column("place", tr("地点"), chars=9),
            Column("host", tr("主持人")),
            Column("present", tr("实到/应到"), lambda r: f"{r['present']}/{r['expected']}" if r["expected"] else "",
                   sortable=False),
            Column("section", tr("汇报栏目"), lambda r: r["section_name"], chars=7),
        ]

    def make_query(self) -> ActivityQuery:
        return ActivityQuery()

    def add_filters(self, layout: QHBoxLayout) -> None:
        tr = self.tr
        self.period = QComboBox(self)
        for code, text in PERIODS.items():
            self.period.addItem(label(text), code)
        self.date_from, self.date_to = DateField(self), DateField(self)
        self.range_label = QLabel(tr("至"), self)
        self.type_filter = QComboBox(self)
        self.type_filter.addItem(tr("全部类型"), "")
        self.type_filter.addItem(tr("三会一课"), THREE_ONE)
        for code, text in codes.ACTIVITY_TYPES.items():
            self.type_filter.addItem(label(text), code)
        self.section_filter = QComboBox(self)
        self.section_filter.addItem(tr("全部栏目"), "")  # the sections themselves come with the rows (reload)
        for widget in (self.period, self.date_from, self.range_label, self.date_to, self.type_filter,
                       self.section_filter):
            layout.addWidget(widget)
        self.period.currentIndexChanged.connect(self.apply_period)
        for widget in (self.type_filter, self.section_filter):
            widget.currentIndexChanged.connect(self.apply_filters)
        for field in (self.date_from, self.date_to):
            field.changed.connect(self.apply_filters)
        self._show_range(False)

    def extra_buttons(self) -> list:
        minutes = QPushButton(self.tr("会议记录PDF"), self)
        minutes.setToolTip(self.tr("把选中活动的会议记录导出为 PDF，可打印归档"))
        minutes.clicked.connect(self.export_minutes)
        files = QPushButton(self.tr("台账导入/导出"), self)  # a push button's width allows for the menu arrow
        menu = QMenu(files)
        menu.addAction(self.tr("导出台账（当前筛选的期间）…"), self.export_ledger)
        read_only.grey(menu.addAction(self.tr("从 Excel 导入…"), self.import_ledger))
        menu.addAction(self.tr("下载导入模板…"), self.export_template)
        files.setMenu(menu)
        return [minutes, files]

    def export_ledger(self) -> None:
        from exports.activity_ledger import write_activity_ledger
        start, end = self.model.query.date_from, self.model.query.date_to
        span = f"{start:%Y%m%d}-{end:%Y%m%d}" if start and end else self.tr("全部")
        export_file(self, "导出支部活动台账", self.tr("支部活动台账") + f"{span}.xlsx", XLSX,
                    lambda path: write_activity_ledger(path, start, end))

    def export_template(self) -> None:
        from exports.activity_ledger import write_activity_template
        export_file(self, "下载导入模板", self.tr("支部活动导入模板.xlsx"), XLSX, write_activity_template)

    def export_minutes(self) -> None:
        row = self.current_row()
        if row is None:
            self.status.emit(self.tr("请先在列表中选中一条活动"))
            return
        from exports.minutes_pdf import write_minutes_pdf
        activity, branch = get_activity(row["uuid"]), branch_settings()["branch_name"]
        export_file(self, "导出会议记录", f"{row['date']:%Y%m%d}{row['title']}会议记录.pdf", PDF,
                    lambda path: write_minutes_pdf(activity, path, branch))

    def import_ledger(self) -> None:
        path = ask_open_path(self, self.tr("从 Excel 导入支部活动"), self.tr("Excel 工作簿 (*.xlsx);;所有文件 (*)"))
        if path is None:
            return
        self.import_file(path)

    def import_file(self, path, new_members: bool | None = None) -> None:
        from exports.activity_import import import_activity_file
        run_task(self, self.tr("正在导入…"), lambda progress: import_activity_file(path, progress, new_members),
                 self.imported, lambda error: self.import_failed(error, path),
                 lambda: self.status.emit(self.tr("已取消导入，没有导入任何记录")), commits=True)

    def imported(self, counts: dict) -> None:
        from models.exchange.import_problems import names_text
        self.reload()
        self.changed.emit()
        self.status.emit(self.tr("导入完成：新增 %1 条，更新 %2 条，未变 %3 条").replace("%1", str(counts["added"]))
                         .replace("%2", str(counts["updated"])).replace("%3", str(counts["unchanged"]))
                         + (self.tr("；新增指标 %1 项").replace("%1", str(counts["indicators"]))
                            if counts.get("indicators") else "")
                         + (self.tr("；按文件中的党员名册新增党员 %1 位：%2").replace("%1", str(len(counts["members"])))
                            .replace("%2", names_text(counts["members"], self.tr("位"))) if counts.get("members") else ""))

    def import_failed(self, error: Exception, path=None) -> None:
        from models.exchange.import_problems import ImportProblems, names_text, summary_lines
        from models.exchange.ledger_roster import NewMembers
        if isinstance(error, NewMembers) and path is not None:
            # The same choice the command line offers with --add-members, asked before anything is written.
            answer = QMessageBox.question(
                self, self.tr("从 Excel 导入支部活动"),
                self.tr("文件的“党员名册”中有 %1 位党员本机的党员名册里没有：%2。\n\n导入时把他们添加到党员名册吗？"
                        "选“否”则不导入任何记录。").replace("%1", str(len(error.names)))
                .replace("%2", names_text(error.names, self.tr("位"))))
            if answer == QMessageBox.StandardButton.Yes:
                self.import_file(path, new_members=True)
            else:
                self.status.emit(self.tr("已取消导入，没有导入任何记录"))
            return
        if not isinstance(error, ImportProblems):
            failed(self, error, self.tr("导入失败"))
            return
        ProblemsDialog.show_problems(
            self, self.tr("导入未完成"),
            self.tr("文件中有 %1 处问题，为避免数据不完整，整个文件都没有导入。请在 Excel 中改正下列问题后再导入：")
            .replace("%1", str(len(error.problems))), summary_lines(error.problems))

    def load_sections(self) -> None:
        chosen = self.section_filter.currentData()
        self.section_filter.blockSignals(True)
        self.section_filter.clear()
        self.section_filter.addItem(self.tr("全部栏目"), "")
        for section in list_sections():
            self.section_filter.addItem(section["name"], section["uuid"])
        self.section_filter.setCurrentIndex(max(0, self.section_filter.findData(chosen)))
        self.section_filter.blockSignals(False)

    def _show_range(self, visible: bool) -> None:
        for widget in (self.date_from, self.range_label, self.date_to):
            widget.setVisible(visible)

    def apply_period(self) -> None:
        kind = self.period.currentData()
        self._show_range(kind == "custom")
        if kind != "custom":
            start, end = period_range(kind, dt.date.today())
            for field, day in ((self.date_from, start), (self.date_to, end)):
                field.blockSignals(True)
                field.setValue(day)
                field.blockSignals(False)
        self.apply_filters()

    def apply_filters(self) -> None:
        query = self.model.query
        query.date_from, query.date_to = self.date_from.day(), self.date_to.day()
        query.type = self.type_filter.currentData()
        query.section = self.section_filter.currentData() or ""
        self.model.reload()

    def reload(self) -> None:
        self.load_sections()
        super().reload()

    def name_of(self, row: dict) -> str:
        return row.get("title", "")

    def count(self, query) -> int:
        return count_activities(query)

    def fetch(self, query, offset: int, limit: int) -> list[dict]:
        return list_activities(query, offset, limit, TABLE_FIELDS)

    def remove(self, uuid: str, version: str | None = None) -> None:
        delete_activity(uuid, version)

    def snapshot(self, uuid: str) -> dict:
        return snapshot(uuid)

    def put_back(self, data: dict) -> None:
        save_activity(data)

    def erase(self, uuid: str, version: str | None = None) -> None:
        erase_activity(uuid, version)

    def restore(self, uuid: str) -> None:
        restore_activity(uuid)
