"""The home page's month chart: its legend wraps instead of running off a narrow widget."""
from ui.widgets.month_chart import MonthChart


def test_the_legend_wraps_and_nothing_runs_off_the_edge(qtbot):
    chart = MonthChart()
    qtbot.addWidget(chart)
    kinds = ["theme_day", "group_meeting", "committee_meeting", "theory_study", "supervision", "party_lecture", "care",
             "volunteer"]
    chart.set_data({(2024, m): {k: m + i for i, k in enumerate(kinds)} for m in range(1, 13)}, 2024)
    chart.resize(330, 260)
    metrics = chart.fontMetrics()
    legend = chart._legend(metrics, 30)
    assert len(legend) == 7 and max(row for _, _, row, _ in legend) >= 1
    assert all(x + 24 + metrics.horizontalAdvance(text) <= chart.width() for _, text, _, x in legend)
    chart.resize(900, 260)
    assert max(row for _, _, row, _ in chart._legend(metrics, 30)) == 0
    chart.show()
    chart.grab()  # paints without error at both sizes
