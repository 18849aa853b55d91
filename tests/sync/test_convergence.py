"""Laptops editing offline and syncing in every order end identical, with conflicts in the inbox."""

from __future__ import annotations

import itertools

from tests.sync.conftest import (
    ServerProcess,
    converged,
    new_contact,
    new_customer,
)


def test_two_and_three_laptops_converge_in_every_order(server: ServerProcess, laptops) -> None:
    """Managers of one team see the same customers; every sync order reaches the same state."""
    for n in (2, 3):
        for order in itertools.permutations(range(n)):
            team = [laptops("mgr") if i == 0 else laptops("admin") for i in range(n)]
            for lap in team:
                lap.sync()
            rep1 = team[0].user_id("rep1")
            cid = new_customer(team[0], f"P{n}{''.join(map(str, order))}", owner=rep1)
            team[0].sync()
            for lap in team[1:]:
                lap.sync()
            # Offline: everyone edits — one field all share, one field each, a contact each.
            for i, lap in enumerate(team):
                lap.sql("UPDATE customers SET notes = :v WHERE id = :id", v=f"n{i}", id=cid)
                column = ["province", "city", "address"][i]
                lap.sql(
                    f"UPDATE customers SET {column} = :v WHERE id = :id",
                    v=f"v{i}",
                    id=cid,
                )
                new_contact(lap, cid, f"联系人{i}")
            for i in order:
                team[i].sync()
            for lap in team:
                lap.sync()
            converged(server, *team)
            row = team[0].sql(
                "SELECT province, city, address FROM customers WHERE id = :id", id=cid
            )[0]
            assert row[:n] == tuple(f"v{i}" for i in range(n)), (
                "edits of different fields all survive"
            )
            contacts = team[0].sql("SELECT count(*) FROM contacts WHERE customer_id = :id", id=cid)
            assert contacts[0][0] == n
            # Exactly n-1 losing values of `notes`, each in its author's inbox.
            losers = [c for lap in team for c in lap.client.conflicts() if c.row_id == cid]
            assert len(losers) == n - 1
            winner = team[0].sql("SELECT notes FROM customers WHERE id = :id", id=cid)[0][0]
            assert {c.mine for c in losers} | {winner} == {f"n{i}" for i in range(n)}
            # "theirs" is the value it lost against then (which may itself have lost later).
            assert all(c.field == "notes" and c.theirs != c.mine for c in losers)


def test_conflict_inbox_keep_mine_and_theirs(server: ServerProcess, laptops) -> None:
    a, b = laptops("mgr"), laptops("admin")
    a.sync()
    cid = new_customer(a, "K1", owner=a.user_id("rep1"))
    a.sync()
    b.sync()
    a.sql("UPDATE customers SET name_zh = '甲' WHERE id = :id", id=cid)
    b.sql("UPDATE customers SET name_zh = '乙' WHERE id = :id", id=cid)
    a.sync()
    b.sync()
    a.sync()
    inbox = a.client.conflicts() + b.client.conflicts()
    assert len(inbox) == 1
    item = inbox[0]
    loser = a if item.mine == "甲" else b
    assert item.theirs in ("甲", "乙") and item.theirs != item.mine
    assert item.their_user_name in ("王经理", "系统管理员")
    loser.client.resolve_conflict(item.id, "mine")
    assert loser.client.conflicts() == []
    loser.sync()
    for lap in (a, b):
        lap.sync()
    converged(server, a, b)
    assert a.sql("SELECT name_zh FROM customers WHERE id = :id", id=cid)[0][0] == item.mine


