"""The store's connection: the few sqlite-utils calls the store makes, without importing sqlite-utils.

Importing sqlite-utils costs about 75 ms (it brings click, dateutil and pluggy, and loads
plugins), which is half of a bare Qt window's start-up. Opening a workspace and every edit need
only `execute`, `execute_returning_dicts`, `atomic` and `ensure_autocommit_on`, so this class
does those with the same transaction rules as `sqlite_utils.Database`. Anything else (a
migration's `db["table"].create(...)`) is handed to a real `sqlite_utils.Database` on the same
connection, imported the first time it is needed.
"""

from __future__ import annotations

import contextlib
import sqlite3
import uuid
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import sqlite_utils

_TRANSACTION_CONTROL = {"BEGIN", "COMMIT", "END", "ROLLBACK", "SAVEPOINT", "RELEASE"}


def first_keyword(sql: str) -> str:
    """The statement's first keyword, upper case, after blanks, comments and empty statements."""
    i, n = 0, len(sql)
    while i < n:
        if sql[i].isspace() or sql[i] in (";", "\ufeff"):
            i += 1
        elif sql.startswith("--", i):
            end = sql.find("\n", i)
            i = n if end < 0 else end + 1
        elif sql.startswith("/*", i):
            end = sql.find("*/", i + 2)
            i = n if end < 0 else end + 2
        else:
            break
    start = i
    while i < n and (sql[i].isalnum() or sql[i] == "_"):
        i += 1
    return sql[start:i].upper()


class Database:
    """One SQLite connection, with sqlite-utils' transaction rules for the calls the store makes."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        self._full: sqlite_utils.Database | None = None
        # As sqlite_utils.Database does, so behaviour is the same whichever object runs a statement.
        self.execute("PRAGMA recursive_triggers = on")

    @property
    def full(self) -> sqlite_utils.Database:
        """A real `sqlite_utils.Database` on this connection (imported on first use)."""
        if self._full is None:
            import sqlite_utils

            self._full = sqlite_utils.Database(self.conn)
        return self._full

    def __getitem__(self, name: str) -> Any:
        return self.full[name]

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self.full, name)

    def execute(self, sql: str, parameters: Sequence | dict[str, Any] | None = None) -> sqlite3.Cursor:
        """Run one statement; a write outside a transaction is committed at once."""
        was_in_transaction = self.conn.in_transaction
        try:
            cursor = self.conn.execute(sql) if parameters is None else self.conn.execute(sql, parameters)
        except Exception:
            if not was_in_transaction and self.conn.in_transaction:
                # The failed statement opened an implicit transaction nothing would commit.
                self.conn.execute("ROLLBACK")
            raise
        if (not was_in_transaction and self.conn.in_transaction and cursor.description is None
                and first_keyword(sql) not in _TRANSACTION_CONTROL):
            self.conn.execute("COMMIT")
        return cursor

    def execute_returning_dicts(self, sql: str, params: Sequence | dict[str, Any] | None = None) -> list[dict]:
        cursor = self.execute(sql, params)
        keys = [d[0] for d in cursor.description or ()]
        return [dict(zip(keys, row, strict=True)) for row in cursor.fetchall()]

    def query(self, sql: str, params: Sequence | dict[str, Any] | None = None) -> Iterator[dict]:
        yield from self.execute_returning_dicts(sql, params)

    @contextlib.contextmanager
    def atomic(self) -> Iterator[Database]:
        """One transaction; nested blocks are savepoints."""
        if self.conn.in_transaction:
            savepoint = f"partnerdesk_{uuid.uuid4().hex}"
            self.conn.execute(f"SAVEPOINT {savepoint}")
            try:
                yield self
            except BaseException:
                # A RAISE(ROLLBACK) may already have ended the whole transaction.
                if self.conn.in_transaction:
                    self.conn.execute(f"ROLLBACK TO SAVEPOINT {savepoint}")
                    self.conn.execute(f"RELEASE SAVEPOINT {savepoint}")
                raise
            else:
                self.conn.execute(f"RELEASE SAVEPOINT {savepoint}")
        else:
            self.conn.execute("BEGIN")
            try:
                yield self
            except BaseException:
                self.rollback()
                raise
            else:
                try:
                    self.conn.execute("COMMIT")
                except BaseException:
                    self.rollback()
                    raise

    def rollback(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")

    def commit(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("COMMIT")

    @contextlib.contextmanager
    def ensure_autocommit_on(self) -> Iterator[None]:
        """Driver-level autocommit for a block (`PRAGMA journal_mode` cannot run in a transaction)."""
        if self.conn.in_transaction:
            raise sqlite3.OperationalError("ensure_autocommit_on() cannot be used inside a transaction")
        old = self.conn.isolation_level
        try:
            self.conn.isolation_level = None
            yield
        finally:
            self.conn.isolation_level = old

    def close(self) -> None:
        self.conn.close()
