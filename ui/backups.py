"""When backups happen in the window: after 30 minutes of changes, on close, on demand; and restoring one."""
from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from models.store import StoreError, server_url
from ui.tasks import run_quietly, run_task

AFTER_CHANGES = 30 * 60  # seconds of changes before an automatic backup


class Backups(QObject):
    def __init__(self, window, store: Path):
        super().__init__(window)
        self.window, self.store = window, Path(store)
        self.changed_since: float | None = None
        self.timer = QTimer(self, interval=60_000)
        self.timer.timeout.connect(self.tick)
        self.timer.start()
        QTimer.singleShot(1500, self.check_store)

    def note_change(self) -> None:
        if self.changed_since is None:
            self.changed_since = time.monotonic()

    def tick(self) -> None:
        if self.changed_since is not None and time.monotonic() - self.changed_since >= AFTER_CHANGES:
            self.run("自动")

    def run(self, reason: str, announce: bool = False) -> None:
        """A backup on the worker thread (it opens its own connection to the store)."""
        from models.records.settings import second_backup_folder
        from models.store import backup_open_store
        self.changed_since = None
        run_task(self.window, self.tr("正在备份…"), lambda progress: backup_open_store(reason, second_backup_folder()),
                 lambda path: self.window.statusBar().showMessage(
                     self.tr("已备份：%1").replace("%1", str(path)) if path
                     else self.tr("服务器上的数据由服务器的备份保管，本机未另做备份"), 8000 if announce else 4000),
                 self.failed)

    def failed(self, error: Exception) -> None:
        QMessageBox.warning(self.window, self.tr("备份失败"), self.tr("备份没有完成：%1\n数据文件本身没有受到影响。")
                            .replace("%1", str(error)))

    def on_close(self) -> None:
        """Closing after changes leaves a fresh backup behind (written here, the worker may be gone)."""
        if self.changed_since is None:
            return
        from models.records.settings import second_backup_folder
        from models.store import backup_open_store
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            backup_open_store("关闭时", second_backup_folder())
        except (StoreError, OSError) as e:
            QMessageBox.warning(self.window, self.tr("备份失败"), str(e))
        finally:
            QApplication.restoreOverrideCursor()

    def restore(self) -> bool:
        from ui.dialogs.restore_dialog import RestoreDialog
        backup = RestoreDialog.ask(self.window, self.store)
        if backup is None:
            return False
        shared = self.tr("（这是单位服务器上各台电脑共用的数据）") if server_url(self.store) else ""
        answer = QMessageBox.question(self.window, self.tr("从备份恢复"),
                                      self.tr("用“%1”替换当前数据%2？\n当前数据会先另做一份备份。")
                                      .replace("%1", backup.name).replace("%2", shared))
        if answer != QMessageBox.StandardButton.Yes:
            return False
        return self.restore_from(backup)

    def restore_from(self, backup: Path) -> bool:
        from models.records.settings import second_backup_folder
        from models.store import restore_backup
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            done = restore_backup(backup, self.store, second_backup_folder(), replace=True)  # asked above
        except (StoreError, OSError) as e:
            QMessageBox.warning(self.window, self.tr("无法恢复"), str(e))
            return False
        finally:
            QApplication.restoreOverrideCursor()
        if done.safety:
            kept = self.tr("；恢复前的数据已备份到 %1").replace("%1", str(done.safety))
        else:
            kept = self.tr("；原数据文件无法读取，已改名保留为 %1").replace("%1", str(done.aside)) if done.aside else ""
        self.window.statusBar().showMessage(self.tr("已从备份恢复") + kept, 15000)
        return True

    def check_store(self) -> None:
        """A quick integrity check soon after start-up, off the GUI thread and out of the way."""
        from models.store import quick_check
        store = self.store
        run_quietly(lambda progress: quick_check(store), self.checked)

    def checked(self, problems: list[str]) -> None:
        if not problems:
            return
        from models.store import newest_good
        good = newest_good(self.store)
        text = self.tr("数据文件检查发现问题：%1\n\n").replace("%1", "；".join(problems[:3]))
        if good is None:
            QMessageBox.critical(self.window, self.tr("数据文件已损坏"), text + self.tr("没有找到可用的备份。请立即联系管理员，"
                                                                              "不要删除数据文件。"))
            return
        answer = QMessageBox.question(self.window, self.tr("数据文件已损坏"), text + self.tr(
            "可以用最近一份完好的备份“%1”恢复（损坏的文件会保留在原文件夹中，不会删除）。现在恢复吗？").replace("%1", good.name))
        if answer == QMessageBox.StandardButton.Yes and self.restore_from(good):
            self.window.reload_pages()
