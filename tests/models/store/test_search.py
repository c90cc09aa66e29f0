"""Full-text search: substring semantics for short and long words, identical to LIKE, always in step."""
import datetime as dt
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from store_helpers import on_server

from models.exchange.demo import fill_demo
from models.records import activities, development, members, organisations, outreach, search, study
from models.records.activities import ActivityQuery, count_activities, list_activities, save_activity
from models.records.common import AtLeast, ListQuery, summed
from models.records.schema import Activity, Applicant, PartyOrg, StudySession
from models.store import close_database, db, migrations, open_database, search_index, search_sqlite

FIXTURES = Path(__file__).parent / "fixtures"


def titles(text: str, **query) -> set[str]:
    return {r["title"] for r in list_activities(ActivityQuery(text=text, **query), 0, 1000)}


def add(title: str, **fields) -> str:
    return save_activity({"type": "party_lecture", "title": title, "date": dt.date(2024, 3, 5), **fields})


def test_two_character_words_are_found_inside_longer_text(store):
    add("专题党课：弘扬伟大建党精神", content="与会党员交流发言。")
    add("实地调研", place="滨江区")
    add("党", host="王伟")
    assert titles("党课") == {"专题党课：弘扬伟大建党精神"}
    assert titles("调研") == {"实地调研"}
    assert titles("王伟") == {"党"}       # a two-character field on its own
    assert titles("党") == {"专题党课：弘扬伟大建党精神", "党"}  # one character
    assert titles("发言") == {"专题党课：弘扬伟大建党精神"}    # in the minutes, at a field's end
    assert titles("党课 调研") == set()   # every word must match
    assert titles("党课 发言") == {"专题党课：弘扬伟大建党精神"}
    assert titles("课实") == set()        # never across two fields or two records
    assert titles("滨") == {"实地调研"} and titles("江区") == {"实地调研"}


def test_a_search_is_counted_up_to_the_stores_cap(store, monkeypatch):
    """A server stops counting a search's matches at a cap (each costs a read); more are said as AtLeast(cap).
    A SQLite store counts them all; its cap is made 2 here to prove the same path on both."""
    backend = search_index._backend()
    assert backend.Search("党课").cap == (1000 if on_server() else None)
    monkeypatch.setattr(backend.Search, "cap", 2)
    for i in range(3):
        add(f"党课{i}", date=dt.date(2024, 3, i + 1))
    add("实地调研")
    many = count_activities(ActivityQuery(text="党课"))
    assert isinstance(many, AtLeast) and many == 2
    few = count_activities(ActivityQuery(text="党课", date_to=dt.date(2024, 3, 2)))
    assert few == 2 and not isinstance(few, AtLeast)  # exactly the cap is still a count
    assert count_activities(ActivityQuery()) == 4  # no search: every row counted
    assert titles("党课") == {"党课0", "党课1", "党课2"}  # the list is not capped
    totals = search.count_all("党课")
    assert isinstance(totals["activity"], AtLeast) and totals["member"] == 0
    assert isinstance(summed(totals.values()), AtLeast) and summed([1, 2]) == 3


@pytest.mark.parametrize("made, said", [(10, "more"), (7, "more"), (6, 6)])
def test_a_server_counts_a_sample_first_and_the_whole_only_when_the_sample_does_not_pass_the_cap(store, monkeypatch,
                                                                                                made, said):
    """10 matches: 5 in the sample (every second record here) pass a cap of 4, so one count says 超过; 7: the sample's
    3 do not, and the whole count does; 6: the whole count is the answer."""
    if not on_server():
        pytest.skip("a file's count is whole: no sample to ask")
    from models.store import search_server
    monkeypatch.setattr(search_server, "SAMPLE", 2)
    monkeypatch.setattr(search_server.Search, "cap", 4 if made == 10 else 6)
    for i in range(made):
        add(f"党课{i}")
    asked = []
    original = type(db.obj).execute_sql

    def watched(self, sql, params=None, *args, **kwargs):
        if sql.startswith("SELECT COUNT"):
            asked.append("record_id %% 2 = 0" in sql)
        return original(self, sql, params, *args, **kwargs)
    monkeypatch.setattr(type(db.obj), "execute_sql", watched)
    found = count_activities(ActivityQuery(text="党课"))
    if said == "more":
        assert isinstance(found, AtLeast) and found == search_server.Search.cap
    else:
        assert found == said and not isinstance(found, AtLeast)
    assert asked == ([True] if made == 10 else [True, False])
    asked.clear()
    assert count_activities(ActivityQuery(text="党课0")) == 1 and asked == [False]  # 3 characters: no sample


