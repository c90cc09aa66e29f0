"""The 汇报导出 page: period, title, lead paragraphs kept per period, preview, one click to Documents."""
import datetime as dt

import pytest
from pypdf import PdfReader

from models.records.activities import save_activity
from models.records.settings import list_sections, save_branch_settings
from models.reporting.section_texts import get_section_text
from ui import files
from ui.pages.report_page import ReportPage
from ui.widgets.pdf_preview import GAP


@pytest.fixture
def page(store, qtbot):
    save_branch_settings({"branch_name": "市民政局社会组织管理科党支部", "office_name": "市民政局社会组织管理科"})
    save_activity({"type": "party_lecture", "title": "专题党课：党章学习", "date": dt.date(2023, 3, 5),
                   "section": list_sections()[0]["uuid"]})
    widget = ReportPage()
    qtbot.addWidget(widget)
    widget.show()
    return widget


def choose_year(page, year):
    page.kind.setCurrentIndex(page.kind.findData("year"))
    page.year.setCurrentIndex(page.year.findData(year))


def test_lead_paragraphs_are_kept_per_period_and_carried_forward(page):
    choose_year(page, 2023)
    first = list_sections()[0]["uuid"]
    assert "2023年" in page.title.placeholderText()
    page.leads[first].setPlainText("一年来，支部始终把政治建设摆在首位。")
    choose_year(page, 2024)  # switching keeps what was typed for 2023
    assert get_section_text(first, "2023") == "一年来，支部始终把政治建设摆在首位。"
    assert page.leads[first].toPlainText() == "一年来，支部始终把政治建设摆在首位。"  # next year starts from it


def test_preview_and_export(page, qtbot, tmp_path, monkeypatch):
    choose_year(page, 2023)
    page.title.setText("关于2023年党建工作情况的汇报（测试）")
    page.preview()
    qtbot.waitUntil(lambda: bool(page.pages.view.images), timeout=30_000)
    assert page.pages.page_label.text().startswith("1 / ") and "共" in page.pages.page_label.toolTip()
    opened = []
    monkeypatch.setattr(files, "open_in_viewer", opened.append)
    monkeypatch.setattr(files, "ask_save_path", lambda *a: tmp_path / "汇报.pdf")
    page.export(".pdf")
    qtbot.waitUntil(lambda: bool(opened), timeout=30_000)
    text = "".join(p.extract_text() for p in PdfReader(opened[0]).pages)
    assert "（测试）" in text and "党章学习" in text


