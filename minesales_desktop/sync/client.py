"""The laptop's sync client: hello → push the outbox in batches → pull pages → done.

The UI runs ``SyncClient.sync(progress, cancelled)`` on a worker; every step is committed as it
goes, so a cut link, a crash or a cancel resumes where it stopped:

- a push batch is read from the outbox without writing to it; an op leaves the queue only when
  its answer is applied (``sync_outbox.batch_id`` and ``acked_seq`` set, or the op removed). A
  retry of a request re-sends the very same batch (the server answers it from its stored
  answer); a batch whose answer never came is sent again at the next sync under a new batch id,
  and the server answers each op it applied before from its op id. An answer that takes every
  op as sent writes nothing: its acks are held in memory until the pull, which usually empties
  the outbox at once (``_held``); a laptop killed before then sends those ops again;
- each pulled page is applied together with its new cursor in one transaction;
- transport failures are retried with exponential backoff; an expired token is renewed with the
  stored credentials and the request repeated (every request is idempotent).

The client writes through its own engine on the same file: ``BEGIN IMMEDIATE`` transactions (two
writers never deadlock), foreign keys off (it only writes what the server already validated, and
a page may bring a child before the parent's scope grant), capture paused while applying.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import random
import re
import threading
import time
import uuid
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Literal, NamedTuple, TypeVar, cast

import httpx
from pydantic import BaseModel, ValidationError
from sqlalchemy import Connection, Engine, bindparam, event, text
from sqlalchemy.exc import IntegrityError, OperationalError, SQLAlchemyError

from minesales_desktop.db.engine import make_engine
from minesales_desktop.db.migrate import current_revision
from minesales_desktop.messages import translate
from minesales_desktop.sync import hlc
from minesales_desktop.sync.changes import (
    RENUMBERED,
    RENUMBERED_KIND,
    Pending,
    apply_row,
    capture_paused,
    decode_value,
    drop_subtree,
    encode_value,
    queued_rows_holding,
    refreshing_local_fields,
    row_exists,
    subtree_rows,
    write_fields,
)
from minesales_desktop.sync.protocol import (
    DEFAULT_PULL_LIMIT,
    MAX_BATCH_OPS,
    PUSH_WINDOW,
    Change,
    ErrorReply,
    Hello,
    HelloReply,
    OpResult,
    PullReply,
    PullRequest,
    PushReply,
    ResendReply,
    ResendRequest,
    TokenRequest,
    TokenResponse,
    compress,
    dumps,
    reply_results,
)
from minesales_desktop.sync.reasons import (
    NAME_NOT_FOUND,
    database_words,
    duplicate_value_reason,
    network_cause,
    server_error,
    server_status,
    server_unavailable,
    server_unreachable,
    unreadable_answer,
)
from minesales_desktop.sync.tables import INSERT_FIELD, REVOKE_FIELD, SILENT_FIELDS

log = logging.getLogger(__name__)
M = TypeVar("M", bound=BaseModel)
KEEP_ALL = 1 << 62
# Acknowledge an op: by outbox row *and* op id — a field edited again while its op was on its
# way holds a new op (new id) in the same row, which the answer does not acknowledge.
_ACK = "UPDATE sync_outbox SET acked_seq = ?, batch_id = ? WHERE id = ? AND op_id = ?"
# "Acknowledged past the cursor": ``batch_id`` is set together with ``acked_seq`` (``_ACK``,
# migration 0006), and ``batch_id >= ''`` (any text) reads the batch index, where ``acked_seq >
# ?`` alone or ``batch_id IS NOT NULL`` scanned the whole outbox: 5 ms with 20 000 ops queued,
# at the end of every sync that pushed them.
_ACKED_PAST = "SELECT EXISTS (SELECT 1 FROM sync_outbox WHERE batch_id >= '' AND acked_seq > ?)"
# An acknowledgement as ``_ACK`` takes it: (server seq, batch id, outbox id, op id).
_Ack = tuple[int, str, int, str]
# Inbox entries for reading only, with nothing to put back: a pulled change that could not be
# applied, a number the server moved on (putting the old one back would clash again).
READ_ONLY_CONFLICTS = frozenset({"apply", RENUMBERED_KIND})
# How an ``apply`` entry is closed once its row was asked for again (``_ask_again``).
RESENT = "resent"


# --- errors -----------------------------------------------------------------------------------
class SyncError(Exception):
    """Sync did not finish; the message is one sentence for the user. Nothing is lost."""


class SyncUnavailable(SyncError):
    """The server could not be reached (after retrying with backoff). ``cause``: why, as
    ``reasons.network_cause`` names it (``NAME_NOT_FOUND``: a mistyped address, or no network
    or VPN — systems say "no such host" for both), None for a server that answered busy."""

    def __init__(self, message: str, cause: str | None = None) -> None:
        super().__init__(message)
        self.cause = cause


class UpdateRequired(SyncError):
    """The server needs a newer (or older) MineSales; ``update_to`` names the version."""

    def __init__(self, message: str, update_to: str | None) -> None:
        super().__init__(message)
        self.update_to = update_to


class AuthFailed(SyncError):
    """Wrong login or password, or the account is disabled."""


class SyncCancelled(SyncError):
    pass


class BoundElsewhere(SyncError):
    """This database syncs as another account, or the server is not the one it syncs with (a
    different server, or one restored from an older backup): nothing was changed
    (``SyncClient._check_server``)."""


# --- data the UI shows ------------------------------------------------------------------------
@dataclass(frozen=True)
class Credentials:
    login: str
    password: str


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 6
    first_delay: float = 0.5
    max_delay: float = 30.0
    timeout: float = 60.0

    def delay(self, attempt: int) -> float:
        base = min(self.max_delay, self.first_delay * (2**attempt))
        return float(base * (0.5 + random.random() / 2))


@dataclass(frozen=True)
class SyncProgress:
    phase: Literal["hello", "push", "pull", "done"]
    done: int
    total: int | None
    message: str


class OpOutcome(NamedTuple):
    """What became of one op of a sync (``SyncReport.outcomes``). A named tuple: a push of
    10 000 customers + contacts makes 20 000 of them, at a third of a frozen dataclass's cost."""

    op_id: str
    table: str
    row_id: str
    field: str
    raw: str | None  # the value as the outbox held it (JSON text)
    status: str  # applied | merged | conflict | rejected
    won: bool | None
    reason: str | None

    @property
    def value(self) -> Any:
        return decode_value(self.raw)


@dataclass
class SyncReport:
    pushed: int = 0
    applied: int = 0
    merged: int = 0
    conflicts: int = 0
    rejected: int = 0
    pulled: int = 0
    round_trips: int = 0
    bytes_up: int = 0
    bytes_down: int = 0
    batches_sent: int = 0
    batches_resent: int = 0
    retries: int = 0
    seconds: float = 0.0
    cancelled: bool = False
    # Entries this sync filed in the conflict inbox: lost values at push and at pull, deletes
    # and renumbering notices (``conflicts`` counts push conflicts, also those this laptop won).
    inbox: int = 0
    outcomes: list[OpOutcome] = field(default_factory=list)


@dataclass(frozen=True)
class ConflictItem:
    id: str
    table: str
    row_id: str
    field: str
    kind: str  # value | delete | apply
    mine: Any
    theirs: Any
    their_user_id: str | None
    their_user_name: str | None
    their_time: dt.datetime
    my_time: dt.datetime
    detected_at: dt.datetime
    resolved: str | None


@dataclass(frozen=True)
class RejectedItem:
    op_id: str
    table: str
    row_id: str
    field: str
    value: Any
    reason: str
    made_at: dt.datetime
    rejected_at: dt.datetime


def _stamp_time(stamp: int) -> dt.datetime:
    return dt.datetime.fromtimestamp(hlc.physical_ms(stamp) / 1000, dt.UTC)


def _utc(value: Any) -> dt.datetime:
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    assert isinstance(value, dt.datetime)
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def _db_now() -> str:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")


