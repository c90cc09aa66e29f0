"""The office's PostgreSQL server as a store: reading its address, connecting (asking for the password when the
server wants one), and saying in one Chinese line why it cannot be reached. The password lives only in memory."""
from __future__ import annotations

import dataclasses
import logging
import re
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, unquote, urlsplit

from peewee import DatabaseError, PostgresqlDatabase

from models.store.connection import StoreError, db
from models.store.reconnecting import Reconnecting

SCHEMES = ("postgresql", "postgres")
# A Path made of a URL collapses its "//": the GUI hands the store around as a Path, so that form counts too.
URL_FORM = re.compile(r"^(postgresql|postgres):/(?!/)", re.IGNORECASE)
SSLMODES = ("disable", "allow", "prefer", "require", "verify-ca", "verify-full")
# The program's sessions start parallel workers only for queries ten times larger than the server's default
# threshold: a search's count and page take 15-20 ms each on one process; with workers started for them (the
# default plans them so on a million records), 30-45 ms. The report's year-long queries still go parallel.
# And they keep a bitmap of up to about 300,000 matches exact (work_mem 16 MB, the default 4): past it a bitmap
# turns to whole pages, whose every entry's characters and pairs are then made again to check it (a sampled count
# of “党” on a million activities: 170 ms at 4 MB, 35 ms at 16 MB).
PLANNER = "-c parallel_setup_cost=10000 -c work_mem=16MB"
OPTIONS = ("sslmode", "sslrootcert", "sslcert", "sslkey", "connect_timeout", "application_name")
SHAPE = "应为 postgresql://用户名[:密码]@主机[:端口]/数据库名[?sslmode=require]"

log = logging.getLogger("branch_ledger")


def server_url(target) -> str | None:
    """The target as a server URL when it is one (also in the form a Path leaves it), else None."""
    text = str(target).strip()
    if URL_FORM.match(text):
        text = URL_FORM.sub(lambda m: m.group(1) + "://", text, count=1)
    scheme = text.split("://", 1)[0].lower() if "://" in text else ""
    return text if scheme in SCHEMES else None


@dataclass(frozen=True)
class ServerAddress:
    """Where a server store is: what libpq is given. The password, if the URL had one, is never shown."""
    dbname: str
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    host: str | None = None
    port: int | None = None
    options: tuple[tuple[str, str], ...] = ()

    @property
    def shown(self) -> str:
        """The address as a person may see it in messages and logs: the URL without its password."""
        who = f"{self.user}@" if self.user else ""
        where = (f"[{self.host}]" if self.host and ":" in self.host else self.host or "") + (
            f":{self.port}" if self.port else "")
        query = "&".join(f"{k}={v}" for k, v in self.options)
        return f"postgresql://{who}{where}/{self.dbname}" + (f"?{query}" if query else "")

    def connect_params(self) -> dict:
        params = {"user": self.user, "password": self.password, "host": self.host, "port": self.port,
                  "connect_timeout": 10, "application_name": "branch-ledger", "options": PLANNER,
                  **dict(self.options)}
        return {k: v for k, v in params.items() if v is not None}


def parse_url(url: str) -> ServerAddress:
    """Read postgresql://user[:password]@host[:port]/dbname[?sslmode=…]; StoreError (one line) when it is not one."""
    url = server_url(url) or url
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as e:
        raise StoreError(f"服务器地址“{_masked(url)}”格式不对（{e}），{SHAPE}。") from None
    dbname = unquote(parts.path.lstrip("/"))
    if not dbname or "/" in dbname:
        raise StoreError(f"服务器地址“{_masked(url)}”没有写数据库名，{SHAPE}。")
    options = []
    for key, value in parse_qsl(parts.query, keep_blank_values=True):
        if key not in OPTIONS:
            raise StoreError(f"服务器地址中的参数“{key}”不认识，可用的有：{'、'.join(OPTIONS)}。")
        if key == "sslmode" and value not in SSLMODES:
            raise StoreError(f"sslmode“{value}”不对，可用的有：{'、'.join(SSLMODES)}。")
        options.append((key, value))
    return ServerAddress(dbname=dbname, user=unquote(parts.username) if parts.username else None,
                         password=unquote(parts.password) if parts.password is not None else None,
                         host=unquote(parts.hostname) if parts.hostname else None, port=port,
                         options=tuple(options))


