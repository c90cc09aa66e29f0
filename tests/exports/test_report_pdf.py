"""The report PDF read back: the year's figures in its text, GB/T 9704 page, embedded fonts, charts, ledgers."""
import datetime as dt
import logging
import random
import re
import shutil
import time
from pathlib import Path

import pytest
from pdf_helpers import page_texts
from pypdf import PdfReader
from report_year import BRANCH, OFFICE, Y1, Y2

from exports.report import ReportError, write_report
from models.exchange.demo import fill_demo
from models.records import codes
from models.records.activities import save_activity
from models.records.members import save_member
from models.records.settings import list_sections
from models.reporting.section_texts import save_section_text
from models.store import db, insert_rows

MM = 72 / 25.4
LEFT, BOTTOM, WIDTH, HEIGHT = 28 * MM, (297 - 37 - 225) * MM, 156 * MM, 225 * MM
LATIN_TTF = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")


def unnumbered(pages):
    return [re.sub(r"—\d+—", "", page) for page in pages]


def body(pages):
    return "".join(unnumbered(pages))


def descriptor(font):
    font = font.get_object()
    if font["/Subtype"] == "/Type0":
        font = font["/DescendantFonts"][0].get_object()
    return font["/FontDescriptor"].get_object() if "/FontDescriptor" in font else {}


def chunks(page):
    """(text, x, y, size) of every piece of text the page draws."""
    out = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            out.append((text.strip(), tm[4] * cm[0] + tm[5] * cm[2] + cm[4], tm[4] * cm[1] + tm[5] * cm[3] + cm[5],
                        size))
    page.extract_text(visitor_text=visit)
    return out


def test_the_report_says_what_the_year_held(year, out):
    path = write_report(out / "汇报.pdf", Y1, Y2)
    assert path == out / "汇报.pdf" and [p.name for p in out.iterdir()] == ["汇报.pdf"]
    text = body(page_texts(path))
    k = year["kinds"]
    assert text.startswith(f"关于{BRANCH}2022年党建工作情况的汇报")
    assert (f"全年召开支部党员大会{k['member_meeting']}次、支委会{k['committee_meeting']}次、"
            f"党小组会{k['group_meeting']}次、组织生活会1次，讲党课{k['party_lecture']}次") in text
    rate = round(year["present"] / year["expected"] * 100, 1)          # 17 / 20
    assert f"在记录出勤的4次支部活动中，党员平均出勤率{rate:g}%，请假3人次" in text and rate == 85
    assert (f"“青听”学习小组制定2022年学习计划（未写明目标、任务和标准），计划学习{year['planned']}次，"
            f"实际开展{year['sessions']}次") in text and f"撰写心得体会{year['reflections']}篇" in text
    assert "3月5日，开展千村千品帮万农助力乡村振兴，200家社会组织参与，捐赠资金340万元。" in text
    assert "销售额46.01万元" in text and "以上工作合计捐赠资金390万元" in text      # 3400000 + 500000 元
    assert "6月1日，新成立社会组织党支部审批，新成立党支部14个。" in text
    assert "第三季度未讲党课" in text
    assert "表1支部活动分类统计" in text and "图1各月支部活动情况" in text and "图2联建活动捐赠资金" in text
    assert f"{OFFICE}2023年1月15日" in text
    pages = unnumbered(page_texts(path))
    signed = next(i for i, p in enumerate(pages) if OFFICE in p)
    assert pages[signed + 1].startswith("附件1支部活动台账序号日期类型主题地点实到/应到")


def test_page_fonts_and_text_block(year, out):
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from exports.fonts import register_fonts

    reader = PdfReader(write_report(out / "a.pdf", Y1, Y2))
    measure = register_fonts().roles["fang"]
    for number, page in enumerate(reader.pages, 1):
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)
        for font in page["/Resources"]["/Font"].values():
            assert "/FontFile2" in descriptor(font), font["/BaseFont"]          # no unembedded Helvetica
        assert "/Image" not in str(page["/Resources"].get("/XObject", {}))     # charts are vector
        numbers = [c for c in chunks(page) if c[2] < BOTTOM - 5]
        assert [c[0] for c in numbers] == [f"— {number} —"]
        _, x, y, size = numbers[0]
        assert size == 14 and BOTTOM - 7 * MM - 14 <= y <= BOTTOM - 7 * MM
        assert (x > LEFT + WIDTH / 2) if number % 2 else (x < LEFT + WIDTH / 2)
        for text, x, y, size in chunks(page):
            if (text, size) == (numbers[0][0], 14):
                continue
            spacing = -0.2 if size == 16 else 0                                 # the 28-character grid
            right = x + stringWidth(text, measure, size) + spacing * len(text)
            assert LEFT - 0.5 <= x and right <= LEFT + WIDTH + 1, (number, text, x, right)
            assert BOTTOM - 1 <= y <= BOTTOM + HEIGHT, (number, text, y)


