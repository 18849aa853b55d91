"""The server's change store: field-level merge of pushed ops, the gap-free log, pulls by cursor.

Ordering and the sequence-gap race
    Every write transaction (a push batch, a server-side change) first takes one lock — a
    transaction-scoped advisory lock on PostgreSQL, ``BEGIN IMMEDIATE`` on SQLite — and then
    numbers its log entries ``max(seq) + 1, …``. Commits are therefore serialised and a number is
    only ever handed out after every smaller one is committed: a reader can never see seq 11
    while seq 10 is still in flight (which is what goes wrong with a plain PostgreSQL
    ``SEQUENCE``: numbers are taken at insert time and commit out of order). A rolled-back batch
    takes its numbers with it, so the sequence has no gaps either.

Idempotency
    The answer to each batch is stored in the same transaction as its effects. A replayed batch id
    gets the stored answer; an op id seen before (in any batch) gets its earlier result.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import logging
import operator
import os
import re
import sqlite3
import threading
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from itertools import chain
from typing import Any

import orjson
from sqlalchemy import Connection, Dialect, Engine, event, insert, select, text, update
from sqlalchemy.exc import DataError, IntegrityError, OperationalError

from minesales_desktop.db.engine import make_engine
from minesales_desktop.db.migrate import current_revision, head_revision, upgrade
from minesales_desktop.ids import new_id
from minesales_desktop.models.enums import ContractStatus, Role
from minesales_desktop.models.sync import SyncBatch
from minesales_desktop.sync import hlc
from minesales_desktop.sync.changes import (
    RENUMBERED,
    RENUMBERED_KIND,
    drop_capture_triggers,
    number_fits,
)
from minesales_desktop.sync.protocol import (
    Change,
    OpResult,
    PullReply,
    PushBatch,
    WireOp,
    op_id,
    replay_wire,
    reply_wire,
    stored_reply,
    stored_results,
)
from minesales_desktop.sync.reasons import database_words, duplicate_value_reason
from minesales_desktop.sync.server.rawsql import RawSql, quote
from minesales_desktop.sync.server.scopes import (
    Viewer,
    load_viewers,
    sees_customer,
    visible_root_set,
    visible_rows,
)
from minesales_desktop.sync.tables import (
    ADMIN_TABLES,
    APPEND_ONLY,
    CUSTOMER_PATHS,
    INSERT_FIELD,
    MANAGER_TABLES,
    PRIVATE_FIELDS,
    REVOKE_FIELD,
    SCOPE_NODE,
    SELF_SERVICE_USER_FIELDS,
    SERVER_NODE,
    SILENT_FIELDS,
    USER_PATHS,
    ColumnCodec,
    codec,
    root_path,
    synced_tables,
)

LOCK_KEY = 0x4D53594E  # "MSYN": the one advisory lock every server write takes
USER_SCOPE_FIELDS = frozenset({"team_id", "role", "active", "is_deleted"})
_PRIVATE_TABLES = frozenset(t for t, _f in PRIVATE_FIELDS)
#: Tables whose new rows ``_Merge._check_rights`` has more to check than an active account.
_CHECKED_TABLES = ADMIN_TABLES | MANAGER_TABLES | _PRIVATE_TABLES | {"contracts"}
CONTRACT_ORDER = [
    ContractStatus.DRAFT.value,
    ContractStatus.IN_REVIEW.value,
    ContractStatus.APPROVED.value,
    ContractStatus.SIGNED.value,
    ContractStatus.EXECUTING.value,
    ContractStatus.COMPLETED.value,
]
#: The customer search index triggers (migration 0002): laptop-only, dropped on the server.
SERVER_DROPPED_TRIGGERS = ("customers_search_ai", "customers_search_ad", "customers_search_au")
#: Indexes that serve only the laptop's lists and search boxes (names, pinyin, filters, phones).
#: The server never runs those queries, and keeping them cost a push of new customers most of
#: its write time (each is a B-tree in random order: ~4 page writes per new row). Dropped after
#: every upgrade; a later migration that touches one of them must use ``if_exists``. Foreign-key
#: indexes (scope lookups), unique constraints and the sync tables' indexes stay.
SERVER_DROPPED_INDEXES = (
    "ix_customers_filter",
    "ix_customers_name_zh",
    "ix_customers_name_pinyin",
    "ix_customers_name_initials",
    "ix_customers_search",
    "ix_contacts_phone",
    "ix_contacts_mobile",
)
log = logging.getLogger(__name__)
FAULT_ENV = "MINESALES_SYNC_FAULT"  # test-only fault injection, see tests/sync
#: How long a write waits for SQLite's write lock held by another process before the push is
#: answered 503 busy (the laptop retries); the variable is for tests, which cannot wait 30 s.
BUSY_TIMEOUT_MS = 30_000
BUSY_TIMEOUT_ENV = "MINESALES_SYNC_BUSY_TIMEOUT_MS"


def make_server_engines(url: str, *, own_checkpoints: bool = False) -> tuple[Engine, Engine]:
    """(writer, reader) engines. On SQLite the writer begins every transaction IMMEDIATE so two
    writers never deadlock upgrading a read lock; readers stay deferred and never block. With
    ``own_checkpoints`` a writer's commit never copies the WAL back into the database file
    (``_Checkpointer`` does, on a thread of its own)."""
    writer = make_engine(url, pool_pre_ping=True)
    busy_ms = int(os.environ.get(BUSY_TIMEOUT_ENV) or BUSY_TIMEOUT_MS)
    if writer.dialect.name != "sqlite":
        # REPEATABLE READ: a pull's reads see one snapshot (READ COMMITTED would not).
        snapshot: Engine = writer.execution_options(isolation_level="REPEATABLE READ")
        return writer, snapshot

    @event.listens_for(writer, "connect")
    def _autocommit_driver(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        # Writers keep the hot index pages of a push (op ids, log, row ids) cached: 8 MB
        # instead of SQLite's 2 MB default (per pooled connection: the server's memory budget).
        dbapi_connection.execute("PRAGMA cache_size=-8192")
        # Another process (an administrator's command) may hold the write lock for a while.
        dbapi_connection.execute(f"PRAGMA busy_timeout={busy_ms}")
        if own_checkpoints:  # a backstop only: ``_Checkpointer`` keeps the WAL far smaller
            dbapi_connection.execute(f"PRAGMA wal_autocheckpoint={_Checkpointer.BACKSTOP_PAGES}")

    @event.listens_for(writer, "begin")
    def _begin_immediate(conn: Connection) -> None:
        # On the driver's cursor: ``exec_driver_sql`` cost more than the statement (every push).
        # A lock held past the busy timeout still raises SQLAlchemy's OperationalError (503).
        sql = RawSql(conn)
        if not _NO_WAIT.get():
            sql.rows("BEGIN IMMEDIATE")
            return
        # Not waiting: held by another process → ``LockHeld`` at once, nothing begun; any
        # other error as before.
        sql.rows("PRAGMA busy_timeout=0")
        try:
            sql.rows("BEGIN IMMEDIATE")
        except OperationalError as exc:
            code = getattr(exc.orig, "sqlite_errorcode", None)
            if code is None or code & 0xFF != sqlite3.SQLITE_BUSY:  # BUSY, or an extended BUSY
                raise
            raise LockHeld() from None
        finally:
            sql.rows(f"PRAGMA busy_timeout={busy_ms}")

    reader = make_engine(url)

    @event.listens_for(reader, "connect")
    def _reader_autocommit_driver(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None

    @event.listens_for(reader, "begin")
    def _begin_snapshot(conn: Connection) -> None:
        RawSql(conn).rows("BEGIN")  # deferred: a read snapshot from the first read on

    return writer, reader


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@functools.lru_cache(maxsize=8)
def _created_at_param(dialect: Dialect) -> Callable[[Any], Any]:
    """``sync_batches.created_at`` as the driver takes it (what ``insert(SyncBatch)`` binds)."""
    column_type = SyncBatch.__table__.c.created_at.type
    process = column_type.dialect_impl(dialect).bind_processor(dialect)
    return process if process is not None else (lambda value: value)


def _json(value: Any) -> str:
    return orjson.dumps(value).decode()


_LOG_INSERT = (
    "INSERT INTO sync_log (seq, tbl, row_id, field, value, hlc, node_id, user_id, audience,"
    " conflict) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


#: ``LogWriter.append_made_all`` on SQLite: the entries from a JSON array of
#: ``[table, row id, stamp]``, sequence numbers from the first parameter on.
_LOG_MADE = (
    "INSERT INTO sync_log (seq, tbl, row_id, field, value, hlc, node_id, user_id, audience,"
    " conflict) SELECT ? + key, json_extract(value, '$[0]'), json_extract(value, '$[1]'), ?,"
    " NULL, json_extract(value, '$[2]'), ?, ?, NULL, NULL FROM json_each(?)"
)


@dataclass
class LogRow:
    seq: int
    field: str
    value: str | None
    hlc: int
    node: str
    user: str | None


class LockHeld(Exception):
    """The write lock is held elsewhere and the caller asked not to wait for it
    (``Store.push(wait=False)``). Nothing was done."""


#: PostgreSQL: how long a write that may not wait (``Store.writing(wait=False)``) waits for a
#: row or table lock another session holds before it gives up (``LockHeld``, rolled back).
NO_WAIT_LOCK_TIMEOUT_MS = 100
#: SQLSTATE of a lock not granted within ``lock_timeout``.
_LOCK_NOT_AVAILABLE = "55P03"

#: Set while a write transaction must not wait for the lock (``Store.writing(wait=False)``):
#: read by the SQLite writer's ``BEGIN IMMEDIATE`` (``make_server_engines``).
_NO_WAIT: ContextVar[bool] = ContextVar("minesales_sync_no_wait", default=False)


class LogWriter:
    """Appends log entries inside one locked write transaction, numbering them gap-free."""

    def __init__(self, conn: Connection, *, wait: bool = True) -> None:
        self.conn = conn
        self.sql = RawSql(conn)
        if self.sql.pg:
            if wait:
                self.sql.rows("SELECT pg_advisory_xact_lock(?)", (LOCK_KEY,))
            elif not self.sql.rows("SELECT pg_try_advisory_xact_lock(?)", (LOCK_KEY,))[0][0]:
                raise LockHeld()
            else:
                # Every server write holds the advisory lock, so a row or table lock is only
                # ever waited for when another session holds it (an administrator's open
                # UPDATE, an ALTER TABLE): not long on the event loop (``Store.push``).
                self.sql.rows(f"SET LOCAL lock_timeout = '{NO_WAIT_LOCK_TIMEOUT_MS}ms'")
        last = self.sql.rows("SELECT coalesce(max(seq), 0) FROM sync_log")[0][0]
        self.next_seq = int(last) + 1
        self.buffer: list[tuple[Any, ...]] = []
        # (table, parent) → who made the version a renumbered new row of this batch gave way
        # to (``_Merge._insert``): the laptop's later versions, which then give way to its own
        # earlier one, are told about that maker, not about themselves.
        self.renumber_makers: dict[tuple[str, Any], LogRow] = {}

    def append(
        self,
        tbl: str,
        row_id: str,
        field: str,
        value: Any,
        stamp: int,
        node: str,
        user: str | None,
        *,
        audience: list[str] | None = None,
        conflict: dict[str, Any] | None = None,
        buffered: bool = False,
    ) -> int:
        """Number and write one entry; ``buffered`` entries wait for ``flush`` (one
        ``executemany``), which must come before anything else appends or reads the log.

        A whole-row entry (``*``) is written without its values when ``value`` is None: a pull
        sends the row as it is then (``Store.pull``). Every later change of the row has its own,
        later entry, so the laptop ends with the same values either way; the log does not hold
        every new row a second time (that was a third of a push's writes)."""
        seq = self.next_seq
        self.next_seq += 1
        entry = (
            seq,
            tbl,
            row_id,
            field,
            None if value is None and field in (REVOKE_FIELD, INSERT_FIELD) else _json(value),
            stamp,
            node,
            user,
            None if audience is None else _json(sorted(audience)),
            None if conflict is None else _json(conflict),
        )
        if buffered:
            self.buffer.append(entry)
        else:
            self.flush()
            self.sql.many(_LOG_INSERT, [entry])
        return seq

    def append_made(self, tbl: str, row_id: str, stamp: int, node: str, user: str | None) -> int:
        """``append(tbl, row_id, INSERT_FIELD, None, stamp, node, user, buffered=True)`` (a
        value-less whole-row entry), without the general case's work: once per new row."""
        seq = self.next_seq
        self.next_seq = seq + 1
        self.buffer.append((seq, tbl, row_id, INSERT_FIELD, None, stamp, node, user, None, None))
        return seq

    def append_made_all(
        self, made: list[tuple[str, str, int]], node: str, user: str | None
    ) -> None:
        """Value-less whole-row entries (``append_made``) for these (table, row id, stamp),
        numbered in order from ``next_seq`` and written at once, after any buffered entries.

        On SQLite in one statement that reads them from one JSON parameter (``_LOG_MADE``): the
        multi-row INSERT bound ten parameters an entry, one by one from Python; here SQLite
        reads three from the JSON in C (a push of 10 000 new customers + contacts ≈ 20 ms less
        on the server, of ≈ 500). PostgreSQL: one ``executemany``, as every other entry."""
        seq = self.next_seq
        self.next_seq = seq + len(made)
        if self.sql.pg:
            self.buffer.extend(
                (s, tbl, row_id, INSERT_FIELD, None, stamp, node, user, None, None)
                for s, (tbl, row_id, stamp) in enumerate(made, seq)
            )
            self.flush()
            return
        self.flush()
        self.sql.rows(_LOG_MADE, (seq, INSERT_FIELD, node, user, orjson.dumps(made).decode()))

    def flush(self) -> None:
        if self.buffer:
            self.sql.many(_LOG_INSERT, self.buffer)
            self.buffer = []


def read_row(conn: Connection, tbl: str, row_id: str) -> dict[str, Any] | None:
    """The row's storage values (plain Python values), or None."""
    storage = codec(tbl).storage
    found = conn.execute(select(storage).where(storage.c.id == row_id)).mappings().first()
    if found is None:
        return None
    return {k: v for k, v in found.items() if k != "id"}


@dataclass
class _Plan:
    """What one op does to an existing row (``_Merge.plan``)."""

    writes: dict[str, Any]
    conflicts: dict[str, dict[str, Any]]
    status: str
    lost: LogRow | None
    kind: str
    #: A field of the op that was not taken although its value differs (a making's value that
    #: gives way): the answer then carries the row as it is, for the laptop to take.
    kept: bool = False
    #: The fields the op lost by the clock (for a whole row: what its laptop files, per field).
    lost_fields: tuple[str, ...] = ()


class Superseded(Exception):
    """A push of a sync older than one of its node that has pushed (``Store.begin_session``)."""


class Rejected(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class _Checkpointer:
    """Copies a SQLite server's WAL back into the database file on a thread of its own.

    SQLite does this inside a commit once the WAL passes 1 000 pages: every fifth or so push
    batch then waited for the copy and its fsync (about 1 ms a batch on average, measured on
    10 000 new customers + contacts). Here a commit only wakes this thread, which checkpoints
    at most every ``INTERVAL_S`` seconds (PASSIVE: it never blocks a writer or a reader, and a
    later run finishes what an open read snapshot held back). The WAL therefore stays within a
    quarter second of writes; when the server stops, closing the last connection checkpoints
    the rest.
    """

    INTERVAL_S = 0.25
    #: Writers still copy the WAL back themselves past this many pages (40 MB): should this
    #: thread ever stop, the WAL still cannot grow without bound.
    BACKSTOP_PAGES = 10_000

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._run, name="wal-checkpoint", daemon=True)
        self._thread.start()

    def poke(self) -> None:
        self._wake.set()

    def stop(self) -> None:
        self._stopping.set()
        self._wake.set()
        self._thread.join(timeout=30)

    def _run(self) -> None:
        while not self._stopping.is_set():
            self._wake.wait()
            self._wake.clear()
            if self._stopping.wait(self.INTERVAL_S):
                break
            try:
                with self.engine.connect() as conn:  # a pooled connection: no reconnect each time
                    raw = conn.connection.driver_connection  # outside any transaction
                    assert raw is not None
                    raw.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
            except Exception:  # noqa: BLE001 - a busy or failing copy is retried next time
                log.warning("WAL checkpoint failed", exc_info=True)


class Store:
    """Everything the HTTP layer asks of the central database."""

    def __init__(self, url: str, *, background_checkpoints: bool = False) -> None:
        """``background_checkpoints``: on SQLite, copy the WAL back on a thread of its own
        (``_Checkpointer``) instead of inside commits — for the serving process."""
        self.url = url
        own = background_checkpoints and url.startswith("sqlite")
        self.writer, self.reader = make_server_engines(url, own_checkpoints=own)
        self._write_lock = threading.Lock()
        # node → the newest session handed out at a hello / the newest that pushed
        self._handed_out: dict[str, int] = {}
        self._pushing: dict[str, int] = {}
        self._sessions_lock = threading.Lock()
        self._checkpointer = _Checkpointer(self.writer) if own else None

    def dispose(self) -> None:
        if self._checkpointer is not None:
            self._checkpointer.stop()
            self._checkpointer = None
        self.writer.dispose()
        if self.reader.pool is not self.writer.pool:  # PostgreSQL: the same pool, other options
            self.reader.dispose()

    # --- setup ------------------------------------------------------------------------------
    def prepare(self) -> int:
        """Upgrade the schema to head, drop the laptop-only triggers, adopt existing rows.

        The server neither captures nor searches: it records its changes in ``sync_log`` itself,
        and nobody searches customers on it. On SQLite the migrations still install the
        laptop's triggers (capture into ``sync_outbox``, the customer FTS index), and they cost
        most of a bulk insert (measured on 10 000 customers + contacts: FTS 1.2 s, the capture
        triggers' ``WHEN`` subquery 0.3 s of 2.2 s), so they are dropped here, after every
        upgrade (a migration that reinstalls capture triggers is undone at the next start).
        A server file is therefore not a laptop file: its customer search index goes stale.
        """
        if current_revision(self.writer) != head_revision():
            upgrade(self.writer)
        with self.writer.begin() as conn:
            if conn.dialect.name == "sqlite":
                conn.execute(text("UPDATE sync_state SET capture = 0 WHERE id = 1"))
                drop_capture_triggers(conn)
                for trigger in SERVER_DROPPED_TRIGGERS:
                    conn.exec_driver_sql(f'DROP TRIGGER IF EXISTS "{trigger}"')
            for index in SERVER_DROPPED_INDEXES:
                conn.exec_driver_sql(f"DROP INDEX IF EXISTS {quote(index)}")
        return self.adopt_existing_rows()

    @contextmanager
    def writing(self, *, wait: bool = True) -> Iterator[LogWriter]:
        """One locked write transaction. ``wait=False``: raise ``LockHeld`` at once, with
        nothing done, when a writer of this process or another holds the lock, instead of
        waiting for it (up to the busy timeout) — for a push on the event loop, where waiting
        would hold up every request. On PostgreSQL a row or table lock another session holds
        is then waited for ``NO_WAIT_LOCK_TIMEOUT_MS`` at most: ``LockHeld``, all rolled back."""
        flag = _NO_WAIT.set(not wait)  # read by the SQLite writer's BEGIN IMMEDIATE
        try:
            with self.write_lock(wait=wait), self.writer.begin() as conn:
                w = LogWriter(conn, wait=wait)
                yield w
                w.flush()
        except OperationalError as exc:
            if wait or getattr(exc.orig, "sqlstate", None) != _LOCK_NOT_AVAILABLE:
                raise
            raise LockHeld() from None
        finally:
            _NO_WAIT.reset(flag)
        if self._checkpointer is not None:
            self._checkpointer.poke()

    @contextmanager
    def write_lock(self, *, wait: bool = True) -> Iterator[None]:
        """Writers of this process queue here, in turn, before they open a write transaction.
        Every write is serialised anyway (one SQLite writer, one advisory lock on PostgreSQL);
        without the queue, 50 laptops pushing at once made SQLite's busy handler (a polling
        sleep, not a queue) give some of them up after its timeout ("database is locked").
        ``wait=False``: ``LockHeld`` at once if another writer of this process is in."""
        if not self._write_lock.acquire(blocking=wait):
            raise LockHeld()
        try:
            yield
        finally:
            self._write_lock.release()

    def adopt_existing_rows(self) -> int:
        """Put rows that are in the tables but not in the log (a demo database, rows made before
        sync) into the log as whole-row entries, so laptops pull them like any other change."""
        adopted = 0
        stamp = hlc.server_now()
        with self.writing() as w:
            for tbl in synced_tables():
                rows = w.sql.rows(
                    f"SELECT id FROM {quote(tbl)} WHERE id NOT IN"
                    " (SELECT row_id FROM sync_log WHERE tbl = ?) ORDER BY id",
                    (tbl,),
                )
                for (row_id,) in rows:
                    w.append(
                        tbl, row_id, INSERT_FIELD, None, stamp, SERVER_NODE, None, buffered=True
                    )
                    adopted += 1
                w.flush()
        return adopted

    # --- server-side changes (server-user, admin tools) ---------------------------------------
    def record_change(self, w: LogWriter, tbl: str, row_id: str, user_id: str | None) -> None:
        """Log a row changed on the server itself (a whole-row entry: pulls send it as it is)."""
        assert read_row(w.conn, tbl, row_id) is not None
        w.append(tbl, row_id, INSERT_FIELD, None, hlc.server_now(), SERVER_NODE, user_id)

    # --- hello ------------------------------------------------------------------------------
    def head(self) -> int:
        with self.reader.connect() as conn:
            head = conn.execute(text("SELECT coalesce(max(seq), 0) FROM sync_log")).scalar_one()
            return int(head)

    def anything_to_pull(self, node: str, cursor: int) -> bool:
        with self.reader.connect() as conn:
            found = conn.execute(
                text("SELECT 1 FROM sync_log WHERE seq > :c AND node_id <> :n LIMIT 1"),
                {"c": cursor, "n": node},
            ).first()
            return found is not None

    def begin_session(self, node: str) -> int:
        """A new sync of ``node`` said hello: its session number, greater than any handed out
        before for that node (``HelloReply.session``; numbers start from the clock, so those of
        a restarted server are above the ones it handed out before).

        Once a batch of a session has been let through (``push``), a batch of an older session
        of the node is refused: a request of an earlier sync that the laptop gave up on — timed
        out while the server still held it, waiting for the write lock or for the batch it
        follows — must not land after a newer sync's values (the merge does not weigh a
        laptop's own entries against each other). The mark moves on a *push*, not on a hello:
        a hello that reaches the server late (its laptop timed out and asked again, or gave up
        on that sync) must not stop the sync that is running. Kept in memory, like the batch
        order (``app._Sequence``): a request cannot outlive the server process."""
        with self._sessions_lock:
            session = max(self._handed_out.get(node, 0) + 1, hlc.wall_ms())
            self._handed_out[node] = session
            return session

    def superseded(self, batch: PushBatch) -> bool:
        """A push of an older sync of its node than one that has pushed (``begin_session``)."""
        if batch.session is None:  # a laptop before sessions
            return False
        with self._sessions_lock:
            return batch.session < self._pushing.get(batch.node, 0)

    def _let_through(self, batch: PushBatch) -> bool:
        """Under the write lock: False if the batch is superseded, else mark its session as the
        node's newest that pushed."""
        if batch.session is None:
            return True
        with self._sessions_lock:
            newest = self._pushing.get(batch.node, 0)
            if batch.session < newest:
                return False
            self._pushing[batch.node] = batch.session
            return True

    # --- push -------------------------------------------------------------------------------
    def push(
        self, viewer: Viewer, batch: PushBatch, *, wait: bool = True
    ) -> tuple[dict[str, Any], bool]:
        """Apply one batch; returns (the wire answer as ``PushReply`` data, replayed). See
        ``_BatchPush``. The answer is stored with the batch's effects, in one transaction.
        ``wait=False``: ``LockHeld`` (nothing done) if the write lock is held elsewhere.
        Raises ``Superseded`` (nothing applied) for a new batch of a sync older than one of the
        node that has pushed (``begin_session``); checked under the write lock, so a batch of
        an older sync is either applied before the newer sync's first batch or not at all."""
        with self.writing(wait=wait) as w:
            stored = w.sql.rows(
                "SELECT response FROM sync_batches WHERE batch_id = ?", (batch.batch,)
            )
            if stored:
                return replay_wire(stored[0][0]), True
            if not self._let_through(batch):
                raise Superseded()
            results = _BatchPush(self, w, viewer, batch).run()
            wire = reply_wire(batch.batch, results, hlc.wall_ms())
            response = stored_reply(wire, [op.i for op in batch.ops]).decode()
            created = _created_at_param(w.conn.dialect)(_now())
            w.sql.many(
                "INSERT INTO sync_batches (batch_id, node_id, user_id, response, created_at)"
                " VALUES (?, ?, ?, ?, ?)",
                [(batch.batch, batch.node, viewer.user_id, response, created)],
            )
        if os.environ.get(FAULT_ENV) == "exit-after-push-commit":
            os._exit(70)  # the batch is committed, the answer is never sent
        return wire, False

    # --- pull -------------------------------------------------------------------------------
    def pull(self, viewer: Viewer, node: str, cursor: int, limit: int) -> PullReply:
        """One page of the log after ``cursor``: other nodes' entries and those addressed to this
        user. The node's own entries are skipped in SQL, not counted against the page: the head is
        read first, and every entry up to it is committed (a sequence number is handed out only
        after every smaller one is committed — see the module doc), so when the page is not full
        the cursor may move to the head without missing anything."""
        limit = max(1, min(limit, 5000))
        # One read transaction (one snapshot): who may see a row and the row's current values
        # (whole-row entries) are read as of the same moment.
        with self.reader.begin() as conn:
            head = int(
                conn.execute(text("SELECT coalesce(max(seq), 0) FROM sync_log")).scalar_one()
            )
            viewers = load_viewers(conn)
            # The viewer as of this snapshot: the one the caller loaded may be older (a push
            # that asks for a page can wait for the write lock meanwhile), and a role, team or
            # account changed since must neither hide a row now visible nor show one no longer.
            now = _as_now(viewer, viewers)
            if now is None:  # disabled meanwhile: nothing; the next request is refused
                return PullReply(changes=[], cursor=cursor, more=False)
            viewer = now
            rows = conn.execute(
                text(
                    "SELECT seq, tbl, row_id, field, value, hlc, node_id, user_id, audience,"
                    " conflict FROM sync_log WHERE seq > :c AND seq <= :head"
                    " AND (node_id <> :me OR audience IS NOT NULL OR conflict IS NOT NULL)"
                    " ORDER BY seq LIMIT :n"
                ),
                {"c": cursor, "head": head, "me": node, "n": limit},
            ).all()
            candidates = [(r[1], r[2]) for r in rows if r[8] is None and not viewer.is_admin]
            visible = visible_rows(conn, viewer, viewers, candidates) if candidates else set()
            kept = []
            for r in rows:
                tbl, row_id, origin, audience, conflict = r[1], r[2], r[6], r[8], r[9]
                if audience is not None:
                    if viewer.user_id not in json.loads(audience):
                        continue
                elif origin == node and conflict is None:
                    # The node's own change, which it has. Its own changes that settled a
                    # conflict do come back: reviving a row another laptop deleted meanwhile
                    # also wrote ``is_deleted = 0``, a value the pushing laptop would otherwise
                    # never receive — while it does receive the older delete.
                    continue
                elif not viewer.is_admin and (tbl, row_id) not in visible:
                    continue
                kept.append(r)
            # The rows of whole-row entries, as they are now: only those this page sends.
            whole = self._current_rows(
                conn, [(r[1], r[2]) for r in kept if r[3] == INSERT_FIELD and r[4] is None]
            )
        changes: list[Change] = []
        for seq, tbl, row_id, fld, value, stamp, _origin, user, _audience, conflict in kept:
            if fld == INSERT_FIELD and value is None:
                decoded = whole.get((tbl, row_id))
                if decoded is None:  # pragma: no cover - rows are never removed on the server
                    continue
                decoded = dict(decoded)
            else:
                decoded = None if value is None else orjson.loads(value)
            if tbl == "users" and row_id != viewer.user_id:
                if fld == "password_hash":
                    continue
                if fld == INSERT_FIELD and isinstance(decoded, dict):
                    decoded.pop("password_hash", None)
            changes.append(
                Change(
                    s=seq,
                    t=tbl,
                    r=row_id,
                    f=fld,
                    v=decoded,
                    h=stamp,
                    u=user,
                    x=None if conflict is None else json.loads(conflict),
                )
            )
        full = len(rows) == limit
        new_cursor = int(rows[-1][0]) if full else max(head, cursor)
        return PullReply(changes=changes, cursor=new_cursor, more=full)

    def resend(self, viewer: Viewer, rows: list[tuple[str, str]]) -> int:
        """Log these rows again for this user, as they are now (``ResendRequest``): a whole-row
        entry addressed to them, with the row's values (as ``snapshot`` does for a grant: an
        addressed entry is not filtered by what they may see when it is pulled). Rows they may
        not see now, rows that do not exist and tables that are not synced are skipped; parents
        are logged before their children. Returns how many were logged."""
        order = {tbl: n for n, tbl in enumerate(synced_tables())}
        wanted = sorted(
            {(tbl, row_id) for tbl, row_id in rows if tbl in order},
            key=lambda key: (order[key[0]], key[1]),
        )
        if not wanted:
            return 0
        stamp = hlc.server_now()
        logged = 0
        with self.writing() as w:
            viewers = load_viewers(w.conn)
            me = _as_now(viewer, viewers)
            if me is None:
                return 0
            seen = visible_rows(w.conn, me, viewers, wanted)
            for tbl in order:
                ids = [row_id for t, row_id in wanted if t == tbl and (t, row_id) in seen]
                if ids:
                    logged += _log_rows_now(w, tbl, ids, [me.user_id], stamp)
        return logged

    def _current_rows(
        self, conn: Connection, keys: list[tuple[str, str]]
    ) -> dict[tuple[str, str], dict[str, Any]]:
        """The wire values of these rows as they are now (for whole-row log entries)."""
        by_table: dict[str, set[str]] = {}
        for tbl, row_id in keys:
            by_table.setdefault(tbl, set()).add(row_id)
        sql = RawSql(conn)
        out: dict[tuple[str, str], dict[str, Any]] = {}
        for tbl, row_ids in by_table.items():
            rc = _row_codec(tbl, not sql.pg)
            for row_id, values in _read_rows(sql, tbl, sorted(row_ids)):
                out[(tbl, row_id)] = rc.wire(values)
        return out

    # --- scope changes ----------------------------------------------------------------------
    def snapshot(self, w: LogWriter, kind: str, root_id: str, audience: list[str]) -> None:
        """Re-send every row under a scope root to the users who just gained it."""
        stamp = hlc.server_now()
        root_tbl = "customers" if kind == "customer" else "users"
        paths = CUSTOMER_PATHS if kind == "customer" else USER_PATHS
        for tbl in synced_tables():
            if tbl not in paths:
                continue
            path = root_path(tbl)
            if not path:
                if root_tbl != tbl:
                    continue
                sql = 'SELECT id FROM "customers" WHERE id = :root'
            else:
                inner = ":root"
                for i in range(len(path) - 1, 0, -1):
                    inner = f'SELECT id FROM "{path[i - 1][1]}" WHERE "{path[i][0]}" IN ({inner})'
                sql = f'SELECT id FROM "{tbl}" WHERE "{path[0][0]}" IN ({inner})'
            ids = [r[0] for r in w.conn.execute(text(sql), {"root": root_id})]
            _log_rows_now(w, tbl, ids, audience, stamp)

    def revoke(self, w: LogWriter, kind: str, root_id: str, audience: list[str]) -> None:
        root_tbl = "customers" if kind == "customer" else "users"
        w.append(
            root_tbl,
            root_id,
            REVOKE_FIELD,
            None,
            hlc.server_now(),
            SCOPE_NODE,
            None,
            audience=audience,
        )

    def rescope_customer(
        self, w: LogWriter, customer_id: str, old_owner: str | None, new_owner: str | None
    ) -> None:
        viewers = load_viewers(w.conn)
        before = {v for v, vw in viewers.items() if sees_customer(vw, old_owner, viewers)}
        after = {v for v, vw in viewers.items() if sees_customer(vw, new_owner, viewers)}
        if after - before:
            self.snapshot(w, "customer", customer_id, sorted(after - before))
        if before - after:
            self.revoke(w, "customer", customer_id, sorted(before - after))

    def rescope_user(self, w: LogWriter, user_id: str, viewers_before: dict[str, Viewer]) -> None:
        viewers_after = load_viewers(w.conn)
        teams = {
            t
            for t in (
                viewers_before.get(user_id, Viewer(user_id, "", None)).team_id,
                viewers_after.get(user_id, Viewer(user_id, "", None)).team_id,
            )
            if t is not None
        }
        affected = (
            {user_id}
            | {v for v, vw in viewers_after.items() if vw.team_id in teams and vw.sees_team}
            | {v for v, vw in viewers_before.items() if vw.team_id in teams and vw.sees_team}
        )
        gained: dict[tuple[str, str], list[str]] = {}
        lost: dict[tuple[str, str], list[str]] = {}
        for v in sorted(affected):
            b = viewers_before.get(v)
            a = viewers_after.get(v)
            set_b = visible_root_set(w.conn, b, viewers_before) if b and b.active else set()
            set_a = visible_root_set(w.conn, a, viewers_after) if a and a.active else set()
            for root in set_a - set_b:
                gained.setdefault(root, []).append(v)
            for root in set_b - set_a:
                lost.setdefault(root, []).append(v)
        for (kind, root_id), users in sorted(gained.items()):
            self.snapshot(w, kind, root_id, users)
        for (kind, root_id), users in sorted(lost.items()):
            self.revoke(w, kind, root_id, users)


def _as_now(viewer: Viewer, viewers: dict[str, Viewer]) -> Viewer | None:
    """The user as the caller's transaction has them (``load_viewers``), not as the sign-in
    check saw them before a wait for the write lock; None if disabled or gone meanwhile."""
    now = viewers.get(viewer.user_id)
    return now if now is not None and now.active else None


def _log_rows_now(
    w: LogWriter, tbl: str, row_ids: list[str], audience: list[str], stamp: int
) -> int:
    """Log these rows again for ``audience``, with their values as they are now (a grant's
    snapshot, rows asked for again); rows that do not exist are skipped. Returns how many.

    The values go into the entry: it is addressed to users by name and not filtered by what
    they may see at pull time, so a value-less entry would hand them the row as it is *then*
    (moved elsewhere, changed after they lost the customer again)."""
    tc = codec(tbl)
    logged = 0
    for row_id in row_ids:
        row = read_row(w.conn, tbl, row_id)
        if row is not None:
            w.append(
                tbl,
                row_id,
                INSERT_FIELD,
                tc.encode_row(row),
                stamp,
                SCOPE_NODE,
                None,
                audience=audience,
                buffered=True,
            )
            logged += 1
    w.flush()
    return logged


class _Merge:
    """Field-level merge of one op against the server's row and log (see docs/sync-protocol.md)."""

    def __init__(
        self,
        store: Store,
        w: LogWriter,
        viewer: Viewer,
        viewers: dict[str, Viewer],
        node: str,
        op: WireOp,
        now: int | None = None,
    ) -> None:
        self.store = store
        self.w = w
        self.conn = w.conn
        self.viewer = viewer
        self.viewers = viewers
        self.node = node
        self.op = op
        self.stamp = hlc.clamp_to_server(int(op.h), now)

    # results
    def _cur(self, existing: dict[str, Any] | None) -> tuple[Any, bool]:
        if existing is None:
            return None, False
        tc = codec(self.op.t)
        # Never hand out another user's private fields (a password hash) as "the server's value".
        hidden = (
            self.op.t in _PRIVATE_TABLES
            and self.op.r != self.viewer.user_id
            and not self.viewer.is_admin
        )
        if self.op.f == INSERT_FIELD:
            row = tc.encode_row(existing)
            if hidden:
                for t, f in PRIVATE_FIELDS:
                    if t == self.op.t:
                        row.pop(f, None)
            return row, True
        column = tc.columns.get(self.op.f)
        if column is None or (hidden and (self.op.t, self.op.f) in PRIVATE_FIELDS):
            return None, True
        return column.encode(existing.get(self.op.f)), True

    def _rejected(self, reason: str, existing: dict[str, Any] | None) -> OpResult:
        cur, has = self._cur(existing)
        return OpResult(i=self.op.i, s="rejected", reason=reason, cur=cur, has_cur=has)

    def run(self) -> OpResult:
        op = self.op
        if op.t not in synced_tables():
            return OpResult(i=op.i, s="rejected", reason=f"unknown table {op.t}")
        tc = codec(op.t)
        try:
            if op.f == INSERT_FIELD:
                if not isinstance(op.v, dict):
                    raise ValueError("a new row must be an object")
                values = tc.decode_row(op.v)
            elif op.f in tc.columns:
                values = {op.f: tc.columns[op.f].decode(op.v)}
            else:
                raise ValueError(f"{op.t} has no field {op.f}")
        except ValueError as exc:
            # With the server's row, if it has one: the laptop reverts to it (without it, the
            # laptop would take the row for one the server does not have, and drop it).
            return self._rejected(f"malformed change: {exc}", read_row(self.conn, op.t, op.r))
        existing = read_row(self.conn, op.t, op.r)
        if existing is not None and op.f == INSERT_FIELD:
            prior = self._prior_under_legacy_id()
            if prior is not None:
                return prior
        try:
            self._check_rights(existing, values)
        except Rejected as exc:
            return self._rejected(exc.reason, existing)
        if existing is None:
            if op.f != INSERT_FIELD:
                return self._rejected("the record does not exist on the server", None)
            return self._insert(values)
        return self._merge(existing, values)

    def _prior_under_legacy_id(self) -> OpResult | None:
        """A new-row op sent by a protocol-2 laptop, answered under protocol 2's derived id (a
        hash of table, row and stamp) and replayed after the update in a new batch: its earlier
        result. (Protocol 3 derives ids that start with the stamp; ``run`` looks those up.)"""
        op = self.op
        legacy = _legacy_op_id(op)
        found = self.w.sql.rows("SELECT batch_id FROM sync_ops WHERE op_id = ?", (legacy,))
        if not found:
            return None
        stored = self.w.sql.rows(
            "SELECT response FROM sync_batches WHERE batch_id = ?", (found[0][0],)
        )
        result = stored_results(stored[0][0]).get(legacy) if stored else None
        if result is None:
            return None
        if isinstance(result, int):
            return OpResult(i=op.i, s="applied", seq=result)
        return result.model_copy(update={"i": op.i})

    # rights
    def _check_rights(
        self,
        existing: dict[str, Any] | None,
        values: dict[str, Any],
        visible: Callable[[], bool] | None = None,
    ) -> None:
        v, tbl, row_id = self.viewer, self.op.t, self.op.r
        if not v.active:
            raise Rejected("your account is disabled")
        if tbl in ADMIN_TABLES and not v.is_admin:
            own = tbl == "users" and row_id == v.user_id and existing is not None
            if not (own and set(values) <= SELF_SERVICE_USER_FIELDS):
                raise Rejected("only an administrator may change users and teams")
        if tbl in _PRIVATE_TABLES and row_id != v.user_id and not v.is_admin:
            for fld in values:
                if (tbl, fld) in PRIVATE_FIELDS:
                    raise Rejected(f"you may not change {fld} of another user")
        if tbl in MANAGER_TABLES and v.role not in (Role.MANAGER.value, Role.ADMIN.value):
            raise Rejected(f"only a manager may change {tbl}")
        if tbl == "contracts" and "status" in values:
            new = str(values["status"])
            old = None if existing is None else str(existing["status"])
            manager = v.role in (Role.MANAGER.value, Role.ADMIN.value)
            if old is not None and old != new:
                if old in (ContractStatus.COMPLETED.value, ContractStatus.TERMINATED.value):
                    raise Rejected(f"the contract is {old}; its status cannot change")
                if (
                    new in CONTRACT_ORDER
                    and CONTRACT_ORDER.index(new) < CONTRACT_ORDER.index(old)
                    and not (old == ContractStatus.IN_REVIEW.value and new == "DRAFT")
                ):
                    raise Rejected(f"a contract's status cannot move backwards ({old} → {new})")
            if new == ContractStatus.APPROVED.value and old != new and not manager:
                raise Rejected("approving a contract needs the manager role")
        if existing is not None and not (visible or self._visible)():
            raise Rejected("outside your rights: you may not see this record")

    def _visible(self) -> bool:
        if self.viewer.is_admin:
            return True
        key = (self.op.t, self.op.r)
        return key in visible_rows(self.conn, self.viewer, self.viewers, [key])

    # insert
    def _insert(self, values: dict[str, Any], renumbered: bool = False) -> OpResult:
        tc = codec(self.op.t)
        nested = self.conn.begin_nested()
        try:
            self.conn.execute(insert(tc.storage).values(id=self.op.r, **tc.with_local(values)))
            if not self._visible():
                nested.rollback()
                return self._rejected("outside your rights: you could not see this record", None)
        except (IntegrityError, DataError) as exc:
            nested.rollback()
            again = None if renumbered else self._next_version(values)
            if again is None:
                return self._rejected(_integrity_reason(exc), None)
            holder = self._maker(values)
            key = (self.op.t, values.get(RENUMBERED[self.op.t].parent))
            first = self.w.renumber_makers.get(key)
            if first is not None and (holder is None or holder.node == self.node):
                holder = first  # it gave way to this laptop's own earlier version
            elif holder is not None:
                self.w.renumber_makers.setdefault(key, holder)
            result = self._insert(again, renumbered=True)
            if result.s == "merged" and holder is not None:
                # Who made the version this row had to give way to: the laptop's inbox says so.
                result.th, result.tn, result.tu = holder.hlc, holder.node, holder.user
            return result
        nested.commit()
        seq = self.w.append(
            self.op.t, self.op.r, INSERT_FIELD, None, self.stamp, self.node, self.viewer.user_id
        )
        if renumbered:
            # Taken under the next free version: the laptop takes the row as stored (and files
            # an inbox entry: the number it may have given a customer is another's now).
            cur, has = self._cur(read_row(self.conn, self.op.t, self.op.r))
            return OpResult(i=self.op.i, s="merged", k=RENUMBERED_KIND, seq=seq, cur=cur,
                            has_cur=has)  # fmt: skip
        return OpResult(i=self.op.i, s="applied", seq=seq)

    def _maker(self, values: dict[str, Any]) -> LogRow | None:
        """The making entry of the row that holds this new row's version or lot number
        (``_next_version``)."""
        spec = RENUMBERED[self.op.t]
        found = self.w.sql.rows(
            f"SELECT l.seq, l.field, l.value, l.hlc, l.node_id, l.user_id FROM sync_log l"
            f" JOIN {quote(self.op.t)} r ON r.id = l.row_id WHERE l.tbl = ? AND l.field = ?"
            f" AND r.{quote(spec.parent)} = ? AND r.{quote(spec.key)} = ? ORDER BY l.seq LIMIT 1",
            (self.op.t, INSERT_FIELD, values.get(spec.parent), values.get(spec.key)),
        )
        if not found:
            return None
        r = found[0]
        return LogRow(int(r[0]), r[1], r[2], int(r[3]), r[4], r[5])

    def _next_version(self, values: dict[str, Any]) -> dict[str, Any] | None:
        """A new row of a per-parent counter (``changes.RENUMBERED``: a quote version, a
        contract's lot number) whose value its parent already has — two laptops each made "the
        next one" offline — under the next free value (a quote's number follows its version,
        ``…-Q3`` → ``…-Q4``; a lot number's digits are its counter, ``…-L03`` → ``…-L04``);
        None if that is not why the insert was refused, for a lot number outside the app's
        numbering (``<contract no>-L<n>``: a B/L number entered twice is one lot, refused as
        before), or if the new number would not fit its column. Both rows are kept: a quote is
        a document sent to a customer, a lot a shipment on its way, neither may vanish; the
        one the server gets second comes after."""
        spec = RENUMBERED.get(self.op.t)
        if spec is None:
            return None
        parent, key = values.get(spec.parent), values.get(spec.key)
        if parent is None or key is None:
            return None
        table = quote(self.op.t)
        sql = self.w.sql
        series_sql = spec.series_sql()
        if series_sql is None:
            prefix = spec.prefix(None)
        else:
            found = sql.rows(series_sql, (parent,))
            prefix = spec.prefix(found[0][0] if found else None)
        if prefix is None or spec.rank(values, prefix) is None:
            return None  # a number outside the counter: refused as before
        taken = sql.rows(
            f"SELECT 1 FROM {table} WHERE {quote(spec.parent)} = ? AND {quote(spec.key)} = ?",
            (parent, key),
        )
        if not taken:
            return None
        version = quote(spec.version) if spec.version else "NULL"
        ranks = []
        for v, number in sql.rows(
            f"SELECT {version}, {quote(spec.number)} FROM {table} WHERE {quote(spec.parent)} = ?",
            (parent,),
        ):
            rank = spec.rank(spec.stored(v, number), prefix)
            if rank is not None:
                ranks.append(rank)
        again = spec.moved(values, max(ranks) + 1, prefix)
        return again if number_fits(self.op.t, again) else None

    # merge into an existing row
    def _log_since(self) -> list[LogRow]:
        rows = self.conn.execute(
            text(
                "SELECT seq, field, value, hlc, node_id, user_id FROM sync_log"
                " WHERE tbl = :t AND row_id = :r AND seq > :b AND node_id <> :scope"
                " AND node_id <> :me ORDER BY seq"
            ),
            {
                "t": self.op.t,
                "r": self.op.r,
                "b": int(self.op.b),
                "scope": SCOPE_NODE,
                "me": self.node,
            },
        ).all()
        return [LogRow(int(r[0]), r[1], r[2], int(r[3]), r[4], r[5]) for r in rows]

    def plan(self, existing: dict[str, Any], values: dict[str, Any], others: list[LogRow]) -> _Plan:
        """Decide what an op does to an existing row, given the other nodes' log entries of the
        row after the op's base (pure: reads and writes nothing)."""
        if not others:
            # Nobody else changed the row since the op's base: every value is taken, as the
            # loop below would decide (no entry to lose to, none deleted the row meanwhile).
            return _Plan(dict(values), {}, "applied", None, "value")
        tbl = self.op.t
        tc = codec(tbl)
        append_only = tbl in APPEND_ONLY
        writes: dict[str, Any] = {}
        conflicts: dict[str, dict[str, Any]] = {}
        status = "merged" if others else "applied"
        lost: LogRow | None = None
        kind = "value"
        kept = False
        lost_fields: list[str] = []
        mine_made = self.op.f == INSERT_FIELD
        for fld, value in values.items():
            if fld == "is_deleted" and value and not existing["is_deleted"] and not append_only:
                edits = [
                    e for e in others if e.field not in SILENT_FIELDS and e.field != "is_deleted"
                ]
                if edits:
                    lost, kind = edits[-1], "delete"
                    continue
            last = next((e for e in reversed(others) if e.field in (fld, INSERT_FIELD)), None)
            if last is None:
                writes[fld] = value
                continue
            mine_wins = hlc.wins(self.stamp, self.node, last.hlc, last.node)
            if _same(value, existing.get(fld)):
                # Both sides hold the same value (two laptops made the same keyed row, or typed
                # the same correction): nothing to decide and nothing lost, so no inbox entry.
                # An edit's newer stamp is still written, so a third value decides against it;
                # a making's equal value is not (it would pass for an edit made after it).
                if mine_wins and not mine_made:
                    writes[fld] = value
                continue
            if append_only or fld in SILENT_FIELDS:
                if mine_wins:
                    writes[fld] = value
                continue
            # Two laptops made the same keyed row (``ids.keyed_id``) and one of them met the
            # other's making: a laptop's ``*`` entry after an op's base, or a ``*`` op over an
            # existing row. (The server's own ``*`` entries — ``record_change``, adopted rows —
            # are changes made on the server: the clock decides, as for any edit.) A making's
            # values are where the row started: an edit made after it comes later in every
            # sense, whatever the clocks say, and an empty value never beats a filled one. Only
            # two makings with two different values go by the clock, with an inbox entry; a
            # making that meets a delete brings the row back and tells the deleter, as an edit
            # does.
            they_made = last.field == INSERT_FIELD
            if (mine_made or they_made) and last.node != SERVER_NODE:
                if not they_made:  # my making against their edit
                    if fld == "is_deleted" and not value and existing["is_deleted"]:
                        writes[fld] = value
                        conflicts[fld] = _overwritten("delete", last, 1)
                    else:  # their edit stays
                        kept = True
                    continue
                if not mine_made:  # my edit against their making: the edit stays
                    writes[fld] = value
                    continue
                if value is None or existing.get(fld) is None:  # two makings, one empty
                    if value is None:
                        kept = True
                    else:
                        writes[fld] = value
                    continue
            if mine_wins:
                writes[fld] = value
                conflicts[fld] = _overwritten(
                    "value", last, tc.columns[fld].encode(existing.get(fld))
                )
            else:
                lost, kind = last, "value"
                lost_fields.append(fld)
        # An edit of a row someone else deleted meanwhile brings the row back, and says so.
        if (
            existing["is_deleted"]
            and "is_deleted" not in values
            and any(f not in SILENT_FIELDS for f in writes)
            and not append_only
        ):
            deletes = [e for e in others if e.field == "is_deleted" and e.value == "1"]
            if deletes:
                writes["is_deleted"] = False
                conflicts["is_deleted"] = _overwritten("delete", deletes[-1], 1)
        return _Plan(writes, conflicts, status, lost, kind, kept, tuple(lost_fields))

    def _merge(self, existing: dict[str, Any], values: dict[str, Any]) -> OpResult:
        op, tbl = self.op, self.op.t
        tc = codec(tbl)
        plan = self.plan(existing, values, self._log_since())
        writes, conflicts = plan.writes, plan.conflicts
        seq: int | None = None
        if writes:
            nested = self.conn.begin_nested()
            try:
                self.conn.execute(
                    update(tc.storage).where(tc.storage.c.id == op.r).values(**writes)
                )
                if not self._visible():
                    nested.rollback()
                    return self._rejected(
                        "outside your rights: the change would move the record out of your view",
                        existing,
                    )
            except (IntegrityError, DataError) as exc:
                nested.rollback()
                return self._rejected(_integrity_reason(exc), existing)
            nested.commit()
            viewers_before = self.viewers
            for fld, value in writes.items():
                seq = self.w.append(
                    tbl,
                    op.r,
                    fld,
                    tc.columns[fld].encode(value),
                    self.stamp,
                    self.node,
                    self.viewer.user_id,
                    conflict=conflicts.get(fld),
                )
            if op.f == INSERT_FIELD:
                # A making merged into the row: its entries end with a whole-row entry, so a
                # later op meets it as a making (``plan``), not as edits made after the row's
                # other makings. A pull sends the row as it is then.
                seq = self.w.append(
                    tbl, op.r, INSERT_FIELD, None, self.stamp, self.node, self.viewer.user_id
                )
            if tbl == "customers" and "owner_id" in writes:
                if existing.get("owner_id") != writes["owner_id"]:
                    self.store.rescope_customer(
                        self.w, op.r, existing.get("owner_id"), writes["owner_id"]
                    )
            if tbl == "users" and USER_SCOPE_FIELDS & set(writes):
                self.store.rescope_user(self.w, op.r, viewers_before)
                self.viewers.clear()
                self.viewers.update(load_viewers(self.conn))
        return self.result(plan, seq, lambda: read_row(self.conn, tbl, op.r))

    def result(
        self, plan: _Plan, seq: int | None, after: Callable[[], dict[str, Any] | None]
    ) -> OpResult:
        """The answer for a planned merge; ``after`` gives the row as it is now."""
        op = self.op
        lost = plan.lost
        if lost is not None:
            cur, has = self._cur(after())
            return OpResult(
                i=op.i,
                s="conflict",
                won=False,
                k=plan.kind,
                seq=seq,
                cur=cur,
                has_cur=has,
                th=lost.hlc,
                tu=lost.user,
                tn=lost.node,
                lf=list(plan.lost_fields) if op.f == INSERT_FIELD and plan.lost_fields else None,
            )
        conflicts = plan.conflicts
        # Taken in part (a making whose other maker's values stay): whatever the answer, it
        # carries the row as it is now, and the laptop takes the fields it did not set.
        rest: dict[str, Any] = {}
        if plan.kept and seq is not None:
            cur, has = self._cur(after())
            rest = {"cur": cur, "has_cur": has}
        if conflicts and any(c["k"] == "value" for c in conflicts.values()):
            return OpResult(i=op.i, s="conflict", won=True, k="value", seq=seq, **rest)
        if conflicts:
            return OpResult(i=op.i, s="conflict", won=True, k="delete", seq=seq, **rest)
        if seq is None:
            cur, has = self._cur(after())
            return OpResult(i=op.i, s="merged", cur=cur, has_cur=has)
        if rest:
            return OpResult(i=op.i, s="merged", seq=seq, **rest)
        return OpResult(i=op.i, s=plan.status, seq=seq)  # type: ignore[arg-type]


def _overwritten(kind: str, entry: LogRow, value: Any) -> dict[str, Any]:
    """The conflict a winning op records in its log entry (``x`` in a pull): the kind, and the
    overwritten ``value`` with who wrote it and when, for that laptop's inbox."""
    return {"k": kind, "n": entry.node, "u": entry.user, "h": entry.hlc, "v": value}


def _same(mine: Any, theirs: Any) -> bool:
    """Do two values of a field (both as the same path reads them) say exactly the same thing?
    Strict: equal type and value, and a Decimal also in its written form (1.0 is not 1.00), so
    a laptop never keeps a value that differs from the server's; anything unsure is a conflict,
    as before."""
    if type(mine) is not type(theirs):
        return False
    if isinstance(mine, Decimal):
        return str(mine) == str(theirs)
    return bool(mine == theirs)


class _Fallback(Exception):
    """The batch cannot be applied in bulk with the per-op outcome guaranteed; redo it op by op."""


Result = int | OpResult  # an int: a plainly applied op's log sequence


#: An op of the current run (``_BatchPush``): (position in the batch, op, (table, row id), its
#: values as the driver takes them, the row as it is or None for a new row). A tuple: one per
#: op of a push, and cheaper to make than an object.
_Pending = tuple[int, WireOp, tuple[str, str], dict[str, Any], dict[str, Any] | None]


def _check_type(name: str, kind: type, what: str) -> Callable[[Any], Any]:
    """A converter that lets values of exactly ``kind`` through (no bool for int)."""

    def conv(v: Any) -> Any:
        if type(v) is kind:
            return v
        raise ValueError(f"{name}: expected {what}")

    return conv


def _check_bool(name: str) -> Callable[[Any], Any]:
    def conv(v: Any) -> Any:
        if type(v) in (int, bool) and v in (0, 1):
            return 1 if v else 0
        raise ValueError(f"{name}: expected 0 or 1")

    return conv


def _check_date(name: str) -> Callable[[Any], Any]:
    def conv(v: Any) -> Any:
        if type(v) is not str:
            raise ValueError(f"{name}: expected an ISO date")
        return dt.date.fromisoformat(v[:10]).isoformat()

    return conv


#: The types a text, an integer (and a 0/1 flag) column may hold in a row as laptops send it
#: (``_RowCodec._plain``; ``type(v)``: a bool is not an integer here, as in the converters).
_TEXT: frozenset[type] = frozenset({str, type(None)})
_WHOLE: frozenset[type] = frozenset({int, type(None)})
_FLAGS: frozenset[Any] = frozenset({0, 1, None})


def _storage_datetime(v: str) -> bool:
    """``YYYY-MM-DD HH:MM:SS.ffffff`` (UTC, naive): the one form SQLite storage and the wire use."""
    return (
        len(v) == 26
        and v[4] == "-"
        and v[7] == "-"
        and v[10] == " "
        and v[13] == ":"
        and v[16] == ":"
        and v[19] == "."
        and v[20:].isdigit()
    )


def _storage_date(v: str) -> bool:
    return len(v) == 10 and v[4] == "-" and v[7] == "-" and v[:4].isdigit()


#: ``_storage_datetime`` and ``_storage_date`` as patterns (``_RowCodec.plain_rows``): a value
#: they pass is then parsed, as there.
_DATETIME_SHAPE = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6}"
).fullmatch
_DATE_SHAPE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}").fullmatch


