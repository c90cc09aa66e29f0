"""The report as .docx, read back with python-docx: same headings and figures as the PDF, fonts named, A4 layout."""
import datetime as dt
import re

from docx import Document
from docx.oxml.ns import qn
from pdf_helpers import page_texts
from pypdf import PdfReader
from report_year import BRANCH, OFFICE, Y1, Y2

from exports.report import write_report
from exports.report_layout import WIDTH
from models.exchange.demo import fill_demo
from models.records.activities import save_activity

EAST_ASIA = {"仿宋", "黑体", "楷体", "宋体"}


def paragraphs(doc):
    return [p.text for p in doc.paragraphs if p.text.strip()]


def cells(table):
    return [[c.text for c in row.cells] for row in table.rows]


def test_same_headings_and_figures_as_the_pdf(year, out):
    doc = Document(str(write_report(out / "汇报.docx", Y1, Y2)))
    assert [p.name for p in out.iterdir()] == ["汇报.docx"]
    text = "".join(paragraphs(doc))
    assert paragraphs(doc)[0] == f"关于{BRANCH}2022年党建工作情况的汇报"
    headings = [p.text for p in doc.paragraphs if re.match(r"^[一二三四五六七八九十]+、", p.text)]
    assert headings == ["一、强化政治意识", "二、强化改革创新", "三、强化聚力融合", "四、主要数据", "五、存在的不足"]
    pdf = "".join(page_texts(write_report(out / "汇报.pdf", Y1, Y2)))
    for heading in headings + [p.text for p in doc.paragraphs if re.match(r"^（[一二三四五]）", p.text)]:
        assert heading in pdf
    k = year["kinds"]
    assert (f"全年召开支部党员大会{k['member_meeting']}次、支委会{k['committee_meeting']}次、"
            f"党小组会{k['group_meeting']}次、组织生活会1次，讲党课{k['party_lecture']}次") in text
    assert f"平均出勤率{year['present'] / year['expected'] * 100:g}%" in text
    assert "3月5日，开展千村千品帮万农助力乡村振兴，200家社会组织参与，捐赠资金340万元。" in text
    assert "销售额46.01万元" in text and "第三季度未讲党课" in text
    signed = paragraphs(doc).index(OFFICE)
    assert paragraphs(doc)[signed + 1:signed + 3] == ["2023年1月15日", "附件1"]
    statistics = cells(doc.tables[0])
    assert statistics[0] == ["活动类型", "一季度", "二季度", "三季度", "四季度", "合计"]
    assert ["党课", "1", "1", "0", "2", "4"] in statistics
    ledger = next(t for t in doc.tables if cells(t)[0][:2] == ["序号", "日期"])
    assert len(ledger.rows) == 1 + sum(k.values()) + 1                      # header, section one's, the supervision


def test_fonts_page_and_repeating_headers(year, out):
    doc = Document(str(write_report(out / "a.docx", Y1, Y2)))
    section = doc.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    assert (round(section.top_margin.mm), round(section.left_margin.mm)) == (37, 28)
    assert round(section.page_width.mm - section.left_margin.mm - section.right_margin.mm) == 156
    assert round(section.page_height.mm - section.top_margin.mm - section.bottom_margin.mm) == 225
    runs = [r for p in doc.paragraphs for r in p.runs if r.text.strip()]
    runs += [r for t in doc.tables for row in t.rows for c in row.cells for p in c.paragraphs for r in p.runs]
    for run in runs:
        fonts = run._element.rPr.find(qn("w:rFonts"))
        assert run.font.name in ("FangSong", "SimHei", "KaiTi", "SimSun")
        assert fonts.get(qn("w:eastAsia")) in EAST_ASIA, run.text
    by_text = {p.text: p.runs[0] for p in doc.paragraphs if p.runs}
    assert by_text["一、强化政治意识"]._element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "黑体"
    assert by_text["（一）支部活动分类统计"]._element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "楷体"
    assert by_text[f"关于{BRANCH}2022年党建工作情况的汇报"].font.size.pt == 22
    for table in doc.tables:
        assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    for footer in (section.footer, section.even_page_footer):
        xml = footer.paragraphs[0]._p.xml
        assert "PAGE" in xml and footer.paragraphs[0].text.startswith("— ") and footer.paragraphs[0].text.endswith(" —")
    assert doc.settings.odd_and_even_pages_header_footer


def test_empty_period_and_odd_characters(store, out):
    save_activity({"type": "other", "title": "〇号楼𠀀活动😀\x0b", "date": "2022-05-01", "attendance": []})
    doc = Document(str(write_report(out / "b.docx", Y1, Y2)))
    assert any("〇号楼𠀀活动😀" in c for t in doc.tables for row in cells(t) for c in row)
    empty = Document(str(write_report(out / "c.docx", dt.date(2022, 7, 1), dt.date(2022, 7, 31))))
    assert "2022年7月，党支部台账中未登记支部活动、学习会和联建活动记录。" in paragraphs(empty)
    assert len(empty.tables) == 0


def test_demo_store_smoke(store, out):
    fill_demo(2000, seed=2, today=dt.date(2022, 12, 31))
    for name in ("demo.pdf", "demo.docx"):
        path = write_report(out / name, Y1, Y2)
        assert path.stat().st_size > 10_000
    assert len(PdfReader(out / "demo.pdf").pages) > 20
    assert len(Document(str(out / "demo.docx")).tables) >= 4


def test_a_long_title_is_indented_to_break_near_its_middle(year, out):
    title = "关于市民政局社会组织管理科党支部二〇二二年度党建工作开展情况的汇报"  # 33 characters: two lines
    first = Document(str(write_report(out / "a.docx", Y1, Y2, title=title, appendices=()))).paragraphs[0]
    assert first.text == title
    margin = first.paragraph_format.left_indent.pt
    assert margin == first.paragraph_format.right_indent.pt
    room = WIDTH - 2 * margin
    assert 33 * 22 / 2 < room < 33 * 22 * 0.6  # each line about half the title: 16 and 17 characters, not 28 and 5


def test_body_is_justified_and_a_wide_table_is_cut_into_parts_that_fit(store, out):
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    fill_demo(200, seed=2, today=dt.date(2022, 12, 31))
    doc = Document(str(write_report(out / "d.docx", dt.date(2000, 1, 1), dt.date(2030, 12, 31), appendices=())))
    assert doc.styles["Normal"].paragraph_format.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    body = [p for p in doc.paragraphs if len(p.text) > 28]                 # paragraphs of more than one line
    assert body and all(p.alignment in (None, WD_ALIGN_PARAGRAPH.JUSTIFY) for p in body)
    statistics = [t for t in doc.tables if cells(t)[0][0] == "活动类型"]
    assert len(statistics) > 3                                              # 31 years do not fit across one page
    years = [c for t in statistics for c in cells(t)[0][1:]]
    assert years == [f"{y}年" for y in range(2000, 2031)] + ["合计"]        # each year once, in order
    for table in statistics:
        assert [row[0] for row in cells(table)] == [row[0] for row in cells(statistics[0])]   # labels repeated
        assert round(sum(c.width for c in table.rows[0].cells) / 36000) == 156
    captions = [p.text for p in doc.paragraphs if p.text.startswith(("表1", "续表1"))]
    assert captions[0].startswith("表1 ") and captions[1:] == ["续表1"] * (len(statistics) - 1)