def test_the_same_value_on_both_sides_is_no_conflict(server: ServerProcess, laptops) -> None:
    """Two laptops that type the same correction offline disagree about nothing: no inbox entry
    on either, in either push order; a field where they differ still goes to the inbox."""
    for first in (0, 1):
        a, b = laptops("mgr"), laptops("admin")
        a.sync()
        cid = new_customer(a, f"S{first}", owner=a.user_id("rep1"), address="旧地址")
        a.sync()
        b.sync()
        for lap, note in ((a, "甲的备注"), (b, "乙的备注")):
            lap.sql("UPDATE customers SET address = '新地址 88号' WHERE id = :id", id=cid)
            lap.sql("UPDATE customers SET notes = :v WHERE id = :id", v=note, id=cid)
        order = (a, b) if first == 0 else (b, a)
        for lap in (*order, *order):
            lap.sync()
        converged(server, a, b)
        assert a.sql("SELECT address FROM customers WHERE id = :id", id=cid)[0][0] == "新地址 88号"
        inbox = [c for lap in (a, b) for c in lap.client.conflicts() if c.row_id == cid]
        assert [c.field for c in inbox] == ["notes"], inbox


def test_same_value_is_strict() -> None:
    """What counts as "the same" value: equal type and value, a Decimal also as written."""
    from decimal import Decimal

    from minesales_desktop.sync.server.store import _same

    assert _same("新地址", "新地址")
    assert _same(Decimal("1.50"), Decimal("1.50"))
    assert not _same(Decimal("1.5"), Decimal("1.50"))  # the laptop would keep another form
    assert not _same(1, True)
    assert not _same(None, "")
    assert not _same("a", "b")


def test_delete_against_concurrent_edit_keeps_the_row_and_flags_it(
    server: ServerProcess, laptops
) -> None:
    a, b = laptops("mgr"), laptops("admin")
    a.sync()
    cid = new_customer(a, "D1", owner=a.user_id("rep1"))
    cid2 = new_customer(a, "D2", owner=a.user_id("rep1"))
    a.sync()
    b.sync()
    # Edit first, delete second: the delete loses.
    a.sql("UPDATE customers SET notes = 'still a customer' WHERE id = :id", id=cid)
    b.sql("UPDATE customers SET is_deleted = 1 WHERE id = :id", id=cid)
    # Delete first, edit second: the edit brings the row back.
    b.sql("UPDATE customers SET is_deleted = 1 WHERE id = :id", id=cid2)
    a.sql("UPDATE customers SET notes = 'visited' WHERE id = :id", id=cid2)
    a.sync()
    b.sync()
    a.sync()
    b.sync()
    converged(server, a, b)
    rows = dict(a.sql("SELECT code, is_deleted FROM customers WHERE code IN ('D1', 'D2')"))
    assert rows == {"D1": 0, "D2": 0}
    flagged = {(c.row_id, c.kind) for c in b.client.conflicts()}
    assert flagged == {(cid, "delete"), (cid2, "delete")}


def test_append_only_records_never_conflict(server: ServerProcess, laptops) -> None:
    a, b = laptops("mgr"), laptops("admin")
    a.sync()
    cid = new_customer(a, "A1", owner=a.user_id("rep1"))
    a.sync()
    b.sync()
    for i, lap in enumerate((a, b)):
        for j in range(3):
            lap.sql(
                "INSERT INTO payments (id, customer_id, received_on, amount, currency, method,"
                " created_at, updated_at, is_deleted) VALUES (:id, :c, '2026-02-01', :amt, 'CNY',"
                " 'TT', '2026-02-01 00:00:00.000000', '2026-02-01 00:00:00.000000', 0)",
                id=f"p-{i}-{j}",
                c=cid,
                amt=123456789012345 + i * 10 + j,  # 12 345 678 901.2345 CNY: exact to the fen
            )
    reports = [a.sync(), b.sync(), a.sync()]
    assert sum(r.conflicts for r in reports) == 0
    converged(server, a, b)
    amounts = sorted(
        r[0] for r in b.sql("SELECT amount FROM payments WHERE customer_id = :c", c=cid)
    )
    assert amounts == [
        123456789012345,
        123456789012346,
        123456789012347,
        123456789012355,
        123456789012356,
        123456789012357,
    ]
