"""A record's 修改历史 says who changed it: on the office's server the database account and the PC."""
import pytest

from models.records.members import save_member
from models.store import close_database, open_database, pc_name
from ui.dialogs.history_dialog import HistoryDialog


@pytest.mark.postgres
def test_the_history_names_the_account_and_the_pc(qtbot, pg_cluster):
    name = pg_cluster.copy_of("template_ledger")
    open_database(pg_cluster.url(name))
    try:
        uuid = save_member({"name": "张三", "gender": "male", "party_status": "full"})
        save_member({"uuid": uuid, "name": "张三", "gender": "male", "party_status": "full", "phone": "13800000000"})
        dialog = HistoryDialog(None, uuid, {"phone": "电话"})
        qtbot.addWidget(dialog)
        assert dialog.table.rowCount() == 2
        assert {dialog.table.item(row, 1).text() for row in range(2)} == {f"ledger@{pc_name()}"}
        assert "电话" in dialog.table.item(0, 3).text()
    finally:
        close_database()
        pg_cluster.drop_later(name)
