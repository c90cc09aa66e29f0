"""The office's own year entered as records (tests/report_example.py), its report read back from the PDF and the
.docx as the section chief would read it: every figure once and whole, no separators, nothing summed that the
office never adds, no 2021 text, the plan, attendance and gaps said truly, the branch's name and the signing date."""
import re

import pytest
from docx import Document
from pypdf import PdfReader
from report_example import BRANCH, FIGURES, OLD_EVENT, PERIOD, SIGNED_ON, TODAY, seed_example

from exports.report import write_report
from models.records import common as records

TITLE = f"关于{BRANCH}2022年1—9月党建工作情况的汇报"


@pytest.fixture
def example(store, monkeypatch):
    monkeypatch.setattr(records, "today", lambda: TODAY)
    return seed_example()


def pdf_lines(path) -> list[str]:
    """The PDF's lines as extracted, spaces taken out, page numbers dropped."""
    lines = []
    for page in PdfReader(path).pages:
        lines += [re.sub(r"\s+", "", line) for line in page.extract_text().splitlines()]
    return [line for line in lines if line and not re.fullmatch(r"—\d+—", line)]


def docx_lines(path) -> list[str]:
    return [p.text.strip() for p in Document(str(path)).paragraphs if p.text.strip()]


def report_body(lines: list[str]) -> str:
    """The report up to its signature (the ledgers after it repeat records by design)."""
    text = "".join(lines)
    return text[:text.index(BRANCH + "2022年9月30日") + len(BRANCH + "2022年9月30日")]


def check_reads_true(text: str) -> None:
    assert text.startswith(TITLE)
    for figure in FIGURES:
        assert text.count(figure) == 1, figure
    assert not re.search(r"\d,\d{3}", text)                          # 5075, never 5,075
    assert "584" not in text and "219家" not in text                   # 200余+365+19, 200余+19: never added up
    assert OLD_EVENT not in text and "新疆" not in text and "第三届" not in text
    assert "较上年" not in text  # the ledger's first record is of July 2021: January—September 2021 is not told
    assert "制定2022年学习计划，定目标、定任务、定标准" in text and "未制定" not in text
    assert "在记录出勤的9次支部活动中，党员平均出勤率97.2%" in text and "请假2人次" in text
    assert not re.search(r"(张明|李华|王芳|刘洋|陈静|赵磊|孙悦|周婷)\d", text)   # nobody named with a rate
    assert "张明讲授党课" in text and "李华、王芳撰写心得体会14篇" in text      # people named for what they did
    assert "2—9月未召开支委会" in text and "第二、三季度未讲党课" in text
    assert "联合市乡村振兴局开展第四届全市“社会组织伙伴日”系列活动3场（1—7月）" in text
    assert "赴日喀则召开助学助残援藏行活动视频对接会" in text and "365家社会组织携428家会员企业参与" in text
    assert text.endswith(f"{BRANCH}2022年9月30日")


def test_the_example_year_as_pdf(example, out):
    path = write_report(out / "汇报.pdf", *PERIOD, signed_on=SIGNED_ON)
    lines = pdf_lines(path)
    check_reads_true(report_body(lines))
    for figure in FIGURES:                                               # whole, on one line
        assert any(figure in line for line in lines), figure


def test_the_example_year_as_docx(example, out):
    check_reads_true(report_body(docx_lines(write_report(out / "汇报.docx", *PERIOD, signed_on=SIGNED_ON))))
