"""The command line on odd stores: links to an open store, empty files, damaged stores, hostile backups, logs."""
import os

import pytest
from test_cli import run

from models.store.lock import StoreLock

pytestmark = pytest.mark.sqlite_only("the SQLite file itself: its links, its bytes, its backups")


def test_a_hard_link_to_an_open_store_is_refused(tmp_path):
    store = tmp_path / "l.sqlite"
    assert run("--db", store, "demo", "--records", "10").returncode == 0
    link = tmp_path / "另一个名字.sqlite"
    os.link(store, link)
    with StoreLock(store):
        result = run("--db", link, "demo", "--records", "10")
    assert result.returncode == 1 and "不能同时打开两次" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
