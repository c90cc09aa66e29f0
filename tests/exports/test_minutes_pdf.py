"""The minutes sheet PDF, read back: its fields, attendance, embedded fonts, page size and long text."""
import datetime as dt
import shutil
from pathlib import Path

import pytest
from pdf_helpers import page_texts, sheet_body
from pypdf import PdfReader

from exports.minutes_pdf import people_text, when_text, write_minutes_pdf
from models.records.activities import get_activity, members_for, save_activity
from models.records.dates import chinese_date
from models.records.members import save_member
from models.records.settings import list_indicators

BRANCH = "市民政局社会组织管理科党支部"
LATIN_TTF = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")


def indicator(name):
    return next(i["uuid"] for i in list_indicators() if i["name"] == name)


@pytest.fixture
def make_activity(store):
    """Save an activity with four members (one on leave, one absent) and return it as get_activity gives it."""
    for name in ("张三", "李四", "王五", "赵六"):
        save_member({"name": name, "gender": "male", "party_status": "full"})

    def make(**changes):
        attendance = members_for(dt.date(2024, 3, 5))
        marks = {"张三": ("leave", "出差"), "李四": ("absent", "病假")}
        for row in attendance:
            row["status"], row["reason"] = marks.get(row["name"], ("present", ""))
        data = {"type": "member_meeting", "title": "2024年第一季度支部党员大会", "date": "2024-03-05",
                "start_time": "9:00", "end_time": "10:30", "place": "局机关三楼会议室", "host": "王五",
                "recorder": "赵六", "speaker": "市委党校刘教授", "agenda": "一、传达学习上级会议精神\n二、研究季度工作",
                "content": "　　会议传达了上级文件精神。\n\n与会党员逐一发言。", "decisions": "同意新成立党支部。",
                "guests": "市社会组织党委 王老师", "attendance": attendance,
                "figures": [{"indicator": indicator("新成立党支部"), "value": "14"}]}
        data.update(changes)
        return get_activity(save_activity(data))

    return make




def test_every_field_is_on_the_sheet(make_activity, tmp_path):
    path = write_minutes_pdf(make_activity(), tmp_path / "纪要.pdf", BRANCH)
    assert path == tmp_path / "纪要.pdf" and path.exists()
    text = sheet_body(page_texts(path))
    assert text.startswith(f"{BRANCH}会议记录")
    for words in ("主题2024年第一季度支部党员大会", "会议类型支部党员大会", "时间2024年3月5日9:00—10:30",
                  "地点局机关三楼会议室", "主持人王五", "记录人赵六", "主讲人市委党校刘教授",
                  "列席人员市社会组织党委王老师", "议题一、传达学习上级会议精神二、研究季度工作",
                  "会议传达了上级文件精神。与会党员逐一发言。", "决议同意新成立党支部。", "新成立党支部14个"):
        assert words in text


def test_attendance_counts_and_reasons(make_activity, tmp_path):
    text = sheet_body(page_texts(write_minutes_pdf(make_activity(), tmp_path / "a.pdf", BRANCH)))
    assert "应到人数4人" in text and "实到人数2人" in text
    assert "请假人员及原因张三（出差）" in text
    assert "缺席人员及原因李四（病假）" in text


def test_a_plain_meeting_without_branch_name_speaker_or_absences(make_activity, tmp_path):
    activity = make_activity(speaker="", start_time="", end_time="", figures=[],
                             attendance=[{**a, "status": "present", "reason": ""}
                                         for a in members_for(dt.date(2024, 3, 5))])
    text = sheet_body(page_texts(write_minutes_pdf(activity, str(tmp_path / "b.pdf"))))
    assert text.startswith("会议记录主题")
    assert "主讲人" not in text and "相关指标" not in text
    assert "时间2024年3月5日会议类型" in text
    assert "请假人员及原因无缺席人员及原因无" in text
    assert "应到人数4人" in text and "实到人数4人" in text