def _check_datetime(c: ColumnCodec) -> Callable[[Any], Any]:
    name = c.name

    def conv(v: Any) -> Any:
        if type(v) is not str:
            raise ValueError(f"{name}: expected an ISO date")
        if _storage_datetime(v):
            dt.datetime.fromisoformat(v)
            return v
        return c.encode(c.decode(v))

    return conv


@dataclass(frozen=True)
class _RowCodec:
    """Wire values ↔ driver parameters for one table, per dialect, for the push hot path.

    On SQLite a wire value *is* the storage value (that is what the laptop's triggers send), so a
    converter only checks its type and shape (normalising a datetime or date not in storage
    form) and the log gets the same value back; on PostgreSQL it is ``ColumnCodec.decode`` (and
    ``encode`` for the log). Errors are ``ValueError`` with the column's name, as
    ``TableCodec.decode_row`` gives them.
    """

    tbl: str
    convs: dict[str, Callable[[Any], Any]]
    local: dict[str, Any]
    columns: dict[str, ColumnCodec]
    storage_is_wire: bool
    getters: dict[str, Callable[[dict[str, Any]], tuple[Any, ...]]]  # a kind's values (``_plain``)
    names: tuple[str, ...]  # the columns, in order
    take: Callable[[dict[str, Any]], tuple[Any, ...]]  # a whole row's values in that order

    def convert(self, values: dict[str, Any]) -> dict[str, Any]:
        if self.storage_is_wire and len(values) == len(self.columns):
            plain = self._plain(values)
            if plain is not None:
                return plain
        out: dict[str, Any] = {}
        convs = self.convs
        for key, value in values.items():
            conv = convs.get(key)
            if conv is None:
                if key in self.local:  # an older laptop still sends its search keys
                    continue
                raise ValueError(f"{self.tbl} has no field {key}")
            out[key] = None if value is None else _named(key, conv, value)
        return out

    def _plain(self, values: dict[str, Any]) -> dict[str, Any] | None:
        """``values`` itself if it is a whole row already in storage form (what a laptop
        sends), else None (``convert`` then goes column by column and says what is wrong).
        The types of a kind's columns are checked at once (a set of the types, in C), not one
        converter call per column: that was a fifth of a batch."""
        get = self.getters
        try:
            if not _TEXT.issuperset(map(type, get["str"](values))):
                return None
            if not _WHOLE.issuperset(map(type, get["int"](values))):
                return None
            flags = get["bool"](values)
            if not _WHOLE.issuperset(map(type, flags)) or not _FLAGS.issuperset(flags):
                return None
            for v in get["datetime"](values):
                if v is not None:
                    if type(v) is not str or not _storage_datetime(v):
                        return None
                    dt.datetime.fromisoformat(v)
            for v in get["date"](values):
                if v is not None:
                    if type(v) is not str or not _storage_date(v):
                        return None
                    dt.date.fromisoformat(v)
        except (KeyError, ValueError):
            return None
        return values

    def plain_rows(self, rows: list[dict[str, Any]]) -> bool:
        """Whether every one of ``rows`` is a whole row in storage form (``_plain`` for all of
        them at once: each check one pass over every row's values of a kind, looped in C; per
        row, the checks were a tenth of the server's time for a batch of new rows). False says
        only "look row by row" (``convert``), which finds the row that is wrong and says why."""
        if not self.storage_is_wire or set(map(len, rows)) != {len(self.columns)}:
            return False
        get = self.getters
        try:
            if not _TEXT.issuperset(map(type, chain.from_iterable(map(get["str"], rows)))):
                return False
            if not _WHOLE.issuperset(map(type, chain.from_iterable(map(get["int"], rows)))):
                return False
            flags = list(chain.from_iterable(map(get["bool"], rows)))
            if not _WHOLE.issuperset(map(type, flags)) or not _FLAGS.issuperset(flags):
                return False
            for kind, shape, parse in (
                ("datetime", _DATETIME_SHAPE, dt.datetime.fromisoformat),
                ("date", _DATE_SHAPE, dt.date.fromisoformat),
            ):
                given = [v for v in chain.from_iterable(map(get[kind], rows)) if v is not None]
                if not _TEXT.issuperset(map(type, given)) or not all(map(shape, given)):
                    return False
                deque(map(parse, given), maxlen=0)  # a ValueError if one is no real date
        except (KeyError, ValueError):
            return False
        return True

    def field(self, name: str, value: Any) -> Any:
        conv = self.convs.get(name)
        if conv is None:
            raise ValueError(f"{self.tbl} has no field {name}")
        return None if value is None else _named(name, conv, value)

    def wire(self, values: dict[str, Any]) -> dict[str, Any]:
        if self.storage_is_wire:
            return values
        return {k: self.columns[k].encode(v) for k, v in values.items()}

    def wire_value(self, name: str, value: Any) -> Any:
        if self.storage_is_wire:
            return int(value) if type(value) is bool else value  # a merge's revival writes False
        return self.columns[name].encode(value)


