"""Ledger cells as plain text: broken into lines by the paragraphs' rules, rows as tall as reportlab would make them."""
import pytest

from exports.fonts import register_fonts
from exports.report_layout import LEDGER_PT, Styles
from exports.report_lines import plain_lines
from exports.report_pdf import ledger_table

TEXTS = ["支部党员大会：党费收缴情况通报，研究部署下半年工作", "捐赠资金65.9万元；参与社会组织4家；帮扶项目12项",
         "1737", "第7届“社会组织伙伴日”（日喀则）", "理论学习：《中国共产党纪律处分条例》。"]


@pytest.fixture
def styles(tmp_path):
    return Styles(register_fonts(tmp_path))     # no office fonts there: the bundled font in every role


def paragraph_lines(styles, text, width):
    paragraph = styles.para(text, "ledger")
    paragraph.wrap(width, 10_000)
    return ["".join(word.text for word in line.words).strip() for line in paragraph.blPara.lines]


@pytest.mark.parametrize("width", [22.3, 40, 67.7, 100.2, 140])
@pytest.mark.parametrize("text", TEXTS)
def test_plain_cells_break_where_a_paragraph_would(styles, text, width):
    lines = plain_lines(text, styles.fonts.roles["fang"], LEDGER_PT, width)
    assert lines.split("\n") == paragraph_lines(styles, text, width)


def test_plain_cells_keep_marks_and_numbers_in_place(styles):
    font = styles.fonts.roles["fang"]
    assert plain_lines("  党费  收缴\t情况 ", font, LEDGER_PT, 500) == "党费 收缴 情况"
    lines = plain_lines("捐赠资金65.9万元，参与社会组织4家", font, LEDGER_PT, 6.5 * LEDGER_PT).split("\n")
    assert len(lines) > 2 and not any(line.startswith("，") for line in lines)
    assert any("65.9" in line for line in lines)


def test_ledger_rows_are_as_tall_as_reportlab_measures_them(styles):
    ledger = {"title": "支部活动台账", "columns": ["序号", "日期", "类型", "主题", "地点", "实到/应到"],
              "widths": [10, 21, 26, 53, 27, 19],
              "rows": [["1", "2022-05-01", "其他", "〇号楼𠀀活动", "", "—"],
                       ["1737", "2022-05-02", "专家授课（引进来）", TEXTS[0] * 2, "市社会组织孵化基地", "18/20"]]}
    ledger["rows"] += [[str(n), "2022-05-03", "党课", text, "会议室", "5/5"] for n, text in enumerate(TEXTS, 3)]
    table = ledger_table(styles, ledger)
    cells = table._cellvalues
    assert isinstance(cells[1][2], str) and cells[1][4] == ""
    assert not isinstance(cells[1][3], str)          # a character the font lacks: a paragraph with the fallbacks
    assert cells[2][3].count("\n") >= 2 and cells[2][0] == "173\n7"
    given = list(table._rowHeights)
    # the same table left for reportlab to measure gives the same heights
    table._argH = table._rowHeights = [None] * len(given)
    table.wrap(sum(table._colWidths), 100_000)
    assert table._rowHeights == pytest.approx(given)


def test_serial_numbers_stay_on_one_line(styles):
    from reportlab.lib.units import mm

    from exports.report_pdf import CELL_PAD
    from models.reporting.report_tables import APPENDICES
    for _, columns, widths in APPENDICES.values():
        assert sum(widths) == 156  # the type area's width
        room = widths[columns.index("序号")] * mm - 2 * CELL_PAD
        assert plain_lines("99999", styles.fonts.roles["fang"], LEDGER_PT, room) == "99999"

