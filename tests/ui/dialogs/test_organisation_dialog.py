"""The organisation form's 参与的联建活动 tab: every column readable, long names told in full."""
import datetime as dt

from models.records.organisations import save_organisation
from models.records.outreach import save_event
from ui.dialogs.organisation_dialog import OrganisationDialog


def test_the_history_columns_fit_their_text_and_long_names_have_tooltips(store, qtbot):
    uuid = save_organisation({"name": "上城慈善社会工作服务中心", "kind": "social_service"})
    save_event({"title": "防汛救灾物资募集暨爱心助学结对", "kind": "rural", "start_date": dt.date(2024, 7, 16),
                "series": "第8届“社会组织伙伴日”",
                "participations": [{"organisation": uuid, "role": "participant", "money": "405000", "jobs": "5"}]})
    dialog = OrganisationDialog(None, uuid)
    qtbot.addWidget(dialog)
    dialog.show()
    table, metrics = dialog.history, dialog.history.fontMetrics()
    header = table.horizontalHeader()
    for column in (0, 3, 4, 5, 6):  # date, role, money, in kind, jobs: header and value both readable
        texts = [table.horizontalHeaderItem(column).text(), table.item(0, column).text()]
        assert header.sectionSize(column) >= max(metrics.horizontalAdvance(t) for t in texts)
    assert table.item(0, 4).text() == "40.5万元"
    event, series = table.item(0, 1), table.item(0, 2)
    assert event.toolTip() == "防汛救灾物资募集暨爱心助学结对" and series.toolTip() == "第8届“社会组织伙伴日”"
    assert header.sectionSize(1) > header.sectionSize(3)  # the event's name has the room the short columns leave