def _named(name: str, conv: Callable[[Any], Any], value: Any) -> Any:
    """``conv(value)``; its ValueError names the column (a date parser's own message does not)."""
    try:
        return conv(value)
    except ValueError as exc:
        if str(exc).startswith(f"{name}:"):
            raise
        raise ValueError(f"{name}: {exc} ({value!r})") from None


@cache
def _row_codec(tbl: str, sqlite: bool) -> _RowCodec:
    tc = codec(tbl)
    convs: dict[str, Callable[[Any], Any]] = {}
    for name, c in tc.columns.items():
        if not sqlite:
            convs[name] = c.decode
        elif c.kind == "int":
            convs[name] = _check_type(name, int, "an integer")
        elif c.kind == "str":
            convs[name] = _check_type(name, str, "text")
        elif c.kind == "bool":
            convs[name] = _check_bool(name)
        elif c.kind == "date":
            convs[name] = _check_date(name)
        else:
            convs[name] = _check_datetime(c)
    getters = {
        kind: _values_of(tuple(n for n, c in tc.columns.items() if c.kind == kind))
        for kind in ("str", "int", "bool", "datetime", "date")
    }
    names = tuple(tc.columns)
    return _RowCodec(
        tbl, convs, dict(tc.local), dict(tc.columns), sqlite, getters, names, _values_of(names)
    )


