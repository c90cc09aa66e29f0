"""The schema ladder: the steps taken are counted (PRAGMA user_version in a SQLite file, the ledger_version
table on a server); the steps to take run in one transaction. Each step is written once, as SQLite SQL, and run
through run(), which says it the PostgreSQL way on a server (dialect.py)."""
from __future__ import annotations

import json
from pathlib import Path

from models.store.connection import APPLICATION_ID, StoreError, is_server, new_uuid, utcnow
from models.store.dialect import server_sql
from models.store.files import FILE_TABLE_SQL

SCHEMA_V1 = Path(__file__).with_name("schema_v1.sql")
# What version 1 seeded a new store with, frozen here: the catalogue people edit lives in the store itself.
V1_SECTIONS = ["强化政治意识", "强化改革创新", "强化聚力融合"]
V1_INDICATORS = [
    ("参与社会组织", "家"), ("会员企业", "家"), ("捐赠资金", "元"), ("捐赠物资价值", "元"),
    ("帮扶项目", "项"), ("订单", "单"), ("销售额", "元"), ("培训人数", "人"), ("提供岗位", "个"),
    ("安置就业", "人"), ("受益人数", "人"), ("志愿服务", "人次"), ("新成立党支部", "个"),
    ("调整联合党支部", "个"), ("覆盖社会组织", "家"), ("党建工作指导员", "名"),
    ("新任法定代表人公示", "人"), ("约见谈话", "人次"),
]


def _statements(sql_file: Path) -> list[str]:
    # Split by hand: executescript() would commit first and break the step's atomicity.
    lines = [ln for ln in sql_file.read_text(encoding="utf-8").splitlines() if not ln.startswith("--")]
    return [s.strip() for s in "\n".join(lines).split(";\n") if s.strip().rstrip(";")]


def run(database, sql: str, params=()):
    """One statement of a step, on either backend (written as SQLite SQL)."""
    return database.execute_sql(server_sql(sql) if is_server(database) else sql, params)


def _step_1(database, migrator) -> None:
    """Every table of the first release, with the default report sections and indicator catalogue."""
    for statement in _statements(SCHEMA_V1):
        run(database, statement.rstrip(";"))
    now = utcnow()
    for position, name in enumerate(V1_SECTIONS):
        run(database, "INSERT INTO report_section (uuid, created_at, updated_at, name, position) VALUES (?, ?, ?, ?, ?)",
            (new_uuid(), now, now, name, position))
    for position, (name, unit) in enumerate(V1_INDICATORS):
        # True is stored as 1 in SQLite, as true on a server
        run(database, "INSERT INTO indicator (uuid, created_at, updated_at, name, unit, position, builtin)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)", (new_uuid(), now, now, name, unit, position, True))


# The search index as version 2 built it, frozen here: a later change to search_index.SPEC is a new step.
# A later step that rebuilds an indexed table (drop or alter a column) drops its triggers with it, so it
# must end with search_index.install(database). A step changes tables through the migrator it is given
# (SqliteMigrator rebuilds a table with foreign keys off; PostgresqlMigrator says ALTER TABLE, and a server
# checks foreign keys, and carries out ON DELETE, as each statement runs), never by hand-written rebuilds.
SEARCH_V2 = {
    "activity": (1, ("title", "place", "host", "recorder", "speaker", "agenda", "content", "decisions",
                     "guests", "tags"), None),
    "study_session": (2, ("topic", "materials", "lead_speaker", "place", "notes"),
                      ("reflection", "session_id", "text")),
    "outreach_event": (3, ("title", "series", "place", "region", "co_organisers", "description", "outcomes"),
                       None),
    "member": (4, ("name", "phone", "job_title", "party_post", "ethnicity", "left_to", "notes"), None),
    "organisation": (5, ("name", "credit_code", "legal_rep", "instructor", "contact_person", "address",
                         "notes"), None),
}


def _step_2(database, migrator) -> None:
    """The full-text search index over every record kind, its triggers, filled from the records there are."""
    import models.store.search_index as search_index
    search_index.install(database, SEARCH_V2)


SOURCE_BRANCH_TABLES = ("member", "organisation", "activity", "study_group", "study_session", "outreach_event")


