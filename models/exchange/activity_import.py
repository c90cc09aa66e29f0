"""The all-or-nothing import of activity ledger rows: every problem found first, then one transaction."""
from __future__ import annotations

import datetime as dt
import uuid as uuidlib

from models.exchange.import_problems import ImportProblems, Problem
from models.exchange.ledger_roster import ROSTER_SHEET, NewMembers, add_members, plan_roster
from models.exchange.ledger_rows import activity_parts, chunks, normalise_name, parse_figures
from models.records import codes, validation as v
from models.records.activities import FIELDS, check_activity, save_activity
from models.records.schema import Activity, Indicator, Member, ReportSection
from models.records.settings import RULE_CODES, save_indicator, second_backup_folder
from models.store import backup_open_store, db

SHEET, ATTENDANCE_SHEET, CATALOGUE_SHEET = "支部活动台账", "出勤", "指标目录"
# The indicator catalogue travels with the ledger, so a figure imported elsewhere keeps its unit and rule.
CATALOGUE_COLUMNS = ("指标", "单位", "汇总方式")
# The record's 编号 (its UUID) comes last: people read a ledger from the left. Cells are read by header, so
# files with the columns in another order (older ledgers had 编号 first) read the same.
COLUMNS = {"日期": "date", "开始时间": "start_time", "结束时间": "end_time", "活动类型": "type", "主题": "title",
           "地点": "place", "主持人": "host", "记录人": "recorder", "主讲人": "speaker", "议题": "agenda",
           "主要内容": "content", "决议": "decisions", "成效": "outcomes", "列席人员": "guests", "栏目": "section",
           "标签": "tags", "亮点": "highlight", "应到": "expected", "实到": "present", "指标": "figures",
           "编号": "uuid"}
ATTENDANCE_COLUMNS = ("日期", "主题", "姓名", "出勤情况", "原因", "活动编号", "党员编号")
REQUIRED = {SHEET: ("日期", "活动类型", "主题"), ATTENDANCE_SHEET: ("姓名", "出勤情况"), ROSTER_SHEET: ("姓名",)}
HEADER_OF = {key: header for header, key in COLUMNS.items()}
ROW = "_row"        # the sheet row number a row dict came from
CELL_LIMIT = 32767  # Excel's longest cell text: the ledger cuts longer texts there


def cell_text(value) -> str:
    # The file reader hands over text (dates as dates); anything else a caller passes is taken as its text,
    # without the characters no field keeps.
    return "" if value is None else v.clean(value if isinstance(value, str) else str(value))


class _Context:
    """The lookups an import needs, loaded once: types, sections, indicators, members by name."""

    def __init__(self):
        self.types = {normalise_name(label): code for code, label in codes.ACTIVITY_TYPES.items()}
        self.types.update({code: code for code in codes.ACTIVITY_TYPES})
        self.statuses = {normalise_name(label): code for code, label in codes.ATTENDANCE.items()}
        self.statuses.update({code: code for code in codes.ATTENDANCE})
        live = ReportSection.select().where(ReportSection.deleted_at.is_null())
        self.sections = {normalise_name(s.name): s.uuid for s in live}
        self.section_uuids = dict(ReportSection.select(ReportSection.id, ReportSection.uuid).tuples())
        indicators = Indicator.select().where(Indicator.deleted_at.is_null())
        self.catalogue = {normalise_name(i.name): {"uuid": i.uuid, "name": i.name, "unit": normalise_name(i.unit)}
                          for i in sorted(indicators, key=lambda i: -len(normalise_name(i.name)))}
        self.members: dict[str, list[str]] = {}
        self.former: dict[str, list[str]] = {}
        self.numbers: set[str] = set()  # every member's uuid (党员编号), and those the roster is to add
        for uuid, name, deleted in Member.select(Member.uuid, Member.name, Member.deleted_at).tuples():
            (self.former if deleted else self.members).setdefault(normalise_name(name), []).append(uuid)
            self.numbers.add(uuid)