def compose_url(host: str, port: str, dbname: str, user: str, sslmode: str) -> tuple[str | None, dict[str, str]]:
    """A server's URL (without password) from what a person typed in 设置, or (None, {field: message})."""
    from urllib.parse import quote
    host, port, dbname, user = host.strip(), str(port).strip(), dbname.strip(), user.strip()
    problems = {}
    if not host:
        problems["host"] = "请填写服务器的地址（主机名或 IP，如 192.168.1.10）"
    elif any(c in host for c in "/@?# ") or (":" in host and not host.replace(":", "").isalnum()):
        problems["host"] = "主机名只写名称或 IP，不要带 http://、端口或斜杠"
    if port and not (port.isdigit() and 0 < int(port) < 65536):
        problems["port"] = "端口应为 1 到 65535 之间的数字，通常是 5432"
    if not dbname:
        problems["dbname"] = "请填写数据库名（由管理员提供）"
    if not user:
        problems["user"] = "请填写数据库用户名（由管理员提供）"
    if sslmode not in SSLMODES:
        problems["sslmode"] = "请选择加密方式"
    if problems:
        return None, problems
    where = f"[{host}]" if ":" in host else host
    return (f"postgresql://{quote(user, safe='')}@{where}:{port or 5432}/{quote(dbname, safe='')}"
            f"?sslmode={sslmode}"), {}


def _masked(url: str) -> str:
    return re.sub(r"(://[^/:@]*):[^/@]*@", r"\1:***@", url)


def shown_target(target) -> str:
    """A store as a person may see it: a file's path, or a server's URL without its password."""
    url = server_url(target)
    if url is None:
        return str(target)
    try:
        return parse_url(url).shown
    except StoreError:
        return _masked(url)


# -- the password -----------------------------------------------------------------

_prompt = None


def use_password_prompt(prompt) -> None:
    """prompt(text) -> password, (password, keep it in the keyring), or None: how to ask when the server wants a
    password the URL does not give (text says for which server, and when one given was wrong). The command line
    sets ask_on_terminal, the window a small dialog; without one, opening says what is missing."""
    global _prompt
    _prompt = prompt


def ask_on_terminal(text: str) -> str | None:
    import getpass
    import sys
    if not (sys.stdin and sys.stdin.isatty()):
        return None
    try:
        return getpass.getpass(text)
    except (EOFError, KeyboardInterrupt):
        return None


# -- connecting ------------------------------------------------------------------

class ServerDatabase(Reconnecting, PostgresqlDatabase):
    """A PostgreSQL store. Each thread's connection reads NUMERIC as the SQLite store gives it (sum() of
    integers is a whole number, not a Decimal), so queries elsewhere read the same values on both; a connection
    the server dropped is made again outside a transaction (Reconnecting)."""

    read_only = False  # set at opening: the role may read the ledger's tables but not change them

    def __init__(self, address: ServerAddress):
        self.address = address
        super().__init__(address.dbname, **address.connect_params())

    def _connect(self):
        conn = super()._connect()
        _read_numeric_as_sqlite_does(conn)
        return conn


def _read_numeric_as_sqlite_does(conn) -> None:
    import decimal

    import psycopg2.extensions as ext

    def cast(value, cursor):
        if value is None:
            return None
        number = decimal.Decimal(value)
        return int(number) if number == number.to_integral_value() else float(number)
    ext.register_type(ext.new_type(ext.DECIMAL.values, "LEDGER_NUMERIC", cast), conn)


def can_write(database) -> bool:
    """Whether the role may insert, update and delete in every table of the ledger. A role granted SELECT alone
    (or any table short of writing) opens the store read-only rather than failing at its first save."""
    return database.execute_sql(
        "SELECT coalesce(bool_and(has_table_privilege(c.oid, 'INSERT') AND has_table_privilege(c.oid, 'UPDATE')"
        " AND has_table_privilege(c.oid, 'DELETE')), true) FROM pg_class c JOIN pg_namespace n"
        " ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p') AND n.nspname = current_schema()").fetchone()[0]


def role_of(database) -> str:
    """The database role the connection works as (what the audit trail names on a server)."""
    return database.execute_sql("SELECT current_user").fetchone()[0]


def _open_address() -> str | None:
    return db.obj.address.shown if isinstance(db.obj, ServerDatabase) else None


class ServerRefused(StoreError):
    """A server store that could not be connected to. kind says why as a value, for code to act on: "password"
    (the server wants one and none was given), "wrong" (the one given was refused), "other"."""

    def __init__(self, message: str, kind: str):
        super().__init__(message)
        self.kind = kind


def refused(error: Exception, address: ServerAddress) -> ServerRefused:
    """The failed connection said in one Chinese line, with its kind."""
    kind, message = explain(error, address)
    return ServerRefused(message, kind)


