"""Importing a ledger from the 支部活动 page: the members its 党员名册 brings are asked about first, as the command
line's --add-members, and a file with thousands of problems is told one line per kind."""
import datetime as dt

import openpyxl
import pytest
from PySide6.QtWidgets import QMessageBox

from exports.activity_ledger import write_activity_ledger
from models.records.activities import members_for, save_activity
from models.records.members import save_member
from models.records.schema import Activity, Member
from models.store import close_database, open_database, store_path
from ui.dialogs.problems_dialog import ProblemsDialog
from ui.pages import activity_page
from ui.pages.activity_page import ActivityPage


@pytest.fixture
def ledger(store, tmp_path):
    """A ledger of 40 activities attended by 12 members, written on another PC; this store has one member."""
    first = store_path()
    close_database()
    open_database(tmp_path / "other.sqlite")
    for i in range(12):
        save_member({"name": f"党员{i:02d}", "gender": "male", "party_status": "full"})
    for day in range(1, 41):
        date = dt.date(2024, 1, 1) + dt.timedelta(days=day)
        save_activity({"type": "theme_day", "title": f"主题党日{day}", "date": date, "attendance": members_for(date)})
    path = write_activity_ledger(tmp_path / "台账.xlsx", None, None)
    close_database()
    open_database(first)
    save_member({"name": "党员00", "gender": "male", "party_status": "full"})
    return path


@pytest.fixture
def page(store, qtbot, monkeypatch, ledger):
    widget = ActivityPage()
    qtbot.addWidget(widget)
    monkeypatch.setattr(activity_page, "ask_open_path", lambda *a: ledger)
    return widget


def test_members_the_roster_brings_are_asked_about_then_added(page, qtbot, answer):
    messages = []
    page.status.connect(messages.append)
    answer.reply_with(QMessageBox.StandardButton.No)
    page.import_ledger()
    qtbot.waitUntil(lambda: bool(messages), timeout=10_000)
    [(kind, text)] = answer.messages
    assert kind == "question" and "11 位党员" in text and "党员01" in text
    assert "已取消导入" in messages[-1] and Activity.select().count() == 0 and Member.select().count() == 1
    answer.reply_with(QMessageBox.StandardButton.Yes)
    page.import_ledger()
    qtbot.waitUntil(lambda: any("导入完成" in m for m in messages), timeout=10_000)
    assert "新增 40 条" in messages[-1] and "新增党员 11 位" in messages[-1]
    assert Activity.select().count() == 40 and Member.select().count() == 12


def test_thousands_of_problems_are_told_one_line_per_kind(page, qtbot, ledger, monkeypatch):
    wb = openpyxl.load_workbook(ledger)
    del wb["党员名册"]
    wb.save(ledger)
    shown = []
    monkeypatch.setattr(ProblemsDialog, "show_problems", classmethod(lambda cls, *a: shown.append(a)))
    page.import_ledger()
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    lines = shown[0][3]
    assert len(lines) == 1 and "党员不在党员名册中" in lines[0] and "等 11 人" in lines[0], lines
    assert "440 处" in shown[0][2] or "440" in lines[0]
