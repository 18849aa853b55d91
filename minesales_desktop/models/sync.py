"""Sync bookkeeping: the laptop's outbox, conflict inbox and rejected list; the server's log.

Both sides run the same migrations, so every table exists in every database; each side uses only
its own (see ``docs/sync-protocol.md``). None of these tables is itself synced: they carry no
``SyncedMixin`` and the capture triggers are never installed on them.

Laptop side
    ``sync_state`` (one row): node id, pull cursor, hybrid-logical-clock state, learned clock
    offset, the capture switch. ``sync_outbox``: one row per captured change, written by SQLite
    triggers in the same transaction as the change. ``sync_conflicts``: the conflict inbox.
    ``sync_rejected``: changes the server refused, kept with the reason.

Server side
    ``sync_log``: every accepted change in a gap-free sequence. ``sync_batches`` / ``sync_ops``:
    what each push batch answered, so a replay answers the same. ``sync_tokens``: bearer tokens.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, Boolean, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from minesales_desktop.db.base import Base
from minesales_desktop.db.types import UTCDateTime


class SyncState(Base):
    """The laptop's sync state; exactly one row, ``id = 1``, created by the migration.

    ``capture`` is read by every capture trigger: 0 while the sync client applies what it pulled
    (those changes came from the server and must not be pushed back) and during bulk loads.
    ``hlc`` is the last hybrid-logical-clock stamp handed out (milliseconds << 16 | counter).
    ``node_id`` stays NULL until the first sync, so freshly made databases stay byte-identical.
    """

    __tablename__ = "sync_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    node_id: Mapped[str | None] = mapped_column(String(32))
    server_url: Mapped[str | None] = mapped_column(String(300))
    user_login: Mapped[str | None] = mapped_column(String(64))
    cursor: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")
    hlc: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")
    clock_offset_ms: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")
    capture: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    last_sync_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    last_attempt_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(Text)
    pending_revokes: Mapped[str | None] = mapped_column(Text)


class SyncOutboxEntry(Base):
    """One captured change waiting to be pushed.

    ``field`` is a column name, or ``*`` for a new row (``value`` is then a JSON object of all
    columns). ``value`` is the JSON literal of the stored (SQLite) value. ``base_seq`` is the pull
    cursor when the change was made: the server sequence this edit was based on. ``batch_id`` is
    set, with ``acked_seq``, when the server's answer is applied: NULL means "not acknowledged"
    (migration 0006; a batch is read from the outbox without writing to it).
    """

    __tablename__ = "sync_outbox"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    op_id: Mapped[str] = mapped_column(String(32), unique=True)
    tbl: Mapped[str] = mapped_column(String(64))
    row_id: Mapped[str] = mapped_column(String(36))
    field: Mapped[str] = mapped_column(String(64))
    value: Mapped[str | None] = mapped_column(Text)
    hlc: Mapped[int] = mapped_column(BigInteger)
    base_seq: Mapped[int] = mapped_column(BigInteger)
    batch_id: Mapped[str | None] = mapped_column(String(32), index=True)
    # Set when the server applied the op: pulled entries older than this for the same field are
    # skipped (the laptop already holds a newer value). Dropped once the cursor passes it.
    acked_seq: Mapped[int | None] = mapped_column(BigInteger)

    __table_args__ = (
        # Until acknowledged, a later edit of the same field replaces the earlier op.
        Index(
            "uq_sync_outbox_pending",
            "tbl",
            "row_id",
            "field",
            unique=True,
            sqlite_where=text("batch_id IS NULL"),
            postgresql_where=text("batch_id IS NULL"),
        ),
    )


class SyncConflict(Base):
    """The conflict inbox (冲突收件箱): a value that lost a concurrent edit, with the winner."""

    __tablename__ = "sync_conflicts"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    tbl: Mapped[str] = mapped_column(String(64))
    row_id: Mapped[str] = mapped_column(String(36))
    field: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(16))  # value | delete
    mine_value: Mapped[str | None] = mapped_column(Text)
    theirs_value: Mapped[str | None] = mapped_column(Text)
    mine_hlc: Mapped[int] = mapped_column(BigInteger)
    theirs_hlc: Mapped[int] = mapped_column(BigInteger)
    theirs_user_id: Mapped[str | None] = mapped_column(String(36))
    theirs_node: Mapped[str | None] = mapped_column(String(32))
    mine_won: Mapped[bool] = mapped_column(Boolean, default=False)
    detected_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    resolved_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    resolution: Mapped[str | None] = mapped_column(String(16))


class SyncRejected(Base):
    """A change the server refused (被拒绝的更改), kept with the server's reason."""

    __tablename__ = "sync_rejected"

    op_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    tbl: Mapped[str] = mapped_column(String(64))
    row_id: Mapped[str] = mapped_column(String(36))
    field: Mapped[str] = mapped_column(String(64))
    value: Mapped[str | None] = mapped_column(Text)
    hlc: Mapped[int] = mapped_column(BigInteger)
    reason: Mapped[str] = mapped_column(Text)
    rejected_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    dismissed: Mapped[bool] = mapped_column(Boolean, default=False)


class SyncLogEntry(Base):
    """Server: one accepted change. ``seq`` is gap-free: assigned under the push lock.

    ``audience`` (JSON list of user ids) narrows who receives the entry: grants of scope re-send a
    subtree to the users who gained it, revocations go to those who lost it. ``conflict`` (JSON)
    describes the value this change overwrote in a concurrent edit, so its author learns of it.
    """

    __tablename__ = "sync_log"

    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    tbl: Mapped[str] = mapped_column(String(64))
    row_id: Mapped[str] = mapped_column(String(36))
    field: Mapped[str] = mapped_column(String(64))
    value: Mapped[str | None] = mapped_column(Text)
    hlc: Mapped[int] = mapped_column(BigInteger)
    node_id: Mapped[str] = mapped_column(String(32))
    user_id: Mapped[str | None] = mapped_column(String(36))
    audience: Mapped[str | None] = mapped_column(Text)
    conflict: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (Index("ix_sync_log_row", "tbl", "row_id", "seq"),)


class SyncBatch(Base):
    """Server: the stored answer to one push batch (a replay gets exactly this)."""

    __tablename__ = "sync_batches"

    batch_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    node_id: Mapped[str] = mapped_column(String(32))
    user_id: Mapped[str] = mapped_column(String(36))
    response: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)


class SyncOp(Base):
    """Server: op ids processed and the batch that answered each. Not kept for a new row applied
    as sent (its insert entry in ``sync_log``, with the op's stamp, stands for it) nor for a
    refusal of an op whose row is not on the server (nothing of it is there: sent again, it is
    weighed again); see ``store._BatchPush.run``."""

    __tablename__ = "sync_ops"

    op_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    batch_id: Mapped[str] = mapped_column(String(32))


class SyncToken(Base):
    """Server: a bearer token (only its SHA-256 is stored) and when it expires."""

    __tablename__ = "sync_tokens"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[str] = mapped_column(String(36), index=True)
    expires_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
