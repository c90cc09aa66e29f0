"""A throwaway PostgreSQL cluster for one test session: started on a free local port, stopped at the end.

initdb refuses to run as root, so as root the cluster belongs to the `postgres` system user (Debian's
postgresql package creates it). Durability is switched off: nothing here outlives the session.
Roles: `ledger` owns the test databases (not a superuser, as an office's account would be), `clerk`
must give a password (scram-sha-256), `viewer` may only read (reading(db) grants it SELECT there), the superuser
`postgres` administers.
"""
from __future__ import annotations

import glob
import itertools
import os
import queue
import shutil
import socket
import subprocess
import tempfile
import threading
from pathlib import Path

OWNER, CLERK, CLERK_PASSWORD = "ledger", "clerk", "文书-pw"
VIEWER = "viewer"
SEALED = "sealed"  # may connect only over SSL (on a cluster started with ssl=True)


def server_bin() -> Path | None:
    """The bin folder of the newest PostgreSQL server installed the Debian way (or PG_BIN), else None."""
    chosen = os.environ.get("PG_BIN")
    if chosen:
        return Path(chosen) if (Path(chosen) / "initdb").exists() else None
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[-3]))
    return Path(found[-1]).parent if found else None


PREFIX = "ledger-pg-"
OWNER_FILE = "owner.pid"  # the test process a cluster belongs to


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a killed process nobody reaped (a container without an init) is a zombie, not alive
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return True


