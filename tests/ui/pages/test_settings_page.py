"""The settings page: names, sections renamed / reordered / added, indicators added."""
import pytest
from PySide6.QtWidgets import QLabel

from models.records.settings import branch_settings, list_indicators, list_sections
from ui.pages.settings_page import SettingsPage


@pytest.fixture
def page(store, qtbot):
    widget = SettingsPage()
    qtbot.addWidget(widget)
    return widget


def test_branch_names_saved_and_errors_at_the_field(page):
    page.branch_form.set_values({"branch_name": "市民政局社会组织管理科党支部", "office_name": "市民政局"})
    page.save_branch()
    assert branch_settings()["branch_name"] == "市民政局社会组织管理科党支部"
    page.branch_form.fields["office_name"].setText("长" * 61)
    page.save_branch()
    assert "最多 60 个字" in page.branch_form.error_text("office_name")
    assert branch_settings()["office_name"] == "市民政局"


def test_sections_add_rename_reorder_remove(page):
    page.add_section()
    assert [s["name"] for s in list_sections()][-1] == "新栏目"
    page.sections.item(3).setText("强化作风建设")  # as after a double-click edit
    assert [s["name"] for s in list_sections()][-1] == "强化作风建设"
    page.sections.setCurrentRow(3)
    page.move_section(-1)
    assert [s["name"] for s in list_sections()][2:] == ["强化作风建设", "强化聚力融合"]
    page.sections.setCurrentRow(2)
    page.remove_section()
    assert [s["name"] for s in list_sections()] == ["强化政治意识", "强化改革创新", "强化聚力融合"]


def test_duplicate_section_name_is_refused(page):
    page.sections.item(1).setText("强化政治意识")
    assert "重复" in page.sections_error.text()
    assert page.sections.item(1).text() == "强化改革创新"  # reloaded from the store


def test_add_indicator(page):
    page.indicator_form.set_values({"name": "走访企业", "unit": "家"})
    page.add_indicator()
    assert list_indicators()[-1]["name"] == "走访企业"
    assert page.indicators.item(page.indicators.rowCount() - 1, 0).text() == "走访企业"
    page.indicator_form.set_values({"name": "走访企业", "unit": ""})
    page.add_indicator()
    assert "已有指标" in page.indicator_form.error_text("name")
    assert "请填写单位" in page.indicator_form.error_text("unit")


def test_second_backup_folder_must_exist(page, tmp_path):
    page.branch_form.set_values({"backup_dir_2": str(tmp_path / "没插上的U盘")})
    page.save_branch()
    assert "找不到文件夹" in page.branch_form.error_text("backup_dir_2")
    page.branch_form.set_values({"backup_dir_2": str(tmp_path)})
    page.save_branch()
    assert branch_settings()["backup_dir_2"] == str(tmp_path)


