"""Vector charts for the report PDF (reportlab.graphics), every label in one of our registered fonts."""
from __future__ import annotations

from exports.fonts import FontSet, has_glyph

MM = 72 / 25.4
LABEL_PT = 8
# Muted colours that stay apart in print and in greyscale copies.
PALETTE = ("#b03a2e", "#d68910", "#2e86c1", "#239b56", "#7d3c98", "#717d7e", "#a04000", "#1abc9c")
MAX_BARS = 10


def label_font(fonts: FontSet, text: str, role: str = "song") -> tuple[str, str]:
    """One font for a whole chart label (a chart string has a single font): the first in the role's chain that
    has every character; failing that the first font, with what it lacks printed as "?" and logged."""
    printed = "".join(t for _, t in fonts.runs(text, role))
    chain = fonts.chain(role)
    for font in chain:
        if all(c.isspace() or has_glyph(font, c) for c in printed):
            return font, printed
    fonts.missing.update(c for c in printed if not has_glyph(chain[0], c))
    return chain[0], "".join(c if c.isspace() or has_glyph(chain[0], c) else "?" for c in printed)


def _shorten(text: str, font: str, size: float, width: float) -> str:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"


def label_step(count: int, width: float) -> int:
    """Every how many categories a label is shown, so that turned labels of a long period do not overlap."""
    return next(s for s in (1, 2, 5, 10, 20, 50, 100, 200, 500, count) if width / count * s >= 2 * LABEL_PT)


def _drawing(fonts: FontSet, width: float, height: float):
    """A drawing whose starting font is ours: reportlab's default would put an unembedded Helvetica in the file."""
    from reportlab.graphics.shapes import Drawing

    drawing = Drawing(width, height)
    drawing.initialFontName, drawing.initialFontSize = fonts.roles["song"], LABEL_PT
    return drawing


def _style_axis_labels(labels, font: str) -> None:
    labels.fontName, labels.fontSize = font, LABEL_PT


def stacked_chart(fonts: FontSet, chart: dict, width: float):
    """Stacked bars: one bar per month (or quarter), one colour per activity type, legend underneath."""
    from reportlab.graphics.charts.barcharts import VerticalBarChart
    from reportlab.graphics.charts.legends import Legend
    from reportlab.lib import colors

    height = 80 * MM
    drawing = _drawing(fonts, width, height)
    bars = VerticalBarChart()
    bars.x, bars.y, bars.width, bars.height = 28, 48, width - 36, height - 60
    bars.data = [s["values"] for s in chart["series"]]
    bars.categoryAxis.style = "stacked"
    names = [label_font(fonts, c) for c in chart["categories"]]
    step = label_step(len(names), bars.width)
    bars.categoryAxis.categoryNames = [text if i % step == 0 else "" for i, (_, text) in enumerate(names)]
    _style_axis_labels(bars.categoryAxis.labels, names[0][0] if names else fonts.roles["song"])
    for i, (font, _) in enumerate(names):
        bars.categoryAxis.labels[i].fontName = font
    if len(names) > 14:
        bars.categoryAxis.labels.angle, bars.categoryAxis.labels.boxAnchor = 45, "ne"
    _style_axis_labels(bars.valueAxis.labels, fonts.roles["song"])
    bars.valueAxis.valueMin = 0
    bars.valueAxis.forceZero = 1
    top = max((sum(col) for col in zip(*bars.data)), default=0)
    bars.valueAxis.valueMax = max(5, top * 1.1)
    bars.valueAxis.labelTextFormat = lambda v: f"{v:.0f}"
    bars.bars.strokeColor = None
    bars.barSpacing, bars.groupSpacing = 0, min(4, bars.width / max(1, len(names)) * 0.3)
    for i in range(len(bars.data)):
        bars.bars[i].fillColor = colors.HexColor(PALETTE[i % len(PALETTE)])
    legend = Legend()
    pairs = [(colors.HexColor(PALETTE[i % len(PALETTE)]), label_font(fonts, s["label"]))
             for i, s in enumerate(chart["series"])]
    legend.colorNamePairs = [(c, text) for c, (_, text) in pairs]
    legend.fontName = pairs[0][1][0] if pairs else fonts.roles["song"]
    legend.fontSize = LABEL_PT
    legend.alignment = "right"
    legend.columnMaximum = 1
    # evenly spread across the full width, so the last name still ends inside the text block
    legend.deltax = width / max(1, len(pairs))
    legend.dx = legend.dy = 7
    legend.dxTextSpace = 4
    legend.x, legend.y = 0, 12
    legend.strokeColor = None
    drawing.add(bars)
    drawing.add(legend)
    return drawing


def bar_chart(fonts: FontSet, chart: dict, width: float):
    """Horizontal bars of one indicator by outreach series (the largest MAX_BARS), each labelled with its value."""
    from reportlab.graphics.charts.barcharts import HorizontalBarChart
    from reportlab.lib import colors
    from reportlab.pdfbase.pdfmetrics import stringWidth

    ranked = sorted(zip(chart["values"], chart["categories"], chart["labels"]), key=lambda r: -r[0])[:MAX_BARS]
    ranked.reverse()  # reportlab draws the first category at the bottom; the largest should lead at the top
    names = [label_font(fonts, c) for _, c, _ in ranked]
    label_room = min(60 * MM, max((stringWidth(t, f, LABEL_PT) for f, t in names), default=0) + 8)
    names = [(f, _shorten(t, f, LABEL_PT, label_room - 8)) for f, t in names]
    value_labels = [label_font(fonts, text) for _, _, text in ranked]
    value_room = max((stringWidth(t, f, LABEL_PT) for f, t in value_labels), default=0) + 8
    height = min(120 * MM, 24 + 16 * len(ranked) + 10)
    drawing = _drawing(fonts, width, height)
    bars = HorizontalBarChart()
    bars.x, bars.y = label_room, 20
    bars.width, bars.height = width - label_room - value_room, height - 26
    bars.data = [[v for v, _, _ in ranked]]
    bars.categoryAxis.categoryNames = [t for _, t in names]
    _style_axis_labels(bars.categoryAxis.labels, names[0][0] if names else fonts.roles["song"])
    for i, (font, _) in enumerate(names):
        bars.categoryAxis.labels[i].fontName = font
    _style_axis_labels(bars.valueAxis.labels, fonts.roles["song"])
    bars.valueAxis.valueMin = 0
    bars.valueAxis.forceZero = 1
    bars.valueAxis.labelTextFormat = lambda v: f"{v:g}"
    bars.bars[0].fillColor = colors.HexColor(PALETTE[0])
    bars.bars.strokeColor = None
    bars.barLabelFormat = "values"
    bars.barLabelArray = [[t for _, t in value_labels]]
    bars.barLabels.fontName = value_labels[0][0] if value_labels else fonts.roles["song"]
    bars.barLabels.fontSize = LABEL_PT
    bars.barLabels.boxAnchor = "w"
    bars.barLabels.dx = 3
    drawing.add(bars)
    return drawing


def chart_drawing(fonts: FontSet, chart: dict, width: float):
    return stacked_chart(fonts, chart, width) if chart["kind"] == "stacked" else bar_chart(fonts, chart, width)
