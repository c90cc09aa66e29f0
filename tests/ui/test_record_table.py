"""The lazily paged table model."""
from models.members import count_members, list_members
from models.schema import Member
from ui.record_table import Column, RecordTableModel


def test_model_passes_qt_checks_and_pages_lazily(store, qtmodeltester):
    Member.insert_many([{"name": f"党员{i:05d}", "gender": "male", "party_status": "full"}
                        for i in range(1000)]).execute()
    model = RecordTableModel([Column("name", "姓名")], count_members, list_members)
    model.reload()
    assert model.total == 1000 and model.rowCount() == model.PAGE
    qtmodeltester.check(model)
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == 1000
    assert model.data(model.index(999, 0)) == "党员00999"
