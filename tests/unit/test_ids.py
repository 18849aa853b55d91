"""Ids made on the device: time-ordered UUIDv7s, and keyed ids for rows unique by a natural key."""

from __future__ import annotations

import uuid

import pytest

from minesales_desktop.ids import KEYED_ID_NAMESPACE, keyed_id, new_id, uuid7_time_ms


def test_new_ids_are_uuid7_and_differ() -> None:
    a, b = new_id(), new_id()
    assert a != b
    assert len(a) == 36 and uuid.UUID(a).version == 7
    assert uuid7_time_ms(a) > 0


def test_a_keyed_id_is_stable_for_its_key_and_differs_between_keys() -> None:
    user, other = "0190f3a2-0000-7000-8000-000000000001", "0190f3a2-0000-7000-8000-000000000002"
    first = keyed_id("appraisals", user, "2026Q3")
    assert first == keyed_id("appraisals", user, "2026Q3")
    # A canonical 36-character UUID string, like every other id (String(36) columns).
    assert len(first) == 36 and str(uuid.UUID(first)) == first and uuid.UUID(first).version == 5
    # Fixed forever: a laptop on another release must make the same id for the same key.
    assert first == str(uuid.uuid5(KEYED_ID_NAMESPACE, f"appraisals|{user}|2026Q3"))
    assert str(KEYED_ID_NAMESPACE) == "4c4d34d8-0ec0-4658-b1f1-85ff60b82d15"
    others = {
        keyed_id("appraisals", user, "2026Q4"),
        keyed_id("appraisals", other, "2026Q3"),
        keyed_id("appraisals", user, "2026-07"),
        keyed_id("kpi_targets", user, "2026Q3"),  # another table, the same parts
        keyed_id("appraisals", f"{user}2026Q3"),  # parts are kept apart
    }
    assert first not in others and len(others) == 5


@pytest.mark.parametrize("key", [(), ("",), ("a|b",), (None,), (7,)])
def test_a_keyed_id_needs_a_clean_key(key: tuple[object, ...]) -> None:
    with pytest.raises(ValueError):
        keyed_id("appraisals", *key)  # type: ignore[arg-type]
