"""The lazily paged table model."""
from models.records.common import AtLeast
from models.records.members import count_members, list_members
from models.records.schema import Member
from ui.widgets.record_table import Column, RecordTableModel


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


def test_rows_are_counted_only_when_asked(qapp):
    names = [{"uuid": str(i), "name": f"党员{i:05d}"} for i in range(250)]
    counted = []

    def count(query):
        counted.append(1)
        return len(names)

    model = RecordTableModel([Column("name", "姓名")], count, lambda query, offset, limit: names[offset:offset + limit])
    model.reload()
    assert model.rowCount() == model.PAGE and not model.counted() and not counted
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == 250 and model.total == 250 and not counted  # the short last page told
    del names[5:]
    model.reload()
    assert model.total == 5 and not counted  # one short page is all there is
    names.extend({"uuid": str(i), "name": f"新{i}"} for i in range(300))
    model.reload()
    assert model.total == 305 and counted == [1]


def test_a_count_stopped_at_a_cap_keeps_the_rows_coming(qapp):
    """A server says AtLeast(cap) for a common word: the table still loads every row as it scrolls, and the short
    last page gives the exact total."""
    names = [{"uuid": str(i), "name": f"党员{i:05d}"} for i in range(250)]
    model = RecordTableModel([Column("name", "姓名")], lambda query: AtLeast(150),
                             lambda query, offset, limit: names[offset:offset + limit])
    model.reload()
    assert model.total == 150 and isinstance(model.total, AtLeast)
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == 250
    assert model.total == 250 and not isinstance(model.total, AtLeast)