def _values_of(names: tuple[str, ...]) -> Callable[[dict[str, Any]], tuple[Any, ...]]:
    """A function giving a row's values of ``names`` as a tuple (KeyError if one is missing)."""
    if len(names) > 1:
        return operator.itemgetter(*names)
    if len(names) == 1:
        name = names[0]
        return lambda values: (values[name],)
    return lambda values: ()


@functools.lru_cache(maxsize=512)  # keyed by what clients send: bounded
def _insert_sql(tbl: str, cols: tuple[str, ...]) -> tuple[str, tuple[Any, ...]]:
    """INSERT of a new row with ``cols`` (plus the local fields' fills, as trailing values)."""
    local = codec(tbl).local
    names = ["id", *cols, *local]
    marks = ", ".join("?" for _ in names)
    sql = f"INSERT INTO {quote(tbl)} ({', '.join(quote(n) for n in names)}) VALUES ({marks})"
    return sql, tuple(local.values())


@functools.lru_cache(maxsize=512)  # keyed by what clients send: bounded
def _update_sql(tbl: str, cols: tuple[str, ...]) -> str:
    sets = ", ".join(f"{quote(c)} = ?" for c in cols)
    return f"UPDATE {quote(tbl)} SET {sets} WHERE id = ?"


@functools.lru_cache(maxsize=512)  # keyed by what clients send: bounded
def _select_sql(
    tbl: str, pg: bool, only: tuple[str, ...] | None = None
) -> tuple[str, tuple[str, ...]]:
    names = tuple(codec(tbl).columns) if only is None else only
    cond = "id = ANY(?)" if pg else "id IN (SELECT value FROM json_each(?))"
    cols = ", ".join(quote(n) for n in names)
    return f"SELECT id, {cols} FROM {quote(tbl)} WHERE {cond}", names


