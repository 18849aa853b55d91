"""A sync says how many entries it filed in the conflict inbox — what the person will find in
the Sync menu — not how many push conflicts it had (a conflict this laptop won files nothing
here; the laptop that lost files its entry when it pulls)."""

from __future__ import annotations

import time

from tests.sync.conftest import ServerProcess, new_customer


def test_a_sync_counts_the_inbox_entries_it_filed(server: ServerProcess, laptops) -> None:
    a, b = laptops("mgr"), laptops("admin")
    a.sync()
    cid = new_customer(a, "IB1", owner=a.user_id("rep1"))
    a.sync()
    b.sync()
    for lap in (a, b):  # a hello without a sign-in: an offset unskewed by it
        lap.sync()
    a.sql("UPDATE customers SET notes = 'A 的备注' WHERE id = :id", id=cid)
    time.sleep(0.05)
    b.sql("UPDATE customers SET notes = 'B 的备注', city = '包头' WHERE id = :id", id=cid)

    first = a.sync()  # a pushes first: applied
    assert (first.conflicts, first.inbox) == (0, 0)
    second = b.sync()  # b's edit is newer: it wins at push, b's inbox stays empty
    assert (second.conflicts, second.inbox) == (1, 0)
    assert b.client.conflicts() == []
    pulled = a.sync()  # a pulls b's value and files the value it lost
    assert (pulled.conflicts, pulled.inbox) == (0, 1)
    assert [(c.field, c.mine, c.theirs) for c in a.client.conflicts()] == [
        ("notes", "A 的备注", "B 的备注")
    ]
    assert a.sync().inbox == 0, "a sync counts only what it filed"


def test_the_count_does_not_follow_the_laptops_clock(server: ServerProcess, laptops) -> None:
    """An entry filed while the laptop's clock ran a day fast (and closed since) has a
    ``detected_at`` in the future: later syncs must not count it again."""
    a = laptops("mgr")
    a.sync()
    a.sql(
        "INSERT INTO sync_conflicts (id, tbl, row_id, field, kind, mine_value, theirs_value,"
        " mine_hlc, theirs_hlc, mine_won, detected_at, resolved_at, resolution) VALUES"
        " ('c-fast', 'customers', 'r1', 'notes', 'value', '\"a\"', '\"b\"', 1, 2, 0,"
        " '2099-01-01 00:00:00.000000', '2099-01-01 00:00:01.000000', 'theirs')"
    )
    assert [a.sync().inbox for _ in range(2)] == [0, 0]