def test_body_lines_hold_28_characters(year, out):
    save_section_text(list_sections()[0]["uuid"], "2022", "党" * 26 + "建" * 28 + "强" * 10)
    page = PdfReader(write_report(out / "a.pdf", Y1, Y2)).pages[0]
    lines = {t: x for t, x, y, size in chunks(page) if size == 16 and set(t) <= set("党建强")}
    # a 2-character indent, then 26; then a full line of 28 starting at the margin
    assert lines == {"党" * 26: pytest.approx(LEFT + 2 * WIDTH / 28, abs=0.1), "建" * 28: pytest.approx(LEFT),
                     "强" * 10: pytest.approx(LEFT)}


@pytest.mark.skipif(not LATIN_TTF.exists(), reason="no Latin-only TrueType font on this machine")
def test_office_font_without_chinese_mixes_fonts_all_embedded(year, out):
    fonts = out.parent / "fonts"
    fonts.mkdir()
    shutil.copy(LATIN_TTF, fonts / "simfang.ttf")
    reader = PdfReader(write_report(out / "b.pdf", Y1, Y2, font_dir=fonts))
    names = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            names.add(str(font.get_object()["/BaseFont"]).split("+")[-1])     # subsets of 256 glyphs each
            assert "/FontFile2" in descriptor(font)
    assert len(names) == 2
    assert "平均出勤率85%" in body(page_texts(out / "b.pdf"))


def test_rare_characters_never_print_blank(store, out, caplog):
    save_activity({"type": "other", "title": "〇号楼𠀀活动😀", "date": "2022-05-01", "attendance": []})
    with caplog.at_level(logging.WARNING):
        text = body(page_texts(write_report(out / "c.pdf", Y1, Y2)))
    assert "〇号楼?活动?" in text                                              # in the chapter and in the ledger
    assert "𠀀" in caplog.text and "😀" in caplog.text


def test_an_empty_period_gives_a_short_honest_report(store, out):
    pages = page_texts(write_report(out / "d.pdf", dt.date(2022, 7, 1), dt.date(2022, 7, 31)))
    assert len(pages) == 1
    assert "2022年7月，党支部台账中未登记支部活动、学习会和联建活动记录。" in pages[0]
    assert "7月未召开支委会" in pages[0] and "附件" not in pages[0]


def test_progress_and_cancel_leave_no_file(year, out):
    seen = []
    write_report(out / "e.pdf", Y1, Y2, progress=lambda done, total: seen.append((done, total)))
    assert seen[0] == (0, 100) and seen[-1] == (100, 100) and seen == sorted(seen)

    class Cancelled(Exception):
        pass

    def cancel(done, total):
        if done > 30:
            raise Cancelled

    with pytest.raises(Cancelled):
        write_report(out / "f.pdf", Y1, Y2, progress=cancel)
    assert sorted(p.name for p in out.iterdir()) == ["e.pdf"]
    with pytest.raises(ReportError):
        write_report(out / "g.txt", Y1, Y2)


def test_ledgers_repeat_their_header_on_every_page(store, out):
    fill_demo(1500, seed=4, today=dt.date(2022, 12, 31))
    pages = unnumbered(page_texts(write_report(out / "h.pdf", Y1, Y2, appendices=("activities",))))
    first = next(i for i, p in enumerate(pages) if p.startswith("附件支部活动台账"))
    assert len(pages) - first > 10
    for page in pages[first + 1:]:
        assert page.startswith("序号日期类型主题地点实到/应到"), page[:40]


