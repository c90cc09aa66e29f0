"""The global search dialog: hits of every kind grouped, chosen by double-click, Enter or 打开."""
import datetime as dt

import pytest
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from models.records.activities import save_activity
from models.records.members import save_member
from ui.dialogs.global_search_dialog import GlobalSearchDialog, HitRole


@pytest.fixture
def records(store):
    activity = save_activity({"type": "party_lecture", "title": "专题党课", "date": dt.date(2024, 3, 5),
                              "content": "讲授党课：弘扬伟大建党精神"})
    member = save_member({"name": "党课讲师", "gender": "male", "party_status": "full"})
    save_activity({"type": "other", "title": "实地调研", "date": dt.date(2024, 4, 1)})
    return activity, member


def test_hits_are_grouped_by_kind(records, qtbot):
    dialog = GlobalSearchDialog(text="党课")
    qtbot.addWidget(dialog)
    tree = dialog.results
    assert tree.topLevelItemCount() == 2
    groups = [tree.topLevelItem(i) for i in range(2)]
    assert groups[0].text(0).startswith("支部活动：1 条") and groups[1].text(0).startswith("党员：1 条")
    hit = groups[0].child(0)
    assert hit.text(0) == "专题党课" and hit.text(1) == "2024-03-05" and "党课" in hit.text(3)
    assert "共找到 2 条" in dialog.summary.text()
    dialog.search_box.setText("没有的词")
    dialog.run_search()
    assert tree.topLevelItemCount() == 0 and "没有找到" in dialog.summary.text()
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Open).isEnabled()


def test_a_kind_with_more_hits_than_listed_says_so(records, qtbot, monkeypatch):
    from ui.dialogs import global_search_dialog
    monkeypatch.setattr(global_search_dialog, "LIMIT", 1)
    save_activity({"type": "party_lecture", "title": "第二次党课", "date": dt.date(2024, 5, 5)})
    dialog = GlobalSearchDialog(text="党课")
    qtbot.addWidget(dialog)
    group = dialog.results.topLevelItem(0)
    assert group.childCount() == 1 and "支部活动：2 条" in group.text(0) and "前 1 条" in group.text(0)
    assert "共找到 3 条" in dialog.summary.text()


def test_counts_a_server_stopped_are_said_as_more_than(records, qtbot, monkeypatch):
    """A server counts a search's matches up to a cap (made 1 here, on this test's file)."""
    from models.store import search_sqlite
    monkeypatch.setattr(search_sqlite.Search, "cap", 1)
    save_activity({"type": "party_lecture", "title": "第二次党课", "date": dt.date(2024, 5, 5)})
    dialog = GlobalSearchDialog(text="党课")
    qtbot.addWidget(dialog)
    groups = [dialog.results.topLevelItem(i) for i in range(2)]
    assert groups[0].text(0).startswith("支部活动：超过 1 条") and groups[1].text(0).startswith("党员：1 条")
    assert dialog.summary.text() == "找到超过 2 条记录"


def test_typing_searches_after_a_pause(records, qtbot):
    dialog = GlobalSearchDialog()
    qtbot.addWidget(dialog)
    dialog.search_box.setText("调研")
    qtbot.waitUntil(lambda: dialog.results.topLevelItemCount() == 1, timeout=2000)


def test_double_click_returns_kind_and_uuid(records, qtbot):
    activity, member = records
    dialog = GlobalSearchDialog(text="党课")
    qtbot.addWidget(dialog)
    member_hit = dialog.results.topLevelItem(1).child(0)
    assert member_hit.data(0, HitRole) == ("member", member)
    with qtbot.waitSignal(dialog.opened) as signal:
        dialog.results.itemActivated.emit(member_hit, 0)
    assert signal.args == ["member", member]
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.chosen == ("member", member)


def test_open_button_and_group_rows(records, qtbot):
    activity, _ = records
    dialog = GlobalSearchDialog(text="党课")
    qtbot.addWidget(dialog)
    dialog.open_item(dialog.results.topLevelItem(0))  # a group row opens nothing
    assert dialog.chosen is None
    assert dialog.results.currentItem().data(0, HitRole) == ("activity", activity)  # first hit preselected
    dialog.buttons.button(QDialogButtonBox.StandardButton.Open).click()
    assert dialog.chosen == ("activity", activity)


