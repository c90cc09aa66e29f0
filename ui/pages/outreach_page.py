"""The 联建活动 page: outreach events filtered by period, series and kind, with the totals of their figures."""
from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton

from models.records import codes
from models.records.outreach import (
    EventQuery,
    count_events,
    delete_event,
    erase_event,
    event_snapshot,
    figure_totals,
    list_events,
    list_series,
    restore_event,
    save_event,
)
from models.reporting.numbers import with_unit
from models.reporting.periods import PERIODS, period_range
from ui.dialogs.outreach_dialog import OutreachDialog
from ui.exporting import XLSX, export_file
from ui.pages.record_page import RecordPage
from ui.widgets.labels import code_label, count_text, date_text, label
from ui.widgets.record_table import DATE, Column


class OutreachPage(RecordPage):
    TITLE = "联建活动"
    NOUN = "联建活动"
    FILTER_HINT = "筛选：名称、系列、地区、联合主办单位、活动情况……（Ctrl+F）"
    DIALOG = OutreachDialog
    KIND = "outreach_event"

    def __init__(self, parent=None):
        super().__init__(parent)
        self.totals = QLabel(self)
        self.totals.setWordWrap(True)
        self.layout().addWidget(self.totals)
        self.model.modelReset.connect(self.update_totals)  # filled in when the rows are first read

    def columns(self) -> list[Column]:
        tr = self.tr
        return [
            Column("start_date", tr("开始日期"), lambda r: date_text(r["start_date"]), sample=DATE),
            Column("title", tr("活动名称"), chars=10, fill=True),
            Column("series", tr("系列"), chars=12),
            Column("kind", tr("类别"), lambda r: code_label(codes.OUTREACH_KINDS, r["kind"]), chars=5),
            Column("region", tr("帮扶地区")),
            Column("organisations", tr("参与组织"), lambda r: str(r["organisations"]), sortable=False),
            Column("section", tr("汇报栏目"), lambda r: r["section_name"], sortable=False, chars=7),
        ]

    def make_query(self) -> EventQuery:
        return EventQuery()

    def add_filters(self, layout: QHBoxLayout) -> None:
        self.period = QComboBox(self)
        for code, text in PERIODS.items():
            if code != "custom":
                self.period.addItem(label(text), code)
        self.series = QComboBox(self)
        self.kind = QComboBox(self)
        self.kind.addItem(self.tr("全部类别"), "")
        for code, text in codes.OUTREACH_KINDS.items():
            self.kind.addItem(label(text), code)
        self.load_series()
        for widget in (self.period, self.series, self.kind):
            layout.addWidget(widget)
            widget.currentIndexChanged.connect(self.apply_filters)

    def extra_buttons(self) -> list:
        ledger = QPushButton(self.tr("导出台账…"), self)
        ledger.setToolTip(self.tr("把当前筛选期间的联建活动、参与组织和指标合计导出为 Excel"))
        ledger.clicked.connect(self.export_ledger)
        return [ledger]

    def export_ledger(self) -> None:
        from exports.outreach_ledger import write_outreach_ledger
        start, end = self.model.query.date_from, self.model.query.date_to
        span = f"{start:%Y%m%d}-{end:%Y%m%d}" if start and end else self.tr("全部")
        export_file(self, "导出联建活动台账", self.tr("联建活动台账") + f"{span}.xlsx", XLSX,
                    lambda path: write_outreach_ledger(path, start, end))

    def load_series(self) -> None:
        chosen = self.series.currentData()
        self.series.blockSignals(True)
        self.series.clear()
        self.series.addItem(self.tr("全部系列"), "")
        for name in list_series():
            self.series.addItem(name, name)
        self.series.setCurrentIndex(max(0, self.series.findData(chosen)))
        self.series.blockSignals(False)

    def apply_filters(self) -> None:
        query = self.model.query
        query.date_from, query.date_to = period_range(self.period.currentData(), dt.date.today())
        query.series = self.series.currentData() or ""
        query.kind = self.kind.currentData() or ""
        self.model.reload()

    def update_totals(self) -> None:
        """The figures of every event the filter shows, added up per indicator (e.g. a whole series)."""
        totals = figure_totals(self.model.query)
        if not totals:
            self.totals.setText(self.tr("当前筛选的活动没有记录指标。"))
            return
        self.totals.setText(self.tr("当前筛选的 %1 项活动合计：").replace("%1", count_text(self.model.total))
                            + "；".join(f"{t['name']} {with_unit(t['value_centi'], t['unit'])}" for t in totals))

    def reload(self) -> None:
        self.load_series()
        super().reload()

    def name_of(self, row: dict) -> str:
        return row.get("title", "")

    def count(self, query) -> int:
        return count_events(query)

    def fetch(self, query, offset: int, limit: int) -> list[dict]:
        return list_events(query, offset, limit)

    def remove(self, uuid: str, version: str | None = None) -> None:
        delete_event(uuid, version)

    def snapshot(self, uuid: str) -> dict:
        return event_snapshot(uuid)

    def put_back(self, data: dict) -> None:
        save_event(data)

    def erase(self, uuid: str, version: str | None = None) -> None:
        erase_event(uuid, version)

    def restore(self, uuid: str) -> None:
        restore_event(uuid)
