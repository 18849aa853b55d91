"""Sessions (``HelloReply.session``): once a newer sync of a laptop has pushed, a push of an
older sync of that laptop is refused (409 ``superseded``) and changes nothing. Without this, a
request the laptop gave up on (timed out while the server still held it) could land after the
newer sync and put an older value of the laptop's own over its newer one: the merge does not
weigh a laptop's own entries against each other, and the laptop never pulls its own changes,
so the server and the laptop would disagree for good. A real server process on 127.0.0.1
(SQLite and PostgreSQL)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from minesales_desktop.sync.client import RetryPolicy, SyncUnavailable
from minesales_desktop.sync.server.store import FAULT_ENV
from tests.sync.conftest import ServerProcess, new_customer, server_rows
from tests.sync.test_push_window import _customer_op, _edit_op, _Raw


def _notes(server: ServerProcess, cid: str) -> list[tuple[str | None]]:
    return server_rows(server, "SELECT notes FROM customers WHERE id = :i", i=cid)


def test_a_push_of_an_older_sync_is_refused_once_a_newer_sync_has_pushed(
    server: ServerProcess, laptops
) -> None:
    a = laptops("admin")
    a.sync()
    raw = _Raw(server, a.client.schema)
    first = raw.hello()
    cid, make = _customer_op("S1")
    assert raw.push("s-1", [make], None, session=first).status_code == 200
    second = raw.hello()
    assert second > first
    # A newer hello alone stops nothing: the older sync may still push until the newer pushes.
    assert raw.push("s-2", [_edit_op(cid, "旧同步")], None, session=first).status_code == 200
    assert raw.push("s-3", [_edit_op(cid, "新的值")], None, session=second).status_code == 200
    stale = raw.push("s-4", [_edit_op(cid, "旧的值")], None, session=first)
    assert stale.status_code == 409, stale.text
    assert stale.json()["error"] == "superseded"
    assert _notes(server, cid) == [("新的值",)]
    assert server_rows(server, "SELECT 1 FROM sync_batches WHERE batch_id = 's-4'") == []
    # One that follows another batch is refused at once, not after waiting for that batch.
    started = time.monotonic()
    follower = raw.push("s-5", [_edit_op(cid, "旧的值")], "never-sent", session=first)
    assert follower.status_code == 409 and follower.json()["error"] == "superseded"
    assert time.monotonic() - started < 10
    # Even a batch stored before (a replay): that sync is over, nothing of it is applied twice.
    replay = raw.push("s-1", [make], None, session=first)
    assert replay.status_code == 409 and replay.json()["error"] == "superseded"
    assert server_rows(server, "SELECT count(*) FROM customers WHERE id = :i", i=cid) == [(1,)]
    # A hello that comes late (its laptop asked again, or gave up on that sync) stops nothing:
    # the running sync goes on pushing.
    assert raw.hello() > second
    assert raw.push("s-6", [_edit_op(cid, "还在同步")], None, session=second).status_code == 200
    assert _notes(server, cid) == [("还在同步",)]
    # A laptop before sessions sends no number and is not checked.
    assert raw.push("s-7", [_edit_op(cid, "无编号")], None).status_code == 200
    assert _notes(server, cid) == [("无编号",)]


def test_a_request_the_laptop_gave_up_on_never_lands_after_a_newer_sync(
    server: ServerProcess, laptops, tmp_path: Path
) -> None:
    """The push of sync 1 is held by the server until the laptop times out; the rep edits the
    field again and sync 2 takes the newer value to the server; then the held request goes on:
    it is refused, and server and laptop end with the newer value."""
    fault = tmp_path / "fault"
    fault.mkdir()
    server.stop()
    server.start(env={FAULT_ENV: f"hold-push:{fault}"})
    a = laptops("admin", retry=RetryPolicy(attempts=1, first_delay=0.02, max_delay=0.05,
                                           timeout=1.5))  # fmt: skip
    a.sync()
    cid = new_customer(a, "S10")
    a.sync()
    a.sql("UPDATE customers SET notes = '第一次' WHERE id = :i", i=cid)
    (fault / "hold").touch()
    with pytest.raises(SyncUnavailable):
        a.sync()  # the push is held on the server; the laptop gives up
    (fault / "hold").unlink()
    a.sql("UPDATE customers SET notes = '第二次' WHERE id = :i", i=cid)
    a.sync()
    assert _notes(server, cid) == [("第二次",)]
    (fault / "release").touch()
    deadline = time.monotonic() + 30
    while not (fault / "held-done").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert (fault / "held-done").exists()
    assert _notes(server, cid) == [("第二次",)]  # before sessions: '第一次', and never mended
    assert (fault / "held-done").read_text() == "refused"
    a.sync()
    assert a.sql("SELECT notes FROM customers WHERE id = :i", i=cid) == [("第二次",)]
    assert a.client.pending_count() == 0
