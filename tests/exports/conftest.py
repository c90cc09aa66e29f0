"""Fixtures the report tests share: a folder for the files written, and a seeded year."""
import pytest
from report_year import TODAY, seed_year

from models.records import common as records


@pytest.fixture
def out(tmp_path):
    """A folder of its own for the files written (the store sits in tmp_path)."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


@pytest.fixture
def year(store, monkeypatch):
    monkeypatch.setattr(records, "today", lambda: TODAY)
    return seed_year()
