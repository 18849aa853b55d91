"""The laptop's outbox after a pull: acknowledged ops the cursor has passed are dropped — the whole
table at once when nothing else is left (SQLite's truncate), row by row otherwise."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, text

from minesales_desktop.db.migrate import open_database
from minesales_desktop.sync.client import pending_count, prune_outbox
from tests.sync.conftest import Laptop, ServerProcess, new_customer, server_rows


def _outbox(engine: Engine) -> list[tuple[Any, ...]]:
    with engine.connect() as conn:
        return [
            tuple(r)
            for r in conn.execute(
                text("SELECT id, row_id, field, batch_id, acked_seq FROM sync_outbox ORDER BY id")
            )
        ]


def _queue(engine: Engine, rows: list[tuple[str, str | None, int | None]]) -> None:
    """Outbox rows (row id, batch id, acked seq) as the capture and an applied answer leave them."""
    with engine.begin() as conn:
        for n, (row_id, batch, acked) in enumerate(rows, start=1):
            conn.exec_driver_sql(
                "INSERT INTO sync_outbox (op_id, tbl, row_id, field, value, hlc, base_seq,"
                " batch_id, acked_seq) VALUES (?, 'customers', ?, 'notes', '\"x\"', ?, 0, ?, ?)",
                (f"op{n:022d}", row_id, n, batch, acked),
            )


def test_prune_keeps_what_is_queued_or_acknowledged_past_the_cursor(tmp_path: Path) -> None:
    engine = open_database(tmp_path / "laptop.db", backup=False)
    try:
        _queue(engine, [("r1", "b1", 5), ("r2", "b1", 6), ("r3", "b2", 9), ("r4", None, None)])
        with engine.begin() as conn:
            prune_outbox(conn, 7)
        assert [(r[1], r[4]) for r in _outbox(engine)] == [("r3", 9), ("r4", None)]
        with engine.begin() as conn:
            prune_outbox(conn, 9)
        assert [(r[1], r[4]) for r in _outbox(engine)] == [("r4", None)], "queued ops stay"
        with engine.connect() as conn:
            assert pending_count(conn) == 1
    finally:
        engine.dispose()


def test_prune_clears_the_whole_outbox_and_restores_secure_delete(tmp_path: Path) -> None:
    engine = open_database(tmp_path / "laptop.db", backup=False)
    try:
        _queue(engine, [(f"r{n}", "b1", n) for n in range(1, 201)])
        with engine.begin() as conn:
            conn.exec_driver_sql("PRAGMA secure_delete = 1")
            prune_outbox(conn, 200)
            assert conn.exec_driver_sql("PRAGMA secure_delete").scalar_one() == 1
        assert _outbox(engine) == []
        # A change captured afterwards is queued as usual (ids start again: the table is empty).
        _queue(engine, [("r9", None, None)])
        with engine.connect() as conn:
            assert pending_count(conn) == 1
    finally:
        engine.dispose()


def test_a_full_sync_empties_the_outbox_and_later_changes_still_go(
    server: ServerProcess, laptops
) -> None:
    a: Laptop = laptops("mgr", batch_size=3)
    a.sync()
    owner = a.user_id("rep1")
    first = [new_customer(a, f"PR{n}", owner=owner) for n in range(7)]
    report = a.sync()
    assert report.applied == 7
    assert _outbox(a.engine) == [], "every op acknowledged and passed by the cursor"
    later = new_customer(a, "PR-LATER", owner=owner)
    a.sql("UPDATE customers SET notes = '第二次' WHERE id = :id", id=first[0])
    assert a.client.pending_count() == 2
    report = a.sync()
    assert report.applied == 2 and a.client.pending_count() == 0
    assert _outbox(a.engine) == []
    on_server = server_rows(
        server,
        "SELECT id, notes FROM customers WHERE id IN (:a, :b) ORDER BY code",
        a=first[0],
        b=later,
    )
    assert sorted(on_server) == sorted([(first[0], "第二次"), (later, None)])


def test_an_op_queued_during_the_sync_survives_the_prune(server: ServerProcess, laptops) -> None:
    a: Laptop = laptops("mgr", batch_size=2)
    a.sync()
    owner = a.user_id("rep1")
    ids = [new_customer(a, f"PQ{n}", owner=owner) for n in range(4)]
    edited: list[int] = []

    def edit_mid_push(progress: Any) -> None:
        # Both batches are read (and sent) already: this edit is queued when the pull prunes.
        if progress.phase == "push" and progress.done >= 2 and not edited:
            edited.append(progress.done)
            a.sql("UPDATE customers SET notes = '途中' WHERE id = :id", id=ids[1])

    a.sync(progress=edit_mid_push)
    assert edited
    left = _outbox(a.engine)
    assert [(r[1], r[2], r[3], r[4]) for r in left] == [(ids[1], "notes", None, None)]
    a.sync()
    assert _outbox(a.engine) == []
    assert server_rows(server, "SELECT notes FROM customers WHERE id = :i", i=ids[1]) == [("途中",)]
