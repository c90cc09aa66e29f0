"""Errors nobody planned for: written to the log file, shown in Chinese, and the program keeps running."""
from __future__ import annotations

import logging
import sys
import traceback

from PySide6.QtWidgets import QApplication, QMessageBox

log = logging.getLogger("branch_ledger")


def report_unexpected(exc_type, exc, tb, log_file: str) -> None:
    log.error("未预料的错误\n%s", "".join(traceback.format_exception(exc_type, exc, tb)))
    if QApplication.instance() is None:
        return
    QMessageBox.critical(
        QApplication.activeWindow(), QApplication.translate("errors", "程序出错"),
        QApplication.translate("errors", "程序遇到了一个意外错误，刚才的操作可能没有完成，已保存的数据不受影响。\n\n"
                                         "错误：{0}\n\n详细信息已记录到日志文件：\n{1}").format(exc, log_file))


def install_excepthook(log_file: str) -> None:
    """Route uncaught exceptions (including those raised in Qt slots) to report_unexpected."""
    showing = []

    def hook(exc_type, exc, tb):
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        if showing:  # an error while the message is up: log it, do not stack dialogs
            log.error("".join(traceback.format_exception(exc_type, exc, tb)))
            return
        showing.append(True)
        try:
            report_unexpected(exc_type, exc, tb, log_file)
        finally:
            showing.clear()

    sys.excepthook = hook