def _uuid(text: str) -> str | None:
    try:
        return str(uuidlib.UUID(text.strip()))
    except ValueError:
        return None


def excel_serial_date(value):
    """A date cell that lost its format arrives as Excel's day number (45000 = 2023-03-15): read it as a date."""
    if isinstance(value, str) and value.isdigit() and 20000 <= int(value) <= 80000:
        return dt.date(1899, 12, 30) + dt.timedelta(days=int(value))
    return value


def _check_row(row: dict, number: int, ctx: _Context, problems: list) -> dict:
    """One activity row checked: a plan of what to save, with every problem noted against its column."""
    def problem(header, message):
        problems.append((SHEET, number, header, message))

    data = {key: "" for key in FIELDS}
    for header, key in COLUMNS.items():
        if header in row and key in FIELDS:
            value = row[header]
            if key in ("start_time", "end_time") and isinstance(value, dt.datetime):
                data[key] = value.time()
            elif key in ("date", "start_time", "end_time"):
                data[key] = value
            else:
                data[key] = cell_text(value)
    data["type"] = ctx.types.get(normalise_name(data["type"]), data["type"].strip())
    section_name, data["section"] = normalise_name(data["section"]), ""
    if section_name and section_name not in ctx.sections:
        shown = cell_text(row.get("栏目")).strip()[:30]
        problems.append(Problem(SHEET, number, "栏目", f"栏目“{shown}”不存在，请先在“设置”页添加，或改用已有栏目",
                                "栏目不存在，请先在“设置”页添加，或改用已有栏目", shown, "个"))
    plan = {"row": number, "section": ctx.sections.get(section_name, ""), "attendance": {},
            "columns": {COLUMNS[h] for h in row if h in COLUMNS}, "uuid": None, "figures": None}
    try:
        plan["values"], _ = check_activity(data)
    except v.ValidationError as e:
        plan["values"] = {}
        for key, message in e.errors.items():
            problem(HEADER_OF.get(key, ""), message)
    raw_uuid = cell_text(row.get("编号")).strip()
    if raw_uuid:
        plan["uuid"] = _uuid(raw_uuid)
        if plan["uuid"] is None:
            problem("编号", f"编号“{raw_uuid[:40]}”格式不对；新记录的编号请留空")
    if "指标" in row:
        plan["figures"], errors = parse_figures(cell_text(row["指标"]), ctx.catalogue)
        for message in errors:
            problem("指标", message)
    return plan


def _match(plans: list[dict], problems: list) -> dict[str, Activity]:
    """Existing activities the rows update: by 编号, or by date + type + title when 编号 is empty."""
    given = [p["uuid"] for p in plans if p["uuid"]]
    existing = {a.uuid: a for chunk in chunks(given) for a in Activity.select().where(Activity.uuid.in_(chunk))}
    keyed = [p for p in plans if not p["uuid"] and p["values"]]
    by_key: dict[tuple, list[Activity]] = {}
    for chunk in chunks(sorted({p["values"]["date"] for p in keyed})):
        for a in Activity.select().where(Activity.date.in_(chunk), Activity.deleted_at.is_null()):
            by_key.setdefault((a.date, a.type, a.title), []).append(a)
    claimed: dict = {}  # uuid, or date + type + title of a new record → the first row that names it
    for p in plans:
        if p["uuid"]:
            found = existing.get(p["uuid"])
            if found is not None and found.deleted_at is not None:
                problems.append((SHEET, p["row"], "编号", "编号对应的活动在回收站中，请先恢复它，或清空编号作为新记录导入"))
        elif p["values"]:
            key = (p["values"]["date"], p["values"]["type"], p["values"]["title"])
            same = by_key.get(key, [])
            if len(same) > 1:
                problems.append((SHEET, p["row"], "主题", f"已有 {len(same)} 条日期、活动类型、主题都相同的活动，"
                                                        "请填写编号以指明更新哪一条"))
            elif same:
                p["uuid"], existing[same[0].uuid] = same[0].uuid, same[0]
        target = p["uuid"] or ("new",) + ((p["values"]["date"], p["values"]["type"], p["values"]["title"])
                                           if p["values"] else (p["row"],))
        if target in claimed:
            problems.append((SHEET, p["row"], "编号" if p["uuid"] else "主题", f"与第 {claimed[target]} 行是同一条活动"))
        claimed.setdefault(target, p["row"])
    return {u: a for u, a in existing.items() if a.deleted_at is None}


