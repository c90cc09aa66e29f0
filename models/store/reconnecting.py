"""A server connection that survives the server's restart or a dropped network under a running program: outside
a transaction the next statement connects again (a short retry while the server comes back); inside one it stops
with ServerGone, and the server has rolled the transaction back whole, so nothing is half-written."""
from __future__ import annotations

import contextlib
import logging
import time

from peewee import InterfaceError, OperationalError

from models.store.connection import StoreError

RETRY_FOR = 3.0  # seconds of trying to connect again before saying the server is not back
RETRY_EVERY = 0.5

log = logging.getLogger("branch_ledger")


class ServerGone(StoreError, OperationalError):
    """The server went away under the program: one Chinese line for the person, and (as an OperationalError) what
    the saving code already turns into the message a form shows while keeping what was typed."""


class Reconnecting:
    """Mixed into the server's database class before peewee's PostgresqlDatabase."""

    def _lost(self) -> bool:
        """True when this thread's connection is known dead (psycopg2 marks it after a failed statement)."""
        conn = self._state.conn
        return self._state.closed or conn is None or bool(conn.closed)

    def _gone(self, error: Exception, at_commit: bool = False) -> ServerGone:
        first = (str(error).strip().splitlines() or [type(error).__name__])[0]
        outcome = ("无法确认这次保存是否已完成（要么完整写入，要么完全没有写入），服务器恢复后请查看后再试" if at_commit
                   else "这次操作没有完成，数据库未被改动；服务器恢复后再试即可")
        return ServerGone(f"与数据库服务器“{self.address.shown}”的连接中断了（服务器可能重启或网络断开），"
                          f"{outcome}。（{first}）")

    def _forget_connection(self) -> None:
        conn = self._state.conn
        self._state.reset()
        if conn is not None:
            with contextlib.suppress(Exception):  # a dead connection may refuse even to close
                conn.close()

    def _connect_again(self) -> None:
        """A new connection for this thread, tried for RETRY_FOR seconds (a restart takes a moment)."""
        self._forget_connection()
        deadline = time.monotonic() + RETRY_FOR
        while True:
            try:
                self.connect()
                log.info("已重新连接数据库服务器 %s", self.address.shown)
                return
            except OperationalError as e:
                if time.monotonic() + RETRY_EVERY > deadline:
                    raise ServerGone(f"与数据库服务器“{self.address.shown}”的连接中断了，重新连接没有成功（服务器没有开启"
                                     "或网络不通），这次操作没有完成，数据库未被改动；服务器恢复后再试即可。"
                                     f"（{(str(e).strip().splitlines() or [''])[0]}）") from None
                time.sleep(RETRY_EVERY)

    def _again(self, run):
        """run() once more on a new connection when it failed because the old one died, outside a transaction
        only: inside one, the statements before it went with the old connection, so starting afresh mid-way could
        write half of it. There the transaction is abandoned (the server has rolled it back)."""
        try:
            return run()
        except (OperationalError, InterfaceError) as e:
            if isinstance(e, ServerGone) or not self._lost():
                raise
            if self.in_transaction():
                raise self._gone(e) from e
            log.warning("与数据库服务器的连接中断，正在重新连接：%s", (str(e).strip().splitlines() or [""])[0])
        self._connect_again()
        try:
            return run()
        except (OperationalError, InterfaceError) as e:
            if isinstance(e, ServerGone) or not self._lost():
                raise
            raise self._gone(e) from e

    def execute_sql(self, sql, params=None):
        return self._again(lambda: super(Reconnecting, self).execute_sql(sql, params))

    def begin(self, *args, **kwargs):
        return self._again(lambda: super(Reconnecting, self).begin(*args, **kwargs))

    def commit(self):
        try:
            return super().commit()
        except (OperationalError, InterfaceError) as e:
            if self._lost():  # whether the server took the COMMIT cannot be known; it went with the connection
                raise self._gone(e, at_commit=True) from e
            raise

    def rollback(self):
        if self._lost() and not self.in_transaction():
            self._forget_connection()  # the server rolled back when the connection died: nothing left to undo
            return None
        return super().rollback()
