"""The schema: migrations reach the models exactly, upgrade old files with their data, and the
columns that hold money or quantities are exact."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import BigInteger, Float, Numeric, text

from minesales_desktop.db.base import Base
from minesales_desktop.db.engine import make_engine, make_session_factory
from minesales_desktop.db.migrate import (
    MigrationError,
    current_revision,
    head_revision,
    open_database,
    upgrade,
)
from minesales_desktop.db.types import ScaledDecimal
from minesales_desktop.services.crud import PageRequest
from minesales_desktop.services.customers import customers


def test_new_file_starts_at_head_with_wal_and_foreign_keys(tmp_path: Path) -> None:
    engine = open_database(tmp_path / "new.db")
    try:
        assert current_revision(engine) == head_revision()
        with engine.connect() as conn:
            assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
    finally:
        engine.dispose()
    assert not (tmp_path / "backups").exists(), "a brand-new file needs no backup"


def test_migrations_produce_exactly_the_models(tmp_path: Path) -> None:
    engine = open_database(tmp_path / "head.db")
    try:
        with engine.connect() as conn:
            ctx = MigrationContext.configure(
                conn,
                opts={
                    "compare_type": True,
                    "include_object": lambda obj, name, type_, reflected, compare_to: (
                        not (type_ == "table" and name and name.startswith("customer_search_fts"))
                    ),
                },
            )
            diff = compare_metadata(ctx, Base.metadata)
    finally:
        engine.dispose()
    assert diff == [], f"models and migrations disagree: {diff}"


def test_no_float_columns_and_money_is_scaled_integer() -> None:
    exact = 0
    for table in Base.metadata.tables.values():
        for column in table.columns:
            assert not isinstance(column.type, Float), f"{table.name}.{column.name} is a float"
            if isinstance(column.type, ScaledDecimal):
                exact += 1
                assert isinstance(column.type.impl_instance, BigInteger)
            else:
                assert not isinstance(column.type, Numeric), f"{table.name}.{column.name}"
    assert exact > 40


def test_sqlite_file_has_no_real_columns(engine) -> None:
    with engine.connect() as conn:
        tables = [
            r[0] for r in conn.execute(text("SELECT name FROM sqlite_master WHERE type='table'"))
        ]
        for table in tables:
            for row in conn.execute(text(f"PRAGMA table_info('{table}')")):
                declared = (row[2] or "").upper()
                assert not any(t in declared for t in ("REAL", "FLOA", "DOUB", "NUMERIC")), (
                    f"{table}.{row[1]} is {declared}"
                )


def test_upgrade_from_first_revision_keeps_data_and_makes_it_searchable(tmp_path: Path) -> None:
    """A laptop still on 0001, with customers and contacts in it, opens with this version."""
    path = tmp_path / "old.db"
    engine = make_engine(path)
    upgrade(engine, "0001")
    now = dt.datetime(2025, 3, 1, 8, 0).isoformat(sep=" ")
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO customers (id, code, name_zh, name_en, short_name, uscc,"
                " customer_type, tier, status, created_at, updated_at, is_deleted)"
                " VALUES (:id, :code, :zh, :en, :short, :uscc, 'STEEL_MILL', 'A', 'ACTIVE',"
                " :now, :now, 0)"
            ),
            [
                {
                    "id": "c1",
                    "code": "C-1",
                    "zh": "包头稀钢有限公司",
                    "en": "Baotou Rare Steel",
                    "short": "包钢",
                    "uscc": "91350100M000100Y43",
                    "now": now,
                },
                {
                    "id": "c2",
                    "code": "C-2",
                    "zh": "日照港通矿业有限公司",
                    "en": None,
                    "short": None,
                    "uscc": None,
                    "now": now,
                },
            ],
        )
        conn.execute(
            text(
                "INSERT INTO contacts (id, customer_id, name, mobile, is_primary, created_at,"
                " updated_at, is_deleted) VALUES ('k1', 'c2', '王五', '13912345678', 1, :now,"
                " :now, 0)"
            ),
            {"now": now},
        )
        conn.execute(
            text(
                "INSERT INTO credit_profiles (id, customer_id, score, rating, credit_limit,"
                " currency, credit_days, security, reviewed_on, created_at, updated_at,"
                " is_deleted) VALUES ('p1', 'c1', 82, 'AA', 500000001234, 'CNY', 30, 'NONE',"
                " '2025-02-01', :now, :now, 0)"
            ),
            {"now": now},
        )
    engine.dispose()

    engine = open_database(path)
    try:
        assert current_revision(engine) == head_revision()
        backups = list((tmp_path / "backups").glob("old-*-pre-upgrade-0001.db"))
        assert len(backups) == 1, "the file is backed up before the upgrade"
        with sqlite3.connect(backups[0]) as con:
            assert con.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
        with make_session_factory(engine)() as session:
            assert customers.get(session, "c1").name_en == "Baotou Rare Steel"
            for query, code in [
                ("bg", "C-1"),
                ("包钢", "C-1"),
                ("baotouxigang", "C-1"),
                ("港通矿业", "C-2"),
                ("13912345678", "C-2"),
                ("rzgt", "C-2"),
            ]:
                page = customers.search(session, query, PageRequest())
                assert [c.code for c in page.items] == [code], query
            limit = session.execute(
                text("SELECT credit_limit FROM credit_profiles WHERE id='p1'")
            ).scalar()
            assert limit == 500000001234  # 50 000 000.1234 CNY kept to the last digit
    finally:
        engine.dispose()


def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path) -> None:
    junk = tmp_path / "notes.db"
    junk.write_text("this is not sqlite")
    with pytest.raises(MigrationError, match="not a MineSales database"):
        open_database(junk)
    assert junk.read_text() == "this is not sqlite"


def test_a_foreign_sqlite_file_is_refused(tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as con:
        con.execute("CREATE TABLE t (x)")
    with pytest.raises(MigrationError, match="no schema version"):
        open_database(other)


def test_a_newer_schema_is_refused_with_please_update(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    open_database(path).dispose()
    with sqlite3.connect(path) as con:
        con.execute("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(MigrationError, match="newer MineSales.*please update"):
        open_database(path)