def _step_3(database, migrator) -> None:
    """The audit trail, archived periods, and each record's source branch (for data packages between PCs).
    Only new tables and added columns: no table is rebuilt, so the search triggers stay in place."""
    run(database,
        'CREATE TABLE "audit_entry" ("id" INTEGER NOT NULL PRIMARY KEY, "at" DATETIME NOT NULL, '
        '"operator" VARCHAR(30) NOT NULL, "kind" VARCHAR(30) NOT NULL, "record_uuid" VARCHAR(36) NOT NULL, '
        '"action" VARCHAR(20) NOT NULL, "summary" VARCHAR(200) NOT NULL, "changes" TEXT NOT NULL)')
    run(database, 'CREATE INDEX "audit_entry_at" ON "audit_entry" ("at")')
    run(database, 'CREATE INDEX "audit_entry_record_uuid" ON "audit_entry" ("record_uuid")')
    run(database,
        'CREATE TABLE "archived_period" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(36) NOT NULL, '
        '"created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, "date_from" DATE NOT NULL, '
        '"date_to" DATE NOT NULL, "operator" VARCHAR(30) NOT NULL, "note" TEXT NOT NULL)')
    run(database, 'CREATE UNIQUE INDEX "archived_period_uuid" ON "archived_period" ("uuid")')
    for table in SOURCE_BRANCH_TABLES:
        run(database, f'ALTER TABLE "{table}" ADD COLUMN "source_branch" VARCHAR(60) NOT NULL DEFAULT \'\'')


# The aggregation rules version 4 gave the built-in indicators (DOMAIN.md, "Figures"): counts of organisations
# are never added up across events, running totals report their latest value.
V4_RULES = {"参与社会组织": "none", "会员企业": "none", "安置就业": "latest", "覆盖社会组织": "latest"}


def _step_4(database, migrator) -> None:
    """Each indicator's aggregation rule; a figure's approximate value as entered (200余); 亮点 and 成效 on
    activities and events. Only added columns: no table is rebuilt, so the search triggers stay in place."""
    for statement in (
            'ALTER TABLE "indicator" ADD COLUMN "rule" VARCHAR(10) NOT NULL DEFAULT \'sum\'',
            'ALTER TABLE "figure" ADD COLUMN "as_entered" VARCHAR(30) NOT NULL DEFAULT \'\'',
            'ALTER TABLE "activity" ADD COLUMN "highlight" INTEGER NOT NULL DEFAULT 0',
            'ALTER TABLE "activity" ADD COLUMN "outcomes" TEXT NOT NULL DEFAULT \'\'',
            'ALTER TABLE "outreach_event" ADD COLUMN "highlight" INTEGER NOT NULL DEFAULT 0'):
        run(database, statement)
    for name, rule in V4_RULES.items():
        run(database, 'UPDATE "indicator" SET "rule" = ? WHERE "builtin" = ? AND "name" = ?', (rule, True, name))


def _step_5(database, migrator) -> None:
    """Party dues (党费): each member's base for a year and the months paid. Only new tables."""
    for statement in (
            'CREATE TABLE "dues_base" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(36) NOT NULL, '
            '"created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, "member_id" INTEGER NOT NULL, '
            '"year" INTEGER NOT NULL, "category" VARCHAR(20) NOT NULL, "income_fen" INTEGER, '
            '"due_fen" INTEGER NOT NULL, "note" VARCHAR(200) NOT NULL, '
            'FOREIGN KEY ("member_id") REFERENCES "member" ("id") ON DELETE CASCADE)',
            'CREATE UNIQUE INDEX "dues_base_uuid" ON "dues_base" ("uuid")',
            'CREATE INDEX "dues_base_member_id" ON "dues_base" ("member_id")',
            'CREATE UNIQUE INDEX "dues_base_member_id_year" ON "dues_base" ("member_id", "year")',
            'CREATE TABLE "dues_payment" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(36) NOT NULL, '
            '"created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, "base_id" INTEGER NOT NULL, '
            '"month" INTEGER NOT NULL, "paid_on" DATE NOT NULL, "amount_fen" INTEGER NOT NULL, '
            '"note" VARCHAR(200) NOT NULL, '
            'FOREIGN KEY ("base_id") REFERENCES "dues_base" ("id") ON DELETE CASCADE, CHECK (month BETWEEN 1 AND 12))',
            'CREATE UNIQUE INDEX "dues_payment_uuid" ON "dues_payment" ("uuid")',
            'CREATE INDEX "dues_payment_base_id" ON "dues_payment" ("base_id")',
            'CREATE UNIQUE INDEX "dues_payment_base_id_month" ON "dues_payment" ("base_id", "month")'):
        run(database, statement)


