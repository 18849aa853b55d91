"""The laptop's outbox after a pull: acknowledged ops the cursor has passed are dropped — the whole
table at once when nothing else is left (SQLite's truncate), row by row otherwise."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, text

from minesales_desktop.db.migrate import open_database
from minesales_desktop.sync.client import pending_count, prune_outbox
from tests.sync.conftest import (
    PASSWORD,
    Laptop,
    ServerProcess,
    converged,
    new_customer,
    server_rows,
)


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


def _laptop_with_customers(  # type: ignore[no-untyped-def]
    laptops, prefix: str, n: int, **kwargs: Any
) -> tuple[Laptop, list[str]]:
    """A manager's laptop, synced once, with ``n`` new customers of rep1 queued."""
    a: Laptop = laptops("mgr", **kwargs)
    a.sync()
    owner = a.user_id("rep1")
    return a, [new_customer(a, f"{prefix}{i}", owner=owner) for i in range(n)]


def test_a_full_sync_empties_the_outbox_and_later_changes_still_go(
    server: ServerProcess, laptops
) -> None:
    a, first = _laptop_with_customers(laptops, "PR", 7, batch_size=3)
    owner = a.user_id("rep1")
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
    a, ids = _laptop_with_customers(laptops, "PQ", 4, batch_size=2)
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


# --- acknowledgements held until the pull (``SyncClient._held``) ------------------------------
def _in_pull(progress_seen: list[Any]) -> Any:
    """A ``cancelled`` callback that is true once the push has been answered whole: the sync
    calls it before each pull page, after every push answer is applied."""

    def pushed_all() -> bool:
        return any(p.phase == "push" and p.total and p.done >= p.total for p in progress_seen)

    return pushed_all


def test_an_edit_of_a_field_whose_ack_is_held_stays_queued(server: ServerProcess, laptops) -> None:
    a: Laptop = laptops("mgr", batch_size=2)
    a.sync()
    owner = a.user_id("rep1")
    ids = [new_customer(a, f"PH{n}", owner=owner) for n in range(3)]
    a.sync()
    for n, cid in enumerate(ids):
        a.sql("UPDATE customers SET notes = :v WHERE id = :id", v=f"第一次{n}", id=cid)
    seen: list[Any] = []
    pushed_all = _in_pull(seen)
    edited: list[bool] = []

    def edit_before_the_pull() -> bool:
        # Every answer is applied (its acks held, not written): the edit of a field whose op
        # was taken lands in that same outbox row under a new op id.
        if pushed_all() and not edited:
            edited.append(True)
            assert a.client._held, "the answers' acks are held"
            a.sql("UPDATE customers SET notes = '第二次' WHERE id = :id", id=ids[0])
        return False

    report = a.sync(progress=seen.append, cancelled=edit_before_the_pull)
    assert edited and report.applied == 3
    left = _outbox(a.engine)
    assert [(r[1], r[2], r[3], r[4]) for r in left] == [(ids[0], "notes", None, None)]
    assert a.client.pending_count() == 1
    on_server = server_rows(server, "SELECT notes FROM customers WHERE id = :i", i=ids[0])
    assert on_server == [("第一次0",)]
    report = a.sync()
    assert report.applied == 1 and _outbox(a.engine) == []
    on_server = server_rows(server, "SELECT notes FROM customers WHERE id = :i", i=ids[0])
    assert on_server == [("第二次",)]


def test_a_change_pulled_after_a_held_ack_is_applied(server: ServerProcess, laptops) -> None:
    """Another laptop sets the field after this one's batch with it is answered and before the
    pull: the pulled value is the newer one on the server, and this laptop takes it — a held ack
    counts as acknowledged at its sequence, not as an edit still queued. (The first page comes
    with the push's last answer, read when that batch is stored: the other laptop syncs between
    the two batches, one at a time.)"""
    a: Laptop = laptops("mgr", batch_size=2, window=1)
    b: Laptop = laptops("admin")
    a.sync()
    owner = a.user_id("rep1")
    cid, *others = [new_customer(a, f"PB{n}", owner=owner) for n in range(3)]
    a.sync()
    b.sync()
    a.sql("UPDATE customers SET notes = '甲' WHERE id = :id", id=cid)
    for n, other in enumerate(others):
        a.sql("UPDATE customers SET notes = :v WHERE id = :id", v=f"丙{n}", id=other)
    synced: list[Any] = []

    def b_syncs_between_the_batches(progress: Any) -> None:
        if progress.phase == "push" and progress.done == 2 and not synced:
            b.sql("UPDATE customers SET notes = '乙' WHERE id = :id", id=cid)
            synced.append(b.sync())

    report = a.sync(progress=b_syncs_between_the_batches)
    # B's edit was made on a base before A's push: a conflict on the server, which B's later
    # stamp wins.
    assert synced and [(o.status, o.won) for o in synced[0].outcomes] == [("conflict", True)]
    assert report.applied == 3 and report.pulled >= 1
    assert a.sql("SELECT notes FROM customers WHERE id = :id", id=cid) == [("乙",)]
    assert server_rows(server, "SELECT notes FROM customers WHERE id = :i", i=cid) == [("乙",)]
    assert _outbox(a.engine) == []


