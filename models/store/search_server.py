"""The full-text index of a server store (PostgreSQL): building it, checking it, and asking it.

search_index holds one entry per record: its searched fields (and its children's text), one per line, kept
in step by triggers whoever writes. Two GIN indexes find entries without reading them all:
- pg_trgm over the text folded to lower case (ASCII letters only, as LIKE folds them): a word of three or
  more characters is a LIKE '%word%' the trigram index answers (and rechecks, so it is exact);
- the set of every character and every pair of characters of the folded text: a word of one or two
  characters, which has no trigram, is that set containing the word: exact, and the index's statistics tell
  the planner how common the word is (strpos is asked first, as exact: an entry read one at a time is ruled
  out before its grams are made).
A count of matches stops at Search.cap (see records.common.count). A third GIN index holds the characters and
pairs of one entry in SAMPLE: a count that passes the cap among those passes it in all, and finding so costs an
eighth of making the bitmap of every match of a common word (“党课”: 15 ms → 5 ms on a million activities).
"""
from __future__ import annotations

import contextlib
import contextvars
import string

from peewee import SQL, DatabaseError, Node

from models.store.connection import StoreError, db
from models.store.search_spec import SPEC

INDEX = "search_index"
SAMPLE = 8  # the sample index holds the entries whose record_id is a multiple of this
_SAMPLING = contextvars.ContextVar("search_sampling", default=False)
_FOLD = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)
FUNCTIONS = [
    # ASCII letters to lower case and nothing else: what SQLite's LIKE folds.
    "CREATE OR REPLACE FUNCTION ledger_fold(text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE"
    " AS $$ SELECT translate($1, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') $$",
    # Every character and every pair of neighbouring characters of a text without white space (no search word
    # holds any): the characters, then the pairs starting at even and at odd places, each run cut into pairs by
    # a newline after every two characters and split there. Built from C string functions, not a loop of
    # substr() calls (which walk multibyte text from its start each time). Repeats are harmless: GIN keeps
    # each key of an entry once.
    r"CREATE OR REPLACE FUNCTION ledger_grams(text) RETURNS text[] LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE"
    r" AS $$ SELECT string_to_array($1, NULL)"
    r" || string_to_array(regexp_replace($1, '(..)', E'\\1\n', 'g'), E'\n')"
    r" || string_to_array(regexp_replace(substr($1, 2), '(..)', E'\\1\n', 'g'), E'\n') $$",
]


def fold(word: str) -> str:
    return word.translate(_FOLD)


# -- building the index --------------------------------------------------------

def _body(entry, row: str) -> str:
    """The SQL text of an entry: the record's fields (and its children's text), one per line, so a word
    (which holds no white space) never matches across two fields."""
    _, columns, child = entry
    parts = [f"coalesce({row}.\"{c}\", '')" for c in columns]
    if child:
        child_table, key, text = child
        parts.append(f"coalesce((SELECT string_agg(c.\"{text}\", E'\\n' ORDER BY c.id) FROM \"{child_table}\" c"
                     f" WHERE c.\"{key}\" = {row}.id), '')")
    return " || E'\\n' || ".join(parts)


def _fill(table: str, entry, where: str) -> str:
    """Write (or rewrite) the entries of table's rows matching where."""
    return (f"INSERT INTO {INDEX} (kind, record_id, body) SELECT {entry[0]}, r.id, {_body(entry, 'r')}"
            f" FROM \"{table}\" r WHERE {where} ON CONFLICT (kind, record_id) DO UPDATE SET body = EXCLUDED.body")


def _function(name: str, body: str) -> str:
    return (f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n{body}\n"
            "RETURN NULL;\nEND $$")