def make_sync_engine(url: str) -> Engine:
    """An engine for the sync client's own transactions on the laptop file (see module doc)."""
    engine = make_engine(url)

    @event.listens_for(engine, "connect")
    def _setup(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=OFF")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


# --- queries the UI may call without a server -------------------------------------------------
def pending_count(conn: Connection) -> int:
    # ``batch_id IS NULL`` is "not acknowledged" (migration 0006): the count reads the batch
    # index, not the outbox rows with their values.
    return int(
        conn.execute(text("SELECT count(*) FROM sync_outbox WHERE batch_id IS NULL")).scalar_one()
    )


def prune_outbox(conn: Connection, cursor: int) -> None:
    """Drop the acknowledged ops the pull cursor has passed (their values are in the pulled
    state now). Run inside a write transaction (the sync engine begins each with ``BEGIN
    IMMEDIATE``), so that no edit is captured between the look and the delete.

    Usually, at the end of a sync, that is the whole outbox: then the table is cleared at once
    (SQLite's truncate, which frees its pages instead of deleting 20 000 rows one by one from the
    table and its indexes) without zeroing the freed pages (``secure_delete = FAST``). Their old
    content — values since changed, deleted or refused included — stays in the file's free pages
    until SQLite reuses them, as after every delete with the SQLite that Python ships on Windows;
    Debian's zeroes freed pages by default, which cost 35 ms more here for 20 000 ops. Otherwise
    (ops still queued, or acknowledged past the cursor) row by row."""
    assert conn.in_transaction(), "prune_outbox needs a write transaction"
    left = conn.exec_driver_sql(
        f"SELECT EXISTS (SELECT 1 FROM sync_outbox WHERE batch_id IS NULL) OR ({_ACKED_PAST})",
        (cursor,),
    ).scalar_one()
    if left:
        conn.exec_driver_sql(
            "DELETE FROM sync_outbox WHERE batch_id >= '' AND acked_seq <= ?", (cursor,)
        )
        return
    _clear_outbox(conn)


def _clock_stamp(conn: Connection) -> int:
    """The laptop's hybrid-logical-clock stamp: every capture moves it (``changes._NEXT_HLC``)."""
    return int(conn.exec_driver_sql("SELECT hlc FROM sync_state WHERE id = 1").scalar_one())


def _clear_outbox(conn: Connection) -> None:
    """Empty the outbox at once (``prune_outbox``), without zeroing the freed pages."""
    before = conn.exec_driver_sql("PRAGMA secure_delete").scalar_one()
    conn.exec_driver_sql("PRAGMA secure_delete = FAST")
    try:
        conn.exec_driver_sql("DELETE FROM sync_outbox")
    finally:
        conn.exec_driver_sql(f"PRAGMA secure_delete = {int(before)}")


def last_sync(conn: Connection) -> dt.datetime | None:
    value = conn.execute(text("SELECT last_sync_at FROM sync_state WHERE id = 1")).scalar()
    return None if value is None else _utc(value)


class OutOp(NamedTuple):
    """One outbox op as pushed (``protocol.Op`` on the wire, see ``push_body``)."""

    k: int  # sync_outbox.id
    i: str
    t: str
    r: str
    f: str
    raw: str | None  # the value as JSON text, as the capture trigger wrote it
    h: int
    b: int

    @property
    def v(self) -> Any:
        return decode_value(self.raw)


class _Compressed(NamedTuple):
    """A request body that is JSON compressed with zstd already (``_take``)."""

    data: bytes


class _Batch(NamedTuple):
    batch_id: str
    ops: list[OutOp]
    body: bytes  # the push request, zstd-compressed


_PLAIN = re.compile(r"[A-Za-z0-9_.*:-]*")


def _jstr(value: str) -> str:
    """A JSON string literal (ids, table and field names are plain: no escaping needed)."""
    if _PLAIN.fullmatch(value):
        return f'"{value}"'
    return json.dumps(value, ensure_ascii=False)


def push_body(
    node: str,
    schema: str,
    batch_id: str,
    ops: list[OutOp],
    after: str | None = None,
    session: int | None = None,
    pull: tuple[int, int] | None = None,
) -> bytes:
    """The JSON of a ``PushRequest``, written straight from the outbox rows: a value goes as the
    JSON text the trigger stored (parsing and re-serialising 500 rows was most of the client's
    time per batch). A new row goes without its op id (the server derives it from table, row and
    stamp, ``protocol.derived_op_id``): the random part of an op id does not compress.

    Op ids, tables, row ids and fields are plain (``_PLAIN``: nothing to escape) in every batch
    the app makes; that is checked once for the whole batch, on their concatenation, and then
    each op is one f-string (a call of ``_jstr`` per name was a third of writing a batch). A
    batch with anything else is written name by name."""
    if _PLAIN.fullmatch("".join([f"{op.i}{op.t}{op.r}{op.f}" for op in ops])):
        parts = [
            f'{{"t":"{op.t}","r":"{op.r}","f":"*",'
            f'"v":{"null" if op.raw is None else op.raw},"h":{op.h},"b":{op.b}}}'
            if op.f == INSERT_FIELD
            else f'{{"i":"{op.i}","t":"{op.t}","r":"{op.r}","f":"{op.f}",'
            f'"v":{"null" if op.raw is None else op.raw},"h":{op.h},"b":{op.b}}}'
            for op in ops
        ]
    else:
        parts = []
        for op in ops:
            value = "null" if op.raw is None else op.raw
            head = "{" if op.f == INSERT_FIELD else f'{{"i":{_jstr(op.i)},'
            parts.append(
                f'{head}"t":{_jstr(op.t)},"r":{_jstr(op.r)},"f":{_jstr(op.f)},"v":{value},'
                f'"h":{op.h},"b":{op.b}}}'
            )
    follows = "" if after is None else f'"after":{_jstr(after)},'
    if session is not None:
        follows += f'"session":{int(session)},'
    if pull is not None:
        follows += f'"pull":{{"cursor":{int(pull[0])},"limit":{int(pull[1])}}},'
    return (
        f'{{"node":{_jstr(node)},"schema":{_jstr(schema)},"batch":{_jstr(batch_id)},{follows}'
        f'"ops":[{",".join(parts)}]}}'
    ).encode()


class SyncClient:
    """Syncs one laptop database with one server on behalf of one user."""

    def __init__(
        self,
        engine: Engine,
        server_url: str,
        credentials: Credentials,
        *,
        retry: RetryPolicy | None = None,
        batch_size: int = MAX_BATCH_OPS,
        pull_limit: int = DEFAULT_PULL_LIMIT,
        clock: Callable[[], int] = hlc.wall_ms,
        schema: str | None = None,
        verify: bool | str = True,
        sleep: Callable[[float], None] = time.sleep,
        window: int = PUSH_WINDOW,
    ) -> None:
        if engine.dialect.name != "sqlite" or not engine.url.database:
            raise ValueError("the sync client works on a local SQLite database file")
        self.db = make_sync_engine(engine.url.render_as_string(hide_password=False))
        self.server_url = server_url.rstrip("/")
        self.credentials = credentials
        self.retry = retry or RetryPolicy()
        self.batch_size = max(1, min(batch_size, MAX_BATCH_OPS))
        # Push batches in flight at once: this, or the server's ``HelloReply.window`` if lower.
        self.window = max(1, window)
        self._server_window = 1
        self._session: int | None = None  # this sync's, from its hello (servers before: None)
        self.pull_limit = max(1, pull_limit)  # the server asks for at least one
        self.clock = clock
        self.sleep = sleep
        self.schema = schema or current_revision(self.db) or ""
        self.http = httpx.Client(
            base_url=self.server_url,
            timeout=self.retry.timeout,
            verify=verify,
            headers={"Accept-Encoding": "zstd, gzip", "User-Agent": "MineSales-sync"},
        )
        self.token: str | None = None
        self.user_id: str | None = None
        self._sent_batches: set[str] = set()
        self._last_exchange: tuple[int, int] = (0, 0)  # clock at the last request and answer
        # Push batches travel on threads of their own (``_push_all``): the counters of a report
        # and the sign-in are shared by them.
        self._lock = threading.Lock()
        self._sign_in = threading.Lock()
        # Sender threads of a push that stopped (cancelled, an error) with requests still on
        # their way: the next sync waits for them before it starts (``_settle``).
        self._leftover: list[threading.Thread] = []
        self._sign_in_refused: tuple[str | None, AuthFailed] | None = None  # this sync's
        # Acknowledgements of this sync not written yet (``_apply_push``), and the laptop's
        # clock stamp when its push began (``_quiet``).
        self._held: list[_Ack] = []
        self._quiet_mark: int | None = None
        # The pull cursor while pushing, and the first pull page that came with the answer to
        # the push's last batch (``PushRequest.pull``): one round trip less per sync.
        self._push_cursor = 0
        self._early_page: PullReply | None = None
        self._no_resend: str | None = None  # a server that answered /sync/resend 404

    def close(self) -> None:
        self.http.close()
        self.db.dispose()

    def __enter__(self) -> SyncClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- what the UI shows ------------------------------------------------------------------
    def pending_count(self) -> int:
        with self.db.connect() as conn:
            return pending_count(conn)

    def last_sync(self) -> dt.datetime | None:
        with self.db.connect() as conn:
            return last_sync(conn)

    def node_id(self) -> str:
        return self._ensure_node()

    def conflicts(self, *, include_resolved: bool = False) -> list[ConflictItem]:
        sql = (
            "SELECT c.id, c.tbl, c.row_id, c.field, c.kind, c.mine_value, c.theirs_value,"
            " c.theirs_user_id, u.full_name, c.theirs_hlc, c.mine_hlc, c.detected_at,"
            " c.resolution FROM sync_conflicts c LEFT JOIN users u ON u.id = c.theirs_user_id"
        )
        if not include_resolved:
            sql += " WHERE c.resolved_at IS NULL"
        sql += " ORDER BY c.detected_at, c.id"
        with self.db.connect() as conn:
            return [
                ConflictItem(
                    id=r[0],
                    table=r[1],
                    row_id=r[2],
                    field=r[3],
                    kind=r[4],
                    mine=decode_value(r[5]),
                    theirs=decode_value(r[6]),
                    their_user_id=r[7],
                    their_user_name=r[8],
                    their_time=_stamp_time(int(r[9])),
                    my_time=_stamp_time(int(r[10])),
                    detected_at=_utc(r[11]),
                    resolved=r[12],
                )
                for r in conn.execute(text(sql))
            ]

    def resolve_conflict(self, conflict_id: str, keep: Literal["mine", "theirs"]) -> None:
        """Close a conflict. ``mine`` writes the losing value back as a new local edit (captured,
        so the next sync pushes it on top of the current server value)."""
        if keep not in ("mine", "theirs"):
            raise ValueError("keep must be 'mine' or 'theirs'")
        with self.db.begin() as conn:
            row = conn.execute(
                text(
                    "SELECT tbl, row_id, field, kind, mine_value FROM sync_conflicts WHERE id = :i"
                ),
                {"i": conflict_id},
            ).first()
            if row is None:
                raise KeyError(conflict_id)
            tbl, row_id, fld, kind, mine = row
            readable_only = kind in READ_ONLY_CONFLICTS
            if keep == "mine" and not readable_only and row_exists(conn, tbl, row_id):
                # A kept name or phone changes the customer's search keys (local fields).
                with refreshing_local_fields(conn, [(tbl, row_id, fld)]):
                    if kind == "delete":
                        write_fields(conn, tbl, row_id, {"is_deleted": 1})
                    elif fld != INSERT_FIELD:
                        write_fields(conn, tbl, row_id, {fld: decode_value(mine)})
            conn.execute(
                text("UPDATE sync_conflicts SET resolved_at = :t, resolution = :k WHERE id = :i"),
                {"t": _db_now(), "k": keep, "i": conflict_id},
            )

    def rejected_changes(self, *, include_dismissed: bool = False) -> list[RejectedItem]:
        sql = "SELECT op_id, tbl, row_id, field, value, reason, hlc, rejected_at FROM sync_rejected"
        if not include_dismissed:
            sql += " WHERE dismissed = 0"
        sql += " ORDER BY rejected_at, op_id"
        with self.db.connect() as conn:
            return [
                RejectedItem(
                    op_id=r[0],
                    table=r[1],
                    row_id=r[2],
                    field=r[3],
                    value=decode_value(r[4]),
                    reason=r[5],
                    made_at=_stamp_time(int(r[6])),
                    rejected_at=_utc(r[7]),
                )
                for r in conn.execute(text(sql))
            ]

    def dismiss_rejected(self, op_id: str) -> None:
        with self.db.begin() as conn:
            conn.execute(
                text("UPDATE sync_rejected SET dismissed = 1 WHERE op_id = :i"), {"i": op_id}
            )

    # --- the sync ---------------------------------------------------------------------------
    def sync(
        self,
        progress: Callable[[SyncProgress], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> SyncReport:
        """One full sync. Raises ``SyncError`` subclasses; whatever was done stays done."""
        report = SyncReport()
        started = time.monotonic()
        inbox_mark = self._inbox_mark()
        notify = progress or (lambda _p: None)
        stop = cancelled or (lambda: False)
        self._settle()
        self._sign_in_refused = None
        try:
            node = self._ensure_node()
            notify(SyncProgress("hello", 0, None, "Contacting the server"))
            hello = self._hello(node, report)
            total = self.pending_count()
            notify(SyncProgress("push", 0, total, "Sending changes"))
            self._early_page = None
            pushed = self._push_all(node, report, total, notify, stop)
            self._process_pending_revokes()
            asked = self._ask_again(node, report, inbox_mark)
            # Pull if hello said so, or if we pushed: scopes and other laptops may have moved
            # while we were pushing (a no-op sync stays one round trip).
            if hello.pull or pushed or asked.logged:
                pulled = 0
                cursor = self._cursor()
                # The first page came with the push's last answer (``PushRequest.pull``), if
                # that batch asked from this very cursor and the server knows the field.
                early, self._early_page = self._early_page, None
                if cursor != self._push_cursor:
                    early = None
                # Rows asked for again were logged after that page was read: one pull more.
                again = asked.logged > 0 and early is not None
                while True:
                    if stop():
                        raise SyncCancelled(translate("Sync", "Sync was cancelled."))
                    if early is not None:
                        page, early = early, None
                    else:
                        again = False  # this page is read after the rows were logged again
                        page = self._post(
                            "/sync/pull",
                            PullRequest(
                                node=node, schema=self.schema, cursor=cursor, limit=self.pull_limit
                            ),
                            PullReply,
                            report,
                        )
                    refused = self._apply_page(node, page)
                    report.rejected += len(refused)
                    report.outcomes.extend(refused)
                    pulled += len(page.changes)
                    report.pulled += len(page.changes)
                    cursor = page.cursor
                    notify(SyncProgress("pull", pulled, None, "Receiving changes"))
                    if not page.more:
                        if again:
                            again = False
                            continue
                        break
            if asked.ids:
                self._close_asked(asked.ids)
            self._finish(None)
            report.inbox = self._filed_after(inbox_mark)
        except SyncCancelled:
            report.cancelled = True
            self._finish("cancelled")
            report.inbox = self._filed_after(inbox_mark)
        except SyncError as exc:
            self._finish(str(exc))
            raise
        except OperationalError as exc:
            if not _file_unavailable(exc):
                raise
            log.warning("the sync stopped on this computer's database: %s", exc)
            message = translate(
                "Sync",
                "The database on this computer is locked by another program or cannot be"
                " written, so the sync stopped. Nothing is lost: sync again once it is free.",
            )
            self._finish(message)
            raise SyncError(message) from exc
        finally:
            self._write_held()  # a sync that stopped before its pull
            report.seconds = time.monotonic() - started
        notify(SyncProgress("done", report.pushed, report.pushed, "Sync finished"))
        return report

    # --- steps ------------------------------------------------------------------------------
    def _push_all(
        self,
        node: str,
        report: SyncReport,
        total: int,
        notify: Callable[[SyncProgress], None],
        stop: Callable[[], bool],
    ) -> int:
        """Push the outbox batch by batch, in capture order; returns how many ops were pushed.

        Up to ``window`` batches are in flight at once, each on a thread of its own (a server
        before protocol windows says 1): batch N + 1 is sent without waiting for N's answer and
        names N as the batch it follows, and the server applies them in that order whichever
        arrives first (``server.app._Sequence``). On a satellite link this keeps the link busy
        instead of idle for a round trip per batch; on a fast one the laptop's work (reading the
        next batch from the outbox and compressing it, applying answers) overlaps the server's.
        Answers are applied in order on one more thread. Reading a batch writes nothing; an op
        stays in the queue until its answer is applied, so ops sent but not acknowledged (the
        sync stopped, the link failed, an answer could not be applied) are simply sent again at
        the next sync, where the server answers them from their op ids.

        A cut request is sent again by its own thread (``_send`` retries) while the later
        batches wait on the server for it, so a cut costs that one batch. If the server refuses
        a batch's predecessor or it never arrives, the batch is answered 409 ``out_of_order``
        and sent again once the predecessor is answered.
        """
        window = max(1, min(self.window, self._server_window))
        pushed = 0
        applying: list[Future[None]] = []
        failed: list[BaseException] = []

        def apply(ops: list[OutOp], reply: PushReply) -> None:
            # Answers are applied in order or not at all: once one could not be applied, the
            # later ones are left too (their ops stay queued and are sent again next time, where
            # the server answers them from their op ids in the same order).
            if failed:
                return
            try:
                self._apply_push(node, ops, reply, report)
            except OperationalError as exc:  # the laptop file is locked or full
                failed.append(exc)
                raise SyncError(
                    translate(
                        "Sync", "The sync answer could not be saved on this computer: {error}"
                    ).format(error=exc.orig)
                ) from exc
            except BaseException as exc:
                failed.append(exc)
                raise

        # Set when this push stops: its requests still in flight stop retrying and are never
        # sent again (their ops stay queued for the next sync, which waits for them first).
        abandoned = threading.Event()

        def send(batch: _Batch, before: Future[PushReply] | None) -> PushReply:
            message = _Compressed(batch.body)
            try:
                return self._post(
                    "/sync/push", message, PushReply, report, batch.batch_id, abandoned
                )
            except _OutOfOrder:
                if before is None:
                    raise SyncError(server_status(409)) from None
                before.result()  # the predecessor is stored now (or the push stops with it)
                if abandoned.is_set():
                    raise SyncCancelled(translate("Sync", "Sync was cancelled.")) from None
                return self._post(
                    "/sync/push", message, PushReply, report, batch.batch_id, abandoned
                )

        senders: list[threading.Thread] = []
        finished = False
        try:
            with ThreadPoolExecutor(max_workers=1, thread_name_prefix="sync-push") as worker:
                in_flight: deque[tuple[_Batch, Future[PushReply]]] = deque()
                last: Future[PushReply] | None = None
                self._held = []
                self._quiet_mark = self._stamp()  # before the first read: see ``_quiet``
                self._push_cursor = self._cursor()  # no page is applied while pushing
                early: PullReply | None = None
                nxt = self._take(node, 0, None)
                while nxt is not None or in_flight:
                    while nxt is not None and len(in_flight) < window:
                        if stop():
                            raise SyncCancelled(translate("Sync", "Sync was cancelled."))
                        batch = nxt
                        last = _in_thread(senders, send, batch, last)
                        in_flight.append((batch, last))
                        follows = batch.batch_id if window > 1 else None
                        nxt = self._take(node, batch.ops[-1].k, follows)
                    batch, answer = in_flight.popleft()
                    reply = answer.result()
                    early = reply.page  # the last answer's page, if it brought one
                    applying.append(worker.submit(apply, batch.ops, reply))
                    pushed += len(batch.ops)
                    if nxt is not None or in_flight:  # the last: once every answer is applied
                        notify(SyncProgress("push", pushed, max(total, pushed), "Sending changes"))
                    while applying and (applying[0].done() or failed):
                        applying.pop(0).result()  # an answer that could not be applied stops
                for done in applying:
                    done.result()
                if pushed:  # all sent, every answer applied: what a caller sees once done
                    notify(SyncProgress("push", pushed, max(total, pushed), "Sending changes"))
                self._early_page = early
            finished = True
        finally:
            if not finished:
                # Requests still in flight end on their own (their answers are not applied:
                # those ops are sent again next time) without retrying; the next sync waits
                # for them, so no request of this push is on the wire during a later one.
                abandoned.set()
                self._leftover.extend(t for t in senders if t.is_alive())
        return pushed

    def _ask_again(self, node: str, report: SyncReport, mark: int) -> _Asked:
        """Ask the server to log again the rows of the ``apply`` entries filed before this sync
        (``mark``) and still open: pulled rows this laptop could not apply, most often because
        they clashed with one of its own edits still queued then (two reps gave one USCC to two
        customers offline, the edit and the pulled row meeting at pull, not at push). The
        cursor went past them, so without this the laptop would lack them for good — also
        their later changes. The edit has been pushed since and refused or taken back, so the
        rows now apply; the next pull brings them as they are now (``ResendRequest``).

        A row is asked for once: entries closed by an ask are marked ``resent``, and a row that
        clashes again files an entry that stays open for a person (no request at every sync).
        The step is best-effort: a server before this request (404, remembered for this server
        while the app runs) or any other failure but a sign-in or version refusal leaves the
        entries open and the sync goes on to its pull. Returns the entries asked for (closed by
        ``_close_asked`` once the pull is done) and how many rows the server logged."""
        if self._no_resend == self.server_url:
            return _Asked([], 0)
        with self.db.connect() as conn:
            found = conn.execute(
                text(
                    "SELECT c.id, c.tbl, c.row_id FROM sync_conflicts c WHERE c.kind = 'apply'"
                    " AND c.resolved_at IS NULL AND c.rowid <= :m AND NOT EXISTS (SELECT 1"
                    " FROM sync_conflicts p WHERE p.kind = 'apply' AND p.resolution = :r"
                    " AND p.tbl = c.tbl AND p.row_id = c.row_id) ORDER BY c.rowid LIMIT :n"
                ),
                {"m": mark, "r": RESENT, "n": MAX_BATCH_OPS},
            ).all()
        if not found:
            return _Asked([], 0)
        rows = list(dict.fromkeys((str(r[1]), str(r[2])) for r in found))
        try:
            answer = self._post(
                "/sync/resend",
                ResendRequest(node=node, schema=self.schema, rows=rows),
                ResendReply,
                report,
            )
        except _NotFound:
            log.info("the server cannot log rows again (an older version); entries stay open")
            self._no_resend = self.server_url
            return _Asked([], 0)
        except (AuthFailed, UpdateRequired, SyncCancelled):
            raise
        except SyncError as exc:
            log.warning("rows could not be asked for again (%s); entries stay open", exc)
            return _Asked([], 0)
        return _Asked([str(r[0]) for r in found], answer.logged)

    def _close_asked(self, entry_ids: list[str]) -> None:
        """Close the ``apply`` entries whose rows were asked for again and pulled (``resent``):
        the laptop holds the server's row now, or the row clashed again and filed a new entry,
        or the server had nothing to send (the row is gone, or no longer the user's)."""
        with self.db.begin() as conn:
            conn.execute(
                text(
                    "UPDATE sync_conflicts SET resolved_at = :t, resolution = :r"
                    " WHERE id IN :ids AND resolved_at IS NULL"
                ).bindparams(bindparam("ids", expanding=True)),
                {"t": _db_now(), "r": RESENT, "ids": entry_ids},
            )

    def _inbox_mark(self) -> int:
        """Where the conflict inbox ends now (its last rowid: entries are never deleted, so
        rowids only grow — unlike ``detected_at``, which follows the laptop's clock)."""
        with self.db.connect() as conn:
            found = conn.execute(text("SELECT coalesce(max(rowid), 0) FROM sync_conflicts"))
            return int(found.scalar_one())

    def _filed_after(self, mark: int) -> int:
        """Conflict-inbox entries filed after ``mark`` (``_inbox_mark``), closed ones included.
        Only counted for the message: a locked file leaves it at 0 rather than fail the sync."""
        try:
            with self.db.connect() as conn:
                found = conn.execute(
                    text("SELECT count(*) FROM sync_conflicts WHERE rowid > :m"), {"m": mark}
                )
                return int(found.scalar_one())
        except OperationalError as exc:
            log.warning("could not count the new inbox entries: %s", exc)
            return 0

    def _settle(self) -> None:
        """Wait for the requests a stopped push left on their way (see ``_push_all``): a batch
        of an earlier sync must not reach the server after this sync's changes."""
        while self._leftover:
            self._leftover.pop().join()

    def _take(self, node: str, after: int, follows: str | None) -> _Batch | None:
        """The next batch after outbox row ``after``, ready to send (written and compressed);
        ``follows``: the batch sent before it, if several are in flight."""
        ops = self._next_batch(after, self.batch_size + 1)
        if not ops:
            return None
        # Nothing after this batch (one more row was read to know): it asks for the first pull
        # page to come back with its answer. Should more be captured meanwhile, the batch after
        # it asks again, and only the page of the push's last answer is used (``_push_all``).
        last = len(ops) <= self.batch_size
        ops = ops[: self.batch_size]
        pull = (self._push_cursor, self.pull_limit) if last else None
        batch_id = uuid.uuid4().hex
        body = push_body(node, self.schema, batch_id, ops, follows, self._session, pull)
        return _Batch(batch_id, ops, compress(body, "zstd"))

    def _ensure_node(self) -> str:
        with self.db.begin() as conn:
            node = conn.execute(text("SELECT node_id FROM sync_state WHERE id = 1")).scalar()
            if node is None:
                node = uuid.uuid4().hex
                conn.execute(
                    text(
                        "UPDATE sync_state SET node_id = :n, server_url = :u, user_login = :l"
                        " WHERE id = 1"
                    ),
                    {"n": node, "u": self.server_url, "l": self.credentials.login},
                )
            return str(node)

    def _check_server(self, hello: HelloReply) -> None:
        """After ``hello``, before anything is written or sent: is this the server, and the
        account, this database syncs with? A laptop database holds one account's records and
        queued changes (``sync_state.user_login``, recorded at the first sync). Synced as another
        account, the server refuses what that one may not change and the laptop takes those
        changes back; synced with another server, every record referring to rows it lacks is
        refused the same way. So the sync is refused, nothing changed, if

        - the server holds fewer changes than the laptop has already pulled (``head`` below the
          cursor: another server, or one restored from an older backup), or
        - once the laptop has pulled, the account the server signed in is not the one the
          laptop holds under the recorded login (compared by id: every server makes its own):
          another account of this server, or another server.

        The recorded login follows the account: a login the administrator renamed (same id), or
        a first sync whose sign-in failed (a mistyped login the laptop never got an account
        for), is recorded anew. So is the address of a server that passes (it moved)."""
        with self.db.connect() as conn:
            state = conn.execute(
                text("SELECT cursor, server_url, user_login FROM sync_state WHERE id = 1")
            ).one()
            cursor, bound_url, bound_login = int(state[0]), state[1], state[2]
            bound_id = known = None
            if cursor > 0 and bound_login is not None:
                bound_id = conn.execute(
                    text("SELECT id FROM users WHERE login = :l"), {"l": str(bound_login).strip()}
                ).scalar()
                known = conn.execute(
                    text("SELECT login FROM users WHERE id = :i"), {"i": hello.user_id}
                ).scalar()
        login = self.credentials.login.strip()
        if cursor > hello.head:
            raise BoundElsewhere(
                translate(
                    "Sync",
                    "The server at {server} has fewer changes ({head}) than this computer has"
                    " already received ({cursor}): it is not the server this database syncs"
                    " with, or it was restored from an older backup. Nothing was changed;"
                    " please tell IT.",
                ).format(server=self.server_url, head=hello.head, cursor=cursor)
            )
        if bound_id is not None and str(bound_id) != hello.user_id:
            if known is not None:  # an account of this very server: another person's
                raise BoundElsewhere(
                    translate(
                        "Sync",
                        "This database syncs as {bound}, not as {login}. Nothing was changed:"
                        " sign in as {bound}, or use a database of your own for {login}.",
                    ).format(bound=str(bound_login).strip(), login=login)
                )
            raise BoundElsewhere(
                translate(
                    "Sync",
                    "The account {login} at {server} is not the account {bound} this database"
                    " holds: it is another server, or this database was set up apart from it."
                    " Nothing was changed; check the server address in the sync settings, or"
                    " ask IT.",
                ).format(login=login, server=self.server_url, bound=str(bound_login).strip())
            )
        if bound_url != self.server_url or bound_login != login:
            with self.db.begin() as conn:
                conn.execute(
                    text("UPDATE sync_state SET server_url = :u, user_login = :l WHERE id = 1"),
                    {"u": self.server_url, "l": login},
                )

    def _cursor(self) -> int:
        with self.db.connect() as conn:
            cursor = conn.execute(text("SELECT cursor FROM sync_state WHERE id = 1")).scalar_one()
            return int(cursor)

    def _hello(self, node: str, report: SyncReport) -> HelloReply:
        reply = self._post(
            "/sync/hello",
            Hello(node=node, schema=self.schema, cursor=self._cursor(), client_ms=self.clock()),
            HelloReply,
            report,
        )
        self._check_server(reply)  # before the clock is learnt from it
        # The exchange that answered, not the whole call: a sign-in or a retry with backoff
        # before it would move the midpoint by its own duration.
        sent, received = self._last_exchange
        # The server's clock, as seen half a round trip ago, minus ours: what to add to stamps.
        offset = reply.server_ms - (sent + received) // 2
        with self.db.begin() as conn:
            # Reset the clock to corrected time even if it ran ahead (a clock that was days fast
            # must not keep stamping the future); ordering of our own edits is kept by op order.
            conn.execute(
                text("UPDATE sync_state SET clock_offset_ms = :o, hlc = :h WHERE id = 1"),
                {"o": offset, "h": hlc.pack(received + offset)},
            )
        self.user_id = reply.user_id
        self._server_window = max(1, reply.window)
        self._session = reply.session
        return reply

    def _next_batch(self, after: int = 0, limit: int | None = None) -> list[OutOp]:
        """Up to ``limit`` (``batch_size``) unacknowledged ops after outbox row ``after``, in
        capture order (a read: nothing is written until the answer is applied)."""
        with self.db.connect() as conn:
            cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
            try:  # the driver's rows as they are: 500 SQLAlchemy Rows cost a millisecond
                rows = cursor.execute(
                    "SELECT id, op_id, tbl, row_id, field, value, hlc, base_seq FROM sync_outbox"
                    " WHERE batch_id IS NULL AND id > ? ORDER BY id LIMIT ?",
                    (after, limit or self.batch_size),
                ).fetchall()
            finally:
                cursor.close()
        # Plain tuples, not pydantic ``Op``s: these come from our own outbox, so validating them
        # is pure overhead; the server validates what it receives.
        return [OutOp(*r) for r in rows]

    def _apply_push(
        self, node: str, ops: list[OutOp], reply: PushReply, report: SyncReport
    ) -> None:
        try:
            results = reply_results(reply)
            if len(results) != len(ops):
                raise ValueError(f"{len(results)} results for {len(ops)} ops")
        except ValueError as exc:
            raise SyncError(unreadable_answer(exc)) from None
        batch_id = reply.batch
        # New rows of a lot or quote table: their answers are always written (``make_room``).
        renumbered = any(op.f == INSERT_FIELD and op.t in RENUMBERED for op in ops)
        if not reply.results and not renumbered:
            # Every op plainly applied, none a lot or quote number (nearly every batch):
            # nothing to write, and the acks are held (``_held``). Done with as little Python
            # per op as can be: this runs while the next batches' requests wait for the GIL.
            seqs = cast("list[int]", results)  # only applied runs: every result is a seq
            report.pushed += len(ops)
            report.applied += len(ops)
            report.outcomes.extend(
                [OpOutcome(op.i, op.t, op.r, op.f, op.raw, "applied", None, None) for op in ops]
            )
            self._held.extend(
                [(seq, batch_id, op.k, op.i) for seq, op in zip(seqs, ops, strict=True)]
            )
            return
        now = _db_now()
        acked: list[_Ack] = []
        dropped: list[tuple[int, str]] = []
        rejected: list[tuple[Any, ...]] = []
        reverts: list[tuple[OutOp, OpResult, frozenset[str]]] = []
        conflicts: list[tuple[OutOp, OpResult]] = []
        taken_as_sent: list[OutOp] = []  # new rows of renumbered tables, applied as sent
        outcomes = report.outcomes
        report.pushed += len(ops)
        # Fields the server took from this batch, by row: a row the answer carries for an
        # earlier op of the batch (``cur``) is as it was then, before these fields were taken.
        taken: dict[tuple[str, str], list[tuple[int, str]]] = {}
        for pos, (op, result) in enumerate(zip(ops, results, strict=True)):
            if type(result) is int or (
                isinstance(result, OpResult)
                and result.seq is not None
                and (result.s != "conflict" or result.won)
            ):
                taken.setdefault((op.t, op.r), []).append((pos, op.f))
        for pos, (op, result) in enumerate(zip(ops, results, strict=True)):
            if type(result) is int:  # plainly applied (most ops): no OpResult is made for it
                outcomes.append(OpOutcome(op.i, op.t, op.r, op.f, op.raw, "applied", None, None))
                acked.append((result, batch_id, op.k, op.i))
                report.applied += 1
                if op.f == INSERT_FIELD and op.t in RENUMBERED:
                    taken_as_sent.append(op)
                continue
            assert isinstance(result, OpResult)
            outcomes.append(
                OpOutcome(op.i, op.t, op.r, op.f, op.raw, result.s, result.won, result.reason)
            )
            if result.seq is not None and (result.s != "conflict" or result.won):
                acked.append((result.seq, batch_id, op.k, op.i))
                if result.has_cur:
                    # Taken in part (a row two laptops made, whose other maker's values stay):
                    # the answer carries the row as the server had it then.
                    reverts.append((op, result, _later(taken, op, pos)))
            else:
                dropped.append((op.k, op.i))
                reverts.append((op, result, _later(taken, op, pos)))
            if result.s == "applied":
                report.applied += 1
            elif result.s == "merged":
                report.merged += 1
                if result.k == RENUMBERED_KIND:
                    conflicts.append((op, result))  # an inbox entry: the number moved
            elif result.s == "conflict":
                report.conflicts += 1
                if not result.won:
                    conflicts.append((op, result))
            else:
                report.rejected += 1
                rejected.append((op.i, op.t, op.r, op.f, op.raw, op.h, result.reason or "refused"))
        if not (dropped or rejected or conflicts or reverts or renumbered):
            # Every op taken as sent, some with more to say (merged, a conflict it won):
            # nothing to write but the acks, and those are held too.
            self._held.extend(acked)
            return
        # One transaction, one executemany per statement (not one statement per op); the acks
        # held from earlier batches are written first, so the outbox is as the answers left it
        # for what follows (the pending ops the reverts must not overwrite, a number moved).
        held = self._held
        with self.db.begin() as conn, capture_paused(conn):
            if held or acked:
                conn.exec_driver_sql(_ACK, held + acked)
            if dropped:
                conn.exec_driver_sql("DELETE FROM sync_outbox WHERE id = ? AND op_id = ?", dropped)
            if rejected:
                _file_rejected(conn, [(*r, now) for r in rejected])
            for op, result in conflicts:
                if result.k == RENUMBERED_KIND:
                    self._record_renumbered(conn, op, result)
                    continue
                for fld, mine, theirs in _lost_values(op, result):
                    self._record_conflict(
                        conn,
                        op.t,
                        op.r,
                        fld,
                        result.k or "value",
                        mine=mine,
                        theirs=theirs,
                        mine_hlc=op.h,
                        theirs_hlc=result.th or 0,
                        theirs_user=result.tu,
                        theirs_node=result.tn,
                    )
            if reverts or taken_as_sent:
                pending = Pending.load(conn) if reverts else Pending()
                # Local fields (customer search keys) are recomputed for what the reverts touch.
                touched = [(op.t, op.r, op.f) for op, _, _ in reverts]
                with refreshing_local_fields(conn, touched):
                    # Renumbered rows step aside first, so that neither a number given back
                    # nor a renumbered one lands on a number another of them still holds.
                    parked = _park_renumbered(conn, reverts)
                    _restore_sent_numbers(conn, taken_as_sent)
                    for op, result, later in reverts:
                        self._revert(conn, op, result, pending, later)
                    _unpark(conn, parked)
        self._held = []

    def _revert(
        self,
        conn: Connection,
        op: OutOp,
        result: OpResult,
        pending: Pending,
        later: frozenset[str] = frozenset(),
    ) -> None:
        """Make the laptop hold the server's value for an op that did not take effect (or, for
        a whole row, the fields of it that did not); ``later``: fields of the row the server
        took from later ops of the same batch, which the row in the answer predates."""
        if not result.has_cur:
            if not any(key[:2] == (op.t, op.r) for key in pending.unresolved):
                _delete_with_subtree(conn, op.t, op.r)
            return
        if op.f == INSERT_FIELD:
            if isinstance(result.cur, dict):
                row = {k: v for k, v in result.cur.items() if k not in later}
                apply_row(conn, op.t, op.r, row, KEEP_ALL, pending)
        elif not pending.keeps_local(op.t, op.r, op.f, KEEP_ALL):
            write_fields(conn, op.t, op.r, {op.f: result.cur})

    def _record_renumbered(self, conn: Connection, op: OutOp, result: OpResult) -> None:
        """An inbox entry for a new row the server took under the next free version (a quote
        version someone else made first, ``changes.RENUMBERED``): the number this laptop gave
        it (perhaps on a quote a customer has) and the one it has now, and who made the other.
        Nothing to choose — the entry is for reading (``resolve_conflict`` only closes it)."""
        number = RENUMBERED[op.t].number
        made = op.v if isinstance(op.v, dict) else {}
        now = result.cur if isinstance(result.cur, dict) else {}
        self._record_conflict(
            conn,
            op.t,
            op.r,
            number,
            RENUMBERED_KIND,
            mine=made.get(number),
            theirs=now.get(number),
            mine_hlc=op.h,
            theirs_hlc=result.th or 0,
            theirs_user=result.tu,
            theirs_node=result.tn,
        )

    def _record_conflict(
        self,
        conn: Connection,
        tbl: str,
        row_id: str,
        fld: str,
        kind: str,
        *,
        mine: Any,
        theirs: Any,
        mine_hlc: int,
        theirs_hlc: int,
        theirs_user: str | None,
        theirs_node: str | None,
    ) -> None:
        conn.execute(
            text(
                "INSERT INTO sync_conflicts (id, tbl, row_id, field, kind, mine_value,"
                " theirs_value, mine_hlc, theirs_hlc, theirs_user_id, theirs_node, mine_won,"
                " detected_at) VALUES (:id, :t, :r, :f, :k, :m, :th, :mh, :thh, :tu, :tn, 0,"
                " :now)"
            ),
            {
                "id": str(uuid.uuid4()),
                "t": tbl,
                "r": row_id,
                "f": fld,
                "k": kind,
                "m": encode_value(mine),
                "th": encode_value(theirs),
                "mh": mine_hlc,
                "thh": theirs_hlc,
                "tu": theirs_user,
                "tn": theirs_node,
                "now": _db_now(),
            },
        )

    def _apply_page(self, node: str, page: PullReply) -> list[OpOutcome]:
        """Apply one pulled page with its cursor, in one transaction. Returns this laptop's
        queued ops that the page made it refuse (``_refuse_queued_clashes``; usually none)."""
        if not page.changes:  # only the cursor moves (e.g. past this laptop's own pushes)
            with self.db.begin() as conn:
                conn.execute(
                    text("UPDATE sync_state SET cursor = :c WHERE id = 1"), {"c": page.cursor}
                )
                self._prune(conn, page.cursor)
            self._held = []
            return []
        try:
            return self._apply_changes(node, page, careful=False)
        except IntegrityError:
            log.warning("a pulled page clashed with local data; applying change by change")
            return self._apply_changes(node, page, careful=True)

    def _apply_changes(self, node: str, page: PullReply, *, careful: bool) -> list[OpOutcome]:
        refused: list[OpOutcome] = []
        with self.db.begin() as conn, capture_paused(conn):
            if careful:
                # Change by change, a clash may refuse queued rows of this laptop, found in the
                # outbox itself (``queued_rows_holding``): it must show what was acknowledged.
                self._write_acks(conn)
            pending = Pending.load(conn, self._held_map())
            revokes = self._pending_revokes(conn)
            # Local fields (customer search keys) are never pulled: recompute, at the end of the
            # page, those of every customer whose inputs the page changed.
            with refreshing_local_fields(conn, [(c.t, c.r, c.f) for c in page.changes]):
                for change in page.changes:
                    if not careful:
                        self._apply_change(conn, node, change, pending, revokes)
                        continue
                    nested = conn.begin_nested()
                    try:
                        self._apply_change(conn, node, change, pending, revokes)
                        nested.commit()
                    except IntegrityError as exc:
                        nested.rollback()
                        if not _set_again_later(page, change):
                            taken = self._refuse_queued_clashes(
                                conn, node, change, pending, revokes, exc
                            )
                            if taken:
                                refused.extend(taken)
                                continue
                        self._record_conflict(
                            conn,
                            change.t,
                            change.r,
                            change.f,
                            "apply",
                            mine=str(exc.orig),
                            theirs=change.v,
                            mine_hlc=0,
                            theirs_hlc=change.h,
                            theirs_user=change.u,
                            theirs_node=None,
                        )
            conn.execute(text("UPDATE sync_state SET cursor = :c WHERE id = 1"), {"c": page.cursor})
            self._prune(conn, page.cursor, written=careful)
            self._save_revokes(conn, revokes)
        self._held = []
        return refused

    def _refuse_queued_clashes(
        self,
        conn: Connection,
        node: str,
        change: Change,
        pending: Pending,
        revokes: list[list[str]],
        clash: IntegrityError,
    ) -> list[OpOutcome]:
        """A pulled change that clashed on a unique value (``clash``) with this laptop's own
        new rows still queued — two reps entered one customer, with its USCC, offline, and the
        other's reached the server first: this laptop's cannot be on the server with that
        value, and the server will refuse it when it gets it. So it is refused here and now,
        as the server would refuse it at push (the usual order): its queued ops go to the
        rejected list with the server's reason for a duplicate value, and the pulled change
        is applied. Before, the pulled row was filed as a read-only ``apply`` entry and this
        laptop's refused at push: the laptop held neither, for good.

        All in a savepoint of the page's transaction (committed with its cursor). Returns the
        refused ops; none — nothing done — if no such row explains the clash (a field edited
        here onto a row the server has, something else) or the change clashes still without
        them: then the caller files the ``apply`` entry as before. Lot and quote numbers two
        laptops both took (``changes.RENUMBERED``) never get here: ``apply_row`` moves this
        laptop's up (``make_room``) before the database refuses anything."""
        if change.f == INSERT_FIELD:
            values = change.v
        elif change.f == REVOKE_FIELD:
            return []
        else:
            values = {change.f: change.v}
        if not isinstance(values, dict):
            return []
        rows = queued_rows_holding(conn, change.t, change.r, values, change.s, pending)
        if not rows:
            return []
        message = database_words(clash)
        nested = conn.begin_nested()
        try:
            refused = _refuse_queued_rows(conn, change.t, rows, duplicate_value_reason(message))
            self._apply_change(conn, node, change, pending, revokes)
        except IntegrityError as exc:
            nested.rollback()
            log.warning("%s %s clashes still: %s", change.t, change.r, exc.orig)
            return []
        nested.commit()
        for row_id in rows:
            pending.forget(change.t, row_id)
        log.info("refused %s %s: %s %s holds the value now", change.t, rows, change.t, change.r)
        return refused

    def _apply_change(
        self,
        conn: Connection,
        node: str,
        change: Change,
        pending: Pending,
        revokes: list[list[str]],
    ) -> None:
        if change.f == REVOKE_FIELD:
            root = [change.t, change.r]
            local = {(t, r) for t, r in subtree_rows(conn, change.t, change.r)}
            if any(key[:2] in local for key in pending.unresolved):
                if root not in revokes:
                    revokes.append(root)  # drop it once the outbox is pushed
            else:
                drop_subtree(conn, change.t, change.r)
            return
        if change.f == INSERT_FIELD:
            if isinstance(change.v, dict):
                apply_row(conn, change.t, change.r, change.v, change.s, pending)
            if change.t == "customers" and [change.t, change.r] in revokes:
                revokes.remove([change.t, change.r])
        else:
            apply_row(conn, change.t, change.r, {change.f: change.v}, change.s, pending)
        x = change.x
        if x and x.get("n") == node:
            self._record_conflict(
                conn,
                change.t,
                change.r,
                change.f,
                str(x.get("k", "value")),
                mine=x.get("v"),
                theirs=change.v,
                mine_hlc=int(x.get("h", 0)),
                theirs_hlc=change.h,
                theirs_user=change.u,
                theirs_node=None,
            )

    def _pending_revokes(self, conn: Connection) -> list[list[str]]:
        raw = conn.execute(text("SELECT pending_revokes FROM sync_state WHERE id = 1")).scalar()
        return list(json.loads(raw)) if raw else []

    def _save_revokes(self, conn: Connection, revokes: list[list[str]]) -> None:
        conn.execute(
            text("UPDATE sync_state SET pending_revokes = :p WHERE id = 1"),
            {"p": json.dumps(revokes) if revokes else None},
        )

    def _process_pending_revokes(self) -> None:
        with self.db.connect() as conn:  # a read first: no write transaction at every sync
            if not self._pending_revokes(conn):
                return
        with self.db.begin() as conn, capture_paused(conn):
            revokes = self._pending_revokes(conn)
            if not revokes:
                return
            pending = Pending.load(conn, self._held_map())
            keep: list[list[str]] = []
            for tbl, root_id in revokes:
                local = set(subtree_rows(conn, tbl, root_id))
                if any(key[:2] in local for key in pending.unresolved):
                    keep.append([tbl, root_id])
                else:
                    drop_subtree(conn, tbl, root_id)
            self._save_revokes(conn, keep)

    # --- acknowledgements held in memory ------------------------------------------------------
    # Most answers take every op of their batch as sent, and writing their acks (20 000 row
    # updates for a push of 10 000 customers + contacts, ≈ 0.1 s of the laptop's CPU) is wasted
    # when, as usual, the pull that follows passes them all and the outbox is emptied at once.
    # So ``_apply_push`` holds such acks in ``_held`` and writes nothing; what reads the
    # outbox meanwhile counts them (``Pending.load``), and ``_prune`` empties the outbox without
    # writing them when it safely can — else, and whenever an answer needs more than acks, a
    # clash is applied change by change, or the sync stops before its pull, they are written
    # as before. A laptop killed in between sends those ops again at its next sync; the server
    # answers each from its op id (applied once, answered as before).

    def _held_map(self) -> dict[int, tuple[str, int]]:
        """The held acks as ``Pending.load`` reads them: outbox id → (op id, server seq)."""
        return {k: (op_id, seq) for seq, _batch, k, op_id in self._held}

    def _write_acks(self, conn: Connection) -> None:
        """Write the held acks in ``conn``'s transaction (the caller forgets them once it is
        committed)."""
        if self._held:
            conn.exec_driver_sql(_ACK, self._held)

    def _write_held(self) -> None:
        """Write the acks still held, in a transaction of their own (a sync that stopped before
        its pull). If that fails (the file locked or full) their ops stay queued and go again
        next time, where the server answers them from their op ids."""
        if not self._held:
            return
        try:
            with self.db.begin() as conn:
                self._write_acks(conn)
        except SQLAlchemyError as exc:  # never in place of the error that stopped the sync
            log.warning(
                "%d acknowledgements not saved, sent again next time: %s", len(self._held), exc
            )
        self._held = []

    def _stamp(self) -> int:
        with self.db.connect() as conn:
            return _clock_stamp(conn)

    def _quiet(self, conn: Connection) -> bool:
        """Whether nothing was captured since this sync's push began: every capture moves the
        laptop's clock stamp (``changes._NEXT_HLC``, an edit of a queued field included), and
        the mark is read before the push reads its first batch. Then every op not acknowledged
        in the database is one whose ack is held: the push read every queued op, and each
        answer removed its ops, wrote their acks or held them."""
        if self._quiet_mark is None or _clock_stamp(conn) != self._quiet_mark:
            return False
        # And, should another sync's hello have set the stamp back onto the mark (the app and
        # the CLI at once on one laptop), as many ops not acknowledged as acks held.
        queued = conn.exec_driver_sql(
            "SELECT count(*) FROM sync_outbox WHERE batch_id IS NULL"
        ).scalar_one()
        return int(queued) == len(self._held)

    def _prune(self, conn: Connection, cursor: int, *, written: bool = False) -> None:
        """``prune_outbox`` with the held acks (in the page's transaction; the caller forgets
        them once it is committed; ``written``: it wrote them already). Nothing captured since
        the push began, the cursor past all of them and past every ack in the database: the
        outbox is emptied at once without writing them. Otherwise the ops of those the cursor
        has passed are deleted, as ``prune_outbox`` would once they were written, the others
        written, and the rest pruned as before."""
        held = [] if written else self._held
        if held:
            if (
                max(ack[0] for ack in held) <= cursor
                and self._quiet(conn)
                and not conn.exec_driver_sql(_ACKED_PAST, (cursor,)).scalar_one()
            ):
                _clear_outbox(conn)
                return
            # By row *and* op id, as ``_ACK``: a row edited again holds a new op, which stays.
            passed = [(k, op_id) for seq, _batch, k, op_id in held if seq <= cursor]
            if passed:
                conn.exec_driver_sql("DELETE FROM sync_outbox WHERE id = ? AND op_id = ?", passed)
            ahead = [ack for ack in held if ack[0] > cursor]
            if ahead:
                conn.exec_driver_sql(_ACK, ahead)
        prune_outbox(conn, cursor)

    def _finish(self, error: str | None) -> None:
        """Record how the sync ended (the status bar's "last sync"). If the file cannot be
        written (locked by another program, full), that is logged and the sync ends as it
        would have: never an ``OperationalError`` in place of its report or its own error."""
        try:
            with self.db.begin() as conn:
                if error is None:
                    conn.execute(
                        text(
                            "UPDATE sync_state SET last_sync_at = :t, last_attempt_at = :t,"
                            " last_error = NULL WHERE id = 1"
                        ),
                        {"t": _db_now()},
                    )
                else:
                    conn.execute(
                        text(
                            "UPDATE sync_state SET last_attempt_at = :t, last_error = :e"
                            " WHERE id = 1"
                        ),
                        {"t": _db_now(), "e": error},
                    )
        except SQLAlchemyError as exc:
            log.warning("how the sync ended was not saved: %s", exc)

    # --- transport --------------------------------------------------------------------------
    def _login(self, report: SyncReport, stale: str | None = None) -> None:
        """Sign in, unless another thread already did since ``stale`` was refused (or was
        refused a sign-in itself: the others give up with the same answer, not try again)."""
        with self._sign_in:
            if self.token is not None and self.token != stale:
                return
            if self._sign_in_refused is not None and self._sign_in_refused[0] == stale:
                raise self._sign_in_refused[1]
            try:
                reply = self._send(
                    "/auth/token",
                    TokenRequest(login=self.credentials.login, password=self.credentials.password),
                    TokenResponse,
                    report,
                    auth=False,
                )
            except AuthFailed as exc:
                self._sign_in_refused = (stale, exc)
                raise
            self.token = reply.token
            self.user_id = reply.user_id

    def _post(
        self,
        path: str,
        message: BaseModel | dict[str, Any] | _Compressed,
        model: type[M],
        report: SyncReport,
        batch_id: str | None = None,
        abandoned: threading.Event | None = None,
    ) -> M:
        if self.token is None:
            self._login(report)
        if batch_id is not None:
            with self._lock:
                if batch_id in self._sent_batches:
                    report.batches_resent += 1
                self._sent_batches.add(batch_id)
                report.batches_sent += 1
        token = self.token
        try:
            return self._send(path, message, model, report, batch_id=batch_id, abandoned=abandoned)
        except _TokenExpired:
            self._login(report, stale=token)
            return self._send(path, message, model, report, batch_id=batch_id, abandoned=abandoned)

    def _send(
        self,
        path: str,
        message: BaseModel | dict[str, Any] | _Compressed,
        model: type[M],
        report: SyncReport,
        *,
        auth: bool = True,
        batch_id: str | None = None,
        abandoned: threading.Event | None = None,
    ) -> M:
        if isinstance(message, _Compressed):  # a push body, written and compressed already
            body = message.data
        else:
            if isinstance(message, dict):
                raw = dumps(message)
            else:
                raw = dumps(message.model_dump(mode="json", by_alias=True))
            body = compress(raw, "zstd")
        headers = {"Content-Type": "application/json", "Content-Encoding": "zstd"}
        if auth and self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        last_error: Exception | None = None
        for attempt in range(self.retry.attempts):
            if attempt:
                if abandoned is not None and abandoned.is_set():
                    break  # the push this batch belonged to has stopped
                with self._lock:
                    report.retries += 1
                    if batch_id is not None:
                        report.batches_resent += 1
                        report.batches_sent += 1
                self._pause(self.retry.delay(attempt - 1), abandoned)
                if abandoned is not None and abandoned.is_set():
                    break
            with self._lock:
                report.round_trips += 1
                report.bytes_up += len(body) + _header_bytes(path, headers)
            try:
                started = self.clock()
                response = self.http.post(path, content=body, headers=headers)
                content = response.content
                self._last_exchange = (started, self.clock())
            except httpx.TransportError as exc:
                last_error = exc
                if attempt and network_cause(exc) == NAME_NOT_FOUND:
                    break  # no such name twice: more asking does not make it exist
                continue
            with self._lock:
                report.bytes_down += response.num_bytes_downloaded + _header_bytes(
                    "", dict(response.headers)
                )
            if response.status_code in (502, 503, 504):
                last_error = SyncUnavailable(
                    server_unavailable(self.server_url, response.status_code, content)
                )
                continue
            if response.status_code != 200:
                self._raise_for(response)
            try:
                return model.model_validate_json(content)
            except ValidationError as exc:
                raise SyncError(unreadable_answer(exc)) from None
        if isinstance(last_error, SyncUnavailable):  # an answer, but busy (or a proxy's)
            raise last_error
        cause = network_cause(last_error)
        raise SyncUnavailable(server_unreachable(self.server_url, last_error, cause), cause)

    def _pause(self, seconds: float, abandoned: threading.Event | None) -> None:
        """The back-off before a retry; a push that stops ends its senders' back-offs at once
        (unless a test gave the client a sleep function of its own)."""
        if abandoned is not None and self.sleep is time.sleep:
            abandoned.wait(seconds)
        else:
            self.sleep(seconds)

    def _raise_for(self, response: httpx.Response) -> None:
        if response.status_code == 404:  # a request a server of an older version lacks
            raise _NotFound(server_status(404))
        try:
            err = ErrorReply.model_validate_json(response.content)
        except ValidationError:
            raise SyncError(server_status(response.status_code)) from None
        # The checks read the server's (English) message; the user reads ``message``.
        message = server_error(err)
        if err.error == "token_expired" or (
            response.status_code == 401
            and err.error == "unauthorized"
            and self.token
            and "sign in again" in err.message
        ):
            raise _TokenExpired(message)  # ``_post`` signs in again (once, for every thread)
        if response.status_code == 401:
            raise AuthFailed(message)
        if response.status_code == 426:
            raise UpdateRequired(message, err.update_to)
        if response.status_code == 409 and err.error == "out_of_order":
            raise _OutOfOrder(message)
        raise SyncError(message)


def _set_again_later(page: PullReply, change: Change) -> bool:
    """Whether a later change of the page sets this field of this row again (or the whole
    row): a field change carries the value the log kept, and a later one means it is not the
    server's value now, so it cannot tell what the server will refuse."""
    if change.f in (INSERT_FIELD, REVOKE_FIELD):
        return False  # a whole row comes as it is on the server when pulled
    return any(
        c.s > change.s and c.t == change.t and c.r == change.r and c.f in (change.f, INSERT_FIELD)
        for c in page.changes
    )


def _refuse_queued_rows(
    conn: Connection, tbl: str, row_ids: list[str], reason: str
) -> list[OpOutcome]:
    """Refuse new rows of this laptop that the server would refuse (``reason``, worded as the
    server's), before they are pushed: every queued op of each row goes to the rejected list
    as a refusal at push files it (``SyncClient._apply_push``) and leaves the outbox, and the
    row goes with its local subtree, as ``SyncClient._revert`` removes a refused new row. Ops
    of rows under it stay queued: the server refuses them at push (their parent is missing).
    Returns the refused ops."""
    now = _db_now()
    refused: list[OpOutcome] = []
    for row_id in row_ids:
        ops = conn.exec_driver_sql(
            "SELECT op_id, field, value, hlc FROM sync_outbox"
            " WHERE tbl = ? AND row_id = ? AND acked_seq IS NULL ORDER BY id",
            (tbl, row_id),
        ).all()
        if ops:
            filed = [(i, tbl, row_id, fld, raw, stamp, reason, now) for i, fld, raw, stamp in ops]
            _file_rejected(conn, filed)
        conn.exec_driver_sql(
            "DELETE FROM sync_outbox WHERE tbl = ? AND row_id = ? AND acked_seq IS NULL",
            (tbl, row_id),
        )
        _delete_with_subtree(conn, tbl, row_id)
        refused.extend(
            OpOutcome(op_id, tbl, row_id, fld, raw, "rejected", None, reason)
            for op_id, fld, raw, _stamp in ops
        )
    return refused


def _file_rejected(conn: Connection, rows: list[tuple[Any, ...]]) -> None:
    """Put ops into the rejected list: (op id, table, row, field, raw value, stamp, reason,
    when) each, as refused by the server at push or by the laptop itself at pull."""
    conn.exec_driver_sql(
        "INSERT OR REPLACE INTO sync_rejected (op_id, tbl, row_id, field, value, hlc,"
        " reason, rejected_at, dismissed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0)",
        rows,
    )


# SQLite's codes for a database file that cannot be written now (another program holds it,
# the disk is full or read-only, the file cannot be opened): not a fault of the sync itself.
_FILE_UNAVAILABLE = ("SQLITE_BUSY", "SQLITE_LOCKED", "SQLITE_READONLY", "SQLITE_FULL",
                     "SQLITE_IOERR", "SQLITE_CANTOPEN")  # fmt: skip


def _file_unavailable(exc: OperationalError) -> bool:
    name = getattr(exc.orig, "sqlite_errorname", "") or ""
    return name.startswith(_FILE_UNAVAILABLE)


def _delete_with_subtree(conn: Connection, tbl: str, row_id: str) -> None:
    """Remove a refused new row from the laptop, with the local rows under it (children
    first) when it is a scope root (a customer and its contacts, activities …)."""
    for t, r in reversed(subtree_rows(conn, tbl, row_id) or [(tbl, row_id)]):
        conn.exec_driver_sql(f'DELETE FROM "{t}" WHERE id = ?', (r,))


def _lost_values(op: OutOp, result: OpResult) -> list[tuple[str, Any, Any]]:
    """(field, mine, theirs) for the inbox: one entry per field a lost whole row lost by the
    clock (a making of a keyed row against the other making: ``lf``), so a person can keep each
    value of theirs or mine — not the fields that gave way to a later edit or were empty; the
    op's own field otherwise."""
    if op.f == INSERT_FIELD and isinstance(op.v, dict) and isinstance(result.cur, dict):
        cur = result.cur
        named = set(result.lf or ())
        fields = [
            (f, v, cur.get(f))
            for f, v in op.v.items()
            if f in named and f not in SILENT_FIELDS and f in cur and v != cur.get(f)
        ]
        if fields:
            return fields
    return [(op.f, op.v, result.cur)]


_Revert = tuple[OutOp, OpResult, frozenset[str]]


def _restore_sent_numbers(conn: Connection, ops: list[OutOp]) -> None:
    """New rows of a renumbered table that the server took as they were sent, while this laptop
    had moved them up behind a pulled row (``changes.make_room``: a lot number with a gap below
    it is free on the server, and no clash renumbers it there): each gets the number it was
    sent with back, so the laptop holds what the server holds. A number held here by another
    row meanwhile (not expected) is left and logged: the row keeps its local number. A number
    the person changed since (an op of its own in the outbox) is theirs: left as it is."""
    for op in ops:
        spec = RENUMBERED[op.t]
        sent = op.v if isinstance(op.v, dict) else {}
        columns = [c for c in (spec.number, spec.version) if c is not None and c in sent]
        if spec.key not in columns:
            continue
        edited = conn.exec_driver_sql(
            f"SELECT 1 FROM sync_outbox WHERE tbl = ? AND row_id = ?"
            f" AND field IN ({', '.join('?' for _ in columns)}) LIMIT 1",
            (op.t, op.r, *columns),
        ).first()
        if edited is not None:
            continue
        held = conn.exec_driver_sql(
            f'SELECT "{spec.key}" FROM "{op.t}" WHERE id = ?', (op.r,)
        ).first()
        if held is None or held[0] == sent[spec.key]:
            continue
        assignments = ", ".join(f'"{c}" = ?' for c in columns)
        nested = conn.begin_nested()
        try:
            conn.exec_driver_sql(
                f'UPDATE "{op.t}" SET {assignments} WHERE id = ?',
                (*(sent[c] for c in columns), op.r),
            )
        except IntegrityError as exc:
            nested.rollback()
            log.warning("%s %s keeps its local number: %s", op.t, op.r, exc.orig)
        else:
            nested.commit()


def _park_renumbered(conn: Connection, reverts: list[_Revert]) -> list[tuple[str, str, Any]]:
    """New rows of this answer that the server took under another number (a quote version or
    a lot number two laptops both made, ``changes.RENUMBERED``) step aside first — a negative
    version, or a lot number of their own id — so that none lands on a value another of them
    still holds here, whatever their order; a clash with a row not in this answer is
    ``changes.make_room``'s. Returns the parked rows (table, id, the value they had)."""
    parked: list[tuple[str, str, Any]] = []
    for op, result, _later in reverts:
        spec = RENUMBERED.get(op.t)
        if spec is None or result.k != RENUMBERED_KIND or not isinstance(result.cur, dict):
            continue
        key = spec.key
        held = conn.exec_driver_sql(f'SELECT "{key}" FROM "{op.t}" WHERE id = ?', (op.r,)).first()
        if held is None or held[0] is None:
            continue
        aside = spec.aside(held[0], op.r)
        if held[0] == aside or (spec.version and int(held[0]) <= 0):
            continue  # parked already
        conn.exec_driver_sql(f'UPDATE "{op.t}" SET "{key}" = ? WHERE id = ?', (aside, op.r))
        parked.append((op.t, op.r, held[0]))
    return parked


def _unpark(conn: Connection, parked: list[tuple[str, str, Any]]) -> None:
    """A parked row the answer did not give a value back (none expected) gets its own."""
    for tbl, row_id, value in parked:
        spec = RENUMBERED[tbl]
        conn.exec_driver_sql(
            f'UPDATE "{tbl}" SET "{spec.key}" = ? WHERE id = ? AND "{spec.key}" = ?',
            (value, row_id, spec.aside(value, row_id)),
        )


def _later(
    taken: dict[tuple[str, str], list[tuple[int, str]]], op: OutOp, pos: int
) -> frozenset[str]:
    """The fields of ``op``'s row that the server took from ops after position ``pos``."""
    return frozenset(f for p, f in taken.get((op.t, op.r), ()) if p > pos)


class _TokenExpired(SyncError):
    pass


T = TypeVar("T")


def _in_thread(threads: list[threading.Thread], fn: Callable[..., T], *args: Any) -> Future[T]:
    """``fn(*args)`` on a thread of its own, its outcome in a Future. A daemon thread: a request
    left on its way when a sync stops does not keep the program from exiting (the CLI after
    an error; the app's window closed)."""
    future: Future[T] = Future()

    def run() -> None:
        if not future.set_running_or_notify_cancel():
            return
        try:
            future.set_result(fn(*args))
        except BaseException as exc:  # noqa: BLE001 - handed to whoever waits for the answer
            future.set_exception(exc)

    thread = threading.Thread(target=run, name="sync-send", daemon=True)
    threads.append(thread)
    thread.start()
    return future


class _Asked(NamedTuple):
    """Rows asked for again (``SyncClient._ask_again``)."""

    ids: list[str]  # the inbox entries asked for
    logged: int  # rows the server logged again


class _NotFound(SyncError):
    """The server does not know the request (404): an older server (``_ask_again``)."""


class _OutOfOrder(SyncError):
    """The server has not stored the batch this one follows (``_push_all`` sends it again)."""


def _header_bytes(path: str, headers: dict[str, str]) -> int:
    """Rough size of an HTTP/1.1 header block, so byte counts are honest for small messages."""
    return len(path) + 20 + sum(len(k) + len(v) + 4 for k, v in headers.items())