def _step_6(database, migrator) -> None:
    """New members (发展党员): each applicant, the steps of their path and the members who took part. Only new
    tables."""
    for statement in (
            'CREATE TABLE "applicant" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(36) NOT NULL, '
            '"created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, "deleted_at" DATETIME, '
            '"name" VARCHAR(50) NOT NULL, "gender" VARCHAR(10) NOT NULL, "birth_date" DATE NOT NULL, '
            '"workplace" VARCHAR(100) NOT NULL, "post" VARCHAR(60) NOT NULL, "phone" VARCHAR(30) NOT NULL, '
            '"applied_on" DATE NOT NULL, "member_id" INTEGER, "notes" TEXT NOT NULL, '
            '"source_branch" VARCHAR(60) NOT NULL, '
            'FOREIGN KEY ("member_id") REFERENCES "member" ("id") ON DELETE SET NULL)',
            'CREATE UNIQUE INDEX "applicant_uuid" ON "applicant" ("uuid")',
            'CREATE INDEX "applicant_deleted_at" ON "applicant" ("deleted_at")',
            'CREATE INDEX "applicant_name" ON "applicant" ("name")',
            'CREATE INDEX "applicant_member_id" ON "applicant" ("member_id")',
            'CREATE TABLE "development_step" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(36) NOT NULL, '
            '"created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, "applicant_id" INTEGER NOT NULL, '
            '"kind" VARCHAR(20) NOT NULL, "date" DATE NOT NULL, "meeting_id" INTEGER, "days" INTEGER, '
            '"hours" INTEGER, "months" INTEGER, "note" VARCHAR(200) NOT NULL, '
            'FOREIGN KEY ("applicant_id") REFERENCES "applicant" ("id") ON DELETE CASCADE, '
            'FOREIGN KEY ("meeting_id") REFERENCES "activity" ("id") ON DELETE SET NULL)',
            'CREATE UNIQUE INDEX "development_step_uuid" ON "development_step" ("uuid")',
            'CREATE INDEX "development_step_applicant_id" ON "development_step" ("applicant_id")',
            'CREATE INDEX "development_step_meeting_id" ON "development_step" ("meeting_id")',
            'CREATE UNIQUE INDEX "development_step_applicant_id_kind" ON "development_step" ("applicant_id", "kind")',
            'CREATE TABLE "development_person" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(36) NOT NULL, '
            '"created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, "applicant_id" INTEGER NOT NULL, '
            '"step" VARCHAR(20) NOT NULL, "member_id" INTEGER NOT NULL, '
            'FOREIGN KEY ("applicant_id") REFERENCES "applicant" ("id") ON DELETE CASCADE, '
            'FOREIGN KEY ("member_id") REFERENCES "member" ("id") ON DELETE CASCADE)',
            'CREATE UNIQUE INDEX "development_person_uuid" ON "development_person" ("uuid")',
            'CREATE INDEX "development_person_applicant_id" ON "development_person" ("applicant_id")',
            'CREATE INDEX "development_person_member_id" ON "development_person" ("member_id")',
            'CREATE UNIQUE INDEX "development_person_applicant_id_step_member_id" ON "development_person" '
            '("applicant_id", "step", "member_id")'):
        run(database, statement)


# The search index as version 7 built it: the member's workplace and the organisation a transfer came from, and
# the people on the path to membership (发展党员) as their page's filter box searches them.
SEARCH_V7 = dict(SEARCH_V2, member=(4, ("name", "phone", "workplace", "job_title", "party_post", "ethnicity",
                                        "came_from", "left_to", "notes"), None),
                 applicant=(6, ("name", "workplace", "post", "phone", "notes"), None))