def test_longer_words_and_odd_characters(store):
    add("学习贯彻党的二十大精神", tags='50%_"引号"')
    add("AI Workshop 数字化")
    assert titles("贯彻党的") == titles("二十大精神") == {"学习贯彻党的二十大精神"}
    assert titles("党的三") == set()
    assert titles('"引号"') == titles("%_") == titles("0%") == {"学习贯彻党的二十大精神"}
    assert titles("ai") == titles("WORKSHOP") == titles("i") == {"AI Workshop 数字化"}
    assert count_activities(ActivityQuery(text="数字")) == 1


@pytest.mark.sqlite_only("the FTS5 index's own term list")
def test_a_character_beginning_too_many_trigrams_is_found_by_reading_the_entries(store, monkeypatch):
    add("党课", content="党员")
    add("支部", content="入党")
    add("其他")
    monkeypatch.setattr(search_sqlite, "MAX_TRIGRAMS", 1)
    assert search_index.Search("党").phrases == []
    assert titles("党") == {"党课", "支部"} and titles("党 员") == {"党课"} and titles("党 课程") == set()


def test_every_kind_is_searchable(store):
    m = members.save_member({"name": "欧阳明", "gender": "male", "party_status": "full", "notes": "调研骨干"})
    o = organisations.save_organisation({"name": "市慈善总会", "kind": "social_group", "legal_rep": "周敏"})
    assert [r["uuid"] for r in members.list_members(ListQuery(text="调研"), 0, 10)] == [m]
    assert [r["uuid"] for r in organisations.list_organisations(ListQuery(text="周敏"), 0, 10)] == [o]
    e = outreach.save_event({"title": "助学行", "kind": "other", "start_date": "2024-05-01", "region": "日喀则"})
    assert [r["uuid"] for r in outreach.list_events(outreach.EventQuery(text="喀则"), 0, 10)] == [e]


@pytest.fixture
def group(store):
    a = members.save_member({"name": "青年甲", "gender": "male", "party_status": "full"})
    return study.save_group({"name": "青年小组", "members": [{"member": a}]}), a


def sessions(text: str) -> list[str]:
    return [r["uuid"] for r in study.list_sessions(study.SessionQuery(text=text), 0, 10)]


def test_reflections_belong_to_their_session(group):
    group_uuid, a = group
    uuid = study.save_session({"group": group_uuid, "date": "2024-03-01", "topic": "党章学习",
                               "reflections": [{"member": a, "text": "坚定理想信念"}]})
    assert sessions("理想") == [uuid] and sessions("党章 信念") == [uuid]
    data = study.session_snapshot(uuid)
    study.save_session({**data, "reflections": [{"member": a, "text": "转化为工作实效"}]})
    assert sessions("理想") == [] and sessions("实效") == [uuid]
    study.erase_session(uuid)  # the reflections go with it and must not bring its entry back
    assert sessions("实效") == [] and search_index.index_problems() == []


def test_the_index_follows_save_delete_restore_and_erase(store):
    uuid = add("支部党员大会")
    assert titles("党员大") == {"支部党员大会"}
    save_activity({**activities.snapshot(uuid), "title": "支部委员会"})
    assert titles("党员大") == set() and titles("委员") == {"支部委员会"}
    activities.delete_activity(uuid)
    assert titles("委员") == set() and titles("委员", deleted=True) == {"支部委员会"}
    activities.restore_activity(uuid)
    assert titles("委员") == {"支部委员会"}
    activities.erase_activity(uuid)
    assert titles("委员") == set() and titles("委员", deleted=True) == set()
    assert db.execute_sql("SELECT count(*) FROM search_index").fetchone()[0] == 0


def test_demo_bulk_insert_is_indexed(store):
    counts = fill_demo(300, seed=4, today=dt.date(2026, 6, 30))
    assert search_index.index_problems() == []
    entries = db.execute_sql("SELECT count(*) FROM search_index").fetchone()[0]
    # the pipeline's people and the party organisations are searched too
    assert entries == sum(counts.values()) + Applicant.select().count() + PartyOrg.select().count()
    assert count_activities(ActivityQuery(text="党课")) == Activity.select().where(
        Activity.title.contains("党课") | Activity.content.contains("党课") | Activity.agenda.contains("党课")).count()


@pytest.mark.sqlite_only("a released SQLite store file")
def test_migrating_a_version_1_store_fills_the_index(tmp_path):
    path = tmp_path / "v1.sqlite"
    shutil.copy(FIXTURES / "store-v1.sqlite", path)
    open_database(path)
    try:
        assert search_index.index_problems() == []
        title = Activity.select().first().title
        assert title in titles(title[:2]) and title in titles(title)
        assert StudySession.select().count() == 0 or sessions(StudySession.select().first().topic[:2])
    finally:
        close_database()


