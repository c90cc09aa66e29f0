"""The 数据检查 page lists contradictions by kind, opens each record, and changes nothing by itself."""
import datetime as dt

from models.records.activities import get_activity, save_activity
from models.records.members import get_member, save_member
from models.records.settings import list_sections
from ui.main_window import MainWindow
from ui.pages.health_page import HealthPage


def contradictions():
    section = list_sections()[0]["uuid"]
    gone = save_member({"name": "王强", "gender": "male", "party_status": "full", "join_date": dt.date(2010, 1, 1),
                        "left_on": dt.date(2022, 6, 1), "left_to": "区局", "party_post": "宣传委员"})
    meeting = save_activity({"type": "member_meeting", "title": "七月大会", "date": dt.date(2022, 7, 1),
                             "section": section, "attendance": [{"member": gone, "status": "present"}]})
    return gone, meeting


def groups(page: HealthPage) -> dict[str, list[tuple[str, str, str]]]:
    out = {}
    for i in range(page.tree.topLevelItemCount()):
        top = page.tree.topLevelItem(i)
        out[top.text(0)] = [tuple(top.child(j).text(c) for c in range(3)) for j in range(top.childCount())]
    return out


def test_the_page_lists_each_kind_with_its_records(store, qtbot):
    page = HealthPage()
    qtbot.addWidget(page)
    page.reload()
    assert page.tree.topLevelItemCount() == 0 and "没有发现" in page.summary.text()
    assert not page.open_button.isEnabled()
    gone, meeting = contradictions()
    before = get_activity(meeting), get_member(gone)
    page.reload()
    found = groups(page)
    present = next(rows for title, rows in found.items() if title.startswith("转出党员被记为出席（1 处）"))
    assert present == [("【支部活动】七月大会", "2022-07-01", "王强已于2022-06-01转出，却记为出席")]
    post = next(rows for title, rows in found.items() if title.startswith("转出党员仍担任党内职务"))
    assert post == [("【党员】王强", "2022-06-01", "已于2022-06-01转出，仍任宣传委员")]
    assert "发现 2 类共 2 处" in page.summary.text()
    assert (get_activity(meeting), get_member(gone)) == before  # listing changes nothing


def test_double_click_opens_the_record_in_its_page(store, qtbot, monkeypatch):
    from ui.dialogs.activity_dialog import ActivityDialog
    from ui.dialogs.member_dialog import MemberDialog
    gone, meeting = contradictions()
    opened = []
    monkeypatch.setattr(ActivityDialog, "ask", classmethod(lambda cls, parent, uuid=None, **_: opened.append(uuid)))
    monkeypatch.setattr(MemberDialog, "ask", classmethod(lambda cls, parent, uuid=None, **_: opened.append(uuid)))
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    page = window.pages["health"][1]
    with qtbot.waitSignal(page.checked):  # checked on the worker thread once shown
        window.go_to("health")
    assert page.tree.topLevelItemCount() == 2
    first = page.tree.topLevelItem(0).child(0)
    page.tree.setCurrentItem(first)
    assert page.open_button.isEnabled()
    page.tree.itemActivated.emit(first, 0)  # a double-click or Enter
    assert opened == [meeting] and window.current_page_key() == "activities"
    with qtbot.waitSignal(page.checked):  # and again each time it is shown
        window.go_to("health")
    page.tree.setCurrentItem(page.tree.topLevelItem(1).child(0))
    page.open_button.click()
    assert opened == [meeting, gone] and window.current_page_key() == "members"


def test_a_check_that_fails_is_said_and_tried_again(store, qtbot, monkeypatch):
    import ui.pages.health_page as health

    def broken(progress=None):
        raise OSError("磁盘读取失败")
    monkeypatch.setattr(health, "find", broken)
    page = HealthPage()
    qtbot.addWidget(page)
    page.again_button.click()
    qtbot.waitUntil(lambda: "检查没有完成：磁盘读取失败" in page.summary.text(), timeout=5000)
    monkeypatch.setattr(health, "find", lambda progress=None: [])
    page.again_button.click()  # not stuck as if still reading
    qtbot.waitUntil(lambda: "没有发现" in page.summary.text(), timeout=5000)
