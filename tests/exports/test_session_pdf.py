"""The study session sheet PDF, read back: fields, absences with reasons, reflections, fonts, long texts."""
import datetime as dt

import pytest
from pdf_helpers import page_texts, sheet_body
from pypdf import PdfReader

from exports.session_pdf import session_when, write_session_pdf
from models.records.members import save_member
from models.records.study import get_session, members_on, save_group, save_session

BRANCH = "市民政局社会组织管理科党支部"


@pytest.fixture
def make_session(store):
    """Save a session of four members (one on leave, one absent) and return it as get_session gives it."""
    members = {n: save_member({"name": n, "gender": "male", "party_status": "full"})
               for n in ("青年甲", "青年乙", "青年丙", "青年丁")}
    group = save_group({"name": "“青听”学习小组", "leader": members["青年甲"], "founded_on": "2023-01-01",
                        "members": [{"member": m, "joined_on": "2023-01-01"} for m in members.values()]})

    def make(reflections=None, **changes):
        rows = members_on(group, dt.date(2024, 3, 5))
        marks = {"青年乙": ("leave", "出差"), "青年丙": ("absent", "病假")}
        for row in rows:
            row["status"], row["reason"] = marks.get(row["name"], ("present", ""))
        if reflections is None:
            reflections = {"青年甲": "学习报告很有收获。\n要学以致用。", "青年乙": "补交的体会。"}
        data = {"group": group, "kind": "study", "date": "2024-03-05", "topic": "学习党的二十大报告",
                "materials": "《党的二十大报告》第一部分\n《中国共产党章程》总纲", "lead_speaker": "青年甲",
                "duration_minutes": 90, "place": "三楼会议室", "notes": "青年甲领学。\n大家逐一交流。",
                "attendance": rows,
                "reflections": [{"member": members[n], "text": t, "submitted_on": "2024-03-08" if n == "青年甲" else None}
                                for n, t in reflections.items()]}
        data.update(changes)
        return get_session(save_session(data))

    return make




def test_every_field_is_on_the_sheet(make_session, tmp_path):
    path = write_session_pdf(make_session(), tmp_path / "学习会.pdf", BRANCH)
    assert path == tmp_path / "学习会.pdf"
    text = sheet_body(page_texts(path))
    assert text.startswith(f"{BRANCH}“青听”学习小组学习会记录")
    for words in ("学习小组“青听”学习小组", "形式学习会", "主题学习党的二十大报告", "时间2024年3月5日（时长90分钟）",
                  "地点三楼会议室", "领学人青年甲", "应到人数4人", "实到人数2人",
                  "学习篇目/文件《党的二十大报告》第一部分《中国共产党章程》总纲",
                  "请假人员及原因青年乙（出差）", "缺席人员及原因青年丙（病假）", "学习情况青年甲领学。大家逐一交流。",
                  "心得体会已交1篇/应交2篇"):
        assert words in text


def test_reflections_follow_under_each_name(make_session, tmp_path):
    text = sheet_body(page_texts(write_session_pdf(make_session(), tmp_path / "a.pdf", BRANCH)))
    after = text[text.index("已交1篇/应交2篇"):]
    assert "青年甲（2024年3月8日提交）学习报告很有收获。要学以致用。" in after
    assert "青年乙补交的体会。" in after  # handed in by a member on leave: printed, not counted


def test_an_exchange_without_branch_name_duration_or_reflections(make_session, tmp_path):
    session = make_session(reflections={}, kind="exchange", duration_minutes=None, place="")
    text = sheet_body(page_texts(write_session_pdf(session, tmp_path / "b.pdf")))
    assert text.startswith("“青听”学习小组交流会记录学习小组")
    assert "时间2024年3月5日地点" in text and "已交0篇/应交2篇" in text
    assert "提交" not in text


def test_fonts_are_embedded_and_the_page_is_a4(make_session, tmp_path):
    reader = PdfReader(write_session_pdf(make_session(), tmp_path / "c.pdf", BRANCH, font_dir=tmp_path))
    for page in reader.pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            if font["/Subtype"] == "/Type0":
                font = font["/DescendantFonts"][0].get_object()
            assert "/FontFile2" in font["/FontDescriptor"].get_object(), font["/BaseFont"]
    assert reader.metadata.title == f"{BRANCH}“青听”学习小组学习会记录：学习党的二十大报告"


def test_long_reflections_flow_onto_more_pages(make_session, tmp_path):
    sentences = [f"第{i}点体会已写明。" for i in range(1, 500)]
    long = "\n".join("".join(sentences[i:i + 60]) for i in range(0, len(sentences), 60)) + "\n体会完END"
    one_paragraph = "".join(f"第{i}句" for i in range(1, 900)) + "段末END"
    session = make_session(reflections={"青年甲": long, "青年丁": one_paragraph})
    pages = page_texts(write_session_pdf(session, tmp_path / "d.pdf", BRANCH))
    assert len(pages) >= 3
    for number, page in enumerate(pages, 1):
        assert f"第{number}页共{len(pages)}页" in page
    # The first reflection (in name order) starts below the table and goes on over the page.
    assert "青年丁第1句第2句" in pages[0] and "段末END" not in pages[0]
    text = sheet_body(pages)
    assert all(sentence in text for sentence in sentences)
    assert all(f"第{i}句" in text for i in range(1, 900))
    assert text.index("段末END") < text.index("青年甲（2024年3月8日提交）第1点") < text.index("体会完END")
    assert text.count("段末END") == 1


def test_when_text():
    assert session_when({"date": dt.date(2024, 10, 5), "duration_minutes": 120}) == "2024年10月5日（时长 120 分钟）"
    assert session_when({"date": dt.date(2024, 10, 5), "duration_minutes": None}) == "2024年10月5日"
