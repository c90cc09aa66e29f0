"""A 1024×768 screen at 125 % leaves the window 819×614 (less the task bar): every page fits it without growing the
window, forms open within the screen, and a table's columns show their headers whole."""
import datetime as dt

import pytest
from PySide6.QtWidgets import QScrollArea, QTableWidget

from models.exchange.demo import fill_demo
from models.records.settings import save_branch_settings
from ui.main_window import PAGES, MainWindow
from ui.widgets.screen_fit import FRAME

SCALED = (819, 555)  # 1024×768 at 125 %: a maximised window's room, less the task bar and its title bar


@pytest.fixture
def window(store, qtbot):
    fill_demo(60, seed=3, today=dt.date.today())
    save_branch_settings({"branch_name": "市民政局社会组织管理科党支部"})
    made = MainWindow(store)
    qtbot.addWidget(made)
    made.show()
    return made


def test_every_page_fits_a_1024x768_screen_at_125_percent(window, qtbot):
    window.resize(*SCALED)
    for key, *_ in PAGES:
        window.go_to(key)
        page = window.pages[key][1]
        if key == "report":  # with its preview shown, the widest the page gets
            page.preview()
            qtbot.waitUntil(lambda: bool(page.pages.view.images), timeout=30_000)
        if key == "home":
            page.reload()
        qtbot.wait(10)
        assert page.minimumSizeHint().width() <= page.width(), key
        assert window.width() == SCALED[0], key  # the window never grew past the screen's edge
    for key in ("home", "settings"):  # pages that scroll: nothing hides to the right
        window.go_to(key)
        qtbot.wait(10)
        assert window.pages[key][1].findChild(QScrollArea).horizontalScrollBar().maximum() == 0, key


def headers_whole(page) -> None:
    header, metrics = page.view.horizontalHeader(), page.view.horizontalHeader().fontMetrics()
    for i, column in enumerate(page.model.columns):
        # the title and the sort arrow that clicking it shows
        assert header.sectionSize(i) >= metrics.horizontalAdvance(column.title) + header.height(), column.title


def values_whole(page) -> None:
    """Every column but the one that takes the room left shows its values without cutting them."""
    header, metrics = page.view.horizontalHeader(), page.view.fontMetrics()
    for i, column in enumerate(page.model.columns):
        if not column.fill:
            widest = max((metrics.horizontalAdvance(column.text(row)) for row in page.model.rows), default=0)
            assert widest + 8 <= header.sectionSize(i), column.title


def test_the_activity_table_shows_every_column_at_1024_and_whole_headers_at_125_percent(window, qtbot):
    window.resize(1024, 768 - FRAME[1])
    window.go_to("activities")
    page = window.pages["activities"][1]
    qtbot.wait(10)
    header = page.view.horizontalHeader()
    assert header.length() <= page.view.viewport().width()  # no column hides to the right
    assert page.view.horizontalScrollBar().maximum() == 0
    headers_whole(page)
    metrics = page.view.fontMetrics()
    type_column = next(i for i, c in enumerate(page.model.columns) if c.key == "type")
    assert header.sectionSize(type_column) >= metrics.horizontalAdvance("专家授课（引进来）")  # the longest type
    date_column = next(i for i, c in enumerate(page.model.columns) if c.key == "date")
    assert header.sectionSize(date_column) >= metrics.horizontalAdvance("2024-12-31")
    window.resize(*SCALED)
    qtbot.wait(10)
    headers_whole(page)  # the table scrolls sideways now, but every header still reads whole
    for key in ("activities", "study", "outreach", "members", "organisations"):
        window.go_to(key)
        headers_whole(window.pages[key][1])
        values_whole(window.pages[key][1])  # 独立党支部, 社会服务机构, 2024-05-01 转出 …


def test_forms_open_within_the_screen(store, qtbot):
    from ui.dialogs.activity_dialog import ActivityDialog
    from ui.dialogs.global_search_dialog import GlobalSearchDialog
    from ui.dialogs.member_dialog import MemberDialog
    from ui.dialogs.outreach_dialog import OutreachDialog
    from ui.dialogs.session_dialog import SessionDialog
    for make in (ActivityDialog, OutreachDialog, SessionDialog, MemberDialog, lambda: GlobalSearchDialog(None, "党课")):
        dialog = make()
        qtbot.addWidget(dialog)
        room = dialog.screen().availableGeometry()  # the tests' offscreen screen: narrower than 980
        assert dialog.width() <= room.width() - FRAME[0] and dialog.height() <= room.height() - FRAME[1]
        least = dialog.minimumSizeHint()
        assert least.width() <= SCALED[0] - FRAME[0] and least.height() <= SCALED[1], type(dialog)


def test_a_first_start_on_a_small_screen_takes_the_whole_screen(store, qtbot):
    window = MainWindow(store)  # no remembered size; the tests' screen is 800×800, less than 1200×760 asks
    qtbot.addWidget(window)
    room = window.screen().availableGeometry()
    assert window.isMaximized() and window.width() <= room.width()


def test_the_dues_tables_fit_without_scrolling_sideways_at_125_percent(window, qtbot):
    window.resize(*SCALED)
    window.go_to("dues")
    page = window.pages["dues"][1]
    for tab in (0, 1):  # the year's bases, a month's collection
        page.view.setCurrentIndex(tab)
        qtbot.wait(20)
        table = page.view.currentWidget().findChild(QTableWidget) or page.view.currentWidget()
        assert table.rowCount() > 0
        assert table.horizontalHeader().length() <= table.viewport().width(), tab
        assert table.horizontalScrollBar().maximum() == 0, tab
        metrics = table.fontMetrics()
        for row in range(table.rowCount()):
            for column in range(table.columnCount() - 1):  # 备注 takes the room left
                item = table.item(row, column)
                if item is not None:
                    assert metrics.horizontalAdvance(item.text()) + 8 <= table.columnWidth(column), item.text()
