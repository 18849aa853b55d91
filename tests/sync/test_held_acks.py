"""Acknowledgements held in memory (``SyncClient._held``) on the paths around them: a pulled page
applied change by change while the push's acks are held (they are written first), a scope revoked
by the page that comes with the push (the pushed rows count as acknowledged: the subtree goes at
once), and a sync that stops before its pull while the laptop file cannot be written (the acks
are not saved: the ops go again next time, answered from their op ids). A real server process on
127.0.0.1 (SQLite and PostgreSQL)."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import event

from minesales_desktop.services.validation import uscc_check_char
from minesales_desktop.sync.client import SyncClient, SyncError, SyncUnavailable
from minesales_desktop.sync.protocol import derived_op_id
from minesales_desktop.sync.server.store import FAULT_ENV
from minesales_desktop.sync.tables import INSERT_FIELD, SCOPE_NODE
from tests.sync.conftest import (
    Laptop,
    ServerProcess,
    converged,
    new_contact,
    new_customer,
    server_rows,
    server_state,
    table_state,
)

CLIENT_LOG = "minesales_desktop.sync.client"


def _uscc(serial: str) -> str:
    """A valid unified social credit code (the server checks the check character)."""
    base = "91150200MA0N123" + serial
    return base + uscc_check_char(base)


X, Y = _uscc("45"), _uscc("46")


def _outbox(laptop: Laptop) -> list[tuple[Any, ...]]:
    """(table, row, field, op id, batch id, acked seq) of every outbox row, in capture order."""
    return laptop.sql(
        "SELECT tbl, row_id, field, op_id, batch_id, acked_seq FROM sync_outbox ORDER BY id"
    )


def _wire_ids(laptop: Laptop) -> set[str]:
    """The op ids the server knows the queued ops by: a new row's is derived (table, row, stamp:
    ``derived_op_id``), as the laptop sends it without one."""
    rows = laptop.sql("SELECT op_id, tbl, row_id, field, hlc FROM sync_outbox")
    return {derived_op_id(t, r, h) if f == INSERT_FIELD else i for i, t, r, f, h in rows}


def _known_op_ids(server: ServerProcess) -> set[str]:
    """The op ids the server recognises a replay by: those it keeps (``sync_ops``), and a new
    row's, which it does not keep when it applied the row as sent: the row's own insert entry
    (with the op's stamp) stands for it."""
    kept = {str(r[0]) for r in server_rows(server, "SELECT op_id FROM sync_ops")}
    inserts = server_rows(
        server, "SELECT tbl, row_id, hlc FROM sync_log WHERE field = '*' AND node_id <> :s",
        s=SCOPE_NODE,
    )  # fmt: skip
    return kept | {derived_op_id(t, r, int(h)) for t, r, h in inserts}


def _pushed_all(seen: list[Any]) -> Callable[[], bool]:
    """True once every batch of the push is answered (the sync calls ``cancelled`` before each
    batch it sends and before each pull page: here, the first time after the push)."""

    def done() -> bool:
        return any(p.phase == "push" and p.total and p.done >= p.total for p in seen)

    return done


def _log_entries(server: ServerProcess) -> list[tuple[Any, ...]]:
    """The server's whole log (seq, table, row, field): what was applied, each change once."""
    return server_rows(server, "SELECT seq, tbl, row_id, field FROM sync_log ORDER BY seq")


def _entries_of(server: ServerProcess, row_id: str) -> list[str]:
    rows = server_rows(
        server, "SELECT field FROM sync_log WHERE row_id = :r ORDER BY seq", r=row_id
    )
    return [str(r[0]) for r in rows]


def _watch_pages(laptop: Laptop, monkeypatch: pytest.MonkeyPatch) -> list[tuple[bool, int]]:
    """(careful, acks held) at each application of a pulled page by the laptop's client: all
    of a push's answers are applied by then (``_push_all`` waits for them)."""
    client = laptop.client
    real = client._apply_changes
    seen: list[tuple[bool, int]] = []

    def watched(node: str, page: Any, *, careful: bool) -> Any:
        seen.append((careful, len(client._held)))
        return real(node, page, careful=careful)

    monkeypatch.setattr(client, "_apply_changes", watched)
    return seen


# --- 1. a page applied change by change while the push's acks are held ------------------------
def test_a_careful_page_writes_the_held_acks_so_a_pushed_row_is_not_taken_for_queued(
    server: ServerProcess, laptops, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The office gave its customer USCC X and then Y; the site, not having pulled either, enters
    a new customer with X (free on the server by then) and syncs. Its push is answered plainly
    (the ack held), and the page that follows — one change a page — brings the office's stale
    ``uscc = X``: it clashes with the customer just pushed, and the page is applied change by
    change. The held acks are written first, so the site's customer reads as acknowledged (the
    server has it) and is not refused as a queued duplicate: the stale change is filed as a
    read-only ``apply`` entry instead, the next page brings Y, and the next sync asks for the
    row again. Nothing lost, nothing pushed twice, the outbox empty."""
    office: Laptop = laptops("admin", "office")
    site: Laptop = laptops("mgr", "site", pull_limit=1)
    office.sync()
    owner = office.user_id("rep1")
    theirs = new_customer(office, "HC-1", owner=owner)
    office.sync()
    site.sync()  # the site holds the office's customer, without a USCC
    for uscc in (X, Y):
        office.sql("UPDATE customers SET uscc = :u WHERE id = :c", u=uscc, c=theirs)
        office.sync()
    mine = new_customer(site, "HC-2", owner=owner, uscc=X)

    pages = _watch_pages(site, monkeypatch)
    report = site.sync()
    # The first page clashed while the push's ack was held; the next came with none.
    assert pages == [(False, 1), (True, 1), (False, 0)]
    assert (report.pushed, report.applied, report.rejected) == (1, 1, 0)
    assert report.pulled == 2
    # The site's customer stays (the server has it); the office's has the USCC it has now.
    assert site.sql("SELECT id, uscc FROM customers ORDER BY code") == [(theirs, Y), (mine, X)]
    assert site.client.rejected_changes(include_dismissed=True) == []
    [entry] = site.client.conflicts()
    assert (entry.table, entry.row_id, entry.field, entry.kind) == (
        "customers",
        theirs,
        "uscc",
        "apply",
    )
    assert _outbox(site) == [] and site.client.pending_count() == 0
    assert server_rows(server, "SELECT uscc FROM customers WHERE id = :i", i=mine) == [(X,)]
    log_before = _log_entries(server)

    report = site.sync()  # asks for the row again; sends nothing
    assert (report.pushed, report.rejected) == (0, 0)
    assert site.client.conflicts() == []
    assert [(c.row_id, c.resolved) for c in site.client.conflicts(include_resolved=True)] == [
        (theirs, "resent")
    ]
    assert _entries_of(server, mine) == ["*"], "the site's customer applied once"
    assert [e for e in _log_entries(server) if e[2] == mine] == [
        e for e in log_before if e[2] == mine
    ]
    assert _outbox(site) == []
    office.sync()
    converged(server, site, office)


def test_a_queued_row_refused_at_a_careful_page_leaves_the_pushed_acks_written(
    server: ServerProcess, laptops, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The site pushes a contact and an edit (their acks held); while the push is on its way a
    new customer is entered there with the USCC of one the office made before. The page with
    the push's answer brings the office's customer: it clashes with the queued one, which is
    refused there and then, change by change — with the held acks written first, so the pushed
    ops are acknowledged and pruned with the page, not left queued to go again."""
    office: Laptop = laptops("admin", "office")
    site: Laptop = laptops("mgr", "site", batch_size=1)
    office.sync()
    owner = office.user_id("rep1")
    base = new_customer(office, "HQ-0", owner=owner)
    office.sync()
    site.sync()
    theirs = new_customer(office, "HQ-1", owner=owner, uscc=X)
    office.sync()
    contact = new_contact(site, base, "刘洋")
    site.sql("UPDATE customers SET notes = '现场' WHERE id = :c", c=base)
    pushed_ops = _wire_ids(site)
    assert len(pushed_ops) == 2
    seen: list[Any] = []
    made: list[str] = []

    def enter_while_pushing(progress: Any) -> None:
        seen.append(progress)
        if _pushed_all(seen)() and not made:
            made.append(new_customer(site, "HQ-2", owner=owner, uscc=X))

    pages = _watch_pages(site, monkeypatch)
    report = site.sync(progress=enter_while_pushing)
    assert made and pages == [(False, 2), (True, 2)], "both acks held when the page clashed"
    mine = made[0]
    assert (report.pushed, report.applied) == (2, 2)
    assert report.rejected == 1 and [
        o.row_id for o in report.outcomes if o.status == "rejected"
    ] == [mine]
    assert site.sql("SELECT id FROM customers WHERE uscc = :u", u=X) == [(theirs,)]
    assert [(r.row_id, r.field) for r in site.client.rejected_changes()] == [(mine, "*")]
    assert site.client.conflicts(include_resolved=True) == []
    # The pushed ops were acknowledged and pruned with the page: nothing queued, nothing held.
    assert _outbox(site) == [] and site.client.pending_count() == 0
    assert site.client._held == []
    assert pushed_ops <= _known_op_ids(server)
    log_before = _log_entries(server)

    report = site.sync()
    assert report.pushed == 0, "the pushed ops are not sent again"
    assert _log_entries(server) == log_before
    assert _entries_of(server, contact) == ["*"]
    assert server_rows(server, "SELECT notes FROM customers WHERE id = :c", c=base) == [("现场",)]
    assert server_rows(server, "SELECT count(*) FROM customers WHERE id = :c", c=mine) == [(0,)]
    office.sync()
    converged(server, site, office)


# --- 2. a scope revoked by the page that comes with the push -----------------------------------
def _rep_state(server: ServerProcess, rep: Laptop, owner: str) -> None:
    """The rep's customers and contacts are the server's rows of the customers the rep may see
    (their own and those of no one)."""
    expected = server_state(server, ["customers", "contacts"])
    sql = "SELECT id FROM customers WHERE owner_id = :o OR owner_id IS NULL"
    mine = {r[0] for r in server_rows(server, sql, o=owner)}
    visible = {
        "customers": [r for r in expected["customers"] if r[0] in mine],
        "contacts": [r for r in expected["contacts"] if dict(r[1]).get("customer_id") in mine],
    }
    assert table_state(rep.engine, ["customers", "contacts"]) == visible


def test_a_scope_revoked_after_its_edits_were_pushed_goes_with_the_first_page(
    server: ServerProcess, laptops, monkeypatch: pytest.MonkeyPatch
) -> None:
    """rep1 edits a customer and its contact, and another customer; the administrator gives
    the first to rep3 after rep1's batch with its edits is stored and before the last batch,
    whose answer brings the page with the revoke. The edits are on the server (they came before
    the reassignment), and the customer leaves rep1's laptop with that page — its ops count as
    acknowledged though their acks are only held — not at a later sync: nothing is left queued
    or waiting for it."""
    admin: Laptop = laptops("admin")
    admin.sync()
    rep1_id, rep3_id = admin.user_id("rep1"), admin.user_id("rep3")
    gone = new_customer(admin, "HR-GONE", owner=rep1_id)
    contact = new_contact(admin, gone, "张三")
    keep = new_customer(admin, "HR-KEEP", owner=rep1_id)
    admin.sync()
    rep1: Laptop = laptops("rep1", batch_size=2, window=1)  # one batch at a time
    rep1.sync()
    rep1.sql("UPDATE customers SET notes = '最后一次拜访' WHERE id = :c", c=gone)
    rep1.sql("UPDATE contacts SET name = '张三丰' WHERE id = :k", k=contact)
    rep1.sql("UPDATE customers SET notes = '保留' WHERE id = :c", c=keep)
    rep1.sql("UPDATE customers SET city = '包头' WHERE id = :c", c=keep)
    reassigned: list[Any] = []

    def reassign(progress: Any) -> None:
        if progress.phase == "push" and progress.done == 2 and not reassigned:
            admin.sql("UPDATE customers SET owner_id = :o WHERE id = :c", o=rep3_id, c=gone)
            reassigned.append(admin.sync())

    pages = _watch_pages(rep1, monkeypatch)
    report = rep1.sync(progress=reassign)
    assert reassigned and reassigned[0].applied + reassigned[0].merged == 1
    assert pages == [(False, 4)], "one page, with the revoke, applied while every ack was held"
    assert (report.pushed, report.applied, report.rejected) == (4, 4, 0)
    revokes = server_rows(
        server, "SELECT count(*) FROM sync_log WHERE row_id = :c AND field = '~revoke'", c=gone
    )
    assert revokes[0][0] >= 1
    # Nothing lost: the edits were stored before the reassignment.
    assert server_rows(server, "SELECT owner_id, notes FROM customers WHERE id = :c", c=gone) == [
        (rep3_id, "最后一次拜访")
    ]
    assert server_rows(server, "SELECT name FROM contacts WHERE id = :k", k=contact) == [
        ("张三丰",)
    ]
    # Gone from the laptop with this sync's first page, nothing queued or waiting for it.
    assert rep1.sql("SELECT id FROM customers") == [(keep,)]
    assert rep1.sql("SELECT count(*) FROM contacts") == [(0,)]
    assert rep1.sql("SELECT pending_revokes FROM sync_state") == [(None,)]
    assert _outbox(rep1) == [] and rep1.client.pending_count() == 0
    assert rep1.client.rejected_changes(include_dismissed=True) == []
    assert rep1.client.conflicts(include_resolved=True) == []
    _rep_state(server, rep1, rep1_id)

    log_before = _log_entries(server)
    report = rep1.sync()
    assert (report.pushed, report.pulled) == (0, 0)
    assert _log_entries(server) == log_before, "nothing applied twice"
    assert rep1.sql("SELECT id FROM customers") == [(keep,)]
    admin.sync()
    converged(server, admin)
    _rep_state(server, rep1, rep1_id)


def test_a_field_edited_again_while_its_ack_is_held_keeps_the_revoked_customer_until_pushed(
    server: ServerProcess, laptops, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As above, but the contact is renamed again on rep1's laptop once the push is answered,
    before the page with the revoke is applied: the held ack is for the op sent, and the
    outbox row holds a new op now — queued, so the customer stays until it is pushed. The next
    sync pushes it (refused: the customer is rep3's now, listed with its reason), then drops
    the customer: nothing lost, nothing left behind."""
    admin: Laptop = laptops("admin")
    admin.sync()
    rep1_id, rep3_id = admin.user_id("rep1"), admin.user_id("rep3")
    gone = new_customer(admin, "HE-GONE", owner=rep1_id)
    contact = new_contact(admin, gone, "张三")
    keep = new_customer(admin, "HE-KEEP", owner=rep1_id)
    admin.sync()
    rep1: Laptop = laptops("rep1", batch_size=2, window=1)
    rep1.sync()
    rep1.sql("UPDATE customers SET notes = '最后一次拜访' WHERE id = :c", c=gone)
    rep1.sql("UPDATE contacts SET name = '张三丰' WHERE id = :k", k=contact)
    rep1.sql("UPDATE customers SET notes = '保留' WHERE id = :c", c=keep)
    done: list[str] = []

    def reassign_then_edit(progress: Any) -> None:
        if progress.phase == "push" and progress.done == 2 and "reassigned" not in done:
            admin.sql("UPDATE customers SET owner_id = :o WHERE id = :c", o=rep3_id, c=gone)
            admin.sync()
            done.append("reassigned")
        if progress.phase == "push" and progress.done == 3 and "edited" not in done:
            rep1.sql("UPDATE contacts SET name = '张君宝' WHERE id = :k", k=contact)
            done.append("edited")

    pages = _watch_pages(rep1, monkeypatch)
    report = rep1.sync(progress=reassign_then_edit)
    assert done == ["reassigned", "edited"] and pages == [(False, 3)]
    monkeypatch.undo()
    assert (report.pushed, report.applied, report.rejected) == (3, 3, 0)
    # The revoke waits: the contact's new name is still to be pushed.
    assert rep1.sql("SELECT name FROM contacts WHERE id = :k", k=contact) == [("张君宝",)]
    assert {r[0] for r in rep1.sql("SELECT id FROM customers")} == {gone, keep}
    assert rep1.sql("SELECT pending_revokes FROM sync_state") == [(f'[["customers", "{gone}"]]',)]
    assert [(r[0], r[1], r[2], r[4]) for r in _outbox(rep1)] == [
        ("contacts", contact, "name", None)
    ]
    assert server_rows(server, "SELECT name FROM contacts WHERE id = :k", k=contact) == [
        ("张三丰",)
    ]

    report = rep1.sync()
    assert (report.pushed, report.rejected) == (1, 1)
    [refused] = rep1.client.rejected_changes()
    assert (refused.table, refused.row_id, refused.field, refused.value) == (
        "contacts",
        contact,
        "name",
        "张君宝",
    )
    assert rep1.sql("SELECT id FROM customers") == [(keep,)]
    assert rep1.sql("SELECT count(*) FROM contacts") == [(0,)]
    assert rep1.sql("SELECT pending_revokes FROM sync_state") == [(None,)]
    assert _outbox(rep1) == [] and rep1.client.pending_count() == 0
    assert server_rows(server, "SELECT name FROM contacts WHERE id = :k", k=contact) == [
        ("张三丰",)
    ]
    assert server_rows(server, "SELECT notes FROM customers WHERE id = :c", c=gone) == [
        ("最后一次拜访",)
    ]
    _rep_state(server, rep1, rep1_id)
    admin.sync()
    converged(server, admin)


# --- 3. the held acks cannot be written ---------------------------------------------------------
@contextmanager
def _locked(laptop: Laptop) -> Iterator[None]:
    """The laptop file's write lock, held by another connection (a second copy of the app, a
    backup tool, a ``sqlite3`` shell left in a transaction) until the block ends."""
    holder = sqlite3.connect(laptop.path, isolation_level=None, timeout=0.1)
    try:
        holder.execute("BEGIN EXCLUSIVE")
        yield
        holder.execute("ROLLBACK")
    finally:
        holder.close()


def _short_busy_timeout(client: SyncClient, ms: int = 300) -> None:
    """The client's connections wait ``ms`` for a lock instead of 5 s (the app's), so that the
    tests do not sit out SQLite's busy timeout."""

    @event.listens_for(client.db, "connect")
    def _busy(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.execute(f"PRAGMA busy_timeout = {ms}")

    client.db.dispose()


def _locked_when_writing_held(
    laptop: Laptop, monkeypatch: pytest.MonkeyPatch, calls: list[int]
) -> None:
    """The file is locked exactly while the sync writes its held acks (``_write_held``)."""
    client = laptop.client
    real = client._write_held

    def write_held() -> None:
        calls.append(len(client._held))
        with _locked(laptop):
            real()

    monkeypatch.setattr(client, "_write_held", write_held)


def _three_ops(laptop: Laptop) -> tuple[str, str, str]:
    """A new customer, a contact of it and an edit of a customer the server has (a field op, an
    op id of its own): 3 ops, in two batches of a client with ``batch_size=2``."""
    owner = laptop.user_id("rep1")
    old = new_customer(laptop, "HW-0", owner=owner)
    laptop.sync()
    cid = new_customer(laptop, "HW-1", owner=owner)
    kid = new_contact(laptop, cid, "周杰")
    laptop.sql("UPDATE customers SET notes = '锁住了' WHERE id = :c", c=old)
    return old, cid, kid


def _sent_again_and_answered_from_op_ids(
    server: ServerProcess, laptop: Laptop, ids: tuple[str, ...]
) -> None:
    """The next sync sends the queued ops again; the server answers them from their op ids:
    the log and the rows as before (nothing applied twice), the outbox empty, converged."""
    assert _wire_ids(laptop) <= _known_op_ids(server), "the server answered every one before"
    log_before = _log_entries(server)
    report = laptop.sync()
    assert (report.pushed, report.applied, report.conflicts, report.rejected) == (3, 3, 0, 0)
    assert _log_entries(server) == log_before, "nothing applied twice"
    old, cid, kid = ids
    assert _entries_of(server, cid) == ["*"] and _entries_of(server, kid) == ["*"]
    assert _entries_of(server, old) == ["*", "notes"]
    assert server_rows(server, "SELECT count(*) FROM customers WHERE code LIKE 'HW-%'") == [(2,)]
    assert _outbox(laptop) == [] and laptop.client.pending_count() == 0
    assert laptop.sync().pushed == 0
    converged(server, laptop)


def _not_saved(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [
        r.getMessage()
        for r in caplog.records
        if r.name == CLIENT_LOG
        and r.levelno == logging.WARNING
        and "acknowledgements not saved, sent again next time" in r.getMessage()
    ]


def test_a_cancelled_sync_whose_held_acks_cannot_be_written_sends_them_again(
    server: ServerProcess, laptops, monkeypatch: pytest.MonkeyPatch, caplog
) -> None:
    """Cancelled once the push is answered (every ack held), the sync writes its acks — and
    the file is locked just then: they are not saved (logged), the sync ends cancelled as any
    other, and the ops stay queued with their op ids. The next sync sends them again and the
    server answers them from their op ids: nothing applied twice, the outbox empty."""
    a: Laptop = laptops("mgr", batch_size=2)
    a.sync()
    ids = _three_ops(a)
    queued = _outbox(a)
    assert len(queued) == 3
    _short_busy_timeout(a.client)
    calls: list[int] = []
    _locked_when_writing_held(a, monkeypatch, calls)
    seen: list[Any] = []
    with caplog.at_level(logging.WARNING, logger=CLIENT_LOG):
        report = a.sync(progress=seen.append, cancelled=_pushed_all(seen))
    assert calls == [3], "every answer's acks were held when the sync stopped"
    assert report.cancelled and (report.pushed, report.applied, report.pulled) == (3, 3, 0)
    [message] = _not_saved(caplog)
    assert message.startswith("3 acknowledgements not saved") and "locked" in message
    assert a.client._held == []
    # Not saved: the ops are queued as they were, with their op ids.
    assert _outbox(a) == queued
    assert all(r[4] is None and r[5] is None for r in queued)
    assert a.client.pending_count() == 3
    monkeypatch.undo()
    _sent_again_and_answered_from_op_ids(server, a, ids)


def test_a_sync_that_fails_before_its_pull_raises_its_own_error_when_acks_cannot_be_saved(
    server: ServerProcess, laptops, monkeypatch: pytest.MonkeyPatch, caplog
) -> None:
    """The push is answered without a page (``page-unreadable``: as an older server) and the
    server goes away before the pull: the sync fails with "cannot be reached", and writing the
    held acks then fails too (the file locked). What is raised is the sync's own error; the
    failure to save the acks is logged, and the ops go again next time."""
    server.stop()
    server.start(env={FAULT_ENV: "page-unreadable"})
    port = server.port
    a: Laptop = laptops("mgr", batch_size=2)
    a.sync()
    ids = _three_ops(a)
    queued = _outbox(a)
    _short_busy_timeout(a.client)
    calls: list[int] = []
    _locked_when_writing_held(a, monkeypatch, calls)

    def server_gone(progress: Any) -> None:
        if progress.phase == "push" and progress.total and progress.done >= progress.total:
            server.stop()

    with caplog.at_level(logging.WARNING, logger=CLIENT_LOG):
        with pytest.raises(SyncUnavailable):
            a.sync(progress=server_gone)
    assert calls == [3]
    [message] = _not_saved(caplog)
    assert message.startswith("3 acknowledgements not saved")
    assert _outbox(a) == queued and a.client.pending_count() == 3
    last_error = a.sql("SELECT last_error FROM sync_state")[0][0]
    assert last_error, "the sync's own error is recorded"
    monkeypatch.undo()
    server.start(port=port)  # without the fault: the page comes with the push again
    _sent_again_and_answered_from_op_ids(server, a, ids)


def test_a_file_locked_from_the_push_on_raises_the_error_that_stopped_the_sync(
    server: ServerProcess, laptops, caplog
) -> None:
    """Another connection takes the laptop file's write lock as the push's last answer comes
    and keeps it past the end of the sync: the next write of the sync (after the push, before
    the pull) fails, and so does writing the held acks. The error raised is the one that
    stopped the sync, not the one of the acks (logged); the ops go again next time."""
    a: Laptop = laptops("mgr", batch_size=2)
    a.sync()
    ids = _three_ops(a)
    queued = _outbox(a)
    _short_busy_timeout(a.client)
    holder = sqlite3.connect(a.path, isolation_level=None, timeout=0.1)
    try:

        def lock_after_push(progress: Any) -> None:
            if progress.phase == "push" and progress.total and progress.done >= progress.total:
                if not holder.in_transaction:
                    holder.execute("BEGIN EXCLUSIVE")

        with caplog.at_level(logging.WARNING, logger=CLIENT_LOG):
            with pytest.raises(SyncError, match="locked") as raised:
                a.sync(progress=lock_after_push)
        assert holder.in_transaction
        [message] = _not_saved(caplog)
        assert message.startswith("3 acknowledgements not saved")
        where = [f.co_name for f in _frames(raised.value.__traceback__)]
        assert "_write_held" not in where, "the acks' failure is not raised in its place"
    finally:
        if holder.in_transaction:
            holder.execute("ROLLBACK")
        holder.close()
    assert _outbox(a) == queued and a.client.pending_count() == 3
    _sent_again_and_answered_from_op_ids(server, a, ids)


def _frames(tb: Any) -> Iterator[Any]:
    while tb is not None:
        yield tb.tb_frame.f_code
        tb = tb.tb_next


def test_a_sync_cancelled_while_the_file_is_locked_is_reported_cancelled(
    server: ServerProcess, laptops, caplog
) -> None:
    """The person cancels once the push is answered, and the laptop file is locked by then
    (another connection holds the write lock until after the sync): the sync ends cancelled, as
    any cancelled sync, its acks not saved (logged), the ops queued; they go again next time."""
    a: Laptop = laptops("mgr", batch_size=2)
    a.sync()
    ids = _three_ops(a)
    queued = _outbox(a)
    _short_busy_timeout(a.client)
    holder = sqlite3.connect(a.path, isolation_level=None, timeout=0.1)
    seen: list[Any] = []
    pushed_all = _pushed_all(seen)

    def cancel_and_lock() -> bool:
        if not pushed_all():
            return False
        if not holder.in_transaction:
            holder.execute("BEGIN EXCLUSIVE")
        return True

    try:
        with caplog.at_level(logging.WARNING, logger=CLIENT_LOG):
            report = a.sync(progress=seen.append, cancelled=cancel_and_lock)
        assert holder.in_transaction
        assert report.cancelled and (report.pushed, report.pulled) == (3, 0)
        [message] = _not_saved(caplog)
        assert message.startswith("3 acknowledgements not saved")
    finally:
        if holder.in_transaction:
            holder.execute("ROLLBACK")
        holder.close()
    assert _outbox(a) == queued and a.client.pending_count() == 3
    _sent_again_and_answered_from_op_ids(server, a, ids)
