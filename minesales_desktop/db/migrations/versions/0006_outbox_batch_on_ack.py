"""The laptop's outbox: ``batch_id`` is set when an op is acknowledged, not when it is sent.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-27 08:10:00

Until now a push batch was written into the outbox (``batch_id`` on its 500 rows, committed)
before it was sent, so that a retry re-sent the very same batch. That write — 500 rows of up to
a few hundred bytes rewritten and committed — was the laptop's biggest cost per batch. Now the
laptop reads a batch without writing anything; ``batch_id`` is set together with ``acked_seq``
when the answer is applied, and ``batch_id IS NULL`` means "not acknowledged yet". A batch whose
answer was lost is simply sent again (a new batch id at the next sync): the server answers each
op it applied before from its op id.

An edit of a field whose op is on its way now replaces that op in the outbox *with a new op id*
(the capture triggers' upsert), so the answer to the old op cannot acknowledge the new value:
the laptop acknowledges and drops ops by outbox row *and* op id.

This revision reinstalls the capture triggers and returns ops taken into a batch but not
acknowledged to the queue (SQLite only; a batched op with a newer op of the same field is dropped
first: the newer one supersedes it and the pending index allows one per field). The downgrade
changes nothing: older code reads an outbox without unacknowledged batches as a fresh queue, and
a trigger that renews the op id of a replaced op is harmless to it.
"""

from __future__ import annotations

from alembic import op

from minesales_desktop.sync.changes import install_capture_triggers

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    conn = op.get_bind()
    install_capture_triggers(conn)
    if conn.dialect.name != "sqlite":
        return
    in_flight = "batch_id IS NOT NULL AND acked_seq IS NULL"
    conn.exec_driver_sql(
        f"DELETE FROM sync_outbox WHERE {in_flight} AND EXISTS (SELECT 1 FROM sync_outbox AS n"
        " WHERE n.tbl = sync_outbox.tbl AND n.row_id = sync_outbox.row_id"
        " AND n.field = sync_outbox.field AND n.acked_seq IS NULL AND n.id <> sync_outbox.id"
        " AND (n.batch_id IS NULL OR n.id > sync_outbox.id))"
    )
    conn.exec_driver_sql(f"UPDATE sync_outbox SET batch_id = NULL WHERE {in_flight}")


def downgrade() -> None:
    pass
