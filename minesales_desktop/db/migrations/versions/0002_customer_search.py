"""Customer search: pinyin keys, one search haystack, and an FTS5 trigram index on SQLite.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27 03:40:00

Backfills the keys of existing customers (name pinyin, initials, codes, USCC, contact phones), so
a database made by 0001 is searchable after the upgrade.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from minesales_desktop.textsearch import customer_search_text

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

FTS_TABLE = "customer_search_fts"

SQLITE_FTS = [
    f"""CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(
        search_text, content='customers', content_rowid='rowid', tokenize='trigram')""",
    f"""CREATE TRIGGER customers_search_ai AFTER INSERT ON customers BEGIN
        INSERT INTO {FTS_TABLE}(rowid, search_text) VALUES (new.rowid, new.search_text);
    END""",
    f"""CREATE TRIGGER customers_search_ad AFTER DELETE ON customers BEGIN
        INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, search_text)
        VALUES ('delete', old.rowid, old.search_text);
    END""",
    f"""CREATE TRIGGER customers_search_au AFTER UPDATE OF search_text ON customers BEGIN
        INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, search_text)
        VALUES ('delete', old.rowid, old.search_text);
        INSERT INTO {FTS_TABLE}(rowid, search_text) VALUES (new.rowid, new.search_text);
    END""",
]


def upgrade() -> None:
    with op.batch_alter_table("customers", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("name_pinyin", sa.String(length=400), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("name_initials", sa.String(length=100), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("search_text", sa.Text(), nullable=False, server_default=""))
        batch_op.create_index("ix_customers_name_initials", ["name_initials"], unique=False)
        batch_op.create_index("ix_customers_name_pinyin", ["name_pinyin"], unique=False)

    conn = op.get_bind()
    phones: dict[str, list[str]] = {}
    for customer_id, phone, mobile in conn.execute(
        sa.text("SELECT customer_id, phone, mobile FROM contacts WHERE is_deleted = :f"),
        {"f": False},
    ):
        phones.setdefault(customer_id, []).extend(p for p in (phone, mobile) if p)
    rows = conn.execute(
        sa.text("SELECT id, code, name_zh, name_en, short_name, uscc FROM customers")
    ).all()
    update = sa.text(
        "UPDATE customers SET name_pinyin = :p, name_initials = :i, search_text = :s WHERE id = :id"
    )
    params = []
    for cid, code, name_zh, name_en, short_name, uscc in rows:
        pinyin, initials, text = customer_search_text(
            code=code,
            name_zh=name_zh,
            name_en=name_en,
            short_name=short_name,
            uscc=uscc,
            phones=phones.get(cid, []),
        )
        params.append({"p": pinyin, "i": initials, "s": text, "id": cid})
    if params:
        conn.execute(update, params)

    if conn.dialect.name == "sqlite":
        for statement in SQLITE_FTS:
            op.execute(statement)
        op.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")


def downgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name == "sqlite":
        for trigger in ("customers_search_ai", "customers_search_ad", "customers_search_au"):
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        op.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")
    with op.batch_alter_table("customers", schema=None) as batch_op:
        batch_op.drop_index("ix_customers_name_pinyin")
        batch_op.drop_index("ix_customers_name_initials")
        batch_op.drop_column("search_text")
        batch_op.drop_column("name_initials")
        batch_op.drop_column("name_pinyin")
