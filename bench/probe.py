"""Qt measurements in a process of their own: a bare window, the program's window, the activities page."""
from __future__ import annotations

import functools
import importlib.abc
import importlib.util
import json
import os
import sqlite3
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# Qt is imported inside the functions: the program's own start-up (window) must load it as main.py does.


def peak_kb() -> int | None:
    """This process's peak resident memory in KB.

    Linux: VmHWM, which starts afresh at exec; ru_maxrss would carry over the peak of the parent the
    process was forked from (the benchmark itself, after building a large store)."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            return next(int(line.split()[1]) for line in f if line.startswith("VmHWM:"))
    except (OSError, StopIteration):
        pass
    try:
        import resource
    except ImportError:  # Windows: no getrusage
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak // 1024 if sys.platform == "darwin" else peak  # macOS counts bytes


def say(*words) -> None:
    print(*words, flush=True)


@functools.cache
def _paint_watch():
    from PySide6.QtCore import QEvent, QObject, QTimer

    class PaintWatch(QObject):
        """Calls then() once the first paint of a widget has finished (the rest of that paint pass included)."""

        def __init__(self, widget, then):
            super().__init__(widget)
            self.then, self.fired = then, False
            widget.installEventFilter(self)

        def eventFilter(self, obj, event) -> bool:
            if event.type() == QEvent.Type.Paint and not self.fired:
                self.fired = True
                QTimer.singleShot(0, self.then)  # queued: runs after this paint pass is on screen
            return False

    return PaintWatch


def watch_paint(widget, then) -> None:
    _paint_watch()(widget, then)


def wait_painted(app, widget) -> float:
    """The perf_counter time at which the widget's first paint pass had finished.

    Taken in the callback itself: work the program queues for after its paint (counting 100,000 rows)
    may run in the same processEvents call, but after the rows are on screen."""
    done = []
    watch_paint(widget, lambda: done.append(time.perf_counter()))
    while not done:
        app.processEvents()
    return done[0]


def bare() -> None:
    """The floor of start-up: an empty PySide6 window, shown and painted."""
    from PySide6.QtWidgets import QApplication, QWidget
    app = QApplication(sys.argv)
    window = QWidget()
    window.resize(1200, 760)
    watch_paint(window, lambda: (say("painted"), os._exit(0)))
    window.show()
    app.exec()


def skeleton(store: str) -> None:
    """For reference: the least any window over this stack does (Qt's enums, peewee with the store opened, a main
    window with a menu, a toolbar, a navigation list and an empty page), with none of the program's own code."""
    from peewee import SqliteDatabase
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QListWidget, QMainWindow, QWidget
    app = QApplication(sys.argv)
    database = SqliteDatabase(store, pragmas={"journal_mode": "wal", "foreign_keys": 1})
    database.connect()
    database.pragma("user_version")
    window = QMainWindow()
    window.resize(1200, 760)
    window.menuBar().addMenu("文件(&F)").addAction("退出")
    toolbar = window.addToolBar("工具栏")
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    for text in ("新建", "编辑", "删除"):
        toolbar.addAction(text)
    central = QWidget()
    row = QHBoxLayout(central)
    nav = QListWidget()
    nav.addItems(["首页", "支部活动", "学习小组", "联建活动"])
    row.addWidget(nav)
    row.addWidget(QLabel("应办事项"), 1)
    window.setCentralWidget(central)
    window.statusBar().showMessage(store)
    watch_paint(window, lambda: (say("painted"), os._exit(0)))
    window.show()
    app.exec()


class _PatchShow(importlib.abc.MetaPathFinder):
    """Wraps QMainWindow.show the moment the program imports QtWidgets, so the probe imports no Qt itself first."""

    def __init__(self, shown):
        self.shown = shown

    def find_spec(self, name, path, target=None):
        if name != "PySide6.QtWidgets":
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(name)
        load = spec.loader.exec_module

        def exec_module(module):
            load(module)
            show = module.QMainWindow.show
            module.QMainWindow.show = lambda window: (self.shown(window), show(window))[1]
        spec.loader.exec_module = exec_module
        return spec


def program_window(store: str) -> None:
    """The program's own start-up, main.py as a person launches it (logging, the lock, the store, the window);
    then the activities page, for the peak memory."""
    def shown(window) -> None:
        def activities() -> None:
            from PySide6.QtWidgets import QApplication
            say("painted")
            window.go_to("activities")
            wait_painted(QApplication.instance(), window.pages["activities"][1].view.viewport())
            say("memory", peak_kb())
            os._exit(0)  # no close: closing would back the store up

        watch_paint(window, activities)

    sys.meta_path.insert(0, _PatchShow(shown))
    import main
    main.main(["--db", store])


def floor_page(app, con: sqlite3.Connection) -> float:
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QTableView
    start = time.perf_counter()
    # "+deleted_at": walk the date index whether or not the store has planner statistics yet
    rows = con.execute("SELECT date, start_time, type, title, place, host, section_id, id FROM activity"
                       " WHERE +deleted_at IS NULL ORDER BY date DESC, id LIMIT 100").fetchall()
    model = QStandardItemModel(len(rows), 8)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            model.setItem(r, c, QStandardItem("" if value is None else str(value)))
    view = QTableView()
    view.setModel(model)
    view.resize(1100, 700)
    view.show()
    elapsed = wait_painted(app, view.viewport()) - start
    view.close()
    view.deleteLater()
    return elapsed


def program_page(app) -> float:
    from ui.pages.activity_page import ActivityPage
    start = time.perf_counter()
    page = ActivityPage()
    page.resize(1100, 700)
    page.show()
    elapsed = wait_painted(app, page.view.viewport()) - start
    page.close()
    page.deleteLater()
    return elapsed


def pages(store: str, repeat: int) -> None:
    """The activities page to its first rows painted, against a raw query shown in a QTableView (on a SQLite store)."""
    from ui.app import make_application
    app = make_application()
    from models.store import open_database, server_url
    open_database(store)
    con = None if server_url(store) else sqlite3.connect(store)  # a server store: the program's time alone
    program_page(app), con and floor_page(app, con)  # warm both: imports, fonts, the page cache
    got = {"program": [], "floor": []}
    for _ in range(repeat):
        got["program"].append(program_page(app))
        if con:
            got["floor"].append(floor_page(app, con))
        app.processEvents()
    say(json.dumps(got))
    os._exit(0)


if __name__ == "__main__":
    what = sys.argv[1]
    if what == "bare":
        bare()
    elif what == "skeleton":
        skeleton(sys.argv[2])
    elif what == "window":
        program_window(sys.argv[2])
    elif what == "page":
        pages(sys.argv[2], int(sys.argv[3]))
