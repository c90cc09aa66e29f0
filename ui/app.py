"""Start the window: Qt translations, the bundled font, the one-copy-per-store guard, the store."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from resources import FONT_FILE, ICON_FILE

ORGANISATION = "BranchLedger"
APPLICATION = "支部台账"


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or [APPLICATION])
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(ORGANISATION)
    app.setApplicationDisplayName(APPLICATION)
    app.setWindowIcon(QIcon(str(ICON_FILE)))
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


def run_app(store: Path, log_file: str) -> int:
    from models.db import StoreError, close_database, open_database
    from models.lock import StoreInUse, StoreLock
    from ui.errors import install_excepthook
    from ui.main_window import MainWindow

    app = make_application()
    install_excepthook(log_file)
    lock = StoreLock(store)
    try:
        lock.acquire()
    except StoreInUse as e:
        QMessageBox.warning(None, APPLICATION, str(e))
        return 1
    try:
        open_database(store)
    except StoreError as e:
        lock.release()
        QMessageBox.critical(None, APPLICATION, f"无法打开数据文件。\n\n{e}")
        return 2
    window = MainWindow(store)
    window.show()
    try:
        return app.exec()
    finally:
        close_database()
        lock.release()
