"""The server restarted (or the connection dropped) under a running program: the next operation connects again,
a transaction cut off by it leaves nothing half-written, and while the server is away a save says so in one line."""
import time

import pytest

from models.records import audit
from models.records.common import ListQuery, newest_change
from models.records.members import get_member, list_members, save_member
from models.records.schema import AuditEntry, Member
from models.store import StoreError, close_database, db, open_database

BASE = {"name": "王芳", "gender": "female", "party_status": "full", "birth_date": "1990-05-01",
        "join_date": "2012-06-30", "phone": "13900001111"}


@pytest.fixture
def server_store(restartable_cluster):
    cluster = restartable_cluster
    name = cluster.new_database()
    open_database(cluster.url(name))
    yield cluster
    close_database()
    cluster.drop(name)


def test_after_a_server_restart_reading_and_saving_go_on_without_reopening(server_store):
    uuid = save_member(BASE)
    server_store.restart()
    assert [m["uuid"] for m in list_members(ListQuery())] == [uuid]  # the first statement connects again
    server_store.restart()
    save_member({**BASE, "uuid": uuid, "phone": "13900002222"})  # a save's BEGIN does too
    assert get_member(uuid)["phone"] == "13900002222"
    server_store.restart()
    assert newest_change()  # and the lists' poll


def test_a_save_cut_off_by_a_restart_writes_nothing_and_the_next_save_works(server_store, monkeypatch):
    before = AuditEntry.select().count()
    note = audit.note

    def restart_then_note(*args, **kwargs):  # the member row is written, its audit entry not yet
        server_store.restart()
        return note(*args, **kwargs)
    monkeypatch.setattr(audit, "note", restart_then_note)
    with pytest.raises(StoreError) as said:
        save_member(BASE)
    assert "连接中断" in str(said.value) and "未被改动" in str(said.value)
    assert Member.select().count() == 0 and AuditEntry.select().count() == before  # neither half
    monkeypatch.setattr(audit, "note", note)
    uuid = save_member(BASE)
    assert get_member(uuid)["name"] == "王芳" and AuditEntry.select().count() == before + 1


def test_a_transaction_cut_off_mid_way_is_not_finished_on_a_new_connection(server_store):
    with pytest.raises(StoreError), db.atomic():
        Member.insert(name="甲", gender="male", party_status="full").execute()
        server_store.restart()
        Member.insert(name="乙", gender="male", party_status="full").execute()
    assert Member.select().count() == 0
    assert not db.in_transaction()


def test_while_the_server_is_down_a_save_says_so_and_works_once_it_is_back(server_store):
    uuid = save_member(BASE)
    server_store.stop_server()
    try:
        began = time.monotonic()
        with pytest.raises(StoreError) as said:
            save_member({**BASE, "uuid": uuid, "phone": "13900003333"})
        assert time.monotonic() - began < 6  # a short retry, not a hang
        message = str(said.value)
        assert "\n" not in message and "重新连接没有成功" in message and "未被改动" in message
        with pytest.raises(StoreError):  # asked again while still down: the same line, no crash
            list_members(ListQuery())
    finally:
        server_store.start_server()
    save_member({**BASE, "uuid": uuid, "phone": "13900003333"})
    assert get_member(uuid)["phone"] == "13900003333"
