"""The background task helper: results on the GUI thread, progress, cancel, errors."""
import threading

from PySide6.QtWidgets import QPushButton, QWidget

from models.records.common import ListQuery
from models.records.members import count_members, save_member
from ui.tasks import pool, run_task


def test_work_runs_off_the_gui_thread_and_result_comes_back(store, qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    seen = {}

    def work(progress):
        seen["thread"] = threading.current_thread()
        save_member({"name": "后台", "gender": "male", "party_status": "full"})
        progress(1, 1)
        return count_members(ListQuery())

    results = []
    run_task(parent, "测试", work, results.append)
    qtbot.waitUntil(lambda: bool(results), timeout=5000)
    assert results == [1] and seen["thread"] is not threading.main_thread()
    assert count_members(ListQuery()) == 1  # the GUI thread sees what the worker wrote


def test_errors_and_cancel(store, qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    errors, done = [], []
    run_task(parent, "测试", lambda progress: 1 / 0, done.append, errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert isinstance(errors[0], ZeroDivisionError) and not done

    started = threading.Event()

    def slow(progress):
        started.set()
        for i in range(1000):
            progress(i, 1000)
            threading.Event().wait(0.01)
        return "finished"

    cancelled = []
    task = run_task(parent, "测试", slow, done.append, errors.append, lambda: cancelled.append(1))
    started.wait(5)
    task.dialog.findChild(QPushButton).click()  # 取消
    pool().waitForDone(5000)
    qtbot.waitUntil(lambda: cancelled == [1], timeout=5000)
    assert done == [] and len(errors) == 1  # cancelling is not an error and gives no result


def test_a_window_closed_mid_task_does_not_crash(store, qtbot):
    parent = QWidget()
    results = []

    def work(progress):
        for i in range(20):
            progress(i, 20)
            threading.Event().wait(0.005)
        return "ok"
    run_task(parent, "测试", work, results.append)
    parent.deleteLater()
    qtbot.wait(20)
    pool().waitForDone(5000)
    qtbot.wait(50)
    assert results == ["ok"]


def test_work_that_commits_is_reported_even_when_cancel_came_too_late(store, qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    for commits, expected in ((True, ["written"]), (False, [])):
        started, cancelled, done = threading.Event(), threading.Event(), []

        def work(progress):
            started.set()
            cancelled.wait(5)  # the last step, past the point where 取消 can stop it
            return "written"

        task = run_task(parent, "测试", work, done.append, commits=commits)
        started.wait(5)
        task.dialog.findChild(QPushButton).click()  # 取消
        cancelled.set()
        pool().waitForDone(5000)
        qtbot.wait(50)
        assert done == expected
