"""Which store the window opens when none is named (--db, BRANCH_LEDGER_DB): the office's server chosen in 设置
(kept in this PC's settings as its URL without password), else the local file; and the way back to the file
when the server cannot be reached at start."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QMessageBox

from models.store import server_url, use_password_prompt

KEY = "store/server"


def remembered() -> str | None:
    """The server chosen for starts without --db, or None for the local file."""
    return server_url(QSettings().value(KEY, "") or "")


def remember(url: str | None) -> None:
    """Choose the server at url (its URL without password) for the next start; None goes back to the file."""
    settings = QSettings()
    if url:
        settings.setValue(KEY, url)
    else:
        settings.remove(KEY)
    settings.sync()


def ask_in_window(text: str):
    from ui.dialogs.password_dialog import PasswordDialog
    return PasswordDialog.ask(None, text)


def install_prompt() -> None:
    """A server that wants a password asks for it in a small dialog."""
    use_password_prompt(ask_in_window)


def offer_local_file(error: Exception, local) -> bool:
    """The chosen server cannot be opened: offer the local file, for this start and the next. True when taken."""
    tr = QCoreApplication.translate
    answer = QMessageBox.question(
        None, tr("server_choice", "连接单位服务器"),
        tr("server_choice", "无法打开单位服务器上的数据。\n\n%1\n\n改用本机的数据文件（%2）吗？以后启动也将使用本机数据文件，"
           "可在“设置”中重新选择服务器。").replace("%1", str(error)).replace("%2", str(local)))
    if answer != QMessageBox.StandardButton.Yes:
        return False
    remember(None)
    return True
