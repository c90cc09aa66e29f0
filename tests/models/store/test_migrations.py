"""The schema ladder: fixture stores of each released version upgrade without losing a row."""
import shutil
import sqlite3
from pathlib import Path

import pytest
from peewee import CharField

from models.records.schema import ALL_TABLES
from models.store import StoreError, close_database, db, migrations, open_database

FIXTURES = Path(__file__).parent / "fixtures"
TABLES = [m._meta.table_name for m in ALL_TABLES]


def counts(path: Path) -> dict:
    con = sqlite3.connect(path)
    try:
        return {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in TABLES
                if con.execute("SELECT 1 FROM sqlite_master WHERE name=?", (t,)).fetchone()}
    finally:
        con.close()


@pytest.mark.sqlite_only("a released SQLite store file; the server's ladder: test_postgres.py")
@pytest.mark.parametrize("fixture", sorted(FIXTURES.glob("store-v*.sqlite")), ids=lambda p: p.stem)
def test_released_store_upgrades_without_loss(fixture, tmp_path):
    path = tmp_path / fixture.name
    shutil.copy(fixture, path)
    before = counts(path)
    assert before["member"] > 0 and before["attendance"] > 0
    open_database(path)
    try:
        assert db.pragma("user_version") == migrations.SCHEMA_VERSION
        assert db.execute_sql("PRAGMA foreign_key_check").fetchall() == []
        assert db.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        close_database()
    after = counts(path)
    assert {t: after[t] for t in before} == before


def test_a_fixture_exists_for_every_released_version():
    found = {int(p.stem.split("-v")[1]) for p in FIXTURES.glob("store-v*.sqlite")}
    assert found == set(range(1, migrations.SCHEMA_VERSION + 1))


def test_tables_match_the_models(store):
    """The frozen ladder and the peewee models describe the same columns (on either backend)."""
    for model in ALL_TABLES:
        columns = {column.name for column in db.get_columns(model._meta.table_name)}
        assert columns == set(model._meta.columns), model.__name__


@pytest.mark.sqlite_only("a released SQLite store file; the server's ladder: test_postgres.py")
def test_a_failing_step_changes_nothing_and_a_backup_was_made(tmp_path, monkeypatch):
    path = tmp_path / "s.sqlite"
    open_database(path)
    db.execute_sql("INSERT INTO member (uuid, created_at, updated_at, name, gender, ethnicity, education, phone,"
                   " party_status, party_post, job_title, left_to, notes)"
                   " VALUES ('u1', '2024-01-01', '2024-01-01', '甲', 'male', '', '', '', 'full', '', '', '', '')")
    close_database()

    def broken_step(database, migrator):
        from playhouse.migrate import migrate
        migrate(migrator.add_column("member", "nickname", CharField(default="")))
        database.execute_sql("DELETE FROM member")
        raise RuntimeError("断电模拟")

    current = migrations.SCHEMA_VERSION
    monkeypatch.setitem(migrations.STEPS, current + 1, broken_step)
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", current + 1)
    with pytest.raises(RuntimeError):
        open_database(path)
    close_database()
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA user_version").fetchone()[0] == current
    assert con.execute("SELECT count(*) FROM member").fetchone()[0] == 1
    assert "nickname" not in {r[1] for r in con.execute("PRAGMA table_info(member)")}
    con.close()
    from models.store.unpacking import unpack
    backups = list((tmp_path / "backups").glob("*.zip"))
    assert len(backups) == 1
    copy = unpack(backups[0], tmp_path / "unpacked")
    assert sqlite3.connect(copy).execute("SELECT count(*) FROM member").fetchone()[0] == 1


@pytest.mark.sqlite_only("a released SQLite store file; the server's ladder: test_postgres.py")
def test_a_rebuild_inside_a_step_does_not_cascade(tmp_path, monkeypatch):
    """Dropping a column rebuilds the table; attendance rows pointing at members must survive."""
    path = tmp_path / "s.sqlite"
    shutil.copy(FIXTURES / "store-v1.sqlite", path)
    before = counts(path)

    def rebuild(database, migrator):
        from playhouse.migrate import migrate
        migrate(migrator.drop_column("member", "left_to"))

    monkeypatch.setitem(migrations.STEPS, 2, rebuild)
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", 2)
    open_database(path)
    close_database()
    after = counts(path)
    assert after["attendance"] == before["attendance"] and after["member"] == before["member"]


@pytest.mark.sqlite_only("a released SQLite store file; the server's ladder: test_postgres.py")
def test_foreign_key_damage_in_a_step_is_refused(tmp_path, monkeypatch):
    path = tmp_path / "s.sqlite"
    shutil.copy(FIXTURES / "store-v1.sqlite", path)

    def orphan(database, migrator):
        database.execute_sql("DELETE FROM member")

    monkeypatch.setitem(migrations.STEPS, 2, orphan)
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", 2)
    with pytest.raises(StoreError, match="关联错误"):
        open_database(path)
    close_database()
    assert sqlite3.connect(path).execute("SELECT count(*) FROM member").fetchone()[0] > 0


@pytest.mark.sqlite_only("a released SQLite store file; the server's ladder: test_postgres.py")
def test_version_4_gives_the_builtin_indicators_their_rules_and_keeps_figures(tmp_path):
    path = tmp_path / "v3.sqlite"
    shutil.copy(FIXTURES / "store-v3.sqlite", path)
    before = sqlite3.connect(path).execute("SELECT id, value_centi FROM figure ORDER BY id").fetchall()
    open_database(path)
    try:
        rules = dict(db.execute_sql("SELECT name, rule FROM indicator").fetchall())
        assert rules["参与社会组织"] == rules["会员企业"] == "none"
        assert rules["覆盖社会组织"] == rules["安置就业"] == "latest"
        assert rules["捐赠资金"] == rules["销售额"] == "sum"
        after = db.execute_sql("SELECT id, value_centi FROM figure ORDER BY id").fetchall()
        assert after == before and db.execute_sql("SELECT count(*) FROM figure WHERE as_entered != ''").fetchone()[0] == 0
        assert db.execute_sql("SELECT count(*) FROM activity WHERE highlight").fetchone()[0] == 0
    finally:
        close_database()