@pytest.mark.parametrize("office_fonts", [False, True])
def test_fonts_are_embedded_and_the_page_is_a4(make_activity, tmp_path, office_fonts):
    font_dir = tmp_path / "fonts"
    font_dir.mkdir()
    if office_fonts:
        if not LATIN_TTF.exists():
            pytest.skip("no Latin-only TrueType font on this machine")
        shutil.copy(LATIN_TTF, font_dir / "simfang.ttf")  # a 仿宋 without Chinese: the body must mix two fonts
    path = write_minutes_pdf(make_activity(), tmp_path / "c.pdf", BRANCH, font_dir=font_dir)
    reader = PdfReader(path)
    names = set()
    for page in reader.pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            if font["/Subtype"] == "/Type0":
                font = font["/DescendantFonts"][0].get_object()
            names.add(str(font["/BaseFont"]))
            assert "/FontFile2" in font["/FontDescriptor"].get_object(), font["/BaseFont"]
    assert len(names) == (2 if office_fonts else 1)
    assert "主持人王五" in sheet_body(page_texts(path))


def test_long_content_flows_onto_more_pages_without_loss(make_activity, tmp_path):
    sentences = [f"第{i}条意见已逐项落实。" for i in range(1, 400)]
    paragraphs = ["".join(sentences[i:i + 40]) for i in range(0, len(sentences), 40)]
    content = "\n".join(paragraphs) + "\n全文完毕END"
    assert len(content) > 5000
    pages = page_texts(write_minutes_pdf(make_activity(content=content, decisions="决议在最后"), tmp_path / "d.pdf"))
    assert len(pages) >= 3
    for number, page in enumerate(pages, 1):
        assert f"第{number}页共{len(pages)}页" in page
    text = sheet_body(pages)
    assert all(sentence in text for sentence in sentences)
    assert text.index("全文完毕END") < text.index("决议在最后")


def test_one_paragraph_longer_than_a_page_is_split_inside_it(make_activity, tmp_path):
    content = "".join(f"第{i}句" for i in range(1, 1200)) + "段末END"
    pages = page_texts(write_minutes_pdf(make_activity(content=content), tmp_path / "e.pdf"))
    assert len(pages) >= 3
    assert sheet_body(pages).count("段末END") == 1
    assert all(f"第{i}句" in sheet_body(pages) for i in range(1, 1200))


def test_rare_characters_print_or_are_reported(make_activity, tmp_path, caplog):
    path = write_minutes_pdf(make_activity(content="二〇二四年，𠀀字与😀，<标签>&符号"), tmp_path / "f.pdf")
    text = sheet_body(page_texts(path))
    assert "二〇二四年" in text and "<标签>&符号" in text
    assert "𠀀" not in text and "?字与?" in text
    assert "𠀀" in caplog.text and "😀" in caplog.text


def test_a_failed_write_leaves_the_old_file_and_no_debris(make_activity, tmp_path, monkeypatch):
    from reportlab.pdfgen.canvas import Canvas

    activity = make_activity()
    folder = tmp_path / "binder"
    folder.mkdir()
    path = folder / "g.pdf"
    path.write_bytes(b"the old sheet")

    def half_written(canvas):
        Path(canvas._filename).write_bytes(b"%PDF-1.4 half")
        raise OSError("磁盘已满")

    monkeypatch.setattr(Canvas, "save", half_written)
    with pytest.raises(OSError, match="磁盘已满"):
        write_minutes_pdf(activity, path, BRANCH)
    assert path.read_bytes() == b"the old sheet"
    assert [p.name for p in folder.iterdir()] == ["g.pdf"]


def test_text_helpers():
    assert chinese_date(dt.date(2024, 3, 5)) == "2024年3月5日"
    base = {"date": dt.date(2024, 10, 15), "start_time": dt.time(9, 0), "end_time": dt.time(10, 30)}
    assert when_text(base) == "2024年10月15日 9:00—10:30"
    assert when_text({**base, "end_time": None}) == "2024年10月15日 9:00"
    assert when_text({**base, "start_time": None, "end_time": None}) == "2024年10月15日"
    rows = [{"name": "张三", "status": "leave", "reason": "出差"}, {"name": "李四", "status": "leave", "reason": ""},
            {"name": "王五", "status": "absent", "reason": " 病假 "}]
    assert people_text(rows, "leave") == "张三（出差）、李四"
    assert people_text(rows, "absent") == "王五（病假）"
    assert people_text(rows, "present") == "无"
