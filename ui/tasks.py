"""Long work (export, import) on one worker thread, with progress and cancel; results come back by signal."""
from __future__ import annotations

import threading
import traceback
from typing import Callable

from PySide6.QtCore import QObject, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog
from shiboken6 import isValid

from models.store import release_thread_connection


class Cancelled(Exception):
    """The person pressed 取消."""


class Task(QObject):
    """One piece of work: its signals, its stop flag and its progress dialog."""
    maximum = Signal(int)
    value = Signal(int)
    done = Signal(object)
    failed = Signal(object, str)

    def __init__(self):
        super().__init__()
        self.stop = threading.Event()
        self.dialog: QProgressDialog | None = None

    def cancel(self) -> None:
        self.stop.set()


_running: set[Task] = set()  # kept alive here until finished, whatever happens to the window


class _Job:
    """The callable the worker thread runs (a plain callable: no QRunnable wrapper to outlive)."""

    def __init__(self, work: Callable, task: Task):
        self.work, self.task = work, task

    def report(self, done: int, total: int) -> None:
        """Handed to the work function: says how far it got, and stops it when cancelled."""
        if self.task.stop.is_set():
            raise Cancelled()
        self.task.maximum.emit(total)
        self.task.value.emit(done)

    def __call__(self) -> None:
        try:
            result = self.work(self.report)
        except BaseException as e:  # noqa: BLE001 — every failure goes back to the window
            self.task.failed.emit(e, traceback.format_exc())
        else:
            self.task.done.emit(result)
        finally:
            release_thread_connection()


_pool: QThreadPool | None = None


def pool() -> QThreadPool:
    global _pool
    if _pool is None:
        _pool = QThreadPool()
        _pool.setMaxThreadCount(1)  # one writer at a time, in the order asked
    return _pool


def shut_down() -> None:
    """Wait for the worker and let its thread go before Qt itself is torn down."""
    global _pool
    if _pool is not None:
        _pool.waitForDone()
        _pool = None


def _start(task: Task, work: Callable, on_done: Callable, on_error: Callable) -> Task:
    """Keep the task alive until it ends, and run work on the worker; the handlers run on the GUI thread."""
    def finish(handler, *args):
        _running.discard(task)
        handler(*args)

    task.done.connect(lambda result: finish(on_done, result))
    task.failed.connect(lambda error, trace: finish(on_error, error))
    _running.add(task)
    pool().start(_Job(work, task))
    return task


def run_quietly(work: Callable, on_done: Callable, on_error: Callable | None = None) -> Task:
    """Run work(progress) off the GUI thread with no dialog: for reading figures the window shows later."""
    return _start(Task(), work, on_done, on_error or _raise)


def run_task(parent, title: str, work: Callable, on_done: Callable, on_error: Callable | None = None,
             on_cancel: Callable | None = None, commits: bool = False) -> Task:
    """Run work(progress) off the GUI thread; on_done(result), on_error(exception) or on_cancel() run on the
    GUI thread.

    The work function must not touch a widget; it calls progress(done, total) now and then, which
    raises Cancelled once the person has pressed 取消. Work that commits (an import) has its result shown
    even when 取消 came too late to stop it: what was written must be said.
    """
    task = Task()
    task.dialog = dialog = QProgressDialog(title, parent.tr("取消"), 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(400)
    dialog.canceled.connect(task.cancel)
    task.maximum.connect(dialog.setMaximum)  # disconnected by Qt if the dialog goes first
    task.value.connect(dialog.setValue)

    def close_dialog():
        if isValid(dialog):
            dialog.reset()
            dialog.deleteLater()

    def done(result):
        close_dialog()
        # Pressed 取消 while the last step was finishing: an export's result is not used (nothing opened).
        if commits or not task.stop.is_set():
            on_done(result)

    def failed(error):
        close_dialog()
        if not isinstance(error, Cancelled):
            (on_error or _raise)(error)
        elif on_cancel:
            on_cancel()

    return _start(task, work, done, failed)


def _raise(error: BaseException) -> None:
    raise error  # to the program's error handler: logged and shown
