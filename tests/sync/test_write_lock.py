"""A push never waits for the server database's write lock on the event loop.

Another process may hold the write lock for a while: an administrator's ``server-user``
command, a backup tool, a ``sqlite3`` shell left in a write transaction (on PostgreSQL also a
row another session's open ``UPDATE`` holds). A push that runs on the event loop
(``app._InFlight``: the only request doing work) tries the lock without waiting
(``Store.push(wait=False)``); held, it waits in the thread pool, and the server goes on
answering everyone else meanwhile. Before, the whole server stood still until the lock came
free or SQLite's busy timeout (30 s) ran out; on PostgreSQL, for as long as the lock was held.
A real server process on 127.0.0.1, SQLite and PostgreSQL.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import text

from minesales_desktop.db.migrate import head_revision
from minesales_desktop.sync.protocol import PushBatch, WireOp, derived_op_id
from minesales_desktop.sync.server.auth import viewer_for_token
from minesales_desktop.sync.server.store import FAULT_ENV, LOCK_KEY, LockHeld
from tests.sync.conftest import ServerProcess, server_rows
from tests.sync.test_push_window import _customer_op, _edit_op, _Raw


@contextmanager
def _write_lock_held(server: ServerProcess) -> Iterator[None]:
    """The server database's write lock, held by another process's connection (as
    ``minesales server-user …`` or a backup tool would hold it) until the block ends."""
    if server.db_url.startswith("sqlite"):
        holder = sqlite3.connect(server.db_url.removeprefix("sqlite:///"), isolation_level=None)
        try:
            holder.execute("BEGIN IMMEDIATE")
        except BaseException:
            holder.close()
            raise
        try:
            yield
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        return
    engine = server.engine()
    try:
        with engine.connect() as conn, conn.begin():
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": LOCK_KEY})
            yield
    finally:
        engine.dispose()


def _customers(server: ServerProcess, cid: str) -> list[tuple[Any, ...]]:
    return server_rows(server, "SELECT code FROM customers WHERE id = :i", i=cid)


def _wait_for(found: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + 30
    while not found():
        assert time.monotonic() < deadline, f"no {what} after 30 s"
        time.sleep(0.02)


def _lock_waited_for(server: ServerProcess, condition: str = "true", **params: Any) -> bool:
    """PostgreSQL: a session of the server's database waits for a lock (``pg_locks l``) that
    meets ``condition``."""
    engine = server.engine()
    try:
        with engine.connect() as conn:
            waiting = conn.execute(
                text(
                    "SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
                    " WHERE NOT l.granted AND a.datname = current_database() AND " + condition
                ),
                params,
            ).scalar_one()
    finally:
        engine.dispose()
    return bool(waiting)


def _push_waits_for_the_lock(server: ServerProcess) -> bool:
    """The server's connection asks for the advisory lock (our key) and has not got it."""
    advisory = "l.locktype = 'advisory' AND l.classid = 0 AND l.objid = :k AND l.objsubid = 1"
    return _lock_waited_for(server, advisory, k=LOCK_KEY)


def test_the_server_answers_others_while_a_push_waits_for_the_lock(
    server: ServerProcess, laptops: Any, tmp_path: Path
) -> None:
    fault = tmp_path / "fault"  # the server tells when it has the push in hand (``hold-push``)
    fault.mkdir()
    server.stop()
    server.start(env={FAULT_ENV: f"hold-push:{fault}"})
    admin = laptops("admin")
    admin.sync()
    raw = _Raw(server, admin.client.schema)
    cid, make = _customer_op("LOCK1")
    answers: list[httpx.Response] = []
    (fault / "hold").touch()
    with _write_lock_held(server):
        pushing = threading.Thread(target=lambda: answers.append(raw.push("lock-1", [make], None)))
        pushing.start()
        # The push is the only request the server has (so it would run on the event loop)
        # when it goes on to the lock.
        _wait_for((fault / "held").exists, "push held")
        (fault / "release").touch()
        if server.db_url.startswith("postgresql"):
            _wait_for(lambda: _push_waits_for_the_lock(server), "waiting advisory lock")
        else:
            time.sleep(1)  # SQLite shows no waiters: the push is at the lock well before this
        # For two seconds the push waits for the lock — and every health check and a hello
        # are answered meanwhile, each within seconds. Before, the event loop
        # itself waited on the lock: the first of them timed out.
        until = time.monotonic() + 2
        checks = 0
        while time.monotonic() < until:
            health = httpx.get(server.url + "/health", timeout=5)
            assert health.status_code == 200
            checks += 1
            time.sleep(0.1)
        assert checks >= 3
        assert raw.hello() > 0  # a sync's first request (reads: the lock is not needed)
        assert pushing.is_alive() and answers == []  # still waiting, not refused
        assert not (fault / "held-done").exists()
        assert _customers(server, cid) == []
    pushing.join(30)
    assert not pushing.is_alive()
    assert answers[0].status_code == 200, answers[0].text
    assert answers[0].json()["a"] == [[0, 1, answers[0].json()["a"][0][2]]]  # applied
    assert answers[0].json()["results"] == []
    assert (fault / "held-done").read_text() == "stored"
    assert _customers(server, cid) == [("LOCK1",)]


