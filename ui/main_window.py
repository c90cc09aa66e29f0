"""The main window: navigation on the left, the pages, menus, toolbar and status bar."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QSize, Qt, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QMainWindow, QMessageBox, QStackedWidget, QStyle,
    QWidget,
)

from models import __version__
from models.backup import backup_folder
from models.paths import log_dir
from ui.backups import Backups
from ui.packages import Packages
from ui.activity_page import ActivityPage
from ui.global_search_dialog import GlobalSearchDialog
from ui.home_page import HomePage
from ui.member_page import MemberPage
from ui.organisation_page import OrganisationPage
from ui.outreach_page import OutreachPage
from ui.record_page import RecordPage
from ui.recycle_page import RecyclePage
from ui.report_page import ReportPage
from ui.settings_page import SettingsPage
from ui.study_page import StudyPage


class MainWindow(QMainWindow):
    def __init__(self, store: Path, parent=None):
        super().__init__(parent)
        self.store = Path(store)
        self.setWindowTitle(self.tr("支部台账"))
        self.pages = {
            "home": (self.tr("首页"), HomePage(self)),
            "activities": (self.tr("支部活动"), ActivityPage(self)),
            "study": (self.tr("学习小组"), StudyPage(self)),
            "outreach": (self.tr("联建活动"), OutreachPage(self)),
            "members": (self.tr("党员"), MemberPage(self)),
            "organisations": (self.tr("社会组织"), OrganisationPage(self)),
            "report": (self.tr("汇报导出"), ReportPage(self)),
            "recycle": (self.tr("回收站"), RecyclePage(self)),
            "settings": (self.tr("设置"), SettingsPage(self)),
        }
        self.nav = QListWidget(self)
        self.nav.setIconSize(QSize(20, 20))
        self.stack = QStackedWidget(self)
        for key, (title, page) in self.pages.items():
            item = QListWidgetItem(title, self.nav)
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setSizeHint(QSize(0, self.fontMetrics().height() + 18))
            self.stack.addWidget(page)
            page.status.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.nav.setFixedWidth(max(120, self.fontMetrics().horizontalAdvance("社会组织") + 60))
        self.nav.currentRowChanged.connect(self.show_page)
        central = QWidget(self)
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self._build_actions()
        home = self.pages["home"][1]
        home.new_activity.connect(lambda kind: self._start("activities", {"type": kind}))
        home.new_session.connect(lambda group: self._start("study", {"group": group}))
        home.open_record.connect(self.open_record)
        self.backups = Backups(self, self.store)
        self.packages = Packages(self)
        for _, page in self.pages.values():
            if hasattr(page, "changed"):
                page.changed.connect(self.backups.note_change)
        self.store_label = QLabel(self.tr("数据文件：%1").replace("%1", str(self.store)), self)
        self.statusBar().addPermanentWidget(self.store_label)
        self._restore_state()

    # -- actions ---------------------------------------------------------------
    def _action(self, text: str, slot, shortcut=None, icon=None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if icon is not None:
            action.setIcon(self.style().standardIcon(icon))
        action.triggered.connect(slot)
        return action

    def _build_actions(self) -> None:
        tr, px = self.tr, QStyle.StandardPixmap
        self.new_action = self._action(tr("新建(&N)"), lambda: self._on_page("new_record"),
                                       QKeySequence.StandardKey.New, px.SP_FileIcon)
        self.edit_action = self._action(tr("编辑(&E)"), lambda: self._on_page("edit_current"), "Ctrl+E",
                                        px.SP_FileDialogDetailedView)
        self.delete_action = self._action(tr("删除到回收站(&D)"), lambda: self._on_page("delete_current"),
                                          QKeySequence.StandardKey.Delete, px.SP_TrashIcon)
        self.find_action = self._action(tr("筛选(&F)"), lambda: self._on_page("focus_filter"),
                                        QKeySequence.StandardKey.Find, px.SP_FileDialogContentsView)
        self.quit_action = self._action(tr("退出(&X)"), self.close, QKeySequence.StandardKey.Quit)
        self.search_action = self._action(tr("全局搜索(&S)…"), self.global_search, "Ctrl+Shift+F",
                                          px.SP_FileDialogContentsView)
        self.report_action = self._action(tr("导出汇报"), self.one_click_report, "Ctrl+P",
                                          px.SP_DialogSaveButton)
        self.report_action.setToolTip(tr("按上次使用的报告期（首次为本年度）生成情况汇报 PDF，保存到“文档”并打开"))
        self.undo_action = self._action(tr("撤销(&U)"), lambda: self._undo("undo"), QKeySequence.StandardKey.Undo)
        self.redo_action = self._action(tr("重做(&R)"), lambda: self._undo("redo"))
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        menu = self.menuBar().addMenu(tr("文件(&F)"))
        menu.addAction(self.new_action)
        menu.addAction(self.report_action)
        menu.addSeparator()
        menu.addAction(self._action(tr("立即备份"), self.backup_now))
        menu.addAction(self._action(tr("从备份恢复…"), self.restore))
        menu.addAction(self._action(tr("打开备份文件夹"), lambda: self._open_folder(backup_folder(self.store))))
        menu.addSeparator()
        menu.addAction(self._action(tr("导出数据包…"), lambda: self.packages.export()))
        menu.addAction(self._action(tr("导入数据包…"), lambda: self.packages.import_()))
        menu.addSeparator()
        menu.addAction(self._action(tr("打开日志文件夹"), lambda: self._open_folder(log_dir())))
        menu.addAction(self._action(tr("打开数据文件夹"), lambda: self._open_folder(self.store.parent)))
        menu.addSeparator()
        menu.addAction(self.quit_action)
        menu = self.menuBar().addMenu(tr("编辑(&E)"))
        menu.addAction(self.undo_action)
        menu.addAction(self.redo_action)
        menu.addSeparator()
        for action in (self.edit_action, self.delete_action, self.find_action, self.search_action):
            menu.addAction(action)
        menu = self.menuBar().addMenu(tr("视图(&V)"))
        for i, (key, (title, _)) in enumerate(self.pages.items()):
            menu.addAction(self._action(title, lambda _=False, row=i: self.nav.setCurrentRow(row), f"Ctrl+{i + 1}"))
        menu = self.menuBar().addMenu(tr("帮助(&H)"))
        menu.addAction(self._action(tr("关于支部台账"), self.about))
        toolbar = self.addToolBar(tr("工具栏"))
        toolbar.setObjectName("main_toolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for action in (self.new_action, self.edit_action, self.delete_action, self.find_action):
            toolbar.addAction(action)
        toolbar.addAction(self.search_action)
        toolbar.addSeparator()
        toolbar.addAction(self.report_action)
        # Delete acts on the table only, so the key still deletes text in a text box.
        for _, page in self.pages.values():
            if isinstance(page, RecordPage):
                page.view.addAction(self.delete_action)

    KIND_PAGES = {"activity": "activities", "study_session": "study", "outreach_event": "outreach",
                  "member": "members", "organisation": "organisations"}

    def _start(self, key: str, initial: dict) -> None:
        self.go_to(key)
        self.pages[key][1].new_from(initial)

    def open_record(self, kind: str, uuid: str) -> None:
        """Go to the page of a record kind and open the record (from the home page or a search)."""
        key = self.KIND_PAGES[kind]
        self.go_to(key)
        self.pages[key][1].open_uuid(uuid)

    def global_search(self) -> None:
        found = GlobalSearchDialog.ask(self)
        if found:
            self.open_record(*found)

    def one_click_report(self) -> None:
        self.pages["report"][1].one_click()

    def _undo(self, which: str) -> None:
        stack = getattr(self.stack.currentWidget(), "undo_stack", None)
        if stack is None:
            return
        text = stack.undoText() if which == "undo" else stack.redoText()
        able = stack.canUndo() if which == "undo" else stack.canRedo()
        getattr(stack, which)()
        if able:
            self.statusBar().showMessage((self.tr("已撤销：") if which == "undo" else self.tr("已重做：")) + text, 8000)
        else:
            self.statusBar().showMessage(self.tr("没有可撤销的操作") if which == "undo" else self.tr("没有可重做的操作"),
                                         4000)

    def _on_page(self, method: str) -> None:
        page = self.stack.currentWidget()
        if hasattr(page, method):
            getattr(page, method)()

    def show_page(self, row: int) -> None:
        if row < 0:
            return
        self.stack.setCurrentIndex(row)
        page = self.stack.currentWidget()
        is_records = isinstance(page, RecordPage)
        for action in (self.new_action, self.edit_action, self.delete_action, self.find_action,
                       self.undo_action, self.redo_action):
            action.setEnabled(is_records)
        if is_records:
            page.reload()
            page.view.setFocus()

    def current_page_key(self) -> str:
        return self.nav.currentItem().data(Qt.ItemDataRole.UserRole) if self.nav.currentItem() else ""

    def go_to(self, key: str) -> None:
        self.nav.setCurrentRow(list(self.pages).index(key))

    def _open_folder(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def about(self) -> None:
        QMessageBox.about(self, self.tr("关于支部台账"),
                          self.tr("<h3>支部台账 %1</h3><p>记录支部活动、学习小组与联建活动，一键生成情况汇报。</p>"
                                  "<p>数据文件：%2</p>").replace("%1", __version__).replace("%2", str(self.store)))

    # -- remembered between runs -----------------------------------------------
    def _restore_state(self) -> None:
        settings = QSettings()
        geometry = settings.value("window/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1200, 760)
        state = settings.value("window/state")
        if state is not None:
            self.restoreState(state)
        keys = list(self.pages)
        last = settings.value("window/page", "home")
        self.nav.setCurrentRow(keys.index(last) if last in keys else 0)

    def backup_now(self) -> None:
        self.backups.run("手动", announce=True)

    def restore(self) -> None:
        if self.backups.restore():
            for _, page in self.pages.values():
                if hasattr(page, "reload"):
                    page.reload()

    def closeEvent(self, event) -> None:
        self.pages["report"][1].save_leads()
        self.backups.on_close()
        settings = QSettings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/state", self.saveState())
        settings.setValue("window/page", self.current_page_key())
        settings.sync()
        super().closeEvent(event)
