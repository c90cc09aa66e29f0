"""Any period from a day to a hundred years gives a readable report, PDF and .docx, over a small demo store."""
import datetime as dt
import re

import pypdfium2 as pdfium
import pytest
from docx import Document
from docx.shared import Mm
from hypothesis import HealthCheck, example, given, settings, strategies as st
from pdf_helpers import page_texts
from pypdf import PdfReader

from exports.report import write_report
from models.exchange.demo import fill_demo
from models.reporting.section_texts import period_label
from models.store import close_database, open_database

MM = 72 / 25.4
LEFT, WIDTH = 28 * MM, 156 * MM
CENTURY = 36524                                      # days in a hundred years


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    """A demo store of a few hundred records around 2030, made once for the module."""
    folder = tmp_path_factory.mktemp("demo")
    with pytest.MonkeyPatch.context() as patch:        # keep its logs and settings out of the user's folders
        for name in ("XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
            patch.setenv(name, str(folder / name.lower()))
        open_database(folder / "demo.sqlite")
        try:
            fill_demo(150, seed=5, today=dt.date(2031, 6, 30))
        finally:
            close_database()
    return folder / "demo.sqlite"


@pytest.fixture
def demo(demo_file):
    open_database(demo_file)     # the reports only read it: every example may share it
    yield
    close_database()


def text_outside_the_block(path) -> list[str]:
    """Characters drawn left or right of the 156 mm text block, as "page: character"."""
    document = pdfium.PdfDocument(str(path))
    outside = []
    for number, page in enumerate(document, 1):
        text = page.get_textpage()
        for i in range(text.count_chars()):
            left, _, right, _ = text.get_charbox(i, loose=True)
            char = text.get_text_range(i, 1)
            if char.strip() and (left < LEFT - 1 or right > LEFT + WIDTH + 1):
                outside.append(f"{number}: {char}")
    document.close()
    return outside


def check_docx(path, title) -> None:
    doc = Document(str(path))
    assert doc.paragraphs[0].text == title
    for table in doc.tables:
        widths = [cell.width for cell in table.rows[0].cells]
        assert sum(widths) <= Mm(156) + Mm(0.5) and min(widths) >= Mm(12)
        for row in table.rows:
            for cell in row.cells:
                assert not re.fullmatch(r"\d{1,3}(,\d{3})+", cell.text)     # 5075, never 5,075


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(start=st.dates(dt.date(1990, 1, 1), dt.date(2100, 12, 31)),
       days=st.one_of(st.integers(0, 100), st.integers(0, CENTURY)))
@example(start=dt.date(2000, 1, 1), days=(dt.date(2100, 12, 31) - dt.date(2000, 1, 1)).days)
@example(start=dt.date(2030, 5, 17), days=0)
@example(start=dt.date(2029, 7, 1), days=(dt.date(2031, 6, 30) - dt.date(2029, 7, 1)).days)
@example(start=dt.date(1990, 1, 1), days=CENTURY)
def test_any_period_gives_a_readable_report(demo, tmp_path, start, days):
    end = start + dt.timedelta(days=days)
    pdf = write_report(tmp_path / "r.pdf", start, end)
    title = PdfReader(pdf).metadata.title
    assert title.startswith("关于") and period_label(start, end) in title
    pages = page_texts(pdf)
    assert title in pages[0]
    assert text_outside_the_block(pdf) == []
    check_docx(write_report(tmp_path / "r.docx", start, end), title)