def _batch(code: str) -> tuple[str, PushBatch]:
    cid, op = _customer_op(code)
    wire = WireOp(
        derived_op_id(op["t"], op["r"], op["h"]), op["t"], op["r"], op["f"], op["v"], op["h"], 0
    )
    return cid, PushBatch("n9", head_revision(), f"batch-{code}", [wire])


def test_a_push_that_may_not_wait_is_refused_at_once_and_changes_nothing(
    server: ServerProcess, laptops: Any
) -> None:
    """``Store.push(wait=False)``: the lock held by another process, or by another writer of
    the same process, is ``LockHeld`` at once, with nothing written; free, the push applies."""
    admin = laptops("admin")
    admin.sync()
    raw = _Raw(server, admin.client.schema)
    token = raw.headers["Authorization"].removeprefix("Bearer ")
    store = server.store()
    try:
        viewer = viewer_for_token(store, token)
        cid, batch = _batch("LOCK2")
        with _write_lock_held(server):
            started = time.monotonic()
            with pytest.raises(LockHeld):
                store.push(viewer, batch, wait=False)
            assert time.monotonic() - started < 2
        with store.write_lock():  # a writer of this process (a push on a pool thread)
            refused: list[BaseException] = []

            def may_not_wait() -> None:
                try:
                    store.push(viewer, batch, wait=False)
                except LockHeld as exc:
                    refused.append(exc)

            trying = threading.Thread(target=may_not_wait)
            trying.start()
            trying.join(10)  # a push that waited here would never end: the lock is ours
            assert not trying.is_alive() and len(refused) == 1
        assert _customers(server, cid) == []
        assert (
            server_rows(server, "SELECT 1 FROM sync_batches WHERE batch_id = 'batch-LOCK2'") == []
        )
        answer, replayed = store.push(viewer, batch, wait=False)  # the lock is free now
        assert not replayed and len(answer["a"]) == 1 and answer["results"] == []
        assert _customers(server, cid) == [("LOCK2",)]
        # The writer's connection waits again as before (its busy timeout is back): a push
        # that may wait, while another process holds the lock for half a second, gets it.
        cid3, batch3 = _batch("LOCK3")
        taken, done = threading.Event(), threading.Event()

        def hold_briefly() -> None:
            with _write_lock_held(server):
                taken.set()
                time.sleep(0.5)
            done.set()

        holder = threading.Thread(target=hold_briefly)
        holder.start()
        assert taken.wait(30)
        started = time.monotonic()
        store.push(viewer, batch3)
        assert done.is_set() and time.monotonic() - started >= 0.3  # it waited for the holder
        holder.join(30)
        assert _customers(server, cid3) == [("LOCK3",)]
    finally:
        store.dispose()


@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
def test_a_row_lock_of_another_session_is_not_waited_for_on_the_event_loop(
    server: ServerProcess, laptops: Any
) -> None:
    """PostgreSQL: an administrator's open transaction that updated a customer (``psql``,
    never committed) holds that row. A push that edits the row tries for the row lock only
    briefly on the event loop (``lock_timeout``), then waits for it on a pool thread, while
    the server answers the others; once the transaction ends, the edit is applied."""
    admin = laptops("admin")
    admin.sync()
    raw = _Raw(server, admin.client.schema)
    cid, make = _customer_op("ROW1")
    assert raw.push("row-1", [make], None).status_code == 200
    answers: list[httpx.Response] = []
    engine = server.engine()
    try:
        with engine.connect() as holder:
            holder.begin()
            holder.execute(text("UPDATE customers SET notes = 'psql' WHERE id = :i"), {"i": cid})
            edit = _edit_op(cid, "来自笔记本")
            pushing = threading.Thread(
                target=lambda: answers.append(raw.push("row-2", [edit], None))
            )
            pushing.start()
            _wait_for(lambda: _lock_waited_for(server), "push waiting for the row")
            time.sleep(0.5)  # past the loop's lock_timeout: the push has gone to the pool
            until = time.monotonic() + 2
            while time.monotonic() < until:
                assert httpx.get(server.url + "/health", timeout=5).status_code == 200
                time.sleep(0.1)
            assert raw.hello() > 0
            assert pushing.is_alive() and answers == []
            holder.rollback()
        pushing.join(30)
    finally:
        engine.dispose()
    assert not pushing.is_alive()
    assert answers[0].status_code == 200, answers[0].text
    assert answers[0].json()["results"] == []  # applied (no conflict, no refusal)
    assert server_rows(server, "SELECT notes FROM customers WHERE id = :i", i=cid) == [
        ("来自笔记本",)
    ]
