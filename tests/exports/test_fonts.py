"""Font registration (office fonts first, bundled font after, broken files skipped) and per-character fallback."""
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import resources
from exports import fonts
from exports.fonts import (
    FontError,
    fallback_notice,
    font_markup,
    has_glyph,
    missing_styles,
    register_fonts,
    report_font_notice,
    split_runs,
    windows_font_dir,
)

ROOT = Path(__file__).resolve().parents[2]
# A Latin-only TrueType font to stand in for an office font that lacks Chinese; not on every machine.
LATIN_TTF = next((p for p in (Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"),
                              Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
                              Path("C:/Windows/Fonts/arial.ttf")) if p.exists()), None)


def fake(**coverage):
    """covers() for made-up fonts: font name → the characters it has."""
    return lambda font, char: char in coverage[font]


def test_importing_the_exports_does_not_load_reportlab():
    code = ("import sys, exports.fonts, exports.minutes_pdf; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'reportlab'))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# -- splitting text into runs ------------------------------------------------------

def test_each_character_goes_to_the_first_font_that_has_it():
    covers = fake(A=set("ab 中文?"), B=set("中〇 ?"))
    assert split_runs("ab中〇文", ["A", "B"], covers) == ([("A", "ab中"), ("B", "〇"), ("A", "文")], [])
    assert split_runs("〇中", ["B", "A"], covers) == ([("B", "〇中")], [])


def test_a_character_no_font_has_becomes_a_question_mark_and_is_reported_once():
    covers = fake(A=set("ab"), B=set("〇?"))
    runs, missing = split_runs("a𠀀b😀𠀀", ["A", "B"], covers)
    assert runs == [("A", "a"), ("B", "?"), ("A", "b"), ("B", "??")]
    assert missing == ["𠀀", "😀"]


def test_spaces_stay_in_their_run_and_invisible_marks_are_dropped():
    covers = fake(A=set("ab "), B=set("〇 "))
    assert split_runs("a 〇 b", ["A", "B"], covers)[0] == [("A", "a "), ("B", "〇 "), ("A", "b")]
    # line breaks and tabs print as spaces; joiners, BOM and variation selectors print as nothing
    assert split_runs("a\nb\ta\u200db\ufe0f\ufeff", ["A", "B"], covers) == ([("A", "a b ab")], [])


def test_empty_text_and_no_fonts():
    assert split_runs("", ["A"], fake(A=set())) == ([], [])
    with pytest.raises(ValueError):
        split_runs("a", [], fake())


def test_markup_escapes_the_text_and_names_each_font():
    covers = fake(A=set("a<>&b"), B=set("〇"))
    markup, missing = font_markup("a<b>&〇", ["A", "B"], covers)
    assert markup == '<font name="A">a&lt;b&gt;&amp;</font><font name="B">〇</font>'
    assert missing == []


# -- registration -----------------------------------------------------------------

def test_windows_font_folder_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv("WINDIR", "D:\\Win")
    assert windows_font_dir() == Path("D:\\Win") / "Fonts"
    monkeypatch.delenv("WINDIR")
    monkeypatch.delenv("SystemRoot", raising=False)
    assert windows_font_dir() is None


def test_without_office_fonts_every_role_uses_the_bundled_font(tmp_path):
    fontset = register_fonts(tmp_path)
    bundled = fontset.roles["fang"]
    assert set(fontset.roles) == set(fonts.ROLES)
    assert set(fontset.roles.values()) == {bundled}
    assert fontset.chain("hei") == (bundled,)
    assert has_glyph(bundled, "〇") and has_glyph(bundled, "7")
    assert not has_glyph(bundled, "𠀀")


def test_office_fonts_are_preferred_and_broken_ones_skipped(tmp_path, caplog):
    shutil.copy(resources.FONT_FILE, tmp_path / "simfang.ttf")  # any TrueType file will do as 仿宋
    (tmp_path / "simkai.ttf").write_bytes(b"not a font at all" * 100)
    (tmp_path / "simhei.ttf").write_bytes(b"OTTO" + bytes(400))  # a CFF font: reportlab cannot embed it
    bundled = register_fonts(tmp_path / "empty").roles["song"]
    fontset = register_fonts(tmp_path)
    assert fontset.roles["fang"] not in (None, bundled)
    assert fontset.roles["song"] == fontset.roles["hei"] == fontset.roles["kai"] == bundled
    assert fontset.chain("fang") == (fontset.roles["fang"], bundled)
    assert "simkai.ttf" in caplog.text and "simhei.ttf" in caplog.text
    # registered once: asking again gives the same names without new warnings
    caplog.clear()
    assert register_fonts(tmp_path).roles == fontset.roles
    assert caplog.text == ""


@pytest.mark.skipif(LATIN_TTF is None, reason="no Latin-only TrueType font on this machine")
def test_a_font_without_chinese_falls_back_per_character(tmp_path):
    shutil.copy(LATIN_TTF, tmp_path / "simfang.ttf")
    fontset = register_fonts(tmp_path)
    fang, bundled = fontset.roles["fang"], fontset.roles["hei"]
    assert fontset.runs("No.7 会议", "fang") == [(fang, "No.7 "), (bundled, "会议")]
    assert fontset.runs("𠀀", "fang") in ([(fang, "?")], [(bundled, "?")])
    assert fontset.missing == {"𠀀"}


def test_characters_seen_in_the_own_font_skip_the_lookup_but_others_still_fall_back(monkeypatch):
    cmaps = {"A": {ord(c): 1 for c in "No.7 ab?"}, "B": {ord(c): 1 for c in "会议 ?"}}
    monkeypatch.setattr(fonts, "_cmap", lambda name: cmaps[name])
    fontset = fonts.FontSet(roles=dict.fromkeys(fonts.ROLES, "A"), fallbacks=("B",))
    assert fontset.runs("No.7 会议", "fang") == [("A", "No.7 "), ("B", "会议")]
    assert fontset.runs("会议", "fang") == [("B", "会议")]          # a fallback character is not taken as the own font's
    assert fontset.runs("7.No", "fang") == [("A", "7.No")] and fontset.in_own_font("7 No", "fang")
    assert fontset.runs("a\tb\u200b", "fang") == [("A", "a b")]   # a tab still becomes a space, a silent mark dropped
    assert not fontset.in_own_font("a\tb", "fang") and not fontset.in_own_font("No.会", "fang")
    assert fontset.runs("ab𠀀", "fang") == [("A", "ab?")] and fontset.missing == {"𠀀"}
    assert fontset.runs("", "fang") == [] and fontset.in_own_font("", "fang")


def test_markup_with_real_fonts_makes_a_paragraph(tmp_path):
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph

    fontset = register_fonts(tmp_path)
    style = ParagraphStyle("t", fontName=fontset.roles["fang"], fontSize=12, wordWrap="CJK")
    paragraph = Paragraph(fontset.markup("会议<记录> & 〇", "fang"), style)
    assert paragraph.wrap(200, 100)[1] > 0
    assert "".join(frag.text for frag in paragraph.frags) == "会议<记录> & 〇"


def test_no_usable_font_at_all_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setattr(fonts, "BUNDLED", (tmp_path / "missing.ttc", 0))
    with pytest.raises(FontError, match="字体"):
        register_fonts(tmp_path)


def test_the_person_is_told_which_styles_the_bundled_font_stands_in_for(tmp_path):
    assert missing_styles(tmp_path) == ["仿宋", "黑体", "楷体", "宋体"]
    notice = fallback_notice(tmp_path)
    assert notice == ("提示：未找到公文字体（仿宋、黑体、楷体、宋体），已使用内置字体文泉驿微米黑；"
                      "可在“设置”页的“汇报字体”中指定字体文件。")
    shutil.copy(resources.FONT_FILE, tmp_path / "simfang.ttf")        # an office font found
    chosen = tmp_path / "chosen" / "hei.ttf"
    chosen.parent.mkdir()
    shutil.copy(resources.FONT_FILE, chosen)                           # and one picked in 设置
    assert missing_styles(tmp_path, {"hei": str(chosen)}) == ["楷体", "宋体"]
    assert "（楷体、宋体）" in fallback_notice(tmp_path, {"hei": str(chosen)})
    every = dict.fromkeys(fonts.ROLES, str(chosen))
    assert missing_styles(tmp_path, every) == [] and fallback_notice(tmp_path, every) == ""


def test_the_notice_follows_the_fonts_chosen_in_settings(store, tmp_path):
    from models.records.settings import save_report_fonts

    chosen = tmp_path / "font.ttf"
    shutil.copy(resources.FONT_FILE, chosen)
    assert "仿宋、黑体、楷体、宋体" in report_font_notice(tmp_path)
    save_report_fonts({"fang": str(chosen), "song": str(chosen)})
    assert "（黑体、楷体）" in report_font_notice(tmp_path)
    save_report_fonts(dict.fromkeys(fonts.ROLES, str(chosen)))
    assert report_font_notice(tmp_path) == ""