def _attach_attendance(rows: list[dict], plans: list[dict], current: dict, ctx: _Context, problems: list) -> None:
    """Attendance rows checked and hung on their activity row (by 活动编号, or by 日期 + 主题)."""
    by_uuid = {p["uuid"]: p for p in plans if p["uuid"]}
    by_day: dict[tuple, list] = {}
    for p in plans:
        if p["values"]:
            by_day.setdefault((p["values"]["date"], p["values"]["title"]), []).append(p)
    for i, row in enumerate(rows):
        number = row.get(ROW, i + 2)

        def problem(header, message):
            problems.append((ATTENDANCE_SHEET, number, header, message))

        plan, ref = None, cell_text(row.get("活动编号")).strip()
        if ref:
            plan = by_uuid.get(_uuid(ref) or "")
            if plan is None:
                problem("活动编号", f"在“{SHEET}”表中找不到编号为“{ref[:40]}”的活动")
        else:
            c = v.Checker()
            day = c.run("日期", v.date, excel_serial_date(row.get("日期")), "日期", required=True)
            title = c.run("主题", v.text, cell_text(row.get("主题")), "主题", 200, required=True)
            found = by_day.get((day, title), []) if not c.errors else []
            for header, message in c.errors.items():
                problem(header, message + "（未填活动编号时，按日期和主题找活动）")
            if len(found) == 1:
                plan = found[0]
            elif not c.errors:
                problem("活动编号", f"在“{SHEET}”表中{'有多项' if found else '找不到'}日期为 {day}、主题为"
                                f"“{title[:30]}”的活动，请填写活动编号")
        name = normalise_name(cell_text(row.get("姓名")))
        people = ctx.members.get(name) or ctx.former.get(name) or []
        numbered = _uuid(cell_text(row.get("党员编号")).strip())
        # a number beside the name of someone else: a row copied and its name changed, the number left behind
        clash = bool(name and numbered in ctx.numbers and people and numbered not in people)
        if clash:
            other = next((n for n, us in [*ctx.members.items(), *ctx.former.items()] if numbered in us), "")
            problem("党员编号", f"党员编号是“{other[:20]}”的，与姓名“{name[:20]}”不符，请核对姓名或党员编号")
        elif name and numbered in ctx.numbers:  # the member's own number tells namesakes apart, follows a rename
            people = [numbered]
        elif len(people) > 1 and plan is not None and plan["uuid"] in current:
            # Namesakes already on this activity's list are taken in the ledger's order (by name, then as added).
            listed = [a["member"] for a in current[plan["uuid"]]["attendance"] if a["member"] in people]
            people = [u for u in listed if u not in plan["attendance"]][:1] or people
        if not name:
            problem("姓名", "请填写姓名")
        elif clash:
            people = []
        elif not people:
            problems.append(Problem(ATTENDANCE_SHEET, number, "姓名", f"党员“{name[:20]}”不在党员名册中，请先添加该党员",
                                    "党员不在党员名册中，请先添加", name[:20], "人"))
        elif len(people) > 1:
            problems.append(Problem(ATTENDANCE_SHEET, number, "姓名",
                                    f"有 {len(people)} 位党员都叫“{name[:20]}”，无法确定是哪一位",
                                    "党员名册中有同名的党员，无法确定是哪一位", name[:20], "人"))
        status = ctx.statuses.get(normalise_name(cell_text(row.get("出勤情况"))))
        if status is None:
            problem("出勤情况", "出勤情况应填“出席”“请假”或“缺席”")
        reason = v.Checker()
        reason_text = reason.run("原因", v.text, cell_text(row.get("原因")), "原因", 200) or ""
        for header, message in reason.errors.items():
            problem(header, message)
        if plan is None or len(people) != 1 or status is None:
            continue
        if people[0] in plan["attendance"]:
            problem("姓名", f"与第 {plan['attendance'][people[0]][2]} 行是同一位党员、同一项活动")
            continue
        plan["attendance"][people[0]] = (status, "" if status == "present" else reason_text, number)


