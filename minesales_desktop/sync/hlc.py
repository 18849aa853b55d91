"""Hybrid logical clock stamps: ``milliseconds << 16 | counter`` in one 64-bit integer.

Why one integer: SQLite triggers stamp changes without any Python function registered on the
connection (so changes made by any tool are captured), and ``max(last + 1, now << 16)`` is the whole
HLC "send" rule in SQL. Ties between equal stamps are broken by node id, so the order of any two
concurrent edits is the same on every machine.

A laptop's clock may be wrong by hours or days. The laptop learns the server's offset at every
``hello`` and adds it to its stamps; the server never lets a stamp lie in its future (it clamps to
its own clock), so a fast clock cannot make a device win every later conflict.
"""

from __future__ import annotations

import time

COUNTER_BITS = 16
COUNTER_MASK = (1 << COUNTER_BITS) - 1


def pack(ms: int, counter: int = 0) -> int:
    return (ms << COUNTER_BITS) | (counter & COUNTER_MASK)


def physical_ms(stamp: int) -> int:
    return stamp >> COUNTER_BITS


def wall_ms() -> int:
    return time.time_ns() // 1_000_000


def server_now() -> int:
    """The latest stamp the server accepts now: the end of the current millisecond."""
    return pack(wall_ms(), COUNTER_MASK)


def clamp_to_server(stamp: int, now: int | None = None) -> int:
    """A client stamp as the server records it: never later than the server's own clock."""
    limit = server_now() if now is None else now
    return min(stamp, limit)


def wins(stamp: int, node: str, other_stamp: int, other_node: str) -> bool:
    """Does (stamp, node) beat (other_stamp, other_node)? Deterministic total order."""
    return (stamp, node) > (other_stamp, other_node)


# SQL used by the capture triggers: SQLite's own clock in Unix milliseconds.
SQLITE_NOW_MS = "CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)"
