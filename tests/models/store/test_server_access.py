"""Who may do what on a server store: a read-only account found at opening, a server tried before it is chosen
(one line for each way it fails), sslmode honoured, and the password kept in the operating system's keyring."""
import shutil

import keyring
import pytest
from keyring.backend import KeyringBackend
from pg_cluster import CLERK, CLERK_PASSWORD, SEALED, Cluster, server_bin

from models.records.common import ListQuery
from models.records.members import count_members, save_member
from models.store.migrations import SCHEMA_VERSION
from models.store import (StoreError, close_database, database_role, db, forget_password, is_read_only,
                          keyring_problem, open_database, probe_server, save_password, saved_password, server)


def _member(name: str) -> str:
    return save_member({"name": name, "gender": "male", "party_status": "full"})


# -- a read-only account ----------------------------------------------------------

def test_an_account_that_may_only_read_opens_the_store_read_only(server_db):
    cluster, name = server_db
    open_database(cluster.url(name))
    assert not is_read_only() and database_role() == "ledger"
    _member("甲")
    close_database()
    open_database(cluster.reading(name))
    assert is_read_only() and database_role() == "viewer"
    assert count_members(ListQuery()) == 1  # everything reads as before
    close_database()
    open_database(cluster.url(name))
    assert not is_read_only()  # found anew at each opening