def _step_7(database, migrator) -> None:
    """The member record: ID card number, workplace, and a transfer into the branch (组织关系转入) with its date
    and the organisation it came from. Only added columns; the search index is built again with them and with
    the applicants (发展党员)."""
    import models.store.search_index as search_index
    for statement in (
            'ALTER TABLE "member" ADD COLUMN "id_card" VARCHAR(18) NOT NULL DEFAULT \'\'',
            'ALTER TABLE "member" ADD COLUMN "workplace" VARCHAR(100) NOT NULL DEFAULT \'\'',
            'ALTER TABLE "member" ADD COLUMN "came_on" DATE',
            'ALTER TABLE "member" ADD COLUMN "came_from" VARCHAR(100) NOT NULL DEFAULT \'\''):
        run(database, statement)
    search_index.install(database, SEARCH_V7)


def _day(value) -> str:
    """A date column's value as ISO text, whichever backend gave it."""
    return str(value)[:10]


# The search index as version 8 built it: the party organisations (党组织) by name and notes.
SEARCH_V8 = dict(SEARCH_V7, party_org=(7, ("name", "notes"), None))


def _step_8(database, migrator) -> None:
    """Party building in the supervised organisations: party organisations, the organisations each covers from
    when to when, and each organisation's instructors over time. Only new tables, seeded from the organisation's
    party_org, party_org_date and instructor columns (which stay, kept in step with the new tables):
    - an independent branch becomes a party organisation of its own, named after the organisation;
    - organisations marked joint that share an instructor become one joint branch (a joint branch is set up for
      several small organisations under one instructor, so the instructor is what they have in common); a joint
      one without an instructor becomes a joint branch of its own, joined by others later;
    - a party organisation dates from party_org_date, or when that is empty from the registration date, or from
      the day the record was made; an instructor's term starts on the same day.
    The search index is built again with the party organisations, and the ID card numbers the members' change
    history holds are masked as lists show them (see _mask_id_cards)."""
    import models.store.search_index as search_index
    _mask_id_cards(database)
    for statement in (
            'CREATE TABLE "party_org" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(36) NOT NULL, '
            '"created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, "name" VARCHAR(100) NOT NULL, '
            '"kind" VARCHAR(20) NOT NULL, "set_up_on" DATE NOT NULL, "ended_on" DATE, "notes" TEXT NOT NULL, '
            '"source_branch" VARCHAR(60) NOT NULL)',
            'CREATE UNIQUE INDEX "party_org_uuid" ON "party_org" ("uuid")',
            'CREATE INDEX "party_org_name" ON "party_org" ("name")',
            'CREATE TABLE "party_org_link" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(36) NOT NULL, '
            '"created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, "party_org_id" INTEGER NOT NULL, '
            '"organisation_id" INTEGER NOT NULL, "date_from" DATE NOT NULL, "date_to" DATE, '
            'FOREIGN KEY ("party_org_id") REFERENCES "party_org" ("id") ON DELETE CASCADE, '
            'FOREIGN KEY ("organisation_id") REFERENCES "organisation" ("id") ON DELETE CASCADE)',
            'CREATE UNIQUE INDEX "party_org_link_uuid" ON "party_org_link" ("uuid")',
            'CREATE INDEX "party_org_link_party_org_id" ON "party_org_link" ("party_org_id")',
            'CREATE INDEX "party_org_link_organisation_id" ON "party_org_link" ("organisation_id")',
            'CREATE TABLE "instructor_term" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(36) NOT NULL, '
            '"created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, "organisation_id" INTEGER NOT NULL, '
            '"name" VARCHAR(50) NOT NULL, "date_from" DATE NOT NULL, "date_to" DATE, '
            'FOREIGN KEY ("organisation_id") REFERENCES "organisation" ("id") ON DELETE CASCADE)',
            'CREATE UNIQUE INDEX "instructor_term_uuid" ON "instructor_term" ("uuid")',
            'CREATE INDEX "instructor_term_organisation_id" ON "instructor_term" ("organisation_id")'):
        run(database, statement)
    now = utcnow()
    rows = run(database, 'SELECT "id", "name", "party_org", "party_org_date", "registered_on", "created_at", '
                         '"instructor" FROM "organisation" ORDER BY "id"').fetchall()
    joint: dict[str, list] = {}
    for org_id, name, party_org, org_date, registered_on, created_at, instructor in rows:
        since = _day(org_date or registered_on or created_at)
        if instructor.strip():
            run(database, 'INSERT INTO "instructor_term" ("uuid", "created_at", "updated_at", "organisation_id", '
                          '"name", "date_from") VALUES (?, ?, ?, ?, ?, ?)',
                (new_uuid(), now, now, org_id, instructor.strip(), since))
        if party_org == "independent":
            _seed_party_org(database, now, f"{name}党支部", "independent", [(org_id, since)])
        elif party_org == "joint":
            joint.setdefault(instructor.strip() or f"#{org_id}", []).append((org_id, since, name))
    for members in joint.values():
        first = min(members, key=lambda m: (m[1], m[0]))
        title = f"{first[2]}等{len(members)}家联合党支部" if len(members) > 1 else f"{first[2]}联合党支部"
        _seed_party_org(database, now, title, "joint", [(m[0], m[1]) for m in members])
    search_index.install(database, SEARCH_V8)