def _triggers(table: str, entry) -> list[str]:
    """Triggers keeping the entries of table in step with every insert, update and delete, whoever makes them.
    Inserts and deletes run once per statement (a bulk insert of 100 000 rows is one trigger call)."""
    kind, columns, child = entry
    name = f"search_{table}"
    out = [
        _function(f"{name}_insert", _fill(table, entry, "r.id IN (SELECT id FROM new_rows)") + ";"),
        f"CREATE TRIGGER {name}_insert AFTER INSERT ON \"{table}\" REFERENCING NEW TABLE AS new_rows"
        f" FOR EACH STATEMENT EXECUTE FUNCTION {name}_insert()",
        _function(f"{name}_update", f"DELETE FROM {INDEX} WHERE kind = {kind} AND record_id = OLD.id;\n"
                                    + _fill(table, entry, "r.id = NEW.id") + ";"),
        f"CREATE TRIGGER {name}_update AFTER UPDATE OF id, {', '.join(columns)} ON \"{table}\""
        f" FOR EACH ROW EXECUTE FUNCTION {name}_update()",
        _function(f"{name}_delete",
                  f"DELETE FROM {INDEX} WHERE kind = {kind} AND record_id IN (SELECT id FROM old_rows);"),
        f"CREATE TRIGGER {name}_delete AFTER DELETE ON \"{table}\" REFERENCING OLD TABLE AS old_rows"
        f" FOR EACH STATEMENT EXECUTE FUNCTION {name}_delete()",
    ]
    if child:
        child_table, key, text = child
        name = f"search_{child_table}"
        # The record's entry is written again from what is there now: a record deleted with its children
        # (ON DELETE CASCADE) is gone by then, so its entry is not brought back.
        out += [
            _function(f"{name}_insert", _fill(table, entry, f"r.id IN (SELECT \"{key}\" FROM new_rows)") + ";"),
            f"CREATE TRIGGER {name}_insert AFTER INSERT ON \"{child_table}\" REFERENCING NEW TABLE AS new_rows"
            f" FOR EACH STATEMENT EXECUTE FUNCTION {name}_insert()",
            _function(f"{name}_update", _fill(table, entry, f"r.id IN (OLD.\"{key}\", NEW.\"{key}\")") + ";"),
            f"CREATE TRIGGER {name}_update AFTER UPDATE OF \"{key}\", \"{text}\" ON \"{child_table}\""
            f" FOR EACH ROW EXECUTE FUNCTION {name}_update()",
            _function(f"{name}_delete", _fill(table, entry, f"r.id IN (SELECT \"{key}\" FROM old_rows)") + ";"),
            f"CREATE TRIGGER {name}_delete AFTER DELETE ON \"{child_table}\" REFERENCING OLD TABLE AS old_rows"
            f" FOR EACH STATEMENT EXECUTE FUNCTION {name}_delete()",
        ]
    return out


def drop(database) -> None:
    """Remove the index, its triggers and their functions (nothing else depends on them)."""
    for table, function in database.execute_sql(
            "SELECT c.relname, p.proname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
            " JOIN pg_proc p ON p.oid = t.tgfoid WHERE NOT t.tgisinternal AND t.tgname LIKE 'search\\_%%'"
            " AND pg_catalog.pg_table_is_visible(c.oid)").fetchall():
        database.execute_sql(f'DROP TRIGGER IF EXISTS "{function}" ON "{table}"')
    for (function,) in database.execute_sql(
            "SELECT p.proname FROM pg_proc p WHERE p.proname LIKE 'search\\_%%'"
            " AND pg_catalog.pg_function_is_visible(p.oid) AND p.prorettype = 'trigger'::regtype").fetchall():
        database.execute_sql(f'DROP FUNCTION IF EXISTS "{function}"()')
    database.execute_sql(f"DROP TABLE IF EXISTS {INDEX}")


def _extension(database) -> None:
    try:
        with database.atomic():  # a savepoint: a refusal leaves the climb's transaction usable for the message
            database.execute_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except DatabaseError as e:
        raise StoreError("服务器数据库缺少全文检索需要的 pg_trgm 扩展，当前用户也无权添加。请管理员在该数据库中执行"
                         f" CREATE EXTENSION pg_trgm; 后再打开。（{str(e).strip().splitlines()[0]}）") from None


def install(database, spec: dict) -> None:
    """Create the index and its triggers afresh and fill it from the records there are.

    Runs inside the caller's transaction (a migration step, or rebuild_index).
    """
    _extension(database)
    for statement in FUNCTIONS:
        database.execute_sql(statement)
    drop(database)
    database.execute_sql(f"CREATE TABLE {INDEX} (kind SMALLINT NOT NULL, record_id BIGINT NOT NULL,"
                         " body TEXT NOT NULL, folded TEXT GENERATED ALWAYS AS (ledger_fold(body)) STORED,"
                         " PRIMARY KEY (kind, record_id))")
    for table, entry in spec.items():
        database.execute_sql(_fill(table, entry, "true"))
        for statement in _triggers(table, entry):
            database.execute_sql(statement)
    # Built after the first fill: one pass over the entries instead of one insert at a time.
    database.execute_sql(f"CREATE INDEX {INDEX}_trigrams ON {INDEX} USING gin (folded gin_trgm_ops)")
    database.execute_sql(f"CREATE INDEX {INDEX}_grams ON {INDEX} USING gin (ledger_grams(folded))")
    add_sample(database)


def add_sample(database) -> None:
    """The sample index (see the module's docstring), made where it is missing."""
    database.execute_sql(f"CREATE INDEX IF NOT EXISTS {INDEX}_sample ON {INDEX} USING gin (ledger_grams(folded))"
                         f" WHERE record_id %% {SAMPLE} = 0")  # %%: the driver's %, said once


def settle(database=None) -> None:
    """Merge what many inserts left in the GIN indexes' pending lists (a search reads those lists whole)."""
    (database or db).execute_sql(
        f"SELECT gin_clean_pending_list('{INDEX}_trigrams'), gin_clean_pending_list('{INDEX}_grams'),"
        f" gin_clean_pending_list('{INDEX}_sample')")


