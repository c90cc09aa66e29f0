"""Branch Ledger (支部台账): start-up and the command line (the same verbs as the menus)."""
from __future__ import annotations

import time

STARTED = time.perf_counter()  # the log says how long start-up took, from here to the window's first paint

import argparse  # noqa: E402 — after the clock starts
import logging  # noqa: E402
import logging.handlers  # noqa: E402
import sys  # noqa: E402

from models import __version__  # noqa: E402
from models.store import default_store_path, log_dir  # noqa: E402


def _log_folders():
    yield log_dir()
    import tempfile  # only when the log folder cannot be written: start-up stays as quick as it was
    from pathlib import Path
    yield Path(tempfile.gettempdir()) / "BranchLedger-logs"


def setup_logging() -> str:
    """Log to a rotating file in the user's log folder; where that cannot be written, in the temp folder, else
    to no file, said in one line. Returns the log file's path (or, without one, words saying so)."""
    wanted, handler, why = None, None, ""
    for folder in _log_folders():
        wanted = wanted or folder
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / "branch-ledger.log"
            handler = logging.handlers.RotatingFileHandler(path, maxBytes=2_000_000, backupCount=3, encoding="utf-8")
            break
        except OSError as e:
            why = why or (e.strerror or str(e))
    if handler is not None:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=logging.INFO, handlers=[handler or logging.NullHandler()], force=True)
    if handler is None or folder != wanted:
        instead = f"本次日志写在 {path}" if handler else "本次不写日志文件"
        if sys.stderr:  # a windowed build has no console to say it on
            print(f"注意：日志文件夹“{wanted}”无法写入（{why}），{instead}", file=sys.stderr)
    return str(path) if handler else "（本次没有日志文件：日志文件夹和临时文件夹都无法写入）"


def positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}”不是整数") from None
    if value < 1:
        raise argparse.ArgumentTypeError("应为正整数")
    return value


def year_arg(text: str) -> int:
    if not text.strip().isdigit() or not 1990 <= int(text) <= 2100:
        raise argparse.ArgumentTypeError(f"年度“{text[:20]}”应为 1990–2100 之间的年份，如 2024")
    return int(text)


