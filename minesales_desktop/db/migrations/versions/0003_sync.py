"""Offline sync: the laptop's outbox, conflict inbox and rejected list, capture triggers on every
synced table; the server's change log, push-batch answers and bearer tokens.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27 06:00:00

Rows already in the database when this runs are *not* put in the outbox: they are the baseline
(a demo database, or data made before sync existed). The server side adopts existing rows into
its log when it starts (see ``sync.server.store.adopt_existing_rows``). ``sync_state.node_id``
stays NULL until the first sync so that freshly built databases are byte-identical.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from minesales_desktop.sync.changes import drop_capture_triggers, install_capture_triggers

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sync_batches",
        sa.Column("batch_id", sa.String(length=32), nullable=False),
        sa.Column("node_id", sa.String(length=32), nullable=False),
        sa.Column("user_id", sa.String(length=36), nullable=False),
        sa.Column("response", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("batch_id", name=op.f("pk_sync_batches")),
    )
    op.create_table(
        "sync_conflicts",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("tbl", sa.String(length=64), nullable=False),
        sa.Column("row_id", sa.String(length=36), nullable=False),
        sa.Column("field", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("mine_value", sa.Text(), nullable=True),
        sa.Column("theirs_value", sa.Text(), nullable=True),
        sa.Column("mine_hlc", sa.BigInteger(), nullable=False),
        sa.Column("theirs_hlc", sa.BigInteger(), nullable=False),
        sa.Column("theirs_user_id", sa.String(length=36), nullable=True),
        sa.Column("theirs_node", sa.String(length=32), nullable=True),
        sa.Column("mine_won", sa.Boolean(), nullable=False),
        sa.Column("detected_at", sa.DateTime(), nullable=False),
        sa.Column("resolved_at", sa.DateTime(), nullable=True),
        sa.Column("resolution", sa.String(length=16), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_conflicts")),
    )
    op.create_table(
        "sync_log",
        sa.Column("seq", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("tbl", sa.String(length=64), nullable=False),
        sa.Column("row_id", sa.String(length=36), nullable=False),
        sa.Column("field", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=True),
        sa.Column("hlc", sa.BigInteger(), nullable=False),
        sa.Column("node_id", sa.String(length=32), nullable=False),
        sa.Column("user_id", sa.String(length=36), nullable=True),
        sa.Column("audience", sa.Text(), nullable=True),
        sa.Column("conflict", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_sync_log")),
    )
    with op.batch_alter_table("sync_log", schema=None) as batch_op:
        batch_op.create_index("ix_sync_log_row", ["tbl", "row_id", "seq"], unique=False)

    op.create_table(
        "sync_ops",
        sa.Column("op_id", sa.String(length=32), nullable=False),
        sa.Column("batch_id", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("op_id", name=op.f("pk_sync_ops")),
    )
    op.create_table(
        "sync_outbox",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("op_id", sa.String(length=32), nullable=False),
        sa.Column("tbl", sa.String(length=64), nullable=False),
        sa.Column("row_id", sa.String(length=36), nullable=False),
        sa.Column("field", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=True),
        sa.Column("hlc", sa.BigInteger(), nullable=False),
        sa.Column("base_seq", sa.BigInteger(), nullable=False),
        sa.Column("batch_id", sa.String(length=32), nullable=True),
        sa.Column("acked_seq", sa.BigInteger(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_outbox")),
        sa.UniqueConstraint("op_id", name=op.f("uq_sync_outbox_op_id")),
    )
    with op.batch_alter_table("sync_outbox", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sync_outbox_batch_id"), ["batch_id"], unique=False)
        batch_op.create_index(
            "uq_sync_outbox_pending",
            ["tbl", "row_id", "field"],
            unique=True,
            sqlite_where=sa.text("batch_id IS NULL"),
            postgresql_where=sa.text("batch_id IS NULL"),
        )

    op.create_table(
        "sync_rejected",
        sa.Column("op_id", sa.String(length=32), nullable=False),
        sa.Column("tbl", sa.String(length=64), nullable=False),
        sa.Column("row_id", sa.String(length=36), nullable=False),
        sa.Column("field", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=True),
        sa.Column("hlc", sa.BigInteger(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("rejected_at", sa.DateTime(), nullable=False),
        sa.Column("dismissed", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("op_id", name=op.f("pk_sync_rejected")),
    )
    sync_state = op.create_table(
        "sync_state",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("node_id", sa.String(length=32), nullable=True),
        sa.Column("server_url", sa.String(length=300), nullable=True),
        sa.Column("user_login", sa.String(length=64), nullable=True),
        sa.Column("cursor", sa.BigInteger(), server_default="0", nullable=False),
        sa.Column("hlc", sa.BigInteger(), server_default="0", nullable=False),
        sa.Column("clock_offset_ms", sa.BigInteger(), server_default="0", nullable=False),
        sa.Column("capture", sa.Integer(), server_default="1", nullable=False),
        sa.Column("last_sync_at", sa.DateTime(), nullable=True),
        sa.Column("last_attempt_at", sa.DateTime(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("pending_revokes", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_state")),
    )
    op.create_table(
        "sync_tokens",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.String(length=36), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("token_hash", name=op.f("pk_sync_tokens")),
    )
    with op.batch_alter_table("sync_tokens", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sync_tokens_user_id"), ["user_id"], unique=False)

    assert sync_state is not None
    op.bulk_insert(sync_state, [{"id": 1}])
    # Every column, as at this revision: 0005 made the search keys local fields (not captured).
    install_capture_triggers(op.get_bind(), {})


def downgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name == "sqlite":
        drop_capture_triggers(conn)
    with op.batch_alter_table("sync_tokens", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sync_tokens_user_id"))
    op.drop_table("sync_tokens")
    op.drop_table("sync_state")
    op.drop_table("sync_rejected")
    with op.batch_alter_table("sync_outbox", schema=None) as batch_op:
        batch_op.drop_index("uq_sync_outbox_pending")
        batch_op.drop_index(batch_op.f("ix_sync_outbox_batch_id"))
    op.drop_table("sync_outbox")
    op.drop_table("sync_ops")
    with op.batch_alter_table("sync_log", schema=None) as batch_op:
        batch_op.drop_index("ix_sync_log_row")
    op.drop_table("sync_log")
    op.drop_table("sync_conflicts")
    op.drop_table("sync_batches")
