"""Identifiers made on the device.

Every synced row gets a UUID version 7 (RFC 9562): 48 bits of Unix milliseconds followed by random
bits. Keys made offline on different laptops never collide, and because they start with the time
they sort in creation order, which keeps SQLite's B-tree inserts local.

``IdFactory`` lets the demo-data generator make the same ids from the same seed and clock, so the
same seed gives a byte-identical database.

Rows that are unique by a natural key *and* made on demand by the app (an appraisal per person and
period, its line per KPI, a KPI target per KPI, person and period) take :func:`keyed_id` instead:
the same key gives the same id on every laptop, so two laptops that make "the same" row offline
make one row, which the server merges field by field, instead of two rows the unique constraint
refuses one of.
"""

from __future__ import annotations

import os
import random
import time
import uuid


def _uuid7_from(ms: int, rand_a: int, rand_b: int) -> str:
    value = (ms & ((1 << 48) - 1)) << 80
    value |= 0x7 << 76
    value |= (rand_a & 0xFFF) << 64
    value |= 0b10 << 62
    value |= rand_b & ((1 << 62) - 1)
    return str(uuid.UUID(int=value))


def new_id() -> str:
    """A fresh time-ordered UUIDv7 as its canonical 36-character string."""
    raw = int.from_bytes(os.urandom(10), "big")
    return _uuid7_from(time.time_ns() // 1_000_000, raw >> 62, raw)


class IdFactory:
    """Reproducible UUIDv7 ids: the time part comes from the caller, the random part from a seed."""

    def __init__(self, seed: int) -> None:
        self._rng = random.Random(f"ids-{seed}")

    def make(self, ms: int) -> str:
        return _uuid7_from(ms, self._rng.getrandbits(12), self._rng.getrandbits(62))


#: The namespace of :func:`keyed_id`. Never change it: every keyed row ever made carries an id
#: derived from it, and a laptop with another namespace would make a second row for the same key.
KEYED_ID_NAMESPACE = uuid.UUID("4c4d34d8-0ec0-4658-b1f1-85ff60b82d15")


def keyed_id(table: str, *key: str) -> str:
    """The id of the row of ``table`` whose natural (unique) key is ``key``: a UUIDv5 of
    ``"table|part|part…"``, the same on every device, as its canonical 36-character string.

    Why: some rows are unique by a natural key and are made on demand — whoever first opens an
    appraisal, or first sets a target, makes the row. Two laptops offline can each make "the
    same" row; with random ids the server's unique constraint then rejected the second laptop's
    row, and with it everything written into it (a rep's self-assessment). With the id derived
    from the key both laptops make the *same* row: the server takes the second creation as a
    whole-row change of an existing row and merges it field by field (what that merge keeps of
    each side: ``tests/sync/test_keyed_rows.py``).

    Give the key parts exactly as the unique constraint compares them: ids as stored, a period
    in its canonical text (``Period.text``).

    Rows made before this rule keep their random ids, and no migration is needed: the services
    look a row up by its key (tombstones included) before making one and reuse what they find,
    so a key that already has a row on a laptop never gets a second, keyed, row there — the old
    id simply stays the id of that key. A keyed id is only made for a key that has no row on the
    laptop at all; it can meet an old random-id row only if the laptop made it offline before
    pulling a row another laptop made before this rule, which the server refuses exactly as it
    did before (no worse), and which cannot happen once everyone has synced.

    Unlike :func:`new_id` the id does not start with the time; these tables are small, so the
    scattered B-tree inserts cost nothing worth keeping a per-laptop id for.
    """
    if not key:
        raise ValueError("a keyed id needs the natural key")
    parts = [table, *key]
    for part in parts:
        if not isinstance(part, str) or not part or "|" in part:
            raise ValueError(f"keyed_id: a key part must be non-empty text without '|': {part!r}")
    return str(uuid.uuid5(KEYED_ID_NAMESPACE, "|".join(parts)))


def uuid7_time_ms(value: str) -> int:
    """The Unix milliseconds encoded in a UUIDv7 string."""
    return uuid.UUID(value).int >> 80