def explain(error: Exception, address: ServerAddress) -> tuple[str, str]:
    """(kind, one Chinese line) for a failed connection."""
    text = str(error).strip()
    first = text.splitlines()[0] if text else type(error).__name__
    low = text.lower()
    where = address.shown
    if "no password supplied" in low:
        return "password", (f"服务器“{where}”要求输入密码。请在命令行运行时按提示输入，或设置环境变量 PGPASSWORD，"
                             "或在 pgpass 文件中为该服务器保存密码（密码不会写入本程序的设置或日志）。")
    if "password authentication failed" in low or "authentication failed" in low:
        return "wrong", f"无法登录服务器“{where}”：用户名或密码不正确。（{first}）"
    if "does not exist" in low and "database" in low:
        return "other", f"服务器“{where}”上没有数据库“{address.dbname}”，请让管理员先建好这个空数据库。（{first}）"
    if "does not exist" in low and "role" in low:
        return "other", f"服务器“{where}”上没有用户“{address.user}”。（{first}）"
    if ("pg_hba.conf" in low or "rejects" in low) and ("no encryption" in low or "ssl off" in low):
        return "other", (f"服务器“{where}”要求加密连接（SSL）：请把 sslmode 设为 require（或 verify-full）后再连接。"
                         f"（{first}）")
    if "does not support ssl" in low:
        return "other", (f"服务器“{where}”没有开启加密连接（SSL），而 sslmode 要求加密：请管理员为服务器开启 SSL，"
                         f"或把 sslmode 改为 prefer。（{first}）")
    if "root certificate" in low or "certificate verify failed" in low or "server certificate" in low:
        return "other", f"服务器“{where}”的证书无法核对（sslmode 为 verify-ca 或 verify-full 时需要根证书 sslrootcert）：{first}"
    if "ssl" in low:
        return "other", f"与服务器“{where}”的加密连接（sslmode）没有建立：{first}"
    if "translate host name" in low or "name or service not known" in low or "nodename nor servname" in low:
        return "other", f"找不到服务器“{address.host}”，请检查主机名和网络。（{first}）"
    if any(w in low for w in ("refused", "timeout", "timed out", "could not connect", "unreachable", "no route")):
        return "other", f"无法连接服务器“{where}”：服务器没有开启或网络不通。（{first}）"
    if "pg_hba.conf" in low:
        return "other", f"服务器“{where}”不允许这台电脑以该用户连接（请管理员检查 pg_hba.conf）。（{first}）"
    return "other", f"无法连接服务器“{where}”：{first}"


ASKS = 3  # a mistyped password may be typed again, twice


def connect_server(target) -> ServerDatabase:
    """Connect to the server store named by target (a URL). When the server wants a password the URL does not
    give: the one kept in the keyring, else asked (again after a wrong one, up to ASKS times); a password typed
    with "keep it" ticked goes into the keyring once it has worked."""
    address = parse_url(server_url(target) or str(target))
    if address.password is None and _open_address() == address.shown:
        # the store this program has open, named without its password (store_path()): the password it was given
        address = dataclasses.replace(address, password=db.obj.connect_params.get("password"))
    try:
        import psycopg2  # noqa: F401 — a clear message when the driver is missing
    except ImportError:
        raise StoreError("连接数据库服务器需要 psycopg2（pip install psycopg2-binary）。") from None
    database = ServerDatabase(address)
    keyring_tried, asked, keep, again = False, 0, False, ""
    while True:
        try:
            database.connect(reuse_if_open=True)
            break
        except DatabaseError as e:
            kind, message = explain(e, address)
            if kind not in ("password", "wrong") or address.password is not None:
                raise ServerRefused(message, kind) from None
            if not keyring_tried:
                keyring_tried = True
                from models.store.passwords import saved_password
                saved = saved_password(address.shown)
                if saved:
                    database.connect_params["password"] = saved
                    continue
            if kind == "wrong":
                again = "密码不正确，请重新输入。"
            if _prompt is None or asked >= ASKS:
                raise ServerRefused(message, kind) from None
            asked += 1
            answer = _prompt(f"{again}请输入 {address.shown} 的密码：")
            password, keep = answer if isinstance(answer, tuple) else (answer, False)
            if not password:
                raise ServerRefused(message, kind) from None
            database.connect_params["password"] = password
    if keep:
        from models.store.passwords import save_password
        save_password(address.shown, database.connect_params["password"])
    log.info("已连接数据库服务器 %s", address.shown)
    return database
