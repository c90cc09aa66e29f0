"""One program per store."""
import pytest

from models.store.lock import StoreInUse, StoreLock

pytestmark = pytest.mark.sqlite_only("the lock file beside a SQLite store")


def test_second_lock_on_the_same_store_is_refused(tmp_path):
    store = tmp_path / "ledger.sqlite"
    with StoreLock(store):
        with pytest.raises(StoreInUse, match="已在另一个支部台账程序中打开"):
            StoreLock(store).acquire()
    StoreLock(store).acquire().release()  # free again once released


def test_other_stores_are_not_blocked(tmp_path):
    with StoreLock(tmp_path / "a.sqlite"):
        StoreLock(tmp_path / "b.sqlite").acquire().release()


def test_a_hard_link_or_a_symlink_is_the_same_store(tmp_path):
    import os
    store = tmp_path / "ledger.sqlite"
    store.write_bytes(b"x")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    hard, soft = elsewhere / "copy.sqlite", elsewhere / "link.sqlite"
    os.link(store, hard)
    os.symlink(store, soft)
    with StoreLock(store):
        for other in (hard, soft):
            with pytest.raises(StoreInUse, match="已在另一个支部台账程序中打开"):
                StoreLock(other).acquire()
    with StoreLock(hard):  # whichever name comes first holds the file
        with pytest.raises(StoreInUse, match="另一个路径或链接"):
            StoreLock(store).acquire()
    StoreLock(store).acquire().release()


def test_the_lock_follows_the_file_that_replaces_the_store(tmp_path):
    """A restore puts a new file at the store's path: a link made to it afterwards is still refused."""
    import os

    from models.store import close_database, db, make_backup, open_database, restore_backup
    store = tmp_path / "ledger.sqlite"
    with StoreLock(store):
        open_database(store)  # a new store is created while the lock is held
        link = tmp_path / "link-to-new.sqlite"
        os.link(store, link)
        with pytest.raises(StoreInUse):
            StoreLock(link).acquire()
        backup = make_backup(db, store, "测试")
        restore_backup(backup, store)
        close_database()
        relinked = tmp_path / "link-to-restored.sqlite"
        os.link(store, relinked)
        with pytest.raises(StoreInUse):
            StoreLock(relinked).acquire()
    StoreLock(relinked).acquire().release()
