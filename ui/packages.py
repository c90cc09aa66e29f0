"""Data packages from the window: export one for another PC, import one (deciding what differs)."""
from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox

from ui import files
from ui.dialogs.conflicts_dialog import ConflictsDialog
from ui.dialogs.problems_dialog import ProblemsDialog
from ui.exporting import export_file
from ui.tasks import run_task


class Packages(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window

    def export(self) -> None:
        from exports.data_package import write_package
        export_file(self.window.stack.currentWidget(), "导出数据包", self.tr("支部台账数据包.zip"),
                    "数据包 (*.zip)", lambda path: write_package(path))

    def import_(self) -> None:
        path = files.ask_open_path(self.window, self.tr("导入数据包"), self.tr("数据包 (*.zip)"))
        if path is None:
            return
        from exports.data_package import read_package
        from models.exchange.package_import import plan_import

        def work(progress):
            package = read_package(path)
            return package, plan_import(package, progress)
        run_task(self.window, self.tr("正在检查数据包…"), work, self.planned, self.failed)

    def planned(self, result) -> None:
        package, plan = result
        decisions = {}
        if plan.conflicts:
            decisions = ConflictsDialog.ask(self.window, plan.conflicts)
            if decisions is None:
                self.window.statusBar().showMessage(self.tr("已取消导入，本机数据没有改变"), 8000)
                return
        from models.exchange.package_import import apply_import
        run_task(self.window, self.tr("正在导入数据包…"),
                 lambda progress: apply_import(package, decisions, progress), self.imported, self.failed,
                 lambda: self.window.statusBar().showMessage(self.tr("已取消导入，本机数据没有改变"), 8000),
                 commits=True)

    def imported(self, counts: dict) -> None:
        self.window.reload_pages()
        QMessageBox.information(self.window, self.tr("导入完成"), self.tr(
            "新增 %1 条，采用数据包更新 %2 条，保留本机 %3 条，未变 %4 条。").replace("%1", str(counts["added"]))
            .replace("%2", str(counts["updated"])).replace("%3", str(counts["kept"]))
            .replace("%4", str(counts["unchanged"])))

    def failed(self, error: Exception) -> None:
        from models.exchange.import_problems import grouped_messages
        from models.exchange.package_import import PackageError
        if isinstance(error, PackageError):
            ProblemsDialog.show_problems(self.window, self.tr("数据包未导入"),
                                         self.tr("数据包有 %1 处问题，本机数据没有改变：").replace("%1", str(len(error.problems))),
                                         grouped_messages(error.problems))
            return
        if isinstance(error, OSError):
            QMessageBox.warning(self.window, self.tr("数据包未导入"), str(error))
            return
        raise error
