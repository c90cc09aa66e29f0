"""Every test gets its own store and its own user folders; Qt runs offscreen.

The store of the model, exports and command-line tests (tests/models, tests/exports, tests/cli) is one
parametrised fixture: `sqlite` (a file under tmp_path) and `postgres` (a fresh database on a throwaway
PostgreSQL cluster, one per session), so `pytest -k postgres` runs the server half. Where the server's binaries
are missing the server half is skipped with one line; under CI (CI=1, set by .ci/run) it must run.
A test that reads the SQLite file itself (sqlite3 on the store, backups, PRAGMAs) is marked
@pytest.mark.sqlite_only("why") and runs on SQLite alone.
"""
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from models.store import close_database, open_database  # noqa: E402

BOTH = ("sqlite", "postgres")
DUAL_FOLDERS = ("models", "exports", "cli")  # under tests/: these run on both backends
HERE = os.path.dirname(os.path.abspath(__file__))


def pytest_configure(config):
    config.addinivalue_line("markers", "sqlite_only(reason): reads the SQLite file itself; not run on a server")
    config.addinivalue_line("markers", "postgres: needs the session's PostgreSQL cluster (selected by -k postgres)")


def pytest_collection_modifyitems(items):
    for item in items:  # a test of the server alone is part of the server half too
        if "pg_cluster" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.postgres)


def _dual(metafunc) -> bool:
    folder = os.path.relpath(str(metafunc.definition.path), HERE).split(os.sep)[0]
    return folder in DUAL_FOLDERS and metafunc.definition.get_closest_marker("sqlite_only") is None


def pytest_generate_tests(metafunc):
    for name in ("store", "db_target"):
        if name in metafunc.fixturenames and _dual(metafunc):
            metafunc.parametrize(name, BOTH, indirect=True)


@pytest.fixture(autouse=True)
def user_folders(tmp_path, monkeypatch):
    """Keep logs, settings and the default store out of the real user's folders."""
    for name in ("XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(name, str(tmp_path / name.lower()))
    monkeypatch.delenv("BRANCH_LEDGER_DB", raising=False)


@pytest.fixture(scope="session")
def pg_cluster():
    """The session's PostgreSQL cluster, with `template_ledger`: an empty store already migrated."""
    from pg_cluster import Cluster, server_bin
    ci = bool(os.environ.get("CI"))
    found = server_bin()
    if found is None:
        reason = "PostgreSQL server binaries not found (/usr/lib/postgresql/*/bin/initdb); the postgres half needs them"
        if ci:
            pytest.fail(f"CI: {reason}", pytrace=False)
        pytest.skip(reason)
    try:
        import psycopg2  # noqa: F401
    except ImportError:
        if ci:
            pytest.fail("CI: psycopg2 is not installed", pytrace=False)
        pytest.skip("psycopg2 is not installed")
    cluster = Cluster(found).start()
    try:
        cluster.sql('CREATE DATABASE "template_ledger" OWNER ledger')
        open_database(cluster.url("template_ledger"))
        close_database()
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture(scope="session")
def restartable_cluster(pg_cluster):
    """A second cluster, for tests that stop or restart the server (the session's cluster keeps copies of its
    template ready in the background, which a restart would cut)."""
    from pg_cluster import Cluster
    cluster = Cluster(pg_cluster.bin).start()
    yield cluster
    cluster.stop()


@pytest.fixture
def server_db(pg_cluster):
    """A fresh, empty database on the session's cluster: (cluster, name); dropped afterwards."""
    name = pg_cluster.new_database()
    yield pg_cluster, name
    close_database()
    pg_cluster.drop(name)


def _backend(request) -> str:
    return getattr(request, "param", "sqlite")


@pytest.fixture
def store(request, tmp_path):
    """The open store of a test: a SQLite file (yielded as its Path) or a server database (its URL)."""
    if _backend(request) == "postgres":
        cluster = request.getfixturevalue("pg_cluster")
        name = cluster.copy_of("template_ledger")
        url = cluster.url(name)
        open_database(url)
        yield url
        close_database()
        cluster.drop_later(name)
        return
    path = tmp_path / "ledger.sqlite"
    open_database(path)
    yield path
    close_database()


@pytest.fixture
def db_target(request, tmp_path):
    """Where a command-line test's store goes, not yet opened: a new SQLite file's path, or an empty server
    database's URL (both as --db takes them). Call it again for a second store: db_target.another()."""
    backend = _backend(request)
    made = []

    class Target(str):
        def another(self) -> "Target":
            return make()

    def make() -> Target:
        if backend == "postgres":
            cluster = request.getfixturevalue("pg_cluster")
            made.append(cluster.new_database())
            return Target(cluster.url(made[-1]))
        made.append(None)
        return Target(tmp_path / f"l{len(made)}.sqlite")

    target = make()
    yield target
    if backend == "postgres":
        cluster = request.getfixturevalue("pg_cluster")
        for name in made:
            cluster.drop(name)
