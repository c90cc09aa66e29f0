"""The full-text index of a SQLite store (FTS5, trigram): building it, checking it, and asking it."""
from __future__ import annotations

from peewee import SQL

from models.store.connection import db
from models.store.search_spec import SPEC

INDEX = "search_index"
TERMS = "search_terms"  # fts5vocab over INDEX: every trigram it holds, in order
BLOCK = 1 << 40         # an entry's rowid is its kind's block number × BLOCK + the record's id
# A short word that begins more trigrams than this (a common single character) is found by reading the
# entries instead: an OR of tens of thousands of trigrams would cost more than the scan.
MAX_TRIGRAMS = 2000

# -- building the index --------------------------------------------------------

def _body(table: str, entry, row: str) -> str:
    """The SQL text of an entry: the record's fields (and its children's text), one per line.

    A newline separates fields because no search word holds one, so a word never matches across two
    fields. Two newlines end the entry so every character is followed by two more: each 1- or
    2-character word that occurs is then the start of some trigram of the entry (how short words are found).
    """
    _, columns, child = entry
    parts = [f"coalesce({row}.\"{c}\", '')" for c in columns]
    if child:
        child_table, key, text = child
        parts.append(f"coalesce((SELECT group_concat(\"{text}\", char(10)) FROM \"{child_table}\""
                     f" WHERE \"{key}\" = {row}.id), '')")
    return " || char(10) || ".join(parts) + " || char(10, 10)"


def _reindex(table: str, entry, record_id: str) -> str:
    block, quoted = entry[0] * BLOCK, f'"{table}"'
    return (f"DELETE FROM {INDEX} WHERE rowid = {block} + {record_id};\n"
            f"  INSERT INTO {INDEX}(rowid, body) SELECT {block} + id, {_body(table, entry, quoted)}"
            f" FROM {quoted} WHERE id = {record_id};")


def _triggers(table: str, entry) -> list[str]:
    """Triggers keeping the entries of table in step with every insert, update and delete, whoever makes them."""
    block, columns, child = entry
    block *= BLOCK
    name = f"search_{table}"
    out = [
        f"CREATE TRIGGER {name}_insert AFTER INSERT ON \"{table}\" BEGIN\n"
        f"  INSERT INTO {INDEX}(rowid, body) VALUES ({block} + NEW.id, {_body(table, entry, 'NEW')});\nEND",
        f"CREATE TRIGGER {name}_update AFTER UPDATE OF id, {', '.join(columns)} ON \"{table}\" BEGIN\n"
        f"  DELETE FROM {INDEX} WHERE rowid = {block} + OLD.id;\n"
        f"  INSERT INTO {INDEX}(rowid, body) VALUES ({block} + NEW.id, {_body(table, entry, 'NEW')});\nEND",
        f"CREATE TRIGGER {name}_delete AFTER DELETE ON \"{table}\" BEGIN\n"
        f"  DELETE FROM {INDEX} WHERE rowid = {block} + OLD.id;\nEND",
    ]
    if child:
        child_table, key, text = child
        name = f"search_{child_table}"
        out += [
            f"CREATE TRIGGER {name}_insert AFTER INSERT ON \"{child_table}\" BEGIN\n"
            f"  {_reindex(table, entry, f'NEW.{key}')}\nEND",
            f"CREATE TRIGGER {name}_update AFTER UPDATE OF {key}, \"{text}\" ON \"{child_table}\" BEGIN\n"
            f"  {_reindex(table, entry, f'OLD.{key}')}\n  {_reindex(table, entry, f'NEW.{key}')}\nEND",
            f"CREATE TRIGGER {name}_delete AFTER DELETE ON \"{child_table}\" BEGIN\n"
            f"  {_reindex(table, entry, f'OLD.{key}')}\nEND",
        ]
    return out


def drop(database) -> None:
    """Remove the index and its triggers (nothing else depends on them)."""
    for (name,) in database.execute_sql("SELECT name FROM sqlite_master WHERE type = 'trigger'"
                                        " AND name LIKE 'search\\_%' ESCAPE '\\'").fetchall():
        database.execute_sql(f'DROP TRIGGER "{name}"')
    database.execute_sql(f"DROP TABLE IF EXISTS {TERMS}")
    database.execute_sql(f"DROP TABLE IF EXISTS {INDEX}")


def install(database, spec: dict) -> None:
    """Create the index and its triggers afresh and fill it from the records there are.

    Runs inside the caller's transaction (a migration step, or rebuild_index).
    """
    drop(database)
    # columnsize=0: nothing here ranks by length, so the per-entry token counts are not kept.
    database.execute_sql(f"CREATE VIRTUAL TABLE {INDEX} USING fts5(body, tokenize='trigram', columnsize=0)")
    database.execute_sql(f"CREATE VIRTUAL TABLE {TERMS} USING fts5vocab({INDEX}, row)")
    for table, entry in spec.items():
        for statement in _triggers(table, entry):
            database.execute_sql(statement)
        quoted = f'"{table}"'
        database.execute_sql(f"INSERT INTO {INDEX}(rowid, body) SELECT {entry[0] * BLOCK} + id,"
                             f" {_body(table, entry, quoted)} FROM {quoted}")


