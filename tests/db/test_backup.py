"""Backups are consistent copies; restore checks the copy first and keeps what it replaces."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from minesales_desktop.db.backup import backup_database, check_backup, restore_file
from minesales_desktop.db.engine import make_session_factory
from minesales_desktop.db.migrate import head_revision, open_database
from minesales_desktop.services.customers import customers


def _count(path: Path) -> int:
    with sqlite3.connect(path) as con:
        return int(con.execute("SELECT count(*) FROM customers").fetchone()[0])


def test_backup_while_open_then_restore(tmp_path: Path, engine, dept) -> None:
    factory = make_session_factory(engine)
    with factory() as s:
        customers.create(
            s, dept.rep, {"code": "B1", "name_zh": "备份测试钢铁", "customer_type": "STEEL_MILL"}
        )
        s.commit()
    # The app still has the file open (WAL, uncheckpointed) while the backup is taken.
    copy = backup_database(engine, tmp_path / "copy.db")
    assert check_backup(copy) == head_revision()
    assert _count(copy) == 1
    with factory() as s:
        customers.create(
            s, dept.rep, {"code": "B2", "name_zh": "备份后新增", "customer_type": "TRADER"}
        )
        s.commit()
    db_file = Path(engine.url.database)
    engine.dispose()
    saved = restore_file(copy, db_file)
    assert _count(db_file) == 1
    assert saved is not None and _count(saved) == 2, "the replaced database is kept"


def test_restore_refuses_a_damaged_backup_and_changes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "live.db"
    open_database(db).dispose()
    before = db.read_bytes()
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    with pytest.raises(ValueError):
        restore_file(bad, db)
    assert db.read_bytes() == before
    assert not (tmp_path / "backups").exists()


def test_restore_refuses_a_sqlite_file_that_is_not_ours(tmp_path: Path) -> None:
    db = tmp_path / "live.db"
    open_database(db).dispose()
    foreign = tmp_path / "foreign.db"
    with sqlite3.connect(foreign) as con:
        con.execute("CREATE TABLE x (a)")
    with pytest.raises(ValueError, match="not a MineSales database"):
        restore_file(foreign, db)
    eng = open_database(db)
    with eng.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    eng.dispose()
