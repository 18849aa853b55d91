"""Raw SQL on the server's hot paths (push, scope lookups), for SQLite and PostgreSQL alike.

SQLAlchemy Core builds, caches and compiles a statement on every ``execute``; with 500 ops per
push batch that setup cost more than SQLite itself (see docs/sync-protocol.md, "Where the time
goes"). Here statements are plain strings handed to the driver (``exec_driver_sql``): written
with ``?`` placeholders and turned into ``%s`` for psycopg. A list of ids is one parameter —
``json_each(?)`` on SQLite, ``= ANY(%s)`` on PostgreSQL — so a statement's text does not
depend on how many ids it carries.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from itertools import chain
from typing import Any

import orjson
from sqlalchemy import Connection
from sqlalchemy.exc import DBAPIError


@lru_cache(maxsize=512)
def _pyformat(sql: str) -> str:
    return sql.replace("%", "%%").replace("?", "%s")


#: The most rows one multi-row INSERT carries. Each row count is a statement of its own, which
#: SQLite must prepare (a 250-row INSERT of customers: 3 ms, once per connection while it stays
#: in the driver's statement cache), so counts are powers of two: at most eight statements per
#: table and column list. Past 128 rows a statement saves next to nothing more.
MAX_ROWS_PER_INSERT = 128


def _chunks(n: int, limit: int = MAX_ROWS_PER_INSERT) -> list[int]:
    """Row counts for ``n`` rows, each a power of two of at most ``MAX_ROWS_PER_INSERT`` and
    ``limit``: as many of the largest as fit, then the binary digits of the rest (250 → 128,
    64, 32, 16, 8, 2)."""
    top = 1 << (max(1, min(limit, MAX_ROWS_PER_INSERT)).bit_length() - 1)
    full, rest = divmod(n, top)
    out = [top] * full
    bit = top >> 1
    while rest:
        if rest >= bit:
            out.append(bit)
            rest -= bit
        bit >>= 1
    return out


@lru_cache(maxsize=512)
def _values_clause(sql: str) -> str | None:
    """The ``(?, …, ?)`` an ``INSERT … VALUES (?, …, ?)`` ends with, or None for any other
    statement (nothing may follow the values: no ``ON CONFLICT``, no ``RETURNING``)."""
    head, sep, values = sql.rpartition(" VALUES ")
    if not sep or not head.lstrip().upper().startswith("INSERT"):
        return None
    if values.startswith("(") and values.endswith(")") and set(values[1:-1]) <= set("?, "):
        return values
    return None


@lru_cache(maxsize=1024)
def _multi_row(sql: str, values: str, count: int) -> str:
    return sql + ", " + ", ".join([values] * (count - 1)) if count > 1 else sql


def multi_row_inserts(
    sql: str, values: str, rows: list[tuple[Any, ...]], max_params: int
) -> Iterator[tuple[str, list[Any]]]:
    """(statement, parameters) of the multi-row INSERTs that write ``rows`` with ``sql`` (an
    ``INSERT … VALUES`` ending in ``values``: ``_values_clause``), each with at most
    ``max_params`` parameters: the connection's limit (an older SQLite allows 999, not 32 766;
    ``sqlite3.Connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)``)."""
    return multi_row_flat(sql, values, list(chain.from_iterable(rows)), len(rows[0]), max_params)


def multi_row_flat(
    sql: str, values: str, flat: list[Any], width: int, max_params: int
) -> Iterator[tuple[str, list[Any]]]:
    """``multi_row_inserts`` of rows given one after another in ``flat``, ``width`` values
    each: every statement's parameters are one slice of it."""
    start = 0
    for count in _chunks(len(flat) // width, max_params // width):
        end = start + count * width
        yield _multi_row(sql, values, count), flat[start:end]
        start = end


class RawSql:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.pg = conn.dialect.name == "postgresql"

    def _q(self, sql: str) -> str:
        return _pyformat(sql) if self.pg else sql

    def _run(self, sql: str, params: Any, many: bool) -> list[Any]:
        """On the driver's own cursor, inside the connection's transaction: SQLAlchemy's result
        machinery (a Row per row) is not needed here. Driver errors come out as SQLAlchemy's
        (``IntegrityError`` …), as from ``exec_driver_sql``."""
        statement = self._q(sql)
        cursor = self.conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        try:
            if many:
                cursor.executemany(statement, params)
                return []
            cursor.execute(statement, params)
            return list(cursor.fetchall()) if cursor.description else []
        except self.conn.dialect.loaded_dbapi.Error as exc:
            raise DBAPIError.instance(
                statement, params, exc, self.conn.dialect.loaded_dbapi.Error,
                dialect=self.conn.dialect,
            ) from exc  # fmt: skip
        finally:
            cursor.close()

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        return self._run(sql, tuple(params), False)

    def many(self, sql: str, rows: list[tuple[Any, ...]]) -> None:
        """``executemany``. On SQLite an ``INSERT … VALUES (?, …)`` of several rows goes as
        multi-row INSERTs instead (``_chunks``): SQLite then opens the table's and its indexes'
        cursors once per statement rather than once per row — the rows, log entries and op ids
        of a 500-op push batch in about a fifth less time (``bench/sync_floor.py``)."""
        if not rows:
            return
        values = None if self.pg or len(rows) == 1 else _values_clause(sql)
        if values is None:
            self._run(sql, rows, True)
            return
        dbapi = self.conn.connection.dbapi_connection
        assert dbapi is not None
        limit = dbapi.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
        for statement, params in multi_row_inserts(sql, values, rows, limit):
            self._run(statement, params, False)

    def many_flat(self, sql: str, flat: list[Any], width: int) -> None:
        """``many`` of rows given one after another in ``flat``, ``width`` values each (the
        caller need not make a tuple per row, nor this a list per statement of them)."""
        if not flat:
            return
        values = None if self.pg or len(flat) == width else _values_clause(sql)
        if values is None:
            self._run(sql, [flat[k : k + width] for k in range(0, len(flat), width)], True)
            return
        dbapi = self.conn.connection.dbapi_connection
        assert dbapi is not None
        limit = dbapi.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
        for statement, params in multi_row_flat(sql, values, flat, width, limit):
            self._run(statement, params, False)

    def in_ids(self, column: str) -> str:
        """A condition "``column`` is one of the ids in the next parameter" (``ids``)."""
        if self.pg:
            return f"{column} = ANY(?)"
        return f"{column} IN (SELECT value FROM json_each(?))"

    def ids(self, ids: Iterable[str]) -> Any:
        return list(ids) if self.pg else orjson.dumps(list(ids)).decode()


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'
