"""Local fields: the customer search keys are derived on every laptop, never captured or synced,
and recomputed whenever server data that they depend on is applied — replicas still agree."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select, text
from sqlalchemy.orm import Session

from minesales_desktop.db.engine import make_engine, make_session_factory
from minesales_desktop.db.migrate import head_revision, upgrade
from minesales_desktop.models.customers import Contact, Customer
from minesales_desktop.models.people import User
from minesales_desktop.services.auth import Actor, actor_for
from minesales_desktop.services.crud import PageRequest
from minesales_desktop.services.customers import (
    contacts,
    customers,
    refresh_customer_search_keys,
    refresh_search_keys,
)
from minesales_desktop.sync.changes import capture_trigger_sql
from minesales_desktop.sync.client import SyncProgress
from minesales_desktop.sync.tables import LOCAL_FIELDS, codec
from minesales_desktop.textsearch import customer_search_text
from tests.sync.conftest import Laptop, ServerProcess

KEYS = ("name_pinyin", "name_initials", "search_text")


# --- helpers ----------------------------------------------------------------------------------
def _keys(engine: Engine, cid: str) -> tuple[str, str, str]:
    with engine.connect() as conn:
        row = conn.execute(
            text("SELECT name_pinyin, name_initials, search_text FROM customers WHERE id = :i"),
            {"i": cid},
        ).one()
    return (row[0], row[1], row[2])


def _outbox(engine: Engine) -> list[tuple[Any, ...]]:
    with engine.connect() as conn:
        return [
            tuple(r)
            for r in conn.execute(
                text(
                    "SELECT op_id, tbl, row_id, field, value, batch_id, acked_seq FROM sync_outbox"
                    " ORDER BY id"
                )
            )
        ]


def _assert_no_local_fields(engine: Engine) -> None:
    ops = _outbox(engine)
    assert ops, "the test made changes"
    for _op_id, tbl, _row, fld, value, _b, _a in ops:
        local = LOCAL_FIELDS.get(tbl, frozenset())
        assert fld not in local
        if fld == "*":
            assert not local & set(json.loads(value)), value


def _session(engine: Engine) -> Session:
    return make_session_factory(engine)()


def _actor(session: Session, login: str) -> Actor:
    return actor_for(session.scalars(select(User).where(User.login == login)).one())


def _found(engine: Engine, query: str) -> set[str]:
    with _session(engine) as s:
        return {c.id for c in customers.search(s, query, PageRequest(limit=100)).items}


def _expected(engine: Engine, cid: str) -> tuple[str, str, str]:
    """What the ORM path computes for this customer from this database."""
    with _session(engine) as s:
        row = s.get(Customer, cid)
        assert row is not None
        refresh_search_keys(s, row)
        keys = (row.name_pinyin, row.name_initials, row.search_text)
        s.rollback()
    return keys


def _stop_after_first_batch() -> tuple[Any, Any]:
    """(progress, cancelled) callbacks that cancel the sync once one push batch is applied."""
    pushed: list[int] = []

    def progress(p: SyncProgress) -> None:
        if p.phase == "push" and p.done:
            pushed.append(p.done)

    return progress, lambda: bool(pushed)


# --- the codec and the triggers ---------------------------------------------------------------
def test_codec_leaves_local_fields_out_of_the_wire_but_not_out_of_storage() -> None:
    tc = codec("customers")
    assert set(KEYS) == LOCAL_FIELDS["customers"]
    assert not set(KEYS) & set(tc.columns)
    assert set(KEYS) <= set(tc.storage.c.keys())
    assert tc.local == dict.fromkeys(KEYS, "")
    decoded = tc.decode_row({"code": "C1", "search_text": "x", "name_pinyin": "y"})
    assert decoded == {"code": "C1"}, "an older peer's search keys are dropped silently"
    with pytest.raises(ValueError, match="no field"):
        tc.decode_row({"code": "C1", "nonsense": 1})
    assert tc.encode_row({"code": "C1", "search_text": "x"}) == {"code": "C1"}
    assert tc.with_local({"code": "C1", "search_text": "kept"}) == {
        "code": "C1",
        "search_text": "kept",
        "name_pinyin": "",
        "name_initials": "",
    }
    assert codec("contacts").local == {}
    assert codec("contacts").with_local({"name": "x"}) == {"name": "x"}
    insert, update, _delete = capture_trigger_sql("customers", ["id", "code", *KEYS, "notes"])
    assert "search_text" not in insert and "search_text" not in update
    assert 'AFTER UPDATE OF "code", "notes" ON "customers"' in update


def test_the_outbox_never_holds_local_fields(session: Session, engine: Engine, dept) -> None:
    c = customers.create(
        session,
        dept.rep,
        {"code": "bt-1", "name_zh": "包头稀钢有限公司", "customer_type": "STEEL_MILL"},
    )
    k = contacts.create(
        session,
        dept.rep,
        {"customer_id": c.id, "name": "王工", "mobile": "13800138000"},
    )
    session.commit()
    customers.update(session, dept.rep, c.id, {"name_zh": "包头钢铁集团", "short_name": "包钢"})
    contacts.update(session, dept.rep, k.id, {"phone": "0472-2181234"})
    session.commit()
    contacts.delete(session, dept.rep, k.id)
    session.commit()
    _assert_no_local_fields(engine)
    fields = {(r[1], r[3]) for r in _outbox(engine)}
    assert {("customers", "name_zh"), ("customers", "short_name"), ("contacts", "phone")} <= fields
    pinyin, initials, haystack = _keys(engine, c.id)
    assert (pinyin, initials) == ("baotougangtiejituan", "btgtjt")
    assert "bg" in haystack.split("|") and "13800138000" not in haystack


def test_orm_and_core_compute_byte_identical_search_keys(
    session: Session, engine: Engine, dept
) -> None:
    made = [
        customers.create(
            session,
            dept.rep,
            {
                "code": "bt-2",
                "name_zh": "包头稀钢有限公司",
                "name_en": "Baotou Rare Steel",
                "short_name": "包钢",
                "customer_type": "STEEL_MILL",
            },
        ),
        customers.create(
            session,
            dept.rep,
            {"code": "cs-1", "name_zh": "长沙重庆贸易公司", "customer_type": "TRADER"},
        ),
        customers.create(
            session, dept.rep, {"code": "e-1", "name_zh": "无联系人", "customer_type": "TRADER"}
        ),
    ]
    # Contacts whose ids are *not* in creation order: the phone order is the id order.
    for cid, kid, phone, mobile in [
        (made[0].id, "ffff0000-0000-7000-8000-000000000001", "+86 472 218 1234", "13900001111"),
        (made[0].id, "00000000-0000-7000-8000-000000000002", None, "+8613800138000"),
        (made[1].id, "80000000-0000-7000-8000-000000000003", "0731-8888 7777", None),
    ]:
        session.add(Contact(id=kid, customer_id=cid, name="联系人", phone=phone, mobile=mobile))
    session.add(
        Contact(customer_id=made[1].id, name="已删除", mobile="13700000000", is_deleted=True)
    )
    session.flush()
    for dto in made:
        row = session.get(Customer, dto.id)
        assert row is not None
        refresh_search_keys(session, row)
    session.commit()
    orm = {dto.id: _keys(engine, dto.id) for dto in made}
    assert orm[made[0].id][2].index("8613800138000") < orm[made[0].id][2].index("864722181234")
    assert "13700000000" not in orm[made[1].id][2]
    with engine.begin() as conn:
        assert refresh_customer_search_keys(conn, orm) == 0, "nothing to change"
        conn.execute(
            text("UPDATE customers SET name_pinyin = '', name_initials = '', search_text = ''")
        )
        assert refresh_customer_search_keys(conn, [*orm, "no-such-customer"]) == len(made)
    assert {cid: _keys(engine, cid) for cid in orm} == orm
    # And the same as the pure function with the phones in id order.
    assert orm[made[0].id] == customer_search_text(
        code="BT-2",
        name_zh="包头稀钢有限公司",
        name_en="Baotou Rare Steel",
        short_name="包钢",
        phones=["+8613800138000", "+86 472 218 1234", "13900001111"],
    )


def test_refreshing_keeps_every_other_column(session: Session, engine: Engine, dept) -> None:
    c = customers.create(
        session,
        dept.rep,
        {"code": "u-1", "name_zh": "日照港通矿业有限公司", "customer_type": "TRADER"},
    )
    session.commit()
    with engine.begin() as conn:
        conn.execute(text("UPDATE customers SET search_text = 'stale'"))
        before = conn.execute(text("SELECT * FROM customers")).one()
        pending = conn.execute(text("SELECT count(*) FROM sync_outbox")).scalar()
        assert refresh_customer_search_keys(conn, [c.id]) == 1
        after = conn.execute(text("SELECT * FROM customers")).one()
        changed = [k for k, a, b in zip(after._fields, before, after, strict=True) if a != b]
        assert changed == ["search_text"]
        assert conn.execute(text("SELECT count(*) FROM sync_outbox")).scalar() == pending
    assert _found(engine, "rzgt") == {c.id}
    assert _found(engine, "日照港") == {c.id}, "the FTS index follows (3+ characters)"


# --- migration 0005 ---------------------------------------------------------------------------
CUSTOMER = (
    "INSERT INTO customers (id, code, name_zh, customer_type, tier, status, created_at,"
    " updated_at, is_deleted, name_pinyin, name_initials, search_text) VALUES (:id, :code, '包钢',"
    " 'STEEL_MILL', 'A', 'ACTIVE', '2026-01-01 00:00:00.000000', '2026-01-01 00:00:00.000000', 0,"
    " 'baogang', 'bg', 'bg|baogang')"
)


def test_migration_0005_cleans_the_outbox(tmp_path: Path) -> None:
    engine = make_engine(tmp_path / "old.db")
    try:
        upgrade(engine, "0004")
        with engine.begin() as conn:
            run = conn.execute
            run(text(CUSTOMER), {"id": "c1", "code": "C1"})
            run(text("UPDATE customers SET search_text = 'x', notes = 'n1', city = '包头'"))
            run(text("UPDATE sync_outbox SET batch_id = 'b1'"))  # in flight, not answered
            run(text("UPDATE customers SET search_text = 'y', notes = 'n2' WHERE id = 'c1'"))
            run(text(CUSTOMER), {"id": "c2", "code": "C2"})
            run(text("UPDATE sync_outbox SET batch_id = 'b0', acked_seq = 7 WHERE row_id = 'c2'"))
        before = {(r[2], r[3], r[5]): r for r in _outbox(engine)}
        assert ("c1", "search_text", "b1") in before and ("c1", "search_text", None) in before
        assert "search_text" in json.loads(before[("c1", "*", "b1")][4])

        upgrade(engine)
        after = {(r[2], r[3]): r for r in _outbox(engine)}
        assert set(after) == {("c1", "*"), ("c1", "city"), ("c1", "notes"), ("c2", "*")}
        star = after[("c1", "*")]
        assert star[0] == before[("c1", "*", "b1")][0], "the op keeps its id"
        assert star[5] is None, "back in the queue: the batch it was in changed"
        assert not set(KEYS) & set(json.loads(star[4]))
        assert json.loads(star[4])["code"] == "C1"
        assert after[("c1", "city")][5] is None
        notes = after[("c1", "notes")]
        assert notes[4] == '"n2"' and notes[5] is None, "the newer unbatched op supersedes"
        acked = after[("c2", "*")]
        assert acked[5:] == ("b0", 7) and not set(KEYS) & set(json.loads(acked[4]))

        # The new triggers leave the local fields out.
        with engine.begin() as conn:
            conn.execute(text("UPDATE customers SET search_text = 'z' WHERE id = 'c2'"))
            conn.execute(text(CUSTOMER), {"id": "c3", "code": "C3"})
        _assert_no_local_fields(engine)
        assert len(_outbox(engine)) == 5
        # Down and up again: 0004's triggers captured every column.
        from alembic import command

        from minesales_desktop.db.migrate import alembic_config

        command.downgrade(alembic_config(engine), "0004")
        with engine.begin() as conn:
            conn.execute(text("UPDATE customers SET search_text = 'w' WHERE id = 'c2'"))
        assert ("c2", "search_text") in {(r[2], r[3]) for r in _outbox(engine)}
        upgrade(engine)
        _assert_no_local_fields(engine)
        with engine.connect() as conn:
            version = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        assert version == head_revision()
    finally:
        engine.dispose()


# --- two laptops and a server -----------------------------------------------------------------
def _new_customer_with_contacts(laptop: Laptop, code: str, name: str, *phones: str) -> str:
    with _session(laptop.engine) as s:
        actor = _actor(s, laptop.login)
        rep1 = s.scalars(select(User).where(User.login == "rep1")).one()
        c = customers.create(
            s,
            actor,
            {"code": code, "name_zh": name, "customer_type": "STEEL_MILL", "owner_id": rep1.id},
        )
        for i, phone in enumerate(phones):
            contacts.create(s, actor, {"customer_id": c.id, "name": f"联系人{i}", "mobile": phone})
        s.commit()
        return c.id


def _contact_ids(laptop: Laptop, cid: str) -> list[str]:
    rows = laptop.sql("SELECT id FROM contacts WHERE customer_id = :c ORDER BY id", c=cid)
    return [r[0] for r in rows]


def test_laptops_recompute_the_same_search_keys(server: ServerProcess, laptops) -> None:
    a, b = laptops("admin"), laptops("mgr")
    a.sync()
    b.sync()
    cid = _new_customer_with_contacts(a, "bt-9", "包头稀钢有限公司", "13800138000", "13912345678")
    _assert_no_local_fields(a.engine)
    a.sync()
    # The server neither receives nor logs them.
    engine = server.engine()
    try:
        with engine.connect() as conn:
            assert _keys(engine, cid) == ("", "", "")
            for (value,) in conn.execute(
                text("SELECT value FROM sync_log WHERE tbl = 'customers' AND row_id = :r"),
                {"r": cid},
            ):
                assert value is None or ("search_text" not in value and "name_pinyin" not in value)
    finally:
        engine.dispose()

    b.sync()
    keys = _keys(a.engine, cid)
    assert keys[0] == "baotouxigangyouxiangongsi"
    assert _keys(b.engine, cid) == keys, "byte-identical on the other laptop"
    for query in ("baotouxigang", "btxg", "包头稀", "bt", "12345", "138001", "67"):
        assert _found(b.engine, query) == {cid}, query

    # A changes a contact's phone: B's search_text follows.
    first = _contact_ids(a, cid)[0]
    with _session(a.engine) as s:
        contacts.update(s, _actor(s, "admin"), first, {"mobile": "13755550000"})
        s.commit()
    a.sync()
    b.sync()
    assert _keys(b.engine, cid) == _keys(a.engine, cid) == _expected(a.engine, cid)
    assert _found(b.engine, "137555") == {cid}
    assert _found(b.engine, "138001") == set()

    # A renames the customer and deletes the other contact: B follows again.
    with _session(a.engine) as s:
        actor = _actor(s, "admin")
        customers.update(s, actor, cid, {"name_zh": "重庆钢铁股份有限公司"})
        contacts.delete(s, actor, _contact_ids(a, cid)[1])
        s.commit()
    a.sync()
    b.sync()
    assert _keys(b.engine, cid) == _keys(a.engine, cid) == _expected(b.engine, cid)
    assert _found(b.engine, "chongqing") == {cid}
    assert _found(b.engine, "12345") == set()
    assert b.client.pending_count() == 0, "recomputing captured nothing"


def test_a_contact_moved_to_another_customer_refreshes_both(server: ServerProcess, laptops) -> None:
    a, b = laptops("admin"), laptops("mgr")
    a.sync()
    b.sync()
    one = _new_customer_with_contacts(a, "m-1", "日照港通矿业有限公司", "13811112222")
    two = _new_customer_with_contacts(a, "m-2", "长沙矿冶有限公司")
    a.sync()
    b.sync()
    assert _found(b.engine, "1381111") == {one}
    # Not something the services do; a CLI fix-up or a DB browser may.
    moved = _contact_ids(a, one)[0]
    a.sql("UPDATE contacts SET customer_id = :c WHERE id = :k", c=two, k=moved)
    with a.engine.begin() as conn:
        assert refresh_customer_search_keys(conn, [one, two]) == 2
    a.sync()
    b.sync()
    assert _keys(b.engine, one) == _keys(a.engine, one) == _expected(b.engine, one)
    assert _keys(b.engine, two) == _keys(a.engine, two) == _expected(b.engine, two)
    assert _found(b.engine, "1381111") == {two}


def test_a_losing_phone_is_reverted_with_its_search_keys(server: ServerProcess, laptops) -> None:
    a, b = laptops("admin"), laptops("mgr")
    a.sync()
    b.sync()
    cid = _new_customer_with_contacts(a, "r-1", "包头稀钢有限公司", "13800000001")
    a.sync()
    b.sync()
    kid = _contact_ids(b, cid)[0]
    with _session(b.engine) as s:  # B edits first: the older stamp, it will lose
        contacts.update(s, _actor(s, "mgr"), kid, {"mobile": "13800000002"})
        s.commit()
    time.sleep(0.01)
    with _session(a.engine) as s:
        contacts.update(s, _actor(s, "admin"), kid, {"mobile": "13800000003"})
        s.commit()
    a.sync()
    progress, cancelled = _stop_after_first_batch()
    report = b.sync(progress=progress, cancelled=cancelled)
    assert report.cancelled and report.conflicts == 1 and report.pulled == 0
    # Reverted to the winner's phone by the push answer alone (no pull yet): keys follow.
    assert b.sql("SELECT mobile FROM contacts WHERE id = :k", k=kid)[0][0] == "13800000003"
    assert "13800000003" in _keys(b.engine, cid)[2]
    assert _keys(b.engine, cid) == _keys(a.engine, cid)
    b.sync()
    assert _keys(b.engine, cid) == _keys(a.engine, cid)
