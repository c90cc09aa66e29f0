"""One program per store."""
import pytest

from models.store.lock import StoreInUse, StoreLock

pytestmark = pytest.mark.sqlite_only("the lock file beside a SQLite store")


def test_second_lock_on_the_same_store_is_refused(tmp_path):
    store = tmp_path / "ledger.sqlite"
    with StoreLock(store):
        with pytest.raises(StoreInUse, match="已在另一个窗口中打开"):
            StoreLock(store).acquire()
    StoreLock(store).acquire().release()  # free again once released


def test_other_stores_are_not_blocked(tmp_path):
    with StoreLock(tmp_path / "a.sqlite"):
        StoreLock(tmp_path / "b.sqlite").acquire().release()
