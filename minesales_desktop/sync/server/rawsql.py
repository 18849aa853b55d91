"""Raw SQL on the server's hot paths (push, scope lookups), for SQLite and PostgreSQL alike.

SQLAlchemy Core builds, caches and compiles a statement on every ``execute``; with 500 ops per
push batch that setup cost more than SQLite itself (see docs/sync-protocol.md, "Where the time
goes"). Here statements are plain strings handed to the driver (``exec_driver_sql``): written
with ``?`` placeholders and turned into ``%s`` for psycopg. A list of ids is one parameter —
``json_each(?)`` on SQLite, ``= ANY(%s)`` on PostgreSQL — so a statement's text does not
depend on how many ids it carries.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

import orjson
from sqlalchemy import Connection
from sqlalchemy.exc import DBAPIError


@lru_cache(maxsize=512)
def _pyformat(sql: str) -> str:
    return sql.replace("%", "%%").replace("?", "%s")


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
        if rows:
            self._run(sql, rows, True)

    def in_ids(self, column: str) -> str:
        """A condition "``column`` is one of the ids in the next parameter" (``ids``)."""
        if self.pg:
            return f"{column} = ANY(?)"
        return f"{column} IN (SELECT value FROM json_each(?))"

    def ids(self, ids: Iterable[str]) -> Any:
        return list(ids) if self.pg else orjson.dumps(list(ids)).decode()


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'
