"""The home page: what is due, this year at a glance, and records that need a look."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from models.reporting.numbers import with_unit
from ui import read_only
from ui.tasks import run_quietly
from ui.widgets.after_paint import after_paint
from ui.widgets.labels import KIND_NAMES, date_text, label, local_time_text, rate_text
from ui.widgets.month_chart import MonthChart

STATES = {"done": ("已完成", "#2e7d32"), "due_soon": ("即将到期", "#ef6c00"), "open": ("待开展", "#616161"),
          "overdue": ("已逾期", "#c62828")}
FREQUENCIES = {"month": "每月", "quarter": "每季度", "half": "每半年", "year": "每年"}
DEVELOPMENT_STATES = {"overdue": ("已逾期", "#c62828"), "due_soon": ("即将到期", "#ef6c00"),
                      "ready": ("可以办理", "#2e7d32")}


def gather(today: dt.date) -> dict:
    from models.reporting.home import (
        gather,  # the queries and statistics, imported on first use (after the first paint)
    )
    return gather(today)


class HomePage(QWidget):
    status = Signal(str)
    new_activity = Signal(str)          # activity type code
    new_session = Signal(str)           # study group uuid
    open_record = Signal(str, str)      # kind, uuid

    def __init__(self, parent=None):
        super().__init__(parent)
        self.due_box = QGroupBox(self.tr("应办事项"), self)
        self.due_grid = QGridLayout(self.due_box)
        self.glance_box = QGroupBox(self.tr("本年概览"), self)
        self.figures = QLabel(self.glance_box)
        self.figures.setWordWrap(True)
        self.figures.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.chart = MonthChart(self.glance_box)
        self.recent = QListWidget(self.glance_box)
        self.recent.setMaximumHeight(150)
        # A long title ends in … at the edge (the whole of it in its tooltip), not behind a sideways scroll bar.
        self.recent.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.recent.itemDoubleClicked.connect(self._open)
        glance = QVBoxLayout(self.glance_box)
        glance.addWidget(self.figures)
        glance.addWidget(self.chart, 1)  # the room to spare goes to the bars, not into gaps around the caption
        glance.addWidget(QLabel(self.tr("最近添加的记录（双击打开）："), self.glance_box))
        glance.addWidget(self.recent)
        self.health_box = QGroupBox(self.tr("数据检查（双击打开记录）"), self)
        self.health = QListWidget(self.health_box)
        self.health.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # as the recent records
        self.health.itemDoubleClicked.connect(self._open)
        QVBoxLayout(self.health_box).addWidget(self.health)
        inner = QWidget(self)
        columns = QHBoxLayout(inner)
        columns.setContentsMargins(0, 0, 0, 0)  # the page's own margins are enough: 1024×768 at 125 % fits
        left = QVBoxLayout()
        left.addWidget(self.due_box)
        left.addWidget(self.health_box, 1)
        columns.addLayout(left, 2)
        columns.addWidget(self.glance_box, 3)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        layout = QVBoxLayout(self)
        if read_only.active():  # why 新建 is grey here and on every page
            layout.addWidget(read_only.note_label(self))
        layout.addWidget(scroll)

    def showEvent(self, event) -> None:
        # Once on screen, read on the worker thread: the figures take a moment with years of records, and
        # the window stays live meanwhile (started before the first paint, the reading would slow it).
        after_paint(self, lambda: run_quietly(lambda progress: gather(dt.date.today()), self._show_gathered))
        super().showEvent(event)

    def reload(self) -> None:
        self.show_all(gather(dt.date.today()))

    def _show_gathered(self, figures: dict) -> None:
        if isValid(self):  # the window may have closed meanwhile
            self.show_all(figures)

    def show_all(self, figures: dict) -> None:
        self.show_due(figures["due"], figures["study_due"], figures.get("development_due", []))
        self.show_glance(figures["glance"], figures["today"].year)
        self.show_health(figures["health"], figures["health_total"])

    # -- due ---------------------------------------------------------------------
    def show_due(self, meetings: list[dict], study: list[dict], development: list[dict] = ()) -> None:
        while self.due_grid.count():
            item = self.due_grid.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        for row, item in enumerate(meetings):
            text, colour = STATES[item["state"]]
            last = date_text(item["last"]) if item["last"] else self.tr("从未开展")
            cells = [QLabel(label(item["label"])), QLabel(self.tr(FREQUENCIES[item["frequency"]])),
                     QLabel(f"<span style='color:{colour}'><b>{self.tr(text)}</b></span>"),
                     QLabel(self.tr("上次：%1").replace("%1", last))]
            for column, widget in enumerate(cells):
                self.due_grid.addWidget(widget, row, column)
            if item["state"] != "done":
                button = QPushButton(self.tr("新建"))
                read_only.grey(button)
                button.clicked.connect(lambda _=False, kind=item["type"]: self.new_activity.emit(kind))
                self.due_grid.addWidget(button, row, 4)
        base = len(meetings)
        for i, item in enumerate(study):
            text, colour = STATES[item["state"]]
            cells = [QLabel(item["group_name"]), QLabel(self.tr("%1月计划").replace("%1", str(item["month"]))),
                     QLabel(f"<span style='color:{colour}'><b>{self.tr(text)}</b></span>"), QLabel(item["topic"])]
            cells[3].setWordWrap(True)  # a long planned topic takes two lines rather than widen the page
            for column, widget in enumerate(cells):
                self.due_grid.addWidget(widget, base + i, column)
            button = QPushButton(self.tr("记录学习会"))
            read_only.grey(button)
            button.clicked.connect(lambda _=False, group=item["group"]: self.new_session.emit(group))
            self.due_grid.addWidget(button, base + i, 4)
        base += len(study)
        for i, item in enumerate(development):  # the next step of someone on the path to membership
            text, colour = DEVELOPMENT_STATES[item["state"]]
            when = (self.tr("应于%1前") if item["deadline"] else self.tr("可于%1起")).replace(
                "%1", date_text(item["date"]))
            cells = [QLabel(label(item["short"])), QLabel(item["name"]),
                     QLabel(f"<span style='color:{colour}'><b>{self.tr(text)}</b></span>"), QLabel(when)]
            for cell in cells:  # the step in full and the article it rests on, kept out of the narrow columns
                cell.setToolTip(f"{item['name']}：{label(item['label'])}（{item['rule']}）")
            for column, widget in enumerate(cells):
                self.due_grid.addWidget(widget, base + i, column)
            button = QPushButton(self.tr("登记"))
            read_only.grey(button)
            button.clicked.connect(lambda _=False, uuid=item["applicant"]: self.open_record.emit("applicant", uuid))
            self.due_grid.addWidget(button, base + i, 4)

    # -- the year ----------------------------------------------------------------
    def show_glance(self, glance: dict, year: int) -> None:
        stats = glance["statistics"]
        acts, att, study, events = stats["activities"], stats["attendance"], stats["study"], stats["outreach"]
        lines = [self.tr("支部活动 %1 次，其中“三会一课” %2 次；平均出勤率 %3")
                 .replace("%1", str(acts["total"])).replace("%2", str(acts["three_one"]))
                 .replace("%3", rate_text(att["rate"])),
                 self.tr("学习会 %1 次，计划 %2 个主题；心得体会已交 %3 篇 / 应交 %4 篇")
                 .replace("%1", str(study["held"])).replace("%2", str(study["planned"]))
                 .replace("%3", str(study["reflections"])).replace("%4", str(study["reflections_expected"])),
                 self.tr("联建活动 %1 项").replace("%1", str(events["events"]))
                 + ("：" + "；".join(f"{t['name']} {with_unit(t['value_centi'], t['unit'])}" for t in events["totals"])
                    if events["totals"] else "")]
        cover = glance.get("coverage")
        if cover and cover["end"]["active"]:
            lines.append(self.tr("社会组织党建覆盖率 %1（年初 %2）：新成立党支部 %3 个，选派党建工作指导员 %4 名，"
                                 "新覆盖社会组织 %5 家").replace("%1", rate_text(cover["end"]["rate"]))
                         .replace("%2", rate_text(cover["start"]["rate"])).replace("%3", str(cover["new_branches"]))
                         .replace("%4", str(cover["instructors"])).replace("%5", str(cover["newly_covered"])))
        if att["lowest"]:
            lines.append(self.tr("出勤率较低：") + "、".join(f"{m['name']} {rate_text(m['rate'])}" for m in att["lowest"]))
        self.figures.setText("<br>".join(lines))
        self.chart.set_data(acts["by_month"], year)
        self.recent.clear()
        for row in glance["recent"]:
            item = QListWidgetItem(f"{local_time_text(row['created_at'])}  {self.tr(KIND_NAMES[row['kind']])}  "
                                   f"{row['title']}", self.recent)
            item.setToolTip(item.text())
            item.setData(Qt.ItemDataRole.UserRole, (row["kind"], row["uuid"]))

    # -- health ------------------------------------------------------------------
    def show_health(self, rows: list[dict], total: int) -> None:
        self.health.clear()
        if not rows:
            QListWidgetItem(self.tr("没有发现需要处理的问题。"), self.health)
        for row in rows:
            item = QListWidgetItem(f"【{self.tr(KIND_NAMES[row['kind']])}】{row['title']}：{row['problem']}",
                                   self.health)
            item.setToolTip(item.text())
            item.setData(Qt.ItemDataRole.UserRole, (row["kind"], row["uuid"]))
        if total > len(rows):  # the count is of every finding, not of the few listed here
            title = self.tr("数据检查（共 %1 项，这里列出 %2 项，全部见“数据检查”页；双击打开记录）").replace(
                "%1", str(total)).replace("%2", str(len(rows)))
        else:
            title = self.tr("数据检查（%1 项，双击打开记录）").replace("%1", str(total))
        self.health_box.setTitle(title)

    def _open(self, item: QListWidgetItem) -> None:
        target = item.data(Qt.ItemDataRole.UserRole)
        if target:
            self.open_record.emit(*target)