def rebuild_index() -> int:
    """Build the index again from the records (for check --repair); returns the number of entries."""
    with db.atomic():
        install(db, SPEC)
        # Merge the freshly written segments so the first searches afterwards read one b-tree.
        db.execute_sql(f"INSERT INTO {INDEX}({INDEX}) VALUES ('optimize')")
    return db.execute_sql(f"SELECT count(*) FROM {INDEX}").fetchone()[0]


def index_problems() -> list[str]:
    """What is wrong with the index (missing, damaged, out of step with the records); empty when it is sound."""
    if not db.execute_sql("SELECT 1 FROM sqlite_master WHERE name = ?", (INDEX,)).fetchone():
        return ["全文检索索引不存在"]
    problems = []
    try:
        with db.atomic() as transaction:
            db.execute_sql(f"INSERT INTO {INDEX}({INDEX}) VALUES ('integrity-check')")
            transaction.rollback()
    except Exception as e:  # noqa: BLE001 — FTS5 reports damage as a generic database error
        if any(word in str(e).lower() for word in ("locked", "busy")):
            raise  # another program is writing: the store is busy, not the index damaged
        problems.append(f"全文检索索引已损坏（{e}）")
    for table, (block, _, _) in SPEC.items():
        lo, hi = block * BLOCK, (block + 1) * BLOCK - 1
        indexed = db.execute_sql(f"SELECT count(*) FROM {INDEX} WHERE rowid BETWEEN ? AND ?", (lo, hi)).fetchone()[0]
        rows = db.execute_sql(f'SELECT count(*) FROM "{table}"').fetchone()[0]
        if indexed != rows:
            problems.append(f"全文检索索引与数据不一致：{table} 有 {rows} 条记录，索引中 {indexed} 条")
    return problems


# -- searching -----------------------------------------------------------------

def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _has_case(char: str) -> bool:
    return char.lower() != char or char.upper() != char


def _following(prefix: str) -> str | None:
    """The least string greater than every string that starts with prefix (None: no such string)."""
    code = ord(prefix[-1]) + 1
    if 0xD800 <= code <= 0xDFFF:
        code = 0xE000
    return prefix[:-1] + chr(code) if code <= 0x10FFFF else None


class Search:
    """The words of a filter text, turned once into what the index is asked; every word must occur.

    A word of 3 or more characters is an FTS5 trigram phrase. A shorter word has no trigram of its
    own, but each place it occurs starts a trigram of the entry (see _body), so it becomes the OR of
    the index's trigrams that begin with it, read from the index's own term list. Both are exact for
    uncased text such as Chinese. FTS5 folds case in every script where LIKE folds only ASCII, so a
    word with cased letters is also checked against the entry text; a short word with non-ASCII cased
    letters (rare), or one beginning too many trigrams, is found by that check alone.
    """

    cap = None  # counts are exact: a local file counts even a common word's matches in a fraction of a second
    sampled = False  # and so asks no sample first (search_server.Search.sample)

    def __init__(self, text: str):
        self.words = text.split()
        self.phrases: list[str] = []
        self.checks: list[str] = []
        self.impossible = False
        for word in self.words:
            self._add(word)

    def _add(self, word: str) -> None:
        cased = any(_has_case(c) for c in word)
        if cased:
            self.checks.append(word)
        if len(word) >= 3:
            self.phrases.append(_quoted(word))
            return
        if any(_has_case(c) and not c.isascii() for c in word):
            return
        prefix = word.lower()  # the index holds ASCII letters folded to lower case
        upper = _following(prefix)
        sql = f"SELECT term FROM {TERMS} WHERE term >= ?" + (" AND term < ?" if upper else "") + " LIMIT ?"
        params = (prefix, upper, MAX_TRIGRAMS + 1) if upper else (prefix, MAX_TRIGRAMS + 1)
        terms = [t for (t,) in db.execute_sql(sql, params) if t.startswith(prefix)]
        if len(terms) > MAX_TRIGRAMS:
            if not cased:
                self.checks.append(word)
        elif terms:
            self.phrases.append("(" + " OR ".join(_quoted(t) for t in terms) + ")")
        else:
            self.impossible = True

    def condition(self, model):
        """A peewee condition keeping model's records that hold every word; None for a table not indexed."""
        entry = SPEC.get(model._meta.table_name)
        if entry is None or not self.words:
            return None
        if self.impossible:
            return model.id.in_([])
        low = entry[0] * BLOCK
        where, params = [f"rowid BETWEEN {low} AND {low + BLOCK - 1}"], []
        if self.phrases:
            where.insert(0, f"{INDEX} MATCH ?")
            params.append(" AND ".join(self.phrases))
        for word in self.checks:
            where.append("instr(lower(body), lower(?)) > 0")  # lower() folds ASCII only, as LIKE does
            params.append(word)
        return model.id.in_(SQL(f"(SELECT rowid - {low} FROM {INDEX} WHERE {' AND '.join(where)})", params))


def bodies(model, ids: list[int]) -> dict[int, str]:
    """The indexed text of some records of model: {id: text}."""
    low = SPEC[model._meta.table_name][0] * BLOCK
    if not ids:
        return {}
    marks = ", ".join("?" * len(ids))
    return {rowid - low: body for rowid, body in
            db.execute_sql(f"SELECT rowid, body FROM {INDEX} WHERE rowid IN ({marks})", [low + i for i in ids])}