def _masked_number(value):
    return f"{value[:6]}{'*' * 8}{value[14:]}" if isinstance(value, str) and len(value) == 18 else value


def _mask_id_cards(database) -> None:
    """A member's history is read by anyone who may read the record, and the whole number belongs in the record
    only: each id_card change written so far keeps the region and the last four, as lists show the number, and a
    change to the hidden digits alone still reads as a change (as the audit trail writes it from now on)."""
    rows = run(database, 'SELECT "id", "changes" FROM "audit_entry" WHERE "changes" LIKE ?',
               ('%"id_card"%',)).fetchall()
    for entry_id, changes in rows:
        try:
            data = json.loads(changes)
        except ValueError:
            continue
        pair = data.get("id_card") if isinstance(data, dict) else None
        if not isinstance(pair, list) or len(pair) != 2:
            continue
        old, new = (_masked_number(v) for v in pair)
        data["id_card"] = [old, new if new != old or pair[0] == pair[1] else f"{new}（出生日期位已更正）"]
        run(database, 'UPDATE "audit_entry" SET "changes" = ? WHERE "id" = ?',
            (json.dumps(data, ensure_ascii=False), entry_id))


def _seed_party_org(database, now, name: str, kind: str, members: list) -> None:
    uuid = new_uuid()
    run(database, 'INSERT INTO "party_org" ("uuid", "created_at", "updated_at", "name", "kind", "set_up_on", '
                  '"notes", "source_branch") VALUES (?, ?, ?, ?, ?, ?, \'\', \'\')',
        (uuid, now, now, name[:100], kind, min(since for _, since in members)))
    party_org_id = run(database, 'SELECT "id" FROM "party_org" WHERE "uuid" = ?', (uuid,)).fetchone()[0]
    for org_id, since in members:
        run(database, 'INSERT INTO "party_org_link" ("uuid", "created_at", "updated_at", "party_org_id", '
                      '"organisation_id", "date_from") VALUES (?, ?, ?, ?, ?, ?)',
            (new_uuid(), now, now, party_org_id, org_id, since))


def _step_9(database, migrator) -> None:
    """An index holding each attendance row's activity, status and member: the report's counts of a period
    (per activity, section and member) read it alone instead of the whole attendance table, which on a server
    of a million activities is most of the year report's time."""
    run(database, 'CREATE INDEX "attendance_activity_id_status" ON "attendance" ("activity_id", "status", "member_id")')


def _step_10(database, migrator) -> None:
    """A server's search index gains its sample index (one entry in eight): a count of a short word's matches that
    passes its cap among them is known to pass it in all, without the bitmap of every match. A file's index counts
    its matches whole, and has nothing to add."""
    if is_server(database):
        import models.store.search_server as search_server
        search_server.add_sample(database)


STEPS = {1: _step_1, 2: _step_2, 3: _step_3, 4: _step_4, 5: _step_5, 6: _step_6, 7: _step_7, 8: _step_8,
         9: _step_9, 10: _step_10}
