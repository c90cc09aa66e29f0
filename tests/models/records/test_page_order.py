"""A list's first page in the table's order is read from the sort column's index on the server, not sorted whole."""
import logging

from models.records.activities import ActivityQuery, list_activities
from models.records.schema import Activity
from models.store import close_database, db, open_database


def test_the_first_activities_by_date_come_from_the_date_index_on_the_server(pg_cluster, caplog):
    name = pg_cluster.copy_of("template_ledger")
    open_database(pg_cluster.url(name))
    try:
        with db.atomic():
            Activity.insert_many([{"type": "theme_day", "title": f"主题党日{i}",
                                   "date": f"{2000 + i % 25}-{1 + i % 12:02d}-{1 + i % 28:02d}"}
                                  for i in range(20_000)]).execute()
        db.execute_sql("ANALYZE activity")
        with caplog.at_level(logging.DEBUG, logger="peewee"):
            list_activities(ActivityQuery(), 0, 200)
        [(sql, params)] = [r.msg for r in caplog.records if isinstance(r.msg, tuple)
                           and "ORDER BY" in r.msg[0] and "LIMIT" in r.msg[0] and '"activity"' in r.msg[0]][:1]
        with db.atomic():  # a table of a million rows, as far as the planner is told
            db.execute_sql("SET LOCAL enable_seqscan = off")
            plan = "\n".join(r[0] for r in db.execute_sql("EXPLAIN " + sql, params))
        assert "Index Scan Backward using activity_date" in plan, plan
    finally:
        close_database()
        pg_cluster.drop_later(name)