def test_rebuild_index_repairs_a_lost_or_stale_index(store):
    add("主题党日活动")
    db.execute_sql("DELETE FROM search_index")
    db.execute_sql("DROP TRIGGER search_activity_insert" + (" ON activity" if on_server() else ""))
    assert search_index.index_problems() and titles("党日") == set()
    assert search_index.rebuild_index() == 1
    assert search_index.index_problems() == [] and titles("党日") == {"主题党日活动"}
    add("第二次主题党日")  # the triggers are back
    assert len(titles("党日")) == 2


def test_search_all_lists_hits_of_every_kind(store):
    add("专题党课", content="前面很长的一段文字" * 5 + "讲授党课的要点")
    members.save_member({"name": "党课讲师", "gender": "male", "party_status": "full"})
    development.save_applicant({"name": "李明", "gender": "male", "birth_date": dt.date(1998, 5, 1),
                                "applied_on": dt.date(2024, 3, 1), "notes": "听了党课后递交申请"})
    gone = add("已删除的党课")
    activities.delete_activity(gone)
    hits = search.search_all("党课")
    assert [(h["kind"], h["title"]) for h in hits] == [("activity", "专题党课"), ("member", "党课讲师"),
                                                     ("applicant", "李明")]
    assert hits[2]["kind_label"] == "发展党员" and hits[2]["date"] == dt.date(2024, 3, 1)
    assert [m["label"] for m in hits[2]["matches"]] == ["备注"]
    assert hits[0]["kind_label"] == "支部活动" and hits[0]["date"] == dt.date(2024, 3, 5)
    assert "党课" in hits[0]["snippet"] and len(hits[0]["snippet"]) < 100
    assert search.search_all("  ") == [] and search.search_all("没有的词") == []
    for i in range(4):
        add(f"党课{i}")
    assert len(search.search_all("党课", limit_per_kind=3)) == 3 + 1 + 1
    assert search.count_all("党课") == {"activity": 5, "study_session": 0, "outreach_event": 0, "member": 1,
                                      "organisation": 0, "applicant": 1, "party_org": 0}


def test_the_index_covers_what_each_filter_box_promises():
    for module in (activities, study, outreach, members, organisations, development):
        table = module.SEARCH[0].model._meta.table_name
        assert set(search_index.SPEC[table][1]) == {f.name for f in module.SEARCH}, table
    assert migrations.SEARCH_V8 == search_index.SPEC  # a change to the index needs a new migration step


# -- identical to a LIKE scan ---------------------------------------------------

ALPHABET = "党课调研会议学习主题日志愿服务：，、aAbBzZÉé\u212a"
text = st.text(alphabet=ALPHABET, max_size=14)


def ascii_folded(text: str) -> str:
    return "".join(c.lower() if c.isascii() else c for c in text)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.tuples(text, text, text, text), min_size=1, max_size=8), data=st.data())
def test_results_are_identical_to_a_like_scan(store, rows, data):
    check_like_scan(rows, data)


@pytest.mark.sqlite_only("FTS5's term list, capped so short words are found by reading the entries")
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.tuples(text, text, text, text), min_size=1, max_size=8), data=st.data())
def test_results_are_identical_to_a_like_scan_when_short_words_are_read_from_the_entries(store, monkeypatch, rows,
                                                                                         data):
    monkeypatch.setattr(search_sqlite, "MAX_TRIGRAMS", 1)
    check_like_scan(rows, data)


def check_like_scan(rows, data):
    """The index finds exactly what LIKE finds: every word in some field, ASCII letters in either case (LIKE folds
    no other letters, so É and é, K and the Kelvin sign K stay apart). The scan is done here, in Python, so it
    means the same whichever backend answers."""
    with db.atomic() as transaction:
        for title, place, content, tags in rows:  # tags: the entry's last field
            Activity.create(type="other", title=title or "空", date=dt.date(2024, 1, 1), place=place, content=content,
                            tags=tags)
        corpus = [s for row in rows for s in row if s]
        words = []
        for _ in range(data.draw(st.integers(1, 2))):
            if corpus and data.draw(st.booleans()):
                source = data.draw(st.sampled_from(corpus))
                start = data.draw(st.integers(0, len(source) - 1))
                words.append(source[start:start + data.draw(st.integers(1, 4))])
            else:
                words.append(data.draw(st.text(alphabet=ALPHABET, min_size=1, max_size=4)))
        query = ListQuery(text=" ".join(words))
        stored = Activity.select(Activity.id, Activity.title, Activity.place, Activity.content, Activity.tags).tuples()
        like = {row[0] for row in stored
                if all(any(ascii_folded(w) in ascii_folded(field) for field in row[1:]) for w in query.text.split())}
        found = search_index.Search(query.text).condition(Activity)
        assert {a.id for a in Activity.select(Activity.id).where(found)} == like, words
        transaction.rollback()