SCHEMA_VERSION = max(STEPS)


def upgrade(database, path: Path | None = None) -> int:
    """Bring the store up to SCHEMA_VERSION; returns the version it had before."""
    if is_server(database):
        return _upgrade_server(database)
    found = database.pragma("user_version")
    if found > SCHEMA_VERSION:
        raise StoreError(f"数据文件来自更新版本的程序（数据版本 {found}），请安装新版本。")
    if found == SCHEMA_VERSION:
        return found
    # Imported only for an upgrade: opening an up-to-date store stays quick.
    from playhouse.migrate import SqliteMigrator

    from models.store.backup import make_backup
    if found >= 1:
        make_backup(database, path, f"升级前v{found}")
    migrator = SqliteMigrator(database)
    # One transaction for the whole climb (wholly old or wholly new, even when killed between steps), with
    # foreign keys off so a table rebuild's DROP cannot cascade away rows.
    with migrator.migration_context():
        for version in range(found + 1, SCHEMA_VERSION + 1):
            STEPS[version](database, migrator)
            broken = database.execute_sql("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise StoreError(f"升级到数据版本 {version} 时发现 {len(broken)} 处关联错误，已撤销本次升级。")
            database.pragma("user_version", version)
        database.pragma("application_id", APPLICATION_ID)
    return found


# -- on a server ---------------------------------------------------------------------
# A server database is ours when it has this table, holding one row: the application and the steps taken.
VERSION_TABLE = "ledger_version"
APPLICATION = "branch-ledger"
UPGRADE_LOCK = APPLICATION_ID  # a transaction-scoped advisory lock: one PC climbs the ladder at a time


def has_tables(database) -> bool:
    return database.execute_sql(
        "SELECT EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
        " WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')"
        " AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND left(n.nspname, 3) <> 'pg_')"
    ).fetchone()[0]


def server_version(database) -> int:
    """The server store's data version, 0 for an empty database; StoreError for one that is not ours."""
    where = database.address.shown
    if database.execute_sql("SELECT to_regclass(%s)", (VERSION_TABLE,)).fetchone()[0] is None:
        if has_tables(database):
            raise StoreError(f"服务器数据库“{where}”中已有其他程序的数据表，不是支部台账的数据库，未作任何改动。"
                             "请使用一个新建的空数据库。")
        return 0
    rows = database.execute_sql(f'SELECT "application", "version" FROM "{VERSION_TABLE}"').fetchall()
    if len(rows) != 1 or rows[0][0] != APPLICATION:
        raise StoreError(f"服务器数据库“{where}”不是支部台账的数据库，未作任何改动。")
    return rows[0][1]


def refuse_newer(database, found: int) -> None:
    if found > SCHEMA_VERSION:
        raise StoreError(f"服务器数据库“{database.address.shown}”由更新版本的支部台账使用（数据版本 {found}，"
                         f"本程序支持到 {SCHEMA_VERSION}），请安装新版本后再打开。数据库未作任何改动。")


def _upgrade_server(database) -> int:
    from playhouse.migrate import PostgresqlMigrator
    with database.atomic():
        database.execute_sql("SELECT pg_advisory_xact_lock(%s)", (UPGRADE_LOCK,))
        found = server_version(database)
        refuse_newer(database, found)
        if found == SCHEMA_VERSION:
            return found
        if found == 0:
            database.execute_sql(f'CREATE TABLE "{VERSION_TABLE}" ("application" TEXT NOT NULL, "version" INTEGER NOT NULL)')
            database.execute_sql(f'INSERT INTO "{VERSION_TABLE}" VALUES (%s, 0)', (APPLICATION,))
            database.execute_sql(FILE_TABLE_SQL)  # attachment files live in the server, shared by every PC
        migrator = PostgresqlMigrator(database)
        for version in range(found + 1, SCHEMA_VERSION + 1):
            STEPS[version](database, migrator)  # foreign keys are checked as each statement runs
            database.execute_sql(f'UPDATE "{VERSION_TABLE}" SET "version" = %s', (version,))
    return found