def test_ask_returns_none_when_closed(records, qtbot, monkeypatch):
    monkeypatch.setattr(GlobalSearchDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    assert GlobalSearchDialog.ask(None, "党课") is None

    def choose(self):
        self.open_item(self.results.topLevelItem(0).child(0))
        return self.result()
    monkeypatch.setattr(GlobalSearchDialog, "exec", choose)
    assert GlobalSearchDialog.ask(None, "党课")[0] == "activity"


def test_hits_show_the_fields_and_mark_the_words(records, qtbot):
    from ui.widgets.marked_text import MARK, MarkedRole
    dialog = GlobalSearchDialog(text="党课 精神")
    qtbot.addWidget(dialog)
    dialog.show()
    hit = dialog.results.topLevelItem(0).child(0)
    assert hit.text(2) == "主要内容、主题"  # the field holding both words first
    assert hit.text(3).startswith("主要内容：讲授党课")
    pieces = hit.data(3, MarkedRole)
    assert "".join(text for text, _ in pieces) == hit.text(3)  # the marks add nothing to the words shown
    assert [text for text, how in pieces if how == MARK] == ["党课", "精神"]
    assert hit.data(0, MarkedRole) == [("专题", False), ("党课", True)]  # the title marks its word too
    assert "主题" in hit.toolTip(3) and "主要内容" in hit.toolTip(3)
    dialog.results.setCurrentItem(hit)
    image = dialog.results.viewport().grab().toImage()  # the marked cells paint, selected or not
    marks = {image.pixel(x, y) for x in range(0, image.width(), 3) for y in range(0, image.height(), 3)}
    from PySide6.QtGui import QColor
    assert QColor("#ffe082").rgb() in marks


def test_marked_text_that_does_not_fit_is_cut_with_an_ellipsis(qapp):
    from PySide6.QtGui import QFontMetrics

    from ui.widgets.marked_text import BOLD, MARK, PLAIN, fitted
    font = qapp.font()
    pieces = [("主要内容：", BOLD), ("会议围绕", PLAIN), ("精神", MARK), ("开展学习讨论" * 5, PLAIN)]
    assert fitted(pieces[:3], font, 2000) == pieces[:3]
    width = QFontMetrics(font).horizontalAdvance("字") * 14
    cut = fitted(pieces, font, width)
    assert cut[:3] == pieces[:3] and cut[-1] == ("…", PLAIN) and len(cut[3][0]) < len(pieces[3][0])
    assert QFontMetrics(font).horizontalAdvance("".join(t for t, _ in cut)) <= width + 4


def test_party_organisations_are_found_and_open_on_the_coverage_page(store, qtbot, monkeypatch):
    from models.records import common
    from models.records.organisations import delete_organisation, save_organisation
    from models.records.party_orgs import save_party_org
    from ui.dialogs.party_org_dialog import PartyOrgDialog
    from ui.main_window import MainWindow
    from ui.pages.coverage_page import PARTIES
    monkeypatch.setattr(common, "today", lambda: dt.date(2026, 6, 30))
    org = save_organisation({"name": "滨江商会", "kind": "social_group", "registered_on": "2020-01-01",
                             "party_org": "independent", "changed_on": "2025-03-01"})
    joint = save_party_org({"name": "滨江第一联合党支部", "kind": "joint", "set_up_on": "2026-03-01",
                            "notes": "楼宇党建", "organisations": []})
    dialog = GlobalSearchDialog(text="滨江")
    qtbot.addWidget(dialog)
    group = dialog.results.topLevelItem(1)
    assert group.text(0).startswith("党组织：2 条")
    assert [group.child(i).text(0) for i in range(2)] == ["滨江商会党支部", "滨江第一联合党支部"]
    delete_organisation(org)  # its own branch goes to the recycle bin's side with it
    dialog.run_search()
    assert dialog.results.topLevelItemCount() == 1
    dialog.search_box.setText("楼宇")
    dialog.run_search()
    assert dialog.results.topLevelItem(0).child(0).data(0, HitRole) == ("party_org", joint)

    window = MainWindow(store)
    qtbot.addWidget(window)
    opened = []
    monkeypatch.setattr(GlobalSearchDialog, "ask", classmethod(lambda cls, parent=None, text="": ("party_org", joint)))
    monkeypatch.setattr(PartyOrgDialog, "exec", lambda d: opened.append(d.field("name").value()) or 0)
    window.global_search()
    assert window.current_page_key() == "coverage" and opened == ["滨江第一联合党支部"]
    assert window.pages["coverage"][1].view.currentIndex() == PARTIES