def _same(a, b) -> bool:
    # Excel and XML turn \r\n into \n; that alone is no change.
    if isinstance(a, str) and isinstance(b, str):
        return a.replace("\r\n", "\n") == b.replace("\r\n", "\n")
    return a == b


def _save_data(plan: dict, current: Activity | None, current_parts: dict | None, ctx: _Context) -> dict | None:
    """What save_activity gets for one row, or None when the stored record already says the same."""
    old = {}
    if current is not None:
        old = {key: getattr(current, key) for key in FIELDS if key != "section"}
        old["section"] = ctx.section_uuids.get(current.section_id, "")
    data = {}
    for key in FIELDS:
        new = plan["section"] if key == "section" else plan["values"][key]
        if key in old and (key not in plan["columns"] or (isinstance(new, str) and len(new) == CELL_LIMIT
                                                          and str(old[key]).startswith(new))):
            new = old[key]  # a column left out of the file, or a text the ledger had to cut: keep what is stored
        data[key] = new
    changed = current is None or not all(_same(data[key], old[key]) for key in FIELDS)
    if plan["figures"] is not None:
        data["figures"] = [{k: f[k] for k in ("indicator", "value", "note")} for f in plan["figures"]]
        if current is not None:
            shape = ("indicator", "value_centi", "as_entered", "note")
            changed |= ({tuple(f[k] for k in shape) for f in plan["figures"]}
                        != {tuple(f[k] for k in shape) for f in current_parts["figures"]})
    # An activity with no rows on the 出勤 sheet keeps the attendance it has.
    if plan["attendance"] or current is None:
        data["attendance"] = [{"member": m, "status": s, "reason": r} for m, (s, r, _) in plan["attendance"].items()]
        if current is not None:
            changed |= ({(a["member"], a["status"], a["reason"]) for a in data["attendance"]}
                        != {(a["member"], a["status"], a["reason"]) for a in current_parts["attendance"]})
    return data if changed else None


def _header_problems(columns: dict[str, set[str]]) -> list:
    problems = []
    if SHEET not in columns:
        problems.append((SHEET, 0, "", f"文件中没有“{SHEET}”工作表，请使用导入模板"))
    for sheet, required in REQUIRED.items():
        if sheet in columns:
            problems += [(sheet, 1, h, f"缺少“{h}”列，请使用导入模板的表头") for h in required if h not in columns[sheet]]
    present = set(columns.get(ATTENDANCE_SHEET, ("活动编号",)))
    if "活动编号" not in present and not {"日期", "主题"} <= present:
        problems.append((ATTENDANCE_SHEET, 1, "活动编号", "缺少“活动编号”列（或“日期”“主题”两列），无法知道出勤属于哪项活动"))
    return problems


def _new_indicators(catalogue_rows: list[dict], ctx: "_Context", problems: list) -> list[dict]:
    """Indicators the file's 指标目录 names and this store lacks, checked as the settings page checks them; they
    join ctx.catalogue under a new UUID, so figures may use them, and are created with the import."""
    out = []
    for i, row in enumerate(catalogue_rows):
        number, c = row.get(ROW, i + 2), v.Checker()
        name = c.run("指标", v.text, cell_text(row.get("指标")), "指标名称", 60, required=True)
        if not name or normalise_name(name) in ctx.catalogue:
            problems += [(CATALOGUE_SHEET, number, column, message) for column, message in c.errors.items()]
            continue  # an indicator this store has keeps its own unit and rule
        rule = cell_text(row.get("汇总方式")).strip() or "累加"
        found = {"name": name, "unit": c.run("单位", v.text, cell_text(row.get("单位")), "单位", 10, required=True),
                 "rule": c.run("汇总方式", v.choice, RULE_CODES.get(rule, rule), "汇总方式", codes.FIGURE_RULES),
                 "uuid": str(uuidlib.uuid4())}
        problems += [(CATALOGUE_SHEET, number, column, message) for column, message in c.errors.items()]
        if not c.errors:
            out.append(found)
            ctx.catalogue[normalise_name(name)] = {"uuid": found["uuid"], "name": name,
                                                   "unit": normalise_name(found["unit"])}
    ctx.catalogue = dict(sorted(ctx.catalogue.items(), key=lambda kv: -len(kv[0])))  # longest names first
    return out