def test_a_year_of_five_thousand_activities(store, out):
    members = [save_member({"name": f"党员{i}", "gender": "male", "party_status": "full"}) for i in range(20)]
    ids = [r[0] for r in db.execute_sql("SELECT id FROM member").fetchall()]
    rng, kinds, stamp = random.Random(3), list(codes.ACTIVITY_TYPES), "2022-01-01 00:00:00"
    with db.atomic():  # many rows at once, through the store's own bulk path (either backend)
        insert_rows("activity", ["uuid", "created_at", "updated_at", "type", "title", "date", "place", "host",
                                 "recorder", "speaker", "agenda", "content", "decisions", "guests", "tags"],
                    [(f"bulk-{i}", stamp, stamp, kinds[i % len(kinds)], f"第{i}次活动：学习研讨",
                      str(Y1 + dt.timedelta(days=rng.randrange(365))), "会议室", "", "", "", "", "", "", "", "")
                     for i in range(5000)])
        insert_rows("attendance", ["uuid", "created_at", "updated_at", "activity_id", "member_id", "status", "reason"],
                    [(f"a{a}-{m}", stamp, stamp, a, m, "present", "") for a in range(1, 5001) for m in ids])
    assert len(members) == 20
    start = time.perf_counter()
    path = write_report(out / "big.pdf", Y1, Y2)
    print(f"\nreport PDF of 5,000 activities: {time.perf_counter() - start:.1f} s, {len(PdfReader(path).pages)} pages")
    assert "共开展支部活动5000次" in page_texts(path)[0]


def test_a_long_first_paragraph_runs_on_below_its_heading_instead_of_moving_to_the_next_page(year, out):
    long = "这一年支部坚持每月学习，" * 45  # more than the room left under the title, less than a page
    save_section_text(list_sections()[0]["uuid"], "2022", long)
    path = write_report(out / "a.pdf", Y1, Y2, appendices=())
    pages = page_texts(path)
    assert "一、强化政治意识" in pages[0] and long[:60] in pages[0] and long[-60:] in pages[1]
    assert "".join(unnumbered(pages)).count(long) == 1
    # and where it went on to the next page, its lines join up without a gap where they used to end
    raw = "".join(p.extract_text() for p in PdfReader(path).pages).replace("\n", "")
    assert long[-200:] in raw


def test_a_title_of_two_lines_breaks_near_its_middle(year, out):
    title = "关于市民政局社会组织管理科党支部二〇二二年度党建工作开展情况的汇报"
    page = PdfReader(write_report(out / "a.pdf", Y1, Y2, title=title, appendices=())).pages[0]
    lines = [t for t, x, y, size in sorted(chunks(page), key=lambda c: -c[2]) if size == 22]
    assert "".join(lines) == title and len(lines) == 2
    assert abs(len(lines[0]) - len(lines[1])) <= 4  # not 28 characters and then 5


def made_up_report(blocks, intro=()):
    """A report as build_report gives it, made here so that only the layout is under test."""
    return {"title": "关于版式的汇报", "intro": list(intro), "office_name": "党支部", "date_text": "2022年9月30日",
            "appendices": [], "chapters": [{"heading": "一、主要数据", "section": None, "blocks": blocks}]}


def test_a_table_starts_under_the_text_and_runs_on_with_its_header_repeated(out):
    from exports.report_pdf import write_report_pdf

    head = ["活动类型", "一季度", "二季度", "三季度", "四季度", "合计"]
    rows = [[f"类型{n}", n, n + 1, n + 2, n + 3, 4 * n + 6] for n in range(40)]
    table = {"kind": "table", "caption": "表1 分类统计", "columns": head, "rows": rows}
    # ten lines of text leave room for the caption and some rows, not for the whole table
    pages = unnumbered(page_texts(write_report_pdf(made_up_report([table], ["党" * 280]), out / "t.pdf")))
    assert "表1分类统计" + "".join(head) + "类型00123" in pages[0]
    assert pages[1].startswith("".join(head))
    assert all(page.startswith("".join(head)) for page in pages[1:])            # every page it runs onto
    assert "".join(pages).count("类型39394041") == 1 and "".join(pages).count("".join(head)) == len(pages)


def test_a_table_too_wide_for_the_page_is_cut_into_parts_that_repeat_the_row_labels(out):
    from exports.report_pdf import write_report_pdf

    years = [f"{y}年" for y in range(2000, 2101)]
    rows = [[label, *range(len(years)), sum(range(len(years)))] for label in codes.ACTIVITY_TYPES.values()]
    table = {"kind": "table", "caption": "表1 分类统计", "columns": ["活动类型", *years, "合计"], "rows": rows}
    pages = unnumbered(page_texts(write_report_pdf(made_up_report([table]), out / "w.pdf")))
    text = "".join(pages)
    parts = text.count("续表1") + 1
    assert parts > 10 and text.count("专家授课（引进来）") == parts          # all the row labels in every part
    firsts = [text.find(year) for year in years]
    assert -1 not in firsts and firsts == sorted(firsts)                     # every year, in order
    assert all(page.startswith(("活动类型", "续表1活动类型")) for page in pages[1:])