def rebuild_index() -> int:
    with db.atomic():
        install(db, SPEC)
    db.execute_sql(f"ANALYZE {INDEX}")
    return db.execute_sql(f"SELECT count(*) FROM {INDEX}").fetchone()[0]


def index_problems() -> list[str]:
    if db.execute_sql("SELECT to_regclass(%s)", (INDEX,)).fetchone()[0] is None:
        return ["全文检索索引不存在"]
    problems = []
    found = {name for (name,) in db.execute_sql(
        "SELECT t.tgname FROM pg_trigger t WHERE NOT t.tgisinternal AND t.tgname LIKE 'search\\_%%'")}
    tables = [*SPEC, *(child[0] for _, _, child in SPEC.values() if child)]
    wanted = {f"search_{table}_{what}" for table in tables for what in ("insert", "update", "delete")}
    if wanted - found:
        problems.append("全文检索索引的触发器缺失：" + "、".join(sorted(wanted - found)))
    for table, entry in SPEC.items():
        rows, indexed, stale = db.execute_sql(
            f"SELECT (SELECT count(*) FROM \"{table}\"), (SELECT count(*) FROM {INDEX} WHERE kind = %s),"
            f" (SELECT count(*) FROM \"{table}\" r LEFT JOIN {INDEX} s ON s.kind = %s AND s.record_id = r.id"
            f" WHERE s.body IS DISTINCT FROM {_body(entry, 'r')})", (entry[0], entry[0])).fetchone()
        if indexed != rows:
            problems.append(f"全文检索索引与数据不一致：{table} 有 {rows} 条记录，索引中 {indexed} 条")
        elif stale:
            problems.append(f"全文检索索引与数据不一致：{table} 有 {stale} 条记录的索引内容已过时")
    return problems


# -- searching -----------------------------------------------------------------

def _like(word: str) -> str:
    return "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


class Search:
    """The words of a filter text; every word must occur (see the module's docstring for how each is found)."""

    # A count of matches stops here: counting costs a read of every match's entry, and a common word has tens
    # of thousands in a large store. More than this is said as such (records.common.count).
    cap = 1000

    def __init__(self, text: str):
        self.words = text.split()
        # whether a count may ask the sample first: a word of 1-2 characters is found by the pairs, which it has
        self.sampled = any(len(w) < 3 for w in self.words)

    def condition(self, model):
        """A peewee condition keeping model's records that hold every word; None for a table not indexed."""
        entry = SPEC.get(model._meta.table_name)
        if entry is None or not self.words:
            return None
        if any("\x00" in w for w in self.words):  # server text never holds NUL: no record has such a word
            return model.id.in_([])
        where, params = ["kind = %s"], [entry[0]]
        for word in dict.fromkeys(fold(w) for w in self.words):
            if len(word) >= 3:
                where.append("folded LIKE %s")
                params.append(_like(word))
            else:
                # The grams find the entries holding the word, and their statistics tell the planner about how
                # many: for a page of a common word it walks the date index, for a rare one it takes the matches
                # and sorts them. strpos, as exact, rules out an entry probed on that walk before its grams are
                # made. It is not LIKE: LIKE's own estimate (a few per cent) would multiply the grams' one down
                # to hundreds where there are tens of thousands, and the planner would sort them all for a page.
                where.append("strpos(folded, %s) > 0 AND ledger_grams(folded) @> ARRAY[%s]::text[]")
                params += [word, word]
        return model.id.in_(_Entries(where, params, self.sampled))

    @staticmethod
    def sample():
        """Inside this, a condition of short words keeps only the sampled entries' records (record_id a multiple
        of SAMPLE), which the sample index finds: some of the matches, never one that is not."""
        return _sampling()


@contextlib.contextmanager
def _sampling():
    token = _SAMPLING.set(True)
    try:
        yield
    finally:
        _SAMPLING.reset(token)


class _Entries(Node):
    """The entries holding every word, as a subquery said when its query runs (so Search.sample() reaches a query
    built before it)."""

    def __init__(self, where: list[str], params: list, sampled: bool):
        super().__init__()
        self.where, self.params, self.sampled = where, params, sampled

    def __sql__(self, ctx):
        where = self.where + ([f"record_id %% {SAMPLE} = 0"] if self.sampled and _SAMPLING.get() else [])
        return ctx.sql(SQL(f"(SELECT record_id FROM {INDEX} WHERE {' AND '.join(where)})", self.params))


def bodies(model, ids: list[int]) -> dict[int, str]:
    if not ids:
        return {}
    kind = SPEC[model._meta.table_name][0]
    return dict(db.execute_sql(f"SELECT record_id, body FROM {INDEX} WHERE kind = %s AND record_id = ANY(%s)",
                               (kind, list(ids))).fetchall())