def date_arg(text: str):
    from models.records.validation import ValidationError, date
    try:
        return date(text, "日期")
    except ValidationError as e:
        raise argparse.ArgumentTypeError("；".join(e.errors.values())) from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="branch-ledger", description="支部台账：记录支部工作，一键生成情况汇报。")
    parser.add_argument("--version", action="version", version=f"支部台账 {__version__}")
    parser.add_argument("--db", metavar="PATH", help="数据文件路径，或单位服务器 postgresql://用户名@主机:端口/数据库名"
                                                     "（也可用环境变量 BRANCH_LEDGER_DB 指定）")
    parser.add_argument("--new", action="store_true", help="数据文件是空文件（0 字节）时，在这里新建数据文件"
                                                           "（不加时空文件会被拒绝：它多半是复制没有完成）")
    verbs = parser.add_subparsers(dest="verb", metavar="命令")
    check = verbs.add_parser("check", help="检查数据文件是否完好")
    how = check.add_mutually_exclusive_group()
    how.add_argument("--repair", action="store_true", help="先重建全文检索索引（记录本身不改动），再检查")
    how.add_argument("--data", action="store_true", help="检查记录之间的矛盾和缺漏（如转出党员被记为出席），只列出，不修改")
    demo = verbs.add_parser("demo", help="填入演示数据")
    demo.add_argument("--records", type=positive_int, default=2000, help="支部活动条数（其他记录按比例生成）")
    demo.add_argument("--seed", type=int, default=1, help="随机种子，相同种子生成相同数据")
    demo.add_argument("--clear", action="store_true", help="清除演示数据（先备份；自己录入的记录不受影响）")
    ledger = verbs.add_parser("ledger", help="导出台账 .xlsx")
    ledger.add_argument("kind", choices=list(LEDGERS), help="台账种类：activities 支部活动，study 学习会，outreach 联建活动，"
                                                          "dues 党费收缴（按年，--year），development 发展党员，"
                                                          "coverage 社会组织党建覆盖（默认今年以来）")
    ledger.add_argument("--from", dest="date_from", type=date_arg, help="起始日期，如 2022-01-01")
    ledger.add_argument("--to", dest="date_to", type=date_arg, help="截止日期，如 2022-12-31")
    ledger.add_argument("--year", type=year_arg, help="党费收缴台账的年度，如 2024（默认：--from 的年份，或今年）")
    ledger.add_argument("-o", "--output", required=True, help=".xlsx 文件路径")
    template = verbs.add_parser("template", help="导出导入模板 .xlsx")
    template.add_argument("kind", choices=["activities"], help="模板种类：activities 支部活动")
    template.add_argument("-o", "--output", required=True, help=".xlsx 文件路径")
    importing = verbs.add_parser("import", help="从 .xlsx 导入支部活动（有任何错误则整个文件不导入）")
    importing.add_argument("file", help=".xlsx 文件路径")
    importing.add_argument("--add-members", action="store_true",
                           help="文件的“党员名册”中有本机没有的党员时，添加他们（本机还没有党员时不必加）")
    report = verbs.add_parser("report", help="生成情况汇报（.pdf 或 .docx，按文件扩展名）")
    report.add_argument("--from", dest="date_from", type=date_arg, help="起始日期，默认本年1月1日")
    report.add_argument("--to", dest="date_to", type=date_arg, help="截止日期，默认本年12月31日")
    report.add_argument("-o", "--output", required=True, help="汇报文件路径（.pdf 或 .docx）")
    report.add_argument("--title", help="汇报标题（默认：关于…党建工作情况的汇报）")
    report.add_argument("--signed-on", type=date_arg, help="成文日期（落款下的日期），默认今天")
    settings = verbs.add_parser("settings", help="查看或修改设置（支部名称、落款单位等）")
    settings_verbs = settings.add_subparsers(dest="action", metavar="操作", required=True)
    settings_verbs.add_parser("show", help="列出全部设置")
    change = settings_verbs.add_parser("set", help="修改一项设置，如 settings set branch.name 某某党支部")
    change.add_argument("key", help="设置项：branch.name 支部名称，report.signer 落款单位，operator 操作人，"
                                    "backup.second_folder 第二备份文件夹")
    change.add_argument("value", help="新的值（空字符串表示清除）")
    backup = verbs.add_parser("backup", help="立即备份数据文件和附件")
    backup.add_argument("-o", "--output", help="备份文件路径（.zip）；不填则存入备份文件夹并按规则轮换")
    restore = verbs.add_parser("restore", help="用备份替换当前数据文件（先自动备份当前数据）")
    restore.add_argument("file", help="备份文件（.zip）")
    restore.add_argument("--replace", action="store_true",
                         help="恢复到服务器数据库时，替换其中已有的全部数据（先备份到本机）；不加时只恢复到空数据库")
    export_data = verbs.add_parser("export-data", help="导出数据包（.zip），供其他电脑导入")
    export_data.add_argument("-o", "--output", required=True, help="数据包文件路径（.zip）")
    export_data.add_argument("--from", dest="date_from", type=date_arg, help="起始日期（只限定有日期的记录）")
    export_data.add_argument("--to", dest="date_to", type=date_arg, help="截止日期（只限定有日期的记录）")
    import_data = verbs.add_parser("import-data", help="导入其他电脑的数据包（有任何问题则整个数据包不导入）")
    import_data.add_argument("file", help="数据包文件（.zip）")
    decide = import_data.add_mutually_exclusive_group()
    decide.add_argument("--take-theirs", action="store_true", help="两边内容不同的记录采用数据包中的")
    decide.add_argument("--keep-mine", action="store_true", help="两边内容不同的记录保留本机的")
    copy_to = verbs.add_parser("copy-to", help="把全部数据复制到空的服务器数据库或新的数据文件，并核对两边")
    copy_to.add_argument("target", help="postgresql://用户名@主机:端口/数据库名（须为空数据库），或新数据文件的路径")
    minutes = verbs.add_parser("minutes", help="导出一次活动的会议记录 PDF")
    minutes.add_argument("uuid", help="活动编号（UUID）")
    minutes.add_argument("-o", "--output", required=True, help="PDF 文件路径")
    return parser


def cmd_check(path) -> int:
    from models.store import check_store, shown_target
    problems = check_store(path)
    if problems:
        print(f"数据文件有问题：{shown_target(path)}")
        for p in problems[:20]:
            print(f"  {p}")
        from models.store import newest_good
        if good := newest_good(path):
            print(f"最近一份完好的备份：{good}，可用 restore 命令恢复（损坏的文件会改名保留）")
        return 1
    print(f"数据文件完好：{shown_target(path)}")
    return 0


