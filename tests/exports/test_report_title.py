"""The report's title in the PDF: balanced lines, never a last character or two left on a line of their own."""
import datetime as dt

from pypdf import PdfReader
from report_year import Y1, Y2
from test_report_pdf import chunks

from exports.report import write_report


def title_lines(path):
    page = PdfReader(path).pages[0]
    return [t for t, x, y, size in sorted(chunks(page), key=lambda c: -c[2]) if size == 22]


def test_a_long_period_that_stays_whole_does_not_leave_the_last_character_alone(year, out):
    # 2025年12月—2026年1月 cannot be broken: on the second line it used to push 报 onto a third line of its own
    title = "关于市民政局社会组织管理科党支部2025年12月—2026年1月党建工作情况的汇报"
    lines = title_lines(write_report(out / "a.pdf", dt.date(2021, 12, 1), dt.date(2022, 1, 31), title=title,
                                     appendices=()))
    assert "".join(lines) == title and min(len(line) for line in lines) > 2, lines
    short = "关于市民政局社会组织管理科党支部二〇二二年度党建工作开展情况的汇报"
    assert len(title_lines(write_report(out / "b.pdf", Y1, Y2, title=short, appendices=()))) == 2
