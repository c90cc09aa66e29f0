"""A store on a network share is refused; a damaged store is set aside, never deleted."""
import pytest

from models.store import NetworkStoreError, open_database, quick_check, safety as store_safety
from models.store.safety import is_network_path, set_aside

pytestmark = pytest.mark.sqlite_only("network shares and damaged files concern the SQLite file")


def test_network_mounts_are_recognised(tmp_path, monkeypatch):
    mounts = [("/", "ext4"), ("/mnt/share", "cifs"), ("/mnt/share/local", "ext4"), ("/srv/nfs", "nfs4")]
    monkeypatch.setattr(store_safety, "_mounts", lambda: mounts)
    assert is_network_path("/mnt/share/支部/ledger.sqlite")
    assert not is_network_path("/mnt/share/local/ledger.sqlite")
    assert is_network_path("/srv/nfs/ledger.sqlite")
    assert not is_network_path("/mnt/shared/ledger.sqlite")  # a longer name is not inside /mnt/share
    assert not is_network_path(tmp_path / "ledger.sqlite")


def test_open_refuses_a_network_store(tmp_path, monkeypatch):
    monkeypatch.setattr(store_safety, "_mounts", lambda: [("/", "ext4"), (str(tmp_path), "cifs")])
    with pytest.raises(NetworkStoreError, match="网络共享位置"):
        open_database(tmp_path / "ledger.sqlite")
    assert not (tmp_path / "ledger.sqlite").exists()


def test_damaged_store_is_set_aside(tmp_path):
    import shutil
    from pathlib import Path
    path = tmp_path / "ledger.sqlite"
    shutil.copy(Path(__file__).parent / "fixtures" / "store-v1.sqlite", path)
    assert quick_check(path) == []
    data = bytearray(path.read_bytes())
    for offset in range(4096 * 2, len(data) - 4096, 4096 * 3):
        data[offset:offset + 100] = b"\x07" * 100
    path.write_bytes(bytes(data))
    assert quick_check(path)
    aside = set_aside(path)
    assert not path.exists() and aside.read_bytes() == bytes(data)
    assert "损坏" in aside.name
