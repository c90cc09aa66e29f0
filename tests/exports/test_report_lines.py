"""Lines of the report PDF: where they break, and the body read back character by character: justified to both
edges, a paragraph's last line left as it is, no number, date or sum of money broken across two lines or spaced out."""
import pypdfium2 as pdfium
import pytest
from report_year import Y1, Y2

from exports.report import write_report
from exports.report_lines import glued, line_breaks
from models.records.settings import list_sections
from models.reporting.section_texts import save_section_text

MM = 72 / 25.4
LEFT, WIDTH, GRID = 28 * MM, 156 * MM, 156 * MM / 28
SPACING = GRID - 16                                   # the 28-character grid's own spacing
FIGURES = ["5075", "46.01万元", "2022年9月30日", "87.5%", "12400", "2—12月"]
SENTENCE = "共有党员5075人，捐赠资金46.01万元，于2022年9月30日召开大会，出勤率87.5%，累计12400人次，2—12月每月开展。"


def body_lines(path):
    """Each line of 16 pt text as a list of (character, left, right), page by page, in reading order."""
    document = pdfium.PdfDocument(str(path))
    pages = []
    for page in document:
        text = page.get_textpage()
        lines, line = [], []
        for i in range(text.count_chars()):
            char = text.get_text_range(i, 1)
            left, bottom, right, top = text.get_charbox(i, loose=True)
            if char in "\r\n":
                if line:
                    lines.append(line)
                line = []
            elif char.strip() and 15 < top - bottom < 19:   # 三号 text: not the 四号 page number
                line.append((char, left, right))
        if line:
            lines.append(line)
        pages.append(lines)
    document.close()
    return pages


@pytest.fixture
def pages(store, out):
    # the figures at every offset from the start of a line
    lead = "\n".join("支" * k + SENTENCE * 2 for k in range(28))
    save_section_text(list_sections()[0]["uuid"], "2022", lead)
    return body_lines(write_report(out / "lines.pdf", Y1, Y2, appendices=()))


def test_every_number_stays_whole_on_one_line(pages):
    lines = ["".join(c for c, _, _ in line) for page in pages for line in page]
    for figure in FIGURES:
        assert sum(line.count(figure) for line in lines) == 28 * 2 * SENTENCE.count(figure), figure


def test_lines_reach_both_edges_and_the_last_line_of_a_paragraph_does_not(pages):
    justified = last = 0
    for page in pages:
        for line, following in zip(page, page[1:]):
            runs_on = abs(following[0][1] - LEFT) < 0.5          # the next line continues the paragraph
            gaps = [b[1] - a[2] for a, b in zip(line, line[1:])]
            if runs_on:
                justified += 1
                assert line[-1][2] == pytest.approx(LEFT + WIDTH, abs=0.3), "".join(c for c, _, _ in line)
                assert min(gaps) >= SPACING - 0.05
            elif following[0][1] == pytest.approx(LEFT + 2 * GRID, abs=0.5):
                last += 1                                        # the next paragraph starts: this line is left as set
                assert gaps == pytest.approx([SPACING] * len(gaps), abs=0.05)
    assert justified > 50 and last > 20


def test_justifying_spreads_the_gaps_between_words_not_inside_numbers(pages):
    spread = 0
    for page in pages:
        for line in page:
            text = "".join(c for c, _, _ in line)
            for figure in FIGURES:
                at = text.find(figure)
                if at < 0:
                    continue
                inside = line[at:at + len(figure)]
                gaps = [b[1] - a[2] for a, b in zip(inside, inside[1:])]
                assert gaps == pytest.approx([SPACING] * len(gaps), abs=0.05), (figure, text)
            spread += any(b[1] - a[2] > SPACING + 0.5 for a, b in zip(line, line[1:]))
    assert spread > 20       # lines that needed spreading exist, so the checks above saw some


@pytest.mark.parametrize("figure", ["5075", "46.01万元", "2022年9月30日", "87.5%", "2—12月", "GB/T9704", "超340万元",
                                    "200余家", "近300万元", "16人次", "200余人次", "10.5个百分点", "11个月"])
def test_a_number_or_date_moves_whole_to_the_next_line(figure):
    for offset in range(12):
        text = "党" * offset + figure + "，其余照常。"
        widths = [1.0 if ord(c) > 0x2000 else 0.5 for c in text]
        for width in range(len(figure), 16):
            lines = ["".join(text[s:e]) for s, e, _ in line_breaks(text, widths, [width])]
            assert "".join(lines) == text
            assert any(figure in line for line in lines), (offset, width, lines)


def test_only_the_inside_of_a_run_is_glued():
    flags = glued("共5075人，2022年9月30日至10月6日，46.01万元")
    text = "共5075人，2022年9月30日至10月6日，46.01万元"
    starts = [i for i in range(len(text)) if not flags[i]]
    assert [text[i] for i in starts] == list("共5人，2至1，4")
