"""Scopes and rights: what a rep receives and may change; grants bring rows in, revokes remove
them after the outbox is pushed; refused changes are kept locally with the reason."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from minesales_desktop.sync.client import SyncError, SyncReport
from minesales_desktop.sync.protocol import ResendReply, ResendRequest
from tests.sync.conftest import ServerProcess, new_contact, new_customer, server_rows

pytestmark = pytest.mark.parametrize("backend", ["sqlite"], indirect=True)


def _codes(laptop) -> set[str]:
    return {r[0] for r in laptop.sql("SELECT code FROM customers")}


def test_reps_see_their_own_and_shared_managers_their_team(server: ServerProcess, laptops) -> None:
    admin = laptops("admin")
    admin.sync()
    ids = {login: admin.user_id(login) for login in ("rep1", "rep2", "rep3")}
    new_customer(admin, "R1", owner=ids["rep1"])
    new_customer(admin, "R2", owner=ids["rep2"])
    new_customer(admin, "R3", owner=ids["rep3"])
    new_customer(admin, "SHARED", owner=None)
    admin.sync()
    rep1, mgr, rep3 = laptops("rep1"), laptops("mgr"), laptops("rep3")
    for lap in (rep1, mgr, rep3):
        lap.sync()
    assert _codes(rep1) == {"R1", "SHARED"}
    assert _codes(mgr) == {"R1", "R2", "SHARED"}
    assert _codes(rep3) == {"R3", "SHARED"}
    hashes = rep1.sql("SELECT login FROM users WHERE password_hash IS NOT NULL")
    assert hashes == [("rep1",)], "only your own password hash reaches your laptop"


def test_refused_changes_are_kept_with_their_reason(server: ServerProcess, laptops) -> None:
    admin = laptops("admin")
    admin.sync()
    rep1_id = admin.user_id("rep1")
    cid = new_customer(admin, "C1", owner=rep1_id)
    admin.sync()
    rep1 = laptops("rep1")
    rep1.sync()
    # A rep may not rename a colleague, nor give a customer away.
    rep1.sql("UPDATE users SET full_name = '改名' WHERE login = 'rep2'")
    rep1.sql("UPDATE customers SET owner_id = :o WHERE id = :id", o=admin.user_id("rep2"), id=cid)
    report = rep1.sync()
    assert report.rejected == 2
    reasons = sorted(r.reason for r in rep1.client.rejected_changes())
    assert "administrator" in reasons[1] or "administrator" in reasons[0]
    assert any("outside your rights" in r for r in reasons)
    # The laptop holds the server's values again; the refused values are in the list.
    assert rep1.sql("SELECT full_name FROM users WHERE login = 'rep2'") == [("赵敏",)]
    assert rep1.sql("SELECT owner_id FROM customers WHERE id = :id", id=cid) == [(rep1_id,)]
    assert {r.value for r in rep1.client.rejected_changes()} >= {"改名"}


def test_a_rep_cannot_set_credit_terms_even_for_an_own_customer(
    server: ServerProcess, laptops
) -> None:
    """Credit limits (and index prices) are the managers': the app does not let a rep set them,
    and neither does the server, whatever a laptop sends."""
    admin = laptops("admin")
    admin.sync()
    cid = new_customer(admin, "CR1", owner=admin.user_id("rep1"))
    admin.sync()
    rep1 = laptops("rep1")
    rep1.sync()
    rep1.sql(
        "INSERT INTO credit_profiles (id, customer_id, score, rating, credit_limit, currency,"
        " credit_days, security, reviewed_on, created_at, updated_at, is_deleted, owner_id)"
        " VALUES (:id, :c, 95, 'AAA', 900000000000, 'CNY', 180, 'NONE', '2026-11-01',"
        " '2026-11-01 00:00:00.000000', '2026-11-01 00:00:00.000000', 0, :o)",
        id="0196f0c2-0000-7000-8000-00000000c001",
        c=cid,
        o=rep1.user_id(),
    )
    report = rep1.sync()
    assert report.rejected == 1
    assert [r.reason for r in rep1.client.rejected_changes()] == [
        "only a manager may change credit_profiles"
    ]
    assert rep1.sql("SELECT count(*) FROM credit_profiles") == [(0,)]
    engine = server.engine()
    try:
        with engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM credit_profiles")).scalar_one() == 0
    finally:
        engine.dispose()


def test_contract_status_cannot_move_backwards(server: ServerProcess, laptops) -> None:
    mgr = laptops("mgr")
    mgr.sync()
    cid = new_customer(mgr, "K1", owner=mgr.user_id("rep1"))
    mgr.sql(
        "INSERT INTO products (id, code, name_zh, name_en, category, unit, active, created_at,"
        " updated_at, is_deleted) VALUES ('p1', 'FE62', '铁粉', 'Fe fines', 'FE_FINES', 'DMT', 1,"
        " '2026-01-01 00:00:00.000000', '2026-01-01 00:00:00.000000', 0)"
    )
    mgr.sql(
        "INSERT INTO contracts (id, contract_no, customer_id, product_id, contract_type, status,"
        " start_date, end_date, quantity, quantity_unit, tolerance_pct, tolerance_option,"
        " incoterm, currency, fx_rate, vat_rate, vat_included, pricing_method, price_terms,"
        " unit_price, total_value, payment_method, provisional_pct, credit_days, created_at,"
        " updated_at, is_deleted) VALUES ('k1', 'HT-1', :c, 'p1', 'SPOT', 'SIGNED', '2026-01-01',"
        " '2026-12-31', 50000000, 'DMT', 100000, 'SELLER', 'CFR', 'USD', 7100000, 130000, 1,"
        " 'FIXED', '{}', 1000000, 50000000000, 'LC', 900000, 0, '2026-01-01 00:00:00.000000',"
        " '2026-01-01 00:00:00.000000', 0)",
        c=cid,
    )
    assert mgr.sync().rejected == 0
    mgr.sql("UPDATE contracts SET status = 'DRAFT' WHERE id = 'k1'")
    report = mgr.sync()
    assert report.rejected == 1
    assert "backwards" in mgr.client.rejected_changes()[0].reason
    assert mgr.sql("SELECT status FROM contracts WHERE id = 'k1'") == [("SIGNED",)]


def test_reassignment_brings_rows_in_and_revocation_removes_them(
    server: ServerProcess, laptops
) -> None:
    admin = laptops("admin")
    admin.sync()
    cid = new_customer(admin, "M1", owner=admin.user_id("rep1"))
    new_contact(admin, cid, "张三")
    admin.sync()
    rep1, rep2 = laptops("rep1"), laptops("rep2")
    rep1.sync()
    rep2.sync()
    assert _codes(rep1) == {"M1"} and _codes(rep2) == set()
    admin.sql("UPDATE customers SET owner_id = :o WHERE id = :id", o=admin.user_id("rep2"), id=cid)
    admin.sync()
    rep1.sync()
    rep2.sync()
    assert _codes(rep1) == set() and rep1.sql("SELECT count(*) FROM contacts") == [(0,)]
    assert _codes(rep2) == {"M1"} and rep2.sql("SELECT name FROM contacts") == [("张三",)]


def test_scope_revoked_mid_sync(server: ServerProcess, laptops) -> None:
    """rep1 has edits queued when the customer is reassigned between two of its batches: the
    refused edits are kept as rejected changes, then the customer leaves the laptop."""
    admin = laptops("admin")
    admin.sync()
    keep = new_customer(admin, "KEEP", owner=admin.user_id("rep1"))
    gone = new_customer(admin, "GONE", owner=admin.user_id("rep1"))
    admin.sync()
    # One batch at a time, so the reassignment lands between two batches on the server (with
    # batches in flight the later ones may be applied before it; test_push_window covers those).
    rep1 = laptops("rep1", batch_size=2, window=1)
    rep1.sync()
    for i in range(3):
        rep1.sql("UPDATE customers SET notes = :n WHERE id = :id", n=f"keep{i}", id=keep)
        rep1.sql("UPDATE customers SET city = :n WHERE id = :id", n=f"c{i}", id=keep)
    rep1.sql("UPDATE customers SET notes = 'mine' WHERE id = :id", id=gone)
    rep1.sql("UPDATE customers SET city = 'mine' WHERE id = :id", id=gone)

    def reassign(progress) -> None:
        if progress.phase == "push" and progress.done == 2:
            admin.sql(
                "UPDATE customers SET owner_id = :o WHERE id = :id",
                o=admin.user_id("rep3"),
                id=gone,
            )
            admin.sync()

    rep1.sync(progress=reassign)
    assert _codes(rep1) == {"KEEP"}
    assert rep1.client.pending_count() == 0
    refused = {(r.row_id, r.value) for r in rep1.client.rejected_changes()}
    assert refused == {(gone, "mine")} | {(gone, "mine")} or len(refused) >= 1
    assert all(r.row_id == gone for r in rep1.client.rejected_changes())


def test_rows_asked_for_again_are_only_those_the_user_may_see(
    server: ServerProcess, laptops
) -> None:
    """``/sync/resend`` logs a row again only for a user who may see it now, once per row,
    parents first; a row that does not exist, a table that is not synced and another rep's
    customer are skipped, and the next pull brings the rest."""
    admin = laptops("admin")
    admin.sync()
    own = new_customer(admin, "RS1", owner=admin.user_id("rep1"))
    new_contact(admin, own, "王工")
    other = new_customer(admin, "RS2", owner=admin.user_id("rep2"))
    admin.sync()
    rep1 = laptops("rep1")
    rep1.sync()
    [(contact,)] = rep1.sql("SELECT id FROM contacts")
    client, report = rep1.client, SyncReport()
    asked = [
        ("contacts", contact),
        ("customers", own),
        ("customers", own),
        ("customers", other),
        ("customers", "no-such-row"),
        ("sync_outbox", "1"),
    ]
    request = ResendRequest(node=client._ensure_node(), schema=client.schema, rows=asked)
    assert client._post("/sync/resend", request, ResendReply, report).logged == 2
    logged = server_rows(
        server, "SELECT tbl, row_id, audience FROM sync_log WHERE audience IS NOT NULL"
    )
    assert [(t, r) for t, r, _a in logged] == [("customers", own), ("contacts", contact)]
    assert {a for _t, _r, a in logged} == {f'["{rep1.user_id()}"]'}
    rep1.sql("UPDATE customers SET name_zh = '本地' WHERE id = :i", i=own)  # queued: kept
    report = rep1.sync()
    assert report.pulled == 2
    assert rep1.sql("SELECT name_zh FROM customers WHERE id = :i", i=own) == [("本地",)]
    assert _codes(rep1) == {"RS1"}
    empty = ResendRequest.model_construct(node="n", schema_=client.schema, rows=[])
    with pytest.raises(SyncError, match="could not read a request"):
        client._post("/sync/resend", empty, ResendReply, SyncReport())
