"""Property: random creates, edits, deletes and syncs on three laptops — all replicas converge
and every change ends applied, in a conflict record, or rejected. Nothing vanishes."""

from __future__ import annotations

import uuid

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.sync.conftest import ServerProcess, converged, new_customer

pytestmark = pytest.mark.parametrize("backend", ["sqlite"], indirect=True)

FIELDS = ["notes", "city", "name_zh", "is_deleted"]
action = st.one_of(
    st.tuples(st.just("create"), st.integers(0, 2), st.integers(0, 3)),
    st.tuples(
        st.just("edit"),
        st.integers(0, 2),
        st.integers(0, 30),
        st.sampled_from(FIELDS),
        st.integers(0, 3),
    ),
    st.tuples(st.just("sync"), st.integers(0, 2)),
)


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(actions=st.lists(action, min_size=4, max_size=24))
def test_random_offline_edits_converge(server: ServerProcess, laptops, actions) -> None:
    run = uuid.uuid4().hex[:6]
    team = [laptops("mgr"), laptops("admin"), laptops("rep1")]
    for lap in team:
        lap.sync()
    owner = team[0].user_id("rep1")
    rows: list[str] = []
    made: list[tuple[int, str, str, object]] = []  # (laptop, row, field, value)
    for act in actions:
        if act[0] == "create":
            _, who, dup = act
            # Codes may collide on purpose (two laptops making "the same" customer): refused.
            code = f"{run}-{dup}" if dup == 0 else f"{run}-{uuid.uuid4().hex[:6]}"
            if code in {c for (c,) in team[who].sql("SELECT code FROM customers")}:
                continue
            rows.append(new_customer(team[who], code, owner=owner))
            made.append((who, rows[-1], "*", code))
        elif act[0] == "edit" and rows:
            _, who, pick, fld, val = act
            row = rows[pick % len(rows)]
            if not team[who].sql("SELECT 1 FROM customers WHERE id = :id", id=row):
                continue
            value: object = val % 2 if fld == "is_deleted" else f"{fld}-{who}-{val}"
            team[who].sql(f"UPDATE customers SET {fld} = :v WHERE id = :id", v=value, id=row)
            made.append((who, row, fld, value))
        elif act[0] == "sync":
            team[act[1]].sync()
    for _ in range(2):
        for lap in team:
            lap.sync()
    converged(server, *team)
    for lap in team:
        assert lap.client.pending_count() == 0
    # Every op pushed has a final outcome, and each losing value is somewhere a person sees it.
    for lap in team:
        for outcome in lap.outcomes:
            assert outcome.status in ("applied", "merged", "conflict", "rejected")
            if outcome.status == "rejected":
                assert outcome.op_id in {r.op_id for r in lap.client.rejected_changes()}
            if outcome.status == "conflict" and outcome.won is False:
                assert any(
                    c.row_id == outcome.row_id and c.mine == outcome.value
                    for c in lap.client.conflicts()
                )
