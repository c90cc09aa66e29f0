"""Two PCs writing into one server store at once, as real processes: two different packages imported together both
land whole; an import killed mid-transaction leaves none of itself behind while the other PC's saves go on.
(A SQLite file is one PC's: the program's lock keeps a second one out, so these run on the server alone.)"""
import os
import signal
import time
from pathlib import Path

import pytest
from import_elsewhere import import_file, record_digest
from other_pc import answers, start

from models.records.members import get_member
from models.store import close_database, open_database

MEMBER = {"name": "王芳", "gender": "female", "party_status": "full", "birth_date": "1990-05-01",
          "join_date": "2012-06-30"}


@pytest.fixture
def server(pg_cluster):
    """An open, empty server store (its URL)."""
    name = pg_cluster.copy_of("template_ledger")
    open_database(pg_cluster.url(name))
    yield pg_cluster.url(name)
    close_database()
    pg_cluster.drop_later(name)


@pytest.fixture(scope="module")
def packages(tmp_path_factory):
    """Two branches' packages of 300 activities each, and a larger one (3,000) to kill an import of."""
    from import_elsewhere import demo_package
    folder = tmp_path_factory.mktemp("packages")
    return {"a": demo_package(folder, "a", 300, 1, "一支部"), "b": demo_package(folder, "b", 300, 2, "二支部"),
            "big": demo_package(folder, "big", 3000, 3, "三支部")}


def wait_for(path: Path, process, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not path.exists():
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, f"{path.name} never came"
        time.sleep(0.01)


def one_after_the_other(cluster, store: str, *paths) -> tuple[dict, str]:
    """The records and digest of the packages imported one after the other into another fresh server store."""
    name = cluster.copy_of("template_ledger")
    close_database()
    open_database(cluster.url(name))
    try:
        for path in paths:
            import_file(str(path))
        return record_digest()
    finally:
        close_database()
        open_database(store)
        cluster.drop_later(name)


def test_two_pcs_importing_different_packages_at_once_both_land_whole(server, tmp_path, packages, pg_cluster):
    go = tmp_path / "go"
    steps = {name: {"call": "import_elsewhere.import_file",
                    "args": [str(packages[name]), str(tmp_path / f"ready-{name}"), str(go)]} for name in "ab"}
    first, second = start(server, tmp_path, steps["a"]), start(server, tmp_path, steps["b"])
    wait_for(tmp_path / "ready-a", first)
    wait_for(tmp_path / "ready-b", second)
    go.touch()
    for process in (first, second):
        [done] = answers(process)
        assert done == {"result": {"added": 423, "updated": 0, "unchanged": 0, "kept": 0}}, done
    counts, digest = record_digest()
    assert counts["activities"] == 600 and counts["members"] == 40 and counts["organisations"] == 60
    assert (counts, digest) == one_after_the_other(pg_cluster, server, packages["a"], packages["b"])


def test_an_import_killed_mid_transaction_leaves_nothing_and_the_other_pc_goes_on(server, tmp_path, packages):
    writing = tmp_path / "writing"
    importer = start(server, tmp_path, {"call": "import_elsewhere.import_file",
                                       "args": [str(packages["big"]), None, None, str(writing), 30]})
    saver = start(server, tmp_path, *({"call": "models.records.members.save_member",
                                      "args": [{**MEMBER, "name": f"党员{i}"}], "wait_for": str(writing)}
                                     for i in range(5)))
    wait_for(writing, importer, seconds=120)
    time.sleep(0.3)  # the other PC's first save is waiting on the import's locks by now
    os.kill(importer.pid, signal.SIGKILL)
    importer.communicate(timeout=30)
    assert importer.returncode == -signal.SIGKILL
    saved = answers(saver)
    assert all("result" in answer for answer in saved), saved
    assert [get_member(a["result"])["name"] for a in saved] == [f"党员{i}" for i in range(5)]
    counts, _ = record_digest()
    assert counts["activities"] == 0 and counts["members"] == 5 and counts["organisations"] == 0
    done = import_file(str(packages["big"]))  # the store is whole: the package goes in, every record new
    assert done["added"] == sum(record_digest()[0].values()) - 5 - 3 - 18 and done["unchanged"] == 0