def sweep_stale(bin_dir: Path) -> None:
    """Stop and remove the clusters of test sessions that were killed before they could (pytest-timeout ends a
    hung run without its teardown)."""
    for home in Path(tempfile.gettempdir()).glob(PREFIX + "*"):
        try:
            owner = int((home / OWNER_FILE).read_text())
        except (OSError, ValueError):
            continue
        if _alive(owner):
            continue
        if (home / "data" / "postmaster.pid").exists():
            prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
            subprocess.run(prefix + [str(bin_dir / "pg_ctl"), "-D", str(home / "data"), "-m", "immediate", "-w",
                                     "stop"], capture_output=True, timeout=60)
        shutil.rmtree(home, ignore_errors=True)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Cluster:
    def __init__(self, bin_dir: Path, ssl: bool = False):
        self.bin = bin_dir
        self.ssl = ssl
        self.as_root = os.geteuid() == 0
        sweep_stale(bin_dir)
        self.home = Path(tempfile.mkdtemp(prefix=PREFIX))
        (self.home / OWNER_FILE).write_text(str(os.getpid()))
        self.data = self.home / "data"
        self.port = _free_port()
        self.names = itertools.count(1)
        self.admin = None
        self.ready: dict[str, queue.Queue] = {}  # template → databases made from it in the background
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.unused: queue.Queue = queue.Queue()  # databases to drop in the background
        self.makers: list[threading.Thread] = []

    def _run(self, *command: str) -> None:
        prefix = ["runuser", "-u", "postgres", "--"] if self.as_root else []
        done = subprocess.run(prefix + list(command), capture_output=True, text=True, timeout=120)
        if done.returncode:
            raise RuntimeError(f"{command[0]} failed: {(done.stderr or done.stdout).strip()[-800:]}")

    def start(self) -> "Cluster":
        if self.as_root:
            shutil.chown(self.home, "postgres")
        self._run(str(self.bin / "initdb"), "-D", str(self.data), "--locale=C.UTF-8", "-E", "UTF8", "-A", "trust",
                  "-U", "postgres")
        (self.data / "pg_hba.conf").write_text(
            f"local all all trust\nhost all {CLERK} 127.0.0.1/32 scram-sha-256\n"
            f"hostnossl all {SEALED} 127.0.0.1/32 reject\nhost all all 127.0.0.1/32 trust\n", encoding="utf-8")
        options = (f"-p {self.port} -k {self.home} -c listen_addresses=127.0.0.1 -c fsync=off "
                   "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200")
        if self.ssl:
            options += " " + self._certificate()
        self.options = options
        self.start_server()
        self.sql(f"CREATE ROLE {OWNER} LOGIN")
        self.sql(f"CREATE ROLE {CLERK} LOGIN PASSWORD %s", (CLERK_PASSWORD,))
        self.sql(f"CREATE ROLE {VIEWER} LOGIN")
        self.sql(f"CREATE ROLE {SEALED} LOGIN")
        return self

    def start_server(self) -> None:
        """The server process started (again) on the cluster's port, and the superuser's connection opened."""
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-o", self.options, "-l", str(self.home / "log"),
                  "-w", "-t", "60", "start")
        import psycopg2
        self.admin = psycopg2.connect(host="127.0.0.1", port=self.port, user="postgres", dbname="postgres")
        self.admin.autocommit = True

    def stop_server(self) -> None:
        """The server process stopped as an administrator stops it (fast: every session cut, open transactions
        rolled back); the cluster stays for start_server(). Only for a cluster of its own: the background copies
        of copy_of() do not survive it."""
        self.admin.close()
        self.admin = None
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "-t", "60", "stop")

    def restart(self) -> None:
        """The server restarted under whoever is connected: their sessions are cut, their data kept."""
        self.stop_server()
        self.start_server()

    def _certificate(self) -> str:
        """A self-signed certificate for 127.0.0.1 (openssl, which Debian's postgresql package brings along);
        returns the server options that switch SSL on with it."""
        crt, key = self.data / "server.crt", self.data / "server.key"
        self._run("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                  "-days", "2", "-subj", "/CN=127.0.0.1", "-keyout", str(key), "-out", str(crt))
        self._run("chmod", "600", str(key))  # the server refuses a key others may read
        return f"-c ssl=on -c ssl_cert_file={crt} -c ssl_key_file={key}"

    def stop(self) -> None:
        self.stopping.set()
        for maker in self.makers:
            maker.join(timeout=10)
        if self.admin is not None:
            self.admin.close()
        try:
            self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.home, ignore_errors=True)

    def sql(self, statement: str, params=None):
        with self.admin.cursor() as cursor:
            cursor.execute(statement, params)
            return cursor.fetchall() if cursor.description else None

    def url(self, dbname: str, user: str = OWNER, password: str | None = None) -> str:
        who = f"{user}:{password}" if password else user
        return f"postgresql://{who}@127.0.0.1:{self.port}/{dbname}"

    def new_database(self, template: str = "template0", owner: str = OWNER) -> str:
        """A fresh database (a copy of template), returning its name."""
        with self.lock:
            name = f"t{next(self.names)}"
        self.sql(f'CREATE DATABASE "{name}" TEMPLATE "{template}" OWNER "{owner}" STRATEGY FILE_COPY')
        return name

    def copy_of(self, template: str) -> str:
        """A fresh copy of template, made while the previous test ran (creating one takes ~70 ms)."""
        if template not in self.ready:
            self.ready[template] = queue.Queue(maxsize=2)
            self.makers.append(threading.Thread(target=self._keep_ready, args=(template,), daemon=True))
            self.makers[-1].start()
        name = self.ready[template].get(timeout=60)
        if isinstance(name, Exception):
            raise name
        return name

    def drop_later(self, name: str) -> None:
        """Drop a database in the background (with the next copy made), or at the latest with the cluster."""
        self.unused.put(name)

    def _drop_unused(self, con) -> None:
        while True:
            try:
                name = self.unused.get_nowait()
            except queue.Empty:
                return
            con.cursor().execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def _keep_ready(self, template: str) -> None:
        import psycopg2
        pending = self.ready[template]
        try:
            con = psycopg2.connect(host="127.0.0.1", port=self.port, user="postgres", dbname="postgres")
            con.autocommit = True
        except psycopg2.Error as e:
            pending.put(e)
            return
        try:
            while not self.stopping.is_set():
                with self.lock:
                    name = f"t{next(self.names)}"
                try:
                    con.cursor().execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}" OWNER "{OWNER}"'
                                         " STRATEGY FILE_COPY")
                except psycopg2.Error as e:
                    pending.put(e)
                    return
                while not self.stopping.is_set():  # two wait unused at most
                    self._drop_unused(con)
                    try:
                        pending.put(name, timeout=0.1)
                        break
                    except queue.Full:
                        continue
        finally:
            con.close()

    def sql_in(self, dbname: str, statement: str, params=None):
        """A statement run as the superuser inside one database (grants live there)."""
        import psycopg2
        con = psycopg2.connect(host="127.0.0.1", port=self.port, user="postgres", dbname=dbname)
        con.autocommit = True
        try:
            with con.cursor() as cursor:
                cursor.execute(statement, params)
                return cursor.fetchall() if cursor.description else None
        finally:
            con.close()

    def reading(self, dbname: str, role: str = VIEWER) -> str:
        """Let role read every table of dbname and nothing more, as an IT unit grants a look-only account;
        returns the URL it connects with."""
        self.sql_in(dbname, f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {role}")
        return self.url(dbname, user=role)

    def drop(self, name: str) -> None:
        self.sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
