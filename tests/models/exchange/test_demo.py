"""Demo data: every kind filled, in proportion, valid, and the same for the same seed."""
import datetime as dt

from store_helpers import foreign_key_problems

from models.exchange.demo import fill_demo
from models.records.common import ListQuery
from models.records.members import check_member, list_members
from models.records.organisations import list_organisations
from models.records.validation import credit_code
from models.store import close_database, db, open_database

DAY = dt.date(2026, 6, 30)


def test_every_kind_in_proportion(store):
    counts = fill_demo(1000, seed=3, today=DAY)
    # the new members' pipeline's 19 deciding meetings and the 4 it admitted are among these
    assert counts == {"党员": 20, "社会组织": 30, "支部活动": 1000, "学习会": 50, "联建活动": 25}
    for table in ("attendance", "figure", "participation", "reflection", "plan_topic", "study_group_member"):
        assert db.execute_sql(f"SELECT count(*) FROM {table}").fetchone()[0] > 0, table
    assert foreign_key_problems() == []
    series = {r[0] for r in db.execute_sql("SELECT DISTINCT series FROM outreach_event").fetchall()}
    assert series and all(s[1] in "一二三四五六七八九十" for s in series), series  # 第八届, as the office writes


def test_demo_records_pass_the_programs_own_checks(store):
    fill_demo(300, seed=5, today=dt.date.today())
    for member in list_members(ListQuery(), 0, 100):
        check_member({k: member[k] for k in member if k not in ("uuid", "deleted_at", "young", "active")})
    for org in list_organisations(ListQuery(), 0, 100):
        assert credit_code(org["credit_code"]) == org["credit_code"]


def test_same_seed_same_data(db_target):
    dumps = []
    for target in (db_target, db_target.another()):
        open_database(target)
        fill_demo(200, seed=9, today=DAY)
        dumps.append([db.execute_sql(f"SELECT * FROM {t} ORDER BY id").fetchall() for t in ("member", "activity")])
        close_database()
    strip = [[[row[1:2] + row[4:] for row in rows] for rows in dump] for dump in dumps]  # created times differ
    assert strip[0] == strip[1]


def test_the_demo_s_people_are_the_branch_s_own_and_nothing_ends_after_today(store):
    fill_demo(600, seed=4, today=DAY)
    members = {r[0] for r in db.execute_sql("SELECT name FROM member").fetchall()}
    hosts = {r[0] for r in db.execute_sql("SELECT host FROM activity UNION SELECT recorder FROM activity").fetchall()}
    lecturers = {r[0] for r in db.execute_sql("SELECT speaker FROM activity WHERE type = 'party_lecture'").fetchall()}
    leads = {r[0] for r in db.execute_sql("SELECT lead_speaker FROM study_session").fetchall()}
    assert hosts <= members and lecturers <= members and leads <= members
    assert len(lecturers) <= 3 and len(leads) <= 4 * db.execute_sql("SELECT count(*) FROM study_group").fetchone()[0]
    latest = db.execute_sql("SELECT max(end_date) FROM outreach_event").fetchone()[0]
    assert str(latest) <= DAY.isoformat()


def test_the_demo_contradicts_itself_only_where_it_means_to(store):
    from models.reporting.health import find_problems
    fill_demo(600, seed=4, today=DAY)
    kinds = {group["title"] for group in find_problems(limit=3)}
    # what the demo shows on purpose: two members behind with dues, a new member's step overdue
    assert kinds <= {"连续3个月以上未交党费", "发展党员步骤逾期"}, kinds