def import_activities(rows: list[dict], attendance_rows: list[dict],
                      columns: dict[str, set[str]] | None = None, progress=None,
                      catalogue_rows: list[dict] = (), roster_rows: list[dict] = (),
                      new_members: bool | None = None) -> dict:
    """Check every row of the sheets, then save all in one transaction; or raise ImportProblems, saving nothing.

    rows are {column header: cell value} (ROW: the sheet row number); columns: the headers each sheet has;
    catalogue_rows: the file's 指标目录, whose indicators this store lacks are added (counted as "indicators");
    roster_rows: its 党员名册, whose members this store lacks by name are added (their names in "members") when
    new_members is True, or when None and this store has no members yet; when None in a store with members,
    NewMembers asks first (nothing saved). False leaves the roster unread.
    """
    if columns is None:
        columns = {SHEET: {h for r in rows for h in r} if rows else set(REQUIRED[SHEET])}
        if attendance_rows:
            columns[ATTENDANCE_SHEET] = {h for r in attendance_rows for h in r}
    problems = _header_problems(columns)
    if problems:
        raise ImportProblems(problems)
    ctx = _Context()
    indicators = _new_indicators(list(catalogue_rows), ctx, problems)
    empty_roster = not ctx.members and not ctx.former
    members = [] if new_members is False else plan_roster(list(roster_rows), ctx.members, ctx.former, ROW, problems)
    ctx.numbers.update(m["uuid"] for m in members)
    plans = [_check_row(row, row.get(ROW, i + 2), ctx, problems) for i, row in enumerate(rows)]
    existing = _match(plans, problems)
    current_parts = activity_parts(list(existing))
    _attach_attendance(attendance_rows, plans, current_parts, ctx, problems)
    if problems:
        raise ImportProblems(problems)
    if members and new_members is None and not empty_roster:
        raise NewMembers([m["name"] for m in members])
    counts, todo = {"added": 0, "updated": 0, "unchanged": 0}, []
    if indicators:
        counts["indicators"] = len(indicators)
    if members:
        counts["members"] = [m["name"] for m in members]
    for plan in plans:
        current = existing.get(plan["uuid"]) if plan["uuid"] else None
        data = _save_data(plan, current, current_parts.get(plan["uuid"]), ctx)
        counts["unchanged" if data is None else "added" if current is None else "updated"] += 1
        if data is not None:
            todo.append((plan, current, data))
    plan = None
    if todo or indicators or members:
        backup_open_store("导入前", second_backup_folder())
    try:
        with db.atomic():
            add_members(members)
            made = {i["uuid"]: save_indicator({k: i[k] for k in ("name", "unit", "rule")}) for i in indicators}
            for data in (data for _, _, data in todo):
                for figure in data.get("figures") or []:
                    figure["indicator"] = made.get(figure["indicator"], figure["indicator"])
            for done, (plan, current, data) in enumerate(todo):
                if progress:
                    progress(done, len(todo))  # may raise to cancel: the transaction then rolls back whole
                # A record from another PC keeps its UUID (save creates it under that UUID), so the next
                # import of the same file matches it.
                save_activity({**data, "uuid": plan["uuid"]} if plan["uuid"] else data)
    except v.ValidationError as e:
        row = plan["row"] if plan else 0
        raise ImportProblems([(SHEET, row, HEADER_OF.get(k, ""), m) for k, m in e.errors.items()]) from e
    return counts
