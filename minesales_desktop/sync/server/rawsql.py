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
from functools import cache
from typing import Any

import orjson
from sqlalchemy import Connection


@cache
def _pyformat(sql: str) -> str:
    return sql.replace("%", "%%").replace("?", "%s")


class RawSql:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.pg = conn.dialect.name == "postgresql"

    def _q(self, sql: str) -> str:
        return _pyformat(sql) if self.pg else sql

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        return list(self.conn.exec_driver_sql(self._q(sql), tuple(params)).all())

    def many(self, sql: str, rows: list[tuple[Any, ...]]) -> None:
        if rows:
            self.conn.exec_driver_sql(self._q(sql), rows)

    def one(self, sql: str, params: Sequence[Any] = ()) -> None:
        self.conn.exec_driver_sql(self._q(sql), tuple(params))

    def in_ids(self, column: str) -> str:
        """A condition "``column`` is one of the ids in the next parameter" (``ids``)."""
        if self.pg:
            return f"{column} = ANY(?)"
        return f"{column} IN (SELECT value FROM json_each(?))"

    def ids(self, ids: Iterable[str]) -> Any:
        return list(ids) if self.pg else orjson.dumps(list(ids)).decode()


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'