def _read_rows(
    sql: RawSql, tbl: str, ids: list[str], only: tuple[str, ...] | None = None
) -> Iterator[tuple[str, dict[str, Any]]]:
    """(id, storage values) of those of ``ids`` that exist: every column, or ``only`` these."""
    statement, names = _select_sql(tbl, sql.pg, only)
    for i in range(0, len(ids), 500):
        for row in sql.rows(statement, (sql.ids(ids[i : i + 500]),)):
            yield row[0], dict(zip(names, row[1:], strict=True))


_LOG_SINCE = (
    "SELECT seq, row_id, field, value, hlc, node_id, user_id FROM sync_log"
    " WHERE tbl = ? AND {ids} AND seq > ? AND node_id <> ? AND node_id <> ? ORDER BY seq"
)


class _BatchPush:
    """Applies one push batch with a handful of statements instead of ~8 per op.

    The batch is cut into *runs* of ops that touch distinct rows and cannot change who sees what
    (no users/teams, no foreign-key or ``owner_id`` field, no whole row over an existing one).
    A run is read with one query per table (rows) and one for the log after the ops' bases, and
    written with one ``executemany`` per table and statement shape; every other op goes through
    ``_Merge`` (the per-op path) between runs, on the database as it is by then. This gives each
    op the outcome the per-op path would give, because inside a run:

    - the rows an op reads are touched by no other op of the run;
    - visibility depends only on foreign keys and customer owners, which a run never writes
      (new rows are checked after the inserts; a child that refers to a row inserted later in
      the run ends the run first, so it is inserted before its parent, as op by op). Scope roots
      are resolved from the rows the batch already holds (``scopes.Known``: exactly what the
      database has — a row the per-op path touched is dropped from them and read again), the
      rest from the database;
    - the log entries a merge looks at are other nodes' (``node <> me``): this batch adds none
      (its own entries and scope entries are excluded), so one read before the batch serves all.

    Statements are raw SQL (``rawsql``), values converted per table and dialect (``_RowCodec``).
    Inserts go in one SAVEPOINT with the whole batch. If the database refuses anything
    (``IntegrityError``: a duplicate code, a missing parent) or a new row is outside the user's
    view, the savepoint is rolled back and the whole batch is redone op by op, so a bad op is
    rejected alone with its reason, exactly as before.
    """

    def __init__(self, store: Store, w: LogWriter, viewer: Viewer, batch: PushBatch) -> None:
        self.store = store
        self.w = w
        self.conn = w.conn
        self.sql = w.sql
        self.sqlite = not w.sql.pg
        self.viewer = viewer
        self.batch = batch
        self.node = batch.node
        self.viewers = load_viewers(w.conn)
        self.priors: dict[str, dict[str, Result]] = {}
        self.rows: dict[tuple[str, str], dict[str, Any]] = {}
        self.stale: set[tuple[str, str]] = set()
        self.log: dict[tuple[str, str], list[LogRow]] = {}
        self.codecs: dict[str, _RowCodec] = {}
        self.now: int | None = None  # the batch's clock reading (``_bulk``)
        self.present: set[tuple[str, str]] = set()  # rows of new-row ops that exist (``run``)
        # Positions of new-row ops the bulk path applied as sent, stamp unclamped: their op ids
        # are not kept in ``sync_ops`` (a replay is recognised by the row's insert entry).
        self.unrecorded: set[int] = set()

    # --- the batch ----------------------------------------------------------------------------
    def run(self) -> list[Result]:
        ops = self.batch.ops
        results: list[Result | None] = [None] * len(ops)
        # What is kept of an op for a replay in another batch, and why (``_keep_ids``):
        # - a new row applied as sent keeps no id: its insert entry, with the op's own stamp,
        #   stands for it (``_inserted``);
        # - a refusal of an op whose row is not on the server (``has_cur`` false: a new row
        #   refused, an edit of a row that is not there) is not kept: nothing of it is there,
        #   and sent again it is weighed again — with the new row it needed, when the laptop
        #   sends both again (so a row and its edits are answered alike, never the row applied
        #   while its edit is answered "the record does not exist");
        # - every other op keeps its id in ``sync_ops`` (an edit applied, merged or refused on a
        #   row that is there; a clamped or renumbered new row) and is answered from it.
        # So a new row whose row is not on the server was never applied (server rows are never
        # removed) and is not looked up at all: its id is not even derived (``protocol.op_id``).
        self.present = present = self._present(ops)
        legacy: dict[int, str] = {}  # protocol 2's ids of new rows whose row is here
        if present:
            for k, op in enumerate(ops):
                if op.f == INSERT_FIELD and (op.t, op.r) in present:
                    if not op.i:
                        ops[k] = op = op._replace(i=op_id(op))
                    legacy[k] = _legacy_op_id(op)
        ids = {op.i for op in ops if op.f != INSERT_FIELD or (op.t, op.r) in present}
        known: dict[str, str] = {}
        if ids:  # in any order: one parameter (``RawSql.ids``)
            sql = f"SELECT op_id, batch_id FROM sync_ops WHERE {self.sql.in_ids('op_id')}"
            asked = self.sql.ids(ids | set(legacy.values()))
            known = {str(r[0]): str(r[1]) for r in self.sql.rows(sql, (asked,))}
        inserted = self._inserted(present) if present else {}
        fresh: list[int] = []
        first: dict[str | tuple[str, str, int], int] = {}
        duplicates: list[tuple[int, int]] = []
        # An op is the same op if its id is; a new row without one: if table, row and stamp are.
        same = [op.i or (op.t, op.r, op.h) for op in ops]
        if not known and not inserted and len(set(same)) == len(ops):
            fresh = list(range(len(ops)))  # every op new, none twice (a batch as laptops send)
        else:
            for k, op in enumerate(ops):
                prior = self._known(op, known, legacy.get(k), inserted)
                if prior is not None:
                    results[k] = prior
                elif same[k] in first:
                    duplicates.append((k, first[same[k]]))  # the same op twice in one batch
                else:
                    first[same[k]] = k
                    fresh.append(k)
        # A savepoint of the driver's own (the SQL is the same on SQLite and PostgreSQL): the
        # per-op path's savepoints (``Connection.begin_nested``) nest inside it, each ended
        # before the next op. SQLAlchemy's own cost a statement compile per batch.
        self.sql.rows("SAVEPOINT push_bulk")
        seq0 = self.w.next_seq
        try:
            self._bulk(fresh, results)
        except (_Fallback, IntegrityError, DataError):
            self.sql.rows("ROLLBACK TO SAVEPOINT push_bulk")
            self.sql.rows("RELEASE SAVEPOINT push_bulk")
            self.w.next_seq = seq0
            self.w.buffer = []
            self.unrecorded.clear()
            self.viewers = load_viewers(self.conn)
            for k in fresh:
                results[k] = self._merge(ops[k]).run()
        else:
            self.sql.rows("RELEASE SAVEPOINT push_bulk")
        self.w.flush()
        for k, j in duplicates:
            results[k] = results[j]
        self._keep_ids(fresh, results, ids)
        assert all(r is not None for r in results)
        return [r for r in results if r is not None]

    def _known(
        self,
        op: WireOp,
        known: dict[str, str],
        legacy: str | None,
        inserted: dict[tuple[str, str, int], int],
    ) -> Result | None:
        """The earlier result of ``op``, if the server has one: kept under its id or protocol
        2's, or (a new row applied as sent) its row's insert entry; else None."""
        prior: Result | None = None
        if op.i in known:
            prior = self._prior(known[op.i], op.i)
        elif legacy is not None and legacy in known:
            kept = self._prior(known[legacy], legacy)
            prior = kept if isinstance(kept, int) else kept.model_copy(update={"i": op.i})
        if op.f != INSERT_FIELD:
            return prior
        entry = inserted.get((op.t, op.r, op.h))
        if entry is not None and isinstance(prior, OpResult) and prior.s == "rejected":
            # Refused (kept by a server before this one, which kept refused new rows) and
            # applied as sent since, when it was weighed again: the entry is the later answer.
            return entry
        return entry if prior is None else prior

    def _keep_ids(self, fresh: list[int], results: list[Result | None], ids: set[str]) -> None:
        """Keep the ids of the ops weighed now in ``sync_ops``, but those a replay is answered
        without (see ``run``)."""
        ops = self.batch.ops
        batch_id = self.batch.batch
        unrecorded = self.unrecorded
        recorded: list[tuple[str, str]] = []
        unlooked: list[tuple[str, str]] = []  # new rows whose row was not here: not looked up
        for k in fresh:
            if k in unrecorded:
                continue
            op = ops[k]
            if not op.i:  # the batch's stored answer names it (``Store.push``)
                ops[k] = op = op._replace(i=op_id(op))
            result = results[k]
            if isinstance(result, OpResult) and result.s == "rejected" and not result.has_cur:
                continue  # its row is not on the server: weighed again if sent again
            (recorded if op.i in ids else unlooked).append((op.i, batch_id))
        self.sql.many("INSERT INTO sync_ops (op_id, batch_id) VALUES (?, ?)", recorded)
        if unlooked:
            # A new row made now (clamped, renumbered …) whose id a server before this one kept
            # when it refused the row: this answer replaces that one.
            self.sql.many(
                "INSERT INTO sync_ops (op_id, batch_id) VALUES (?, ?)"
                " ON CONFLICT (op_id) DO UPDATE SET batch_id = excluded.batch_id",
                unlooked,
            )

    def _present(self, ops: list[WireOp]) -> set[tuple[str, str]]:
        """The rows of the batch's new-row ops that are on the server already."""
        tables = synced_tables()
        by_table: dict[str, set[str]] = {}
        for op in ops:
            if op.f == INSERT_FIELD and op.t in tables:
                by_table.setdefault(op.t, set()).add(op.r)
        present: set[tuple[str, str]] = set()
        for tbl, row_ids in by_table.items():
            sql = f"SELECT id FROM {quote(tbl)} WHERE {self.sql.in_ids('id')}"
            present.update((tbl, r[0]) for r in self.sql.rows(sql, (self.sql.ids(row_ids),)))
        return present

    def _inserted(self, keys: set[tuple[str, str]]) -> dict[tuple[str, str, int], int]:
        """(table, row id, stamp) → log sequence of these rows' insert entries written by this
        batch's node: a new-row op the bulk path applied as sent is recognised by its entry,
        which holds the op's own stamp (``unrecorded``: its op id is not kept in ``sync_ops``).
        An entry whose stamp the server clamped does not match; that op's id is kept instead."""
        by_table: dict[str, list[str]] = {}
        for tbl, row_id in keys:
            by_table.setdefault(tbl, []).append(row_id)
        sql = (
            "SELECT row_id, hlc, seq FROM sync_log WHERE tbl = ? AND"
            f" {self.sql.in_ids('row_id')} AND field = ? AND node_id = ?"
        )
        out: dict[tuple[str, str, int], int] = {}
        for tbl, row_ids in by_table.items():
            params = (tbl, self.sql.ids(sorted(row_ids)), INSERT_FIELD, self.node)
            for row_id, stamp, seq in self.sql.rows(sql, params):
                out[(tbl, str(row_id), int(stamp))] = int(seq)
        return out

    def _prior(self, batch_id: str, op_id: str) -> Result:
        by_op = self.priors.get(batch_id)
        if by_op is None:
            found = self.sql.rows(
                "SELECT response FROM sync_batches WHERE batch_id = ?", (batch_id,)
            )
            by_op = stored_results(found[0][0]) if found else {}
            self.priors[batch_id] = by_op
        result = by_op.get(op_id)
        if result is None:  # pragma: no cover
            return OpResult(i=op_id, s="rejected", reason="duplicate op id")
        return result

    # --- reading ahead ------------------------------------------------------------------------
    def _select(self, tbl: str, ids: list[str], only: tuple[str, ...] | None = None) -> None:
        """Read these rows (those that exist) into the row cache, as storage values: every
        column, or ``only`` these (``_narrow``)."""
        for row_id, values in _read_rows(self.sql, tbl, ids, only):
            self.rows[(tbl, row_id)] = values

    def _load_rows(self, keys: set[tuple[str, str]], inserts: set[tuple[str, str]]) -> None:
        """Rows that field ops change, read whole; rows that new-row ops make, checked for
        existence only (a new row over an existing one goes op by op and reads it itself)."""
        whole: dict[str, list[str]] = {}
        exist: dict[str, list[str]] = {}
        for tbl, row_id in keys:
            (exist if (tbl, row_id) in inserts else whole).setdefault(tbl, []).append(row_id)
        for tbl, row_ids in whole.items():
            self._select(tbl, sorted(row_ids), self._narrow(tbl))
        present = self.present  # read by ``run``, in this transaction
        for tbl, row_ids in exist.items():
            found = sorted(r for r in row_ids if (tbl, r) in present)
            if found:
                self._select(tbl, found)

    def _narrow(self, tbl: str) -> tuple[str, ...]:
        """The columns a field op of ``tbl`` in this batch can look at: the tombstone, the ones
        that decide who sees the row (owner, foreign keys), a contract's status, and the fields
        the batch's ops write. Reading only these halved reading the rows of an update batch
        (a row read whole is 22 Python values for a customer). An op that needs more — a whole
        row over an existing one — goes op by op and reads the row itself; a row a per-op op
        touched is read again whole (``_row``)."""
        cols = set(_scope_columns(tbl)) | {"is_deleted"}
        if tbl == "contracts":
            cols.add("status")
        cols.update(op.f for op in self.batch.ops if op.t == tbl and op.f != INSERT_FIELD)
        known = codec(tbl).columns
        return tuple(sorted(c for c in cols if c in known))

    def _load_log(self, keys: dict[tuple[str, str], int]) -> None:
        """Other nodes' log entries of these rows after the smallest base (per table)."""
        by_table: dict[str, list[str]] = {}
        for tbl, row_id in keys:
            by_table.setdefault(tbl, []).append(row_id)
        sql = _LOG_SINCE.format(ids=self.sql.in_ids("row_id"))
        for tbl, row_ids in by_table.items():
            base = min(keys[(tbl, r)] for r in row_ids)
            params = (tbl, self.sql.ids(sorted(row_ids)), base, SCOPE_NODE, self.node)
            for r in self.sql.rows(sql, params):
                self.log.setdefault((tbl, r[1]), []).append(
                    LogRow(int(r[0]), r[2], r[3], int(r[4]), r[5], r[6])
                )

    # --- the bulk path ------------------------------------------------------------------------
    def _merge(self, op: WireOp, now: int | None = None) -> _Merge:
        """The per-op merge of ``op`` (built only for what needs one: rights, plans, rejections)."""
        if not op.i:
            op = op._replace(i=op_id(op))
        return _Merge(self.store, self.w, self.viewer, self.viewers, self.node, op, now)

    def _bulk(self, fresh: list[int], results: list[Result | None]) -> None:
        ops = self.batch.ops
        tables = synced_tables()
        codecs = self.codecs
        todo: list[_Pending] = []  # the ops whose values are good, in op order
        keys: set[tuple[str, str]] = set()
        inserts: set[tuple[str, str]] = set()
        fields: set[tuple[str, str]] = set()
        checked = self._whole_rows_checked(fresh)
        if len(checked) == len(fresh) and self._one_run_of_new_rows(fresh, results):
            return
        for k in fresh:  # one pass: values checked, and the rows they touch
            op = ops[k]
            tbl = op.t
            rc = codecs.get(tbl)
            if rc is None:
                if tbl not in tables:
                    results[k] = OpResult(i=op_id(op), s="rejected", reason=f"unknown table {tbl}")
                    continue
                rc = codecs[tbl] = _row_codec(tbl, self.sqlite)
            made = op.f == INSERT_FIELD
            try:
                if made:
                    if k in checked:
                        values = op.v
                    elif type(op.v) is not dict:
                        raise ValueError("a new row must be an object")
                    else:
                        values = rc.convert(op.v)
                else:
                    values = {op.f: rc.field(op.f, op.v)}
            except ValueError as exc:
                merge = self._merge(op)
                existing = read_row(self.conn, tbl, op.r)  # for the laptop to revert to
                results[k] = merge._rejected(f"malformed change: {exc}", existing)
                continue
            key = (tbl, op.r)
            todo.append((k, op, key, values, None))
            keys.add(key)
            (inserts if made else fields).add(key)
        self._load_rows(keys, inserts - fields)
        rows = self.rows
        if rows:  # only rows that exist have a log to read
            bases: dict[tuple[str, str], int] = {}
            for _k, op, key, _values, _none in todo:
                if key in rows:
                    bases[key] = min(op.b, bases.get(key, op.b))
            if bases:
                self._load_log(bases)

        run: list[_Pending] = []
        touched: set[tuple[str, str]] = set()
        referenced: set[tuple[str, str]] = set()
        self.now = now = hlc.server_now()  # one clock reading for the batch's stamps (hlc.clamp)
        stale = self.stale
        active = self.viewer.active
        for k, op, key, values, _none in todo:
            tbl = op.t
            made = op.f == INSERT_FIELD
            if key in touched or (made and key in referenced):
                self._flush(run, results)
                run, touched, referenced = [], set(), set()
            existing = self._row(key) if key in stale else rows.get(key)
            # Can the op go in a run? It must not change who sees what: no users or teams, a
            # new row as a new row, a field op on an existing row but not of a scope column.
            if tbl in ADMIN_TABLES or (
                not made if existing is None else made or op.f in _scope_columns(tbl)
            ):
                self._flush(run, results)
                run, touched, referenced = [], set(), set()
                results[k] = self._merge(op, now).run()
                stale.add(key)
                rows.pop(key, None)
                continue
            if existing is None:
                if tbl in _CHECKED_TABLES or not active:
                    merge = self._merge(op, now)
                    try:
                        merge._check_rights(None, values)
                    except Rejected as exc:
                        results[k] = merge._rejected(exc.reason, None)
                        continue
                _add_references(referenced, tbl, values)
            run.append((k, op, key, values, existing))
            touched.add(key)
        self._flush(run, results)

    def _one_run_of_new_rows(self, fresh: list[int], results: list[Result | None]) -> bool:
        """A batch of new rows and nothing else (what a laptop sends after records were made
        offline), every one a whole row checked at once (``_whole_rows_checked``): if none is
        on the server or twice in the batch, none of a table whose new rows have more rights to
        check, the account is active and no row is referred to by an op before it, the loop of
        ``_bulk`` would make one run of all of them, in op order. It is made here without that
        loop's bookkeeping (a twentieth of such a batch on the server) and applied the same way
        (``_flush``). False: the loop decides, op by op. (A row on the server or twice in the
        batch would only fail on its primary key and have the batch redone op by op; they are
        looked for first to spare that attempt. A row referred to by an op before it must be
        looked for: the run writes a table's rows after its parents', so that earlier child
        would find its parent, which op by op it does not.)"""
        if not self.viewer.active or self.present:
            return False
        ops = self.batch.ops
        run: list[_Pending] = []
        keys: set[tuple[str, str]] = set()
        referenced: set[tuple[str, str]] = set()
        for k in fresh:
            op = ops[k]
            tbl = op.t
            key = (tbl, op.r)
            if tbl in _CHECKED_TABLES or key in keys or key in referenced:
                return False
            values = op.v
            _add_references(referenced, tbl, values)
            keys.add(key)
            run.append((k, op, key, values, None))
        self.now = hlc.server_now()
        self._flush(run, results)
        return True

    def _whole_rows_checked(self, fresh: list[int]) -> set[int]:
        """Positions of the new-row ops whose values are whole rows in storage form, checked
        table by table for all of them at once (``_RowCodec.plain_rows``); the others are
        checked op by op (``convert``)."""
        if not self.sqlite:
            return set()
        ops = self.batch.ops
        by_table: dict[str, list[int]] = {}
        for k in fresh:
            op = ops[k]
            if op.f == INSERT_FIELD and type(op.v) is dict:
                by_table.setdefault(op.t, []).append(k)
        checked: set[int] = set()
        tables = synced_tables()
        for tbl, positions in by_table.items():
            if tbl not in tables:
                continue
            rc = self.codecs.get(tbl)
            if rc is None:
                rc = self.codecs[tbl] = _row_codec(tbl, self.sqlite)
            if rc.plain_rows([ops[k].v for k in positions]):
                checked.update(positions)
        return checked

    def _row(self, key: tuple[str, str]) -> dict[str, Any] | None:
        if key in self.stale:
            self.stale.discard(key)
            self._select(key[0], [key[1]])
        return self.rows.get(key)

    def _flush(self, run: list[_Pending], results: list[Result | None]) -> None:
        if not run:
            return
        sql = self.sql
        cached = self.rows
        codecs = self.codecs
        # 1. new rows: one executemany per table (parents first) and column set. A whole row
        # (every column: what a laptop sends) goes in the codec's column order, whatever the
        # order of its keys; a partial one (server defaults fill the rest) in its own.
        # (table, columns or None for whole rows) → (statement, local fields' fills, the rows'
        # parameters one row after another: ``RawSql.many_flat``)
        groups: dict[
            tuple[str, tuple[str, ...] | None], tuple[str, tuple[Any, ...], list[Any]]
        ] = {}
        made: list[tuple[str, str]] = []
        partial: list[tuple[str, str]] = []
        for _k, op, key, values, existing in run:
            if existing is None:
                rc = codecs[op.t]
                if len(values) == len(rc.columns):  # keys ⊆ columns (``convert``): all of them
                    group = groups.get((op.t, None))
                    if group is None:
                        group = groups[(op.t, None)] = (*_insert_sql(op.t, rc.names), [])
                    flat = group[2]
                    flat.append(op.r)
                    flat += rc.take(values)
                else:
                    shape = (op.t, tuple(values))
                    group = groups.get(shape)
                    if group is None:
                        group = groups[shape] = (*_insert_sql(*shape), [])
                    flat = group[2]
                    flat.append(op.r)
                    flat += values.values()
                    partial.append(key)
                if group[1]:
                    flat += group[1]
                cached[key] = values
                made.append(key)
        order = _table_order()
        for (tbl, cols), (statement, fills, flat) in sorted(
            groups.items(), key=lambda g: order[g[0][0]]
        ):
            width = 1 + len(codecs[tbl].names if cols is None else cols) + len(fills)
            sql.many_flat(statement, flat, width)
        # 2. one visibility check: new rows after the inserts, existing ones (unchanged by a
        # run), scope roots taken from the rows this batch holds where it can
        if self.viewer.is_admin:
            visible = None
        else:
            visible = visible_rows(
                self.conn, self.viewer, self.viewers, [p[2] for p in run], cached
            )
            if not visible.issuperset(made):
                raise _Fallback("a new row is outside the user's view")
        # 3. merges into existing rows (planned in op order), then their writes in bulk
        writes_by: dict[tuple[str, tuple[str, ...]], list[tuple[Any, ...]]] = {}
        planned: dict[int, tuple[_Merge, _Plan]] = {}
        now = self.now
        assert now is not None
        if len(made) < len(run):
            for k, op, key, values, existing in run:
                if existing is None:
                    continue
                seen = visible is None or key in visible
                merge = self._merge(op, now)
                try:
                    merge._check_rights(existing, values, _seen if seen else _unseen)
                except Rejected as exc:
                    results[k] = merge._rejected(exc.reason, existing)
                    continue
                base = op.b
                others = [e for e in self.log.get(key, ()) if e.seq > base]
                plan = merge.plan(existing, values, others)
                planned[k] = (merge, plan)
                if plan.writes:
                    writes_by.setdefault((op.t, tuple(plan.writes)), []).append(
                        (*plan.writes.values(), op.r)
                    )
            for (tbl, cols), params in writes_by.items():
                sql.many(_update_sql(tbl, cols), params)
        # 4. log entries in op order (one executemany), results, and the row cache
        w = self.w
        user = self.viewer.user_id
        node = self.node
        for key in partial:  # server defaults filled the rest: read again when needed
            cached.pop(key, None)
            self.stale.add(key)
        if not planned and len(made) == len(run):  # new rows only: one entry per row
            seq = w.next_seq
            unrecorded = self.unrecorded
            entries: list[tuple[str, str, int]] = []
            for k, op, _key, _values, _none in run:
                # the stamp as ``_Merge`` clamps it (``hlc.clamp_to_server``)
                stamp = op.h
                if stamp > now:
                    stamp = now
                else:
                    unrecorded.add(k)
                entries.append((op.t, op.r, stamp))
                results[k] = seq
                seq += 1
            w.append_made_all(entries, node, user)
            return
        for k, op, key, _values, existing in run:
            if existing is None:
                results[k] = w.append_made(op.t, op.r, min(op.h, now), node, user)
                if op.h <= now:
                    self.unrecorded.add(k)
                continue
            done = planned.get(k)
            if done is None:
                continue  # rejected above
            merge, plan = done
            rc = codecs[op.t]
            last: int | None = None
            for fld, value in plan.writes.items():
                last = w.append(
                    op.t,
                    op.r,
                    fld,
                    rc.wire_value(fld, value),
                    merge.stamp,
                    node,
                    user,
                    conflict=plan.conflicts.get(fld),
                    buffered=True,
                )
            after = {**existing, **plan.writes}
            cached[key] = after
            if plan.status == "applied" and last is not None and not plan.conflicts:
                if plan.lost is None:
                    results[k] = last  # plainly applied: no OpResult (see reply_wire)
                    continue
            results[k] = merge.result(plan, last, functools.partial(dict, after))
        w.flush()


