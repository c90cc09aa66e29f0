"""The home page shows the figures the store holds, and its buttons lead to the records."""
import datetime as dt

from models.records.activities import members_for, save_activity
from models.records.members import save_member
from models.records.outreach import save_event
from ui.main_window import MainWindow
from ui.pages.home_page import HomePage


def test_the_page_shows_what_the_store_holds(store, qtbot):
    today = dt.date.today()
    for name in ("甲", "乙"):
        save_member({"name": name, "gender": "male", "party_status": "full"})
    attendance = members_for(today)
    attendance[1]["status"], attendance[1]["reason"] = "absent", "未请假"
    save_activity({"type": "committee_meeting", "title": "本月支委会", "date": today, "attendance": attendance})
    save_activity({"type": "party_lecture", "title": "没有出勤的党课", "date": today})
    save_event({"title": "无指标的联建", "kind": "rural", "start_date": today})
    page = HomePage()
    qtbot.addWidget(page)
    page.reload()
    text = page.figures.text()
    assert "支部活动 2 次" in text and "“三会一课” 2 次" in text and "50%" in text
    committee = next(i for i in range(page.due_grid.rowCount())
                     if page.due_grid.itemAtPosition(i, 0).widget().text() == "支部委员会")
    assert "已完成" in page.due_grid.itemAtPosition(committee, 2).widget().text()
    problems = [page.health.item(i).text() for i in range(page.health.count())]
    assert any("没有出勤的党课" in p for p in problems) and any("无指标的联建" in p for p in problems)
    assert page.recent.count() == 3


def test_buttons_lead_to_the_pages(store, qtbot, monkeypatch):
    from ui.dialogs.activity_dialog import ActivityDialog
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.go_to("home")
    home = window.pages["home"][1]
    home.reload()
    seen = []
    monkeypatch.setattr(ActivityDialog, "exec", lambda d: seen.append(d.field("type").value()) or 0)
    home.new_activity.emit("party_lecture")
    assert window.current_page_key() == "activities" and seen == ["party_lecture"]
    uuid = save_activity({"type": "theme_day", "title": "主题党日", "date": dt.date.today()})
    home.open_record.emit("activity", uuid)
    assert seen[-1] == "theme_day"


def test_the_health_box_counts_every_finding_not_just_those_listed(store, qtbot, monkeypatch):
    from models.reporting import home
    monkeypatch.setattr(home, "HEALTH_SHOWN", 3)
    for i in range(5):
        save_activity({"type": "party_lecture", "title": f"没有出勤的党课{i}", "date": dt.date.today()})
    page = HomePage()
    qtbot.addWidget(page)
    page.reload()
    assert page.health.count() == 6  # three of each: no attendance, no report section
    assert "共 10 项，这里列出 6 项" in page.health_box.title()


def test_long_lines_end_at_the_edge_and_say_the_rest_in_a_tooltip(store, qtbot):
    from PySide6.QtCore import Qt
    title = "学习贯彻党的二十届三中全会精神暨社会组织高质量发展专题研讨会"
    save_activity({"type": "party_lecture", "title": title, "date": dt.date.today()})
    page = HomePage()
    qtbot.addWidget(page)
    page.resize(700, 500)
    page.show()
    page.reload()
    for listing in (page.recent, page.health):  # the newest record; the lecture has no attendance: a finding
        assert listing.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        shown = [listing.item(i) for i in range(listing.count()) if title in listing.item(i).text()]
        assert shown and all(item.toolTip() == item.text() for item in shown)


def test_the_year_says_party_building_in_the_organisations(store, qtbot):
    from models.records.organisations import save_organisation
    save_organisation({"name": "甲协会", "kind": "social_group", "registered_on": "2020-01-01", "instructor": "王",
                       "changed_on": dt.date.today()})
    save_organisation({"name": "乙商会", "kind": "social_group", "registered_on": "2020-01-01"})
    page = HomePage()
    qtbot.addWidget(page)
    page.reload()
    assert ("社会组织党建覆盖率 50%（年初 0%）：新成立党支部 0 个，选派党建工作指导员 1 名，新覆盖社会组织 1 家"
            in page.figures.text())