def test_report_fonts_chosen_in_settings_are_used(page, tmp_path, monkeypatch):
    import datetime as dt

    from pypdf import PdfReader

    from exports.report import write_report
    from models.records.settings import report_fonts
    from resources import FONT_FILE
    otf = tmp_path / "思源宋体.otf"
    otf.write_bytes(b"OTTO")
    page.fonts_form.set_values({"fang": str(otf)})
    page.save_fonts()
    assert ".otf" in page.fonts_form.error_text("fang")
    chosen = tmp_path / "我的黑体.ttc"
    chosen.write_bytes(FONT_FILE.read_bytes())
    page.fonts_form.set_values({"fang": "", "hei": str(chosen)})
    page.save_fonts()
    assert report_fonts()["hei"] == str(chosen)
    from exports import fonts as font_machinery
    seen = []
    real = font_machinery.register_fonts
    monkeypatch.setattr(font_machinery, "register_fonts",
                        lambda font_dir=None, chosen=None: seen.append(real(tmp_path, chosen)) or seen[-1])
    out = write_report(tmp_path / "r.pdf", dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    assert PdfReader(out).pages
    assert seen[0].roles["hei"].startswith("我的黑体")  # the heading font is the chosen file
    assert not seen[0].roles["fang"].startswith("我的黑体")


def test_archive_and_reopen_a_period(page, answer):
    import datetime as dt

    from PySide6.QtWidgets import QMessageBox

    from models.records.archive import list_archived
    page.archive_form.set_values({"date_from": dt.date(2022, 1, 1), "date_to": dt.date(2021, 1, 1)})
    page.archive()
    assert "不能早于" in page.archive_form.error_text("date_to")
    page.archive_form.set_values({"date_from": dt.date(2022, 1, 1), "date_to": dt.date(2022, 12, 31),
                                  "note": "2022年情况汇报已报送"})
    page.archive()
    assert page.archived.rowCount() == 1 and len(list_archived()) == 1
    page.archived.selectRow(0)
    answer.reply_with(QMessageBox.StandardButton.Yes)
    page.unarchive()
    assert list_archived() == [] and page.archived.rowCount() == 0


def rule_box(page, name):
    row = next(i for i in range(page.indicators.rowCount()) if page.indicators.item(i, 0).text() == name)
    return page.indicators.cellWidget(row, 2)


def test_each_indicator_has_a_rule_the_user_can_change(page):
    def rules():
        return {i["name"]: i["rule"] for i in list_indicators()}
    assert page.indicators.horizontalHeaderItem(2).text() == "汇总方式"
    box = rule_box(page, "参与社会组织")
    assert [box.itemText(i) for i in range(box.count())] == ["累加", "取最新", "取最大", "不汇总"]
    assert box.currentText() == {"sum": "累加", "latest": "取最新", "max": "取最大", "none": "不汇总"}[
        rules()["参与社会组织"]]
    box.setCurrentIndex(box.findText("取最新"))
    assert rules()["参与社会组织"] == "latest"
    box.setCurrentIndex(box.findText("不汇总"))
    assert rules()["参与社会组织"] == "none"
    page.load_indicators()
    assert rule_box(page, "参与社会组织").currentText() == "不汇总"
    explained = [w.text() for w in page.findChildren(QLabel) if "汇总方式" in w.text()]
    assert explained and "参与社会组织、会员企业等按活动分别表述，不相加" in explained[0]


def test_a_new_indicator_gets_the_rule_chosen(page):
    page.indicator_form.set_values({"name": "覆盖社会组织（累计）", "unit": "家"})
    page.indicator_form.fields["rule"].setCurrentIndex(page.indicator_form.fields["rule"].findText("取最新"))
    page.add_indicator()
    assert list_indicators()[-1]["rule"] == "latest"
    assert rule_box(page, "覆盖社会组织（累计）").currentText() == "取最新"
    assert page.indicator_form.fields["rule"].currentText() == "累加"  # the form is ready for the next one


def test_names_saved_elsewhere_show_here_and_typing_is_kept(page):
    from models.records.settings import save_branch_settings
    page.show()
    page.branch_form.fields["operator"].setText("王某某")  # typed, not saved yet
    page.hide()
    save_branch_settings({"office_name": "市民政局社会组织管理科", "operator": "别处"})  # as the report page does
    page.show()
    assert page.branch_form.values()["office_name"] == "市民政局社会组织管理科"
    assert page.branch_form.values()["operator"] == "王某某"


def test_the_demo_box_shows_while_demo_records_are_here_and_clears_them(store, qtbot, monkeypatch):
    import datetime as dt

    from PySide6.QtWidgets import QMessageBox

    from models.exchange.demo import fill_demo
    from models.exchange.demo_clearing import demo_count
    from models.records.activities import save_activity
    from models.records.schema import Activity
    page = SettingsPage()
    qtbot.addWidget(page)
    page.show()
    assert not page.demo_box.isVisible()  # nothing of the demo's here
    fill_demo(60, seed=4, today=dt.date(2026, 6, 30))
    save_activity({"type": "party_lecture", "title": "自己录入的党课", "date": "2026-07-01"})
    page.hide(), page.show()
    assert page.demo_box.isVisible() and str(demo_count()) in page.demo_box.note.text()
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: answers.pop(0))
    page.demo_box.clear_button.click()
    assert demo_count() > 0  # 否: nothing happens
    with qtbot.waitSignal(page.status, timeout=10000) as said:
        page.demo_box.clear_button.click()
    assert "已清除示例记录" in said.args[0] and demo_count() == 0 and not page.demo_box.isVisible()
    assert [a.title for a in Activity.select()] == ["自己录入的党课"]
