"""Identifiers made on the device.

Every synced row gets a UUID version 7 (RFC 9562): 48 bits of Unix milliseconds followed by random
bits. Keys made offline on different laptops never collide, and because they start with the time
they sort in creation order, which keeps SQLite's B-tree inserts local.

``IdFactory`` lets the demo-data generator make the same ids from the same seed and clock, so the
same seed gives a byte-identical database.
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


def uuid7_time_ms(value: str) -> int:
    """The Unix milliseconds encoded in a UUIDv7 string."""
    return uuid.UUID(value).int >> 80
