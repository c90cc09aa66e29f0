"""The main window: navigation on the left, the pages, menus, toolbar and status bar."""
from __future__ import annotations

from importlib import import_module
from pathlib import Path

from PySide6.QtCore import QSettings, QSize, Qt, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QStyle,
    QWidget,
)

from models import __version__
from models.store import server_url, shown_target
from ui import read_only
from ui.backups import Backups
from ui.widgets.screen_fit import resize_within_screen

# key, title, module, class: a page's module is imported and the page built the first time it is shown,
# so the window paints at once whatever page it opens on.
PAGES = (("home", "首页", "ui.pages.home_page", "HomePage"), ("activities", "支部活动", "ui.pages.activity_page", "ActivityPage"),
         ("study", "学习小组", "ui.pages.study_page", "StudyPage"), ("outreach", "联建活动", "ui.pages.outreach_page", "OutreachPage"),
         ("members", "党员", "ui.pages.member_page", "MemberPage"), ("dues", "党费", "ui.pages.dues_page", "DuesPage"),
         ("development", "发展党员", "ui.pages.development_page", "DevelopmentPage"),
         ("organisations", "社会组织", "ui.pages.organisation_page", "OrganisationPage"),
         ("coverage", "党建覆盖", "ui.pages.coverage_page", "CoveragePage"),
         ("report", "汇报导出", "ui.pages.report_page", "ReportPage"), ("recycle", "回收站", "ui.pages.recycle_page", "RecyclePage"),
         ("settings", "设置", "ui.pages.settings_page", "SettingsPage"),
         ("health", "数据检查", "ui.pages.health_page", "HealthPage"))


class Pages:
    """The window's pages by key: pages[key] is (title, page), the page built then if it was not yet;
    `in`, iterating the keys and built() never build one."""

    def __init__(self, window: "MainWindow"):
        self.window = window
        self.titles = {key: window.tr(title) for key, title, _, _ in PAGES}
        self.made: dict[str, QWidget] = {}

    def __getitem__(self, key: str) -> tuple[str, QWidget]:
        if key not in self.titles:
            raise KeyError(key)
        if key not in self.made:
            self.made[key] = self.window.make_page(key)
        return self.titles[key], self.made[key]

    def __iter__(self):
        return iter(self.titles)

    def __len__(self) -> int:
        return len(self.titles)

    def built(self) -> list[QWidget]:
        return list(self.made.values())


