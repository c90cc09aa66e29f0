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


def test_the_top_of_the_scale_is_the_busiest_month_when_rare_types_are_folded(qtbot):
    chart = MonthChart()
    qtbot.addWidget(chart)
    kinds = ["theme_day", "group_meeting", "committee_meeting", "theory_study", "supervision", "party_lecture", "care",
             "volunteer"]
    by_month = {(2024, m): {k: 1 + i for i, k in enumerate(kinds)} for m in range(1, 13)}
    by_month[(2024, 5)]["theme_day"] = 20
    chart.set_data(by_month, 2024)
    busiest = sum(by_month[(2024, 5)].values())
    assert chart.peak() == busiest  # the two rarest types counted once, in 其他类型, not twice
    assert sum(chart.months[4].values()) == busiest


def test_month_names_never_run_together(qtbot):
    chart = MonthChart()
    qtbot.addWidget(chart)
    metrics = chart.fontMetrics()
    for slot in (12, 16, 20, 26, 40, 60):
        names = MonthChart.month_names(metrics, slot)
        room = slot if names[1] else 2 * slot  # every other month named: each has its empty neighbour's slot too
        assert len(names) == 12 and all(metrics.horizontalAdvance(n) + 4 <= room for n in names)
    assert MonthChart.month_names(metrics, 60)[11] == "12月"
    narrow = MonthChart.month_names(metrics, metrics.horizontalAdvance("12"))
    assert narrow[:3] == ["1", "", "3"]  # every other month, each with its neighbour's room


def _drawn_texts(chart, monkeypatch) -> list[str]:
    import ui.widgets.month_chart as module
    texts = []

    class Recording(module.QPainter):
        def drawText(self, *args):
            texts.extend(a for a in args if isinstance(a, str))
            return super().drawText(*args)

    monkeypatch.setattr(module, "QPainter", Recording)
    chart.resize(600, 220)
    chart.grab()
    return texts


def test_an_empty_year_says_so_instead_of_a_scale_of_one(qtbot, monkeypatch):
    chart = MonthChart()
    qtbot.addWidget(chart)
    chart.set_data({}, 2024)
    texts = _drawn_texts(chart, monkeypatch)
    assert "本年尚无活动记录" in texts and "1" not in texts
    chart.set_data({(2024, 3): {"theme_day": 2}}, 2024)
    texts = _drawn_texts(chart, monkeypatch)
    assert "本年尚无活动记录" not in texts and "2" in texts