def test_a_read_only_account_never_upgrades_and_never_builds(server_db, pg_cluster):
    cluster, name = server_db
    open_database(cluster.url(name))
    close_database()
    viewer = cluster.reading(name)
    cluster.sql_in(name, "UPDATE ledger_version SET version = version - 1")  # as an older program left it
    with pytest.raises(StoreError, match="需要升级.*只有查看权限") as caught:
        open_database(viewer)
    assert len(str(caught.value).splitlines()) == 1
    assert cluster.sql_in(name, "SELECT version FROM ledger_version")[0][0] == SCHEMA_VERSION - 1  # untouched
    empty = pg_cluster.new_database()
    try:
        with pytest.raises(StoreError, match="不能在服务器数据库.*建表"):
            open_database(pg_cluster.url(empty, user="viewer"))
        assert pg_cluster.sql_in(empty, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")[0][0] == 0
    finally:
        pg_cluster.drop(empty)


# -- trying a server before choosing it --------------------------------------------

def test_trying_a_server_says_what_it_found_and_changes_nothing(server_db, pg_cluster):
    cluster, name = server_db
    assert "是空的" in probe_server(cluster.url(name))
    assert cluster.sql_in(name, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")[0][0] == 0
    open_database(cluster.url(name))
    close_database()
    assert "数据版本" in probe_server(cluster.url(name)) and "只有查看权限" not in probe_server(cluster.url(name))
    assert "只有查看权限" in probe_server(cluster.reading(name))


@pytest.mark.parametrize("how, says", [
    ("wrong password", "用户名或密码不正确"),
    ("no database", "没有数据库“nowhere”"),
    ("no server", "服务器没有开启或网络不通"),
    ("no host", "找不到服务器"),
    ("ssl on a server without it", "没有开启加密连接"),
])
def test_each_way_a_server_fails_is_one_clear_line(pg_cluster, how, says):
    url = {"wrong password": pg_cluster.url("postgres", user=CLERK),
           "no database": pg_cluster.url("nowhere"),
           "no server": "postgresql://ledger@127.0.0.1:1/x",
           "no host": "postgresql://ledger@no-such-host.invalid/x",
           "ssl on a server without it": pg_cluster.url("postgres") + "?sslmode=require"}[how]
    with pytest.raises(StoreError, match=says) as caught:
        probe_server(url, "wrong" if how == "wrong password" else None)
    assert len(str(caught.value).splitlines()) == 1 and "wrong" not in str(caught.value)


@pytest.fixture(scope="module")
def ssl_cluster():
    """A second, small cluster with SSL on (a self-signed certificate), for what sslmode does."""
    found = server_bin()
    if found is None or shutil.which("openssl") is None:
        pytest.skip("PostgreSQL server binaries or openssl not found")
    cluster = Cluster(found, ssl=True).start()
    try:
        yield cluster
    finally:
        cluster.stop()


def _encrypted() -> bool:
    return db.execute_sql("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()").fetchone()[0]


def test_sslmode_in_the_url_is_what_the_connection_does(ssl_cluster):
    name = ssl_cluster.new_database()
    base = ssl_cluster.url(name)
    open_database(base + "?sslmode=require")
    assert _encrypted()
    close_database()
    open_database(base + "?sslmode=disable")
    assert not _encrypted()
    close_database()
    certificate = ssl_cluster.data / "server.crt"
    open_database(f"{base}?sslmode=verify-full&sslrootcert={certificate}")  # the server's certificate checked
    assert _encrypted()
    close_database()
    with pytest.raises(StoreError, match="没有读取.*权限"):
        probe_server(ssl_cluster.url(name, user=SEALED) + "?sslmode=require")
    ssl_cluster.reading(name, SEALED)
    assert "连接已加密" in probe_server(ssl_cluster.url(name, user=SEALED) + "?sslmode=require")
    with pytest.raises(StoreError, match="要求加密连接.*sslmode 设为 require") as caught:
        probe_server(ssl_cluster.url(name, user=SEALED) + "?sslmode=disable")  # the server wants SSL for this account
    assert len(str(caught.value).splitlines()) == 1


# -- the keyring -------------------------------------------------------------------

class MemoryKeyring(KeyringBackend):
    """A keyring that works, as Windows' Credential Manager does, kept in memory for the test."""
    priority = 1

    def __init__(self):
        super().__init__()
        self.kept = {}

    def get_password(self, service, username):
        return self.kept.get((service, username))

    def set_password(self, service, username, password):
        self.kept[(service, username)] = password

    def delete_password(self, service, username):
        self.kept.pop((service, username), None)


@pytest.fixture
def memory_keyring():
    before = keyring.get_keyring()
    ring = MemoryKeyring()
    keyring.set_keyring(ring)
    try:
        yield ring
    finally:
        keyring.set_keyring(before)
        server.use_password_prompt(None)


def test_without_a_working_keyring_the_choice_is_off_with_a_reason():
    from keyring.backends import fail
    before = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        assert "没有可用的系统钥匙串" in keyring_problem()
        assert not save_password("postgresql://u@h/db", "x") and saved_password("postgresql://u@h/db") is None
        forget_password("postgresql://u@h/db")  # nothing to forget: no error either
    finally:
        keyring.set_keyring(before)


def _clerk_store(cluster, name) -> str:
    cluster.sql(f'ALTER DATABASE "{name}" OWNER TO {CLERK}')
    return cluster.url(name, user=CLERK)


def test_a_password_kept_in_the_keyring_is_used_and_a_wrong_one_asked_again(server_db, memory_keyring, caplog):
    cluster, name = server_db
    url = _clerk_store(cluster, name)
    assert keyring_problem() is None
    asked = []
    server.use_password_prompt(lambda text: asked.append(text) or (CLERK_PASSWORD, True))  # "keep it" ticked
    open_database(url)
    close_database()
    shown = server.parse_url(url).shown
    assert memory_keyring.kept == {("BranchLedger", shown): CLERK_PASSWORD} and len(asked) == 1
    db.initialize(None)  # a new start of the program: nothing in memory
    open_database(url)  # the keyring's password, nobody asked
    close_database()
    assert len(asked) == 1
    memory_keyring.kept[("BranchLedger", shown)] = "old-password"  # changed on the server since
    db.initialize(None)
    server.use_password_prompt(lambda text: asked.append(text) or CLERK_PASSWORD)  # typed, "keep it" not ticked
    open_database(url)
    close_database()
    assert len(asked) == 2 and "密码不正确" in asked[1]
    assert memory_keyring.kept[("BranchLedger", shown)] == "old-password"  # kept only when asked to
    assert CLERK_PASSWORD not in caplog.text


def test_a_mistyped_password_is_asked_again_then_refused_in_one_line(server_db, memory_keyring):
    cluster, name = server_db
    url = _clerk_store(cluster, name)
    asked = []
    server.use_password_prompt(lambda text: asked.append(text) or "mistyped")
    with pytest.raises(StoreError, match="用户名或密码不正确") as caught:
        open_database(url)
    assert len(asked) == server.ASKS and all("密码不正确" in text for text in asked[1:])
    assert "mistyped" not in str(caught.value) and memory_keyring.kept == {}
    server.use_password_prompt(lambda text: None)  # cancelled: said, not retried
    with pytest.raises(StoreError, match="要求输入密码"):
        open_database(url)