def cmd_check_data(args) -> int:
    from models.records.recycle import KINDS  # every kind a finding may name, with its label
    from models.reporting.health import find_problems
    found = find_problems(limit=3)
    if not found:
        print("数据检查：没有发现记录之间的矛盾或缺漏")
        return 0
    print(f"数据检查：{len(found)} 类问题共 {sum(g['count'] for g in found)} 处，列出每类的前几条（未作任何修改）：")
    for group in found:
        shown = "；".join(" ".join(str(x) for x in (KINDS[r["kind"]][0], r["date"] or "", r["title"]) if x)
                         + f"（{r['problem']}）" for r in group["rows"])
        more = f"；等 {group['count']} 处" if group["count"] > len(group["rows"]) else ""
        print(f"  {group['title']} {group['count']} 处：{shown}{more}")
    return 1


def cmd_repair(args) -> int:
    from models.store import index_problems, rebuild_index, store_path
    problems = index_problems()
    if problems:
        print("发现问题：" + "；".join(problems))
    print(f"已重建全文检索索引（{rebuild_index()} 条记录）")
    return cmd_check(store_path())


def cmd_demo(args) -> int:
    if args.clear:
        from models.exchange.demo_clearing import clear_demo
        removed, kept = clear_demo()
        print(f"已清除演示数据 {removed} 条" + (f"，{kept} 条因被自己录入的记录用到而保留" if kept else ""))
        return 0
    from models.exchange.demo import fill_demo
    counts = fill_demo(args.records, args.seed)
    print("已填入演示数据，现有：" + "，".join(f"{k} {v} 条" for k, v in counts.items()))
    return 0


def cmd_minutes(args) -> int:
    from exports.minutes_pdf import write_minutes_pdf
    from models.records.activities import get_activity
    from models.records.common import NotFound
    from models.records.settings import branch_settings
    try:
        activity = get_activity(args.uuid)
    except NotFound:
        print(f"错误：没有编号为 {args.uuid} 的活动", file=sys.stderr)
        return 1
    path = write_minutes_pdf(activity, args.output, branch_settings()["branch_name"])
    print(f"已导出会议记录：{path}")
    return 0


LEDGERS = {"activities": ("exports.activity_ledger", "write_activity_ledger"),
           "study": ("exports.study_ledger", "write_study_ledger"),
           "outreach": ("exports.outreach_ledger", "write_outreach_ledger"),
           "dues": ("exports.dues_ledger", "write_dues_ledger"),
           "development": ("exports.development_ledger", "write_development_ledger"),
           "coverage": ("exports.coverage_ledger", "write_coverage_ledger")}


def cmd_ledger(args) -> int:
    import importlib
    module, function = LEDGERS[args.kind]
    write = getattr(importlib.import_module(module), function)
    if args.kind == "dues":  # kept by the year
        import datetime as dt
        path = write(args.output, args.year or (args.date_from or dt.date.today()).year)
    else:
        path = write(args.output, args.date_from, args.date_to)
    print(f"已导出台账：{path}")
    return 0


def cmd_template(args) -> int:
    from exports.activity_ledger import write_activity_template
    print(f"已导出导入模板：{write_activity_template(args.output)}")
    return 0


def cmd_import(args) -> int:
    from exports.activity_import import import_activity_file
    from models.exchange.import_problems import ImportProblems, names_text, summary_lines
    from models.exchange.ledger_roster import NewMembers
    try:
        counts = import_activity_file(args.file, new_members=True if args.add_members else None)
    except NewMembers as e:
        print(f"错误：{e}，未导入任何记录。确认要添加这些党员，请加 --add-members 再运行一次；"
              "否则请先核对本机党员名册中的姓名", file=sys.stderr)
        return 1
    except ImportProblems as e:
        print(f"错误：文件有 {len(e.problems)} 处问题，未导入任何记录。请在 Excel 中改正后再导入：", file=sys.stderr)
        for line in summary_lines(e.problems):  # one line per kind of problem, never one per row
            print(f"  {line}", file=sys.stderr)
        return 1
    print(f"导入完成：新增 {counts['added']} 条，更新 {counts['updated']} 条，未变 {counts['unchanged']} 条"
          + (f"；按文件中的指标目录新增指标 {counts['indicators']} 项" if counts.get("indicators") else "")
          + (f"；按文件中的党员名册新增党员 {len(counts['members'])} 位：{names_text(counts['members'], '位')}"
             if counts.get("members") else ""))
    return 0


