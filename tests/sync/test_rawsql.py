"""The server's raw SQL helper: multi-row INSERTs on SQLite (``RawSql.many``) write exactly what
one ``executemany`` would, within SQLite's parameter limit, and fail as a whole."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine
from sqlalchemy.exc import IntegrityError

from minesales_desktop.sync.server.rawsql import RawSql, _chunks

INSERT = "INSERT INTO t (id, name, n) VALUES (?, ?, ?)"


def _engine(tmp_path: Path):  # type: ignore[no-untyped-def]
    engine = create_engine(f"sqlite:///{tmp_path / 'raw.db'}")
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT UNIQUE, n INT)")
    return engine


@pytest.mark.parametrize("count", [2, 3, 127, 128, 129, 250, 500, 1000])
def test_rows_arrive_in_order_with_their_values(tmp_path: Path, count: int) -> None:
    rows = [(i, f"名称{i}", None if i % 7 == 0 else i * 3) for i in range(1, count + 1)]
    with _engine(tmp_path).begin() as conn:
        RawSql(conn).many(INSERT, rows)
        got = conn.exec_driver_sql("SELECT id, name, n FROM t ORDER BY rowid").all()
    assert [tuple(r) for r in got] == rows


def test_a_low_parameter_limit_is_respected(tmp_path: Path) -> None:
    """An older SQLite allows 999 parameters per statement: 500 rows of 3 values must still go
    in (as statements of at most 333 values' worth of rows)."""
    engine = _engine(tmp_path)
    rows = [(i, f"n{i}", i) for i in range(1, 501)]
    with engine.begin() as conn:
        dbapi = conn.connection.dbapi_connection
        assert dbapi is not None
        dbapi.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, 30)  # 10 rows per statement
        RawSql(conn).many(INSERT, rows)
        assert conn.exec_driver_sql("SELECT count(*), sum(n) FROM t").one() == (500, 125250)


def test_a_clash_fails_the_call_and_the_savepoint_undoes_it(tmp_path: Path) -> None:
    """As with ``executemany``, a refused row raises SQLAlchemy's IntegrityError; the push rolls
    back to its savepoint, so nothing of the call stays."""
    rows = [(i, f"n{i}", i) for i in range(1, 301)]
    rows[200] = (201, "n5", 0)  # the name of row 5 again
    with _engine(tmp_path).begin() as conn:
        raw = RawSql(conn)
        raw.rows("SAVEPOINT s")
        with pytest.raises(IntegrityError):
            raw.many(INSERT, rows)
        raw.rows("ROLLBACK TO SAVEPOINT s")
        assert conn.exec_driver_sql("SELECT count(*) FROM t").scalar_one() == 0


def test_other_statements_still_go_row_by_row(tmp_path: Path) -> None:
    engine = _engine(tmp_path)
    with engine.begin() as conn:
        raw = RawSql(conn)
        raw.many(INSERT, [(1, "a", 1), (2, "b", 2)])
        raw.many("UPDATE t SET n = ? WHERE id = ?", [(10, 1), (20, 2)])
        raw.many(INSERT + " ON CONFLICT (id) DO UPDATE SET n = 99", [(1, "a", 0), (3, "c", 3)])
        got = conn.exec_driver_sql("SELECT id, n FROM t ORDER BY id").all()
    assert [tuple(r) for r in got] == [(1, 99), (2, 20), (3, 3)]


@pytest.mark.parametrize("n", range(1, 600, 7))
def test_chunks_are_powers_of_two_that_add_up(n: int) -> None:
    for limit in (1, 10, 43, 128, 10_000):
        sizes = _chunks(n, limit)
        assert sum(sizes) == n
        assert all(s & (s - 1) == 0 and s <= min(limit, 128) for s in sizes)
        assert len(set(sizes)) <= 8
