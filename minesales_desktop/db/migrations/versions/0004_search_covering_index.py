"""Covering index for short customer-search fragments (SQLite only).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27 05:25:00

Fragments of one or two characters ("钢铁", "bg") cannot use the FTS5 trigram index, so they scan
``search_text``. Scanning an index on (search_text, is_deleted) instead of the table halves the
time of the count on 100 000 customers (27 → 13 ms measured). PostgreSQL (the sync server) never
searches customers, and its B-tree rows are limited in size, so it gets no such index.
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.create_index("ix_customers_search", "customers", ["search_text", "is_deleted"])


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.drop_index("ix_customers_search", table_name="customers")
