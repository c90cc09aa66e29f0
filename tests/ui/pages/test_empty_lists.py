"""Empty lists say so, and what to do; the recycle bin's buttons act only when they can."""
from models.records.members import delete_member, save_member
from ui.pages.member_page import MemberPage
from ui.pages.recycle_page import RecyclePage


def test_an_empty_list_and_an_empty_search_say_what_to_do(store, qtbot):
    page = MemberPage()
    qtbot.addWidget(page)
    page.show()
    assert page.empty_note.isVisible() and "点“新建”" in page.empty_note.text()
    save_member({"name": "张明", "gender": "male", "party_status": "full"})
    page.reload()
    assert not page.empty_note.isVisible() and page.count_label.text() == "共 1 条"
    page.filter_box.setText("李华")
    page.apply_filter()
    assert page.empty_note.isVisible() and "没有符合条件的记录" in page.empty_note.text()


def test_recycle_bin_buttons_follow_the_selection(store, qtbot):
    uuid = save_member({"name": "张明", "gender": "male", "party_status": "full"})
    page = RecyclePage()
    qtbot.addWidget(page)
    page.show()
    assert page.empty_note.isVisible()
    assert not (page.restore_button.isEnabled() or page.purge_button.isEnabled() or page.empty_button.isEnabled())
    delete_member(uuid)
    page.reload()
    assert not page.empty_note.isVisible() and page.empty_button.isEnabled()
    assert not page.restore_button.isEnabled() and not page.purge_button.isEnabled()
    page.table.selectRow(0)
    assert page.restore_button.isEnabled() and page.purge_button.isEnabled()
    page.restore_selected()
    assert page.empty_note.isVisible() and not page.restore_button.isEnabled()