_KILLED_MID_SYNC = """
import os, sys
from minesales_desktop.db.engine import make_engine
from minesales_desktop.sync.client import Credentials, RetryPolicy, SyncClient

db, url, login, password = sys.argv[1:5]
client = SyncClient(make_engine(db), url, Credentials(login, password), batch_size=3,
                    retry=RetryPolicy(attempts=8, first_delay=0.02, max_delay=0.2, timeout=10))
seen = []

def killed() -> bool:
    if any(p.phase == "push" and p.total and p.done >= p.total for p in seen):
        assert client._held, "the answers' acks are held"
        os._exit(9)  # as a kill: no finally, nothing written
    return False

client.sync(progress=seen.append, cancelled=killed)
sys.exit(1)
"""


def test_a_laptop_killed_before_its_acks_were_written_sends_them_again(
    server: ServerProcess, laptops
) -> None:
    a, queued = _laptop_with_customers(laptops, "PK", 7)
    made = set(queued)
    done = subprocess.run(
        [sys.executable, "-c", _KILLED_MID_SYNC, str(a.path), server.url, "mgr", PASSWORD],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=Path(__file__).resolve().parents[2],  # the repository: the package imports from it
    )
    assert done.returncode == 9, done.stderr
    assert server_rows(server, "SELECT count(*) FROM customers WHERE code LIKE 'PK%'") == [(7,)]
    assert a.client.pending_count() == 7, "the answers came, but their acks were never written"
    report = a.sync()
    assert report.pushed == 7 and report.applied == 7 and report.conflicts == 0
    assert a.client.pending_count() == 0 and _outbox(a.engine) == []
    entries = server_rows(
        server,
        "SELECT row_id, count(*) FROM sync_log WHERE tbl = 'customers' AND field = '*'"
        " GROUP BY row_id",
    )
    assert {row_id: n for row_id, n in entries if row_id in made} == dict.fromkeys(made, 1)


def test_a_sync_cancelled_before_its_pull_writes_the_held_acks(
    server: ServerProcess, laptops
) -> None:
    a, ids = _laptop_with_customers(laptops, "PC", 5, batch_size=2)
    seen: list[Any] = []
    report = a.sync(progress=seen.append, cancelled=_in_pull(seen))
    assert report.cancelled and report.applied == 5 and report.pulled == 0
    left = _outbox(a.engine)
    assert sorted(r[1] for r in left) == sorted(ids)
    assert all(r[3] is not None and r[4] is not None for r in left), "acknowledged, not queued"
    assert a.client.pending_count() == 0
    assert a.sync().pushed == 0, "nothing is sent again"


def test_held_acks_over_a_pull_of_several_pages(server: ServerProcess, laptops) -> None:
    """Another laptop pushes in the middle of this one's push: the first pulled pages end below
    the sequences of this laptop's later batches, so their acks cannot all go with the first
    page — those the cursor passed go, the others are written and go with a later page."""
    a: Laptop = laptops("mgr", batch_size=2, pull_limit=2, window=1)  # one batch at a time
    b: Laptop = laptops("admin")
    a.sync()
    b.sync()
    owner = a.user_id("rep1")
    mine = [new_customer(a, f"PM{n}", owner=owner) for n in range(6)]
    theirs = [new_customer(b, f"PT{n}", owner=owner) for n in range(3)]
    b_synced: list[Any] = []

    def b_pushes_midway(progress: Any) -> None:
        if progress.phase == "push" and progress.done >= 2 and not b_synced:
            b_synced.append(b.sync())

    report = a.sync(progress=b_pushes_midway)
    assert b_synced and b_synced[0].applied == 3
    assert report.applied == 6 and report.pulled == 3
    seqs = dict(server_rows(server, "SELECT row_id, seq FROM sync_log WHERE field = '*'"))
    assert min(seqs[c] for c in theirs) < max(seqs[c] for c in mine), "b's push came midway"
    assert _outbox(a.engine) == [] and a.client.pending_count() == 0
    assert {r[0] for r in a.sql("SELECT id FROM customers")} >= set(mine) | set(theirs)
    b.sync()
    converged(server, a, b)
