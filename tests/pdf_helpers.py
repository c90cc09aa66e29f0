"""The words of a PDF the program wrote, read back for the tests."""
import re

from pypdf import PdfReader


def page_texts(path) -> list[str]:
    """Page texts with whitespace removed (extraction adds line breaks where lines wrap)."""
    return [re.sub(r"\s+", "", page.extract_text()) for page in PdfReader(path).pages]


def sheet_body(pages: list[str]) -> str:
    """A record sheet's whole text with its 第n页共n页 footers taken out, so text cut by a page break joins up."""
    return "".join(re.sub(r"第\d+页共\d+页", "", page) for page in pages)