def test_one_click_saves_into_documents(page, qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(files, "documents_dir", lambda: tmp_path)
    opened = []
    monkeypatch.setattr(files, "open_in_viewer", opened.append)
    choose_year(page, 2023)
    page.one_click()
    qtbot.waitUntil(lambda: bool(opened), timeout=30_000)
    assert opened[0] == tmp_path / "2023年党建工作情况汇报.pdf"
    page.one_click()  # the first may still be open in a viewer: a second name, not an overwrite
    qtbot.waitUntil(lambda: len(opened) == 2, timeout=30_000)
    assert opened[1].name == "2023年党建工作情况汇报（2）.pdf"


def test_typed_leads_survive_closing_and_removed_sections(page, answer):
    from models.records.settings import save_sections
    choose_year(page, 2023)
    sections = list_sections()
    page.leads[sections[1]["uuid"]].setPlainText("改革创新导语")
    page.hide()  # as when the window closes
    assert get_section_text(sections[1]["uuid"], "2023") == "改革创新导语"
    save_sections([sections[0], sections[2]])  # removed in 设置 while the page still shows it
    page.show()
    assert sections[1]["uuid"] not in page.leads
    page.kind.setCurrentIndex(page.kind.findData("custom"))
    page.date_from.setValue(dt.date(2023, 5, 1))
    page.date_to.setValue(dt.date(2023, 4, 1))
    page.export(".pdf")
    assert "起止日期" in answer.messages[-1][1]


def test_signature_and_date_reach_the_report(page, qtbot, tmp_path, monkeypatch):
    from PySide6.QtCore import Qt

    from exports import report
    from models.records.settings import branch_settings
    assert "市民政局社会组织管理科党支部" in page.branch.text() and "设置" in page.branch.text()
    assert page.signer.text() == "市民政局社会组织管理科"  # the office name from settings
    assert page.signed_on.value() == dt.date.today()
    page.signer.setText("市民政局社会组织管理科党支部")
    qtbot.keyClick(page.signer, Qt.Key.Key_Return)
    assert branch_settings()["office_name"] == "市民政局社会组织管理科党支部"
    page.signer.setText("市民政局")  # typed and straight to 导出, no Enter
    page.signed_on.setValue(dt.date(2023, 12, 31))
    choose_year(page, 2023)
    calls = []
    monkeypatch.setattr(report, "write_report", lambda path, *args, **kwargs: calls.append(kwargs) or path)
    monkeypatch.setattr(files, "open_in_viewer", lambda path: calls.append(path))
    monkeypatch.setattr(files, "ask_save_path", lambda *a: tmp_path / "汇报.pdf")
    page.export(".pdf")
    qtbot.waitUntil(lambda: len(calls) == 2, timeout=10_000)
    assert calls[0]["signed_on"] == dt.date(2023, 12, 31)
    assert branch_settings()["office_name"] == "市民政局"


def test_signature_follows_the_branch_name_until_changed(store, qtbot, answer):
    from models.records.settings import branch_settings
    save_branch_settings({"branch_name": "市民政局社会组织管理科党支部"})
    page = ReportPage()
    qtbot.addWidget(page)
    page.show()
    assert page.signer.text() == "市民政局社会组织管理科党支部"  # no office name: the branch signs
    page.signer.editingFinished.emit()  # left as it was: nothing saved, it keeps following the branch name
    assert branch_settings()["office_name"] == ""
    page.hide()
    save_branch_settings({"branch_name": "市民政局党支部"})  # renamed in 设置
    page.show()
    assert page.signer.text() == "市民政局党支部" and "市民政局党支部" in page.branch.text()
    page.signed_on.setValue("2023-13-01")
    page.export(".pdf")
    assert "成文日期" in answer.messages[-1][1]


def test_the_pdf_is_signed_and_dated_as_chosen(page, qtbot, tmp_path, monkeypatch):
    page.signer.setText("中共市民政局社会组织管理科支部委员会")
    page.signed_on.setValue(dt.date(2024, 1, 8))
    choose_year(page, 2023)
    opened = []
    monkeypatch.setattr(files, "open_in_viewer", opened.append)
    monkeypatch.setattr(files, "ask_save_path", lambda *a: tmp_path / "汇报.pdf")
    page.export(".pdf")
    qtbot.waitUntil(lambda: bool(opened), timeout=30_000)
    text = "".join(p.extract_text() for p in PdfReader(opened[0]).pages).replace("\n", "")
    assert "中共市民政局社会组织管理科支部委员会" in text and "2024年1月8日" in text


def test_the_preview_takes_the_width_and_keeps_the_width_given(page, qtbot):
    page.resize(1200, 700)
    choose_year(page, 2023)
    form, pages = page.splitter.widget(0), page.pages
    assert form.width() > pages.width()  # until there is something to see, the form has the room
    page.preview()
    qtbot.waitUntil(lambda: bool(pages.view.images), timeout=30_000)
    assert pages.width() > form.width()  # the preview has two thirds, or all the form leaves at its least width
    assert form.width() <= max(sum(page.splitter.sizes()) // 3, form.minimumSizeHint().width())
    assert page.focusWidget() is pages.view  # PgDn and Ctrl+plus work straight away
    view = pages.view

    def sharp_and_fitted() -> bool:  # rendered at the scale shown, as wide as the view allows
        scale, image = view.images.get(0, (None, None))
        return scale == view.scale() * view.devicePixelRatioF() and image.width() == view.viewport().width() - 2 * GAP
    qtbot.waitUntil(sharp_and_fitted, timeout=10_000)
    fitted = view.images[0][1].width()
    page.splitter.moveSplitter(page.splitter.sizes()[0] + 120, 1)  # as when the handle is dragged
    qtbot.waitUntil(lambda: sharp_and_fitted() and view.images[0][1].width() < fitted, timeout=10_000)
    given = page.splitter.sizes()
    again = ReportPage()  # the next time (or the next run): the preview as wide as it was left
    qtbot.addWidget(again)
    again.resize(1200, 700)
    again.show()
    choose_year(again, 2023)
    assert again.splitter.sizes() != given
    again.preview()
    qtbot.waitUntil(lambda: bool(again.pages.view.images), timeout=30_000)
    assert again.splitter.sizes() == given


def test_a_missing_documents_folder_is_made_and_the_status_says_where(page, qtbot, tmp_path, monkeypatch):
    documents = tmp_path / "新用户" / "Documents"
    monkeypatch.setattr(files, "documents_dir", lambda: documents)
    opened, said = [], []
    monkeypatch.setattr(files, "open_in_viewer", opened.append)
    page.status.connect(said.append)
    choose_year(page, 2023)
    page.one_click()
    qtbot.waitUntil(lambda: bool(opened), timeout=30_000)
    assert opened[0].parent == documents and opened[0].is_file()
    assert str(opened[0]) in said[-1] and "已新建" in said[-1]


def test_documents_that_cannot_be_made_gives_the_home_folder(page, qtbot, tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setattr(files, "documents_dir", lambda: blocker / "Documents")  # under a file: cannot be made
    monkeypatch.setattr(files.Path, "home", classmethod(lambda cls: tmp_path))
    opened, said = [], []
    monkeypatch.setattr(files, "open_in_viewer", opened.append)
    page.status.connect(said.append)
    choose_year(page, 2023)
    page.one_click()
    qtbot.waitUntil(lambda: bool(opened), timeout=30_000)
    assert opened[0].parent == tmp_path and "个人文件夹" in said[-1] and str(opened[0]) in said[-1]


def test_a_write_that_fails_says_why(page, answer, tmp_path):
    from ui import exporting
    missing = FileNotFoundError(2, "No such file or directory", str(tmp_path / "没有" / "汇报.pdf"))
    exporting.failed(page, missing)
    assert "文件夹不存在" in answer.messages[-1][1] and str(tmp_path / "没有") in answer.messages[-1][1]
    exporting.failed(page, PermissionError(13, "Permission denied", str(tmp_path / "汇报.pdf")))
    assert "正在其他程序" in answer.messages[-1][1] and "文件夹不存在" not in answer.messages[-1][1]
