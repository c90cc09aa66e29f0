"""100,000 records open at once: the page loads one page of rows, the rest on scrolling."""
import datetime as dt

from models.store import db, new_uuid
from ui.pages.member_page import MemberPage
from ui.pages.organisation_page import OrganisationPage


def bulk(table: str, columns: str, rows):
    cols = ["uuid", "created_at", "updated_at", *columns.split()]
    now = str(dt.datetime(2024, 1, 1))
    with db.atomic():
        db.connection().executemany(
            f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
            [(new_uuid(), now, now, *r) for r in rows])


def test_hundred_thousand_members_open_one_page_at_a_time(store, qtbot):
    bulk("member", "name gender ethnicity education phone party_status party_post job_title left_to notes",
         ((f"党员{i:06d}", "male", "汉族", "", "", "full", "", "科员", "", "") for i in range(100_000)))
    page = MemberPage()
    qtbot.addWidget(page)
    page.show()
    assert not page.model.counted()  # the first rows are shown before 100,000 are counted
    assert not page.edit_button.isEnabled()  # nothing chosen yet
    page.select_row(0)
    assert page.edit_button.isEnabled() and page.delete_button.isEnabled()
    qtbot.waitUntil(lambda: page.count_label.text() == "共 100000 条")  # plain digits, as the report writes them
    assert page.model.total == 100_000
    assert page.model.rowCount() <= 2 * page.model.PAGE
    page.view.scrollToBottom()
    qtbot.wait(10)
    assert page.model.rowCount() < 100_000  # only what was scrolled to is loaded
    page.filter_box.setText("党员09999")
    page.apply_filter()
    assert page.model.total == 10  # 党员099990 … 党员099999
    page.select_row(0)
    assert page.edit_button.isEnabled()
    page.filter_box.setText("没有这个人")
    page.apply_filter()
    assert not page.edit_button.isEnabled()  # the reset took the selection with it


def test_hundred_thousand_organisations(store, qtbot):
    bulk("organisation", "name credit_code kind legal_rep party_org instructor grade contact_person contact_phone "
                         "address notes",
         ((f"社会组织{i:06d}", "", "social_group", "", "none", "", "", "", "", "", "") for i in range(100_000)))
    page = OrganisationPage()
    qtbot.addWidget(page)
    assert page.model.total == 0  # nothing is read until the page is shown
    page.show()
    assert page.model.total == 100_000 and page.model.rowCount() == page.model.PAGE
