"""Change capture on the laptop: every write, however it is made, lands in the outbox in the same
transaction — and bulk loads can switch it off."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import text

from minesales_desktop.db.migrate import open_database
from minesales_desktop.sync.changes import capture_paused

INSERT = (
    "INSERT INTO customers (id, code, name_zh, customer_type, tier, status, created_at,"
    " updated_at, is_deleted, name_pinyin, name_initials, search_text) VALUES (:id, :code, '包钢',"
    " 'STEEL_MILL', 'A', 'ACTIVE', '2026-01-01 00:00:00.000000', '2026-01-01 00:00:00.000000', 0,"
    " '', '', '')"
)


def test_inserts_updates_and_deletes_are_captured_per_field(tmp_path: Path) -> None:
    engine = open_database(tmp_path / "a.db")
    try:
        with engine.begin() as conn:
            assert conn.execute(text("SELECT node_id, capture FROM sync_state")).one() == (None, 1)
            conn.execute(text(INSERT), {"id": "c1", "code": "C1"})
            conn.execute(text("UPDATE customers SET notes = 'a', city = '包头' WHERE id = 'c1'"))
            conn.execute(text("UPDATE customers SET notes = 'b' WHERE id = 'c1'"))
            rows = conn.execute(
                text("SELECT field, value, base_seq FROM sync_outbox ORDER BY id")
            ).all()
        assert [r[0] for r in rows] == ["*", "city", "notes"] or [r[0] for r in rows] == [
            "*",
            "notes",
            "city",
        ]
        assert dict((r[0], r[1]) for r in rows)["notes"] == '"b"', "a later edit replaces it"
        stamps = [r[0] for r in engine.connect().execute(text("SELECT hlc FROM sync_outbox"))]
        assert len(set(stamps)) == len(stamps)
        # A write by another program (no SQLAlchemy, no Python function) is captured too.
        con = sqlite3.connect(tmp_path / "a.db")
        with con:
            con.execute("DELETE FROM customers WHERE id = 'c1'")
        con.close()
        with engine.connect() as conn:
            last = conn.execute(
                text("SELECT field, value FROM sync_outbox ORDER BY id DESC LIMIT 1")
            ).one()
        assert tuple(last) == ("is_deleted", "1")
    finally:
        engine.dispose()


def test_a_rolled_back_change_leaves_no_outbox_entry(tmp_path: Path) -> None:
    engine = open_database(tmp_path / "a.db")
    try:
        conn = engine.connect()
        trans = conn.begin()
        conn.execute(text(INSERT), {"id": "c1", "code": "C1"})
        trans.rollback()
        conn.close()
        with engine.connect() as c:
            assert c.execute(text("SELECT count(*) FROM sync_outbox")).scalar() == 0
    finally:
        engine.dispose()


def test_bulk_loads_can_pause_capture(tmp_path: Path) -> None:
    engine = open_database(tmp_path / "a.db")
    try:
        with engine.begin() as conn, capture_paused(conn):
            conn.execute(text(INSERT), [{"id": f"c{i}", "code": f"C{i}"} for i in range(500)])
        with engine.begin() as conn:
            assert conn.execute(text("SELECT count(*) FROM sync_outbox")).scalar() == 0
            assert conn.execute(text("SELECT capture FROM sync_state")).scalar() == 1
            conn.execute(text(INSERT), {"id": "after", "code": "AFTER"})
            assert conn.execute(text("SELECT count(*) FROM sync_outbox")).scalar() == 1
    finally:
        engine.dispose()
