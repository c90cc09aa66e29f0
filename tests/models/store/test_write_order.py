"""Two writers in one program on a SQLite store (a background import and a form's save): each transaction takes the
write lock when it begins, so the one that started first finishes and the other waits for it, instead of the
first failing at its first write because the other committed after it had read."""
import threading
import time

import pytest

from models.records.common import ListQuery
from models.records.members import count_members, save_member
from models.store import db


@pytest.mark.sqlite_only("a server has row locks and MVCC of its own: test_concurrent_imports.py")
def test_a_save_during_a_background_transaction_waits_for_it_and_neither_fails(store):
    began, failed = threading.Event(), []

    def background():  # as an import does: read what is there, then write
        try:
            with db.atomic():
                count_members(ListQuery())
                began.set()
                time.sleep(0.5)
                save_member({"name": "导入的", "gender": "male", "party_status": "full"})
        except Exception as e:  # noqa: BLE001 — recorded for the assertion
            failed.append(e)
            began.set()
        finally:
            db.close()  # this thread's own connection

    worker = threading.Thread(target=background)
    worker.start()
    assert began.wait(5)
    save_member({"name": "窗口里的", "gender": "female", "party_status": "full"})  # a form's save meanwhile
    worker.join(10)
    assert failed == []
    assert count_members(ListQuery()) == 2
