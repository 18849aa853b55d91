"""The customer search keys become local fields: no longer captured, sent or accepted by sync.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-28 09:00:00

``customers.name_pinyin``, ``name_initials`` and ``search_text`` are derived from the customer's
names, code and USCC and its contacts' phones; every laptop now recomputes them when it applies
server data (``sync.tables.LOCAL_FIELDS``). This revision

- reinstalls the capture triggers (they leave the local fields out);
- cleans the laptop's outbox (SQLite only: the server, SQLite or PostgreSQL, does not use it):
  unacked ops of a local field go; whole-row ops (``*``) of customers lose the local keys; and
  ops already put in a push batch but not acknowledged are returned to the queue, because the
  batch changed and the server answers a replayed batch id by position from its stored answer.
  Each re-batched op keeps its op id (new-row ops: derived from table, row and stamp), so the
  server still answers one it already applied from its stored result. A batched op with a newer
  unbatched op of the same field is dropped first (the newer one supersedes it, and the pending
  index allows one unbatched op per field).

The downgrade reinstalls triggers that capture every column again; the outbox is left as it is.
"""

from __future__ import annotations

from alembic import op

from minesales_desktop.sync.changes import install_capture_triggers

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

# As of this revision (the code's LOCAL_FIELDS may grow later; this cleanup must not).
LOCAL = {"customers": ("name_pinyin", "name_initials", "search_text")}


def upgrade() -> None:
    conn = op.get_bind()
    install_capture_triggers(conn)
    if conn.dialect.name != "sqlite":
        return
    for tbl, fields in LOCAL.items():
        marks = ", ".join("?" for _ in fields)
        conn.exec_driver_sql(
            f"DELETE FROM sync_outbox WHERE acked_seq IS NULL AND tbl = ? AND field IN ({marks})",
            (tbl, *fields),
        )
        paths = ", ".join(f"'$.{f}'" for f in fields)
        conn.exec_driver_sql(
            f"UPDATE sync_outbox SET value = json_remove(value, {paths})"
            " WHERE tbl = ? AND field = '*' AND value IS NOT NULL",
            (tbl,),
        )
    in_flight = "batch_id IS NOT NULL AND acked_seq IS NULL"
    # Superseded: an unbatched op of the same field waits (newer: it was captured after the
    # batch was made), or a later batched one (never seen; the pending index would refuse both).
    conn.exec_driver_sql(
        f"DELETE FROM sync_outbox WHERE {in_flight} AND EXISTS (SELECT 1 FROM sync_outbox AS n"
        " WHERE n.tbl = sync_outbox.tbl AND n.row_id = sync_outbox.row_id"
        " AND n.field = sync_outbox.field AND n.acked_seq IS NULL AND n.id <> sync_outbox.id"
        " AND (n.batch_id IS NULL OR n.id > sync_outbox.id))"
    )
    conn.exec_driver_sql(f"UPDATE sync_outbox SET batch_id = NULL WHERE {in_flight}")


def downgrade() -> None:
    install_capture_triggers(op.get_bind(), {})
