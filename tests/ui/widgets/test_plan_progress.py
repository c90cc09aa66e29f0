"""The plan-against-done table: rates as the report writes them, short columns wide enough, long topics told in full."""
import datetime as dt

from ui.widgets.plan_progress import PlanProgress


def month(n, rate, topics):
    return {"month": n, "planned": [{"topic": topics[0]}], "overdue": False, "attendance_rate": rate,
            "reflections": (7, 8), "sessions": [{"date": dt.date(2024, n, 10), "topic": t} for t in topics]}


def test_rates_topics_and_column_widths(qtbot):
    table = PlanProgress()
    qtbot.addWidget(table)
    table.resize(660, 300)
    many = ["社会组织登记管理条例", "《中国共产党纪律处分条例》", "调查研究方法", "民政工作法律法规"]
    table.show_rows([month(1, 0.875, many), month(2, 1.0, many[:1]), month(3, 0.9, many[1:2])])
    table.show()
    assert [table.item(r, 3).text() for r in range(3)] == ["87.5%", "100%", "90%"]  # not 88% / 90.0%
    done = table.item(0, 2)
    assert done.toolTip() == done.text() and "民政工作法律法规" in done.toolTip()
    header, metrics = table.horizontalHeader(), table.fontMetrics()
    for column in (0, 3, 4, 5):  # month, rate, reflections and state fit both their header and their text
        texts = [table.horizontalHeaderItem(column).text()] + [table.item(r, column).text() for r in range(3)]
        assert header.sectionSize(column) >= max(metrics.horizontalAdvance(t) for t in texts)