def cmd_settings(args) -> int:
    from models.records.settings import CLI_KEYS, TEXT_SETTINGS, branch_settings, save_branch_settings
    if args.action == "set":
        key = CLI_KEYS.get(args.key)
        if key is None:
            print(f"错误：没有设置项“{args.key}”，可用的有：{'、'.join(CLI_KEYS)}", file=sys.stderr)
            return 2
        save_branch_settings({key: args.value})
        print(f"已保存：{args.key} = {args.value}")
        return 0
    values = branch_settings()
    for name, key in CLI_KEYS.items():
        shown = values.get(key) or ("（未填，默认为支部名称）" if key == "office_name" else "（未填）")
        print(f"{name} = {shown}    # {TEXT_SETTINGS[key][0]}")
    return 0


def cmd_report(args) -> int:
    import datetime as dt

    from exports.fonts import report_font_notice
    from exports.report import ReportError, write_report
    year = dt.date.today().year
    start, end = args.date_from or dt.date(year, 1, 1), args.date_to or dt.date(year, 12, 31)
    try:
        path = write_report(args.output, start, end, args.title, signed_on=args.signed_on)
    except ReportError as e:
        print(f"错误：{e}", file=sys.stderr)
        return 1
    print(f"已生成情况汇报：{path}")
    if path.suffix.lower() == ".pdf" and (notice := report_font_notice()):
        print(notice)  # the bundled font stands in for the office fonts
    return 0


def cmd_backup(args) -> int:
    from models.records.settings import second_backup_folder
    from models.store import backup_open_store, db, make_backup, store_path
    path = make_backup(db, store_path(), "手动", dest=args.output) if args.output else backup_open_store("手动", second_backup_folder())
    print(f"已备份：{path}")
    return 0


def cmd_restore(args, path) -> int:
    """Restore over the store as it is: one that opens sends its safety backup to the second folder too; a
    damaged, empty or foreign one is restored over without being opened, and kept aside."""
    from models.records.settings import second_backup_folder
    from models.store import StoreError, close_database, open_database, restore_backup
    second = None
    try:
        open_database(path)
        second = second_backup_folder()
    except StoreError:
        close_database()
    try:
        done = restore_backup(args.file, path, second, replace=args.replace)
    finally:
        close_database()
    print(f"已从备份恢复：{args.file}{done.note()}")
    return 0


def store_hint(error, path) -> str:
    """What to do next, in the command line's terms, when the store file itself cannot be used."""
    from models.store import DamagedStoreError, EmptyStoreError, ForeignStoreError, newest_good
    if not isinstance(error, (DamagedStoreError, ForeignStoreError)):
        return ""
    good = newest_good(path)
    hint = f"最近一份完好的备份：{good}，可用 restore 命令恢复（原文件会改名保留）。" if good else ""
    return hint + ("也可加 --new，在这里新建数据文件。" if isinstance(error, EmptyStoreError) else "")


def cmd_export_data(args) -> int:
    from exports.data_package import write_package
    from models.exchange.package_import import PackageError
    try:
        counts = write_package(args.output, args.date_from, args.date_to)
    except PackageError as e:
        print(f"错误：{'；'.join(e.problems)}", file=sys.stderr)
        return 1
    print(f"已导出数据包：{args.output}（{sum(n for k, n in counts.items() if k != 'files')} 条记录，"
          f"{counts['files']} 个附件文件）")
    return 0


def cmd_import_data(args) -> int:
    from exports.data_package import read_package
    from models.exchange.import_problems import grouped_messages
    from models.exchange.package_import import PackageError, apply_import, plan_import
    from models.exchange.package_records import LABELS
    try:
        package = read_package(args.file)
        plan = plan_import(package)
        if plan.conflicts and not (args.take_theirs or args.keep_mine):
            print(f"错误：有 {len(plan.conflicts)} 条记录两边内容不同，未导入任何记录。"
                  "请加 --keep-mine（保留本机的）或 --take-theirs（采用数据包的）后再导入：", file=sys.stderr)
            for c in plan.conflicts[:20]:  # a few examples; a whole year's records would flood the terminal
                what = "本机已删除到回收站" if c.deleted_here else "不同的字段：" + "、".join(c.fields)
                print(f"  {LABELS[c.kind]}“{c.label}”（{c.uuid}）{what}", file=sys.stderr)
            if len(plan.conflicts) > 20:
                print(f"  ……另有 {len(plan.conflicts) - 20} 条", file=sys.stderr)
            return 1
        choice = "theirs" if args.take_theirs else "mine"
        counts = apply_import(package, {c.uuid: choice for c in plan.conflicts})
    except PackageError as e:
        print(f"错误：数据包有 {len(e.problems)} 处问题，未导入任何记录", file=sys.stderr)
        for line in grouped_messages(e.problems):
            print(f"  {line}", file=sys.stderr)
        return 1
    print(f"导入完成：新增 {counts['added']} 条，采用数据包更新 {counts['updated']} 条，"
          f"保留本机 {counts['kept']} 条，未变 {counts['unchanged']} 条")
    return 0