def _legacy_op_id(op: WireOp) -> str:
    """Protocol 2's derived id of a new-row op (a hash of table, row and stamp)."""
    return hashlib.sha256(f"{op.t}\x1f{op.r}\x1f{op.h}".encode()).hexdigest()[:32]


def _seen() -> bool:
    return True


def _unseen() -> bool:
    return False


@cache
def _table_order() -> dict[str, int]:
    return {t: i for i, t in enumerate(synced_tables())}


@cache
def _scope_columns(tbl: str) -> frozenset[str]:
    """Columns whose change may change who sees a row or its children."""
    table = synced_tables()[tbl]
    return frozenset({"owner_id", *(fk.parent.name for fk in table.foreign_keys)})


@cache
def _foreign_keys(tbl: str) -> tuple[tuple[str, str], ...]:
    table = synced_tables()[tbl]
    return tuple((fk.parent.name, fk.column.table.name) for fk in table.foreign_keys)


def _add_references(referenced: set[tuple[str, str]], tbl: str, values: dict[str, Any]) -> None:
    """Add the rows a new row of ``tbl`` with ``values`` refers to, as (table, id)."""
    for col, parent in _foreign_keys(tbl):
        ref = values.get(col)
        if ref is not None:
            referenced.add((parent, str(ref)))


def _integrity_reason(exc: IntegrityError | DataError) -> str:
    """Why the database refused a row, in the words reasons use (``DataError``: PostgreSQL
    checks what SQLite does not: a text longer than its column, a number out of its range)."""
    message = database_words(exc)
    lowered = message.lower()
    if isinstance(exc, DataError):
        if "too long" in lowered:
            return f"a value is longer than its field allows ({message})"
        if "out of range" in lowered or "overflow" in lowered:
            return f"a value is out of range ({message})"
        return f"the database refused it ({message})"
    if "unique" in lowered or "duplicate" in lowered:
        return duplicate_value_reason(message)  # the laptop words its own refusals alike
    if "foreign key" in lowered:
        return f"it refers to a record the server does not have ({message})"
    if "check" in lowered:
        return f"a value is out of range ({message})"
    if "not null" in lowered or "null value" in lowered:
        return f"a required value is missing ({message})"
    return f"the database refused it ({message})"


def new_batch_id() -> str:
    return new_id().replace("-", "")
