"""Start the window: Qt translations, the bundled font, the one-copy-per-store guard, the store."""
from __future__ import annotations

import logging
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, Qt, QTranslator
from PySide6.QtGui import QFontDatabase, QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from models.store import portable_dir
from resources import FONT_FILE, ICON_FILE

ORGANISATION = "BranchLedger"
HANDED_OVER = "handed over"  # open_store's answer when the store's own window took the start over
APPLICATION = "支部台账"


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or [APPLICATION])
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(ORGANISATION)
    app.setApplicationDisplayName(APPLICATION)
    app.setWindowIcon(QIcon(str(ICON_FILE)))
    portable = portable_dir()
    if portable is not None:  # window size and place stay on the USB stick too, not in the PC's registry
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(portable))
    install_translations(app)
    install_font(app)
    return app


def install_translations(app: QApplication) -> None:
    """Qt's own buttons and dialogs in Chinese (取消, 确定, the calendar's month names)."""
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    translator = QTranslator(app)
    if translator.load("qtbase_zh_CN", folder):
        app.installTranslator(translator)
    else:
        logging.getLogger("branch_ledger").warning("找不到 Qt 的中文翻译 qtbase_zh_CN.qm（%s）", folder)


def install_font(app: QApplication) -> str:
    """Register the bundled CJK font so Chinese shows on any machine; returns its family."""
    font_id = QFontDatabase.addApplicationFont(str(FONT_FILE))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if families:
        font = app.font()
        # The system's own UI font first; the bundled one fills in where it has no Chinese glyphs.
        font.setFamilies([font.family(), "Microsoft YaHei UI", families[0]])
        font.setPointSize(max(font.pointSize(), 10))
        app.setFont(font)
    return families[0] if families else ""


def open_store(store: Path, fallback: Path | None = None):
    """Open the store, or deal with why it cannot be opened: returns (store, lock) or None to stop.

    A store on a network share is refused (the local default is offered, with backups sent to the share);
    a damaged store is set aside and its newest good backup offered; the server chosen in 设置 that cannot be
    opened offers the local file (fallback) instead."""
    from models.store import (
        DamagedStoreError,
        ForeignStoreError,
        NetworkStoreError,
        StoreError,
        StoreInUse,
        StoreLock,
        open_database,
    )
    lock = StoreLock(store)
    try:
        lock.acquire()
    except StoreInUse as e:
        from ui.handover import hand_over
        if hand_over(store):  # the window that has it open comes to the front; this start ends there
            return HANDED_OVER
        QMessageBox.warning(None, APPLICATION, str(e))  # open elsewhere, by a copy that does not answer
        return None
    try:
        open_database(store)
        return store, lock
    except NetworkStoreError as e:
        from models.records.settings import save_branch_settings
        from models.store import default_store_path
        lock.release()
        local = default_store_path(None)
        answer = QMessageBox.question(None, APPLICATION, f"{e}\n\n改用本机的数据文件（{local}），并把备份发送到该网络位置吗？")
        if answer != QMessageBox.StandardButton.Yes or local == store:
            return None
        opened = open_store(local)
        if opened:
            save_branch_settings({"backup_dir_2": str(store.parent)})
        return opened
    except (DamagedStoreError, ForeignStoreError) as e:  # a wrecked header reads as a foreign file
        from models.store import EmptyStoreError, newest_good, restore_backup
        good = newest_good(store)
        yes = QMessageBox.StandardButton.Yes
        if good and QMessageBox.question(None, APPLICATION, f"{e}\n\n用最近一份完好的备份“{good.name}”恢复吗？"
                                         "（损坏的文件会保留在原文件夹中，不会删除。）") == yes:
            restore_backup(good, store)
            return store, lock
        if isinstance(e, EmptyStoreError) and QMessageBox.question(
                None, APPLICATION, f"数据文件“{store}”是空文件（0 字节），里面没有任何数据。\n\n在这里新建一个数据文件吗？"
                "（选“否”则不作任何改动，可以稍后用备份恢复。）") == yes:
            open_database(store, new=True)  # an empty file holds nothing to lose
            return store, lock
        lock.release()
        QMessageBox.critical(None, APPLICATION, f"无法打开数据文件。\n\n{e}")
        return None
    except StoreError as e:
        lock.release()
        if fallback is not None:
            from ui.server_choice import offer_local_file
            return open_store(fallback) if offer_local_file(e, fallback) else None
        QMessageBox.critical(None, APPLICATION, f"无法打开数据文件。\n\n{e}")
        return None


def ask_branch_name(window=None) -> None:
    """At first run (no branch name yet) ask for it, over the window once it is on screen, and on an empty store
    offer the demo data; without a name the report says 党支部 until 设置 has it."""
    from models.exchange.demo_clearing import nothing_recorded
    from models.records.settings import branch_settings, save_branch_settings
    from models.store import is_read_only
    from ui.dialogs.branch_name_dialog import BranchNameDialog
    if branch_settings()["branch_name"].strip() or is_read_only():  # a look-only account leaves it to others
        return
    name, demo = BranchNameDialog.ask(window, offer_demo=nothing_recorded())
    if name:
        save_branch_settings({"branch_name": name})
    if demo:
        fill_in_demo(window)


DEMO_ACTIVITIES = 150  # about a busy branch's year and a half: every page and the report have something to show


def fill_in_demo(window) -> None:
    """The demo data, for a first look; the pages built so far read again."""
    from models.exchange.demo import fill_demo
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        counts = fill_demo(DEMO_ACTIVITIES, seed=1)
    finally:
        QGuiApplication.restoreOverrideCursor()
    if window is not None:
        window.reload_pages()
        window.statusBar().showMessage(QCoreApplication.translate(
            "app", "已填入示例数据：%1。在“设置”页可以一次清除。").replace(
            "%1", "，".join(f"{kind} {n} 条" for kind, n in counts.items())), 15000)


def listen_for_second_start(window, store) -> None:
    """A second start on this store brings this window to the front instead of opening another."""
    from ui.handover import Handover, bring_to_front
    window.handover = Handover(store, window)
    window.handover.asked.connect(lambda: bring_to_front(window))


def run_app(store: Path, log_file: str, started: float | None = None, named: bool = True) -> int:
    """The window over the store until it is closed; started (a perf_counter reading) times the start-up in the log.
    named: the store was named (--db, BRANCH_LEDGER_DB); otherwise the server chosen in 设置, if one was, opens."""
    from models.store import close_database
    from ui.errors import install_excepthook
    from ui.main_window import MainWindow
    from ui.tasks import shut_down
    from ui.widgets.after_paint import after_paint

    app = make_application()
    install_excepthook(log_file)
    from ui.server_choice import install_prompt, remembered
    install_prompt()  # a server that wants a password asks in a small dialog
    chosen = None if named else remembered()
    opened = open_store(chosen, fallback=store) if chosen else open_store(store)
    if opened is HANDED_OVER:
        return 0
    if opened is None:
        return 1
    store, lock = opened
    window = MainWindow(store)
    started = time.perf_counter() if started is None else started
    after_paint(window, lambda: logging.getLogger("branch_ledger").info(
        "窗口已就绪（启动用时 %d 毫秒）", (time.perf_counter() - started) * 1000))
    after_paint(window, lambda: listen_for_second_start(window, store))
    after_paint(window, lambda: ask_branch_name(window))  # the pages that use the name are built later
    window.show()
    try:
        return app.exec()
    finally:
        shut_down()
        close_database()
        lock.release()