def cmd_copy_to(args) -> int:
    from models.store import copy_store
    report = copy_store(args.target)
    print(f"已复制：{report['source']} → {report['target']}")
    print(f"  {'数据表':<24}{'复制前':>10}{'复制后':>10}")
    for table, (here, there) in report["tables"].items():
        print(f"  {table:<27}{here:>10}{there:>10}")
    print(f"  {'附件文件':<25}{report['files'][0]:>10}{report['files'][1]:>10}")
    here, there = report["digest"]
    print(f"  内容摘要（SHA-256）：复制前 {here[:16]}，复制后 {there[:16]}，" + ("一致" if here == there else "不一致"))
    if report["missing"]:
        print(f"注意：{len(report['missing'])} 个附件文件在原数据中已缺失，未能复制", file=sys.stderr)
    return 0


WRITING = {"demo": "填入或清除演示数据", "import": "导入", "import-data": "导入数据包", "settings": "修改设置",
           "check": "重建全文检索索引"}


def refusal(args) -> str | None:
    """Why a verb that changes the store cannot run on a read-only account (None when it may run)."""
    from models.store import database_role, is_read_only
    if not is_read_only() or args.verb not in WRITING:
        return None
    if (args.verb == "settings" and args.action != "set") or (args.verb == "check" and not args.repair):
        return None
    return f"账号“{database_role()}”只有查看权限，不能{WRITING[args.verb]}。数据未作任何改动"


def run_verb(args) -> int:
    from sqlite3 import OperationalError as SQLiteOperationalError

    from peewee import OperationalError as PeeweeOperationalError

    from models.records.validation import ValidationError
    from models.store import (StoreError, StoreInUse, StoreLock, ask_on_terminal, busy_as_store_error, close_database,
                              open_database, use_password_prompt)
    OperationalError = (PeeweeOperationalError, SQLiteOperationalError)  # bulk writes use the raw connection
    use_password_prompt(ask_on_terminal)  # a server that wants a password asks for it here, never stored
    path = default_store_path(args.db)
    try:
        with StoreLock(path):
            if args.verb == "check" and not (args.repair or args.data):  # the file as it is: no migration, no writes
                return cmd_check(path)
            if args.verb == "restore":  # over a damaged or empty store too: it need not open first
                return cmd_restore(args, path)
            open_database(path, new=args.new)
            try:
                if why := refusal(args):
                    raise StoreError(why)
                verbs = {"demo": cmd_demo, "minutes": cmd_minutes, "ledger": cmd_ledger, "template": cmd_template,
                         "import": cmd_import, "backup": cmd_backup, "report": cmd_report,
                         "check": cmd_check_data if getattr(args, "data", False) else cmd_repair,
                         "settings": cmd_settings, "copy-to": cmd_copy_to,
                         "export-data": cmd_export_data, "import-data": cmd_import_data}
                try:
                    return verbs[args.verb](args)
                except OperationalError as e:  # locked by another program, disk full, read-only: said as a save says it
                    if not any(word in str(e).lower() for word in ("locked", "busy", "full", "readonly", "read-only")):
                        raise
                    raise busy_as_store_error(e) from e
            finally:
                close_database()
    except (StoreError, StoreInUse) as e:
        print(f"错误：{e}{store_hint(e, path)}", file=sys.stderr)
        return 1
    except ValidationError as e:
        print("错误：" + "；".join(e.errors.values()), file=sys.stderr)
        return 1
    except OSError as e:
        print(f"错误：无法读写文件（{e.strerror or e}）：{e.filename or ''}", file=sys.stderr)
        return 1


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        if stream and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    args = build_parser().parse_args(argv)
    log_file = setup_logging()
    if args.verb:
        try:
            return run_verb(args)
        except Exception as e:  # noqa: BLE001 — one line for the person, the whole story in the log
            logging.getLogger("branch_ledger").exception("命令 %s 出错", args.verb)
            print(f"错误：程序遇到意外错误（{e}），详细信息见日志 {log_file}", file=sys.stderr)
            return 1
    import os

    from ui.app import run_app
    named = bool(args.db or os.environ.get("BRANCH_LEDGER_DB"))  # else the server chosen in 设置, if any
    return run_app(default_store_path(args.db), log_file, STARTED, named)


if __name__ == "__main__":
    sys.exit(main())