class MainWindow(QMainWindow):
    def __init__(self, store: Path, parent=None):
        super().__init__(parent)
        self.store = Path(store)
        self.setWindowTitle(self.tr("支部台账"))
        self.pages = Pages(self)
        self.nav = QListWidget(self)
        self.nav.setIconSize(QSize(20, 20))
        self.stack = QStackedWidget(self)
        for key, title in self.pages.titles.items():
            item = QListWidgetItem(title, self.nav)
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setSizeHint(QSize(0, self.fontMetrics().height() + 18))
            self.stack.addWidget(QWidget(self.stack))  # stands in until the page is first shown
        self.nav.setFixedWidth(max(120, self.fontMetrics().horizontalAdvance("社会组织") + 60))
        self.nav.currentRowChanged.connect(self.show_page)
        central = QWidget(self)
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.backups = Backups(self, self.store)
        self._packages = None
        self._build_actions()
        self.store_label = QLabel(self.store_text(), self)
        self.statusBar().addPermanentWidget(self.store_label)
        if read_only.active():  # said once, where it stays in sight on every page
            self.read_only_label = read_only.note_label(self)
            self.statusBar().addPermanentWidget(self.read_only_label)
        self._restore_state()

    def make_page(self, key: str) -> QWidget:
        """Build one page in its place in the stack and wire it to the window."""
        index = list(self.pages).index(key)
        module, name = next((m, n) for k, _, m, n in PAGES if k == key)
        page = getattr(import_module(module), name)(self)
        stand_in = self.stack.widget(index)
        self.stack.insertWidget(index, page)
        self.stack.removeWidget(stand_in)
        stand_in.deleteLater()
        page.status.connect(lambda text: self.statusBar().showMessage(text, 8000))
        if hasattr(page, "changed"):
            page.changed.connect(self.backups.note_change)
        if hasattr(page, "undo_stack"):  # Delete acts on the table only, so the key still deletes text in a box
            page.view.addAction(self.delete_action)
            page.chosen.connect(lambda _: self._update_actions())
        if key == "recycle":
            page.restored.connect(self._note_restore)
        if hasattr(page, "open_record"):  # the home page and 数据检查 lead to records
            page.open_record.connect(self.open_record)
        if key == "home":
            page.new_activity.connect(lambda kind: self._start("activities", {"type": kind}))
            page.new_session.connect(lambda group: self._start("study", {"group": group}))
        return page

    @property
    def packages(self):
        if self._packages is None:
            from ui.packages import Packages
            self._packages = Packages(self)
        return self._packages

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
        self.delete_action = self._action(tr("删除(&D)"), lambda: self._on_page("delete_current"),
                                          QKeySequence.StandardKey.Delete, px.SP_TrashIcon)
        self.delete_action.setToolTip(tr("把选中的记录移到回收站（可以恢复）"))  # the same words as each page's button
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
        menu.addAction(restore := self._action(tr("从备份恢复…"), self.restore))
        menu.addAction(self._action(tr("打开备份文件夹"), self.open_backup_folder))
        menu.addSeparator()
        menu.addAction(self._action(tr("导出数据包…"), lambda: self.packages.export()))
        menu.addAction(import_package := self._action(tr("导入数据包…"), lambda: self.packages.import_()))
        read_only.grey(self.new_action, self.delete_action, self.undo_action, self.redo_action, restore, import_package)
        menu.addSeparator()
        menu.addAction(self._action(tr("打开日志文件夹"), self.open_log_folder))
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
        for i, title in enumerate(self.pages.titles.values()):
            shortcut = f"Ctrl+{(i + 1) % 10}" if i < 10 else None  # Ctrl+1 … Ctrl+0: the first ten pages
            menu.addAction(self._action(title, lambda _=False, row=i: self.nav.setCurrentRow(row), shortcut))
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

    KIND_PAGES = {"activity": "activities", "study_session": "study", "outreach_event": "outreach",
                  "member": "members", "organisation": "organisations", "applicant": "development",
                  "party_org": "coverage"}

    def _note_restore(self, kind: str, uuid: str, name: str) -> None:
        """A restore from the 回收站 goes on the record page's own undo stack (if that page is built): undo there
        then moves the record back, instead of an older step failing on a record that is live again."""
        key = self.KIND_PAGES.get(kind)
        page = self.pages.made.get(key) if key else None
        if page is not None:
            page.note_restored(uuid, name)

    def _start(self, key: str, initial: dict) -> None:
        self.go_to(key)
        self.pages[key][1].new_from(initial)

    def open_record(self, kind: str, uuid: str) -> None:
        """Go to the page of a record kind and open the record (from the home page or a search)."""
        key = self.KIND_PAGES[kind]
        self.go_to(key)
        self.pages[key][1].open_uuid(uuid)

    def global_search(self) -> None:
        from ui.dialogs.global_search_dialog import GlobalSearchDialog
        found = GlobalSearchDialog.ask(self)
        if found and found[0] == "applicant":  # the words are in the person's own fields: their form, not a step's
            self.go_to("development")
            page = self.pages["development"][1]
            page.select_uuid(found[1])
            page.edit_uuid(found[1])
        elif found:
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
        page = self.pages[list(self.pages)[row]][1]
        was_loaded = getattr(page, "loaded", False)
        self.stack.setCurrentIndex(row)  # a record page shown for the first time reads its rows now
        is_records = hasattr(page, "undo_stack")
        self._update_actions()
        if is_records:
            if was_loaded:  # shown again: what other pages changed meanwhile
                page.reload()
            page.view.setFocus()

    def _update_actions(self) -> None:
        """The toolbar acts on the page shown: 编辑 and 删除 on its selected row."""
        page = self.stack.currentWidget()
        is_records = hasattr(page, "undo_stack")
        for action in (self.new_action, self.find_action, self.undo_action, self.redo_action):
            action.setEnabled(is_records)
        chosen = is_records and page.current_row() is not None
        self.edit_action.setEnabled(chosen)
        self.delete_action.setEnabled(chosen)

    def current_page_key(self) -> str:
        return self.nav.currentItem().data(Qt.ItemDataRole.UserRole) if self.nav.currentItem() else ""

    def go_to(self, key: str) -> None:
        self.nav.setCurrentRow(list(self.pages).index(key))

    def open_backup_folder(self) -> None:
        from models.store import backup_folder
        self._open_folder(backup_folder(self.store))

    def open_log_folder(self) -> None:
        from models.store import log_dir
        self._open_folder(log_dir())

    def _open_folder(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def about(self) -> None:
        QMessageBox.about(self, self.tr("关于支部台账"),
                          self.tr("<h3>支部台账 %1</h3><p>记录支部活动、学习小组与联建活动，一键生成情况汇报。</p>"
                                  "<p>%2</p>").replace("%1", __version__).replace("%2", self.store_text()))

    def store_text(self) -> str:
        """Where the ledger is kept, as the status bar and 关于 say it: a file, or the office's server."""
        where = self.tr("单位服务器：%1") if server_url(self.store) else self.tr("数据文件：%1")
        return where.replace("%1", shown_target(self.store))

    # -- remembered between runs -----------------------------------------------
    def _restore_state(self) -> None:
        settings = QSettings()
        geometry = settings.value("window/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            if not resize_within_screen(self, 1200, 760):  # a first start on a small or scaled screen: all of it
                self.setWindowState(Qt.WindowState.WindowMaximized)
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
            self.reload_pages()

    def reload_pages(self) -> None:
        """After the store changed under every page (a restore, an import): the pages built so far read again."""
        for page in self.pages.built():
            if hasattr(page, "reload"):
                page.reload()

    def closeEvent(self, event) -> None:
        if "report" in self.pages.made:
            self.pages["report"][1].save_leads()
        self.backups.on_close()
        settings = QSettings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/state", self.saveState())
        settings.setValue("window/page", self.current_page_key())
        settings.sync()
        super().closeEvent(event)
