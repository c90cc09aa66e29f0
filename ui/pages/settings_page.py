"""The 设置 page: branch and office names, the report sections (栏目), the figures catalogue."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models.records import codes
from models.records.archive import archive_period, list_archived, unarchive_period
from models.records.settings import (
    FONT_ROLES,
    branch_settings,
    delete_indicator,
    list_indicators,
    list_sections,
    report_fonts,
    save_branch_settings,
    save_indicator,
    save_report_fonts,
    save_sections,
)
from models.records.validation import ValidationError
from models.store import database_role
from ui import read_only
from ui.editors.fields import ChoiceField, DateField, FolderField, TextField
from ui.editors.form import ERROR_STYLE, Form
from ui.widgets.demo_box import DemoBox
from ui.widgets.labels import label
from ui.widgets.mnemonics import WINDOW_MENUS, Mnemonics
from ui.widgets.server_box import ServerBox
from ui.widgets.screen_fit import form_columns


def _error_label(parent) -> QLabel:
    label = QLabel(parent)
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.hide()
    return label


class SettingsPage(QWidget):
    status = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.keys = Mnemonics(WINDOW_MENUS)  # the page's forms are on screen together: one set of Alt-keys
        inner = QWidget()
        layout = QVBoxLayout(inner)
        if read_only.active():
            layout.addWidget(read_only.note_label(inner))
        boxes = [self._branch_box(), self._fonts_box(), self._archive_box()]
        for box in boxes:
            layout.addWidget(box)
        self.demo_box = DemoBox(inner)
        self.demo_box.cleared.connect(self._demo_cleared)
        layout.addWidget(self.demo_box)
        self.server_box = ServerBox(inner, self.keys)
        layout.addWidget(self.server_box)
        row = QHBoxLayout() if form_columns(2) == 2 else QVBoxLayout()  # side by side where the screen is wide
        boxes += [self.demo_box, self._sections_box(), self._indicators_box()]
        row.addWidget(boxes[-2], 2)
        row.addWidget(boxes[-1], 3)
        layout.addLayout(row, 1)
        read_only.grey(*boxes)  # the store's own settings; which store this PC opens stays its own choice
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self.load()

    # -- branch ----------------------------------------------------------------
    def _branch_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("支部信息与备份"), self)
        self.branch_form = Form(form_columns(2), box, self.keys)
        self.branch_form.add("branch_name", self.tr("支部名称"), TextField(60, self.tr("如：市民政局社会组织管理科党支部")))
        self.branch_form.add("operator", self.tr("操作人"), TextField(30, self.tr("记录修改历史时署名，不填则用电脑用户名")))
        if database_role():  # a server's settings are every PC's: its history names the account and the PC instead
            self.branch_form.fields["operator"].setEnabled(False)
            self.branch_form.fields["operator"].setToolTip(self.tr("连接单位服务器时，修改历史记为“数据库账号@电脑名”"))
        self.branch_form.add("office_name", self.tr("汇报落款单位"),
                             TextField(60, self.tr("汇报末尾署名的单位，不填则用支部名称")), column=1)
        self.branch_form.add("backup_dir_2", self.tr("第二备份文件夹"),
                             FolderField(self.tr("如 U 盘或网络共享上的文件夹；每次备份都会复制一份过去")), column=1)
        save = QPushButton(self.tr("保存"), box)
        save.clicked.connect(self.save_branch)
        layout = QVBoxLayout(box)
        layout.addWidget(self.branch_form)
        layout.addWidget(save, 0, Qt.AlignmentFlag.AlignRight)
        return box

    def save_branch(self) -> None:
        try:
            save_branch_settings(self.branch_form.values())
        except ValidationError as e:
            self.branch_form.show_errors(e.errors)
            return
        self.branch_form.clear_errors()
        self._branch_shown = branch_settings()
        self.status.emit(self.tr("支部信息已保存"))

    def refresh_branch(self) -> None:
        """Show names saved elsewhere (the 落款 on the report page); a field typed in and not yet saved stays."""
        typed, stored = self.branch_form.values(), branch_settings()
        self.branch_form.set_values({key: value for key, value in stored.items()
                                     if typed.get(key) == self._branch_shown.get(key)})
        self._branch_shown = stored

    def showEvent(self, event) -> None:
        self.refresh_branch()
        self.demo_box.refresh()
        super().showEvent(event)

    def _demo_cleared(self, removed: int, kept: int) -> None:
        window = self.window()
        if hasattr(window, "reload_pages"):
            window.reload_pages()
        text = self.tr("已清除示例记录 %1 条").replace("%1", str(removed))
        if kept:
            text += self.tr("；%1 条因被自己录入的记录用到而保留").replace("%1", str(kept))
        self.status.emit(text + self.tr("。"))

    # -- report fonts ----------------------------------------------------------
    def _fonts_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("汇报字体（不填则优先用本机的仿宋、黑体、楷体、宋体，没有时用程序自带字体）"), self)
        self.fonts_form = Form(form_columns(2), box, self.keys)
        for i, (role, text) in enumerate(FONT_ROLES.items()):
            self.fonts_form.add(role, self.tr(text), FolderField(self.tr("TrueType 字体文件（.ttf/.ttc）"),
                                                                 file_filter=self.tr("TrueType 字体 (*.ttf *.ttc)")),
                                column=i % 2)
        save = QPushButton(self.tr("保存字体设置"), box)
        save.clicked.connect(self.save_fonts)
        layout = QVBoxLayout(box)
        layout.addWidget(self.fonts_form)
        layout.addWidget(save, 0, Qt.AlignmentFlag.AlignRight)
        return box

    def save_fonts(self) -> None:
        try:
            save_report_fonts(self.fonts_form.values())
        except ValidationError as e:
            self.fonts_form.show_errors(e.errors)
            return
        self.fonts_form.clear_errors()
        self.status.emit(self.tr("汇报字体已保存"))

    # -- archived periods ------------------------------------------------------
    def _archive_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("归档（汇报报送后锁定该期间的支部活动、学习会和联建活动，只能查看）"), self)
        self.archived = QTableWidget(0, 4, box)
        self.archived.setHorizontalHeaderLabels([self.tr("起始日期"), self.tr("截止日期"), self.tr("操作人"), self.tr("说明")])
        self.archived.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.archived.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.archived.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.archived.verticalHeader().hide()
        self.archived.setMaximumHeight(140)
        self.archive_form = Form(form_columns(3), box, self.keys)
        self.archive_form.add("date_from", self.tr("起始日期"), DateField())
        self.archive_form.add("date_to", self.tr("截止日期"), DateField(), column=1)
        self.archive_form.add("note", self.tr("说明"), TextField(500, self.tr("如：2022年情况汇报已报送")), column=2)
        add = QPushButton(self.tr("归档该期间"), box)
        add.clicked.connect(self.archive)
        reopen = QPushButton(self.tr("取消所选归档…"), box)
        reopen.clicked.connect(self.unarchive)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(reopen)
        buttons.addWidget(add)
        layout = QVBoxLayout(box)
        layout.addWidget(self.archived)
        layout.addWidget(self.archive_form)
        layout.addLayout(buttons)
        return box

    def archive(self) -> None:
        try:
            archive_period(**self.archive_form.values())
        except ValidationError as e:
            self.archive_form.show_errors(e.errors)
            return
        self.archive_form.clear_errors()
        self.archive_form.set_values({"date_from": None, "date_to": None, "note": ""})
        self.load_archived()
        self.status.emit(self.tr("已归档；该期间的记录现在只能查看"))

    def unarchive(self) -> None:
        row = self.archived.currentRow()
        if row < 0:
            return
        uuid = self.archived.item(row, 0).data(Qt.ItemDataRole.UserRole)
        answer = QMessageBox.question(self, self.tr("取消归档"), self.tr("取消归档后，该期间的记录可以再次修改，"
                                                                        "此操作会记入修改历史。确定取消吗？"))
        if answer == QMessageBox.StandardButton.Yes:
            unarchive_period(uuid)
            self.load_archived()
            self.status.emit(self.tr("已取消归档"))

    def load_archived(self) -> None:
        rows = list_archived()
        self.archived.setRowCount(len(rows))
        for i, row in enumerate(rows):
            cells = (row["date_from"].isoformat(), row["date_to"].isoformat(), row["operator"], row["note"])
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 0:
                    item.setData(Qt.ItemDataRole.UserRole, row["uuid"])
                self.archived.setItem(i, column, item)

    # -- report sections -------------------------------------------------------
    def _sections_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("汇报栏目（每个栏目是汇报中的一章，双击改名）"), self)
        self.sections = QListWidget(box)
        self.sections.setMinimumHeight(200)
        self.sections.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                      | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.sections.itemChanged.connect(lambda _: self.store_sections(self.tr("栏目已改名")))
        self.sections_error = _error_label(box)
        buttons = QHBoxLayout()
        for text, slot in ((self.tr("添加"), self.add_section), (self.tr("上移"), lambda: self.move_section(-1)),
                           (self.tr("下移"), lambda: self.move_section(1)), (self.tr("删除"), self.remove_section)):
            button = QPushButton(text, box)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        layout = QVBoxLayout(box)
        layout.addWidget(self.sections, 1)
        layout.addWidget(self.sections_error)
        layout.addLayout(buttons)
        return box

    def _section_rows(self) -> list[dict]:
        return [{"uuid": self.sections.item(i).data(Qt.ItemDataRole.UserRole),
                 "name": self.sections.item(i).text()} for i in range(self.sections.count())]

    def store_sections(self, message: str, rows: list[dict] | None = None, select: int | None = None) -> bool:
        try:
            save_sections(rows if rows is not None else self._section_rows())
        except ValidationError as e:
            self.sections_error.setText("\n".join(dict.fromkeys(e.errors.values())))
            self.sections_error.show()
            self.load_sections()
            return False
        self.sections_error.hide()
        self.load_sections(select)
        self.status.emit(message)
        return True

    def add_section(self) -> None:
        rows = self._section_rows()
        names = {r["name"] for r in rows}
        name = next(self.tr("新栏目%1").replace("%1", str(i) if i else "") for i in range(100)
                    if self.tr("新栏目%1").replace("%1", str(i) if i else "") not in names)
        if self.store_sections(self.tr("已添加栏目"), rows + [{"name": name}], select=len(rows)):
            self.sections.editItem(self.sections.item(len(rows)))

    def move_section(self, step: int) -> None:
        row = self.sections.currentRow()
        rows = self._section_rows()
        if row < 0 or not 0 <= row + step < len(rows):
            return
        rows[row], rows[row + step] = rows[row + step], rows[row]
        self.store_sections(self.tr("栏目顺序已调整"), rows, select=row + step)

    def remove_section(self) -> None:
        row = self.sections.currentRow()
        if row < 0:
            return
        rows = self._section_rows()
        del rows[row]
        self.store_sections(self.tr("已删除栏目"), rows, select=max(0, row - 1))

    def load_sections(self, select: int | None = None) -> None:
        self.sections.blockSignals(True)
        self.sections.clear()
        for section in list_sections(counted=True):
            item = QListWidgetItem(section["name"])
            item.setData(Qt.ItemDataRole.UserRole, section["uuid"])
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
            if section["used"]:
                item.setToolTip(self.tr("已有 %1 条记录归入此栏目").replace("%1", str(section["used"])))
            self.sections.addItem(item)
        self.sections.blockSignals(False)
        if select is not None:
            self.sections.setCurrentRow(select)

    # -- indicators ------------------------------------------------------------
    def _indicators_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("指标目录（活动和联建活动记录的数据项）"), self)
        self.indicators = QTableWidget(0, 4, box)
        self.indicators.setHorizontalHeaderLabels([self.tr("指标"), self.tr("单位"), self.tr("汇总方式"),
                                                   self.tr("已记录次数")])
        self.indicators.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.indicators.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.indicators.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.indicators.verticalHeader().hide()
        self.indicators.setMinimumHeight(280)  # the page scrolls rather than squeeze the catalogue
        rules = QLabel(self.tr("汇总方式：情况汇报怎样合计报告期内各次的数值。累加——各次相加；"
                               "取最新——写最近一次的数值（截至某日的累计数）；取最大——写最大的一次；"
                               "不汇总——只在各次活动中写出。参与社会组织、会员企业等按活动分别表述，不相加"
                               "（同一组织会参加多次活动）。"), box)
        rules.setWordWrap(True)
        self.indicator_form = Form(form_columns(3), box, self.keys)
        self.indicator_form.add("name", self.tr("新指标"), TextField(60, self.tr("如：走访企业")))
        self.indicator_form.add("unit", self.tr("单位"), TextField(10, self.tr("如：家、人、元")), column=1)
        self.indicator_form.add("rule", self.tr("汇总方式"), ChoiceField(codes.FIGURE_RULES), column=2)
        add = QPushButton(self.tr("添加指标"), box)
        add.clicked.connect(self.add_indicator)
        remove = QPushButton(self.tr("删除所选指标"), box)
        remove.clicked.connect(self.remove_indicator)
        self.indicators_error = _error_label(box)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(remove)
        buttons.addWidget(add)
        layout = QVBoxLayout(box)
        layout.addWidget(self.indicators, 1)
        layout.addWidget(self.indicators_error)
        layout.addWidget(rules)
        layout.addWidget(self.indicator_form)
        layout.addLayout(buttons)
        return box

    def add_indicator(self) -> None:
        try:
            save_indicator(self.indicator_form.values())
        except ValidationError as e:
            self.indicator_form.show_errors(e.errors)
            return
        name = self.indicator_form.values()["name"].strip()
        self.indicator_form.clear_errors()
        self.indicator_form.set_values({"name": "", "unit": "", "rule": "sum"})
        self.load_indicators()
        self.indicators.setCurrentCell(self.indicators.rowCount() - 1, 0)
        self.status.emit(self.tr("已添加指标“%1”").replace("%1", name))

    def remove_indicator(self) -> None:
        row = self.indicators.currentRow()
        if row < 0:
            return
        item = self.indicators.item(row, 0)
        try:
            delete_indicator(item.data(Qt.ItemDataRole.UserRole))
        except ValidationError as e:
            self.indicators_error.setText(next(iter(e.errors.values())))
            self.indicators_error.show()
            return
        self.indicators_error.hide()
        self.load_indicators()
        self.status.emit(self.tr("已删除指标“%1”").replace("%1", item.text()))

    def change_rule(self, row: dict, rule: QComboBox) -> None:
        """Store the 汇总方式 chosen in the table; a refusal is shown under the table and the choice put back."""
        try:
            save_indicator({"uuid": row["uuid"], "name": row["name"], "unit": row["unit"], "rule": rule.currentData()})
        except ValidationError as e:
            self.indicators_error.setText(next(iter(e.errors.values())))
            self.indicators_error.show()
            rule.blockSignals(True)
            rule.setCurrentIndex(rule.findData(row["rule"]))
            rule.blockSignals(False)
            return
        self.indicators_error.hide()
        row["rule"] = rule.currentData()
        self.status.emit(self.tr("“%1”的汇总方式改为%2").replace("%1", row["name"]).replace("%2", rule.currentText()))

    def load_indicators(self) -> None:
        rows = list_indicators()
        self.indicators.setRowCount(len(rows))
        for i, row in enumerate(rows):
            name = QTableWidgetItem(row["name"])
            name.setData(Qt.ItemDataRole.UserRole, row["uuid"])
            if row["builtin"]:
                name.setToolTip(self.tr("内置指标"))
            used = QTableWidgetItem(str(row['used']))
            used.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            for column, item in enumerate((name, QTableWidgetItem(row["unit"]), QTableWidgetItem(), used)):
                self.indicators.setItem(i, column, item)
            rule = QComboBox()
            for code, text in codes.FIGURE_RULES.items():
                rule.addItem(label(text), code)
            rule.setCurrentIndex(max(0, rule.findData(row["rule"])))
            rule.currentIndexChanged.connect(lambda _, r=row, box=rule: self.change_rule(r, box))
            self.indicators.setCellWidget(i, 2, rule)

    def load(self) -> None:
        self._branch_shown = branch_settings()
        self.branch_form.set_values(self._branch_shown)
        self.fonts_form.set_values(report_fonts())
        self.load_archived()
        self.load_sections()
        self.load_indicators()
