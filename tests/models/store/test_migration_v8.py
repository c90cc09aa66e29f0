"""Data version 8 seeds the party organisations and instructors' history from the organisation's old columns."""
import shutil
import sqlite3
from pathlib import Path

import pytest

from models.records.schema import InstructorTerm, Organisation, PartyOrg, PartyOrgLink
from models.store import close_database, open_database

FIXTURES = Path(__file__).parent / "fixtures"
ORG = ("INSERT INTO organisation (uuid, created_at, updated_at, name, credit_code, kind, registered_on, legal_rep,"
       " party_org, party_org_date, instructor, grade, contact_person, contact_phone, address, notes, source_branch)"
       " VALUES (?, '2023-01-02 08:00:00', '2023-01-02 08:00:00', ?, '', 'social_group', ?, '', ?, ?, ?, '', '', '',"
       " '', '', '')")


@pytest.mark.sqlite_only("a released SQLite store file")
def test_version_8_seeds_branches_and_instructors_from_the_old_columns(tmp_path):
    path = tmp_path / "v7.sqlite"
    shutil.copy(FIXTURES / "store-v7.sqlite", path)
    con = sqlite3.connect(path)
    con.execute("DELETE FROM participation")
    con.execute("DELETE FROM organisation")
    for row in (("u1", "独立甲", "2019-01-01", "independent", "2021-05-01", "张一"),
                ("u2", "联合乙", "2019-01-01", "joint", "2022-03-01", "王二"),
                ("u3", "联合丙", "2019-01-01", "joint", "2022-06-01", "王二"),
                ("u4", "联合丁", None, "joint", None, ""),
                ("u5", "未建戊", "2018-04-04", "none", None, "李五"),
                ("u6", "未建己", None, "none", None, "")):
        con.execute(ORG, row)
    con.commit()
    con.close()
    open_database(path)
    try:
        parties = {p.name: p for p in PartyOrg.select()}
        assert set(parties) == {"独立甲党支部", "联合乙等2家联合党支部", "联合丁联合党支部"}
        assert parties["独立甲党支部"].kind == "independent" and str(parties["独立甲党支部"].set_up_on) == "2021-05-01"
        shared = parties["联合乙等2家联合党支部"]
        assert shared.kind == "joint" and str(shared.set_up_on) == "2022-03-01"
        links = {k.organisation.name: (k.party_org.name, str(k.date_from), k.date_to) for k in PartyOrgLink.select()}
        assert links["联合丙"] == ("联合乙等2家联合党支部", "2022-06-01", None)
        assert links["联合丁"][1] == "2023-01-02"  # no date, no registration: the day the record was made
        assert "未建戊" not in links and "未建己" not in links
        terms = {t.organisation.name: (t.name, str(t.date_from)) for t in InstructorTerm.select()}
        assert terms == {"独立甲": ("张一", "2021-05-01"), "联合乙": ("王二", "2022-03-01"),
                         "联合丙": ("王二", "2022-06-01"), "未建戊": ("李五", "2018-04-04")}
        # the columns the rest of the program reads are unchanged
        assert {o.name: o.party_org for o in Organisation.select()}["联合丙"] == "joint"
        from models.records.search import count_all
        from models.store.search_index import index_problems
        assert index_problems() == [] and count_all("联合乙等")["party_org"] == 1  # found by the global search
    finally:
        close_database()


AUDIT = ("INSERT INTO audit_entry (at, operator, kind, record_uuid, action, summary, changes)"
         " VALUES ('2024-01-02 08:00:00', '甲', 'member', 'm1', 'update', '黄露', ?)")
NUMBERS = ('{"id_card": ["", "11010519491231002X"], "phone": ["", "138"]}',
           '{"id_card": ["11010519491231002X", "11010519501231002X"]}')
MASKED = [{"id_card": ["", "110105********002X"], "phone": ["", "138"]},
          {"id_card": ["110105********002X", "110105********002X（出生日期位已更正）"]}]


def masked_changes() -> list:
    import json

    from models.records.schema import AuditEntry
    return [json.loads(e.changes) for e in AuditEntry.select().where(AuditEntry.record_uuid == "m1")
            .order_by(AuditEntry.id)]


@pytest.mark.sqlite_only("a released SQLite store file")
def test_version_8_masks_the_id_card_numbers_in_the_change_history(tmp_path):
    path = tmp_path / "v7.sqlite"
    shutil.copy(FIXTURES / "store-v7.sqlite", path)
    con = sqlite3.connect(path)
    for changes in NUMBERS:
        con.execute(AUDIT, (changes,))
    con.commit()
    con.close()
    open_database(path)
    try:
        assert masked_changes() == MASKED
    finally:
        close_database()


def test_a_server_store_at_version_7_is_seeded_the_same_way(server_db, monkeypatch):
    from models.store import db, migrations
    cluster, name = server_db
    with monkeypatch.context() as m:
        m.setattr(migrations, "SCHEMA_VERSION", 7)
        open_database(cluster.url(name))
        for row in (("u1", "独立甲", "2019-01-01", "independent", "2021-05-01", "张一"),
                    ("u2", "联合乙", "2019-01-01", "joint", "2022-03-01", "王二"),
                    ("u3", "联合丙", None, "joint", None, "王二")):
            db.execute_sql(ORG.replace("?", "%s"), row)
        for changes in NUMBERS:
            db.execute_sql(AUDIT.replace("?", "%s"), (changes,))
        close_database()
    open_database(cluster.url(name))
    try:
        parties = {p.name: (p.kind, str(p.set_up_on)) for p in PartyOrg.select()}
        assert parties == {"独立甲党支部": ("independent", "2021-05-01"),
                           "联合乙等2家联合党支部": ("joint", "2022-03-01")}
        links = {k.organisation.name: str(k.date_from) for k in PartyOrgLink.select()}
        assert links == {"独立甲": "2021-05-01", "联合乙": "2022-03-01", "联合丙": "2023-01-02"}
        assert InstructorTerm.select().count() == 3
        assert masked_changes() == MASKED
        from models.records.search import count_all
        assert count_all("联合乙等")["party_org"] == 1
    finally:
        close_database()
