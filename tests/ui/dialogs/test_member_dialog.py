"""The member form: the ID number shown whole to the person editing it and masked on the list, birth date and sex
filled from it, its problems and the transfer's told at their fields."""
import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from models.records.members import get_member, save_member
from ui.dialogs.member_dialog import MemberDialog
from ui.pages.member_page import MemberPage


def new_dialog(qtbot) -> MemberDialog:
    dialog = MemberDialog(None)
    qtbot.addWidget(dialog)
    return dialog


def save(dialog: MemberDialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()


def test_the_form_has_every_field_of_the_record(store, qtbot):
    dialog = new_dialog(qtbot)
    for key in ("id_card", "workplace", "job_title", "phone", "education", "came_on", "came_from", "left_on",
                "left_to"):
        assert dialog.field(key).isVisibleTo(dialog), key


def test_typing_the_number_fills_birth_date_and_sex_left_empty(store, qtbot):
    dialog = new_dialog(qtbot)
    dialog.field("name").setText("黄露")
    dialog.field("party_status").setValue("full")
    dialog.field("id_card").setText("1101051949123100")  # not yet whole: nothing filled
    assert dialog.field("birth_date").value() is None and dialog.field("gender").value() == ""
    dialog.field("id_card").setText("11010519491231002x")
    assert dialog.field("birth_date").value() == dt.date(1949, 12, 31) and dialog.field("gender").value() == "female"
    dialog.field("workplace").setText("市民政局社会组织管理科")
    save(dialog)
    saved = get_member(dialog.saved_uuid)
    assert (saved["id_card"], saved["gender"], saved["workplace"]) == ("11010519491231002X", "female",
                                                                       "市民政局社会组织管理科")


def test_a_number_pasted_in_groups_with_spaces_is_taken_whole(store, qtbot):
    dialog = new_dialog(qtbot)
    dialog.field("name").setText("黄露")
    dialog.field("party_status").setValue("full")
    dialog.field("id_card").setText("1101 0519 4912 3100 2X")  # as often written: the field keeps all of it
    assert dialog.field("birth_date").value() == dt.date(1949, 12, 31) and dialog.field("gender").value() == "female"
    save(dialog)
    assert get_member(dialog.saved_uuid)["id_card"] == "11010519491231002X"


def test_a_wrong_number_or_a_disagreeing_birth_date_is_told_at_the_field_and_kept(store, qtbot):
    dialog = new_dialog(qtbot)
    dialog.field("name").setText("黄露")
    dialog.field("party_status").setValue("full")
    dialog.field("gender").setValue("female")
    dialog.field("birth_date").setValue(dt.date(1949, 12, 30))
    dialog.field("id_card").setText("110105194912310021")
    save(dialog)
    assert dialog.saved_uuid is None and "校验码不对" in dialog.error_text("id_card")
    assert dialog.field("id_card").value() == "110105194912310021"
    dialog.field("id_card").setText("11010519491231002X")  # now whole: the birth date typed is kept, and told
    assert dialog.field("birth_date").value() == dt.date(1949, 12, 30)
    save(dialog)
    assert dialog.saved_uuid is None and dialog.error_text("id_card") == ""
    assert dialog.error_text("birth_date") == "出生日期与公民身份号码不一致（号码中为1949年12月31日）"


def test_the_transfer_in_is_checked_at_its_field(store, qtbot):
    dialog = new_dialog(qtbot)
    dialog.field("name").setText("乙")
    dialog.field("gender").setValue("male")
    dialog.field("party_status").setValue("full")
    dialog.field("join_date").setValue(dt.date(2010, 7, 1))
    dialog.field("came_on").setValue(dt.date(2009, 1, 1))
    dialog.field("came_from").setText("区民政局机关党支部")
    save(dialog)
    assert dialog.error_text("came_on") == "转入日期不能早于入党日期（2010年7月1日）"
    dialog.field("came_on").setValue(dt.date(2024, 7, 1))
    save(dialog)
    saved = get_member(dialog.saved_uuid)
    assert (saved["came_on"], saved["came_from"]) == (dt.date(2024, 7, 1), "区民政局机关党支部")


def test_the_editor_sees_the_whole_number_and_the_list_a_masked_one(store, qtbot):
    uuid = save_member({"name": "黄露", "gender": "female", "party_status": "full", "id_card": "11010519491231002X",
                        "workplace": "市民政局社会组织管理科"})
    dialog = MemberDialog(None, uuid)
    qtbot.addWidget(dialog)
    assert dialog.field("id_card").value() == "11010519491231002X"
    page = MemberPage()
    qtbot.addWidget(page)
    page.show()
    shown = {page.model.headerData(c, Qt.Orientation.Horizontal): page.model.data(page.model.index(0, c))
             for c in range(page.model.columnCount())}
    assert shown["公民身份号码"] == "110105********002X" and shown["工作单位"] == "市民政局社会组织管理科"
    assert "11010519491231002X" not in shown.values()
