"""Every test gets its own store file and its own user folders; Qt runs offscreen."""
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from models.store import close_database, open_database  # noqa: E402


@pytest.fixture(autouse=True)
def user_folders(tmp_path, monkeypatch):
    """Keep logs, settings and the default store out of the real user's folders."""
    for name in ("XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(name, str(tmp_path / name.lower()))
    monkeypatch.delenv("BRANCH_LEDGER_DB", raising=False)


@pytest.fixture
def store(tmp_path):
    path = tmp_path / "ledger.sqlite"
    open_database(path)
    yield path
    close_database()
